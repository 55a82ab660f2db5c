"""The public pledge form and the treasurer's forms."""

import re

from django import forms
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from safety.guards import GuardedForm

from .amounts import AmountField
from .currencies import Currency, statement_currency
from .models import MAXIMUM_AMOUNT, MINIMUM_AMOUNT, Frequency, PledgeStatus

# Stored with each pledge that gives an address as a version of the wording the donor saw
# (safety.consent: language and hash, the text kept in ConsentWording).
CONSENT_LABEL = _(
    "You may e-mail me these transfer instructions and, when my donation arrives, a receipt. Nothing else."
)
MAX_STATEMENT_BYTES = 5 * 1024 * 1024


class PledgeForm(GuardedForm):
    """Amount, currency, once or monthly; name and e-mail optional, consent needed only with an e-mail.

    Rendered into the cached donation page, so it holds nothing about the visitor.
    """

    form_name = "pledge"

    amount = AmountField(
        label=_("Amount"),
        min_value=MINIMUM_AMOUNT,
        max_value=MAXIMUM_AMOUNT,
        max_digits=10,
        decimal_places=2,
        localize=True,  # "1 000,50" in Turkmen and Russian, "1.000,50" in Turkish, "1,000.50" in English
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "transaction-amount"}),
        error_messages={
            "required": _("Please enter the amount you would like to give."),
            "invalid": _("Please enter the amount as a number, e.g. 500."),
            "min_value": _("The amount must be at least 1."),
            "max_value": _("For amounts over 1,000,000 please write to us instead."),
            "max_decimal_places": _("Please use at most two decimal places."),
            "max_digits": _("For amounts over 1,000,000 please write to us instead."),
            "max_whole_digits": _("For amounts over 1,000,000 please write to us instead."),
        },
    )
    currency = forms.ChoiceField(
        label=_("Currency"),
        choices=Currency.choices,
        error_messages={
            "required": _("Please choose a currency."),
            "invalid_choice": _("Please choose a currency."),
        },
    )
    frequency = forms.ChoiceField(
        label=_("How often"),
        choices=Frequency.choices,
        initial=Frequency.ONE_OFF,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Please choose once or every month."),
            "invalid_choice": _("Please choose once or every month."),
        },
    )
    name = forms.CharField(
        label=_("Your name (optional)"),
        required=False,
        max_length=120,
        help_text=_("Leave it empty to give anonymously."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"max_length": _("Please shorten your name to at most 120 characters.")},
    )
    email = forms.EmailField(
        label=_("Your e-mail address (optional)"),
        required=False,
        max_length=254,
        help_text=_("Only to send you the transfer instructions and a receipt."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": _("Please enter a valid e-mail address, e.g. name@example.org.")},
    )
    consent = forms.BooleanField(label=CONSENT_LABEL, required=False)

    def __init__(self, *args, page=None, **kwargs):
        super().__init__(*args, **kwargs)
        if page is not None:
            self.fields["currency"].initial = page.default_currency

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("email") and not cleaned.get("consent"):
            self.add_error(
                "consent",
                forms.ValidationError(
                    _("Please tick the box so that we may e-mail you, or leave the e-mail address empty."),
                    code="consent_required",
                ),
            )
        return cleaned


class PledgeAdminForm(WagtailAdminModelForm):
    """The treasurer's form for one pledge: its status and what actually arrived."""

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == PledgeStatus.RECEIVED:
            for field in ("received_amount", "received_on"):
                if not cleaned.get(field):
                    self.add_error(field, _("Needed when the pledge is marked received."))
            if "received_currency" in self.fields and not cleaned.get("received_currency"):
                cleaned["received_currency"] = self.instance.currency
        return cleaned

    def clean_received_currency(self):
        # Any ISO code the bank shows (a donor may send pounds to the euro account).
        code = statement_currency(self.cleaned_data.get("received_currency", ""))
        if code and not re.fullmatch(r"[A-Z]{3}", code):
            raise forms.ValidationError(_("Write the currency's three-letter code, e.g. TRY, USD or EUR."))
        return code


class StatementUploadForm(forms.Form):
    """A bank statement exported as CSV, to be matched against the pledges' references."""

    statement = forms.FileField(
        label=_("Bank statement (CSV)"),
        validators=[FileExtensionValidator(["csv", "txt"])],
        help_text=_(
            "Export the account's transactions from online banking as CSV. The file is read once and "
            "not stored."
        ),
    )

    def clean_statement(self):
        upload = self.cleaned_data["statement"]
        if upload.size > MAX_STATEMENT_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB; please export a shorter period."))
        return upload
