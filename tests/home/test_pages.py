import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from home.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db


class TestPageTree(WagtailPageTestCase):
    def test_home_page_sits_only_at_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_standard_pages_sit_under_the_home_page_or_each_other(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})


def test_an_editor_can_create_a_standard_page_with_a_body(a_home_page, admin_client):
    data = nested_form_data(
        {
            "title": "About us",
            "slug": "about-us",
            "intro": "Who we are.",
            "body": streamfield([("paragraph", rich_text("<p>We teach CRAFT.</p>"))]),
            "action-publish": "publish",
        }
    )
    response = admin_client.post(f"/admin/pages/add/home/standardpage/{a_home_page.pk}/", data)
    assert response.status_code == 302
    page = StandardPage.objects.get(slug="about-us")
    assert page.live
    assert "We teach CRAFT." in str(page.body[0].value)


@pytest.mark.parametrize("language", ["en", "es"])
def test_each_page_type_renders_in_both_languages(a_spanish_home_page, client, language):
    home = HomePage.objects.get(locale__language_code=language)
    about = home.add_child(instance=StandardPage(title="About", slug="about", intro="Hello"))
    for page in (home, about):
        response = client.get(page.url)
        assert response.status_code == 200
        assert f'<html lang="{language}">' in response.content.decode()
