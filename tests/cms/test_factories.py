"""Every factory in tests/<app>/factories.py builds an object that passes its model's validation, and
every page type of ours has a factory: a test that starts from a factory starts from a valid site."""

import importlib
import inspect
from pathlib import Path

import factory
import pytest
from wagtail.models import Page, get_page_models

TESTS = Path(__file__).resolve().parents[1]
OUR_APPS = {"cms", "home", "members", "learning", "blog", "comments", "safety", "meetings", "translation_workflow"}


def all_factories():
    for path in sorted(TESTS.glob("*/factories.py")):
        module = importlib.import_module(f"tests.{path.parent.name}.factories")
        for _name, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, factory.base.Factory) and value.__module__ == module.__name__:
                yield value


@pytest.mark.django_db
@pytest.mark.parametrize("model_factory", list(all_factories()), ids=lambda model_factory: model_factory.__name__)
def test_every_factory_builds_a_valid_object(model_factory):
    instance = model_factory()
    instance.full_clean()
    assert type(instance).objects.filter(pk=instance.pk).exists()
    # Twice, so what must be unique (slugs, numbers among siblings) is made unique.
    model_factory().full_clean()


def test_every_page_type_has_a_factory():
    made = {model_factory._meta.model for model_factory in all_factories()}
    ours = {model for model in get_page_models() if model._meta.app_label in OUR_APPS and model is not Page}
    assert ours - made == set()
