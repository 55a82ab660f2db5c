"""Issue 18 (13, 14) in the browser: a Russian translator's translation editor, in Russian, has
"Submit for review" as its main action, no "Delete" or "Convert to alias page" among its
buttons, and headings in words that read (not "Türkmençe to Русский translation")."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from .conftest import DESKTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "translation-browser-test-password"  # noqa: S105 - a throwaway test account


@pytest.fixture
def russian_translation(live_db, django_user_model):
    """A Turkmen article whose Russian translation an editor has started (a draft), and a
    Russian translator whose admin is in Russian."""
    from wagtail.models import Locale, Page
    from wagtail.users.models import UserProfile

    from news.factories import NewsIndexPageFactory, NewsPageFactory
    from tests.fixtures import build_site_tree
    from translations import review

    homes = build_site_tree()["homes"]
    index = NewsIndexPageFactory(parent=Page.objects.get(pk=homes["tk"]).specific)
    article = NewsPageFactory(parent=index, title="Pasport amnistiýasy", summary="Konsullyk pasport berenok.")
    editor = django_user_model.objects.create_user("editor", "editor@example.org", PASSWORD)
    editor.groups.add(Group.objects.get(name="Editors"))
    review.translate_object_for_review(article, [Locale.objects.get(language_code="ru")], user=editor)

    translator = django_user_model.objects.create_user("translator", "translator@example.org", PASSWORD)
    translator.groups.add(Group.objects.get(name="Translators (Русский)"))
    profile = UserProfile.get_for_user(translator)
    profile.preferred_language = "ru"
    profile.save()
    return Page.objects.get(translation_key=article.translation_key, locale__language_code="ru")


def test_a_russian_translators_editor_offers_submit_for_review(
    page, live_server, russian_translation, admin_sign_in, screenshot
):
    page.set_viewport_size(DESKTOP)
    admin_sign_in(page, "translator", PASSWORD)
    page.goto(f"{live_server.url}/admin/pages/{russian_translation.pk}/edit/")

    # wagtail-localize's editor has drawn its texts.
    expect(page.locator(".js-translation-editor h3").first).to_have_text("Türkmençe → Русский")
    expect(page.get_by_text("Türkmençe to Русский translation")).to_have_count(0)

    main_action = page.locator(".translation-review-footer .footer__container > a.button")
    expect(main_action).to_be_visible()
    expect(main_action).to_have_text("Отправить на проверку")
    # Its footer (main action "Delete", "Convert to alias page" among the rest) is not shown.
    expect(page.locator(".js-translation-editor footer")).to_be_hidden()
    for refused in ("Удалить", "Сделать копией исходной страницы", "Преобразовать в псевдоним страницы"):
        expect(page.get_by_role("link", name=refused, exact=True)).to_have_count(0)
    # Readable: white on the admin's primary colour, not dark text on teal.
    colour = main_action.evaluate("element => getComputedStyle(element).color")
    assert colour == "rgb(255, 255, 255)", colour
    screenshot("translation-editor-ru-desktop")

    page.set_viewport_size(PHONE)
    page.reload()
    expect(page.locator(".js-translation-editor h3").first).to_have_text("Türkmençe → Русский")
    main_action.scroll_into_view_if_needed()
    expect(main_action).to_be_in_viewport()
    screenshot("translation-editor-ru-phone")

    main_action.click()
    page.get_by_role("button", name="Отправить на проверку", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("отправлен на проверку")
    russian_translation.refresh_from_db()
    assert russian_translation.workflow_in_progress and not russian_translation.live


def test_a_turkish_moderators_editor_publishes_in_words_that_read(
    page, live_server, russian_translation, django_user_model, admin_sign_in, screenshot
):
    from wagtail.users.models import UserProfile

    moderator = django_user_model.objects.create_user("moderator", "moderator@example.org", PASSWORD)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    profile = UserProfile.get_for_user(moderator)
    profile.preferred_language = "tr"
    profile.save()

    page.set_viewport_size(DESKTOP)
    admin_sign_in(page, "moderator", PASSWORD)
    page.goto(f"{live_server.url}/admin/pages/{russian_translation.pk}/edit/")

    expect(page.locator(".js-translation-editor h3").first).to_have_text("Türkmençe → Русский")
    expect(page.locator(".translation-review-footer")).to_have_count(0)
    # wagtail-localize's footer, its main action in Turkish (its catalogue has none).
    publish = page.locator(".js-translation-editor footer button[value=publish]")
    expect(publish).to_be_visible()
    expect(publish).to_have_text("Yayımla: Русский")
    expect(page.get_by_role("link", name="PO dosyasını indir")).to_be_visible()
    screenshot("translation-editor-tr-moderator-desktop")
