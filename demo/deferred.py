"""The search and reference index brought up to date once per object, when the demo is loaded.

Every save of a page or snippet enqueues Wagtail's two index tasks, and the immediate task backend
(django-tasks, as configured for dev and tests) runs them on the spot: the demo saves each page
three to five times (added, revised, published, translated, synced), so two thirds of that work was
thrown away by the next save. Within `index_updates_at_the_end()` those two tasks are collected for
pages and translatable snippets and each object's run once when the block ends, from its final
state; every other task still runs as it is enqueued.

Only translatable objects wait: the loader never changes them behind a save (`QuerySet.update`), so
their final state is the one their last save indexed, and the index comes out as it did at every
save. A question submission, say, has its assignment set by `update()` after its save; indexing
it at the end would record a reference the saved one never had.
"""

from contextlib import contextmanager

from asgiref.local import Local
from django.apps import apps
from wagtail.models import TranslatableMixin

_active = Local()


def deferred_tasks():
    from modelsearch.tasks import insert_or_update_object_task
    from wagtail.tasks import update_reference_index_task

    return (insert_or_update_object_task, update_reference_index_task)


@contextmanager
def index_updates_at_the_end():
    """Run the search and reference index tasks enqueued in the block once per object, at its end.

    Re-entrant: an inner block leaves the work to the outermost one. When the block raises,
    nothing is indexed (the load's transaction is rolled back or the command has failed).
    """
    if getattr(_active, "pending", None) is not None:
        yield
        return
    tasks = deferred_tasks()
    paths = {task.module_path for task in tasks}
    backends = {id(task.get_backend()): task.get_backend() for task in tasks}.values()
    pending = {}

    def collecting(backend, enqueue):
        def enqueue_later(task, args, kwargs):
            if task.module_path not in paths or not translatable(*args[:2]):
                return enqueue(task, args, kwargs)
            key = (task.module_path, tuple(args), tuple(sorted(kwargs.items())))
            pending.pop(key, None)
            pending[key] = (task, args, kwargs)
            return None

        return enqueue_later

    originals = {}
    for backend in backends:
        originals[backend] = backend.__dict__.get("enqueue")
        backend.enqueue = collecting(backend, backend.enqueue)
    _active.pending = pending
    try:
        yield
    finally:
        for backend, original in originals.items():
            if original is None:
                del backend.enqueue
            else:
                backend.enqueue = original
        _active.pending = None
    for task, args, kwargs in still_there(pending.values()):
        task.enqueue(*args, **kwargs)


def translatable(app_label, model_name):
    return issubclass(apps.get_model(app_label, model_name), TranslatableMixin)


def still_there(queued):
    """The queued (task, args, kwargs) whose object (app label, model name, pk) still exists.

    An object saved and then deleted in the block was indexed and unindexed at the time; its task
    now would only fail.
    """
    queued = list(queued)
    by_model = {}
    for _task, args, _kwargs in queued:
        app_label, model_name, pk = args
        by_model.setdefault((app_label, model_name), set()).add(pk)
    existing = set()
    for (app_label, model_name), pks in by_model.items():
        model = apps.get_model(app_label, model_name)
        found = model.objects.filter(pk__in=pks).values_list("pk", flat=True)
        existing |= {(app_label, model_name, str(pk)) for pk in found}
    return [(task, args, kwargs) for task, args, kwargs in queued if tuple(args) in existing]
