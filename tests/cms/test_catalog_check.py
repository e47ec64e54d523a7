"""`translations.py check-extracted` sees the gettext calls xgettext misses (run by `make test`)."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("translations", ROOT / "scripts" / "translations.py")
translations = importlib.util.module_from_spec(spec)
spec.loader.exec_module(translations)


def test_gettext_inside_an_f_string_is_found(tmp_path):
    source = tmp_path / "rendering.py"
    source.write_text(
        "from django.utils.translation import gettext, pgettext\n"
        "badge = f'<b>{gettext(\"Staff\")}</b>'\n"
        "label = pgettext('comment action', 'Report')\n"
        "name = gettext(variable)\n",
        encoding="utf-8",
    )
    found = sorted(translations._gettext_calls(source), key=lambda call: call[2])
    assert found == [(None, "Staff", 2), ("comment action", "Report", 3)]
