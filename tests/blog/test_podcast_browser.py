"""In a real browser: a listener plays an episode, jumps to a chapter and opens the transcript.

The site sends a strict Content-Security-Policy (no inline scripts), so the chapter buttons work
only through their static script (blog/static/blog/chapters.js): the seek is checked in the player
itself, not in the HTML.
"""

import pytest
from playwright.sync_api import expect

from .factories import make_audio, make_episode, make_podcast

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# A function, not an expression: Playwright would `eval` an expression, which the policy forbids.
PLAYED_PAST = "seconds => document.getElementById('episode-audio').currentTime > seconds"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_a_listener_plays_an_episode_jumps_to_a_chapter_and_reads_the_transcript(
    live_server, browser_page, a_home_page
):
    episode = make_episode(
        make_podcast(a_home_page),
        1,
        audio=make_audio(seconds=8),
        show_notes=[("chapter", {"minutes": 0, "seconds": 5, "title": "Trying it at home"})],
        transcript="<p>Host: today we practise reflective listening.</p>",
    )
    page = browser_page
    refused = []
    page.on(
        "console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None
    )

    response = page.goto(live_server.url + episode.url)
    policy = dict(part.strip().split(" ", 1) for part in response.headers["content-security-policy"].split(";"))
    assert "'unsafe-inline'" not in policy["script-src"], "no inline script may run"

    transcript = page.locator("details.podcast-transcript")
    expect(transcript).not_to_have_attribute("open", "")
    expect(page.get_by_text("today we practise reflective listening")).not_to_be_visible()
    page.get_by_text("Read the transcript").click()
    expect(transcript).to_have_attribute("open", "")
    expect(page.get_by_text("today we practise reflective listening")).to_be_visible()

    # The click above is the user gesture Chromium asks for before a page may start audio.
    player = page.locator("#episode-audio")
    expect(player).to_have_attribute("preload", "none")
    player.evaluate("audio => audio.play()")
    page.wait_for_function(PLAYED_PAST, arg=0)
    assert player.evaluate("audio => !audio.paused && audio.duration > 7")

    player.evaluate("audio => audio.pause()")
    page.get_by_role("button", name="Play from 0:05, Trying it at home").click()
    page.wait_for_function(PLAYED_PAST, arg=4.99)
    assert player.evaluate("audio => !audio.paused")
    assert refused == []
