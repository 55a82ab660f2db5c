"""The list of mirror addresses: per language, in the footer of every page (cached), on the
mirrors page with the signing key, in every newsletter issue; a change purges the page cache
and tells the mirrors to rewrite every copy."""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.test import override_settings
from wagtail.models import Locale

from home.factories import translate_page
from mirrorlist.models import MirrorAddress, MirrorsPage
from mirrors import signing
from mirrors.signals import content_changed

pytestmark = pytest.mark.django_db

ONION = "duckduckgogg42xjoc72x3sjasowoarfbgcmvfimaftt6twagswzczad.onion"  # a real v3 address
BUCKET = "https://storage.googleapis.com/hhd-mirror/tk/index.html"
PAGES = "https://hhd-mirror.codeberg.page/tk/"


def locale(code):
    return Locale.objects.get(language_code=code)


def add_mirror(address, kind=MirrorAddress.OTHER, note="", sort_order=0, active=True, language="tk"):
    return MirrorAddress.objects.create(
        address=address, kind=kind, note=note, sort_order=sort_order, active=active, locale=locale(language)
    )


def translate(mirror, language, **fields):
    translated = mirror.copy_for_translation(locale(language))
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save()
    return translated


@pytest.fixture
def mirrors_pages(site_tree):
    page = MirrorsPage(title="Göçürmeler", slug="mirrors", intro="Sahypa ýapylsa, göçürmeleri okaň.")
    site_tree.homes["tk"].add_child(instance=page)
    page.save_revision().publish()
    russian = translate_page(page, "ru", title="Зеркала", intro="Если сайт заблокирован, читайте копии.")
    return {"tk": page, "ru": russian}


@pytest.fixture
def listed(site_tree):
    bucket = add_mirror(BUCKET, MirrorAddress.BUCKET, note="VPN gerek däl", sort_order=2)
    pages = add_mirror(PAGES, MirrorAddress.GIT_PAGES, sort_order=1)
    translate(bucket, "ru", note="Без VPN")
    return {"bucket": bucket, "pages": pages}


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def footer_addresses(response):
    return [link["href"] for link in soup(response).select(".footer-mirrors .mirror-list__address")]


# --- Which addresses, in which language ------------------------------------------------------------


def test_each_language_lists_its_translation_or_else_the_turkmen_address_in_order(listed):
    russian = MirrorAddress.current("ru")
    assert [mirror.address for mirror in russian] == [PAGES, BUCKET]
    assert [mirror.note for mirror in russian] == ["", "Без VPN"]
    assert [mirror.locale.language_code for mirror in russian] == ["tk", "ru"]
    assert [mirror.note for mirror in MirrorAddress.current("en")] == ["", "VPN gerek däl"]


def test_an_address_no_longer_shown_leaves_every_list(listed):
    listed["pages"].active = False
    listed["pages"].save()
    assert [mirror.address for mirror in MirrorAddress.current("tr")] == [BUCKET]


def test_the_list_takes_one_query(listed, django_assert_num_queries):
    with django_assert_num_queries(1):
        MirrorAddress.current("ru")


# --- Footer ---------------------------------------------------------------------------------------------


def test_every_page_lists_the_mirrors_in_its_footer_with_a_link_to_the_mirrors_page(
    client, listed, mirrors_pages
):
    response = client.get("/ru/about/")
    assert footer_addresses(response) == [PAGES, BUCKET]
    links = [link["href"] for link in soup(response).select(".footer-mirrors a:not(.mirror-list__address)")]
    assert links == ["/ru/mirrors/"]
    # English has no mirrors page: the Turkmen one is linked.
    assert "/tk/mirrors/" in [link["href"] for link in soup(client.get("/en/")).select(".footer-mirrors a")]


def test_no_footer_section_without_mirrors_a_mirrors_page_or_an_onion_address(client, site_tree):
    assert soup(client.get("/tk/")).select(".footer-mirrors") == []


@override_settings(ONION_ADDRESS=ONION)
def test_the_footer_lists_the_onion_address_last(client, listed):
    assert footer_addresses(client.get("/tr/")) == [PAGES, BUCKET, f"http://{ONION}/"]


# The footer is a cached fragment (caching.templatetags.page_fragments): rebuilding it costs
# exactly two queries more than a footer without the list, the addresses and the mirrors pages;
# a page whose footer comes from the cache costs none.
def test_the_footer_costs_two_queries_when_rebuilt_and_none_when_cached(
    client, listed, mirrors_pages, monkeypatch
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from mirrorlist.templatetags import mirrorlist as tags

    def cold_and_warm():
        cache.clear()
        with CaptureQueriesContext(connection) as cold:
            client.get("/ru/about/")
        with CaptureQueriesContext(connection) as warm:
            client.get("/ru/about/")  # the page cache is off in tests: rendered, its footer from the cache
        return cold.captured_queries, warm.captured_queries

    cold_and_warm()  # what this process remembers itself (routes, site root paths) is remembered
    cold, warm = cold_and_warm()
    mirror_queries = [query["sql"] for query in cold if "mirrorlist_" in query["sql"]]
    assert len(mirror_queries) == 2
    assert not any("mirrorlist_" in query["sql"] for query in warm)

    class NoList:
        @staticmethod
        def current():
            return []

    monkeypatch.setattr(tags, "MirrorAddress", NoList)
    monkeypatch.setattr(tags, "mirrors_page_url", lambda: "")
    cold_without, warm_without = cold_and_warm()
    assert len(cold) == len(cold_without) + 2
    assert len(warm) == len(warm_without)


# --- Changes --------------------------------------------------------------------------------------------


def test_saving_or_deleting_an_address_rewrites_every_mirror_and_purges_the_page_cache(
    client, listed, mirrors_pages, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 300
    # Pages other than the home pages are re-rendered one by one over this window after a change
    # (caching.generation, tested there); none here, so that every page shows the change at once.
    settings.PAGE_CACHE_STALE_SECONDS = 0
    cache.clear()
    for path in ("/tk/", "/tk/about/"):
        assert footer_addresses(client.get(path)) == [PAGES, BUCKET]
        assert client.get(path)["X-Page-Cache"] == "hit"
    received = []

    def receiver(sender, **kwargs):
        received.append((sender, kwargs["everything"], kwargs["pages"]))

    content_changed.connect(receiver, weak=False, dispatch_uid="test-mirror-list")
    try:
        new = "https://mirror.example.net/hhd/"
        with django_capture_on_commit_callbacks(execute=True):
            add_mirror(new, sort_order=0)
        assert received == [(MirrorAddress, True, None)]
        assert footer_addresses(client.get("/tk/")) == [new, PAGES, BUCKET]
        assert footer_addresses(client.get("/tk/about/")) == [new, PAGES, BUCKET]

        with django_capture_on_commit_callbacks(execute=True):
            listed["pages"].delete()
        assert len(received) == 2
        assert footer_addresses(client.get("/tk/about/")) == [new, BUCKET]
    finally:
        content_changed.disconnect(dispatch_uid="test-mirror-list")


# --- The mirrors page --------------------------------------------------------------------------------


@override_settings(ONION_ADDRESS=ONION)
def test_the_mirrors_page_lists_the_addresses_the_onion_address_and_how_to_verify(
    client, listed, mirrors_pages
):
    page = soup(client.get("/ru/mirrors/"))
    main = page.select_one("main")
    assert [link["href"] for link in main.select(".mirror-list__address")] == [
        PAGES,
        BUCKET,
        f"http://{ONION}/",
    ]
    assert "Без VPN" in main.get_text()
    codes = [code.get_text() for code in main.select("code")]
    assert signing.fingerprint() in codes and signing.public_key_text() in codes
    assert f"python verification.py DIR --key {signing.public_key_text()}" in codes
    assert page.html["lang"] == "ru"
    assert "Проверить" in main.get_text() or "Как проверить" in main.get_text()


def test_without_a_signing_key_the_page_shows_no_key(client, listed, mirrors_pages, settings):
    settings.MIRROR_SIGNING_KEY = ""
    main = soup(client.get("/tk/mirrors/")).select_one("main")
    assert main.select("code") == []
    assert [link["href"] for link in main.select(".mirror-list__address")] == [PAGES, BUCKET]


def test_one_mirrors_page_per_language_under_its_home_page(site_tree, mirrors_pages):
    assert not MirrorsPage.can_create_at(site_tree.homes["tk"])
    assert MirrorsPage.can_create_at(site_tree.homes["tr"])
    assert not MirrorsPage.can_create_at(site_tree.about["tk"])


# --- Newsletter -----------------------------------------------------------------------------------------


def test_every_newsletter_issue_carries_the_list_in_both_parts(listed, mirrors_pages, settings):
    # The settings fixture only: mixed with @override_settings, its teardown would restore the
    # overridden settings and leak the onion address into the next tests.
    settings.ONION_ADDRESS = ONION
    settings.SITE_URL = "https://hhd.example"
    from newsletter import mail
    from newsletter.factories import NewsletterIssueFactory

    issue = NewsletterIssueFactory(language="ru", subject="Новости")
    message = mail.sample_message(issue, "okyjy@example.org")
    html = BeautifulSoup(message.alternatives[0][0], "html.parser")
    hrefs = [link["href"] for link in html.find_all("a")]
    for url in (PAGES, BUCKET, f"http://{ONION}/", "https://hhd.example/ru/mirrors/"):
        assert url in hrefs
        assert url in message.body
    assert "Без VPN" in message.body and "Без VPN" in html.get_text()


# --- Roles ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("role", "can_delete"), [("Editors", False), ("Moderators", True)])
def test_editors_and_moderators_keep_the_list(role, can_delete, django_user_model):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("staff", "staff@example.org", "x" * 12)
    user.groups.add(Group.objects.get(name=role))
    assert user.has_perms(["mirrorlist.view_mirroraddress", "mirrorlist.add_mirroraddress"])
    assert user.has_perm("mirrorlist.change_mirroraddress")
    assert user.has_perm("mirrorlist.delete_mirroraddress") is can_delete


def test_an_editor_adds_an_address_in_the_admin_and_the_footer_shows_it(
    client, site_tree, django_user_model, django_capture_on_commit_callbacks
):
    from django.contrib.auth.models import Group
    from django.urls import reverse

    editor = django_user_model.objects.create_user("editor", "editor@example.org", "x" * 12)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    url = reverse("wagtailsnippets_mirrorlist_mirroraddress:add") + "?locale=tk"
    assert client.get(url).status_code == 200
    data = {"address": PAGES, "kind": MirrorAddress.GIT_PAGES, "note": "", "sort_order": "1", "active": "on"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    mirror = MirrorAddress.objects.get()
    assert (mirror.address, mirror.locale.language_code) == (PAGES, "tk")
    client.logout()
    assert footer_addresses(client.get("/ru/")) == [PAGES]
