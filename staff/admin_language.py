"""The language of the admin: one complete language for staff who chose none, and a choice
that can be made without filling in anything else first.

Wagtail ships no Turkmen catalogue; the project ships one (admin_locale/, issue 21), so Turkmen
is an admin language like the others. Staff without a choice of their own get the language their
browser asks for when the admin is offered in it (``WAGTAILADMIN_PERMITTED_LANGUAGES``), else
``ADMIN_DEFAULT_LANGUAGE``, never a language the admin is not complete in (the site's own strings
in one language among Wagtail's in English).
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation.trans_real import parse_accept_lang_header
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.forms.account import NameEmailForm
from wagtail.admin.localization import get_available_admin_languages
from wagtail.admin.views import account


def admin_language(language_code):
    """``language_code`` if the admin is complete in it, else ``ADMIN_DEFAULT_LANGUAGE``."""
    permitted = dict(get_available_admin_languages())
    if not language_code:
        return settings.ADMIN_DEFAULT_LANGUAGE
    if language_code in permitted:
        return language_code
    base = (language_code or "").split("-")[0]
    return base if base in permitted else settings.ADMIN_DEFAULT_LANGUAGE


def asked_for(request):
    """The language the request itself names (the language cookie, else the browser's
    Accept-Language) as Django's LocaleMiddleware resolves it, or None when it names none that
    the site has: then LocaleMiddleware falls back to the site's default, Turkmen, which is no
    choice of the staff member's."""
    if request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME):
        try:
            return translation.get_supported_language_variant(request.COOKIES[settings.LANGUAGE_COOKIE_NAME])
        except LookupError:
            pass
    for accepted, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        if accepted == "*":
            break
        try:
            return translation.get_supported_language_variant(accepted)
        except LookupError:
            continue
    return None


class AdminLanguageMiddleware:
    """On the admin's addresses, the language the request asks for when the admin is complete
    in it (Turkmen included), else ``ADMIN_DEFAULT_LANGUAGE``. After Django's LocaleMiddleware;
    a staff member's own choice (Account → Preferred language) still wins, Wagtail applies it in
    every admin view.

    Not on the two-step sign-in's pages (staff.urls): they come before the admin, to someone who
    may read only Turkmen, and speak the browser's language, Turkmen included."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if path.startswith(reverse("wagtailadmin_home")) and not path.startswith(reverse("staff:verify")):
            language = admin_language(asked_for(request))
            if language != translation.get_language():
                translation.activate(language)
                request.LANGUAGE_CODE = language
        return self.get_response(request)


class OptionalNameEmailForm(NameEmailForm):
    """Wagtail's name and e-mail form, which needs a first name, a last name and an address
    before anything on the account page is saved, the admin language included. The names are
    optional here; an address, once given, can be changed but not removed (mail to staff goes
    there)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].required = False
        self.fields["last_name"].required = False
        if "email" in self.fields:
            self.fields["email"].required = bool(self.instance.email)


class NameEmailSettingsPanel(account.NameEmailSettingsPanel):
    form_class = OptionalNameEmailForm


class AccountView(account.AccountView):
    """Wagtail's account page with ``OptionalNameEmailForm``."""

    def get_panels(self):
        return [
            NameEmailSettingsPanel(panel.request, panel.user, panel.profile)
            if type(panel) is account.NameEmailSettingsPanel
            else panel
            for panel in super().get_panels()
        ]


# Wrapped as Wagtail wraps its own admin views (hhd_site/urls.py puts it before them).
account_view = never_cache(require_admin_access(AccountView.as_view()))
