"""StreamField blocks of the donation page."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .currencies import Currency


class ImpactBlock(blocks.StructBlock):
    """One line of "what a gift does": an amount and what it pays for."""

    amount = blocks.DecimalBlock(
        min_value=1,
        decimal_places=2,
        label=_("Amount"),
        help_text=_("The amount, e.g. 500. Copied to every language."),
    )
    currency = blocks.ChoiceBlock(
        choices=Currency.choices, default=Currency.TRY, label=_("Currency"), help_text=_("Its currency.")
    )
    text = blocks.CharBlock(
        max_length=200,
        label=_("What it pays for"),
        help_text=_(
            "What this amount pays for, e.g. 'one hour of a lawyer's advice'. Translated per language."
        ),
    )

    class Meta:
        icon = "pick"
        label = _("What a gift does")
        template = "donations/blocks/impact.html"
