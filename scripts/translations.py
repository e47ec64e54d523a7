"""Compile and check the gettext catalogs without needing GNU gettext installed.

python scripts/translations.py compile   # every .po → .mo (build output, not committed)
python scripts/translations.py check     # fail on untranslated, fuzzy or mismatched entries
python scripts/translations.py check-extracted  # fail on source strings missing from the catalogs
"""

import ast
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdif]|%[sdif]|\{(\w*)\}")


def catalogs():
    for po_path in sorted(ROOT.glob("**/locale/*/LC_MESSAGES/*.po")):
        if ".venv" not in po_path.parts:
            yield po_path


def compile_catalogs():
    for po_path in catalogs():
        polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
        print(f"compiled {po_path.relative_to(ROOT)}")


def placeholders(text):
    return sorted(match.group(0) for match in PLACEHOLDER.finditer(text))


def problems(po):
    if po.metadata_is_fuzzy:
        yield "fuzzy header", polib.POEntry(msgid="")
    for entry in po:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            yield "fuzzy", entry
        elif entry.msgid_plural:
            if not all(entry.msgstr_plural.values()):
                yield "untranslated", entry
            elif any(placeholders(s) != placeholders(entry.msgid_plural) for s in entry.msgstr_plural.values()):
                yield "placeholders differ", entry
        elif not entry.msgstr:
            yield "untranslated", entry
        elif "python-format" in entry.flags and placeholders(entry.msgstr) != placeholders(entry.msgid):
            yield "placeholders differ", entry


def check_catalogs():
    failures = 0
    for po_path in catalogs():
        for problem, entry in problems(polib.pofile(str(po_path))):
            failures += 1
            print(f"{po_path.relative_to(ROOT)}: {problem}: {entry.msgid!r}")
    if failures:
        print(f"{failures} catalog entries need a translator's attention.")
        return 1
    print("Every catalog entry is translated.")
    return 0


# What `make messages` leaves out, and what a temporary copy of the project never needs.
NOT_EXTRACTED = {".venv", ".git", "tests", "scripts", "bench", "staticfiles", "media", "test-media", "node_modules"}


def _source_copy(destination):
    """The project's code, templates and locale folders (catalogs removed) under `destination`."""

    def ignore(folder, names):
        skipped = {name for name in names if name in NOT_EXTRACTED or name.startswith(".")}
        if Path(folder).name == "LC_MESSAGES":
            skipped |= {name for name in names if name.endswith((".po", ".mo"))}
        return skipped

    for item in ROOT.iterdir():
        if item.is_dir() and item.name not in NOT_EXTRACTED and not item.name.startswith("."):
            shutil.copytree(item, destination / item.name, ignore=ignore)
        elif item.name == "manage.py":
            shutil.copy2(item, destination / item.name)


def _key(entry):
    return (entry.msgctxt or None, entry.msgid)


# The gettext functions as Django's makemessages tells xgettext about them, with where the
# context and the message sit among their arguments.
GETTEXT_CALLS = {
    **dict.fromkeys(["_", "gettext", "gettext_lazy", "gettext_noop", "ngettext", "ngettext_lazy"], (None, 0)),
    **dict.fromkeys(["pgettext", "pgettext_lazy", "npgettext", "npgettext_lazy"], (0, 1)),
}


def _gettext_calls(path):
    """(context, msgid, line) of each gettext call with literal strings in a Python file, as Python reads it.

    Python sees calls that xgettext skips, such as `gettext("Staff")` inside an f-string.
    """
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        if name not in GETTEXT_CALLS:
            continue
        context_index, message_index = GETTEXT_CALLS[name]
        literals = [arg.value if isinstance(arg, ast.Constant) else None for arg in node.args]
        if len(literals) <= message_index or not isinstance(literals[message_index], str):
            continue  # a variable: nothing to extract
        context = literals[context_index] if context_index is not None else None
        yield context, literals[message_index], node.lineno


def check_extracted():
    """Extract every message as `make messages` would, into a temporary copy, and compare.

    `translations.py check` only sees what is already in a catalog; a `gettext()` call xgettext
    cannot read (inside an f-string, say) or a string nobody extracted never reaches one and stays
    English in /es/. Each extracted msgid must be in the committed catalog of the same locale
    folder, translated.
    """
    if shutil.which("xgettext") is None:
        print("xgettext is missing: install GNU gettext (scripts/system-packages gettext).")
        return 2
    with tempfile.TemporaryDirectory(prefix="craft-messages-") as temporary:
        copy = Path(temporary)
        _source_copy(copy)
        environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test", "PYTHONDONTWRITEBYTECODE": "1"}
        command = [sys.executable, "manage.py", "makemessages", "--locale", "es", "--no-location", "--no-obsolete"]
        subprocess.run(command, cwd=copy, env=environment, check=True, stdout=subprocess.DEVNULL)  # noqa: S603
        failures = 0
        extracted_keys = set()
        for extracted_path in copy.glob("**/locale/*/LC_MESSAGES/django.po"):
            extracted_keys |= {_key(entry) for entry in polib.pofile(str(extracted_path))}
        for source in sorted(copy.glob("**/*.py")):
            for context, msgid, line in _gettext_calls(source):
                if (context, msgid) not in extracted_keys:
                    failures += 1
                    print(f"{source.relative_to(copy)}:{line}: xgettext cannot see {msgid!r} (bind it to a name first)")
        for extracted_path in sorted(copy.glob("**/locale/*/LC_MESSAGES/django.po")):
            relative = extracted_path.relative_to(copy)
            committed_path = ROOT / relative
            committed = {}
            if committed_path.exists():
                committed = {_key(entry): entry for entry in polib.pofile(str(committed_path)) if not entry.obsolete}
            for entry in polib.pofile(str(extracted_path)):
                found = committed.get(_key(entry))
                if found is None:
                    problem = "not in the catalog"
                elif found.msgid_plural != entry.msgid_plural:
                    problem = "plural form differs"
                elif not (all(found.msgstr_plural.values()) if found.msgid_plural else found.msgstr):
                    problem = "untranslated"
                elif "fuzzy" in found.flags:
                    problem = "fuzzy"
                else:
                    continue
                failures += 1
                print(f"{relative}: {problem}: {entry.msgid!r}")
    if failures:
        print(f"{failures} source strings have no Spanish: add them to the catalogs named above.")
        return 1
    print("Every source string is in its catalog, translated.")
    return 0


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "compile":
        compile_catalogs()
    elif command == "check":
        sys.exit(check_catalogs())
    elif command == "check-extracted":
        sys.exit(check_extracted())
    else:
        sys.exit(__doc__)
