from django import forms
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_("The 6-digit code your authenticator app shows now, or one of your recovery codes."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "text",
                "autofocus": True,
                "spellcheck": "false",
            }
        ),
    )


class SetupCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the app"),
        max_length=10,
        help_text=_("After adding the account in your app, type the 6-digit code it shows."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class PasskeyNameForm(forms.Form):
    passkey = forms.IntegerField(widget=forms.HiddenInput)
    name = forms.CharField(
        label=_("Name of the passkey"),
        max_length=64,
        required=False,
        help_text=_('So that you recognise it later, e.g. "Work laptop" or "Security key".'),
    )
