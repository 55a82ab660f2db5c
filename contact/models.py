"""The contact form and the help-request form, and what they leave behind for HHD's staff.

- ``ContactPage`` / ``ContactMessage``: general enquiries, press, partner lawyers and
  organisations. Messages are encrypted at rest with the server's field key
  (safety.encryption) and deleted after ``CONTACT_MESSAGE_RETENTION_DAYS``.
- ``HelpRequestPage`` / ``HelpRequest``: people in trouble ask for help. Everything that
  could identify them or tell what happened to them is *sealed* to the public keys of the
  caseworkers (safety.sealing): the server stores ciphertext it cannot open. Only triage
  metadata stays readable: category, urgency, answer language, status, assignment, dates.
- ``CaseworkerKey``: a caseworker's ECDH P-256 key pair, made in their browser. The server
  keeps the public key and the private key *wrapped* (encrypted in the browser under the
  caseworker's passphrase, and a second copy under a printed recovery key).
- ``CaseEnvelope``: a case's content key wrapped for one caseworker key.
- ``CaseNote``: a caseworker's internal note, encrypted in the browser under the case's
  content key, so the server never sees a note either.
"""

import base64

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from home.admin_forms import PageForm
from safety import references
from safety.encryption import EncryptedTextField

# The languages a person can ask to be answered in: the site's four, named in themselves.
ANSWER_LANGUAGES = [
    ("tk", "Türkmençe"),
    ("ru", "Русский"),
    ("tr", "Türkçe"),
    ("en", "English"),
]
DEFAULT_QUICK_EXIT_URL = "https://www.google.com/"
# Associated data of the sealed document and of notes: a ciphertext moved to another case,
# or a note put in the document's place, no longer opens.
DOCUMENT_AAD_PREFIX = "request:"
NOTE_AAD_PREFIX = "note:"


def localized_page(page_id, locale_id):
    """The live translation, in ``locale_id``, of the page ``page_id`` (one query), else that page."""
    if not page_id:
        return None
    chosen = Page.objects.filter(pk=page_id).values("translation_key")
    pages = list(Page.objects.live().filter(translation_key__in=chosen))
    return next((page for page in pages if page.locale_id == locale_id), None) or next(
        (page for page in pages if page.pk == page_id), None
    )


class FormPage(Page):
    """What the contact page and the help page share: intro, safety warning, privacy link."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        max_length=1000,
        help_text=_("Above the form: who this form is for and what happens to a message."),
    )
    safety_warning = models.TextField(
        _("safety warning"),
        blank=True,
        max_length=1000,
        help_text=_(
            "Shown above the form: advice on writing from a safe device and channel. Leave empty for "
            "the standard warning."
        ),
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("privacy policy"),
        help_text=_("Optional: the privacy policy, linked beside the consent."),
    )

    base_form_class = PageForm
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    search_fields = Page.search_fields + [index.SearchField("intro")]

    class Meta:
        abstract = True

    def localized_privacy_page(self):
        return localized_page(self.privacy_page_id, self.locale_id)


class ContactPage(FormPage):
    """General enquiries, press, partner lawyers and organisations: a form that reaches HHD's staff."""

    thank_you_text = models.TextField(
        _("thank-you text"),
        blank=True,
        max_length=1000,
        help_text=_("Shown after a message was sent."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("safety_warning"),
        FieldPanel("thank_you_text"),
        FieldPanel("privacy_page"),
    ]
    override_translatable_fields = [SynchronizedField("privacy_page")]

    class Meta:
        verbose_name = _("contact page")

    def get_context(self, request, *args, **kwargs):
        from .forms import ContactForm

        context = super().get_context(request, *args, **kwargs)
        context.setdefault("form", ContactForm())
        context["privacy_page"] = self.localized_privacy_page()
        return context


class HelpRequestPage(FormPage):
    """ "Ask for help": a structured form in plain words whose answers only caseworkers can read."""

    next_steps = models.TextField(
        _("next steps"),
        blank=True,
        max_length=1500,
        help_text=_("Shown with the reference number after a request was sent: what happens next."),
    )
    quick_exit_url = models.URLField(
        _("quick exit address"),
        default=DEFAULT_QUICK_EXIT_URL,
        help_text=_("The neutral site that the 'Leave this page' link opens. The same in every language."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("safety_warning"),
        FieldPanel("next_steps"),
        MultiFieldPanel([FieldPanel("quick_exit_url"), FieldPanel("privacy_page")], heading=_("Safety")),
    ]
    override_translatable_fields = [SynchronizedField("privacy_page"), SynchronizedField("quick_exit_url")]

    class Meta:
        verbose_name = _("help request page")

    def get_context(self, request, *args, **kwargs):
        from .forms import HelpRequestForm
        from .services import help_requests_can_be_sealed

        context = super().get_context(request, *args, **kwargs)
        # Without a caseworker key the page says so at the top and offers no form that would
        # refuse what a person typed; it names the organisation's safer channels instead.
        context["help_available"] = help_requests_can_be_sealed()
        # The page is served under its language's prefix: the active language is its own.
        context.setdefault("form", HelpRequestForm(language=translation.get_language()))
        context["privacy_page"] = self.localized_privacy_page()
        return context


# --- Contact messages ------------------------------------------------------------------


class MessageStatus(models.TextChoices):
    NEW = "new", _("New")
    HANDLED = "handled", _("Handled")


class Category(models.TextChoices):
    """What happened, in the plain words the form uses."""

    PASSPORT = "passport", _("My passport expired or was refused")
    RESIDENCE = "residence", _("Residence permit")
    DETENTION = "detention", _("Detention or a deportation centre")
    WORK_HOUSING = "work_housing", _("Work or housing")
    SCHOOLING = "schooling", _("Children's schooling")
    PRESSURE = "pressure", _("Pressure or threats from officials")
    OTHER = "other", _("Something else")


class ContactMessage(models.Model):
    """A message sent through the contact form, encrypted at rest with the server's field key.

    Less sensitive than a help request (press, partners, general questions), so the server
    can read it for the staff who hold ``contact.view_contactmessage``; deleted after
    ``CONTACT_MESSAGE_RETENTION_DAYS``.
    """

    # Why: to address the reply. Encrypted at rest.
    name = EncryptedTextField(help_text=_("The sender's name."))
    # Why: to reply. Encrypted at rest.
    email = EncryptedTextField(help_text=_("The sender's e-mail address."))
    # Why: what the message is about, for the staff's list. Encrypted at rest.
    subject = EncryptedTextField(help_text=_("The subject the sender gave."))
    # Why: the message itself. Encrypted at rest.
    message = EncryptedTextField(help_text=_("The message."))
    consent_version = models.CharField(
        max_length=40, help_text=_("Version of the consent wording the sender agreed to.")
    )
    language = models.CharField(max_length=8, help_text=_("The language the sender wrote from."))
    status = models.CharField(
        max_length=10, choices=MessageStatus.choices, default=MessageStatus.NEW, db_index=True
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("contact message")
        verbose_name_plural = _("contact messages")
        ordering = ["-created_at", "-pk"]
        # Only the custom permission counts (contact.permissions): no default model permissions
        # that a group could be given "by habit".
        default_permissions = ()
        permissions = [("view_contactmessage", "Can read and handle messages sent through the contact form")]

    def __str__(self):
        # Only the number: this string reaches the audit log and admin messages.
        return f"#{self.pk}"


# --- Help requests ---------------------------------------------------------------------


class ContactChannel(models.TextChoices):
    """How a person wants to be reached."""

    PHONE = "phone", _("Phone call")
    WHATSAPP = "whatsapp", "WhatsApp"
    TELEGRAM = "telegram", "Telegram"
    SIGNAL = "signal", "Signal"
    EMAIL = "email", _("E-mail")


class CaseStatus(models.TextChoices):
    NEW = "new", _("New")
    IN_PROGRESS = "in_progress", _("In progress")
    WAITING = "waiting", _("Waiting")
    CLOSED = "closed", _("Closed")


def b64(data: bytes) -> str:
    """Standard base64, as the browser's atob() reads it."""
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


class CaseworkerKey(models.Model):
    """A caseworker's ECDH P-256 key: the public half, and the private half wrapped in their browser.

    The private key is stored only encrypted (AES-GCM) under a key that PBKDF2-SHA256 derives
    from the caseworker's passphrase, and a second copy under a random recovery key that was
    shown to them once to print. Neither the passphrase nor the recovery key reaches the server.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="caseworker_keys"
    )
    public_key = models.TextField(help_text=_("The public key (SPKI, base64)."))
    fingerprint = models.CharField(max_length=64, unique=True, help_text=_("SHA-256 of the public key."))
    wrapped_private_key = models.TextField(help_text=_("The private key encrypted under the passphrase."))
    passphrase_salt = models.CharField(max_length=64)
    passphrase_nonce = models.CharField(max_length=32)
    passphrase_iterations = models.PositiveIntegerField()
    recovery_wrapped_private_key = models.TextField(
        help_text=_("The private key encrypted under the recovery key.")
    )
    recovery_nonce = models.CharField(max_length=32)
    created_at = models.DateTimeField(default=timezone.now)
    active = models.BooleanField(default=True, db_index=True)
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("caseworker key")
        verbose_name_plural = _("caseworker keys")
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=Q(active=True), name="contact_one_active_key_per_user"
            )
        ]

    def __str__(self):
        return self.short_fingerprint

    @property
    def public_key_bytes(self) -> bytes:
        return unb64(self.public_key)

    @property
    def short_fingerprint(self) -> str:
        """The first 128 bits of the fingerprint in groups of four, for people to compare."""
        head = self.fingerprint[:32].upper()
        return " ".join(head[start : start + 4] for start in range(0, len(head), 4))

    def unlock_data(self) -> dict:
        """What the browser needs to unwrap the private key (nothing it could open without a secret)."""
        return {
            "fingerprint": self.fingerprint,
            "public_key": self.public_key,
            "wrapped_private_key": self.wrapped_private_key,
            "passphrase_salt": self.passphrase_salt,
            "passphrase_nonce": self.passphrase_nonce,
            "passphrase_iterations": self.passphrase_iterations,
            "recovery_wrapped_private_key": self.recovery_wrapped_private_key,
            "recovery_nonce": self.recovery_nonce,
        }


class HelpRequest(models.Model):
    """A person's request for help: sealed to the caseworkers, with readable triage metadata only.

    ``sealed_document`` is AES-256-GCM ciphertext of a JSON document holding the name, the
    place, the contact channel and value and the free-text account; the key that opens it
    exists only wrapped for each caseworker key (``envelopes``). Anonymisation deletes the
    ciphertext, the envelopes and the notes, and keeps the metadata for statistics.
    """

    reference = models.CharField(
        max_length=references.LENGTH,
        unique=True,
        editable=False,
        help_text=_("The code the person was shown, to refer to their request."),
    )
    category = models.CharField(max_length=20, choices=Category.choices, db_index=True)
    urgent = models.BooleanField(default=False, db_index=True, help_text=_("Someone is detained right now."))
    language = models.CharField(
        max_length=8, choices=ANSWER_LANGUAGES, help_text=_("The language to answer in.")
    )
    status = models.CharField(
        max_length=12, choices=CaseStatus.choices, default=CaseStatus.NEW, db_index=True
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The caseworker handling the request."),
    )
    consent_version = models.CharField(
        max_length=40, help_text=_("Version of the consent wording the person agreed to.")
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    status_changed_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True, db_index=True)
    anonymised_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When the sealed content was deleted.")
    )
    # Why: the person's details and account, sealed to the caseworkers' keys (base64).
    sealed_nonce = models.CharField(max_length=32, blank=True)
    sealed_document = models.TextField(blank=True)

    class Meta:
        verbose_name = _("help request")
        verbose_name_plural = _("help requests")
        # Open before closed (most recently closed first), urgent first, then the longest waiting.
        ordering = [models.F("closed_at").desc(nulls_first=True), "-urgent", "created_at", "pk"]
        default_permissions = ()
        permissions = [("handle_helprequests", "Can see and handle help requests (caseworkers)")]

    def __str__(self):
        # Only the reference: this string reaches the audit log and admin messages.
        return self.display_reference

    @property
    def display_reference(self) -> str:
        return references.display(self.reference) if self.reference else ""

    @property
    def is_anonymised(self) -> bool:
        return self.anonymised_at is not None

    @property
    def days_open(self) -> int:
        end = self.closed_at or timezone.now()
        return max(0, (end - self.created_at).days)

    def document_aad(self) -> bytes:
        return (DOCUMENT_AAD_PREFIX + self.reference).encode("ascii")


class CaseEnvelope(models.Model):
    """A case's content key wrapped for one caseworker key (ephemeral ECDH + HKDF + AES-GCM)."""

    help_request = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="envelopes")
    key = models.ForeignKey(CaseworkerKey, on_delete=models.CASCADE, related_name="envelopes")
    ephemeral_public = models.CharField(max_length=100)
    nonce = models.CharField(max_length=32)
    wrapped_key = models.CharField(max_length=100)
    created_at = models.DateTimeField(default=timezone.now)
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Empty when the server sealed the request on arrival; else who shared it."),
    )

    class Meta:
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(fields=["help_request", "key"], name="contact_one_envelope_per_key")
        ]

    def __str__(self):
        return f"{self.help_request} · {self.key}"

    def as_data(self) -> dict:
        return {
            "ephemeral_public": self.ephemeral_public,
            "nonce": self.nonce,
            "wrapped_key": self.wrapped_key,
        }


class CaseNote(models.Model):
    """An internal note on a case, encrypted in the caseworker's browser under the case's content key."""

    help_request = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    nonce = models.CharField(max_length=32)
    ciphertext = models.TextField()

    class Meta:
        default_permissions = ()
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.help_request} · {self.pk}"
