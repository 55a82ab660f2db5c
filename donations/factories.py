"""factory_boy factories for the donations app.

``DonationPageFactory(parent=home)`` makes a live page with one lira and one euro account
(example IBANs that pass the checksum); ``PledgeFactory(page=page)`` a pledge with a
fresh reference.
"""

from decimal import Decimal

import factory

from news.factories import PublishedPageFactory
from safety import references

from .models import BankAccount, DonationPage, Pledge

# The example IBANs of the IBAN registry (valid check digits, no real account behind them).
TURKISH_IBAN = "TR330006100519786457841326"
GERMAN_IBAN = "DE89370400440532013000"


class DonationPageFactory(PublishedPageFactory):
    title = "Goldaw beriň"
    slug = "donate"
    intro = "HHD öz tarapdarlarynyň goldawy bilen işleýär."
    suggested_try = "250, 500, 1000"
    suggested_eur = "10, 25, 50"
    thank_you_text = "Sag boluň!"

    class Meta:
        model = DonationPage
        skip_postgeneration_save = True

    @factory.post_generation
    def accounts(page, create, extracted, **kwargs):
        """Two accounts unless ``accounts=[]`` or a list of field dicts is given."""
        if not create:
            return
        if extracted is None:
            extracted = [
                {"bank": "Örnek Bank", "iban": TURKISH_IBAN, "bic": "TCZBTR2A", "currency": "TRY"},
                {"bank": "Beispielbank", "iban": GERMAN_IBAN, "bic": "COBADEFF", "currency": "EUR"},
            ]
        for order, fields in enumerate(extracted):
            BankAccount.objects.create(
                page=page,
                locale=page.locale,
                sort_order=order,
                holder="Hak Hukuga Daýanç Derneği",
                **fields,
            )


class PledgeFactory(factory.django.DjangoModelFactory):
    reference = factory.LazyFunction(references.new_reference)
    amount = Decimal("500")
    currency = "TRY"
    frequency = "one_off"
    language = "tk"

    class Meta:
        model = Pledge
