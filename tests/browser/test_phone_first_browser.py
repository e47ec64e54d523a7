"""A worried parent on a phone, and the same pages on a desktop, in both languages (issue 18).

On every public and member page type of the demo, at 390x844 and 1280x800: the header takes at
most a fifth of a phone's first screen; "Get help now" is on the first screen and opens the crisis
lines as tap-to-call links; nothing scrolls sideways; every tap target is at least 24x24 CSS px
(WCAG 2.2, 2.5.8); axe-core finds nothing critical, serious or moderate. "Exit this page" (the
button, and Shift pressed three times) leaves for the neutral site, which is stubbed here.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests.cms.page_types import DEMO_MEMBER, demo_page_types
from tests.comments.test_reply_browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
BLOCKING_IMPACTS = {"critical", "serious", "moderate"}
NEUTRAL_PAGE = "<!doctype html><html lang=en><title>Weather</title><h1>Local forecast</h1></html>"

# Every control a finger can hit that is smaller than 24x24 px, minus WCAG's exceptions: a link
# inside a sentence, and a small target whose 24 px circle touches no other target.
SMALL_TAP_TARGETS = """() => {
    const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary';
    const targets = [...document.querySelectorAll(selector)]
        .filter(element => {
            const box = element.getBoundingClientRect();
            return box.width > 0 && box.height > 0 && getComputedStyle(element).visibility !== 'hidden'
                && !element.closest('.skip-link, .visually-hidden, .comment-form__honeypot');
        });
    const boxes = targets.map(element => element.getBoundingClientRect());
    const small = boxes.map(box => box.width < 24 || box.height < 24);
    const centre = box => [box.left + box.width / 2, box.top + box.height / 2];
    const distance = ([x, y], box) => Math.hypot(
        Math.max(box.left - x, 0, x - box.right), Math.max(box.top - y, 0, y - box.bottom));
    const inSentence = element => getComputedStyle(element).display === 'inline' && element.tagName === 'A'
        && element.parentElement.textContent.trim().length > element.textContent.trim().length + 2;
    return targets.flatMap((element, i) => {
        if (!small[i] || inSentence(element)) return [];
        const here = centre(boxes[i]);
        const spaced = boxes.every((box, j) => j === i || (distance(here, box) >= 12
            && (!small[j] || Math.hypot(here[0] - centre(box)[0], here[1] - centre(box)[1]) >= 24)));
        const size = `${Math.round(boxes[i].width)}x${Math.round(boxes[i].height)}`;
        return spaced ? [] : [`${element.outerHTML.slice(0, 90)} (${size})`];
    });
}"""


def check_page(page, axe, viewport, where):
    header = page.locator("header.site-header").bounding_box()
    if viewport is PHONE:
        assert header["height"] <= 0.2 * PHONE["height"], f"{where}: header is {header['height']:.0f} px tall"
    help_now = page.locator(".help-now > summary")
    box = help_now.bounding_box()
    assert box and box["y"] + box["height"] <= viewport["height"], f"{where}: Get help now is below the first screen"
    help_now.click()
    calls = page.locator(".help-now__panel a[href^='tel:']")
    expect(calls.first).to_be_visible()
    assert calls.count() >= 1
    help_now.click()
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"{where}: scrolls sideways ({widths[0]} > {widths[1]} px)"
    small = page.evaluate(SMALL_TAP_TARGETS)
    assert not small, f"{where}: tap targets under 24x24 px: {small}"
    violations = [
        f"{violation['id']} ({violation['impact']}): {[node['target'] for node in violation['nodes']][:3]}"
        for violation in axe.run(page).response["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]
    assert not violations, f"{where}: axe-core: {violations}"


def stub_neutral_sites(context):
    for url in settings.QUICK_EXIT_URLS.values():
        context.route(f"{url}**", lambda route: route.fulfill(status=200, content_type="text/html", body=NEUTRAL_PAGE))


def test_every_page_type_fits_a_phone_and_a_desktop_in_both_languages(committed_demo, live_server, browser):
    member = get_user_model().objects.get(username=DEMO_MEMBER)
    axe = Axe()
    for viewport in (PHONE, DESKTOP):
        for language in ("en", "es"):
            context = browser.new_context(locale="es-US" if language == "es" else "en-US", viewport=viewport)
            stub_neutral_sites(context)
            page = context.new_page()
            page.set_default_timeout(15_000)
            logged_in = False
            for label, path, as_member in demo_page_types(language):
                if as_member and not logged_in:
                    log_in(page, live_server, member)
                    logged_in = True
                response = page.goto(live_server.url + path)
                where = f"{label} {language} {viewport['width']}px ({path})"
                assert response.status == 200, where
                check_page(page, axe, viewport, where)
            context.close()


def test_exit_this_page_and_shift_three_times_leave_for_the_neutral_site(live_server, browser, a_spanish_home_page):
    for viewport in (PHONE, DESKTOP):
        for language, home, search in (("en", "/", "/search/"), ("es", "/es/", "/es/buscar/")):
            neutral = settings.QUICK_EXIT_URLS[language]
            context = browser.new_context(viewport=viewport)
            stub_neutral_sites(context)
            page = context.new_page()
            page.set_default_timeout(15_000)
            page.goto(live_server.url + home)
            page.goto(live_server.url + search)

            # The button: the page it was on leaves this tab's history (Back goes to the page before).
            page.locator(".quick-exit").click()
            expect(page).to_have_url(neutral)
            page.go_back()
            expect(page).to_have_url(live_server.url + home)

            # Shift three times, from anywhere on the page.
            page.goto(live_server.url + search)
            for _ in range(3):
                page.keyboard.press("Shift")
            expect(page).to_have_url(neutral)
            context.close()

            # Without JavaScript it is a plain link that still leaves, telling the other site nothing.
            context = browser.new_context(viewport=viewport, java_script_enabled=False)
            stub_neutral_sites(context)
            page = context.new_page()
            page.goto(live_server.url + search)
            exit_link = page.locator(".quick-exit")
            assert exit_link.get_attribute("rel") == "noreferrer"
            exit_link.click()
            expect(page).to_have_url(neutral)
            context.close()


def test_two_shift_presses_or_shift_with_other_keys_stay_on_the_page(live_server, browser_page, a_home_page):
    """Typing a capital letter in a form is not a request to leave."""
    page = browser_page
    stub_neutral_sites(page.context)
    page.goto(live_server.url + "/search/")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift+KeyA")
    page.keyboard.press("Shift")
    page.wait_for_timeout(300)
    expect(page).to_have_url(live_server.url + "/search/")
