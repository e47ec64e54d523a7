"""Compile and check the gettext catalogs without needing GNU gettext installed.

python scripts/translations.py compile   # every .po → .mo (build output, not committed)
python scripts/translations.py check     # fail on untranslated, fuzzy or mismatched entries
"""

import re
import sys
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


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "compile":
        compile_catalogs()
    elif command == "check":
        sys.exit(check_catalogs())
    else:
        sys.exit(__doc__)
