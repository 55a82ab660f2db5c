"""Issue 8 in the browser: sign in with a password and an authenticator code, submit a page
for review as an editor, approve it as a moderator; the page goes live only then."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from playwright.sync_api import expect

from news.models import NewsPage

from .conftest import DESKTOP

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "review-browser-test-password"  # noqa: S105 - throwaway test accounts


@pytest.fixture
def people(live_db, demo_site, django_user_model):
    for username, group in (("editor", "Editors"), ("moderator", "Moderators")):
        user = django_user_model.objects.create_user(username, f"{username}@example.org", PASSWORD)
        user.groups.add(Group.objects.get(name=group))
        from wagtail.users.models import UserProfile

        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "en"
        profile.save()


def open_more_actions(page):
    page.locator("footer [data-w-dropdown-target='toggle']").first.click()


def test_an_editor_submits_for_review_and_a_moderator_approves(
    page, live_server, people, admin_sign_in, screenshot
):
    article = NewsPage.objects.live().filter(locale__language_code="en").order_by("pk").first()
    public_url = f"{live_server.url}{article.url}"
    old_title = article.title
    new_title = f"{old_title} (reviewed)"

    page.set_viewport_size(DESKTOP)
    admin_sign_in(page, "editor", PASSWORD)
    screenshot("review-1-editor-dashboard")
    page.goto(f"{live_server.url}/admin/pages/{article.pk}/edit/")
    page.locator("#id_title").fill(new_title)
    open_more_actions(page)
    expect(page.locator("button[name=publish], button[name=action-publish]")).to_have_count(0)
    page.locator("button[name=action-submit]").click()
    expect(page.locator(".messages")).to_contain_text("submitted")
    screenshot("review-2-submitted")

    page.goto(public_url)
    expect(page.locator("h1")).to_have_text(old_title)  # not live before the review
    assert [m.to for m in mail.outbox] == [["moderator@example.org"]]

    page.context.clear_cookies()
    admin_sign_in(page, "moderator", PASSWORD)
    page.goto(f"{live_server.url}/admin/pages/{article.pk}/edit/")
    open_more_actions(page)
    page.locator("button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])").click()
    expect(page.locator(".messages")).to_contain_text(new_title)
    screenshot("review-3-approved")

    page.goto(public_url)
    expect(page.locator("h1")).to_have_text(new_title)
    assert ["editor@example.org"] in [m.to for m in mail.outbox]
