"""Spam and forgery defence for public forms, without third parties (DESIGN.md §4).

Public pages are served from a shared cache, so a form on them cannot carry a per-visitor
CSRF token. Instead each public POST is checked for:

- **origin**: a browser's ``Origin`` (or, without it, ``Referer``) naming another site is
  refused. ``Origin: null`` is what browsers send for same-site form posts under our
  ``Referrer-Policy: no-referrer``, so it counts as "no information", not as foreign;
- **a signed form token** rendered into the page (not per visitor: it names the form and
  the time it was rendered), which expires after ``FORM_TOKEN_MAX_AGE`` and must be at
  least ``FORM_MIN_FILL_SECONDS`` old (a bot posting straight after fetching a fresh page
  is refused; a visitor who was too quick gets the form back with what they typed);
- **a honeypot** field hidden from people; a bot that fills it is answered as if it had
  succeeded and nothing is stored.

Double opt-in by e-mail and rate limits (safety.ratelimits) do the rest.
"""

import time
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

# Public forms count the visitor's address by the deployment's trusted-proxy rule.
from hhd_site.proxies import client_ip  # noqa: F401 - re-exported for the form views
from safety.consent import consent_version, wording_language
from safety.validators import apply_public_text_rule

HONEYPOT_FIELD = "website"
TOKEN_FIELD = "form_token"  # noqa: S105 - a field name
_SALT = "safety.form-token"


def _own_origin(request) -> str:
    return f"{request.scheme}://{request.get_host()}"


def is_cross_site(request) -> bool:
    """True when the browser says the POST came from a page of another site."""
    origin = request.META.get("HTTP_ORIGIN")
    if origin and origin != "null":
        return origin != _own_origin(request)
    referer = request.META.get("HTTP_REFERER")
    if referer:
        parts = urlsplit(referer)
        return f"{parts.scheme}://{parts.netloc}" != _own_origin(request)
    return False


def issue_form_token(form_name: str) -> str:
    """A token naming the form and the time it was rendered (the same for every visitor)."""
    return signing.TimestampSigner(salt=_SALT).sign(form_name)


def token_age(token: str, form_name: str) -> float | None:
    """Seconds since the token was issued for this form, or None when it is forged or expired."""
    signer = signing.TimestampSigner(salt=_SALT)
    try:
        value = signer.unsign(token, max_age=settings.FORM_TOKEN_MAX_AGE)
    except (signing.BadSignature, TypeError):
        return None
    if value != form_name:
        return None
    issued = signing.b62_decode(token.rsplit(signer.sep, 2)[-2])
    return time.time() - issued


class GuardedForm(forms.Form):
    """A public form with a honeypot and a signed timing token.

    Subclasses set ``form_name`` (and ``consent_field`` when their consent box has another
    name). After ``is_valid()``, ``caught_by_honeypot`` tells the view to answer as if all went
    well and store nothing. Every text field a person fills in gets the one text rule of
    safety.validators (hidden, direction and unreadable characters; public mail domains).
    """

    form_name = "form"
    consent_field = "consent"

    # Hidden from people by the CSS class .form-honeypot and aria-hidden on its wrapper;
    # autocomplete off so that browsers never fill it for a real visitor.
    website = forms.CharField(
        required=False,
        max_length=200,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    form_token = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name != HONEYPOT_FIELD:
                apply_public_text_rule(field)
        self.fields[TOKEN_FIELD].initial = issue_form_token(self.form_name)
        # A bound form re-rendered with errors gets a fresh token, so the visitor's next
        # attempt is measured from now.
        if self.is_bound:
            data = self.data.copy()
            self._submitted_token = data.get(TOKEN_FIELD, "")
            data[TOKEN_FIELD] = issue_form_token(self.form_name)
            self.data = data
        else:
            self._submitted_token = ""

    @property
    def caught_by_honeypot(self) -> bool:
        return bool(self.is_bound and self.data.get(HONEYPOT_FIELD))

    def clean(self):
        cleaned = super().clean()
        age = token_age(self._submitted_token, self.form_name)
        if age is None:
            raise forms.ValidationError(
                _("This form has expired. Please check your entries and send it again."),
                code="form_token_invalid",
            )
        if age < settings.FORM_MIN_FILL_SECONDS:
            raise forms.ValidationError(
                _("That was very quick. Please check your entries and send the form again."),
                code="form_too_fast",
            )
        return cleaned

    def consent_version(self) -> str:
        """The version of the consent wording as the visitor saw it (in the page's language)."""
        return consent_version(str(self.fields[self.consent_field].label), wording_language())

    def agreed_consent_version(self) -> str:
        """``consent_version()`` when the consent box was ticked, else "" (nothing was agreed)."""
        return self.consent_version() if self.cleaned_data.get(self.consent_field) else ""
