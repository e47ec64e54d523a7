from django import template

from cms.translation_notice import translation_notice as notice_for

register = template.Library()


@register.inclusion_tag("cms/includes/translation_notice.html", takes_context=True)
def translation_notice(context):
    """The note at the top of a translation that is behind its English page (nothing otherwise)."""
    page = context.get("page")
    notice = notice_for(page) if page is not None else None
    return {"notice": notice, "request": context.get("request")}
