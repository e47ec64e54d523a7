"""Rich-text links to exercises that render as plain text when the exercise is gone.

Editors link to an exercise the way staff already cite it: by its short route,
`/learning/exercises/16/`, typed as the link's URL in the ordinary link dialog. On save the link is
stored as a reference to the exercise itself, `<a linktype="exercise" id="42">`, so it keeps
pointing at the same exercise through renames and renumbering, shows up in the exercise's usage
in the admin, and on the site links to the exercise in the visitor's language while it is
published. An unpublished or deleted exercise renders as `<a>` without href: plain text, never a
link to a 404. A number no exercise has yet is kept by number (`<a linktype="exercise"
number="99">`) and links once that exercise is published.
"""

import re

from django.db.models import Q
from django.utils.html import escape
from draftjs_exporter.dom import DOM
from wagtail.admin.rich_text.converters.contentstate import link_entity
from wagtail.admin.rich_text.converters.html_to_contentstate import LinkElementHandler
from wagtail.rich_text import LinkHandler

from cms.locales import active_locale, default_locale

from .models import Exercise

# The short route, with or without a language prefix: /learning/exercises/16/, /es/learning/exercises/16/.
SHORT_ROUTE = re.compile(r"^(?:/[a-z]{2}(?:-[a-z]{2,4})?)?/learning/exercises/(?P<number>\d+)/?$")


def short_route(number):
    return f"/learning/exercises/{number}/"


class ExerciseLinkHandler(LinkHandler):
    identifier = "exercise"

    @staticmethod
    def get_model():
        return Exercise

    @classmethod
    def expand_db_attributes(cls, attrs):
        return cls.expand_db_attributes_many([attrs])[0]

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        """One `<a>` per link, in a fixed number of queries however many links the text holds."""
        from .references import learning_index_for_language

        chosen = Exercise.objects.in_bulk([attrs["id"] for attrs in attrs_list if attrs.get("id", "").isdigit()])
        keys = {exercise.translation_key for exercise in chosen.values()}
        numbers = {int(attrs["number"]) for attrs in attrs_list if attrs.get("number", "").isdigit()}
        active, default = active_locale(), default_locale()
        by_key, by_number = {}, {}
        # The visitor's language first, then the default one, as the exercise page itself falls back.
        for locale in (default, active):
            for exercise in Exercise.objects.filter(locale=locale, live=True).filter(
                Q(translation_key__in=keys) | Q(number__in=numbers)
            ):
                by_key[exercise.translation_key] = exercise
                by_number[exercise.number] = exercise
        index = learning_index_for_language() if by_key else None  # no query when nothing links
        links = []
        for attrs in attrs_list:
            source = chosen.get(int(attrs["id"])) if attrs.get("id", "").isdigit() else None
            if source is not None:
                target = by_key.get(source.translation_key)
            elif attrs.get("number", "").isdigit() and not attrs.get("id"):
                target = by_number.get(int(attrs["number"]))
            else:
                target = None
            if target is None or index is None:
                links.append("<a>")
            else:
                url = index.url + index.reverse_subpage("exercise", args=[target.number])
                links.append(f'<a href="{escape(url)}">')
        return links

    @classmethod
    def extract_references(cls, attrs):
        if attrs.get("id", "").isdigit():
            yield Exercise, attrs["id"], "", ""


class ExerciseLinkElementHandler(LinkElementHandler):
    """Shows a stored exercise link to the editor as the short route they typed."""

    def get_attribute_data(self, attrs):
        number = attrs.get("number")
        if attrs.get("id", "").isdigit():
            exercise = Exercise.objects.filter(pk=attrs["id"]).only("number").first()
            number = exercise.number if exercise is not None else None
        return {"url": short_route(number) if number else ""}


def exercise_aware_link_entity(props):
    """Wagtail's LINK entity decorator, storing a link to an exercise's short route as a reference."""
    match = SHORT_ROUTE.match(props.get("url") or "") if props.get("id") is None else None
    if match is None:
        return link_entity(props)
    number = int(match["number"])
    default = default_locale()
    exercise = (
        Exercise.objects.filter(number=number, locale=default).first()
        or Exercise.objects.filter(number=number).order_by("pk").first()
    )
    attrs = {"linktype": "exercise"}
    if exercise is not None:
        attrs["id"] = str(exercise.pk)
    else:
        attrs["number"] = str(number)
    return DOM.create_element("a", attrs, props["children"])
