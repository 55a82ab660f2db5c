"""Sending issues through a real SMTP server on loopback: one copy each, in their language,
HTML and text, no tracking; interrupted and resumed without duplicates; retries and failures."""

import datetime
import logging
from collections import Counter
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from news.factories import NewsIndexPageFactory, NewsPageFactory, StatementPageFactory
from newsletter import mail, sending
from newsletter.factories import (
    NewsletterIssueArticleFactory,
    NewsletterIssueFactory,
    SubscriberFactory,
    bulk_subscribers,
)
from newsletter.models import (
    Delivery,
    DeliveryStatus,
    IssueStatus,
    NewsletterIssue,
    PauseReason,
    Subscriber,
)

from .conftest import path_of
from .worker_faults import WorkerKilled


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user("moderator", "moderator@example.org", "x" * 12)


def start(issue, user=None):
    """Start sending as from the admin; the immediate task backend runs the first run at once."""
    assert sending.start_sending(issue, user)
    issue.refresh_from_db()
    return issue


def unsubscribe_url(message):
    """The address in a received message's List-Unsubscribe header."""
    return message["List-Unsubscribe"].strip().removeprefix("<").removesuffix(">")


def html_part(message):
    return message.get_body(preferencelist=("html",)).get_content()


def text_part(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def recipients(smtp_server):
    return Counter(message["To"] for message in smtp_server.messages)


# --- The quality bar: 200 subscribers, two languages, one copy each ---------------------------


def test_two_hundred_subscribers_in_two_languages_each_get_exactly_one_copy_in_their_language(
    site_tree, smtp_server, editor, monkeypatch
):
    monkeypatch.setattr(sending, "BATCH_SIZE", 30)  # several batches per issue
    bulk_subscribers(120, "ru")
    bulk_subscribers(80, "tk")
    SubscriberFactory(language="ru", unconfirmed=True, email="waiting@example.org")
    russian = NewsletterIssueFactory(language="ru", subject="Новости HHD", intro="<p>Коротко о главном.</p>")
    turkmen = NewsletterIssueFactory(language="tk", subject="HHD habarlary", intro="<p>Gysgaça.</p>")

    start(russian, editor)
    start(turkmen, editor)

    counts = recipients(smtp_server)
    assert len(smtp_server.messages) == 200
    assert set(counts.values()) == {1}
    assert "waiting@example.org" not in counts
    for message in smtp_server.messages:
        language = message["To"].split("-")[0]
        assert message["Content-Language"] == language
        if language == "ru":
            assert message["Subject"] == "Новости HHD"
            assert "Коротко о главном." in text_part(message)
            assert "Отписаться" in html_part(message)
        else:
            assert message["Subject"] == "HHD habarlary"
            assert "Ýazylyşy ýatyryň" in html_part(message)
    for issue, total in ((russian, 120), (turkmen, 80)):
        issue.refresh_from_db()
        assert issue.status == IssueStatus.SENT and issue.finished_at
        assert issue.progress() == {"sent": total, "failed": 0, "left": 0}


def test_each_copy_has_html_and_text_parts_direct_links_no_images_and_one_click_headers(
    site_tree, smtp_server, editor
):
    news_index = NewsIndexPageFactory(parent=site_tree.homes["tk"])
    article = NewsPageFactory(parent=news_index, title="Pasport habary", summary="Gysga mazmun.")
    subscriber = SubscriberFactory(email="okyjy@example.org")
    issue = NewsletterIssueFactory(
        intro='<p>Giriş <a href="https://example.org/x">daşky salgy</a>.</p>', subject="Habarlar"
    )
    NewsletterIssueArticleFactory(issue=issue, page=article)
    start(issue, editor)

    [message] = smtp_server.messages
    assert message.get_content_type() == "multipart/alternative"
    html = html_part(message)
    page = BeautifulSoup(html, "html.parser")
    assert page.find("img") is None
    hrefs = [link["href"] for link in page.find_all("a")]
    article_url = f"https://hhd.example{article.url}"
    assert article_url in hrefs
    assert "https://example.org/x" in hrefs
    for href in hrefs:  # straight to the page: no redirector, no tracking parameters
        assert "?" not in href and "redirect" not in href
    text = text_part(message)
    assert "Pasport habary" in text and article_url in text and "daşky salgy (https://example.org/x)" in text
    unsubscribe = unsubscribe_url(message)
    assert message["List-Unsubscribe"].strip().startswith("<https://hhd.example/tk/newsletter/unsubscribe/")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe in hrefs and unsubscribe in text
    assert subscriber.email not in unsubscribe and path_of(unsubscribe).split("/")[4].startswith(
        f"{subscriber.pk}."
    )


def test_one_click_unsubscribe_through_the_header_of_a_received_issue(client, site_tree, smtp_server):
    SubscriberFactory(email="leaving@example.org", language="ru")
    start(NewsletterIssueFactory(language="ru"))
    [message] = smtp_server.messages
    response = client.post(path_of(unsubscribe_url(message)), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Subscriber.objects.exists()
    # The delivery stays, without the person, for the issue's counts.
    assert Delivery.objects.get().subscriber is None


# --- Interrupted and resumed -------------------------------------------------------------------


def test_a_run_killed_half_way_resumes_without_sending_anyone_a_second_copy(
    site_tree, smtp_server, monkeypatch, start_without_running
):
    monkeypatch.setattr(sending, "BATCH_SIZE", 40)
    bulk_subscribers(200, "tk")
    real_send = sending.mail.subscriber_issue_message
    sent = []

    class KillAfterAccepting:
        """Wraps the mail connection: the server accepts the 101st copy, then the worker dies
        before it can record that (the worst moment)."""

        def __init__(self, connection):
            self.connection = connection

        def open(self):
            return self.connection.open()

        def close(self):
            return self.connection.close()

        def send_messages(self, messages):
            result = self.connection.send_messages(messages)
            sent.append(messages[0].to[0])
            if len(sent) == 101:
                raise WorkerKilled
            return result

    from django.core.mail import get_connection

    issue = NewsletterIssueFactory()
    issue = start_without_running(issue)
    with pytest.raises(WorkerKilled):
        sending.run(issue.pk, mail_connection=KillAfterAccepting(get_connection()))
    assert len(smtp_server.messages) == 101
    assert issue.progress() == {"sent": 100, "failed": 0, "left": 100}

    result = sending.run(issue.pk)  # the next run: as the worker restarted, or "Resume sending"

    assert result.recovered == 19 and result.sent == 99
    counts = recipients(smtp_server)
    assert len(counts) == 200 and set(counts.values()) == {1}
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENT
    # The copy in flight when the worker died arrived once and is reported, not sent again.
    assert issue.progress() == {"sent": 199, "failed": 1, "left": 0}
    assert Delivery.objects.get(status=DeliveryStatus.FAILED).error == sending.INTERRUPTED
    assert real_send is sending.mail.subscriber_issue_message


def test_a_restarted_worker_resumes_every_interrupted_send_by_itself(
    site_tree, smtp_server, monkeypatch, start_without_running
):
    from django.core.management import call_command

    bulk_subscribers(30, "tk")
    issue = start_without_running(NewsletterIssueFactory())
    finished = start_without_running(NewsletterIssueFactory())
    finished.status = IssueStatus.SENT
    finished.save(update_fields=["status"])
    monkeypatch.setattr(sending, "BATCH_SIZE", 10)
    real_batch = sending.send_batch
    calls = []

    def dies_after_one_batch(*args, **kwargs):
        if calls:
            raise WorkerKilled
        calls.append(1)
        return real_batch(*args, **kwargs)

    monkeypatch.setattr(sending, "send_batch", dies_after_one_batch)
    with pytest.raises(WorkerKilled):
        sending.run(issue.pk)
    assert len(smtp_server.messages) == 10
    monkeypatch.setattr(sending, "send_batch", real_batch)

    # What every worker does as it starts (test_worker_sending runs the real one); the command
    # does the same by hand (tasks run inline in tests).
    call_command("resume_newsletter_sends", stdout=open("/dev/null", "w"))  # noqa: SIM115

    counts = recipients(smtp_server)
    assert set(counts.values()) == {1}  # nobody got a second copy
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENT
    # The copy that may have been in flight when the worker died is reported, never sent twice.
    assert issue.progress() == {"sent": 29, "failed": 1, "left": 0}
    assert len(counts) == 29


def test_a_second_run_while_one_is_working_leaves_at_once(site_tree, smtp_server, start_without_running):
    bulk_subscribers(3, "tk")
    issue = start_without_running(NewsletterIssueFactory())
    with sending.sender_lock(issue.pk) as acquired:
        assert acquired
        from django.db import connections

        # Another worker: its own database connection, so PostgreSQL sees another session.
        other = connections.create_connection("default")
        try:
            with other.cursor() as cursor:
                cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [sending.ADVISORY_LOCK_CLASS, issue.pk])
                assert cursor.fetchone()[0] is False
        finally:
            other.close()
    assert smtp_server.messages == []


def test_resuming_a_finished_issue_sends_nothing(site_tree, smtp_server, editor):
    bulk_subscribers(5, "tk")
    issue = start(NewsletterIssueFactory(), editor)
    assert sending.run(issue.pk).sent == 0
    assert not sending.resume_sending(issue, editor)
    assert len(smtp_server.messages) == 5


# --- SMTP failures ----------------------------------------------------------------------------


def run_until_finished(issue, now, limit=30):
    """Run the issue's sends one after the other, each when the last one said the next is due."""
    runs = []
    for _ in range(limit):
        result = sending.run(issue.pk, clock=lambda now=now: now)
        runs.append((now, result))
        if result.finished:
            return runs
        now = result.next_attempt_at + timedelta(seconds=1)
    raise AssertionError(f"not finished after {limit} runs")


def test_a_451_pauses_the_whole_send_instead_of_spending_every_copys_attempts(
    site_tree, smtp_server, start_without_running, caplog
):
    bulk_subscribers(10, "tk")
    issue = start_without_running(NewsletterIssueFactory())
    smtp_server.refuse = True  # 451 to every message
    now = timezone.now()
    with caplog.at_level(logging.INFO):
        first = sending.run(issue.pk, clock=lambda: now)

    # One copy met the refusal; the other nine were not tried and lost nothing.
    assert (first.sent, first.retrying, first.failed, first.finished) == (0, 1, 0, False)
    assert sorted(Delivery.objects.values_list("attempts", flat=True)) == [0] * 9 + [1]
    assert set(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.PENDING}
    issue.refresh_from_db()
    assert issue.paused_until == first.paused_until == first.next_attempt_at == now + timedelta(minutes=1)
    assert issue.pause_reason == PauseReason.REFUSED and issue.is_paused
    assert "sending paused until" in caplog.text and "451" in caplog.text
    assert "example.org" not in caplog.text.replace("[email]", "")

    smtp_server.refuse = False
    too_early = sending.run(issue.pk, clock=lambda: now + timedelta(seconds=30))
    assert (too_early.sent, too_early.paused_until) == (0, issue.paused_until)  # waits for the pause
    later = sending.run(issue.pk, clock=lambda: now + timedelta(seconds=61))
    assert (later.sent, later.finished) == (10, True)
    counts = recipients(smtp_server)
    assert len(counts) == 10 and set(counts.values()) == {1}
    assert sorted(Delivery.objects.values_list("attempts", flat=True)) == [1] * 9 + [2]
    issue.refresh_from_db()
    assert (issue.status, issue.paused_until, issue.pauses) == (IssueStatus.SENT, None, 0)


def test_pauses_in_a_row_wait_longer_up_to_an_hour_and_an_accepted_copy_starts_again_from_a_minute():
    assert [sending.pause_delay(n) for n in range(1, 10)] == [
        timedelta(minutes=minutes) for minutes in (1, 2, 4, 8, 16, 32, 60, 60, 60)
    ]


def test_a_long_refusal_pauses_longer_each_time_and_uses_up_no_copys_attempts_but_the_tried_ones(
    site_tree, smtp_server, start_without_running
):
    bulk_subscribers(50, "tk")
    issue = start_without_running(NewsletterIssueFactory())
    smtp_server.refuse = True
    now, pauses = timezone.now(), []
    for _ in range(4):
        result = sending.run(issue.pk, clock=lambda now=now: now)
        pauses.append(result.paused_until - now)
        now = result.paused_until + timedelta(seconds=1)
    assert pauses == [timedelta(minutes=minutes) for minutes in (1, 2, 4, 8)]
    # Four pauses, four tries in all (the refused copy steps back, so the next one is tried).
    assert sum(Delivery.objects.values_list("attempts", flat=True)) == 4
    assert not Delivery.objects.filter(status=DeliveryStatus.FAILED).exists()

    smtp_server.refuse = False
    runs = run_until_finished(issue, now)
    counts = recipients(smtp_server)
    assert len(counts) == 50 and set(counts.values()) == {1}
    issue.refresh_from_db()
    assert issue.progress() == {"sent": 50, "failed": 0, "left": 0} and issue.pauses == 0
    assert len(runs) <= 4


def test_an_address_refused_for_now_again_and_again_fails_after_its_last_attempt_and_holds_up_nobody(
    site_tree, smtp_server, start_without_running
):
    SubscriberFactory(email="full@example.org")
    SubscriberFactory(email="one@example.org")
    SubscriberFactory(email="two@example.org")

    async def handle_RCPT(server, session, envelope, address, rcpt_options):  # noqa: N802 - aiosmtpd's hook
        if address.startswith("full"):
            return "452 4.2.2 Mailbox full"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    smtp_server.handle_RCPT = handle_RCPT
    issue = start_without_running(NewsletterIssueFactory())
    runs = run_until_finished(issue, timezone.now())

    assert recipients(smtp_server) == {"one@example.org": 1, "two@example.org": 1}
    failed = Delivery.objects.get(status=DeliveryStatus.FAILED)
    assert (failed.attempts, failed.error) == (sending.MAX_ATTEMPTS, "recipient refused: 452")
    assert issue.progress() == {"sent": 2, "failed": 1, "left": 0}
    # The others went out after the first pause, not after the full copy's last attempt.
    first_sent = min(Delivery.objects.filter(status=DeliveryStatus.SENT).values_list("sent_at", flat=True))
    assert first_sent < runs[0][0] + timedelta(minutes=5)


def test_resuming_by_hand_ends_a_pause_at_once(site_tree, smtp_server, start_without_running):
    bulk_subscribers(3, "tk")
    issue = start_without_running(NewsletterIssueFactory())
    smtp_server.refuse = True
    assert sending.run(issue.pk).paused_until is not None
    issue.refresh_from_db()
    assert issue.is_paused
    smtp_server.refuse = False
    assert sending.resume_sending(issue, None)  # the immediate backend runs it at once
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENT and not issue.is_paused
    assert set(recipients(smtp_server).values()) == {1} and len(smtp_server.messages) == 3


def test_a_recipient_the_server_refuses_for_good_is_failed_at_once_without_its_address(
    site_tree, smtp_server
):
    SubscriberFactory(email="gone@example.org")
    SubscriberFactory(email="here@example.org")

    async def handle_RCPT(server, session, envelope, address, rcpt_options):  # noqa: N802 - aiosmtpd's hook
        if address.startswith("gone"):
            return f"550 5.1.1 <{address}>: Recipient address rejected"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    smtp_server.handle_RCPT = handle_RCPT
    issue = start(NewsletterIssueFactory())
    assert recipients(smtp_server) == {"here@example.org": 1}
    failed = Delivery.objects.get(status=DeliveryStatus.FAILED)
    assert failed.attempts == 1
    assert failed.error == "recipient refused: 550"
    assert issue.progress() == {"sent": 1, "failed": 1, "left": 0}


def test_an_unreachable_mail_server_stops_the_run_and_keeps_every_copy_waiting(
    site_tree, settings, start_without_running
):
    bulk_subscribers(5, "tk")
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2  # nothing listens
    issue = start_without_running(NewsletterIssueFactory())
    result = sending.run(issue.pk)
    assert (result.sent, result.failed, result.finished) == (0, 0, False)
    assert issue.progress() == {"sent": 0, "failed": 0, "left": 5}
    assert set(Delivery.objects.values_list("attempts", flat=True)) == {0}
    issue.refresh_from_db()
    assert issue.is_paused and issue.pause_reason == PauseReason.UNREACHABLE


# --- Who receives what ---------------------------------------------------------------------------


def test_someone_who_unsubscribes_while_an_issue_is_sent_does_not_get_it(
    site_tree, smtp_server, start_without_running
):
    staying, leaving = bulk_subscribers(2, "tk")
    issue = start_without_running(NewsletterIssueFactory())
    sending.build_audience(issue)
    Subscriber.objects.filter(pk=leaving.pk).delete()
    sending.run(issue.pk)
    assert recipients(smtp_server) == {staying.email: 1}
    assert issue.progress() == {"sent": 1, "failed": 0, "left": 0}


def test_a_subscriber_confirmed_after_sending_started_is_not_added(
    site_tree, smtp_server, start_without_running
):
    bulk_subscribers(1, "tk")
    issue = start_without_running(NewsletterIssueFactory())
    SubscriberFactory(confirmed_at=timezone.now() + timedelta(seconds=5), email="late@example.org")
    sending.run(issue.pk)
    assert "late@example.org" not in recipients(smtp_server)


def test_everything_published_since_the_last_issue_is_included_newest_first(site_tree, editor, mailoutbox):
    SubscriberFactory()
    news_index = NewsIndexPageFactory(parent=site_tree.homes["tk"])
    last_issue = start(NewsletterIssueFactory(), editor)
    before = timezone.now() - timedelta(days=1)
    NewsPageFactory(parent=news_index, title="Köne habar", first_published_at=before)
    after = last_issue.send_requested_at + timedelta(seconds=1)
    NewsPageFactory(
        parent=news_index, title="Täze habar", date=datetime.date(2026, 3, 1), first_published_at=after
    )
    StatementPageFactory(
        parent=news_index, title="Täze beýannama", date=datetime.date(2026, 3, 2), first_published_at=after
    )
    issue = NewsletterIssueFactory(include_new_articles=True)
    titles = [page.title for page in mail.issue_articles(issue, mail.articles_cutoff(issue))]
    assert titles == ["Täze beýannama", "Täze habar"]


def test_a_chosen_article_in_another_language_is_replaced_by_its_translation(site_tree):
    from home.factories import translate_page

    news_index = NewsIndexPageFactory(parent=site_tree.homes["tk"])
    article = NewsPageFactory(parent=news_index, title="Habar")
    translate_page(news_index, "ru", title="Новости")
    russian = translate_page(article, "ru", title="Новость")
    issue = NewsletterIssueFactory(language="ru")
    NewsletterIssueArticleFactory(issue=issue, page=article)
    assert [page.pk for page in mail.issue_articles(issue, timezone.now())] == [russian.pk]


def test_the_body_is_frozen_when_sending_starts(site_tree, editor, smtp_server, start_without_running):
    bulk_subscribers(2, "tk")
    issue = start_without_running(NewsletterIssueFactory(intro="<p>Birinji</p>"))
    NewsletterIssue.objects.filter(pk=issue.pk).update(intro="<p>Üýtgedilen</p>")
    sending.run(issue.pk)
    assert all("Birinji" in text_part(message) for message in smtp_server.messages)


def test_the_workers_periodic_resume_leaves_alone_a_send_whose_run_is_queued(site_tree, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    bulk_subscribers(2, "tk")
    issue = start(NewsletterIssueFactory())  # queued for the worker, not run
    runs = DBTaskResult.objects.filter(status="READY", task_path="newsletter.tasks.send_issue")
    assert runs.count() == 1
    assert sending.resume_all_sending() == 0  # however many workers start
    assert sending.resume_all_sending() == 0
    runs.delete()  # the run is lost (it failed in a worker)
    assert sending.resume_all_sending() == 1
    assert sending.resume_all_sending() == 0
    assert runs.count() == 1
    assert issue.status == IssueStatus.SENDING
