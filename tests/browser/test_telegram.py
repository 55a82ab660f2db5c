"""Issue 20.1 in the browser: a moderator chooses "Publish and post to Telegram again" in the
page editor's publish menu, the post goes to the fake Bot API on loopback, and the Telegram posts
report shows it with its link."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from news.models import NewsPage
from telegram.models import ChannelPost
from telegram.tests.fake_bot_api import FakeBotApi

from .conftest import DESKTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "telegram-browser-test-password"  # noqa: S105 - a throwaway test account


@pytest.fixture
def bot_api(settings):
    api = FakeBotApi().start()
    settings.TELEGRAM_API_BASE_URL = api.base_url
    settings.TELEGRAM_BOT_TOKEN = "123456:browser-test-token"  # noqa: S105 - a test value
    settings.TELEGRAM_CHANNELS = {"en": "@hhd_en"}
    yield api
    api.stop()


@pytest.fixture
def moderator(live_db, demo_site, django_user_model):
    from wagtail.users.models import UserProfile

    user = django_user_model.objects.create_user("moderator", "moderator@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name="Moderators"))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


def test_a_moderator_posts_a_page_again_from_the_publish_menu_and_sees_the_post_in_the_report(
    page, live_server, moderator, admin_sign_in, bot_api, screenshot
):
    article = NewsPage.objects.live().filter(locale__language_code="en").order_by("pk").first()
    page.set_viewport_size(DESKTOP)
    admin_sign_in(page, "moderator", PASSWORD)
    page.goto(f"{live_server.url}/admin/pages/{article.pk}/edit/")
    page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    again = page.locator("button[name=action-publish][value=telegram-post-again]")
    expect(again).to_be_visible()
    expect(again).to_contain_text("Publish and post to Telegram again")
    screenshot("telegram-1-publish-menu")
    again.click()
    expect(page.locator(".messages")).to_contain_text("published")

    post = ChannelPost.objects.get(page=article)
    assert (post.channel, post.state, post.post_url) == ("@hhd_en", "posted", "https://t.me/hhd_en/101")
    assert [request.fields["chat_id"] for request in bot_api.requests] == ["@hhd_en"]

    page.goto(f"{live_server.url}/admin/telegram-posts/")
    expect(page.locator("table.listing")).to_contain_text(article.title)
    expect(page.locator("a[href='https://t.me/hhd_en/101']")).to_be_visible()
    screenshot("telegram-2-report-desktop")
    screenshot("telegram-3-report-phone", viewport=PHONE)
