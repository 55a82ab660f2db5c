"""The newsletter's e-mails: confirmation, "already subscribed" notice, issues and test copies.

Every mail is rendered in the recipient's language and sent from ``NEUTRAL_FROM_EMAIL``
(a neutral sender name, so that a watched inbox does not reveal the cause). Issues have
an HTML and a plain-text part, link straight to the articles (no redirects, no tracking
pixels, no images at all) and carry RFC 8058 one-click unsubscribe headers.
"""

import html as html_lib
import re
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from wagtail.rich_text import expand_db_html

from hhd_site.public_url import public_url
from news.models import NewsPage, StatementPage, newest_first, specific_articles

from . import services
from .models import NewsletterIssue, Subscriber

# "Everything published since the last issue", for a language that never had one.
FIRST_ISSUE_LOOKBACK = timedelta(days=30)


def sender() -> str:
    return settings.NEUTRAL_FROM_EMAIL


# --- Subscription mail ----------------------------------------------------------------


def confirmation_message(subscriber: Subscriber) -> EmailMessage:
    """The double opt-in mail: a link to a page whose button confirms."""
    with translation.override(subscriber.language):
        context = {
            "confirm_url": services.link(subscriber, services.CONFIRM),
            "days": services.CONFIRM_LINK_MAX_AGE.days,
        }
        subject = gettext("Please confirm your subscription")
        body = render_to_string("newsletter/mail/confirm.txt", context)
    return EmailMessage(
        subject, body, sender(), [subscriber.email], headers={"Content-Language": subscriber.language}
    )


def already_subscribed_message(subscriber: Subscriber) -> EmailMessage:
    """Sent to a confirmed address that was typed into the subscribe form again."""
    with translation.override(subscriber.language):
        context = {
            "preferences_url": services.link(subscriber, services.PREFERENCES),
            "unsubscribe_url": services.link(subscriber, services.UNSUBSCRIBE),
        }
        subject = gettext("Your subscription")
        body = render_to_string("newsletter/mail/already_subscribed.txt", context)
    return EmailMessage(
        subject, body, sender(), [subscriber.email], headers={"Content-Language": subscriber.language}
    )


# --- The body of an issue ---------------------------------------------------------------


def articles_cutoff(issue: NewsletterIssue):
    """Where "everything published since the last issue" starts for this issue.

    The moment the previous issue of the same language was sent, or 30 days ago.
    """
    previous = NewsletterIssue.objects.filter(language=issue.language, send_requested_at__isnull=False)
    if issue.pk:
        previous = previous.exclude(pk=issue.pk)
    if issue.send_requested_at:
        previous = previous.filter(send_requested_at__lt=issue.send_requested_at)
    last = previous.order_by("-send_requested_at").values_list("send_requested_at", flat=True).first()
    return last or (issue.send_requested_at or timezone.now()) - FIRST_ISSUE_LOOKBACK


def issue_articles(issue: NewsletterIssue, since) -> list:
    """The live articles and statements of an issue, in its language: chosen ones first, in the
    editor's order, then (if asked) everything published since ``since``, newest first."""
    chosen = []
    for item in issue.articles.all():
        page = item.page
        if page is None:
            continue
        if page.locale.language_code != issue.language:
            page = page.get_translation_or_none(_locale(issue.language))
        if page is not None and page.live:
            chosen.append(page.pk)
    new = []
    if issue.include_new_articles:
        querysets = [
            model.objects.live().filter(locale__language_code=issue.language, first_published_at__gt=since)
            for model in (NewsPage, StatementPage)
        ]
        new = [pk for pk, _date in newest_first(querysets)]
    ordered = list(dict.fromkeys(chosen + new))
    return specific_articles(ordered)


def _locale(language):
    from wagtail.models import Locale

    return Locale.objects.get(language_code=language)


def absolute_url(url: str) -> str:
    """A site-relative URL made absolute: an e-mail has no page to be relative to."""
    if url.startswith("/") and not url.startswith("//"):
        return public_url(url)
    return url


def absolute_links(html: str) -> str:
    """Every site-relative link of some HTML made absolute."""
    return re.sub(r'href="(/(?!/)[^"]*)"', lambda match: f'href="{absolute_url(match.group(1))}"', html)


def html_to_text(html: str) -> str:
    """A readable plain-text form of a little rich text: links become "text (address)"."""

    def link_text(match):
        url, text = match.group(1), strip_tags(match.group(2)).strip()
        return url if not text or text == url else f"{text} ({url})"

    text = re.sub(r'<a\s[^>]*?href="([^"]*)"[^>]*>(.*?)</a>', link_text, html, flags=re.S | re.I)
    text = re.sub(r"<li[^>]*>", "\n- ", text, flags=re.I)
    text = re.sub(r"<br\s*/?>", "\n", text, flags=re.I)
    text = re.sub(r"</(p|h[1-6]|ul|ol|div|blockquote)>", "\n\n", text, flags=re.I)
    text = html_lib.unescape(strip_tags(text))
    lines = [line.strip() for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def render_body(issue: NewsletterIssue, since) -> tuple[str, str]:
    """The part of an issue that is the same for every recipient, as (HTML, plain text)."""
    with translation.override(issue.language):
        items = [
            {
                "title": page.title,
                "summary": page.summary,
                "date": page.date,
                "kind": page.kind,
                "url": absolute_url(page.get_url()),
            }
            for page in issue_articles(issue, since)
        ]
        intro_html = absolute_links(expand_db_html(issue.intro)) if issue.intro else ""
        context = {"issue": issue, "intro_html": mark_safe(intro_html), "articles": items}  # noqa: S308 - editor's rich text
        html = render_to_string("newsletter/mail/issue_body.html", context)
        context["intro_text"] = html_to_text(intro_html)
        text = render_to_string("newsletter/mail/issue_body.txt", context)
    return html, text


# --- Issue messages ---------------------------------------------------------------------


def issue_message(
    issue, body_html, body_text, to, unsubscribe_url, preferences_url, *, subject=None, connection=None
):
    """One copy of an issue for one recipient: HTML and text parts, one-click unsubscribe headers."""
    with translation.override(issue.language):
        context = {
            "issue": issue,
            "body_html": mark_safe(body_html),  # noqa: S308 - rendered by render_body()
            "body_text": body_text,
            "unsubscribe_url": unsubscribe_url,
            "preferences_url": preferences_url,
        }
        html = render_to_string("newsletter/mail/issue.html", context)
        text = render_to_string("newsletter/mail/issue.txt", context)
    message = EmailMultiAlternatives(
        subject or issue.subject,
        text,
        sender(),
        [to],
        headers={
            # RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click" to this address.
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Content-Language": issue.language,
        },
        connection=connection,
    )
    message.attach_alternative(html, "text/html")
    return message


def subscriber_issue_message(issue: NewsletterIssue, subscriber: Subscriber, connection=None):
    """The copy of an issue being sent (its frozen body) for one subscriber."""
    return issue_message(
        issue,
        issue.sent_html,
        issue.sent_text,
        subscriber.email,
        services.link(subscriber, services.UNSUBSCRIBE),
        services.link(subscriber, services.PREFERENCES),
        connection=connection,
    )


def _sample_links(issue):
    """Links for a preview or test copy: they lead to the pages, with a token that works for nobody."""
    from django.urls import reverse

    with translation.override(issue.language):
        return (
            public_url(reverse("newsletter:unsubscribe", args=["preview"])),
            public_url(reverse("newsletter:preferences", args=["preview"])),
        )


def sample_message(issue: NewsletterIssue, address: str):
    """A copy of the issue as it would be sent now, marked as a test, for an editor's own address."""
    body_html, body_text = render_body(issue, articles_cutoff(issue))
    unsubscribe_url, preferences_url = _sample_links(issue)
    with translation.override(issue.language):
        subject = gettext("[Test] %(subject)s") % {"subject": issue.subject}
    return issue_message(
        issue, body_html, body_text, address, unsubscribe_url, preferences_url, subject=subject
    )


def preview_response(issue: NewsletterIssue, plain_text: bool = False) -> HttpResponse:
    """The issue as a subscriber would see it now, for the admin's preview."""
    message = sample_message(issue, "preview@example.invalid")
    if plain_text:
        return HttpResponse(message.body, content_type="text/plain; charset=utf-8")
    html = message.alternatives[0][0]
    return HttpResponse(html, content_type="text/html; charset=utf-8")
