"""A real page view in Chromium sends the reading-count beacon, also when the page comes from the
page cache, and an editor sees it in Reports → Most read pages."""

import urllib.request

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from news.models import NewsPage
from readership import ratelimit
from readership.buffer import counts
from readership.models import ReadingCount

from .conftest import DESKTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
PASSWORD = "a-long-test-only-password"  # noqa: S105


@pytest.fixture
def editor(live_db, demo_site, django_user_model):
    from wagtail.users.models import UserProfile

    user = django_user_model.objects.create_user("editor", "editor@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name="Editors"))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


@pytest.fixture
def counting(settings):
    settings.READERSHIP_FLUSH_SECONDS = 0  # the test flushes (the live server runs in this process)
    settings.READERSHIP_REDIS_URL = ""  # straight into the database
    settings.PAGE_CACHE_SECONDS = 300
    counts.take()
    ratelimit.limit.clear()
    yield
    counts.take()


def test_a_page_view_in_chromium_is_counted_from_the_page_cache_too(
    page, live_server, demo_site, counting, outside_requests, editor, admin_sign_in, screenshot
):
    article = NewsPage.objects.live().filter(locale__language_code="ru").order_by("pk").first()
    beacons = []
    page.on("request", lambda request: beacons.append(request) if "/count/" in request.url else None)
    violations = []
    page.on(
        "console",
        lambda message: violations.append(message.text) if "Content Security" in message.text else None,
    )
    # The page is put into the page cache by a plain HTTP client (no JavaScript: not a view).
    primer = urllib.request.Request(  # noqa: S310 - the live server on loopback
        f"{live_server.url}{article.url}", headers={"Accept-Encoding": "gzip"}
    )
    with urllib.request.urlopen(primer) as primed:  # noqa: S310 - the live server on loopback
        assert primed.headers["X-Page-Cache"] == "miss"
    # The first view comes from the page cache; the second from the browser's own cache
    # (max-age=60): no page request reaches the server, and the beacon still counts it.
    cache_states = []
    for _visit in range(2):
        with page.expect_response(lambda response: "/count/" in response.url) as answer:
            response = page.goto(f"{live_server.url}{article.url}")
        cache_states.append(response.headers["x-page-cache"])
        assert answer.value.status == 204
        page.goto("about:blank")  # leave, so that the second visit is a navigation, not a reload
    assert cache_states == ["hit", "hit"]
    assert [(request.method, request.url) for request in beacons] == [
        ("POST", f"{live_server.url}/count/{article.pk}/ru/")
    ] * 2
    assert counts.flush() == 2
    assert ReadingCount.objects.get(page=article, language="ru").count == 2
    assert violations == [] and outside_requests == []

    # The editor's report, looked at: 2 views are "fewer than 10".
    page.set_viewport_size(DESKTOP)
    admin_sign_in(page, "editor", PASSWORD)
    page.goto(f"{live_server.url}/admin/reading-counts/")
    expect(page.locator("table.listing")).to_contain_text(article.title)
    expect(page.locator("table.listing")).to_contain_text("fewer than 10")
    screenshot("reading-counts-1-report-desktop")
    screenshot("reading-counts-2-report-phone", viewport=PHONE)
    page.goto(f"{live_server.url}/admin/pages/{article.pk}/edit/")
    page.get_by_role("button", name="Actions").first.click()
    page.get_by_role("link", name="Reading counts").click()
    expect(page.locator("main")).to_contain_text("Total per language")
    expect(page.locator("main table").first).to_contain_text("fewer than 10")
    screenshot("reading-counts-3-page-desktop", viewport=DESKTOP)
