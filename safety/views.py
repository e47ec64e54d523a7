"""The member's safety plan page and the service worker that keeps it readable offline."""

import hashlib
import json

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods
from wagtail.models import Locale

from members.decorators import member_required

from .forms import SafetyPlanForm, tel_href
from .models import SafetyPlan, SafetyPlanTemplate

# The worker caches exactly these: the page itself and the stylesheets it links to. Nothing else.
STYLESHEETS = ("css/site.css", "safety/safety-plan.css")


def plan_urls_in_every_language():
    """Each language's plan path: the offline copy of each is removed by one button."""
    urls = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            urls.append(reverse("safety:plan"))
    return urls


def with_call_links(rows):
    return [{**row, "href": tel_href(row["phone"])} for row in rows]


@never_cache
@member_required
@require_http_methods(["GET", "POST"])
def safety_plan(request):
    plan = SafetyPlan.objects.filter(member=request.user).first()
    status = 200
    if request.method == "POST":
        form = SafetyPlanForm(request.POST, plan=plan)
        if form.is_valid():
            plan = plan or SafetyPlan(member=request.user)
            plan.naloxone_location = form.cleaned_data["naloxone_location"].strip()
            plan.notes = form.cleaned_data["notes"].strip()
            plan.contacts = form.rows_of("contacts")
            plan.services = form.rows_of("services")
            plan.save()
            messages.success(request, _("Your safety plan is saved."))
            return redirect("safety:plan")
        status = 400
    else:
        form = SafetyPlanForm(plan=plan)
    locale = Locale.get_active()
    template = SafetyPlanTemplate.for_locale(locale)
    steps = []
    if template is not None:
        for block in template.steps:
            line = block.value["crisis_line"]
            # The chooser keeps the line it was given; show the reader's language of it.
            steps.append({"text": block.value["text"], "line": line.localized if line else None})
    context = {
        "plan": plan,
        "form": form,
        "template": template,
        "steps": steps,
        "contacts": with_call_links(plan.contacts) if plan else [],
        "services": with_call_links(plan.services) if plan else [],
        "offline_scopes": plan_urls_in_every_language(),
    }
    return render(request, "safety/safety_plan.html", context, status=status)


@never_cache
@require_GET
def service_worker(request):
    """Public on purpose: it holds no member's data, only the paths to keep, and a browser checking
    for an update after logging out must still get it rather than a redirect (which fails the check)."""
    urls = [reverse("safety:plan"), *(static(name) for name in STYLESHEETS)]
    # A deploy that renames a stylesheet (hashed static names) changes the worker, and so its cache:
    # the new worker drops the old one instead of keeping a stale stylesheet forever.
    version = hashlib.sha256(" ".join(urls).encode()).hexdigest()[:12]
    # JSON is valid JavaScript; the template prints it unescaped (these are our own paths).
    context = {
        "cache_prefix": json.dumps(f"safety-plan:{urls[0]}:"),
        "version": json.dumps(version),
        "urls": json.dumps(urls),
    }
    return render(request, "safety/sw.js", context, content_type="text/javascript; charset=utf-8")
