"""The members' area: directory, profiles, and each member's own profile, data and deletion pages."""

import json

from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Coalesce, Lower, NullIf
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from .decorators import member_required
from .forms import DeleteAccountForm, DirectorySearchForm, MemberProfileForm
from .models import MemberProfile
from .privacy import delete_member_account, member_data
from .registry import activity
from .services import profile_for

MEMBERS_PER_PAGE = 24


@never_cache
@member_required
def directory(request):
    form = DirectorySearchForm(request.GET or None)
    profiles = MemberProfile.objects.listed().select_related("user")
    if form.is_valid():
        profiles = profiles.matching(form.cleaned_data["q"])
        if form.cleaned_data["relationship"]:
            profiles = profiles.filter(relationship=form.cleaned_data["relationship"])
    profiles = profiles.order_by(Lower(Coalesce(NullIf("display_name", Value("")), "user__username")), "pk")
    page = Paginator(profiles, MEMBERS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "members/directory.html",
        {
            "form": form,
            "members_page": page,
            "query_string": query.urlencode(),
            "own_profile": profile_for(request.user),
        },
    )


def _visible_profile(request, username):
    """The profile `request.user` may see, or 404: a hidden profile must look like no profile at all."""
    profile = MemberProfile.objects.select_related("user").filter(user__username__iexact=username).first()
    if profile is not None and profile.user_id == request.user.pk:
        return profile
    listed = MemberProfile.objects.listed().filter(pk=profile.pk).exists() if profile else False
    if not listed:
        raise Http404
    return profile


@never_cache
@member_required
def profile(request, username):
    member_profile = _visible_profile(request, username)
    sections = []
    for _name, provider in activity.items():
        section = provider(member_profile.user, request.user)
        if section:
            sections.append(section)
    return render(
        request,
        "members/profile.html",
        {
            "member_profile": member_profile,
            "activity_sections": sections,
            "is_own_profile": member_profile.user_id == request.user.pk,
        },
    )


@never_cache
@member_required
def picture(request, username):
    """Pictures are served to members only, like the profile they belong to."""
    member_profile = _visible_profile(request, username)
    if not member_profile.avatar:
        raise Http404
    response = FileResponse(member_profile.avatar.open("rb"), content_type="image/webp")
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_required
@never_cache
def edit_profile(request):
    member_profile = profile_for(request.user)
    form = MemberProfileForm(request.POST or None, request.FILES or None, instance=member_profile)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
        messages.success(request, _("Your profile has been saved."))
        return redirect("members:edit_profile")
    return render(request, "members/edit_profile.html", {"form": form, "member_profile": member_profile})


@login_required
@never_cache
def download_data(request):
    data = member_data(request.user)
    filename = f"craft-family-support-{request.user.username}-{timezone.now():%Y-%m-%d}.json"
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2, default=str),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def delete_account(request):
    if request.method == "POST":
        allowed = ratelimit.consume(request, action="reauthenticate", user=request.user)
        form = DeleteAccountForm(request.POST, member=request.user, allowed=allowed)
        if form.is_valid():
            member = request.user
            delete_member_account(member, keep_comments=form.keep_comments)
            logout(request)
            return redirect("members:account_deleted")
    else:
        form = DeleteAccountForm(member=request.user)
    return render(request, "members/delete_account.html", {"form": form})


def account_deleted(request):
    return render(request, "members/account_deleted.html")
