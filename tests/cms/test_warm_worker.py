"""A new app server worker does its one-time work before its first request (cms/warm_worker.py)."""

import gc

from django.template import engines

from cms.warm_worker import warm


def test_warm_compiles_the_site_templates_without_the_database():
    engine = engines["django"].engine
    # No django_db mark: pytest-django fails any query, as a worker must start while PostgreSQL is down.
    compiled = warm()
    try:
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
    assert compiled > 100
    # The cached loader now holds them: the base page and a content app's page come back compiled.
    kept = engine.template_loaders[0].get_template_cache
    assert {"base.html", "blog/qa_post_page.html"} <= set(kept)
