"""Public views: the pledge form's POST and the thank-you page with the transfer instructions.

The donation page itself is a Wagtail page served from the shared cache; its form posts
here, protected by the origin check, the signed form token, the honeypot and rate limits
instead of a CSRF cookie (safety.guards).
"""

from django.core import signing
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from hhd_site.headers import keep_private
from safety.consent import consent_version
from safety.digests import normalise_email
from safety.guards import client_ip, is_cross_site
from safety.ratelimits import RateLimit, RateLimited, forbidden_cross_site, too_many_attempts

from . import references
from .forms import CONSENT_LABEL, PledgeForm
from .models import DonationPage, Pledge
from .services import accounts_for, create_pledge

THANKS_SALT = "donations.thanks"
# How long the thank-you link keeps showing the instructions (the donor may come back to it).
THANKS_MAX_AGE = 7 * 24 * 3600


def thanks_token(pledge) -> str:
    """The signed, expiring token of a thank-you link: it names the pledge, nothing about the donor."""
    return signing.dumps(pledge.pk, salt=THANKS_SALT)


@csrf_exempt
@require_POST
def pledge(request, page_id):
    """Take a pledge from the donation page's form; answer with the form again or the thank-you page."""
    if is_cross_site(request):
        return forbidden_cross_site(request)
    page = get_object_or_404(DonationPage.objects.live(), pk=page_id)
    try:
        RateLimit.from_settings("pledge:ip").hit(client_ip(request))
    except RateLimited as limited:
        return too_many_attempts(request, limited.retry_after)

    form = PledgeForm(request.POST, page=page)
    if not form.is_valid():
        context = page.get_context(request)
        context["form"] = form
        response = TemplateResponse(request, page.get_template(request), context, status=400)
        return keep_private(response)
    if form.caught_by_honeypot:
        # Answered like a success, with a reference that belongs to nobody; nothing is stored.
        return _thanks_response(request, page, Pledge(reference=references.new_reference(), **_amounts(form)))

    data = form.cleaned_data
    if data["email"]:
        try:
            RateLimit.from_settings("pledge:email").hit(normalise_email(data["email"]))
        except RateLimited as limited:
            return too_many_attempts(request, limited.retry_after)
    made = create_pledge(
        page=page,
        name=data["name"],
        email=data["email"],
        consent_version=(
            consent_version(str(CONSENT_LABEL), translation.get_language()) if data["email"] else ""
        ),
        language=translation.get_language(),
        **_amounts(form),
    )
    return keep_private(redirect("donations:thanks", token=thanks_token(made), permanent=False))


def _amounts(form):
    data = form.cleaned_data
    return {"amount": data["amount"], "currency": data["currency"], "frequency": data["frequency"]}


@require_GET
def thanks(request, token):
    """The transfer instructions: reference, amount and the accounts in the pledged currency."""
    try:
        pledge_pk = signing.loads(token, salt=THANKS_SALT, max_age=THANKS_MAX_AGE)
    except signing.BadSignature:
        raise Http404 from None
    made = get_object_or_404(Pledge.objects.select_related("page"), pk=pledge_pk)
    return _thanks_response(request, made.page, made)


def _thanks_response(request, page, made):
    localized = page.localized if page is not None else None
    context = {
        "pledge": made,
        "donation_page": localized,
        "accounts": accounts_for(page, made.currency),
    }
    return keep_private(TemplateResponse(request, "donations/thanks.html", context))
