"""The site's root pages: `HomePageFactory()` under Wagtail's root, `StandardPageFactory(parent=home)`;
`publish(page)` publishes any page as editors do."""

import factory
import wagtail_factories
from wagtail.models import Page

from home.models import HomePage, StandardPage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Home"
    slug = factory.Sequence(lambda number: f"home-{number}")
    hero_heading = "Helping a loved one"
    hero_text = "Skills for families"
    parent = factory.LazyFunction(Page.get_first_root_node)

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda number: f"About us {number}")
    intro = "Who we are and why we do this."
    parent = factory.SubFactory(HomePageFactory)

    class Meta:
        model = StandardPage


def publish(page):
    """Publish through a revision, as editors do, so the page has its publication dates."""
    page.save_revision().publish()
    page.refresh_from_db()
    return page
