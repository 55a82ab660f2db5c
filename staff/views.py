"""Two-factor pages of the admin: set up an authenticator app, enter a code, recovery codes.

They sit outside Wagtail's admin URL wrapper (hhd_site/urls.py mounts them before it),
because a user who has only typed a password must reach them and nothing else.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp import user_has_device
from wagtail.log_actions import log

from . import sessions, two_factor
from .forms import CodeForm, SetupCodeForm
from .models import SecurityStamp

NEW_CODES = "staff_new_recovery_codes"
WRONG_CODE = gettext_lazy("This code is not valid. Check the time on your phone and try a new code.")


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
            return redirect(reverse("staff:setup") + "?" + request.GET.urlencode())
        return self.render(form=CodeForm())

    def post(self, request):
        form = CodeForm(request.POST)
        device = two_factor.verify_code(request.user, form.data.get("code", "")) if form.is_valid() else None
        if device is None:
            log(request.user, "staff.second_factor_failed", user=request.user)
            form.add_error("code", WRONG_CODE)
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


class SetupView(StaffView):
    """Add an authenticator app: at the first sign-in, or later to replace a lost phone.

    Replacing needs a session that already passed the second factor, so a stolen password
    cannot register the thief's own app."""

    template_name = "staff/setup.html"

    def allowed(self, request) -> bool:
        return request.user.is_verified() or not user_has_device(request.user)

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
            return redirect(reverse("staff:verify") + "?" + request.GET.urlencode())
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
