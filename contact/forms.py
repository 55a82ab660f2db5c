"""The public contact and help-request forms, and the caseworkers' forms in the admin."""

import binascii
import json

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from safety import sealing
from safety.guards import GuardedForm
from safety.validators import SIGNAL_USERNAME, TELEGRAM_USERNAME, is_phone_number, validate_public_email

from .models import ANSWER_LANGUAGES, CaseStatus, CaseworkerKey, Category, ContactChannel, unb64

MAX_MESSAGE_LENGTH = 5000
MIN_PASSPHRASE_ITERATIONS = 600_000

CONTACT_CONSENT = _(
    "I agree that HHD keeps my name, e-mail address and message to answer me, and deletes them "
    "when they are no longer needed."
)
HELP_CONSENT = _(
    "I agree that HHD keeps what I wrote, sealed so that only its caseworkers can read it, to help "
    "me and to contact me the way I chose. I can ask for it to be deleted at any time."
)


def clean_contact_value(channel: str, value: str) -> str:
    """The contact value checked for its channel; raises a translated ValidationError."""
    value = " ".join(value.split())
    if channel == ContactChannel.EMAIL:
        try:
            validate_email(value)
            validate_public_email(value)
        except ValidationError:
            raise ValidationError(
                _("Please enter a valid e-mail address, e.g. name@example.org."), code="email"
            ) from None
    elif channel == ContactChannel.TELEGRAM:
        if not (is_phone_number(value) or TELEGRAM_USERNAME.match(value)):
            raise ValidationError(
                _("Please enter your Telegram username (e.g. @aman_t) or your phone number."),
                code="telegram",
            )
    elif channel == ContactChannel.SIGNAL:
        if not (is_phone_number(value) or SIGNAL_USERNAME.match(value)):
            raise ValidationError(
                _("Please enter your Signal phone number or username (e.g. aman.01)."), code="signal"
            )
    elif not is_phone_number(value):
        raise ValidationError(
            _("Please enter a phone number with the country code, e.g. +90 555 123 45 67."), code="phone"
        )
    return value


class ContactForm(GuardedForm):
    """Name, e-mail, subject, message and consent. Rendered into the cached contact page."""

    form_name = "contact.message"

    name = forms.CharField(
        label=_("Your name"),
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={
            "required": _("Please tell us your name."),
            "max_length": _("Please shorten your name to at most 120 characters."),
        },
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_("We answer to this address."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "inputmode": "email"}),
        error_messages={
            "required": _("Please enter your e-mail address, so that we can answer."),
            "invalid": _("Please enter a valid e-mail address, e.g. name@example.org."),
        },
    )
    subject = forms.CharField(
        label=_("Subject"),
        max_length=150,
        error_messages={
            "required": _("Please write a subject in a few words."),
            "max_length": _("Please shorten the subject to at most 150 characters."),
        },
    )
    message = forms.CharField(
        label=_("Your message"),
        max_length=MAX_MESSAGE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": _("Please write your message."),
            "max_length": _("Please shorten your message to at most 5,000 characters."),
        },
    )
    consent = forms.BooleanField(
        label=CONTACT_CONSENT,
        error_messages={"required": _("Please agree, so that we may keep your message to answer it.")},
    )

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_subject(self):
        return " ".join(self.cleaned_data["subject"].split())


class HelpRequestForm(GuardedForm):
    """What happened, where, how urgent, how to reach the person and in which language; consent.

    Rendered into the cached help page, so it holds nothing about the visitor; the answer
    language starts as the page's.
    """

    form_name = "contact.help"

    category = forms.ChoiceField(
        label=_("What happened?"),
        choices=Category.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Please choose what happened."),
            "invalid_choice": _("Please choose what happened."),
        },
    )
    location = forms.CharField(
        label=_("Where are you? (city or country)"),
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        error_messages={
            "required": _("Please tell us the city or country where you are."),
            "max_length": _("Please shorten this to at most 120 characters."),
        },
    )
    urgent = forms.BooleanField(
        label=_("Urgent: someone is detained right now"),
        required=False,
        help_text=_("Tick this if someone is in a police station or a deportation centre now."),
    )
    contact_channel = forms.ChoiceField(
        label=_("How can we reach you?"),
        choices=ContactChannel.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Please choose how we can reach you."),
            "invalid_choice": _("Please choose how we can reach you."),
        },
    )
    contact_value = forms.CharField(
        label=_("Your phone number, username or e-mail address"),
        max_length=120,
        help_text=_("For the way you chose above. We use it only to answer you."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        error_messages={
            "required": _("Please tell us how to reach you: a phone number, username or e-mail address."),
            "max_length": _("Please shorten this to at most 120 characters."),
        },
    )
    language = forms.ChoiceField(
        label=_("Answer me in"),
        choices=ANSWER_LANGUAGES,
        error_messages={
            "required": _("Please choose a language."),
            "invalid_choice": _("Please choose a language."),
        },
    )
    name = forms.CharField(
        label=_("Your name (optional)"),
        required=False,
        max_length=120,
        help_text=_("A first name or a made-up name is enough."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        error_messages={"max_length": _("Please shorten your name to at most 120 characters.")},
    )
    account = forms.CharField(
        label=_("What happened? Tell us in your own words"),
        max_length=MAX_MESSAGE_LENGTH,
        help_text=_("Write only what we need to help you. You can leave out names of other people."),
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": _("Please tell us briefly what happened."),
            "max_length": _("Please shorten your text to at most 5,000 characters."),
        },
    )
    consent = forms.BooleanField(
        label=HELP_CONSENT,
        error_messages={"required": _("Please agree, so that we may keep your request to help you.")},
    )

    def __init__(self, *args, language=None, **kwargs):
        super().__init__(*args, **kwargs)
        if language:
            self.fields["language"].initial = language

    def clean_location(self):
        return " ".join(self.cleaned_data["location"].split())

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean(self):
        cleaned = super().clean()
        channel, value = cleaned.get("contact_channel"), cleaned.get("contact_value")
        if channel and value:
            try:
                cleaned["contact_value"] = clean_contact_value(channel, value)
            except ValidationError as error:
                self.add_error("contact_value", error)
        return cleaned


# --- The caseworkers' forms (admin) ----------------------------------------------------


class CaseUpdateForm(forms.Form):
    """Status and assignment of a case: readable metadata, changed without unlocking anything."""

    status = forms.ChoiceField(label=_("Status"), choices=CaseStatus.choices)
    assigned_to = forms.ModelChoiceField(
        label=_("Assigned to"), queryset=None, required=False, empty_label=_("Nobody")
    )

    def __init__(self, *args, caseworkers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].queryset = caseworkers
        self.fields["assigned_to"].label_from_instance = lambda user: (
            user.get_full_name() or user.get_username()
        )


def decode_base64(value, *, sizes=None, max_size=None, message=None):
    """Bytes of a base64 field sent by the browser, or a ValidationError."""
    try:
        data = unb64(value.strip())
    except (binascii.Error, ValueError, UnicodeEncodeError):
        raise ValidationError(message or _("Malformed data."), code="base64") from None
    if (sizes and len(data) not in sizes) or (max_size and len(data) > max_size):
        raise ValidationError(message or _("Malformed data."), code="size")
    return data


class SealedNoteForm(forms.Form):
    """A note as the browser sends it: nonce and ciphertext, encrypted under the case's content key.

    The note's text field in the page has no name, so without JavaScript no plaintext can
    ever be posted; the server only checks the shape of what it stores.
    """

    nonce = forms.CharField(max_length=32)
    ciphertext = forms.CharField(max_length=20_000)

    def clean_nonce(self):
        decode_base64(self.cleaned_data["nonce"], sizes={sealing.NONCE_BYTES})
        return self.cleaned_data["nonce"].strip()

    def clean_ciphertext(self):
        data = decode_base64(self.cleaned_data["ciphertext"], max_size=15_000)
        if len(data) <= sealing.TAG_BYTES:
            raise ValidationError(_("Malformed data."), code="size")
        return self.cleaned_data["ciphertext"].strip()


class KeyRegistrationForm(forms.Form):
    """A key pair made in the caseworker's browser: the public key and the wrapped private key."""

    refuse_known_keys = True

    public_key = forms.CharField(max_length=400)
    wrapped_private_key = forms.CharField(max_length=1000)
    passphrase_salt = forms.CharField(max_length=64)
    passphrase_nonce = forms.CharField(max_length=32)
    passphrase_iterations = forms.IntegerField(min_value=MIN_PASSPHRASE_ITERATIONS, max_value=10_000_000)
    recovery_wrapped_private_key = forms.CharField(max_length=1000)
    recovery_nonce = forms.CharField(max_length=32)

    def clean_public_key(self):
        spki = decode_base64(self.cleaned_data["public_key"], max_size=sealing.MAX_PUBLIC_KEY_BYTES)
        try:
            sealing.load_public_key(spki)
        except sealing.SealingError:
            raise ValidationError(_("This is not an ECDH P-256 public key."), code="public_key") from None
        if (
            self.refuse_known_keys
            and CaseworkerKey.objects.filter(fingerprint=sealing.fingerprint(spki)).exists()
        ):
            raise ValidationError(_("This key is registered already."), code="known_key")
        self.spki = spki
        return self.cleaned_data["public_key"].strip()

    def _wrapped(self, name):
        # A P-256 private key in PKCS #8 is about 138 bytes; with the GCM tag about 154.
        decode_base64(self.cleaned_data[name], max_size=600)
        if len(unb64(self.cleaned_data[name].strip())) < 64:
            raise ValidationError(_("Malformed data."), code="size")
        return self.cleaned_data[name].strip()

    def clean_wrapped_private_key(self):
        return self._wrapped("wrapped_private_key")

    def clean_recovery_wrapped_private_key(self):
        return self._wrapped("recovery_wrapped_private_key")

    def clean_passphrase_salt(self):
        decode_base64(self.cleaned_data["passphrase_salt"], sizes={16, 32})
        return self.cleaned_data["passphrase_salt"].strip()

    def clean_passphrase_nonce(self):
        decode_base64(self.cleaned_data["passphrase_nonce"], sizes={sealing.NONCE_BYTES})
        return self.cleaned_data["passphrase_nonce"].strip()

    def clean_recovery_nonce(self):
        decode_base64(self.cleaned_data["recovery_nonce"], sizes={sealing.NONCE_BYTES})
        return self.cleaned_data["recovery_nonce"].strip()


class KeyReplacementConfirmation(forms.Form):
    """A caseworker's confirmation that they replace their key knowing what it costs.

    Always: that they understand. When requests would be readable by nobody afterwards: the
    number of those requests, typed (a new request or a colleague's share since the page was
    shown changes the number, and the confirmation with it).
    """

    understood = forms.BooleanField(
        label=_(
            "I understand that my old key stops working and that my new key cannot open these "
            "requests until a colleague shares them with me."
        ),
        error_messages={"required": _("Confirm that you understand what replacing your key means.")},
    )
    lost_typed = forms.CharField(required=False, max_length=12)

    def __init__(self, *args, replacement, **kwargs):
        super().__init__(*args, **kwargs)
        self.replacement = replacement

    def clean_lost_typed(self):
        typed = self.cleaned_data["lost_typed"].strip()
        if self.replacement.lost and typed != str(self.replacement.lost):
            raise ValidationError(
                _("Type the number of requests that would be lost for good (%(count)s) to replace your key."),
                code="lost_not_confirmed",
                params={"count": self.replacement.lost},
            )
        return typed


class PassphraseChangeForm(KeyRegistrationForm):
    """The same private key wrapped under a new passphrase (the public key must stay the same)."""

    refuse_known_keys = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("recovery_wrapped_private_key", "recovery_nonce"):
            del self.fields[name]


def parse_shared_envelopes(body: bytes):
    """``[(case id, ephemeral public, nonce, wrapped key)]`` from a browser's JSON, shape-checked."""
    try:
        payload = json.loads(body)
        items = payload["envelopes"]
        if not isinstance(items, list) or len(items) > 500:
            raise ValueError
        parsed = []
        for item in items:
            case_id = int(item["case"])
            ephemeral_public, nonce, wrapped_key = (
                unb64(str(item[name])) for name in ("ephemeral_public", "nonce", "wrapped_key")
            )
            sealing.check_envelope_shape(ephemeral_public, nonce, wrapped_key)
            parsed.append((case_id, item["ephemeral_public"], item["nonce"], item["wrapped_key"]))
    except (ValueError, KeyError, TypeError, binascii.Error, sealing.SealingError):
        raise ValidationError(_("Malformed data."), code="envelopes") from None
    return parsed
