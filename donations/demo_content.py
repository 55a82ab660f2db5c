"""Demo content of the donations app, built by manage.py seed_demo: a donation page in four languages.

The bank accounts are clearly fictitious examples ("Örnek Bank (demo)", bank code 00099)
whose IBANs nevertheless pass the checksum, so the page behaves as a real one would. The
impact lines say what a gift *can* help with, without naming costs as facts.
"""

import uuid
from dataclasses import dataclass
from decimal import Decimal

from .models import BankAccount, DonationPage


@dataclass(frozen=True)
class DonationText:
    """The texts of the donation page in one language."""

    title: str
    slug: str
    intro: str
    body: str  # rich-text HTML of one paragraph
    impact: tuple  # what 250, 500 and 1000 lira can help with
    thank_you: str


IMPACT_AMOUNTS = (Decimal("250"), Decimal("500"), Decimal("1000"))

TEXTS = {
    "tk": DonationText(
        title="Goldaw beriň",
        slug="goldaw",
        intro=(
            "HHD öz tarapdarlarynyň goldawy bilen işleýär. Siziň goldawyňyz türkmen migrantlaryna hukuk "
            "kömegini bermäge ýardam edýär."
        ),
        body=(
            "<p>HHD-ni Stambulda türkmen migrantlary esaslandyrdy we ol öz tarapdarlarynyň goldawyna "
            "daýanýar. Bank geçirimi arkaly lira, dollar ýa-da ýewro bilen goldaw berip bilersiňiz.</p>"
        ),
        impact=(
            "resminamany terjime etdirmäge kömek edip biler",
            "aklawçy bilen ilkinji maslahatyň çykdajysyny ýapyp biler",
            "deportasiýa merkezindäki adamlara baryp görmegiň ýol çykdajysyny ýapyp biler",
        ),
        thank_you="Goldawyňyz üçin sag boluň!",
    ),
    "ru": DonationText(
        title="Поддержать HHD",
        slug="podderzhat",
        intro=(
            "HHD работает благодаря поддержке своих сторонников. Ваше пожертвование помогает оказывать "
            "правовую помощь туркменским мигрантам."
        ),
        body=(
            "<p>HHD основали в Стамбуле туркменские мигранты, и организация опирается на поддержку своих "
            "сторонников. Вы можете сделать банковский перевод в лирах, долларах или евро.</p>"
        ),
        impact=(
            "может помочь оплатить перевод документа",
            "может покрыть первую консультацию юриста",
            "может покрыть дорогу к людям, которых держат в центре депортации",
        ),
        thank_you="Спасибо за вашу поддержку!",
    ),
    "tr": DonationText(
        title="Bağış yapın",
        slug="bagis",
        intro=(
            "HHD, destekçilerinin katkılarıyla çalışır. Bağışınız Türkmen göçmenlere hukuki yardım "
            "sağlamamıza destek olur."
        ),
        body=(
            "<p>HHD, İstanbul'da Türkmen göçmenler tarafından kuruldu ve destekçilerinin katkısına dayanır. "
            "Lira, dolar veya avro ile banka havalesi yapabilirsiniz.</p>"
        ),
        impact=(
            "bir belgenin tercümesine yardımcı olabilir",
            "bir avukatla ilk görüşmenin masrafını karşılayabilir",
            "geri gönderme merkezinde tutulan kişileri ziyaret etmenin yol masrafını karşılayabilir",
        ),
        thank_you="Desteğiniz için teşekkür ederiz!",
    ),
    "en": DonationText(
        title="Donate",
        slug="donate",
        intro="HHD is funded by its supporters. Your gift helps us give legal help to Turkmen migrants.",
        body=(
            "<p>HHD was founded in Istanbul by Turkmen migrants and relies on the support of the people "
            "who share its aims. You can give by bank transfer in lira, dollars or euros.</p>"
        ),
        impact=(
            "can help pay for the translation of a document",
            "can cover a first consultation with a lawyer",
            "can cover the travel to visit people held in a deportation centre",
        ),
        thank_you="Thank you for your support!",
    ),
}

# Fictitious accounts (bank code 00099 belongs to no bank) with valid IBAN check digits.
ACCOUNTS = (
    {"iban": "TR680009900000000000001001", "currency": "TRY"},
    {"iban": "TR410009900000000000001002", "currency": "USD"},
    {"iban": "TR140009900000000000001003", "currency": "EUR"},
)
BANK = "Örnek Bank (demo)"
HOLDER = "Hak Hukuga Daýanç Derneği (demo)"
BIC = "DEMOTRIS"
# One translation key per account, the same in every language and every run.
_ACCOUNT_KEYS = [uuid.uuid5(uuid.NAMESPACE_URL, f"hhd-demo-bank-account-{number}") for number in range(3)]

PAGE_FIELDS = {
    "suggested_try": "250, 500, 1000",
    "suggested_usd": "10, 25, 50",
    "suggested_eur": "10, 25, 50",
    "default_currency": "TRY",
    "goal_amount": Decimal("50000.00"),
    "goal_currency": "TRY",
}


def build_demo(demo):
    """Build the donation page under each language's home page; return lines for seed_demo's report."""
    from home.management.commands.seed_demo import DEFAULT_LANGUAGE, child_page, publish, translations_of

    source = child_page(demo.homes[DEFAULT_LANGUAGE], DonationPage, TEXTS[DEFAULT_LANGUAGE])
    keep_accounts(source)
    pages = translations_of(source, demo.locales)
    for code, page in pages.items():
        keep_accounts(page)
        text = TEXTS[code]
        publish(
            page,
            title=text.title,
            slug=text.slug,
            intro=text.intro,
            body=[{"type": "paragraph", "value": text.body}],
            # Amounts as text, as the StreamField stores them: a second run then sees no change.
            impact=[
                {"type": "impact", "value": {"amount": str(amount), "currency": "TRY", "text": line}}
                for amount, line in zip(IMPACT_AMOUNTS, text.impact, strict=True)
            ],
            thank_you_text=text.thank_you,
            show_in_menus=True,
            **PAGE_FIELDS,
        )
    return [f"  Donation page: {', '.join(pages)}, with {len(ACCOUNTS)} example bank accounts (fictitious)"]


def keep_accounts(page):
    """Give the page the demo accounts, touching nothing when it already has them."""
    wanted = [
        (BANK, HOLDER, account["iban"], BIC, account["currency"], key)
        for account, key in zip(ACCOUNTS, _ACCOUNT_KEYS, strict=True)
    ]
    current = [
        (account.bank, account.holder, account.iban, account.bic, account.currency, account.translation_key)
        for account in BankAccount.objects.filter(page=page).order_by("sort_order")
    ]
    if current == wanted:
        return
    BankAccount.objects.filter(page=page).delete()
    for order, (bank, holder, iban, bic, currency, key) in enumerate(wanted):
        BankAccount.objects.create(
            page=page,
            locale_id=page.locale_id,
            translation_key=key,
            sort_order=order,
            bank=bank,
            holder=holder,
            iban=iban,
            bic=bic,
            currency=currency,
        )
