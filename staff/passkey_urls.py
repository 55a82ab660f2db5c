"""The JSON views of the passkey ceremonies, under the namespace the library's template tags
reverse ("otp_webauthn"). Mounted by hhd_site/urls.py before Wagtail's admin, beside the
two-factor pages: the sign-in ones are reachable after the password (staff.middleware),
registration needs a verified session (staff.passkeys.MayRegister)."""

from django.urls import path
from django.views.i18n import JavaScriptCatalog

from . import passkeys

app_name = "otp_webauthn"
urlpatterns = [
    path("registration/begin/", passkeys.BeginRegistration.as_view(), name="credential-registration-begin"),
    path(
        "registration/complete/",
        passkeys.CompleteRegistration.as_view(),
        name="credential-registration-complete",
    ),
    path(
        "authentication/begin/",
        passkeys.BeginAuthentication.as_view(),
        name="credential-authentication-begin",
    ),
    path(
        "authentication/complete/",
        passkeys.CompleteAuthentication.as_view(),
        name="credential-authentication-complete",
    ),
    # The scripts' own messages, in our translation (staff/locale/*/djangojs.po).
    path("jsi18n/", JavaScriptCatalog.as_view(packages=["staff"]), name="js-i18n-catalog"),
]
