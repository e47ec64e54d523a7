"""The pages that only say something (cms.views.message_page): the title the view gives is the
browser's title and the one heading, in the language of the address."""

import re

import pytest

pytestmark = pytest.mark.django_db


def title_and_heading(html):
    title = re.search(r"<title>(.*?) · ", html).group(1)
    headings = re.findall(r"<h1>(.*?)</h1>", html)
    return title, headings


@pytest.mark.parametrize(
    ("path", "title", "home"),
    [("/no-such-page/", "Page not found", "/"), ("/es/no-such-page/", "Página no encontrada", "/es/")],
)
def test_an_address_that_leads_nowhere_answers_404_in_its_language_with_a_way_home(
    a_spanish_home_page, client, path, title, home
):
    response = client.get(path)
    assert response.status_code == 404
    html = response.content.decode()
    assert title_and_heading(html) == (title, [title])
    assert f'<p><a href="{home}">' in html
    assert '<meta name="robots" content="noindex">' in html
