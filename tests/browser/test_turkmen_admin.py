"""Issue 21 (part 2) in the browser: an editor whose admin language is Turkmen signs in with her
password and authenticator code, writes a news article and submits it for review, all in Turkmen;
screenshots of the dashboard, the page editor, the translation editor and the caseworkers' inbox
(test-artifacts/screenshots/tk-admin-*.png) are looked at for English and clipped text."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from .conftest import DESKTOP

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "turkmen-admin-browser-test-password"  # noqa: S105 - a throwaway test account
TITLE = "Konsullyk pasport bermeýär"


@pytest.fixture
def turkmen_editor(live_db, django_user_model):
    """A Turkmen news index, an article whose Russian translation has been started, and an
    editor (who is also a caseworker and translates into Russian) whose admin is in Turkmen."""
    from wagtail.models import Locale, Page
    from wagtail.users.models import UserProfile

    from news.factories import NewsIndexPageFactory, NewsPageFactory
    from staff.roles import CASEWORKERS, EDITORS, translators_group_name
    from tests.fixtures import build_site_tree
    from translations import review

    homes = build_site_tree()["homes"]
    index = NewsIndexPageFactory(parent=Page.objects.get(pk=homes["tk"]).specific)
    article = NewsPageFactory(parent=index, title="Pasport amnistiýasy", summary="Konsullyk pasport berenok.")
    user = django_user_model.objects.create_user("ogulbike", "ogulbike@example.org", PASSWORD)
    russian = Locale.objects.get(language_code="ru")
    for group in (EDITORS, CASEWORKERS, translators_group_name("ru")):
        user.groups.add(Group.objects.get(name=group))
    review.translate_object_for_review(article, [russian], user=user)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "tk"
    profile.save()
    translation = Page.objects.get(translation_key=article.translation_key, locale=russian)
    return {"index": index, "translation": translation}


def test_a_turkmen_editor_writes_an_article_and_submits_it_for_review_in_turkmen(
    page, live_server, turkmen_editor, admin_sign_in, screenshot
):
    from news.models import NewsPage

    page.set_viewport_size(DESKTOP)
    admin_sign_in(page, "ogulbike", PASSWORD)

    page.goto(f"{live_server.url}/admin/")
    expect(page.locator("html")).to_have_attribute("lang", "tk")
    screenshot("tk-admin-1-dashboard")

    page.goto(f"{live_server.url}/admin/pages/add/news/newspage/{turkmen_editor['index'].pk}/")
    expect(page.locator("html")).to_have_attribute("lang", "tk")
    # Wagtail's own help text of the title, from the project's Turkmen catalogue.
    expect(page.get_by_text("Sahypanyň okyjylara görünjek ady")).to_be_visible()
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_summary").fill("Konsullyklar daşary ýurtdaky raýatlara pasport bermeýär.")
    screenshot("tk-admin-2-page-editor")
    page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    page.locator("button[name=action-submit]").click()
    expect(page.locator(".messages")).to_contain_text(TITLE)
    article = NewsPage.objects.get(title=TITLE)
    assert article.workflow_in_progress and not article.live
    screenshot("tk-admin-3-submitted")

    page.goto(f"{live_server.url}/admin/pages/{turkmen_editor['translation'].pk}/edit/")
    expect(page.locator(".js-translation-editor h3").first).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "tk")
    screenshot("tk-admin-4-translation-editor")

    page.goto(f"{live_server.url}/admin/cases/")
    expect(page.locator("html")).to_have_attribute("lang", "tk")
    screenshot("tk-admin-5-caseworkers-inbox")
