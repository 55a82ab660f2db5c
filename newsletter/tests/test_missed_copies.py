"""After a send has ended, "send to those who missed it": through a real SMTP server on loopback,
only the failed copies go out again, each once, and the page and the audit log say so."""

from collections import Counter

import pytest
from wagtail.models import ModelLogEntry

from newsletter import sending
from newsletter.factories import NewsletterIssueFactory, bulk_subscribers
from newsletter.models import Delivery, DeliveryStatus, IssueStatus, Subscriber

from .admin_steps import ISSUES, as_user, refused
from .kill_after_accepting import KillAfterAccepting
from .worker_faults import WorkerKilled


def recipients(smtp_server):
    return Counter(message["To"] for message in smtp_server.messages)


def refusing(smtp_server, addresses):
    """Make the server refuse these recipients for good (550) while they are in ``addresses``."""

    async def handle_RCPT(server, session, envelope, address, rcpt_options):  # noqa: N802 - aiosmtpd's hook
        if address in addresses:
            return "550 5.1.1 Recipient address rejected"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    smtp_server.handle_RCPT = handle_RCPT


@pytest.fixture
def finished_with_failures(site_tree, smtp_server, start_without_running):
    """An issue sent to tk-0 … tk-6, finished with three failed copies: tk-2 and tk-6 refused
    for good, tk-3 interrupted by a killed worker (it did arrive). The server accepts everyone since."""
    bulk_subscribers(7, "tk")
    refused_now = {"tk-2@example.org", "tk-6@example.org"}
    refusing(smtp_server, refused_now)
    issue = start_without_running(NewsletterIssueFactory())
    with pytest.raises(WorkerKilled):
        sending.run(issue.pk, mail_connection=KillAfterAccepting(3))  # tk-0, tk-1, then tk-3 in flight
    assert sending.run(issue.pk).finished
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENT
    assert issue.progress() == {"sent": 4, "failed": 3, "left": 0}
    refused_now.clear()  # the server accepts everyone from now on
    return issue


def unsubscribe(address):
    from safety.digests import email_digest

    Subscriber.objects.filter(email_digest=email_digest(address)).delete()


def test_the_missed_copies_go_only_to_those_whose_copy_failed_and_only_once(
    client,
    user_in,
    finished_with_failures,
    smtp_server,
):
    issue = finished_with_failures
    unsubscribe("tk-6@example.org")
    before = recipients(smtp_server)
    assert before == {f"tk-{n}@example.org": 1 for n in (0, 1, 3, 4, 5)}

    moderator = user_in("Moderators")
    as_user(client, moderator)
    status = client.get(f"{ISSUES}status/{issue.pk}/").content.decode()
    assert "The copies of 2 subscribers failed." in status
    assert "Send to those who missed it" in status
    assert "may get the issue twice" in status  # the interrupted copy is among them
    assert "example.org" not in status

    response = client.post(f"{ISSUES}resend-missed/{issue.pk}/")
    assert response.status_code == 302
    sent_again = recipients(smtp_server) - before
    # The refused one gets its first copy; the interrupted one (it had arrived) a second one.
    assert sent_again == {"tk-2@example.org": 1, "tk-3@example.org": 1}
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENT
    assert issue.progress() == {"sent": 6, "failed": 1, "left": 0}  # tk-6 left: not sent again
    entry = ModelLogEntry.objects.get(action="newsletter.resend_missed")
    assert entry.user == moderator and entry.data == {"copies": 2, "interrupted": 1}
    assert "example.org" not in str(entry.data)

    # A second click sends nothing more.
    client.post(f"{ISSUES}resend-missed/{issue.pk}/")
    assert recipients(smtp_server) - before == sent_again
    assert ModelLogEntry.objects.filter(action="newsletter.resend_missed").count() == 1
    status = client.get(f"{ISSUES}status/{issue.pk}/").content.decode()
    assert "Send to those who missed it" not in status
    assert "The issue was sent once more to those who had missed it." in status


def test_a_copy_refused_again_when_sent_to_those_who_missed_it_is_not_sent_a_third_time(
    site_tree,
    smtp_server,
    start_without_running,
):
    bulk_subscribers(2, "tk")
    refusing(smtp_server, {"tk-1@example.org"})
    issue = start_without_running(NewsletterIssueFactory())
    sending.run(issue.pk)
    issue.refresh_from_db()
    assert issue.progress() == {"sent": 1, "failed": 1, "left": 0}

    assert sending.resend_missed(issue, None) == 1  # refused again (the immediate backend sends at once)
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENT and issue.progress() == {"sent": 1, "failed": 1, "left": 0}
    assert sending.resend_missed(issue, None) == 0
    failed = Delivery.objects.get(status=DeliveryStatus.FAILED)
    assert failed.attempts == 1 and failed.resent_at is not None
    assert recipients(smtp_server) == {"tk-0@example.org": 1}


def test_nothing_is_sent_to_those_who_missed_it_while_the_send_is_still_going(
    site_tree,
    smtp_server,
    start_without_running,
):
    bulk_subscribers(2, "tk")
    issue = start_without_running(NewsletterIssueFactory())
    assert sending.resend_missed(issue, None) == 0
    assert smtp_server.messages == []


def test_an_editor_may_not_send_to_those_who_missed_it(client, user_in, finished_with_failures, smtp_server):
    issue = finished_with_failures
    before = len(smtp_server.messages)
    as_user(client, user_in("Editors"))
    assert "Send to those who missed it" not in client.get(f"{ISSUES}status/{issue.pk}/").content.decode()
    assert refused(client.post(f"{ISSUES}resend-missed/{issue.pk}/"))
    assert len(smtp_server.messages) == before
    assert not Delivery.objects.filter(resent_at__isnull=False).exists()
