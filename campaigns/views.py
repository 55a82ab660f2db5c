"""Signing, confirming and withdrawing: thin views over campaigns.services.

The campaign page itself is served by Wagtail from the shared cache, so it carries no
CSRF token. These POST views are exempt from Django's CSRF check and protected instead
by the public-form pipeline (safety.public_forms) and the double opt-in that makes a
forged signature count for nothing (README: "Forms on cached pages").
"""

from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from hhd_site.headers import keep_private
from hhd_site.public_url import canonical_url
from safety.guards import client_ip, is_cross_site
from safety.public_forms import PublicFormView
from safety.ratelimits import forbidden_cross_site, over_limit

from . import services
from .forms import SignatureForm
from .models import CampaignPage


def live_campaign(page_id) -> CampaignPage:
    return get_object_or_404(CampaignPage.objects.live().public(), pk=page_id)


def render_campaign(request, campaign, form, status, **extra):
    """The campaign page again, with the visitor's form and its messages."""
    context = campaign.get_context(request)
    context.update(form=form, **extra)
    response = TemplateResponse(request, campaign.get_template(request), context, status=status)
    return keep_private(response)


class SignView(PublicFormView):
    """Take a signature from the campaign page's form and answer "check your inbox"."""

    form_class = SignatureForm
    ip_limit, email_limit = "sign:ip", "sign:email"

    def load(self, page_id):
        self.campaign = services.campaign_facts(page_id)
        if self.campaign is None:
            raise Http404

    def refuse(self, form):
        if not self.campaign.is_open():
            # A late POST stores nothing; the page shows the closed notice.
            page = live_campaign(self.campaign.pk)
            return render_campaign(self.request, page, form, status=409, late_post=True)
        return None

    def form_invalid(self, form):
        return render_campaign(self.request, live_campaign(self.campaign.pk), form, status=400)

    def success(self, form):
        return HttpResponseRedirect(reverse("campaigns:check_inbox", args=[self.campaign.pk]), status=303)

    def form_valid(self, form, consent_version):
        data = form.cleaned_data
        services.sign(
            self.campaign,
            services.SigningRequest(
                full_name=data["full_name"],
                email=data["email"],
                country=data["country"],
                city=data["city"],
                show_publicly=data["show_publicly"],
                wants_newsletter=data["wants_newsletter"],
                consent_version=consent_version,
                language=translation.get_language(),
            ),
        )
        return self.success(form)


sign = SignView.as_view()


def check_inbox(request, page_id):
    """The same answer for every signing, new or repeated: nobody learns who has signed."""
    campaign = live_campaign(page_id)
    return keep_private(TemplateResponse(request, "campaigns/check_inbox.html", {"campaign": campaign}))


def _limited(request):
    return over_limit(request, "confirm:ip", client_ip(request))


@csrf_exempt  # the signed token in the URL is the proof; see the module docstring
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """GET shows a "Confirm my signature" button and changes nothing; its POST confirms, once."""
    if request.method == "POST" and is_cross_site(request):
        return forbidden_cross_site(request)
    if limited := _limited(request):
        return limited
    signature = services.signature_for_confirmation(token)
    campaign = services.campaign_of(signature, translation.get_language()) if signature else None
    if campaign is None:
        return keep_private(TemplateResponse(request, "campaigns/link_invalid.html", {}, status=404))
    context = {"campaign": campaign, "token": token, "already_confirmed": signature.confirmed_at is not None}
    # The campaign page's own share links, for the moment a signer is most willing to pass it on.
    context["share_url"] = canonical_url(request, campaign)
    if request.method == "POST":
        services.confirm(signature)
        context["just_confirmed"] = True
        context["signature_count"] = services.confirmed_count(campaign)
    return keep_private(TemplateResponse(request, "campaigns/confirm.html", context))


@csrf_exempt
@require_http_methods(["GET", "POST"])
def withdraw(request, token):
    """GET asks "withdraw your signature?"; the POST of its button deletes the signature."""
    if request.method == "POST" and is_cross_site(request):
        return forbidden_cross_site(request)
    if limited := _limited(request):
        return limited
    signature = services.signature_for_withdrawal(token)
    campaign = services.campaign_of(signature, translation.get_language()) if signature else None
    if campaign is None:
        return keep_private(TemplateResponse(request, "campaigns/link_invalid.html", {}, status=404))
    context = {"campaign": campaign, "token": token}
    if request.method == "POST":
        services.withdraw(signature)
        context["withdrawn"] = True
    return keep_private(TemplateResponse(request, "campaigns/withdraw.html", context))
