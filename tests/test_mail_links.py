"""Every kind of mail the site sends, received by a real SMTP server on loopback, and every
link in it opened over real HTTP against the live test server.

The public address is ``settings.SITE_URL`` (hhd_site/public_url.py); here it is the live
server's own address, so a link built from anything else (the request's host, ``localhost``
on port 80, the Site record left at its default) points at a server that is not there and
fails this module. A link must start with the public address or be listed in ``NOT_LINKS``.

Public links answer 200 and opening them changes nothing (mail scanners open links); the
button of a confirmation page, pressed as a browser does (a POST to the form's action,
without an Origin header), changes the state. Admin links send an anonymous visitor to the
admin's sign-in and open for the staff member the mail was sent to.

Mails covered: campaigns (confirm your signature, you have already signed), newsletter
(confirm, already subscribed, an issue, an editor's test copy), donations (transfer
instructions, receipt), contact (staff notification of a message, caseworkers' notification
of a help request, the acknowledgement to the person), Wagtail's review workflow (submitted,
rejected, approved) and Wagtail's password reset.
"""

import datetime
import html
import re
import urllib.request
from decimal import Decimal
from http.cookiejar import CookieJar
from urllib.error import HTTPError
from urllib.parse import urlencode, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.urls import reverse
from wagtail.models import TaskState, WorkflowState

from campaigns.factories import CampaignPageFactory
from campaigns.models import Signature
from contact.factories import ContactPageFactory, HelpRequestPageFactory, make_caseworker_key
from contact.models import ContactMessage, HelpRequest
from donations import services as donation_services
from donations.factories import DonationPageFactory
from donations.models import Pledge
from home.apps import sync_site_address
from news.factories import NewsIndexPageFactory, NewsPageFactory
from news.models import NewsPage
from newsletter import sending
from newsletter.factories import NewsletterIssueArticleFactory, NewsletterIssueFactory
from newsletter.models import Subscriber
from newsletter.tasks import send_test_issue
from safety.guards import issue_form_token

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Addresses in mail that are not links to follow: the XHTML doctype and namespace of
# Wagtail's HTML notification template (identifiers, never fetched by a mail client; they
# appear only if WAGTAILADMIN_NOTIFICATION_USE_HTML is turned on, the site sends text).
NOT_LINKS = {
    "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd",
    "http://www.w3.org/1999/xhtml",
}
# Intentionally external links: the one an editor puts into a newsletter's introduction.
EXTERNAL_LINKS = {"https://example.org/report"}

URL = re.compile(r"https?://[^\s<>\"')\]]+")
PASSWORD = "correct-horse-battery-staple-7"  # noqa: S105 - a throwaway test account


# --- Reading mail ---------------------------------------------------------------------------


def urls_in(message) -> list[str]:
    """Every http(s) address in the text and HTML parts and the List-Unsubscribe header."""
    found = []
    for part in message.walk():
        if part.get_content_maintype() != "text":
            continue
        content = part.get_content()
        if part.get_content_subtype() == "html":
            content = html.unescape(content)
        found += [url.rstrip(".,;:") for url in URL.findall(content)]
    if message["List-Unsubscribe"]:
        found += re.findall(r"<(https?://[^>]+)>", str(message["List-Unsubscribe"]))
    return list(dict.fromkeys(found))


def site_links(message, base) -> list[str]:
    """The links of a message to the site, after checking that every other one is allowed."""
    urls = urls_in(message)
    strays = [url for url in urls if not url.startswith(base + "/") and url not in NOT_LINKS | EXTERNAL_LINKS]
    assert strays == [], f"{message['Subject']!r} links outside {base}: {strays}"
    return [url for url in urls if url.startswith(base + "/")]


def messages_to(smtp_server, address, start=0):
    return [message for message in smtp_server.messages[start:] if address in message["To"]]


def text_of(message):
    return message.get_body(preferencelist=("plain",)).get_content()


# --- Opening links over HTTP -------------------------------------------------------------------


class KeepRedirects(urllib.request.HTTPRedirectHandler):
    """Redirects are answers to check, not to follow."""

    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """urllib against the live server: no redirects followed, cookies kept, every request counted."""

    opened = 0

    def __init__(self):
        self.opener = urllib.request.build_opener(
            KeepRedirects, urllib.request.HTTPCookieProcessor(CookieJar())
        )

    def open(self, url, data=None, headers=None):
        """(status, headers, body text) of a GET, or a POST when ``data`` (a dict) is given."""
        body = urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(url, data=body, headers=headers or {})  # noqa: S310 - the live server
        Browser.opened += 1
        try:
            response = self.opener.open(request, timeout=20)
        except HTTPError as error:
            response = error
        with response:
            return response.status, response.headers, response.read().decode("utf-8", "replace")


def open_public_link(url):
    """A public link answers 200 with a page; returns the page's HTML."""
    status, headers, body = Browser().open(url)
    assert status == 200, f"{url} answered {status}"
    assert headers.get_content_type() == "text/html"
    return body


def press_the_button(url, page_html, base):
    """Submit the POST form of a page's main content as a browser does (no Origin header)."""
    [form] = BeautifulSoup(page_html, "html.parser").select('main form[method="post"]')
    action = urljoin(url, form.get("action") or url)
    assert action.startswith(base + "/")
    fields = {field["name"]: field.get("value", "") for field in form.find_all("input") if field.get("name")}
    status, _headers, body = Browser().open(action, data=fields)
    assert status == 200, f"the button of {url} answered {status}"
    return body


def open_admin_link(url, client, user):
    """An admin link: an anonymous visitor is sent to sign in; the recipient signed in sees it."""
    status, headers, _body = Browser().open(url)
    assert status == 302, f"{url} answered {status} to an anonymous visitor"
    assert urlsplit(urljoin(url, headers["Location"])).path == reverse("wagtailadmin_login")
    client.force_login(user)  # the full sign-in, second factor included (root conftest)
    parts = urlsplit(url)
    response = client.get(parts.path + (f"?{parts.query}" if parts.query else ""))
    assert response.status_code == 200, f"{url} answered {response.status_code} to {user}"


def is_admin(url, base):
    return url.startswith(f"{base}/admin/")


# --- The site -------------------------------------------------------------------------------------


@pytest.fixture
def public_address(live_server, site_tree, smtp_server, settings):
    """SITE_URL (and Wagtail's admin base URL) is the live server; mail goes out by SMTP."""
    settings.SITE_URL = settings.WAGTAILADMIN_BASE_URL = live_server.url
    settings.FORM_MIN_FILL_SECONDS = 0  # the timing guard has its own tests (safety/)
    sync_site_address()  # what post_migrate does on a deployment: the Site record on SITE_URL
    cache.clear()  # Wagtail caches the site root paths
    assert settings.EMAIL_BACKEND.endswith("smtp.EmailBackend")
    return live_server.url


def staff(django_user_model, username, group):
    user = django_user_model.objects.create_user(username, f"{username}@hhd.example", PASSWORD)
    user.groups.add(Group.objects.get(name=group))
    return user


def subscribe_form(email, language="tk"):
    return {
        "email": email,
        "language": language,
        "newsletter_consent": "on",
        "website": "",
        "form_token": issue_form_token("newsletter-subscribe"),
    }


# --- Campaigns ------------------------------------------------------------------------------------


def test_the_links_of_the_signature_mails_open_and_their_buttons_confirm_and_withdraw(
    public_address, site_tree, smtp_server, client
):
    campaign = CampaignPageFactory(parent=site_tree.homes["tk"])
    sign_url = reverse("campaigns:sign", args=[campaign.pk])

    def sign():
        data = {
            "full_name": "Aýna Gurbanowa",
            "email": "ayna@example.org",
            "country": "TR",
            "city": "Stambul",
            "consent": "on",
            "website": "",
            "form_token": issue_form_token("campaigns.sign"),
        }
        assert client.post(sign_url, data).status_code == 303

    sign()
    [confirmation] = smtp_server.messages
    links = site_links(confirmation, public_address)
    [confirm_url] = [url for url in links if "/campaigns/confirm/" in url]
    [withdraw_url] = [url for url in links if "/campaigns/withdraw/" in url]
    assert len(links) == 2
    for url in links:
        open_public_link(url)
    signature = Signature.objects.get()
    assert signature.confirmed_at is None  # opening the links changed nothing

    press_the_button(confirm_url, open_public_link(confirm_url), public_address)
    signature.refresh_from_db()
    assert signature.confirmed_at is not None
    assert "/campaigns/confirm/" not in open_public_link(confirm_url)  # no second button

    sign()  # the same address again: "you have already signed"
    [_, already_signed] = smtp_server.messages
    [withdraw_again] = site_links(already_signed, public_address)  # nothing left to confirm
    assert "/campaigns/withdraw/" in withdraw_again
    page = open_public_link(withdraw_again)
    assert Signature.objects.filter(confirmed_at__isnull=False).count() == 1
    press_the_button(withdraw_again, page, public_address)
    assert not Signature.objects.exists()
    # The first mail's withdrawal link now names no signature: the "link does not work" page.
    status, headers, _body = Browser().open(withdraw_url)
    assert (status, headers.get_content_type()) == (404, "text/html")


# --- Newsletter -----------------------------------------------------------------------------------


def test_the_links_of_every_newsletter_mail_open_and_confirm_and_one_click_unsubscribe_work(
    public_address, site_tree, smtp_server, client, django_user_model
):
    news_index = NewsIndexPageFactory(parent=site_tree.homes["tk"])
    article = NewsPageFactory(parent=news_index, title="Pasport habary")
    subscribe_url = reverse("newsletter:subscribe")

    assert client.post(subscribe_url, subscribe_form("okyjy@example.org")).status_code == 200
    [confirmation] = smtp_server.messages
    [confirm_url] = site_links(confirmation, public_address)
    page = open_public_link(confirm_url)
    assert Subscriber.objects.get().confirmed_at is None
    press_the_button(confirm_url, page, public_address)
    assert Subscriber.objects.get().confirmed_at is not None

    # Typed into the form again: the notice with the preferences and unsubscribe links.
    assert client.post(subscribe_url, subscribe_form("okyjy@example.org")).status_code == 200
    [notice] = messages_to(smtp_server, "okyjy@example.org", start=1)
    links = site_links(notice, public_address)
    assert sorted(urlsplit(url).path.split("/")[3] for url in links) == ["preferences", "unsubscribe"]
    for url in links:
        open_public_link(url)
    assert Subscriber.objects.get().confirmed_at is not None

    editor = staff(django_user_model, "moderator", "Moderators")
    issue = NewsletterIssueFactory(
        subject="HHD habarlary",
        intro='<p>Doly hasabat: <a href="https://example.org/report">daşky salgy</a>.</p>',
        include_new_articles=False,
    )
    NewsletterIssueArticleFactory(issue=issue, page=article)

    send_test_issue.enqueue(issue.pk, editor.pk)  # an editor's test copy first
    [test_copy] = messages_to(smtp_server, editor.email)
    for url in site_links(test_copy, public_address):
        # Its unsubscribe and preferences links carry a token that works for nobody.
        status, _headers, body = Browser().open(url)
        expected = 400 if "/newsletter/" in url else 200
        assert status == expected, f"{url} answered {status}"

    assert sending.start_sending(issue, editor)
    [copy] = messages_to(smtp_server, "okyjy@example.org", start=2)
    links = site_links(copy, public_address)
    article_url = public_address + article.url
    assert article_url in links
    [unsubscribe_header] = re.findall(r"<([^>]+)>", str(copy["List-Unsubscribe"]))
    assert unsubscribe_header in links
    for url in links:
        open_public_link(url)
    assert Subscriber.objects.get().confirmed_at is not None  # opening them changed nothing

    # The mail client's one-click unsubscribe (RFC 8058) to the header's address.
    status, _headers, _body = Browser().open(unsubscribe_header, data={"List-Unsubscribe": "One-Click"})
    assert status == 200
    assert not Subscriber.objects.exists()


# --- Donations ------------------------------------------------------------------------------------


def test_the_donors_mails_carry_no_link_that_would_not_open(public_address, site_tree, smtp_server, client):
    page = DonationPageFactory(parent=site_tree.homes["tk"])
    data = {
        "amount": "500",
        "currency": "TRY",
        "frequency": "one_off",
        "name": "Aýna",
        "email": "donor@example.org",
        "consent": "on",
        "website": "",
        "form_token": issue_form_token("pledge"),
    }
    assert client.post(reverse("donations:pledge", args=[page.pk]), data).status_code == 302
    pledge = Pledge.objects.get()
    assert donation_services.mark_received(pledge, amount=Decimal("500"), received_on=datetime.date.today())
    instructions, receipt = smtp_server.messages
    assert pledge.display_reference in text_of(instructions) and pledge.display_reference in text_of(receipt)
    for message in (instructions, receipt):
        for url in site_links(message, public_address):
            open_public_link(url)


# --- Contact --------------------------------------------------------------------------------------


def test_the_staff_notifications_of_a_message_and_a_help_request_link_into_the_admin(
    public_address, site_tree, smtp_server, client, django_user_model
):
    contact_page = ContactPageFactory(parent=site_tree.homes["tk"])
    help_page = HelpRequestPageFactory(parent=site_tree.homes["tk"])
    # The roles that answer contact messages (docs/editors-guide.md, "Roles"); moderators do not.
    administrator = staff(django_user_model, "administrator", "Administrators")
    moderator = staff(django_user_model, "moderator", "Moderators")
    caseworker = staff(django_user_model, "aylar", "Caseworkers")
    make_caseworker_key(caseworker, iterations=1000)

    message_data = {
        "name": "Leyla Demir",
        "email": "leyla@example.org",
        "subject": "Röportaj isteği",
        "message": "Merhaba, göç hakkında bir röportaj için HHD ile görüşmek istiyoruz.",
        "consent": "on",
        "website": "",
        "form_token": issue_form_token("contact.message"),
    }
    response = client.post(reverse("contact:send_message", args=[contact_page.pk]), message_data)
    assert response.status_code == 303
    contact_message = ContactMessage.objects.get()
    notifications = {message["To"]: message for message in smtp_server.messages}
    assert set(notifications) == {administrator.email, caseworker.email}
    assert moderator.email not in notifications
    for user in (administrator, caseworker):
        [url] = site_links(notifications[user.email], public_address)
        assert urlsplit(url).path == reverse("contact_messages:read", args=[contact_message.pk])
        open_admin_link(url, client, user)
    client.logout()

    help_data = {
        "category": "passport",
        "location": "Ankara",
        "contact_channel": "email",
        "contact_value": "aman@example.org",
        "language": "ru",
        "name": "Aman",
        "account": "Pasportymyň möhleti geçdi, konsullyk jogap bermeýär.",
        "consent": "on",
        "website": "",
        "form_token": issue_form_token("contact.help"),
    }
    response = client.post(reverse("contact:ask_for_help", args=[help_page.pk]), help_data)
    assert response.status_code == 200
    case = HelpRequest.objects.get()
    [notification] = messages_to(smtp_server, caseworker.email, start=2)
    [url] = site_links(notification, public_address)
    assert urlsplit(url).path == reverse("cases:case", args=[case.pk])
    open_admin_link(url, client, caseworker)
    [acknowledgement] = messages_to(smtp_server, "aman@example.org")
    assert case.display_reference in text_of(acknowledgement)
    assert site_links(acknowledgement, public_address) == []  # it reveals nothing, links included


# --- Wagtail: the review workflow and the password reset -------------------------------------------


def test_the_review_workflow_notifications_link_to_the_admin_and_to_the_published_page(
    public_address, site_tree, smtp_server, client, django_user_model
):
    editor = staff(django_user_model, "editor", "Editors")
    moderator = staff(django_user_model, "moderator", "Moderators")
    draft = NewsPage(title="Deportation centre report", slug="deportation-centre-report", live=False)
    site_tree.homes["ru"].add_child(instance=draft)
    draft.save_revision()

    def submit():
        client.force_login(editor)
        data = {
            "title": draft.title,
            "slug": draft.slug,
            "date": "2026-11-27",
            "summary": "",
            "body-count": "0",
            "topics-TOTAL_FORMS": "0",
            "topics-INITIAL_FORMS": "0",
            "topics-MIN_NUM_FORMS": "0",
            "topics-MAX_NUM_FORMS": "1000",
            "action-submit": "Submit",
        }
        response = client.post(f"/admin/pages/{draft.pk}/edit/", data, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 302, response.content.decode()[:2000]
        state = WorkflowState.objects.get(object_id=str(draft.pk), status=WorkflowState.STATUS_IN_PROGRESS)
        return TaskState.objects.get(workflow_state=state, status=TaskState.STATUS_IN_PROGRESS)

    def decide(task_state, action):
        client.force_login(moderator)
        response = client.post(
            f"/admin/pages/workflow/action/{draft.pk}/{action}/{task_state.pk}/",
            {"comment": "Checked."},
            HTTP_ACCEPT_LANGUAGE="en",
        )
        assert response.status_code == 302

    def check(messages, recipient):
        assert messages, f"no workflow mail to {recipient}"
        for message in messages:
            links = site_links(message, public_address)
            assert links
            for url in links:
                if is_admin(url, public_address):
                    open_admin_link(url, client, recipient)
                else:
                    open_public_link(url)

    submitted = submit()
    check(messages_to(smtp_server, moderator.email), moderator)
    seen = len(smtp_server.messages)
    decide(submitted, "reject")
    check(messages_to(smtp_server, editor.email, start=seen), editor)

    resubmitted = submit()
    seen = len(smtp_server.messages)
    decide(resubmitted, "approve")
    draft.refresh_from_db()
    assert draft.live
    approved = messages_to(smtp_server, editor.email, start=seen)
    check(approved, editor)
    assert any(public_address + draft.url in urls_in(message) for message in approved)


def test_the_password_reset_link_opens_and_sets_a_new_password(
    public_address, site_tree, smtp_server, client, django_user_model
):
    editor = staff(django_user_model, "editor", "Editors")
    response = client.post(reverse("wagtailadmin_password_reset"), {"email": editor.email})
    assert response.status_code == 302
    [message] = smtp_server.messages
    [url] = site_links(message, public_address)

    browser = Browser()  # one visitor: the link's token is kept in their session
    status, headers, _body = browser.open(url)
    assert status == 302, f"{url} answered {status}"
    form_url = urljoin(url, headers["Location"])
    assert form_url.startswith(public_address + "/admin/password_reset/")
    status, _headers, page = browser.open(form_url)
    assert status == 200
    editor.refresh_from_db()
    assert editor.check_password(PASSWORD)  # opening the link changed nothing

    [form] = BeautifulSoup(page, "html.parser").find_all("form", method="post")
    fields = {field["name"]: field.get("value", "") for field in form.find_all("input") if field.get("name")}
    fields["new_password1"] = fields["new_password2"] = "a-new-and-long-passphrase-42"
    status, headers, _body = browser.open(urljoin(form_url, form.get("action") or form_url), data=fields)
    assert status == 302
    editor.refresh_from_db()
    assert editor.check_password("a-new-and-long-passphrase-42")
