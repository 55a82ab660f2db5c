"""Fixtures shared by every app's tests: a small four-language site."""

import os
import socket
from dataclasses import dataclass, field

import hypothesis
import pytest
from wagtail.models import Locale, Page, Site

from home.factories import HomePageFactory, OrganisationDetailsFactory, StandardPageFactory, translate_page
from tests.databases import BuiltOnce

HOME_TITLES = {
    "tk": "Hak Hukuga Daýanç: baş sahypa",
    "ru": "Хак Хукуга Дайанч: главная",
    "tr": "Hak Hukuga Daýanç: ana sayfa",
    "en": "Hak Hukuga Daýanç: home",
}

# How many examples each property-based test tries: 200 in CI (.ci/run sets HYPOTHESIS_PROFILE=ci),
# fewer by default for a quicker loop. The tests themselves name no count.
hypothesis.settings.register_profile("ci", max_examples=200)
hypothesis.settings.register_profile("dev", max_examples=50)
hypothesis.settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


@dataclass
class SiteTree:
    """The pages of the test site, by language code."""

    homes: dict = field(default_factory=dict)
    about: dict = field(default_factory=dict)
    site: Site | None = None


def build_site_tree():
    """The rows of ``site_tree``; returns their primary keys."""
    root = Page.get_first_root_node()
    Page.objects.filter(depth=2).delete()  # Wagtail's welcome page
    home = HomePageFactory(parent=root, title=HOME_TITLES["tk"], slug="home")
    Site.objects.all().delete()
    site = Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    homes = {"tk": home.pk}
    for code in ("ru", "tr", "en"):
        homes[code] = translate_page(home, code, title=HOME_TITLES[code]).pk
    about = StandardPageFactory(parent=home, title="HHD barada", slug="about")
    about_ru = translate_page(about, "ru", title="О HHD")
    details = OrganisationDetailsFactory()
    for code, tagline in (
        ("ru", "Опора на права и закон"),
        ("tr", "Hak ve hukuka dayanak"),
        ("en", "Reliance on Rights and Law"),
    ):
        translated = details.copy_for_translation(Locale.objects.get(language_code=code))
        translated.tagline = tagline
        translated.save()
    return {"site": site.pk, "homes": homes, "about": {"tk": about.pk, "ru": about_ru.pk}}


_site_tree_rows = BuiltOnce(build_site_tree)


@pytest.fixture
def site_tree(db):
    """A Turkmen home page as the site root, translated into ru/tr/en, with an About page
    in Turkmen and Russian only (so the switcher's fallback to a home page is exercised).
    Built once per process, then put back from a snapshot (tests/databases.py)."""
    from django.db import connection

    pks = _site_tree_rows(connection)
    pages = {
        page.pk: page.specific
        for page in Page.objects.filter(pk__in=[*pks["homes"].values(), *pks["about"].values()])
    }
    return SiteTree(
        homes={code: pages[pk] for code, pk in pks["homes"].items()},
        about={code: pages[pk] for code, pk in pks["about"].items()},
        site=Site.objects.get(pk=pks["site"]),
    )


def build_demo_content():
    """The rows ``seed_demo --no-admin`` makes; returns what it printed and the image files it named."""
    from io import StringIO

    from django.core.management import call_command
    from wagtail.images import get_image_model

    output = StringIO()
    call_command("seed_demo", "--no-admin", stdout=output)
    image_model = get_image_model()
    files = [
        *image_model.objects.values_list("file", flat=True),
        *image_model.get_rendition_model().objects.values_list("file", flat=True),
    ]
    return {"output": output.getvalue(), "files": files}


def demo_files_are_stored(found):
    """A snapshot of the demo rows is usable while the image files they name are still there."""
    from django.core.files.storage import default_storage

    return all(default_storage.exists(name) for name in found["files"])


_demo_content_rows = BuiltOnce(build_demo_content, usable=demo_files_are_stored)


@pytest.fixture(scope="session")
def demo_media_root(tmp_path_factory):
    """One media folder for the demo's images in this process, so its snapshot can be reused."""
    return tmp_path_factory.mktemp("demo-media")


@pytest.fixture
def demo_content(db, settings, demo_media_root):
    """The demo site as the README's first command builds it (without the admin user), inside
    this test's transaction; returns what ``seed_demo`` printed. Built once per process, then put
    back from a snapshot (tests/databases.py): the command runs again only where a test runs it."""
    from django.db import connection

    settings.MEDIA_ROOT = str(demo_media_root)
    return _demo_content_rows(connection)["output"]


def switcher_links(client, url):
    """{language: (path, query parameters)} of the language switcher's links on ``url``."""
    from urllib.parse import parse_qs, urlsplit

    from bs4 import BeautifulSoup

    response = client.get(url)
    assert response.status_code == 200
    switcher = BeautifulSoup(response.content, "html.parser").find("nav", class_="language-switcher")
    links = {}
    for link in switcher.find_all("a"):
        parts = urlsplit(link["href"])
        links[link["hreflang"]] = (parts.path, parse_qs(parts.query))
    return links


class RecordingHandler:
    """An aiosmtpd handler that keeps every message it receives, parsed."""

    def __init__(self):
        self.messages = []
        self.refuse = False

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        import email
        import email.policy

        if self.refuse:
            return "451 Temporary failure, try again later"
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append(message)
        return "250 OK"


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on loopback (aiosmtpd); Django's mail goes to it through SMTP.

    ``smtp_server.messages`` holds the received messages (email.message.EmailMessage);
    set ``smtp_server.refuse = True`` to answer 451 to every message.
    """
    from aiosmtpd.controller import Controller

    handler = RecordingHandler()
    with socket.socket() as probe:  # a free port on loopback
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    handler.port = settings.EMAIL_PORT
    try:
        yield handler
    finally:
        controller.stop()


def development_environment(folder):
    """The environment of the README's first command (development settings, SQLite), with the
    database file and media in ``folder``: for tests that run ``manage.py`` in a subprocess."""
    keep = ("PATH", "HOME", "LANG", "PYTHONPATH")
    environment = {key: value for key, value in os.environ.items() if key in keep}
    environment.update(
        DJANGO_SETTINGS_MODULE="hhd_site.settings.dev",
        DATABASE_URL=f"sqlite:///{folder / 'dev.sqlite3'}",
        MEDIA_ROOT=str(folder / "media"),
    )
    return environment


def run_manage_py(environment, *args, timeout=300):
    """``manage.py`` with these arguments in a subprocess, in ``environment`` only."""
    import subprocess
    import sys

    from django.conf import settings

    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture
def migrated_sqlite(tmp_path, tmp_path_factory):
    """``tmp_path / "dev.sqlite3"`` as ``manage.py migrate`` leaves it under the development
    settings. The first test of a run that needs it runs the migrations from scratch (in a
    subprocess, as the first command does; under a file lock the test processes share); the
    others copy that file. Returns the environment for ``manage.py`` on it."""
    import fcntl
    import hashlib
    import shutil
    from pathlib import Path

    from django.conf import settings

    from tests.databases import migrations_digest

    development = Path(settings.BASE_DIR) / "hhd_site" / "settings" / "dev.py"
    key = migrations_digest() + hashlib.sha256(development.read_bytes()).hexdigest()[:8]
    shared = tmp_path_factory.getbasetemp().parent / f"hhd-migrated-{key}"
    shared.mkdir(exist_ok=True)
    with (shared / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (shared / "migrated.sqlite3").exists():
            building = shared / "building"
            shutil.rmtree(building, ignore_errors=True)
            building.mkdir()
            result = run_manage_py(development_environment(building), "migrate", "--noinput", "-v0")
            assert result.returncode == 0, result.stderr[-3000:]
            (building / "dev.sqlite3").replace(shared / "migrated.sqlite3")
    shutil.copyfile(shared / "migrated.sqlite3", tmp_path / "dev.sqlite3")
    return development_environment(tmp_path)
