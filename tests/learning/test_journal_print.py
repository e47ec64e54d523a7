"""The journal as a page to print or save as a PDF: only the journal on paper, dated, both languages."""

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings

from learning.journal import save_journal_entry

pytestmark = pytest.mark.django_db


def test_the_journal_page_carries_a_dated_heading_for_print_and_a_hint(a_course, an_exercise, client, a_member):
    save_journal_entry(a_member, an_exercise, {an_exercise.questions[0].id: "We laughed at dinner."}, True)
    client.force_login(a_member)
    page = BeautifulSoup(client.get("/learning/journal/").content, "html.parser")
    assert page.select_one(".journal-print-date").get_text().startswith("The journal of ana, as it was on ")
    assert "Save as PDF" in page.select_one(".journal-print-hint").get_text()
    assert "We laughed at dinner." in page.select_one(".journal-entry").get_text()


def test_the_print_stylesheet_leaves_only_the_journal_on_paper():
    css = (Path(settings.BASE_DIR) / "cms/static/css/site.css").read_text()
    print_rules = css[css.index("@media print") :]
    hidden_on_paper = print_rules.split("{")[1]
    for hidden in (".site-header", ".site-footer", ".journal-print-hint", ".journal-entry__edit", "nav", "form"):
        assert hidden in hidden_on_paper
    assert ".journal-print-date { display: block; }" in print_rules
