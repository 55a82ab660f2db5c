"""The donation page goes through wagtail-localize's translation workflow: texts translated, money synced."""

from decimal import Decimal

import pytest
from wagtail.models import Locale
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from donations.factories import DonationPageFactory

pytestmark = pytest.mark.django_db


def test_a_translator_translates_the_texts_and_the_accounts_and_amounts_stay_the_same(
    client, site_tree, django_capture_on_commit_callbacks
):
    page = DonationPageFactory(
        parent=site_tree.homes["tk"],
        impact=[("impact", {"amount": Decimal("500"), "currency": "TRY", "text": "aklawçy bilen maslahat"})],
        goal_amount=Decimal("10000"),
    )
    page.save_revision().publish()
    source, _created = TranslationSource.get_or_create_from_instance(page)
    strings = {segment.string.data for segment in source.stringsegment_set.select_related("string")}
    assert "aklawçy bilen maslahat" in strings
    assert not strings & {"TR330006100519786457841326", "500", "250, 500, 1000", "TRY"}

    russian = Locale.objects.get(language_code="ru")
    translated_texts = {page.title: "Пожертвовать", "aklawçy bilen maslahat": "консультация юриста"}
    with django_capture_on_commit_callbacks(execute=True):
        translation = Translation.objects.create(source=source, target_locale=russian)
        for segment in source.stringsegment_set.select_related("string"):
            StringTranslation.objects.create(
                translation_of=segment.string,
                locale=russian,
                context=segment.context,
                data=translated_texts.get(segment.string.data, segment.string.data),
            )
        translation.save_target(publish=True)
    translated = page.get_translation(russian)

    assert translated.title == "Пожертвовать"
    [impact] = translated.impact
    assert (impact.value["amount"], impact.value["currency"], impact.value["text"]) == (
        Decimal("500"),
        "TRY",
        "консультация юриста",
    )
    assert [account.iban for account in translated.bank_accounts.all()] == [
        account.iban for account in page.bank_accounts.all()
    ]
    assert translated.goal_amount == Decimal("10000")
    response = client.get(translated.url)
    assert response.status_code == 200
    assert "консультация юриста" in response.content.decode()
