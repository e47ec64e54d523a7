"""Machine translation that never sees member-written text.

Only wagtail-localize segments of pages and snippets reach a machine translator, and models that
hold members' text are not translatable (checks.py). A few staff-published pages quote a member
(a Q&A post prints the member's question): such a model lists the quoting fields in
`member_written_fields`, and their segments are skipped here, left for a human translator.
"""

import json
from collections import defaultdict

from django.db import transaction
from wagtail_localize.models import StringTranslation
from wagtail_localize.segments import StringSegmentValue


def member_written_fields(model):
    return set(getattr(model, "member_written_fields", ()))


def segments_for_machine(translation):
    """{StringValue: [(string id, context id)]} of the untranslated segments a machine may see."""
    excluded = member_written_fields(translation.source.specific_content_type.model_class())
    already_translated = set(
        StringTranslation.objects.filter(
            locale=translation.target_locale, context__object_id=translation.source.object_id
        ).values_list("translation_of_id", "context_id")
    )
    segments = defaultdict(list)
    for string_segment in translation.source.stringsegment_set.select_related("context", "string").order_by("order"):
        if string_segment.context.path.split(".")[0] in excluded:
            continue
        if (string_segment.string_id, string_segment.context_id) in already_translated:
            continue
        segment = StringSegmentValue(string_segment.context.path, string_segment.string.as_value())
        if string_segment.attrs:
            segment.attrs = json.loads(string_segment.attrs)
        segments[segment.string].append((string_segment.string_id, string_segment.context_id))
    return segments


def machine_translate(translation, user, translator):
    """Draft the untranslated, non-member segments with `translator`; returns how many were filled."""
    if not translator.can_translate(translation.source.locale, translation.target_locale):
        return 0
    segments = segments_for_machine(translation)
    if not segments:
        return 0
    results = translator.translate(translation.source.locale, translation.target_locale, segments.keys())
    filled = 0
    with transaction.atomic():
        for string, contexts in segments.items():
            result = results.get(string)
            if result is None or result.data is None:
                continue
            for string_id, context_id in contexts:
                _, created = StringTranslation.objects.get_or_create(
                    translation_of_id=string_id,
                    locale=translation.target_locale,
                    context_id=context_id,
                    defaults={
                        "data": result.data,
                        "translation_type": StringTranslation.TRANSLATION_TYPE_MACHINE,
                        "tool_name": translator.display_name,
                        "last_translated_by": user,
                    },
                )
                filled += created
    return filled
