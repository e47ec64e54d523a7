"""Site search's own index, per language: models, PostgreSQL text-search configurations, seeds.

On PostgreSQL: the `unaccent` and `pg_trgm` extensions (contrib, shipped with the server packages;
both are trusted extensions, so the database owner may create them); `craft_en` and `craft_es`,
each a copy of the language's configuration whose words pass through `unaccent` before the
Snowball stemmer (accents and capitals never matter); a GIN index on the weighted document and a
trigram index on the vocabulary for "Did you mean ...?". SQLite gets the tables only.

The synonyms are the words families use (cms.SearchSynonym, kept by editors in the admin).
"""

import re

import django.contrib.postgres.search
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from cms.search_text import fold


CONFIGURATIONS = {"craft_en": ("english", "english_stem"), "craft_es": ("spanish", "spanish_stem")}

SYNONYMS = {
    "en": [
        "relapse\nusing again\nsetback\nslip\nlapse\nreturn to use\nstarted again",
        "treatment\nrehab\nrehabilitation\ndetox\nrecovery program",
        "son\ndaughter\nchild\nkid\nteenager\nyoung adult",
        "drinking\nalcohol\nbooze\ndrunk",
        "drug\nsubstance\npills\nopioid",
        "talk\nconversation\ncommunicate\ncommunication",
        "partner\nhusband\nwife\nspouse\nboyfriend\ngirlfriend",
        "self-care\ntaking care of yourself\nburnout\nexhausted\nstress",
        "overdose\nnaloxone\nnarcan",
        "addiction\naddicted\nsubstance use\nsubstance use disorder",
        "anger\nangry\nfight\narguing\nconflict",
        "reward\npraise\nreinforce\nreinforcement",
        "meeting\nsupport group\ngroup",
    ],
    "es": [
        "recaída\nvolver a consumir\nvolvió a consumir\nretroceso\ndesliz\ntropiezo",
        "tratamiento\nrehabilitación\nrehab\ndesintoxicación\ncentro de tratamiento",
        "hijo\nhija\nniño\nmuchacho\nadolescente\njoven",
        "beber\nalcohol\nbebida\ntomar\nborracho",
        "droga\nsustancia\npastillas\nopioide",
        "hablar\nconversación\nconversar\ncomunicación\ncomunicarse",
        "pareja\nesposo\nesposa\nmarido\nnovio\nnovia",
        "autocuidado\ncuidarse\ncuidado personal\nagotamiento\nestrés",
        "sobredosis\nnaloxona\nnarcan",
        "adicción\nadicto\nconsumo de sustancias\ntrastorno por consumo de sustancias",
        "enojo\nenojado\npelea\ndiscusión\nconflicto",
        "recompensa\npremio\nreforzar\nrefuerzo\nelogio",
        "reunión\ngrupo de apoyo\ngrupo",
    ],
}


def create_search_configurations(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, (source, stemmer) in CONFIGURATIONS.items():
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")
        schema_editor.execute(f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = {source})")
        schema_editor.execute(
            f"ALTER TEXT SEARCH CONFIGURATION {name} ALTER MAPPING FOR asciiword, asciihword, hword_asciipart,"
            f" word, hword, hword_part WITH unaccent, {stemmer}"
        )
    schema_editor.execute("CREATE INDEX cms_searchentry_document_gin ON cms_searchentry USING GIN (document)")
    schema_editor.execute("CREATE INDEX cms_searchword_word_trgm ON cms_searchword USING GIN (word gin_trgm_ops)")


def drop_search_configurations(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in CONFIGURATIONS:
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")


def seed_synonyms(apps, schema_editor):
    """The synonyms, and their words in the vocabulary "Did you mean ...?" proposes from."""
    SearchSynonym = apps.get_model("cms", "SearchSynonym")
    SearchWord = apps.get_model("cms", "SearchWord")
    for language, groups in SYNONYMS.items():
        for terms in groups:
            SearchSynonym.objects.get_or_create(language=language, terms=terms)
            words = {fold(word): word for word in re.findall(r"[^\W\d_]+", terms.lower()) if len(word) >= 3}
            SearchWord.objects.bulk_create(
                [SearchWord(language=language, word=word, display=display) for word, display in words.items()],
                ignore_conflicts=True,
            )


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0006_crisis_resource_call_and_text"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchSynonym",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "language",
                    models.CharField(
                        choices=[("en", "English"), ("es", "Spanish")], max_length=8, verbose_name="language"
                    ),
                ),
                (
                    "terms",
                    models.TextField(
                        help_text="One word or phrase per line, for example relapse, using again, setback. Capitals, accents and plurals do not matter.",
                        verbose_name="words and phrases",
                    ),
                ),
            ],
            options={
                "verbose_name": "search synonym",
                "verbose_name_plural": "search synonyms",
                "ordering": ["language", "terms"],
            },
        ),
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                (
                    "page",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to=settings.WAGTAIL_PAGE_MODEL,
                    ),
                ),
                ("title", models.TextField()),
                ("text", models.TextField(blank=True)),
                ("document", django.contrib.postgres.search.SearchVectorField(null=True)),
                ("title_terms", models.TextField(blank=True)),
                ("topic_terms", models.TextField(blank=True)),
                ("body_terms", models.TextField(blank=True)),
                (
                    "locale",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="+", to="wagtailcore.locale"
                    ),
                ),
            ],
            options={
                "verbose_name": "search entry",
                "verbose_name_plural": "search entries",
            },
        ),
        migrations.CreateModel(
            name="SearchWord",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("language", models.CharField(max_length=8)),
                ("word", models.CharField(max_length=60)),
                ("display", models.CharField(max_length=60)),
            ],
            options={
                "constraints": [models.UniqueConstraint(fields=("language", "word"), name="cms_searchword_unique")],
            },
        ),
        migrations.RunPython(create_search_configurations, drop_search_configurations, elidable=False),
        migrations.RunPython(seed_synonyms, migrations.RunPython.noop, elidable=False),
    ]
