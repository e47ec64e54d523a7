"""The member's own area: each page's title is the browser's title and its one heading, over the
account links with that page marked as the current one."""

import re

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("/members/", "Members' area"),
        ("/members/me/", "Your profile"),
        ("/members/me/data/read/", "Your data"),
        ("/members/me/delete/", "Delete your account"),
        ("/es/miembros/mi-perfil/eliminar/", "Eliminar su cuenta"),
    ],
)
def test_each_area_page_is_titled_once_and_marked_in_the_account_links(member_client, path, title):
    response = member_client.get(path)
    assert response.status_code == 200
    html = response.content.decode().replace("&#x27;", "'")
    assert f"<title>{title} · " in html
    assert re.findall(r"<h1>(.*?)</h1>", html) == [title]
    nav = html.split('class="member-account-nav"', 1)[1].split("</nav>", 1)[0]
    assert re.findall(r'aria-current="page">(.*?)</a>', nav) == [title]
