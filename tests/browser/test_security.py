"""Chromium proves the Content-Security-Policies: every page in the sitemap and the admin's
main screens load with zero CSP violations and zero requests to any other host."""

import contextlib
from pprint import pformat
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect
from wagtail.images import get_image_model
from wagtail.models import Page

from news.models import NewsPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# Collects every violation the browser reports, in every frame, before any page script runs.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push([
    event.violatedDirective, event.blockedURI, event.sourceFile, event.lineNumber, event.sample
  ].join(" | "));
});
"""
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ADMIN_PASSWORD = "a-long-test-only-password"  # noqa: S105


@pytest.fixture
def violations(page):
    """CSP violations seen by the page: its own reports and the console's, by URL."""
    page.add_init_script(RECORD_VIOLATIONS)
    seen = []
    page.on(
        "console",
        lambda message: (
            seen.append(f"console: {message.text}")
            if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text
            else None
        ),
    )

    def collect():
        for frame in page.frames:
            with contextlib.suppress(Exception):  # a frame that navigated away meanwhile
                seen.extend(frame.evaluate("window.__cspViolations || []"))
        found = list(seen)
        seen.clear()
        return found

    return collect


def load_fully(page, url):
    """Open ``url`` and scroll to its end, so that lazy images load too; wait until the network
    has been idle for half a second (the admin's scripts fetch after the load event)."""
    response = page.goto(url)
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_load_state("networkidle")
    return response


def load_public_page(page, url):
    """Open a public page and scroll to its end; wait until every image, lazy ones included, has
    loaded or failed and two frames have been painted. Public pages fetch nothing from script, so
    this is all they load, without networkidle's half second of silence per page."""
    response = page.goto(url)
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.evaluate(
        """() => Promise.all([...document.images].map((image) => image.complete || new Promise((done) => {
          image.addEventListener("load", done);
          image.addEventListener("error", done);
        }))).then(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))))"""
    )
    return response


def sitemap_paths(page, live_server):
    response = page.request.get(f"{live_server.url}/sitemap.xml")
    assert response.ok
    root = ElementTree.fromstring(response.body())  # noqa: S314 - our own sitemap
    return sorted({urlsplit(loc.text).path for loc in root.iter(f"{SITEMAP}loc")})


def test_every_sitemap_page_loads_without_csp_violations_or_outside_requests(
    page, live_server, demo_site, outside_requests, violations
):
    paths = sitemap_paths(page, live_server)
    assert len(paths) > 20  # all four languages' pages
    failures = {}
    for path in [*paths, "/tk/no-such-page/", "/ru/search/?q=права"]:
        response = load_public_page(page, f"{live_server.url}{path}")
        assert response.status in (200, 404), path
        assert "default-src 'none'" in response.headers["content-security-policy"]
        if found := violations():
            failures[path] = found
    assert failures == {}, pformat(failures, width=200)
    page.wait_for_load_state("networkidle")  # anything late from the last page is recorded too
    assert violations() == []
    assert outside_requests == []


def test_a_video_loads_from_youtube_in_privacy_mode_only_after_the_click_and_within_the_policy(
    page, live_server, demo_site, outside_requests, violations
):
    from home.models import StandardPage

    about = StandardPage.objects.get(slug="about", locale__language_code="en")
    about.body.append(("video", {"url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "title": "HHD"}))
    about.save_revision().publish()
    # The test machine has no way out: answer for YouTube so that the frame loads.
    page.route(
        "https://www.youtube-nocookie.com/**",
        lambda route: route.fulfill(status=200, content_type="text/html", body="<p>player</p>"),
    )
    load_fully(page, f"{live_server.url}{about.url}")
    assert outside_requests == []
    page.locator("[data-video-src]").click()
    expect(page.locator("iframe[src^='https://www.youtube-nocookie.com/embed/']")).to_be_attached()
    page.wait_for_load_state("networkidle")
    assert [url for url in outside_requests if not url.startswith("https://www.youtube-nocookie.com/")] == []
    assert outside_requests
    assert violations() == []


@pytest.fixture
def editor(page, live_server, demo_site, admin_sign_in):
    """A superuser signed in to the admin through its login and two-step pages (themselves
    checked)."""
    get_user_model().objects.create_superuser("security", "security@example.org", ADMIN_PASSWORD)
    admin_sign_in(page, "security", ADMIN_PASSWORD)
    expect(page).to_have_url(f"{live_server.url}/admin/")
    return page


def test_admin_screens_work_under_their_enforced_policy(
    editor, live_server, outside_requests, violations, screenshot
):
    page = editor
    assert violations() == [], "login page or dashboard"
    home = Page.objects.filter(depth=2).first()
    article = NewsPage.objects.live().filter(image__isnull=False).order_by("pk").first()
    image = get_image_model().objects.first()
    failures = {}
    for path in (
        "/admin/",
        "/admin/pages/",
        f"/admin/pages/{home.pk}/",
        f"/admin/pages/{article.pk}/edit/",
        "/admin/images/",
        f"/admin/images/{image.pk}/",
        "/admin/images/multiple/add/",
        "/admin/documents/",
        "/admin/documents/multiple/add/",
        "/admin/snippets/",
        "/admin/users/",
        "/admin/reports/site-history/",
        "/admin/account/",
    ):
        response = load_fully(page, f"{live_server.url}{path}")
        assert response.status == 200, path
        assert "default-src 'none'" in response.headers["content-security-policy"], path
        if found := violations():
            failures[path] = found
    assert failures == {}, pformat(failures, width=200)

    # The page editor's image chooser: a modal loaded by the admin's own JavaScript.
    load_fully(page, f"{live_server.url}/admin/pages/{article.pk}/edit/")
    chooser = page.locator(".image-chooser").first  # the main image, already chosen
    chooser.locator(".chosen .w-dropdown__toggle").click()
    chooser.locator(".chosen [data-chooser-action-choose]").click()
    expect(page.locator(".modal-content")).to_be_visible()
    page.wait_for_load_state("networkidle")
    screenshot("admin-image-chooser")
    assert violations() == [], "image chooser"

    # The preview panel frames a preview view of the admin itself.
    load_fully(page, f"{live_server.url}/admin/pages/{article.pk}/edit/")
    page.locator("[data-side-panel-toggle='preview']").click()
    expect(page.frame_locator("#w-preview-iframe").locator("h1")).to_be_visible()
    page.wait_for_load_state("networkidle")
    screenshot("admin-preview-panel")
    assert violations() == [], "preview panel"
    assert outside_requests == []
