"""The admin: who may preview, test, send, resume, export and delete; progress; audit log."""

import csv
import io
import json

import pytest
from django.contrib.auth.models import Permission
from wagtail.models import ModelLogEntry

from newsletter.factories import NewsletterIssueFactory, SubscriberFactory, bulk_subscribers
from newsletter.models import IssueStatus, NewsletterIssue, Subscriber

from .admin_steps import ISSUES, as_user, refused

SUBSCRIBERS = "/admin/newsletter-subscribers/"


@pytest.fixture
def issue(site_tree):
    return NewsletterIssueFactory(language="ru", subject="Новости HHD", intro="<p>Коротко.</p>")


# --- Editors ----------------------------------------------------------------------------------


def test_an_editor_sees_the_status_page_and_the_preview_but_no_send_button(client, user_in, issue):
    as_user(client, user_in("Editors"))
    status = client.get(f"{ISSUES}status/{issue.pk}/")
    assert status.status_code == 200
    assert f"{ISSUES}send/{issue.pk}/" not in status.content.decode()
    preview = client.get(f"{ISSUES}preview-mail/{issue.pk}/")
    assert preview.status_code == 200
    assert "Коротко." in preview.content.decode() and "<img" not in preview.content.decode()
    text = client.get(f"{ISSUES}preview-mail/{issue.pk}/?mode=text")
    assert text["Content-Type"].startswith("text/plain") and "Коротко." in text.content.decode()


def test_an_editor_may_not_send(client, user_in, issue):
    as_user(client, user_in("Editors"))
    assert refused(client.get(f"{ISSUES}send/{issue.pk}/"))
    assert refused(client.post(f"{ISSUES}send/{issue.pk}/"))
    assert refused(client.post(f"{ISSUES}resume/{issue.pk}/"))
    issue.refresh_from_db()
    assert issue.status == IssueStatus.DRAFT


def test_an_editor_sends_a_test_copy_to_their_own_address(client, user_in, issue, smtp_server):
    SubscriberFactory(language="ru")
    as_user(client, user_in("Editors"))
    response = client.post(f"{ISSUES}send-test/{issue.pk}/")
    assert response.status_code == 302
    [message] = smtp_server.messages
    assert message["To"] == "editors@example.org"
    assert message["Subject"] == "[Тест] Новости HHD"
    issue.refresh_from_db()
    assert issue.status == IssueStatus.DRAFT and not issue.deliveries.exists()


def test_the_live_preview_of_the_edit_view_renders_the_mail_being_written(client, user_in, issue):
    as_user(client, user_in("Editors"))
    paragraph = {"key": "a", "text": "Черновик", "type": "unstyled", "depth": 0}
    paragraph.update(inlineStyleRanges=[], entityRanges=[], data={})
    form = {
        "language": "ru",
        "subject": "Предпросмотр",
        "intro": json.dumps({"blocks": [paragraph], "entityMap": {}}),
        "articles-TOTAL_FORMS": "0",
        "articles-INITIAL_FORMS": "0",
        "articles-MIN_NUM_FORMS": "0",
        "articles-MAX_NUM_FORMS": "1000",
    }
    assert client.post(f"{ISSUES}preview/{issue.pk}/", form).json()["is_valid"]
    html = client.get(f"{ISSUES}preview/{issue.pk}/?mode=").content.decode()
    assert "Предпросмотр" in html and "Черновик" in html
    text = client.get(f"{ISSUES}preview/{issue.pk}/?mode=text").content.decode()
    assert "Черновик" in text and "<p>" not in text


def test_someone_without_newsletter_permissions_sees_nothing(client, django_user_model, issue):
    user = django_user_model.objects.create_user("reader", "reader@example.org", "x" * 12)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    as_user(client, user)
    assert refused(client.get(f"{ISSUES}status/{issue.pk}/"))
    assert refused(client.get(f"{ISSUES}preview-mail/{issue.pk}/"))


# --- Moderators ----------------------------------------------------------------------------


def test_a_moderator_sends_after_a_confirmation_page_and_the_audit_log_says_who(
    client, user_in, issue, smtp_server
):
    bulk_subscribers(3, "ru")
    bulk_subscribers(2, "tk")
    moderator = user_in("Moderators")
    as_user(client, moderator)
    confirm = client.get(f"{ISSUES}send/{issue.pk}/")
    assert confirm.status_code == 200
    assert "3" in confirm.content.decode()
    response = client.post(f"{ISSUES}send/{issue.pk}/")
    assert response.status_code == 302
    assert len(smtp_server.messages) == 3
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENT and issue.sent_by == moderator
    entry = ModelLogEntry.objects.get(action="newsletter.send")
    assert entry.user == moderator and entry.object_id == str(issue.pk)
    assert entry.data == {"language": "ru", "audience": 3}
    status = client.get(f"{ISSUES}status/{issue.pk}/").content.decode()
    assert "<td>3</td><td>0</td><td>0</td>" in status


def test_sending_twice_sends_once(client, user_in, issue, smtp_server):
    bulk_subscribers(2, "ru")
    as_user(client, user_in("Moderators"))
    client.post(f"{ISSUES}send/{issue.pk}/")
    client.post(f"{ISSUES}send/{issue.pk}/")
    assert len(smtp_server.messages) == 2


def test_the_issue_list_shows_sent_failed_and_left(client, user_in, issue, smtp_server):
    bulk_subscribers(2, "ru")
    as_user(client, user_in("Moderators"))
    client.post(f"{ISSUES}send/{issue.pk}/")
    listing = client.get(ISSUES).content.decode()
    assert "2 sent · 0 failed · 0 left" in listing


def test_a_sent_issue_can_no_longer_be_edited(client, user_in, issue, smtp_server):
    as_user(client, user_in("Moderators"))
    client.post(f"{ISSUES}send/{issue.pk}/")
    response = client.post(
        f"{ISSUES}edit/{issue.pk}/",
        {
            "language": "ru",
            "subject": "Changed",
            "intro": '{"blocks": [], "entityMap": {}}',
            "articles-TOTAL_FORMS": "0",
            "articles-INITIAL_FORMS": "0",
            "articles-MIN_NUM_FORMS": "0",
            "articles-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 200  # the form again, with the error
    assert NewsletterIssue.objects.get(pk=issue.pk).subject == "Новости HHD"


def test_a_moderator_resumes_a_stopped_send(client, user_in, issue, smtp_server):
    bulk_subscribers(2, "ru")
    NewsletterIssue.objects.filter(pk=issue.pk).update(
        status=IssueStatus.SENDING, send_requested_at=issue.created_at
    )
    moderator = user_in("Moderators")
    as_user(client, moderator)
    assert client.post(f"{ISSUES}resume/{issue.pk}/").status_code == 302
    assert ModelLogEntry.objects.filter(action="newsletter.resume", user=moderator).exists()


def test_a_moderator_may_not_export_or_see_the_subscribers(client, user_in, site_tree):
    SubscriberFactory()
    as_user(client, user_in("Moderators"))
    assert refused(client.get(SUBSCRIBERS))
    assert refused(client.get(f"{SUBSCRIBERS}export/"))
    assert SUBSCRIBERS not in client.get("/admin/").content.decode()
    assert not ModelLogEntry.objects.filter(action="newsletter.export_subscribers").exists()


# --- Administrators ---------------------------------------------------------------------------


def test_an_administrator_exports_the_subscribers_and_the_export_is_audit_logged(client, user_in, site_tree):
    SubscriberFactory(email="one@example.org", language="ru")
    SubscriberFactory(email="=cmd@example.org", language="tk", unconfirmed=True)
    administrator = user_in("Administrators")
    as_user(client, administrator)
    assert SUBSCRIBERS in client.get("/admin/").content.decode()
    response = client.get(f"{SUBSCRIBERS}export/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert {row["email"] for row in rows} == {"one@example.org", "'=cmd@example.org"}
    assert {row["confirmed"] for row in rows} == {"yes", "no"}
    entry = ModelLogEntry.objects.get(action="newsletter.export_subscribers")
    assert entry.user == administrator and entry.data == {"rows": 2}


def test_a_superuser_may_export(client, django_user_model, site_tree):
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.org", "x" * 12))
    assert client.get(f"{SUBSCRIBERS}export/").status_code == 200


def test_the_subscribers_page_shows_counts_per_language_only(client, user_in, site_tree):
    SubscriberFactory(email="visible@example.org", language="ru")
    SubscriberFactory(language="ru", unconfirmed=True)
    as_user(client, user_in("Administrators"))
    page = client.get(SUBSCRIBERS).content.decode()
    assert "visible@example.org" not in page
    assert "<td>Русский</td><td>1</td><td>1</td>" in page


def test_an_administrator_deletes_an_address_on_request(client, user_in, site_tree):
    SubscriberFactory(email="Forget.Me@example.org")
    administrator = user_in("Administrators")
    as_user(client, administrator)
    response = client.post(SUBSCRIBERS, {"email": "forget.me@example.org"})
    assert response.status_code == 302
    assert not Subscriber.objects.exists()
    entry = ModelLogEntry.objects.get(action="newsletter.forget_subscriber")
    assert entry.user == administrator and "forget" not in str(entry.data)


def test_a_paused_send_shows_until_when_and_why_without_any_address(client, user_in, issue, smtp_server):
    bulk_subscribers(3, "ru")
    smtp_server.refuse = True  # 451: the first run pauses the send
    as_user(client, user_in("Moderators"))
    client.post(f"{ISSUES}send/{issue.pk}/")
    issue.refresh_from_db()
    assert issue.is_paused
    page = client.get(f"{ISSUES}status/{issue.pk}/").content.decode()
    assert "Paused until" in page and "reason: temporary refusal by the mail server" in page
    assert "example.org" not in page.replace("moderators@example.org", "")
    assert "Resume sending" in page
