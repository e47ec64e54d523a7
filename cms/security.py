"""Security pieces the settings point at: throttled staff logins, session lifetimes, CSP per area,
the real client address behind our proxies.

Each is switched on in cms/settings/base.py's security section; README "Production hardening"
explains the choices.
"""

import time

from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from csp.constants import NONE, SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.core.cache import cache
from wagtail.admin.forms.auth import LoginForm

SESSION_STARTED = "_craft_session_started"
SESSION_LAST_SEEN = "_craft_session_last_seen"
# Writing the session on every request would cost a database write per page view; a minute of
# slack on the idle clock is harmless.
LAST_SEEN_RESOLUTION = 60


class ThrottledLoginMixin:
    """Authenticate through allauth's adapter so staff logins share the members' login limits.

    The adapter counts failed attempts per client IP and per login name (ACCOUNT_RATE_LIMITS
    "login_failed"), so switching between /accounts/login/, /admin/login/ and /django-admin/login/
    never buys an attacker more guesses. Too many failures give one generic message that says
    nothing about whether the account exists. An account whose email was never confirmed gets no
    session here either, as on the members' login.
    """

    def clean(self):
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username is not None and password:
            self.user_cache = get_adapter(self.request).authenticate(self.request, username=username, password=password)
            if self.user_cache is None:
                raise self.get_invalid_login_error()
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        # A sign-up that never confirmed its address has addresses, none verified. Staff made with
        # `createsuperuser` have none on record and keep their admin login.
        addresses = EmailAddress.objects.filter(user=user).values_list("verified", flat=True)
        if addresses and not any(addresses):
            raise self.get_invalid_login_error()


class ThrottledWagtailLoginForm(ThrottledLoginMixin, LoginForm):
    """The Wagtail admin login (WAGTAILADMIN_USER_LOGIN_FORM)."""


class ThrottledDjangoAdminLoginForm(ThrottledLoginMixin, AdminAuthenticationForm):
    """The Django admin login (set on admin.site in cms/urls.py)."""


def client_ip(request):
    """The visitor's address: the one our TRUSTED_PROXY_COUNT proxies saw, as the login limits count it."""
    return get_adapter(request).get_client_ip(request)


def over_client_limit(request, action, limit, seconds):
    """Count one `action` by this client; True once it did it more than `limit` times in a window.

    A window opens with the client's first counted action and lasts `seconds` (incr keeps the
    key's expiry). The count lives in the default cache, like allauth's login limits (a shared
    Redis when several processes serve the site); a cache that keeps nothing counts nothing.
    """
    key = f"limit:{action}:{client_ip(request)}"
    cache.add(key, 0, timeout=seconds)
    try:
        return cache.incr(key) > limit
    except ValueError:
        return False


class SessionTimeoutMiddleware:
    """Sign a person out after SESSION_IDLE_TIMEOUT without a request, and SESSION_ABSOLUTE_TIMEOUT
    after they signed in, whatever they do: a shared family computer must not stay signed in.

    Django's SESSION_COOKIE_AGE alone is neither: it slides forward each time the session is saved.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            self._enforce(request)
        return self.get_response(request)

    def _enforce(self, request):
        session = request.session
        now = int(time.time())
        started = session.get(SESSION_STARTED)
        last_seen = session.get(SESSION_LAST_SEEN)
        if started is None or last_seen is None:
            # Signed in before these limits existed: start the clocks now.
            stamp_sign_in(request=request)
            return
        if now - started > settings.SESSION_ABSOLUTE_TIMEOUT or now - last_seen > settings.SESSION_IDLE_TIMEOUT:
            logout(request)
            return
        if now - last_seen >= LAST_SEEN_RESOLUTION:
            session[SESSION_LAST_SEEN] = now


def stamp_sign_in(request, **kwargs):
    """user_logged_in receiver: both clocks start when a person signs in."""
    request.session[SESSION_STARTED] = request.session[SESSION_LAST_SEEN] = int(time.time())


def connect_signals():
    user_logged_in.connect(stamp_sign_in, dispatch_uid="cms.security.stamp_sign_in")


ADMIN_PREFIXES = ("/admin/", "/django-admin/")

# Wagtail's admin (and wagtail-localize's editor, wagtailmedia's upload form) still ship inline
# <script> blocks and style attributes that cannot carry a nonce, so the admin keeps inline code
# but nothing from any other origin. Its live preview frames our own pages, hence frame-src and
# frame-ancestors 'self'.
ADMIN_POLICY = {
    "default-src": [SELF],
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
    "media-src": [SELF, "blob:"],
    "font-src": [SELF, "data:"],
    "connect-src": [SELF],
    "frame-src": [SELF],
    "frame-ancestors": [SELF],
    "form-action": [SELF],
    "base-uri": [SELF],
    "object-src": [NONE],
}


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware: the strict CONTENT_SECURITY_POLICY on the public site, and the
    strictest policy Wagtail's admin works with on the admin."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        # Wagtail's live preview renders our pages on a simulated request inside the admin.
        in_admin = request.path_info.startswith(ADMIN_PREFIXES) or getattr(request, "is_dummy", False)
        if not report_only and parts.config is None and in_admin:
            # Reporting and the HTTPS upgrade follow the public policy; the sources do not.
            public = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
            shared = {key: public[key] for key in ("report-uri", "upgrade-insecure-requests") if key in public}
            parts.config = default_config({**ADMIN_POLICY, **shared})
            parts.nonce = None
        return parts
