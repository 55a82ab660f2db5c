"""Forms of the newsletter: subscribe (public, guarded), preferences (signed link), and the admin's."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from safety.consent import wording_language
from safety.guards import GuardedForm


class SubscribeForm(GuardedForm):
    """E-mail, language and consent: the subscribe form of the footer and of the newsletter page."""

    form_name = "newsletter-subscribe"
    consent_field = "newsletter_consent"

    email = forms.EmailField(
        max_length=254,
        label=_("E-mail address"),
        error_messages={
            "required": _("Please enter your e-mail address."),
            "invalid": _("Please enter a valid e-mail address, for example name@example.com."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    language = forms.ChoiceField(
        choices=settings.LANGUAGES,
        label=_("Language of the newsletter"),
        error_messages={"invalid_choice": _("Please choose one of the languages in the list.")},
    )
    # Not called 'consent': this form sits in the footer of pages with other forms that have one.
    newsletter_consent = forms.BooleanField(
        label=_(
            "I want to receive HHD's newsletter by e-mail. HHD keeps my address only for this, and I can "
            "unsubscribe at any time."
        ),
        error_messages={"required": _("Please tick the box to agree, or we cannot send you the newsletter.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = wording_language()


class PreferencesForm(forms.Form):
    """What a subscriber may change through the signed link in every newsletter: the language."""

    language = forms.ChoiceField(
        choices=settings.LANGUAGES,
        label=_("Language of the newsletter"),
        error_messages={"invalid_choice": _("Please choose one of the languages in the list.")},
    )


class ForgetSubscriberForm(forms.Form):
    """Admin: delete the subscription of an address on the person's request."""

    email = forms.EmailField(
        max_length=254,
        label=_("E-mail address to delete"),
        help_text=_("The subscription of this address is deleted at once, whether confirmed or not."),
    )
