from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import SafetyPlanTemplate


class SafetyPlanTemplateViewSet(SnippetViewSet):
    """Staff edit the steps every member's plan shows. Members' own plans have no admin screen at all."""

    model = SafetyPlanTemplate
    icon = "warning"
    add_to_admin_menu = False


register_snippet(SafetyPlanTemplateViewSet)
