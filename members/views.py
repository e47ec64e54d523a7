"""The members' area: directory, profiles, and each member's own profile, data and deletion pages."""

import json

from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Coalesce, Lower, NullIf
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from cms.page_cache import cached_with_pages
from cms.views import message_page

from .decorators import member_required
from .forms import DeleteAccountForm, DirectorySearchForm, MemberProfileForm
from .models import MemberProfile, Mute
from .privacy import delete_member_account, member_data
from .readable_data import readable
from .registry import activity
from .services import CannotMute, may_have_admin_access, mute, profile_for, unmute

MEMBERS_PER_PAGE = 24


@never_cache
@member_required
def directory(request):
    form = DirectorySearchForm(request.GET or None)
    profiles = MemberProfile.objects.listed().select_related("user")
    filtered = form.is_valid() and any(form.cleaned_data.values())
    if filtered:
        profiles = profiles.matching(form.cleaned_data["q"])
        if form.cleaned_data["relationship"]:
            profiles = profiles.filter(relationship=form.cleaned_data["relationship"])
    profiles = profiles.order_by(Lower(Coalesce(NullIf("display_name", Value("")), "user__username")), "pk")
    if filtered:
        page = Paginator(profiles, MEMBERS_PER_PAGE).get_page(request.GET.get("page"))
    else:
        page = _whole_directory_page(profiles, request.GET.get("page"))
    return render(
        request,
        "members/directory.html",
        {
            "title": _("Members' area"),
            "area_section": "directory",
            "form": form,
            "members_page": page,
            "own_profile": profile_for(request.user),
        },
    )


def _whole_directory_page(profiles, number):
    """A page of the unfiltered directory, the same for every member: kept under the page cache's
    generation, which any profile, account or group change moves on. Its sort and count read every
    listed profile, the one cost here that grew with the membership."""

    def build():
        page = Paginator(profiles, MEMBERS_PER_PAGE).get_page(number)
        return list(page.object_list), page.number, page.paginator.count

    shown, number, count = cached_with_pages("directory", str(number), build)
    paginator = Paginator([], MEMBERS_PER_PAGE)
    paginator.count = count  # known: the cached_property is not asked again
    return Page(shown, number, paginator)


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
    is_own_profile = member_profile.user_id == request.user.pk
    return render(
        request,
        "members/profile.html",
        {
            "member_profile": member_profile,
            "activity_sections": sections,
            "is_own_profile": is_own_profile,
            "mute": None
            if is_own_profile
            else Mute.objects.filter(muter=request.user, muted=member_profile.user).first(),
            "can_mute": not is_own_profile and not may_have_admin_access(member_profile.user),
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
    return render(
        request,
        "members/edit_profile.html",
        {
            "title": _("Your profile"),
            "area_section": "profile",
            "form": form,
            "member_profile": member_profile,
            "mutes": Mute.objects.of(request.user),
        },
    )


@require_POST
@member_required
def mute_member(request, username):
    """Mute from a member's public profile; comments have their own route (comments:mute)."""
    member_profile = _visible_profile(request, username)
    try:
        mute(request.user, member_profile.user)
    except CannotMute:
        raise Http404 from None
    message = _("You muted %(name)s. Their comments are now collapsed for you only; nobody is told.")
    messages.success(request, message % {"name": member_profile.public_name})
    return redirect("members:profile", username=member_profile.user.username)


@require_POST
@login_required
def unmute_member(request, pk):
    if unmute(request.user, pk=pk):
        messages.success(request, _("Unmuted. Their comments show in full again."))
    wanted = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        wanted = reverse("members:edit_profile") + "#muted"
    return redirect(wanted)


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
def your_data(request):
    """The same data as the download, as a page to read or print (members.readable_data)."""
    tree = readable(member_data(request.user))
    return render(
        request,
        "members/your_data.html",
        {"title": _("Your data"), "area_section": "data", "sections": tree["items"]},
    )


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
    return render(
        request,
        "members/delete_account.html",
        {"title": _("Delete your account"), "area_section": "delete", "form": form},
    )


def account_inactive(request):
    """Where allauth sends a suspended account (members.services.set_suspended) that tries to log in."""
    return message_page(
        request,
        _("Account suspended"),
        [
            _(
                "This account has been suspended by the site's team, so it cannot log in for now. If you think "
                "this is a mistake, please reply to any email you have received from us."
            )
        ],
    )


def account_deleted(request):
    return message_page(
        request,
        _("Your account has been deleted"),
        [
            _("Thank you for the time you spent with us. We have sent a confirmation to the email address you used."),
            _("Looking after yourself matters too. If you ever want to come back, you are welcome to join again."),
        ],
    )
