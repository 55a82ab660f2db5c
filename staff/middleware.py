"""The admin's door: session lifetimes, the security stamp and the second factor.

After django-otp's OTPMiddleware. A session that passed only the password reaches the login,
logout, two-factor and enrolment-link pages and nothing else, so a password alone opens no admin
page and no set-up form; the set-up form needs a presented enrolment link (staff.enrolment).
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.functional import LazyObject, empty
from django.utils.translation import gettext as _
from django_otp import user_has_device

from . import enrolment, sessions
from .models import SecurityStamp


def unwrap(user):
    while isinstance(user, LazyObject):
        if user._wrapped is empty:  # noqa: SLF001 - LazyObject's own protocol
            user._setup()  # noqa: SLF001
        user = user._wrapped  # noqa: SLF001
    return user


def second_step(request, user) -> str:
    """Where a signed-in user who has not passed the second factor in this session goes:
    the set-up form only with a presented enrolment link, the code form with a second factor,
    otherwise the page that says to ask for an enrolment link."""
    if enrolment.granted(request, user):
        return reverse("staff:setup")
    if user_has_device(user):
        return reverse("staff:verify")
    return reverse("staff:not_enrolled")


def second_factor_exempt(user) -> bool:
    """The development demo admin may skip the second factor (production refuses the setting)."""
    return user.get_username() in settings.TWO_FACTOR_EXEMPT_USERNAMES


class AdminSecurityMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # No session cookie, no signed-in user: the user (and so the session) is not even
        # looked at, or the answer would carry "Vary: Cookie" and public pages would no
        # longer be shared from the cache.
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return self.get_response(request)
        # django-otp wraps Django's lazy user in a second lazy object; Wagtail's audit log
        # looks through one layer only and would silently skip every entry made with
        # request.user. Hand the views the user itself.
        request.user = user = unwrap(request.user)
        if user.is_authenticated:
            answer = self.check(request, user)
            if answer is not None:
                return answer
        return self.get_response(request)

    def check(self, request, user):
        admin_prefix = reverse("wagtailadmin_home")
        in_admin = request.path.startswith(admin_prefix)
        if sessions.expired(request):
            logout(request)
            if in_admin:
                messages.info(
                    request, _("You were signed out after a while without activity. Sign in again.")
                )
                return self.to_login(request)
            return None
        if not in_admin:
            return None
        stamp = request.session.get(sessions.STAMP)
        if stamp is not None and stamp != SecurityStamp.current(user):
            logout(request)
            messages.info(request, _("Your sign-in settings changed in another session. Sign in again."))
            return self.to_login(request)
        if user.is_verified() or second_factor_exempt(user):
            return None
        if request.path in self.open_paths() or request.path.startswith(reverse("staff:enrol_links")):
            return None
        target = second_step(request, user)
        return HttpResponseRedirect(target + "?" + urlencode({"next": request.get_full_path()}))

    @staticmethod
    def open_paths():
        return {
            reverse("wagtailadmin_login"),
            reverse("wagtailadmin_logout"),
            reverse("staff:verify"),
            reverse("staff:setup"),
            reverse("staff:not_enrolled"),
            # The second step with a passkey (staff.passkeys), and its scripts' translations.
            reverse("otp_webauthn:credential-authentication-begin"),
            reverse("otp_webauthn:credential-authentication-complete"),
            reverse("otp_webauthn:js-i18n-catalog"),
            # What every admin page, the two-step ones included, loads: the icon sprite
            # (fetched by script and put into the page) and the script translations.
            reverse("wagtailadmin_sprite"),
            reverse("wagtailadmin_javascript_catalog"),
        }

    @staticmethod
    def to_login(request):
        return HttpResponseRedirect(
            reverse("wagtailadmin_login") + "?" + urlencode({"next": request.get_full_path()})
        )
