"""What wagtail-localize does with each field of a model: translate it, or keep it in step.

`translatable_fields` lists read as a table of the model's fields. These two build its rows, so a
model says once which fields every language shares and whether a translation may override them.
"""

from wagtail_localize.fields import SynchronizedField, TranslatableField


def translated(*names):
    """Fields a translator writes in the other language: text, slugs, and links to translated objects."""
    return [TranslatableField(name) for name in names]


def synchronized(*names, overridable=True):
    """Fields copied from the source to every translation (numbers, dates, media, ordering).

    With `overridable=False` a translation cannot change them: facts that must agree in every
    language, such as an episode's number or a meeting's time.
    """
    return [SynchronizedField(name, overridable=overridable) for name in names]
