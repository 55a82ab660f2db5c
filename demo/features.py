"""The feature apps' demo pages: the appeal, the donation page, the newsletter, contact and help,
and the mirrors page with its list of addresses.

Each builder takes the DemoSite (homes, privacy pages, images by language) and returns
lines for the command's report. No signature, pledge, subscriber or message is made:
those only come from people.
"""

import uuid
from decimal import Decimal

from campaigns.models import CampaignPage, CampaignUpdate
from contact.models import ContactPage, HelpRequestPage
from donations.models import BankAccount, DonationPage
from mirrorlist.models import MirrorAddress, MirrorsPage
from newsletter.models import NewsletterIssue, NewsletterPage

from . import texts
from .building import DEFAULT_LANGUAGE, child_page, publish, translations_of


def build_campaign(demo):
    """The appeal under each home page, linked from the statement about it."""
    home = demo.homes[DEFAULT_LANGUAGE]
    source = child_page(home, CampaignPage, texts.PASSPORT_AMNESTY[DEFAULT_LANGUAGE], lead="", appeal="")
    pages = translations_of(source, demo.locales)
    for code, page in pages.items():
        text = texts.PASSPORT_AMNESTY[code]
        page = publish(
            page,
            title=text.title,
            slug=text.slug,
            lead=text.lead,
            addressee=text.addressee,
            appeal=text.appeal,
            email_subject=text.email_subject,
            goal=texts.CAMPAIGN["goal"],
            image=demo.images["passport"],
            image_alt=texts.ILLUSTRATIONS["passport"].alt_text[code],
            privacy_page=demo.privacies[code],
            show_in_menus=True,
        )
        pages[code] = page
        if not page.updates.exists():
            # Through a revision, so that the update is part of what editors see and publish.
            date = texts.CAMPAIGN["appeal_published"]
            page.updates = [CampaignUpdate(locale=page.locale, date=date, text=text.update)]
            page.save_revision().publish()
    for code, statement in demo.articles[texts.PASSPORT_AMNESTY_STATEMENT.key].items():
        publish(statement, campaign=pages[code])
    return [f"  Campaign: {texts.PASSPORT_AMNESTY['en'].title}, in {len(pages)} languages"]


# One translation key per bank account, the same in every language and every run.
_ACCOUNT_KEYS = [uuid.uuid5(uuid.NAMESPACE_URL, f"hhd-demo-bank-account-{number}") for number in range(3)]


def build_donation_page(demo):
    """The donation page with the fictitious example accounts (valid IBAN check digits, no real bank)."""
    page_fields = dict(texts.DONATION["page"])
    page_fields["goal_amount"] = Decimal(page_fields["goal_amount"])
    source = child_page(demo.homes[DEFAULT_LANGUAGE], DonationPage, texts.DONATION_PAGE[DEFAULT_LANGUAGE])
    keep_accounts(source)
    pages = translations_of(source, demo.locales)
    for code, page in pages.items():
        keep_accounts(page)
        text = texts.DONATION_PAGE[code]
        publish(
            page,
            title=text.title,
            slug=text.slug,
            intro=text.intro,
            body=[{"type": "paragraph", "value": text.body}],
            # Amounts as text, as the StreamField stores them: a second run then sees no change.
            impact=[
                {"type": "impact", "value": {"amount": str(amount), "currency": "TRY", "text": line}}
                for amount, line in zip(texts.IMPACT_AMOUNTS, text.impact, strict=True)
            ],
            thank_you_text=text.thank_you,
            show_in_menus=True,
            **page_fields,
        )
    accounts = texts.DONATION["accounts"]
    return [f"  Donation page: {', '.join(pages)}, with {len(accounts)} example bank accounts (fictitious)"]


def keep_accounts(page):
    """Give the page the demo accounts, touching nothing when it already has them."""
    bank, holder, bic = texts.DONATION["bank"], texts.DONATION["holder"], texts.DONATION["bic"]
    wanted = [
        (bank, holder, account["iban"], bic, account["currency"], key)
        for account, key in zip(texts.DONATION["accounts"], _ACCOUNT_KEYS, strict=True)
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


def publish_form_page(demo, model, page_texts, **fields_of_text):
    """A form page under each home, in every language, linked to the privacy policy.

    ``fields_of_text`` maps a field to the attribute of the language's text that fills it.
    """
    source = child_page(demo.homes[DEFAULT_LANGUAGE], model, page_texts[DEFAULT_LANGUAGE])
    pages = translations_of(source, demo.locales)
    for code, page in pages.items():
        text = page_texts[code]
        publish(
            page,
            title=text.title,
            slug=text.slug,
            intro=text.intro,
            privacy_page=demo.privacies[code],
            show_in_menus=True,
            **{field: getattr(text, attribute) for field, attribute in fields_of_text.items()},
        )
    return pages


def build_newsletter(demo):
    """The newsletter page (its slug carries the app's URLs) and one draft issue per language."""
    pages = publish_form_page(demo, NewsletterPage, texts.NEWSLETTER_PAGE)
    for code, (subject, intro) in texts.DRAFT_ISSUE.items():
        NewsletterIssue.objects.get_or_create(
            language=code, subject=subject, defaults={"intro": intro, "include_new_articles": True}
        )
    return [f"  Newsletter: a subscribe page and a draft issue in {len(pages)} languages"]


def build_contact_pages(demo):
    """The contact page and the "Ask for help" page."""
    publish_form_page(
        demo, ContactPage, texts.CONTACT_PAGE, safety_warning="safety_warning", thank_you_text="thank_you"
    )
    help_pages = publish_form_page(
        demo, HelpRequestPage, texts.HELP_PAGE, safety_warning="safety_warning", next_steps="next_steps"
    )
    return [f"  Contact and help pages: {', '.join(help_pages)}"]


def build_mirrors(demo):
    """The mirrors page in every language and the (fictitious) mirror addresses, notes translated."""
    source = child_page(demo.homes[DEFAULT_LANGUAGE], MirrorsPage, texts.MIRRORS_PAGE[DEFAULT_LANGUAGE])
    pages = translations_of(source, demo.locales)
    for code, page in pages.items():
        text = texts.MIRRORS_PAGE[code]
        publish(page, title=text.title, slug=text.slug, intro=text.intro)
    for position, fields in enumerate(texts.MIRROR_ADDRESSES):
        source = MirrorAddress.objects.filter(
            locale=demo.locales[DEFAULT_LANGUAGE], address=fields["address"]
        ).first() or MirrorAddress(locale=demo.locales[DEFAULT_LANGUAGE], address=fields["address"])
        # The Turkmen address first: the others are its translations.
        for code, locale in sorted(demo.locales.items(), key=lambda item: item[0] != DEFAULT_LANGUAGE):
            mirror = source if code == DEFAULT_LANGUAGE else source.get_translation_or_none(locale)
            if mirror is None:
                mirror = source.copy_for_translation(locale)
            values = {
                "kind": fields["kind"],
                "note": texts.MIRRORS_PAGE[code].notes[position],
                "sort_order": position,
                "active": True,
            }
            if mirror.pk is None or any(getattr(mirror, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(mirror, name, value)
                mirror.save()
    return [f"  Mirrors: a page and {len(texts.MIRROR_ADDRESSES)} addresses in {len(pages)} languages"]


BUILDERS = [build_campaign, build_donation_page, build_newsletter, build_contact_pages, build_mirrors]
