"""factory_boy factories for the newsletter's models, used by its tests and bench/newsletter_send.py."""

import factory
from django.utils import timezone

from safety.digests import email_digest

from .models import NewsletterIssue, NewsletterIssueArticle, Subscriber

# A consent version as safety.consent.consent_version makes them (language and text hash).
CONSENT_VERSION = "tk-0123456789abcdef"


class SubscriberFactory(factory.django.DjangoModelFactory):
    """A confirmed subscriber; ``SubscriberFactory(unconfirmed=True)`` for one who has not confirmed."""

    email = factory.Sequence(lambda n: f"okyjy{n}@example.org")
    email_digest = factory.LazyAttribute(lambda subscriber: email_digest(subscriber.email))
    language = "tk"
    consent_version = CONSENT_VERSION
    confirmed_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = Subscriber

    class Params:
        unconfirmed = factory.Trait(confirmed_at=None)


def bulk_subscribers(count, language, start=0, domain="example.org"):
    """``count`` confirmed subscribers made in one INSERT (for sends to hundreds or thousands)."""
    now = timezone.now()
    rows = [
        Subscriber(
            email=f"{language}-{number}@{domain}",
            email_digest=email_digest(f"{language}-{number}@{domain}"),
            language=language,
            consent_version=CONSENT_VERSION,
            confirmed_at=now,
        )
        for number in range(start, start + count)
    ]
    return Subscriber.objects.bulk_create(rows, batch_size=1000)


class NewsletterIssueFactory(factory.django.DjangoModelFactory):
    language = "tk"
    subject = factory.Sequence(lambda n: f"HHD habarlary {n}")
    intro = "<p>Gysgaça habarlar.</p>"

    class Meta:
        model = NewsletterIssue


class NewsletterIssueArticleFactory(factory.django.DjangoModelFactory):
    """An article chosen for an issue; pass ``issue`` and ``page``."""

    class Meta:
        model = NewsletterIssueArticle
