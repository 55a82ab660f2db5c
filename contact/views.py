"""Public views: the POSTs of the contact form and of the help form, and the contact thank-you page.

The pages themselves are Wagtail pages served from the shared cache; their forms post here,
protected by the origin check, the signed form token, the honeypot and rate limits instead
of a CSRF cookie (safety.guards, README "Forms on cached pages"). Bad input comes back with
what was typed and a message in the visitor's language; every answer is ``no-store``.
"""

from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from donations import references
from hhd_site.headers import keep_private
from safety.consent import consent_version
from safety.digests import normalise_email
from safety.guards import client_ip, is_cross_site
from safety.ratelimits import RateLimit, RateLimited, forbidden_cross_site, too_many_attempts

from . import services
from .forms import ContactForm, HelpRequestForm
from .models import ContactPage, HelpRequest, HelpRequestPage


def render_page_again(request, page, form, status, **extra):
    """The form's page again, with the visitor's form, its messages and anything extra."""
    context = page.get_context(request)
    context.update(form=form, **extra)
    return keep_private(TemplateResponse(request, page.get_template(request), context, status=status))


def _rate_limited(request, name, subject):
    try:
        RateLimit.from_settings(name).hit(subject)
    except RateLimited as limited:
        return too_many_attempts(request, limited.retry_after)
    return None


@csrf_exempt
@require_POST
def send_message(request, page_id):
    """Take a message from the contact page's form; answer with the form again or the thank-you page."""
    page = get_object_or_404(ContactPage.objects.live().public(), pk=page_id)
    if is_cross_site(request):
        return forbidden_cross_site(request)
    if limited := _rate_limited(request, "contact:ip", client_ip(request)):
        return limited
    form = ContactForm(request.POST)
    if not form.is_valid():
        return render_page_again(request, page, form, status=400)
    thanks = keep_private(HttpResponseRedirect(reverse("contact:message_sent", args=[page.pk]), status=303))
    if form.caught_by_honeypot:
        return thanks  # looks like success to the bot; nothing stored
    data = form.cleaned_data
    if limited := _rate_limited(request, "contact:email", normalise_email(data["email"])):
        return limited
    language = translation.get_language()
    services.receive_contact_message(
        name=data["name"],
        email=data["email"],
        subject=data["subject"],
        message=data["message"],
        consent_version=consent_version(form.consent_wording(), language),
        language=language,
    )
    return thanks


@require_GET
def message_sent(request, page_id):
    """The contact page's thank-you text (the same for everyone: it says nothing about the message)."""
    page = get_object_or_404(ContactPage.objects.live().public(), pk=page_id)
    return keep_private(TemplateResponse(request, "contact/message_sent.html", {"page": page}))


@csrf_exempt
@require_POST
def ask_for_help(request, page_id):
    """Take a help request: sealed to the caseworkers, answered with its reference and what happens next.

    The answer is rendered directly (no redirect), so the reference never appears in a URL.
    Without a registered caseworker key nothing is stored: the form comes back with the
    organisation's e-mail address to write to instead.
    """
    page = get_object_or_404(HelpRequestPage.objects.live().public(), pk=page_id)
    if is_cross_site(request):
        return forbidden_cross_site(request)
    if limited := _rate_limited(request, "help:ip", client_ip(request)):
        return limited
    form = HelpRequestForm(request.POST, language=translation.get_language())
    if not form.is_valid():
        return render_page_again(request, page, form, status=400)
    if form.caught_by_honeypot:
        # Answered like a success, with a reference that belongs to nobody; nothing is stored.
        decoy = HelpRequest(reference=references.new_reference(), urgent=form.cleaned_data["urgent"])
        return _request_sent(request, page, decoy, gave_email=False)
    submission = services.submission_from(
        form, consent_version(form.consent_wording(), translation.get_language())
    )
    try:
        case = services.submit_help_request(submission)
    except services.NoCaseworkerKey:
        return render_page_again(request, page, form, status=503, unavailable=True)
    return _request_sent(request, page, case, gave_email=submission.contact_channel == "email")


def _request_sent(request, page, case, *, gave_email):
    context = {"page": page, "case": case, "gave_email": gave_email}
    return keep_private(TemplateResponse(request, "contact/help_request_sent.html", context))
