"""Machine translation never receives member-written text.

Machine translators (DeepL, the dummy) only ever see wagtail-localize segments, and segments exist
only for translatable models (pages and snippets with `TranslatableMixin`). So the guarantee is:
no model holding text written by a member is translatable. Comments (django-comments-xtd), members'
questions and journal entries are plain models. This check fails `manage.py check` (and the test
suite) if that ever changes: a translatable model may not point at an author, and a model may
declare `member_written = True` to say it holds members' words whatever its fields are (an error).
A link to a user is a warning: it may name a staff author, which a person has to confirm. A
staff-published page that quotes a member lists the quoting fields in `member_written_fields`
instead; machine.py keeps those fields away from machine translation.
"""

from django.apps import apps
from django.conf import settings
from django.core import checks
from wagtail.models import Page, TranslatableMixin

# Wagtail's own bookkeeping links to users (page owner, lock holder, revision authors) name the
# staff who edited the content, not someone who wrote it as a member.
WAGTAIL_USER_FIELDS = {field.name for field in Page._meta.get_fields()} | {"locked_by", "owner"}


def member_written_reasons(model):
    """(reason, certain) pairs: why `model` looks like it holds member-written text."""
    if getattr(model, "member_written", False):
        yield "it declares member_written = True", True
    if hasattr(model, "member_written_fields"):
        return  # the model names its quoting fields, and machine.py never sends them
    for field in model._meta.get_fields():
        related = getattr(field, "related_model", None)
        if (
            field.is_relation
            and (field.many_to_one or field.one_to_one)
            and related is not None
            and related._meta.label == settings.AUTH_USER_MODEL
            and field.name not in WAGTAIL_USER_FIELDS
        ):
            yield f"its field {field.name!r} links it to a user who may have written it", False


@checks.register()
def member_written_text_is_never_translatable(app_configs=None, **kwargs):
    errors = []
    for model in apps.get_models():
        if not issubclass(model, TranslatableMixin):
            continue
        for reason, certain in member_written_reasons(model):
            message = (
                f"{model._meta.label} is translatable but {reason}: its text would be sent to machine translation."
            )
            hint = "Keep members' text in a model without TranslatableMixin."
            if certain:
                errors.append(checks.Error(message, hint=hint, obj=model, id="translation_workflow.E001"))
            else:
                errors.append(checks.Warning(message, hint=hint, obj=model, id="translation_workflow.W001"))
    return errors
