"""Browser tests: Debian's Chromium driven by Playwright against Django's live server.

Never let Playwright download a browser: it cannot work here, and Debian's
Chromium is what CI installs.
"""

from pathlib import Path

import pytest

from tests.databases import BuiltOnce
from tests.fixtures import build_demo_content, demo_files_are_stored

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


@pytest.fixture(scope="session", autouse=True)
def allow_orm_beside_playwright():
    """Playwright's sync API runs an event loop in the test's thread, and Django then
    refuses ORM calls there (set-up, checks and the flush after each test need them).
    Session-wide, because the flush of the last test runs after function fixtures end."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Debian's Chromium is required at {CHROMIUM}: apt-get install chromium")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": PHONE, "locale": "tk-TM"}


@pytest.fixture
def screenshot(page):
    """Save a full-page screenshot of the current page under test-artifacts/screenshots/."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def take(name, viewport=None):
        if viewport:
            page.set_viewport_size(viewport)
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def outside_requests(page, live_server):
    """Every request the page makes to a host other than the live server."""
    seen = []
    page.on(
        "request",
        lambda request: None if request.url.startswith(live_server.url) else seen.append(request.url),
    )
    return seen


@pytest.fixture
def live_db(request, serialized_database):
    """A transactional database whose migration-made rows come back after every test.

    Playwright's sync API runs the test in another context, where Django hands out
    a different connection object than the one that serialized the database at
    set-up; give it the serialized contents so that ``serialized_rollback`` works.
    """
    from django.db import connection

    if serialized_database is not None:
        connection._test_serialized_contents = serialized_database
    request.getfixturevalue("transactional_db")


_demo_site_rows = BuiltOnce(build_demo_content, usable=demo_files_are_stored)


@pytest.fixture
def demo_site(live_db, serialized_database):
    """The demo content, as the README's first command builds it (without the admin user).
    Built once per process, then put back from a snapshot (tests/databases.py); the image
    files stay in MEDIA_ROOT, and the command runs again if one has gone."""
    from django.db import connection
    from wagtail.models import Locale

    if serialized_database and not Locale.objects.exists():
        # In a pytest-xdist process, the previous transactional test's flush can reach this
        # test before serialized_rollback restores the rows migrations made: restore them.
        connection.creation.deserialize_db_from_string(serialized_database)
    _demo_site_rows(connection)


def totp_now(secret_base32: str) -> str:
    """The code an authenticator app with this secret shows now."""
    from base64 import b32decode

    from django_otp.oath import TOTP

    key = b32decode(secret_base32.replace(" ", ""))
    return f"{TOTP(key).token():06d}"


@pytest.fixture
def admin_sign_in(live_server):
    """Sign in to the admin in the browser as a person does. The first time, with the
    enrolment link an administrator made (staff.enrolment): the link's page, the password on
    Wagtail's login page, the link's button, then setting up the authenticator app from the
    secret the page shows. Later, the password and the app's current code. Returns the secret
    for later sign-ins."""
    import re
    from urllib.parse import urlsplit

    from django.contrib.auth import get_user_model
    from django_otp.plugins.otp_totp.models import TOTPDevice
    from playwright.sync_api import expect

    from staff.enrolment import issue_link

    secrets = {}

    def sign_in(page, username, password):
        enrolling = not TOTPDevice.objects.filter(user__username=username, confirmed=True).exists()
        if enrolling:
            user = get_user_model().objects.get(username=username)
            link = urlsplit(issue_link(user, via="browser test").url).path
            page.goto(f"{live_server.url}{link}")
            page.locator("[data-staff-enrol-sign-in]").click()
        else:
            page.goto(f"{live_server.url}/admin/login/")
        page.locator("input[name=username]").fill(username)
        page.locator("input[name=password]").fill(password)
        page.locator("form button[type=submit]").click()
        expect(page.locator("input[name=password]")).to_have_count(0)
        if enrolling:
            page.locator("[data-staff-enrol]").click()
            expect(page).to_have_url(re.compile(r"/two-factor/set-up/"))
        if "/two-factor/set-up/" in page.url:
            secrets[username] = page.locator("[data-staff-secret]").first.inner_text()
            page.locator("input[name=code]").fill(totp_now(secrets[username]))
            page.locator("form button[type=submit]").click()
            expect(page.locator("[data-staff-recovery-codes] li")).to_have_count(10)
            page.locator("[data-staff-continue]").click()
        elif "/two-factor/" in page.url:
            # The app's next code: the one just used at set-up may not be used twice.
            TOTPDevice.objects.filter(user__username=username).update(last_t=-1)
            page.locator("input[name=code]").fill(totp_now(secrets[username]))
            page.locator("form button[type=submit]").click()
        expect(page.locator("input[name=code]")).to_have_count(0)
        return secrets.get(username)

    return sign_in
