"""Public views: the pledge form's POST and the thank-you page with the transfer instructions.

The donation page itself is a Wagtail page served from the shared cache; its form posts
here, protected by the public-form pipeline instead of a CSRF cookie (safety.public_forms).
"""

from django.core import signing
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.views.decorators.http import require_GET

from hhd_site.headers import keep_private
from safety.public_forms import PublicFormView
from safety.references import new_reference

from .forms import PledgeForm
from .models import DonationPage, Pledge
from .services import accounts_for, create_pledge

THANKS_SALT = "donations.thanks"
# How long the thank-you link keeps showing the instructions (the donor may come back to it).
THANKS_MAX_AGE = 7 * 24 * 3600


def thanks_token(pledge) -> str:
    """The signed, expiring token of a thank-you link: it names the pledge, nothing about the donor."""
    return signing.dumps(pledge.pk, salt=THANKS_SALT)


class PledgeView(PublicFormView):
    """Take a pledge from the donation page's form; answer with the form again or the thank-you page."""

    form_class = PledgeForm
    ip_limit, email_limit = "pledge:ip", "pledge:email"

    def load(self, page_id):
        self.page = get_object_or_404(DonationPage.objects.live(), pk=page_id)

    def get_form(self):
        return PledgeForm(self.request.POST, page=self.page)

    def form_invalid(self, form):
        context = self.page.get_context(self.request)
        context["form"] = form
        return TemplateResponse(self.request, self.page.get_template(self.request), context, status=400)

    def decoy(self, form):
        # A reference that belongs to nobody; nothing is stored.
        return _thanks_response(self.request, self.page, Pledge(reference=new_reference(), **_amounts(form)))

    def form_valid(self, form, consent_version):
        data = form.cleaned_data
        made = create_pledge(
            page=self.page,
            name=data["name"],
            email=data["email"],
            consent_version=consent_version if data["email"] else "",
            language=translation.get_language(),
            **_amounts(form),
        )
        return redirect("donations:thanks", token=thanks_token(made), permanent=False)


pledge = PledgeView.as_view()


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
