import json
from urllib.parse import urlencode

from django import template
from django.contrib.admin.utils import quote
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin.ui.side_panels import StatusSidePanel
from wagtail.models import Locale, WorkflowMixin, WorkflowState
from wagtail.snippets.side_panels import SnippetStatusSidePanel

from .. import review, views

register = template.Library()


@register.inclusion_tag("translation_workflow/includes/review_notice.html")
def spanish_review_notice(instance):
    """What the translation editor says about review: how to submit, waiting, or the reviewer's comment."""
    if instance.locale_id == Locale.get_default().pk or not isinstance(instance, WorkflowMixin):
        return {"show": False}
    if instance.get_workflow() is None:
        return {"show": False}
    state = review.active_review(instance)
    rejected = None
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        rejected = state.current_task_state
    return {
        "show": True,
        "state": state,
        "in_review": state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS,
        "rejected": rejected,
    }


@register.inclusion_tag("translation_workflow/includes/translation_footer.html", takes_context=True)
def translation_editor_footer(context):
    """The translation editor's actions, in Wagtail's own footer: what this person's job is comes first.

    wagtail-localize's React footer makes its last action the main button: "Publish in Spanish" for
    those who may publish, otherwise "Delete" (or "Convert to alias page" once live), with nothing to
    send a translation to review. This footer takes its place (the React one is hidden by the
    template): "Approve and publish" for a reviewer with a review waiting, "Publish in Spanish" for
    other reviewers, "Submit for Spanish review" for translators; everything else, destructive
    actions last, in the dropdown.
    """
    request = context["request"]
    user = request.user
    instance = context["instance"]
    props = json.loads(context["props"])
    perms, links = props["perms"], props["links"]
    here = request.get_full_path()
    language = props["locale"]["displayName"]

    state = review.active_review(instance)
    in_review = state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS
    needs_changes = state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES
    decisions = review.review_actions(user, instance)
    reviewed = instance.locale_id != Locale.get_default().pk and instance.get_workflow() is not None
    can_submit = reviewed and not in_review and review.can_submit_for_review(user, instance)
    review_url = views.review_url_of(instance) if reviewed else ""

    def post(label, url, icon, name="", value=""):
        return {"kind": "post", "label": label, "url": url, "icon": icon, "name": name, "value": value}

    def link(label, url, icon, new_tab=False):
        return {"kind": "link", "label": label, "url": url, "icon": icon, "new_tab": new_tab}

    submit_label = _("Resubmit for Spanish review") if needs_changes else _("Submit for Spanish review")
    publish_label = _("Publish in %(language)s") % {"language": language}
    main = None
    more = []
    if "approve" in decisions:
        main = post(_("Approve and publish"), review_url, "check", "action", "approve")
    if perms["canPublish"]:
        publish = post(publish_label, here, "upload", "action", "publish")
        main, more = (main, [*more, publish]) if main else (publish, more)
    if can_submit:
        submit = post(submit_label, views.submit_url_of(instance), "resubmit")
        main, more = (main, [*more, submit]) if main else (submit, more)
    if decisions:
        more.append(link(_("Compare with English and request changes"), review_url, "tasks"))
    if props.get("previewModes"):
        more.append(link(_("Preview"), props["previewModes"][0]["url"], "view", new_tab=True))
    if perms["canLock"] and not props["object"]["isLocked"]:
        more.append(post(_("Lock"), links["lockUrl"], "lock"))
    if perms["canUnlock"] and props["object"]["isLocked"]:
        more.append(post(_("Unlock"), links["unlockUrl"], "lock-open"))
    if perms["canUnpublish"] and props["object"]["isLive"]:
        more.append(link(_("Unpublish"), links["unpublishUrl"], "download"))
    more.append(post(_("Stop synced translation"), links["stopTranslationUrl"], "cross"))
    if links.get("convertToAliasUrl"):
        alias_url = f"{links['convertToAliasUrl']}?{urlencode({'next': here})}"
        more.append(link(_("Convert to alias page"), alias_url, "wagtail-localize-convert"))
    if perms["canDelete"]:
        more.append(link(_("Delete"), links["deleteUrl"], "bin"))
    return {"main": main, "more": more, "in_review": in_review, "here": here, "request": request}


@register.simple_tag(takes_context=True)
def snippet_workflow_status(context):
    """The URLs Wagtail's workflow status panel needs for a snippet, which wagtail-localize's editor
    does not give: without them a snippet with changes requested cannot even be opened.

    wagtail-localize builds the snippet's panel as a plain StatusSidePanel, which sees none of the
    page's context; Wagtail's own snippet views use SnippetStatusSidePanel, which inherits these
    URLs from it. Same constructor, one method more: the panel becomes one.
    """
    instance = context["instance"]
    if not hasattr(instance, "snippet_viewset"):
        return {}
    for panel in context.get("side_panels", []):
        if type(panel) is StatusSidePanel:
            panel.__class__ = SnippetStatusSidePanel
    viewset = instance.snippet_viewset
    return {
        "revisions_compare_url_name": viewset.get_url_name("revisions_compare"),
        "workflow_history_url": reverse(viewset.get_url_name("workflow_history"), args=[quote(instance.pk)]),
    }
