"""Two-factor pages of the admin: enter a code, open an enrolment link, set up an
authenticator app, recovery codes; and the administrators' page that makes enrolment links.

The two-step pages sit outside Wagtail's admin URL wrapper (hhd_site/urls.py mounts them
before it), because a user who has only typed a password must reach them and nothing else.
The set-up form opens only for a session that has passed the second step (to replace the
app) or presented the user's enrolment link after the password (staff.enrolment).
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView
from django_otp import login as otp_login
from django_otp import user_has_device
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log

from . import enrolment, passkeys, sessions, two_factor
from .forms import CodeForm, PasskeyNameForm, SetupCodeForm
from .middleware import second_step
from .models import SecurityStamp, SignInPolicy

NEW_CODES = "staff_new_recovery_codes"
WRONG_CODE = gettext_lazy("This code is not valid. Check the time on your phone and try a new code.")
PASSKEY_REQUIRED = gettext_lazy(
    "Your role must sign in with a passkey: a code from the authenticator app is not enough. "
    "Use your passkey, or one of your recovery codes if you lost it."
)


def next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")


class StaffView(View):
    template_name = ""

    @method_decorator(never_cache)
    @method_decorator(login_required(login_url="wagtailadmin_login"))
    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("wagtailadmin.access_admin"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def render(self, **context):
        context.setdefault("next", next_url(self.request))
        return TemplateResponse(self.request, self.template_name, context)


class VerifyView(StaffView):
    """Second step of every sign-in: a code from the app or a recovery code."""

    template_name = "staff/verify.html"

    def get(self, request):
        if not user_has_device(request.user):
            return redirect(second_step(request, request.user) + "?" + request.GET.urlencode())
        return self.render(form=CodeForm())

    def render(self, **context):
        user = self.request.user
        context.setdefault(
            "passkeys",
            passkeys.available_here(self.request) and passkeys.passkeys_of(user).exists(),
        )
        context.setdefault("passkey_required", SignInPolicy.requires_passkey(user))
        return super().render(**context)

    def post(self, request):
        form = CodeForm(request.POST)
        device = two_factor.verify_code(request.user, form.data.get("code", "")) if form.is_valid() else None
        if device is None:
            log(request.user, "staff.second_factor_failed", user=request.user)
            form.add_error("code", WRONG_CODE)
            return self.render(form=form)
        if isinstance(device, two_factor.TOTPDevice) and SignInPolicy.requires_passkey(request.user):
            log(request.user, "staff.second_factor_refused", user=request.user, data={"with": "TOTPDevice"})
            form.add_error("code", PASSKEY_REQUIRED)
            return self.render(form=form)
        otp_login(request, device)
        request.session[sessions.STAMP] = SecurityStamp.current(request.user)
        log(
            request.user,
            "staff.second_factor_verified",
            user=request.user,
            data={"with": type(device).__name__},
        )
        if not isinstance(device, two_factor.TOTPDevice):
            left = two_factor.remaining_recovery_codes(request.user)
            messages.warning(
                request,
                _("You used a recovery code; %(count)s are left. Lost your phone? Set up the app again.")
                % {"count": left},
            )
        return redirect(next_url(request))


class NotEnrolledView(StaffView):
    """Signed in with a password, but the account has no second factor and this session
    presented no enrolment link: nothing to do here but ask an administrator for one."""

    template_name = "staff/not_enrolled.html"

    def get(self, request):
        if request.user.is_verified():
            return redirect(next_url(request))
        if enrolment.granted(request, request.user) or user_has_device(request.user):
            return redirect(second_step(request, request.user) + "?" + request.GET.urlencode())
        return self.render()


class EnrolmentLinkView(View):
    """The page an enrolment link opens. Opening it (GET) changes nothing, since mail scanners
    open links too: a signed-out visitor is asked to sign in first (and comes back here), a
    signed-in owner of the link presses a button, and only that POST spends the link and
    opens the set-up form for this session (staff.enrolment.use_link)."""

    template_name = "staff/enrolment_link.html"

    @method_decorator(never_cache)
    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)

    def render(self, state: str, status: int = 200, **context):
        return TemplateResponse(self.request, self.template_name, {"state": state, **context}, status=status)

    def state(self, request, token):
        """What the page says: "invalid", "sign_in", "other_account" or "ready" (with status)."""
        link = enrolment.valid_link(token)
        if link is None:
            return "invalid", 410
        if not request.user.is_authenticated:
            return "sign_in", 200
        if link.user_id != request.user.pk or not request.user.has_perm("wagtailadmin.access_admin"):
            return "other_account", 403
        return "ready", 200

    def login_url(self, request):
        return reverse("wagtailadmin_login") + "?" + urlencode({"next": request.path})

    def get(self, request, token):
        state, status = self.state(request, token)
        return self.render(state, status, login_url=self.login_url(request))

    def post(self, request, token):
        user = request.user
        # Spends the link when it is this user's; refuses (and logs) someone else's.
        if (
            user.is_authenticated
            and user.has_perm("wagtailadmin.access_admin")
            and enrolment.use_link(request, token)
        ):
            return redirect(reverse("staff:setup") + "?" + urlencode({"next": reverse("wagtailadmin_home")}))
        state, status = self.state(request, token)
        if state == "sign_in":
            return redirect(self.login_url(request))
        return self.render(state, status, login_url=self.login_url(request))


class SetupView(StaffView):
    """Add an authenticator app: after presenting an enrolment link (the first one, or a new
    one when the phone and the recovery codes are lost), or later to replace the phone.

    Without a link, setting up needs a session that already passed the second factor, so a
    password alone (a stolen one, or that of an account that never enrolled) cannot register
    the thief's own app."""

    template_name = "staff/setup.html"

    def allowed(self, request) -> bool:
        return request.user.is_verified() or enrolment.granted(request, request.user)

    def context(self, form):
        device = two_factor.pending_authenticator(self.request.user)
        return {
            "form": form,
            "qr_code": two_factor.qr_code_svg(device),
            "secret": two_factor.secret_for_typing(device),
            "replacing": user_has_device(self.request.user),
        }

    def get(self, request):
        if not self.allowed(request):
            return redirect(second_step(request, request.user) + "?" + request.GET.urlencode())
        return self.render(**self.context(SetupCodeForm()))

    def post(self, request):
        if not self.allowed(request):
            raise PermissionDenied
        form = SetupCodeForm(request.POST)
        device = two_factor.pending_authenticator(request.user)
        code = form.cleaned_data["code"] if form.is_valid() else ""
        if not code or not two_factor.confirm_authenticator(request.user, device, code):
            form.add_error("code", WRONG_CODE)
            return self.render(**self.context(form))
        otp_login(request, device)
        two_factor.second_factor_changed(request, request.user, "staff.second_factor_set")
        enrolment.finish(request, request.user)
        request.session[NEW_CODES] = two_factor.issue_recovery_codes(request.user)
        return redirect(reverse("staff:recovery_codes") + "?" + request.GET.urlencode())


class RecoveryCodesView(StaffView):
    """Shows new recovery codes once; a POST replaces them (the old ones stop working)."""

    template_name = "staff/recovery_codes.html"

    def get(self, request):
        if not request.user.is_verified():
            return redirect(reverse("staff:verify"))
        return self.render(
            codes=request.session.pop(NEW_CODES, None),
            remaining=two_factor.remaining_recovery_codes(request.user),
        )

    def post(self, request):
        if not request.user.is_verified():
            raise PermissionDenied
        request.session[NEW_CODES] = two_factor.issue_recovery_codes(request.user)
        two_factor.second_factor_changed(request, request.user, "staff.recovery_codes_renewed")
        return redirect("staff:recovery_codes")


class PasskeysView(StaffView):
    """The user's passkeys: register one (and name it), rename, remove. Needs a session that
    passed the second step; registering itself happens in the browser (staff.passkeys)."""

    template_name = "staff/passkeys.html"

    def get(self, request):
        if not request.user.is_verified():
            return redirect(reverse("staff:verify") + "?" + urlencode({"next": request.path}))
        return self.render(
            passkeys=passkeys.passkeys_of(request.user),
            available=passkeys.available_here(request),
            form=PasskeyNameForm(),
            required=SignInPolicy.requires_passkey(request.user),
            site_url=settings.SITE_URL,
        )

    def post(self, request):
        if not request.user.is_verified():
            raise PermissionDenied
        form = PasskeyNameForm(request.POST)
        if not form.is_valid():
            return redirect("staff:passkeys")
        pk = form.cleaned_data["passkey"]
        if request.POST.get("action") == "remove":
            if passkeys.remove(request, pk):
                messages.success(request, _("The passkey was removed. You are signed out everywhere else."))
        elif passkeys.rename(request.user, pk, form.cleaned_data["name"]):
            messages.success(request, _("The passkey was saved."))
        return redirect("staff:passkeys")


class IssueEnrolmentLinkView(WagtailAdminTemplateMixin, TemplateView):
    """In the admin's Users area: make an enrolment link for one user (shown once).

    Superusers may make one for anyone; whoever may change users (the Administrators) for
    users who are not superusers (staff.enrolment.may_issue)."""

    template_name = "staff/admin/issue_enrolment_link.html"
    header_icon = "key"

    @method_decorator(never_cache)
    def dispatch(self, request, *args, **kwargs):
        self.person = get_object_or_404(get_user_model(), pk=kwargs["user_id"])
        if not enrolment.may_issue(request.user, self.person):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Enrolment link")

    def get_page_subtitle(self):
        return self.person.get_username()

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("wagtailusers_users:index"), "label": _("Users")},
            {"url": reverse("wagtailusers_users:edit", args=[self.person.pk]), "label": str(self.person)},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            person=self.person, has_second_factor=user_has_device(self.person), **kwargs
        )

    def post(self, request, user_id):
        issued = enrolment.issue_link(self.person, issued_by=request.user, via="admin")
        return self.render_to_response(self.get_context_data(issued=issued))
