"""Signing, confirming and withdrawing: thin views over campaigns.services.

The campaign page itself is served by Wagtail from the shared cache, so it carries no
CSRF token. These POST views are exempt from Django's CSRF check and protected instead
by safety.guards (origin check, signed form token, honeypot), rate limits, and the
double opt-in that makes a forged signature count for nothing (README: "Forms on cached
pages").
"""

from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from hhd_site.headers import keep_private
from safety.consent import consent_version
from safety.digests import email_digest
from safety.guards import client_ip, is_cross_site
from safety.ratelimits import RateLimit, RateLimited, forbidden_cross_site, too_many_attempts

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


@csrf_exempt
@require_POST
def sign(request, page_id):
    """Take a signature from the campaign page's form and answer "check your inbox"."""
    campaign = services.campaign_facts(page_id)
    if campaign is None:
        raise Http404
    if is_cross_site(request):
        return forbidden_cross_site(request)
    try:
        RateLimit.from_settings("sign:ip").hit(client_ip(request))
    except RateLimited as limited:
        return too_many_attempts(request, limited.retry_after)

    form = SignatureForm(request.POST)
    if not campaign.is_open():
        # A late POST stores nothing; the page shows the closed notice.
        return render_campaign(request, live_campaign(page_id), form, status=409, late_post=True)
    if not form.is_valid():
        return render_campaign(request, live_campaign(page_id), form, status=400)
    thanks = HttpResponseRedirect(reverse("campaigns:check_inbox", args=[campaign.pk]), status=303)
    if form.caught_by_honeypot:
        return keep_private(thanks)  # looks like success to the bot; nothing stored
    data = form.cleaned_data
    try:
        RateLimit.from_settings("sign:email").hit(email_digest(data["email"]))
    except RateLimited as limited:
        return too_many_attempts(request, limited.retry_after)

    language = translation.get_language()
    services.sign(
        campaign,
        services.SigningRequest(
            full_name=data["full_name"],
            email=data["email"],
            country=data["country"],
            city=data["city"],
            show_publicly=data["show_publicly"],
            wants_newsletter=data["wants_newsletter"],
            consent_version=consent_version(form.consent_wording(), language),
            language=language,
        ),
    )
    return keep_private(thanks)


def check_inbox(request, page_id):
    """The same answer for every signing, new or repeated: nobody learns who has signed."""
    campaign = live_campaign(page_id)
    return keep_private(TemplateResponse(request, "campaigns/check_inbox.html", {"campaign": campaign}))


def _limited(request):
    try:
        RateLimit.from_settings("confirm:ip").hit(client_ip(request))
    except RateLimited as limited:
        return too_many_attempts(request, limited.retry_after)
    return None


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
