"""The admin screens translators, reviewers and editors use read in Spanish, Wagtail's own strings included.

Wagtail's and wagtail-localize's Spanish catalogs lack many of their 8.0 strings; libraries/locale
supplies them. The English strings below were found by rendering these screens in Spanish.
"""

import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from wagtail.users.models import UserProfile

from blog.models import QAPostPage
from home.models import HomePage
from learning.models import ModulePage

pytestmark = pytest.mark.django_db

ENGLISH = [
    "Privacy and access",
    "Search all pages",
    "created in",
    "Show filters",
    "Filter by",
    "Keyboard shortcut",
    "First published",
    "Edited by",
    "Has child pages",
    "Page type",
    "Date updated",
    "More options for",
    "Sort by",
    "To be created by",
    "Autosave is",
    "Content metrics",
    "Reading time",
    "have been submitted for moderation",
    "Usage count",
    "Referenced",
    "Locked by",
    "By task",
    "By workflow",
    "Search…",
    "There are no results",
    "Use server language",
    "Use server time zone",
    "System default",
    "More contrast",
    "Go to the first error",
]


def screens():
    english_home = HomePage.objects.get(locale__language_code="en")
    spanish_home = HomePage.objects.get(locale__language_code="es")
    english_post = QAPostPage.objects.filter(locale=english_home.locale).first()
    spanish_post = english_post.get_translation(spanish_home.locale)
    spanish_module = ModulePage.objects.filter(locale=spanish_home.locale).first()
    return {
        "dashboard": "/admin/",
        "explorer": f"/admin/pages/{spanish_home.pk}/",
        "search": "/admin/pages/search/?q=familia",
        "page editor": f"/admin/pages/{english_post.pk}/edit/",
        "translation editor": f"/admin/pages/{spanish_post.pk}/edit/",
        "module translation": f"/admin/pages/{spanish_module.pk}/edit/",
        "new page": f"/admin/pages/add/home/standardpage/{spanish_home.pk}/",
        "history": f"/admin/pages/{spanish_post.pk}/history/",
        "usage": f"/admin/pages/{spanish_post.pk}/usage/",
        "workflow report": "/admin/reports/workflow/",
        "workflow tasks": "/admin/reports/workflow_tasks/",
        "locked pages": "/admin/reports/locked/",
        "site history": "/admin/reports/site-history/",
        "translation status": "/admin/translation-workflow/status/",
        "snippets": "/admin/snippets/blog/topic/",
        "images": "/admin/images/",
        "media": "/admin/media/",
        "account": "/admin/account/",
    }


def visible_text(html):
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup(["script", "style", "template"]):
        hidden.decompose()
    attributes = [
        value
        for tag in soup.find_all(True)
        for name in ("placeholder", "title", "aria-label")
        if isinstance(value := tag.get(name), str)
    ]
    return " ".join(" ".join([soup.get_text(" "), *attributes]).split())


def test_the_spanish_admin_has_no_english_of_wagtails_own(client, demo):
    seen = set()
    english_found = {}
    for username in ("translator", "reviewer", "editor"):
        user = get_user_model().objects.get(username=username)
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "es"
        profile.save()
        client.force_login(user)
        for label, url in screens().items():
            response = client.get(url)
            if response.status_code != 200:
                continue  # not this role's screen
            seen.add(label)
            text = visible_text(response.content.decode())
            found = [english for english in ENGLISH if english in text]
            if found:
                english_found[f"{username}: {label}"] = found
    assert seen == set(screens()), "every screen was rendered by at least one role"
    assert english_found == {}


def test_the_translation_editor_heading_and_machine_button_read_in_spanish(client, demo):
    translator = get_user_model().objects.get(username="translator")
    profile = UserProfile.get_for_user(translator)
    profile.preferred_language = "es"
    profile.save()
    client.force_login(translator)
    spanish_post = QAPostPage.objects.filter(locale__language_code="es").first()
    soup = BeautifulSoup(client.get(f"/admin/pages/{spanish_post.pk}/edit/").content, "html.parser")
    # The editor's JavaScript writes "Inglés to Español translation"; the page replaces it with this.
    assert json.loads(soup.select_one("#translation-heading").get_text()) == "Traducción: Inglés → Español"
    # The button reads "Translate with " + the translator's name: the Spanish keeps the space.
    catalog = client.get("/admin/localize/jsi18n/").content.decode()
    assert '"Translate with ": "Traducir con "' in catalog
