"""The links in the newsletter's mails: confirm (GET shows, POST acts), one-click unsubscribe
(RFC 8058), preferences, and how links die with their subscription; retention."""

from datetime import timedelta

import pytest
from django.core import signing
from django.test import Client
from django.utils import timezone

from newsletter import services
from newsletter.factories import CONSENT_VERSION, SubscriberFactory
from newsletter.models import Subscriber
from newsletter.retention import delete_unconfirmed_subscribers
from safety.retention import apply_retention

from .conftest import links_in, path_of


def confirm_path(mail_message):
    [path] = links_in(mail_message.body)
    return path


@pytest.fixture
def requested(site_tree, mailoutbox):
    """A visitor asked for the newsletter in Russian; the confirmation mail is in ``mailoutbox``."""
    services.subscribe("reader@example.org", "ru", CONSENT_VERSION)
    return Subscriber.objects.get()


# --- Confirming -------------------------------------------------------------------------


def test_opening_the_confirmation_link_shows_a_button_and_changes_nothing(client, requested, mailoutbox):
    path = confirm_path(mailoutbox[0])
    response = client.get(path)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store, private"
    assert 'method="post"' in response.content.decode()
    client.head(path)
    requested.refresh_from_db()
    assert requested.confirmed_at is None


def test_pressing_the_button_confirms_without_a_csrf_token(requested, mailoutbox):
    client = Client(enforce_csrf_checks=True)
    response = client.post(confirm_path(mailoutbox[0]))
    assert response.status_code == 200
    assert "Вы подписаны" in response.content.decode()
    requested.refresh_from_db()
    assert requested.confirmed_at is not None


def test_confirming_twice_keeps_the_first_time(client, requested, mailoutbox):
    path = confirm_path(mailoutbox[0])
    client.post(path)
    first = Subscriber.objects.get().confirmed_at
    assert client.post(path).status_code == 200
    assert Subscriber.objects.get().confirmed_at == first


def test_a_confirmation_posted_from_another_site_is_refused(client, requested, mailoutbox):
    response = client.post(confirm_path(mailoutbox[0]), HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403
    assert Subscriber.objects.get().confirmed_at is None


def test_an_expired_confirmation_link_confirms_nothing(client, requested, mailoutbox, monkeypatch):
    path = confirm_path(mailoutbox[0])
    monkeypatch.setattr(services, "CONFIRM_LINK_MAX_AGE", timedelta(seconds=-1))
    response = client.post(path)
    assert response.status_code == 400
    assert "Эта ссылка не работает" in response.content.decode()
    assert Subscriber.objects.get().confirmed_at is None


@pytest.mark.parametrize("token", ["forged", "1.abc:xyz", signing.Signer(salt="other").sign("1.abc")])
def test_a_forged_confirmation_link_is_refused(client, requested, token):
    assert client.post(f"/ru/newsletter/confirm/{token}/").status_code == 400
    assert client.get(f"/ru/newsletter/confirm/{token}/").status_code == 400
    assert Subscriber.objects.get().confirmed_at is None


def test_an_unsubscribe_token_does_not_confirm(client, requested):
    token = services.make_token(requested, services.UNSUBSCRIBE)
    assert client.post(f"/ru/newsletter/confirm/{token}/").status_code == 400


def test_the_links_of_a_deleted_and_recreated_subscription_no_longer_work(client, requested, mailoutbox):
    old_path = confirm_path(mailoutbox[0])
    Subscriber.objects.all().delete()
    services.subscribe("reader@example.org", "ru", CONSENT_VERSION)
    assert client.post(old_path).status_code == 400
    assert Subscriber.objects.get().confirmed_at is None
    assert client.post(confirm_path(mailoutbox[1])).status_code == 200


def test_the_confirmation_page_speaks_the_subscribers_language(client, site_tree, mailoutbox):
    services.subscribe("okyjy@example.org", "tk", CONSENT_VERSION)
    path = confirm_path(mailoutbox[0])
    assert path.startswith("/tk/")
    assert "Ýazylmagyňyzy tassyklaň" in client.get(path).content.decode()


# --- Unsubscribing ----------------------------------------------------------------------


def test_one_click_unsubscribe_posts_to_the_header_address_without_any_token(site_tree):
    from newsletter.mail import issue_message
    from newsletter.models import NewsletterIssue

    subscriber = SubscriberFactory(language="ru")
    issue = NewsletterIssue(language="ru", subject="Новости")
    message = issue_message(
        issue,
        "<p>x</p>",
        "x",
        subscriber.email,
        services.link(subscriber, services.UNSUBSCRIBE),
        services.link(subscriber, services.PREFERENCES),
    )
    header = message.extra_headers["List-Unsubscribe"]
    assert header.startswith("<https://hhd.example/ru/newsletter/unsubscribe/") and header.endswith(">")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # What a mail client does (RFC 8058): a POST of this one field, no cookies, no CSRF token.
    client = Client(enforce_csrf_checks=True)
    response = client.post(path_of(header[1:-1]), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Subscriber.objects.exists()


def test_opening_the_unsubscribe_link_shows_a_button_and_keeps_the_subscription(client, site_tree):
    subscriber = SubscriberFactory(language="ru")
    path = path_of(services.link(subscriber, services.UNSUBSCRIBE))
    response = client.get(path)
    assert response.status_code == 200
    assert "Отписаться" in response.content.decode()
    assert Subscriber.objects.exists()
    client.post(path)
    assert not Subscriber.objects.exists()


def test_unsubscribing_twice_says_the_same(client, site_tree):
    subscriber = SubscriberFactory(language="ru")
    path = path_of(services.link(subscriber, services.UNSUBSCRIBE))
    first = client.post(path)
    second = client.post(path)
    assert first.status_code == second.status_code == 200
    assert client.get(path).status_code == 200


def test_a_forged_unsubscribe_link_deletes_nothing(client, site_tree):
    subscriber = SubscriberFactory(language="ru")
    token = services.make_token(subscriber, services.PREFERENCES)  # right row, wrong purpose
    assert client.post(f"/ru/newsletter/unsubscribe/{token}/").status_code == 400
    assert Subscriber.objects.exists()


# --- Preferences --------------------------------------------------------------------------


def test_the_preferences_link_changes_the_language(client, site_tree):
    subscriber = SubscriberFactory(language="ru")
    path = path_of(services.link(subscriber, services.PREFERENCES))
    page = client.get(path)
    assert page.status_code == 200
    assert page["Cache-Control"] == "no-store, private"
    assert 'value="ru" selected' in page.content.decode()
    response = client.post(path, {"language": "tr"})
    assert response.status_code == 200
    assert "Сохранено" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.language == "tr"


def test_an_unknown_language_is_refused_with_a_message(client, site_tree):
    subscriber = SubscriberFactory(language="ru")
    response = client.post(path_of(services.link(subscriber, services.PREFERENCES)), {"language": "xx"})
    assert "Выберите один из языков списка." in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.language == "ru"


def test_preferences_of_an_unconfirmed_subscription_are_not_shown(client, site_tree):
    subscriber = SubscriberFactory(language="ru", unconfirmed=True)
    assert client.get(path_of(services.link(subscriber, services.PREFERENCES))).status_code == 400


def test_preferences_posted_from_another_site_are_refused(client, site_tree):
    subscriber = SubscriberFactory(language="ru")
    path = path_of(services.link(subscriber, services.PREFERENCES))
    assert client.post(path, {"language": "en"}, HTTP_ORIGIN="https://evil.example").status_code == 403


# --- Retention ---------------------------------------------------------------------------------


def test_unconfirmed_subscriptions_are_deleted_after_fourteen_days_and_confirmed_ones_kept(site_tree):
    old = timezone.now() - timedelta(days=15)
    SubscriberFactory(unconfirmed=True, requested_at=old, created_at=old)
    recent = SubscriberFactory(unconfirmed=True, requested_at=timezone.now() - timedelta(days=13))
    confirmed = SubscriberFactory(requested_at=old, created_at=old)
    assert delete_unconfirmed_subscribers() == 1
    assert set(Subscriber.objects.values_list("pk", flat=True)) == {recent.pk, confirmed.pk}


def test_the_retention_job_is_registered_with_safety(site_tree):
    SubscriberFactory(unconfirmed=True, requested_at=timezone.now() - timedelta(days=30))
    assert apply_retention()["newsletter.unconfirmed_subscribers"] == 1


def test_a_new_request_restarts_the_retention_period(site_tree, mailoutbox):
    old = timezone.now() - timedelta(days=13)
    SubscriberFactory(email="late@example.org", unconfirmed=True, requested_at=old, created_at=old)
    services.subscribe("late@example.org", "ru", CONSENT_VERSION)
    assert Subscriber.objects.get().requested_at > old + timedelta(days=12)
