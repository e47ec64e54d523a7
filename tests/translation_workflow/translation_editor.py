"""The translator's hands in wagtail-localize's editor, shared by the browser journeys."""

import re

import polib
from playwright.sync_api import expect


def translate_then_submit(page, tmp_path, name, spanish):
    """A machine draft of every string, then a PO file round trip replaces it with `spanish` (the
    translator's own words, by English string), then "Submit for Spanish review"."""
    page.get_by_role("button", name=re.compile(r"^\s*Translate with")).click()
    expect(page.get_by_text("Machine translation drafted the untranslated strings")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download PO file").click()
    po = polib.pofile(download.value.path().read_text())
    for entry in po:
        assert entry.msgid in spanish, f"no Spanish for {entry.msgid!r}"
        entry.msgstr = spanish[entry.msgid]
    edited = tmp_path / f"{name}.po"
    po.save(str(edited))
    page.locator("input[type=file][name=file]").first.set_input_files(str(edited))
    expect(page.get_by_text("Imported the PO file. Every string is translated.")).to_be_visible()
    page.locator("[data-translation-footer]").get_by_role("button", name="Submit for Spanish review").click()
    expect(page.get_by_text("Sent to the Spanish reviewers")).to_be_visible()
