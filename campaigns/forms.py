"""The signing form: the least the addressee needs, and the signer's explicit choices."""

from django import forms
from django.utils.translation import gettext_lazy as _

from safety.guards import GuardedForm
from safety.validators import validate_person_name

from .countries import COUNTRIES, DEFAULT_COUNTRY


class SignatureForm(GuardedForm):
    """Full name, e-mail, country, optional city, two unticked choices and the required consent."""

    form_name = "campaigns.sign"

    full_name = forms.CharField(
        label=_("Full name"),
        max_length=120,
        validators=[validate_person_name],
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        help_text=_("We send you a link to confirm your signature. It is never shown publicly."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "inputmode": "email"}),
    )
    country = forms.ChoiceField(label=_("Country where you live"), choices=COUNTRIES, initial=DEFAULT_COUNTRY)
    city = forms.CharField(
        label=_("City (optional)"),
        max_length=80,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    show_publicly = forms.BooleanField(
        label=_("Show my first name and city in the public list of signers"), required=False
    )
    wants_newsletter = forms.BooleanField(label=_("Send me HHD news by e-mail"), required=False)
    consent = forms.BooleanField(
        label=_(
            "I agree that HHD keeps my name, e-mail, country and city to deliver this appeal, as the "
            "privacy policy explains. I can withdraw my signature at any time."
        ),
        error_messages={"required": _("Please agree to the privacy policy to sign.")},
    )

    def clean_full_name(self):
        return " ".join(self.cleaned_data["full_name"].split())

    def clean_city(self):
        return " ".join(self.cleaned_data["city"].split())
