"""Only caseworkers and administrators reach anything of the help requests; only staff with the
message permission reach contact messages (in the site's roles: caseworkers and administrators).
Editors, moderators, translators and anonymous visitors get nothing: no list, no case, no key, no
export, no message."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from wagtail.admin.menu import admin_menu
from wagtail.models import ModelLogEntry

from contact.factories import ContactMessageFactory
from contact.wagtail_hooks import CaseViewSet, ContactMessageViewSet

from .conftest import submit

pytestmark = pytest.mark.django_db

# Every URL of the caseworkers' area; a new one must be added here (and so get its permission test).
CASE_URL_NAMES = {
    "index",
    "index_results",
    "case",
    "update",
    "add_note",
    "erase",
    "key",
    "register_key",
    "replace_key",
    "change_passphrase",
    "share",
    "share_with",
}
MESSAGE_URL_NAMES = {"index", "index_results", "read"}
POST_ONLY = {"update", "add_note", "register_key", "change_passphrase", "share_with"}


def area_urls(viewset, namespace, args_by_name):
    urls = []
    for pattern in viewset.get_urlpatterns():
        args = args_by_name.get(pattern.name, [])
        method = "post" if pattern.name in POST_ONLY else "get"
        urls.append((pattern.name, method, reverse(f"{namespace}:{pattern.name}", args=args)))
    index = reverse(f"{namespace}:index")
    return urls + [
        ("export-csv", "get", f"{index}?export=csv"),
        ("export-xlsx", "get", f"{index}?export=xlsx"),
    ]


@pytest.fixture
def case(caseworker_key):
    return submit(name="Aman Orazow", urgent=True)


@pytest.fixture
def message():
    return ContactMessageFactory()


def case_urls(case, key):
    return area_urls(CaseViewSet(), "cases", {"case": [case.pk], "update": [case.pk], "add_note": [case.pk],
                                              "erase": [case.pk], "share_with": [key.pk]})  # fmt: skip


def message_urls(message):
    urls = area_urls(ContactMessageViewSet(), "contact_messages", {"read": [message.pk]})
    # No export is offered for messages; the URLs are checked anyway.
    return urls + [("read-post", "post", reverse("contact_messages:read", args=[message.pk]))]


def test_the_tests_below_cover_every_url_of_both_areas(case, caseworker_key, message):
    assert {name for name, _m, _u in case_urls(case, caseworker_key.key)} == CASE_URL_NAMES | {
        "export-csv",
        "export-xlsx",
    }
    assert {name for name, _m, _u in message_urls(message)} == MESSAGE_URL_NAMES | {
        "export-csv",
        "export-xlsx",
        "read-post",
    }


def test_anonymous_visitors_are_sent_to_the_login_page_from_every_url(client, case, caseworker_key, message):
    for name, method, url in case_urls(case, caseworker_key.key) + message_urls(message):
        response = client.post(url) if method == "post" else client.get(url)
        assert response.status_code == 302, name
        assert response["Location"].startswith("/admin/login/"), name


@pytest.mark.parametrize("role", ["editor", "moderator", "translator"])
def test_editors_moderators_and_translators_get_nothing_of_the_help_requests(
    client, case, caseworker_key, role, request
):
    client.force_login(request.getfixturevalue(role))
    for name, method, url in case_urls(case, caseworker_key.key):
        response = client.post(url) if method == "post" else client.get(url)
        assert response.status_code in (302, 403), name
        if response.status_code == 302:
            assert response["Location"] == "/admin/", name  # Wagtail's "no permission" redirect
        assert case.display_reference.encode() not in response.content, name
        assert case.sealed_document[:40].encode() not in response.content, name
    case.refresh_from_db()
    assert case.status == "new" and not case.is_anonymised
    assert not ModelLogEntry.objects.filter(action__startswith="contact.").exists()


@pytest.mark.parametrize("role", ["editor", "moderator", "translator"])
def test_editors_moderators_and_translators_get_nothing_of_the_contact_messages(
    client, message, role, request
):
    client.force_login(request.getfixturevalue(role))
    for name, method, url in message_urls(message):
        response = client.post(url, {"action": "delete"}) if method == "post" else client.get(url)
        assert response.status_code in (302, 403), name
        assert b"Leyla" not in response.content, name
    assert type(message).objects.filter(pk=message.pk).exists()


@pytest.mark.parametrize("role", ["caseworker", "administrator"])
def test_caseworkers_and_administrators_reach_every_url_of_the_help_requests(
    client, case, caseworker_key, role, request
):
    user = request.getfixturevalue(role)
    client.force_login(user)
    for name, method, url in case_urls(case, caseworker_key.key):
        if method == "post":
            continue  # the POST views are exercised in test_caseworker_admin.py
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 200, name


def test_a_caseworker_gets_no_access_to_the_contact_messages_without_that_permission(
    client, caseworker, message
):
    client.force_login(caseworker)
    for name, method, url in message_urls(message):
        response = client.post(url) if method == "post" else client.get(url)
        assert response.status_code in (302, 403), name


@pytest.mark.parametrize("role", ["message_reader", "administrator"])
def test_staff_with_the_message_permission_read_messages(client, message, role, request):
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("contact_messages:index")).status_code == 200
    response = client.get(reverse("contact_messages:read", args=[message.pk]))
    assert response.status_code == 200
    assert "Leyla Demir" in response.content.decode()
    entry = ModelLogEntry.objects.get(action="contact.read_message")
    assert entry.object_id == str(message.pk) and entry.label == f"#{message.pk}"


@pytest.mark.parametrize(
    ("role", "cases_shown", "messages_shown"),
    [
        ("editor", False, False),
        ("moderator", False, False),
        ("message_reader", False, True),
        ("translator", False, False),
        ("caseworker", True, False),
        ("administrator", True, True),
    ],
)
def test_the_menu_items_are_shown_to_the_right_roles_only(role, cases_shown, messages_shown, request):
    http_request = RequestFactory().get("/admin/")
    http_request.user = request.getfixturevalue(role)
    with translation.override("en"):
        labels = [str(item.label) for item in admin_menu.menu_items_for_request(http_request)]
    assert ("Help requests" in labels) is cases_shown
    assert ("Contact messages" in labels) is messages_shown


def test_staff_mark_a_message_handled_and_delete_it_and_both_are_logged(client, message_reader, message):
    client.force_login(message_reader)
    url = reverse("contact_messages:read", args=[message.pk])
    assert client.post(url, {"action": "handled"}).status_code == 302
    message.refresh_from_db()
    assert message.status == "handled"
    assert client.post(url, {"action": "delete"}).status_code == 302
    assert not type(message).objects.filter(pk=message.pk).exists()
    actions = list(
        ModelLogEntry.objects.for_instance(message)  # not a user's entries with the same id
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["contact.message_handled", "contact.delete_message"]
