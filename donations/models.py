"""The donation page with HHD's bank accounts, and the pledges donors make on it.

A pledge is a promise to transfer an amount with a reference code in the transfer's
description; the treasurer later marks it received, by hand or by reconciling a bank
statement. Names and e-mail addresses are optional, encrypted at rest, and anonymised
when a pledge is never received (donations.retention).
"""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from home.admin_forms import PageForm
from home.blocks import BodyBlock
from safety import references
from safety.encryption import EncryptedTextField

from .bank_details import compact_bic, compact_iban, format_iban, validate_bic, validate_iban
from .blocks import ImpactBlock
from .currencies import Currency

MINIMUM_AMOUNT = Decimal("1")
MAXIMUM_AMOUNT = Decimal("1000000")


def parse_amounts(text: str) -> list[Decimal]:
    """The amounts of a comma- or space-separated list such as ``"250, 500, 1000"``."""
    amounts = []
    for part in text.replace(";", ",").replace(",", " ").split():
        try:
            amount = Decimal(part)
        except InvalidOperation as error:
            raise ValidationError(
                _("Write whole amounts separated by commas, e.g. 250, 500, 1000."), code="amounts"
            ) from error
        if not MINIMUM_AMOUNT <= amount <= MAXIMUM_AMOUNT or not amount.is_finite():
            raise ValidationError(_("Each amount must be between 1 and 1,000,000."), code="amounts")
        amounts.append(amount)
    return amounts


def validate_amounts(text: str) -> None:
    """Refuse a list of suggested amounts that cannot be read."""
    parse_amounts(text)


class DonationPage(Page):
    """Why to give and what a gift does, HHD's bank accounts, and the pledge form.

    One per language (translated with wagtail-localize). Served from the shared page
    cache: the form carries no per-visitor token and posts to ``donations:pledge``.
    """

    intro = models.TextField(
        _("introduction"),
        blank=True,
        max_length=600,
        help_text=_("One or two sentences under the title: why HHD asks for support."),
    )
    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name=_("why give"),
        help_text=_("Why to give: HHD's work and how it is funded."),
    )
    impact = StreamField(
        [("impact", ImpactBlock())],
        blank=True,
        verbose_name=_("what a gift does"),
        help_text=_("What a gift does: an amount and what it pays for, one line each."),
    )
    suggested_try = models.CharField(
        _("suggested amounts (TRY)"),
        max_length=100,
        blank=True,
        validators=[validate_amounts],
        help_text=_("Suggested amounts in Turkish lira, separated by commas, e.g. 250, 500, 1000."),
    )
    suggested_usd = models.CharField(
        _("suggested amounts (USD)"),
        max_length=100,
        blank=True,
        validators=[validate_amounts],
        help_text=_("Suggested amounts in US dollars, separated by commas, e.g. 10, 25, 50."),
    )
    suggested_eur = models.CharField(
        _("suggested amounts (EUR)"),
        max_length=100,
        blank=True,
        validators=[validate_amounts],
        help_text=_("Suggested amounts in euros, separated by commas, e.g. 10, 25, 50."),
    )
    default_currency = models.CharField(
        _("currency offered first"),
        max_length=3,
        choices=Currency.choices,
        default=Currency.TRY,
        help_text=_("The currency the form offers first."),
    )
    goal_amount = models.DecimalField(
        _("goal"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(MINIMUM_AMOUNT)],
        help_text=_(
            "Optional: a fundraising goal. Progress counts donations marked received in its currency."
        ),
    )
    goal_currency = models.CharField(
        _("currency of the goal"),
        max_length=3,
        choices=Currency.choices,
        default=Currency.TRY,
        help_text=_("The goal's currency."),
    )
    thank_you_text = models.TextField(
        _("thank-you text"),
        blank=True,
        max_length=600,
        help_text=_("Shown to donors above the transfer instructions after they pledge."),
    )

    base_form_class = PageForm
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("impact"),
        MultiFieldPanel(
            [
                HelpPanel(
                    content=_("Amounts are copied to every language. Donors can always type another amount.")
                ),
                FieldPanel("default_currency"),
                FieldPanel("suggested_try"),
                FieldPanel("suggested_usd"),
                FieldPanel("suggested_eur"),
            ],
            heading=_("Suggested amounts"),
        ),
        InlinePanel(
            "bank_accounts",
            heading=_("Bank accounts"),
            label=_("Bank account"),
            min_num=1,
            help_text=_("In the order donors should see them. Copied to every language."),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("goal_amount"), FieldPanel("goal_currency")])],
            heading=_("Fundraising goal"),
        ),
        FieldPanel("thank_you_text"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    override_translatable_fields = [
        SynchronizedField("suggested_try"),
        SynchronizedField("suggested_usd"),
        SynchronizedField("suggested_eur"),
        SynchronizedField("default_currency"),
        SynchronizedField("goal_amount"),
        SynchronizedField("goal_currency"),
    ]

    class Meta:
        verbose_name = _("donation page")

    def suggested_amounts(self):
        """``[(currency, [amounts])]`` for the currencies with suggestions, the default one first."""
        by_currency = {
            Currency.TRY: self.suggested_try,
            Currency.USD: self.suggested_usd,
            Currency.EUR: self.suggested_eur,
        }
        order = sorted(by_currency, key=lambda code: code != self.default_currency)
        return [(code, parse_amounts(by_currency[code])) for code in order if by_currency[code].strip()]

    @staticmethod
    def chosen_suggestion(request, suggested):
        """``(currency, amount)`` of the suggested amount a visitor tapped without JavaScript
        (``?amount=500&currency=TRY``), or None. Only the page's own suggestions are taken,
        compared as text: nothing the visitor typed reaches the page."""
        amount, currency = request.GET.get("amount", ""), request.GET.get("currency", "")
        for code, amounts in suggested:
            if code == currency and amount in {str(each) for each in amounts}:
                return (code, amount)
        return None

    def get_context(self, request, *args, **kwargs):
        from .forms import PledgeForm
        from .services import goal_progress

        context = super().get_context(request, *args, **kwargs)
        suggested = self.suggested_amounts()
        chosen = self.chosen_suggestion(request, suggested)
        initial = {"amount": Decimal(chosen[1]), "currency": chosen[0]} if chosen else {}
        context.setdefault("form", PledgeForm(page=self, initial=initial))
        context["bank_accounts"] = list(self.bank_accounts.all())
        context["suggested_amounts"] = suggested
        context["chosen_suggestion"] = chosen
        context["goal"] = goal_progress(self)
        return context


class BankAccount(TranslatableMixin, Orderable):
    """One of HHD's accounts that donors transfer to, in the page's order.

    Everything is copied to every language: an account number must never differ
    between translations.
    """

    page = ParentalKey(DonationPage, on_delete=models.CASCADE, related_name="bank_accounts")
    bank = models.CharField(_("bank"), max_length=120, help_text=_("The bank's name, e.g. 'Ziraat Bankası'."))
    holder = models.CharField(
        _("account holder"), max_length=160, help_text=_("The account holder exactly as the bank has it.")
    )
    iban = models.CharField(
        "IBAN",
        max_length=42,
        validators=[validate_iban],
        help_text=_("The IBAN; it is checked against its check digits. Spaces are allowed."),
    )
    bic = models.CharField(
        "SWIFT/BIC",
        max_length=14,
        validators=[validate_bic],
        help_text=_("The bank's SWIFT/BIC code, needed for transfers from abroad."),
    )
    currency = models.CharField(
        _("currency"),
        max_length=3,
        choices=Currency.choices,
        help_text=_("The currency this account receives."),
    )

    panels = [
        FieldPanel("bank"),
        FieldPanel("holder"),
        FieldRowPanel([FieldPanel("iban"), FieldPanel("bic")]),
        FieldPanel("currency"),
    ]
    override_translatable_fields = [
        SynchronizedField("bank"),
        SynchronizedField("holder"),
        SynchronizedField("iban"),
        SynchronizedField("bic"),
        SynchronizedField("currency"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("bank account")
        verbose_name_plural = _("bank accounts")

    def __str__(self):
        return f"{self.bank} ({self.currency})"

    def save(self, *args, **kwargs):
        # Stored compact, so that the page and the e-mail show it the same way.
        self.iban = compact_iban(self.iban)
        self.bic = compact_bic(self.bic)
        super().save(*args, **kwargs)

    @property
    def formatted_iban(self):
        """The IBAN in groups of four."""
        return format_iban(self.iban)


# --- Pledges -----------------------------------------------------------------


class Frequency(models.TextChoices):
    ONE_OFF = "one_off", _("Once")
    MONTHLY = "monthly", _("Every month")


class PaymentMethod(models.TextChoices):
    """How the donor pays. Only bank transfers for now; card payments can be added as a choice."""

    BANK_TRANSFER = "bank_transfer", _("Bank transfer")


class PledgeStatus(models.TextChoices):
    PLEDGED = "pledged", _("Pledged")
    RECEIVED = "received", _("Received")
    CANCELLED = "cancelled", _("Cancelled")


class Pledge(models.Model):
    """A donor's promise to give, identified in the bank statement by its reference code.

    The amount and currency are what the donor said; ``received_amount``,
    ``received_currency`` and ``received_on`` are what the bank shows. Personal fields are optional: giving
    anonymously is allowed.
    """

    reference = models.CharField(
        max_length=references.LENGTH,
        unique=True,
        editable=False,
        help_text=_("The code the donor writes in the transfer's description (no dash)."),
    )
    page = models.ForeignKey(
        DonationPage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pledges",
        help_text=_("The donation page the pledge was made on (its goal counts the pledge)."),
    )
    amount = models.DecimalField(
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(MINIMUM_AMOUNT), MaxValueValidator(MAXIMUM_AMOUNT)],
        help_text=_("The amount the donor pledged."),
    )
    currency = models.CharField(max_length=3, choices=Currency.choices, help_text=_("The pledged currency."))
    frequency = models.CharField(
        max_length=10,
        choices=Frequency.choices,
        default=Frequency.ONE_OFF,
        help_text=_("Whether the donor means to give once or every month."),
    )
    payment_method = models.CharField(
        max_length=20,
        choices=PaymentMethod.choices,
        default=PaymentMethod.BANK_TRANSFER,
        help_text=_("How the donor pays."),
    )
    # Why: to thank the donor by name in the receipt. Optional, encrypted at rest.
    name = EncryptedTextField(blank=True, help_text=_("The donor's name, if they gave one."))
    # Why: to send the transfer instructions and a receipt. Optional, encrypted at rest.
    email = EncryptedTextField(blank=True, help_text=_("The donor's e-mail address, if they gave one."))
    # Why: to find a donor's pledges when they ask to be deleted, without a plaintext column.
    email_digest = models.CharField(
        max_length=64, blank=True, db_index=True, help_text=_("Keyed digest of the e-mail address.")
    )
    consent_version = models.CharField(
        max_length=40, blank=True, help_text=_("Version of the consent wording the donor agreed to.")
    )
    consented_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When the donor agreed to be e-mailed.")
    )
    language = models.CharField(
        max_length=8,
        default="tk",
        help_text=_("The language the donor used; their e-mails are written in it."),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=PledgeStatus.choices,
        default=PledgeStatus.PLEDGED,
        db_index=True,
        help_text=_("Pledged until the transfer arrives; cancelled if it never will."),
    )
    received_amount = models.DecimalField(
        _("amount received"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("The amount the bank statement shows, in the currency it arrived in."),
    )
    # What arrived is recorded as the bank shows it: a transfer in another currency than
    # the pledged one keeps its own amount and currency (converting would need a rate
    # someone types in; the statement is what the books and the auditors check against).
    received_currency = models.CharField(
        _("currency received"),
        max_length=3,
        blank=True,
        help_text=_(
            "The currency the transfer arrived in (ISO code, e.g. TRY); the pledged one when left empty."
        ),
    )
    received_on = models.DateField(
        _("received on"), null=True, blank=True, help_text=_("The date the transfer arrived.")
    )
    created_at = models.DateTimeField(
        default=timezone.now, db_index=True, help_text=_("When the pledge was made.")
    )
    anonymised_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When the name and e-mail address were removed.")
    )

    class Meta:
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")
        ordering = ["-created_at", "-pk"]
        # Only the treasurer's role sees pledges; the default add/change/delete/view
        # permissions are ignored by donations.permissions.TreasurerPolicy.
        permissions = [
            (
                "manage_pledges",
                "Can see pledges, mark them received, reconcile statements and export them",
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="donations_pledge_amount_positive"),
            models.CheckConstraint(
                condition=~Q(status="received")
                | (Q(received_amount__isnull=False, received_on__isnull=False) & ~Q(received_currency="")),
                name="donations_pledge_received_has_amount_currency_and_date",
            ),
        ]

    def __str__(self):
        # Only the reference: this string reaches the audit log and admin messages.
        return self.display_reference

    def save(self, *args, **kwargs):
        # A transfer recorded without a currency (by hand, or by a statement without a
        # currency column) arrived in the pledged one.
        if self.received_amount is not None and not self.received_currency:
            self.received_currency = self.currency
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "received_currency"}
        super().save(*args, **kwargs)

    @property
    def display_reference(self):
        """The reference as the donor sees it, e.g. ``7KQM-4XPZ``."""
        return references.display(self.reference) if self.reference else ""

    @property
    def has_email(self):
        return bool(self.email)
