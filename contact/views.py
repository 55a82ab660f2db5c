"""Public views: the POSTs of the contact form and of the help form, and the contact thank-you page.

The pages themselves are Wagtail pages served from the shared cache; their forms post here,
protected by the public-form pipeline instead of a CSRF cookie (safety.public_forms, README
"Forms on cached pages"). Bad input comes back with what was typed and a message in the
visitor's language; every answer is ``no-store``.
"""

from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_GET

from hhd_site.headers import keep_private
from safety.public_forms import PublicFormView
from safety.references import new_reference

from . import services
from .forms import ContactForm, HelpRequestForm
from .models import ContactPage, HelpRequest, HelpRequestPage


def render_page_again(request, page, form, status, **extra):
    """The form's page again, with the visitor's form, its messages and anything extra."""
    context = page.get_context(request)
    context.update(form=form, **extra)
    return keep_private(TemplateResponse(request, page.get_template(request), context, status=status))


class SendMessageView(PublicFormView):
    """Take a message from the contact page's form; answer with the form again or the thank-you page."""

    form_class = ContactForm
    ip_limit, email_limit = "contact:ip", "contact:email"

    def load(self, page_id):
        self.page = get_object_or_404(ContactPage.objects.live().public(), pk=page_id)

    def form_invalid(self, form):
        return render_page_again(self.request, self.page, form, status=400)

    def success(self, form):
        return HttpResponseRedirect(reverse("contact:message_sent", args=[self.page.pk]), status=303)

    def form_valid(self, form, consent_version):
        data = form.cleaned_data
        services.receive_contact_message(
            name=data["name"],
            email=data["email"],
            subject=data["subject"],
            message=data["message"],
            consent_version=consent_version,
            language=translation.get_language(),
        )
        return self.success(form)


send_message = SendMessageView.as_view()


@require_GET
def message_sent(request, page_id):
    """The contact page's thank-you text (the same for everyone: it says nothing about the message)."""
    page = get_object_or_404(ContactPage.objects.live().public(), pk=page_id)
    return keep_private(TemplateResponse(request, "contact/message_sent.html", {"page": page}))


class AskForHelpView(PublicFormView):
    """Take a help request: sealed to the caseworkers, answered with its reference and what happens next.

    The answer is rendered directly (no redirect), so the reference never appears in a URL.
    Without a registered caseworker key nothing is stored: the form comes back with the
    organisation's e-mail address to write to instead. No limit per address: the contact
    may be a phone number or a username, and is sealed.
    """

    form_class = HelpRequestForm
    ip_limit = "help:ip"

    def load(self, page_id):
        self.page = get_object_or_404(HelpRequestPage.objects.live().public(), pk=page_id)

    def get_form(self):
        return HelpRequestForm(self.request.POST, language=translation.get_language())

    def form_invalid(self, form):
        return render_page_again(self.request, self.page, form, status=400)

    def decoy(self, form):
        # A reference that belongs to nobody; nothing is stored.
        decoy = HelpRequest(reference=new_reference(), urgent=form.cleaned_data["urgent"])
        return _request_sent(self.request, self.page, decoy, gave_email=False)

    def form_valid(self, form, consent_version):
        submission = services.submission_from(form, consent_version)
        try:
            case = services.submit_help_request(submission)
        except services.NoCaseworkerKey:
            services.help_requests_found_no_key()
            return render_page_again(self.request, self.page, form, status=503, unavailable=True)
        return _request_sent(self.request, self.page, case, gave_email=submission.contact_channel == "email")


ask_for_help = AskForHelpView.as_view()


def _request_sent(request, page, case, *, gave_email):
    context = {"page": page, "case": case, "gave_email": gave_email}
    return keep_private(TemplateResponse(request, "contact/help_request_sent.html", context))
