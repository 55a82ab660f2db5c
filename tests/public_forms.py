"""Every public form of the site, for the tests that hold them all to one rule: where each
posts, a good submission, what it stores and which of its fields are text or addresses."""

from dataclasses import dataclass
from urllib.parse import urlencode

from campaigns.factories import CampaignPageFactory
from campaigns.models import Signature
from contact.factories import ContactPageFactory, HelpRequestPageFactory, make_caseworker_key
from contact.models import ContactMessage, HelpRequest
from donations.factories import DonationPageFactory
from donations.models import Pledge
from newsletter.models import Subscriber
from safety.tests.form_tokens import backdated_token

PUBLIC_DOMAIN = "Please check the part after the @: it must be a public domain, e.g. example.org."


@dataclass
class PublicForm:
    """One public form: where it posts, what a good submission is, what it stores."""

    name: str
    path: str
    data: dict
    model: type
    text_fields: tuple = ()
    block_fields: tuple = ()
    email_fields: tuple = ()
    email_message: str = PUBLIC_DOMAIN
    page: object = None  # the page the form is on (None: the footer of every page)
    rate_limit: str = ""

    def post(self, client, language="en", **overrides):
        body = {**self.data, **overrides}
        return client.post(
            f"/{language}{self.path}",
            urlencode(body),
            content_type="application/x-www-form-urlencoded",
        )

    def post_raw(self, client, field, raw, language="en"):
        """A body with ``raw`` (already percent-encoded bytes) as the value of ``field``."""
        body = urlencode({name: value for name, value in self.data.items() if name != field})
        return client.post(
            f"/{language}{self.path}",
            f"{body}&{field}={raw}",
            content_type="application/x-www-form-urlencoded",
        )


def every_public_form(home, user_model):
    """The signing, subscribe, pledge, contact and help forms, their pages under ``home``, and a
    caseworker key (so that the help form takes requests)."""
    campaign = CampaignPageFactory(parent=home)
    donation = DonationPageFactory(parent=home)
    contact = ContactPageFactory(parent=home)
    help_page = HelpRequestPageFactory(parent=home)
    caseworker = user_model.objects.create_superuser("caseworker", "", "a-long-test-password")
    make_caseworker_key(caseworker, iterations=1000)
    return [
        PublicForm(
            "signing",
            f"/campaigns/{campaign.pk}/sign/",
            {
                "full_name": "Aýna Gurbanowa",
                "email": "ayna@example.org",
                "country": "TR",
                "city": "Stambul",
                "consent": "on",
                "website": "",
                "form_token": backdated_token("campaigns.sign"),
            },
            Signature,
            text_fields=("full_name", "city"),
            email_fields=("email",),
            page=campaign,
            rate_limit="sign:ip",
        ),
        PublicForm(
            "subscribe",
            "/newsletter/subscribe/",
            {
                "email": "ayna@example.org",
                "language": "tk",
                "newsletter_consent": "on",
                "website": "",
                "form_token": backdated_token("newsletter-subscribe"),
            },
            Subscriber,
            email_fields=("email",),
            page=None,
            rate_limit="subscribe:ip",
        ),
        PublicForm(
            "pledge",
            f"/donations/pledge/{donation.pk}/",
            {
                "amount": "500",
                "currency": "TRY",
                "frequency": "one_off",
                "name": "Aýna Gurbanowa",
                "email": "ayna@example.org",
                "consent": "on",
                "website": "",
                "form_token": backdated_token("pledge"),
            },
            Pledge,
            text_fields=("name",),
            email_fields=("email",),
            page=donation,
            rate_limit="pledge:ip",
        ),
        PublicForm(
            "contact",
            f"/contact/message/{contact.pk}/",
            {
                "name": "Leyla Demir",
                "email": "leyla@example.org",
                "subject": "Röportaj isteği",
                "message": "Merhaba, bir röportaj için görüşmek istiyoruz.",
                "consent": "on",
                "website": "",
                "form_token": backdated_token("contact.message"),
            },
            ContactMessage,
            text_fields=("name", "subject"),
            block_fields=("message",),
            email_fields=("email",),
            page=contact,
            rate_limit="contact:ip",
        ),
        PublicForm(
            "help",
            f"/contact/help/{help_page.pk}/",
            {
                "category": "detention",
                "location": "Stambul, Arnawutköý",
                "contact_channel": "email",
                "contact_value": "merdan@example.org",
                "language": "tk",
                "name": "Merdan",
                "account": "Doganym deportasiýa merkezinde saklanýar.",
                "consent": "on",
                "website": "",
                "form_token": backdated_token("contact.help"),
            },
            HelpRequest,
            text_fields=("location", "name"),
            block_fields=("account",),
            email_fields=("contact_value",),
            email_message="Please enter a valid e-mail address, e.g. name@example.org.",
            page=help_page,
            rate_limit="help:ip",
        ),
    ]
