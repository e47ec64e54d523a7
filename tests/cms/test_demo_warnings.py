"""Loading the demo prints nothing a newcomer could read as a failure."""

import warnings

import pytest
from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning
from django.core.management import call_command

from cms.translation import quiet_links_read_as_text

pytestmark = pytest.mark.django_db


def test_loading_the_demo_emits_no_warnings(django_capture_on_commit_callbacks):
    with warnings.catch_warnings(record=True) as caught:
        # Every warning counts, as in `make run`, with only the project's own filter in place.
        warnings.resetwarnings()
        warnings.simplefilter("always")
        quiet_links_read_as_text()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("load_demo_content", "--force")
    # Python hides these categories unless asked for (they are for whoever upgrades a library or
    # profiles file handles); every other warning is printed by `make run`.
    hidden_by_python = (DeprecationWarning, PendingDeprecationWarning, ImportWarning, ResourceWarning)
    shown = [warning for warning in caught if not issubclass(warning.category, hidden_by_python)]
    assert [f"{warning.category.__name__}: {warning.message} ({warning.filename})" for warning in shown] == []


def test_the_filter_is_narrow_other_code_still_hears_beautifulsoup():
    with warnings.catch_warnings(record=True) as caught:
        warnings.resetwarnings()
        warnings.simplefilter("always")
        quiet_links_read_as_text()
        BeautifulSoup("https://example.org/", "html.parser")
    assert [warning.category for warning in caught] == [MarkupResemblesLocatorWarning]
