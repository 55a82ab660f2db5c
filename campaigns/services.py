"""The rules of signing: create, confirm, withdraw, count, erase.

Views, tasks, commands and tests call these; nothing here knows about HTTP.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone

from caching.generation import cached_fragment
from safety.digests import email_digest

from .models import PUBLIC_LIST_LENGTH, CampaignPage, CampaignState, Signature

logger = logging.getLogger(__name__)

CONFIRM_SALT = "campaigns.confirm"
WITHDRAW_SALT = "campaigns.withdraw"
CONFIRM_MAX_AGE = 7 * 24 * 3600


@dataclass(frozen=True)
class CampaignFacts:
    """What signing needs to know of a live, public campaign page, cached per page-cache generation."""

    pk: int
    campaign_key: object
    state: str
    deadline: object
    show_public_list: bool = False

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.state == CampaignState.OPEN and (self.deadline is None or now < self.deadline)


def campaign_facts(page_id: int) -> CampaignFacts | None:
    """The facts of a live, unrestricted campaign page, or None.

    Cached until the next publish anywhere on the site (caching.generation), so a flood of
    signatures does not repeat Wagtail's page and view-restriction queries for each one.
    """

    def build():
        page = CampaignPage.objects.live().filter(pk=page_id).first()
        if page is None or page.get_view_restrictions().exists():
            return False  # cached as well: a missing page is asked for again only after a publish
        return CampaignFacts(page.pk, page.campaign_key, page.state, page.deadline, page.show_public_list)

    return cached_fragment(f"campaign:{int(page_id)}", build) or None


@dataclass(frozen=True)
class SigningRequest:
    """What a signer typed, already validated by SignatureForm."""

    full_name: str
    email: str
    country: str
    city: str
    show_publicly: bool
    wants_newsletter: bool
    consent_version: str
    language: str


def open_appeals(locale_id):
    """The live campaigns of a language that take signatures now, the newest first (the first
    is the home page's call to sign, home.calls_to_action)."""
    now = timezone.now()
    return (
        CampaignPage.objects.live()
        .filter(locale_id=locale_id, state=CampaignState.OPEN)
        .filter(Q(deadline__isnull=True) | Q(deadline__gt=now))
        .order_by("-first_published_at", "-pk")
    )


def sign(campaign: CampaignPage | CampaignFacts, request: SigningRequest) -> Signature:
    """Record a pending signature, or find the one this address already made; mail the signer.

    The unique constraint on (campaign, e-mail digest) decides, so concurrent signings with
    one address leave exactly one row. The caller answers the visitor the same either way;
    only the e-mail says "you have already signed".
    """
    from .tasks import send_signature_mail

    digest = email_digest(request.email)
    try:
        with transaction.atomic():
            signature = Signature.objects.create(
                campaign_key=campaign.campaign_key,
                language=request.language,
                full_name=request.full_name,
                email=request.email,
                email_digest=digest,
                country=request.country,
                city=request.city,
                # Only a campaign with a public list offers the choice: nobody is listed later
                # by a choice they were never shown.
                show_publicly=request.show_publicly and campaign.show_public_list,
                wants_newsletter=request.wants_newsletter,
                consent_version=request.consent_version,
            )
        kind = "confirm"
    except IntegrityError:
        signature = Signature.objects.get(campaign_key=campaign.campaign_key, email_digest=digest)
        kind = "already_signed" if signature.confirmed_at else "confirm"
    send_signature_mail.enqueue(signature.pk, kind, campaign.pk)
    return signature


def campaign_of(signature: Signature, language: str, fallback_page_id: int | None = None):
    """The campaign page of a signature in ``language``, else the page signed on, else any language."""
    pages = CampaignPage.objects.filter(translation_key=signature.campaign_key)
    return (
        pages.filter(locale__language_code=language).first()
        or (pages.filter(pk=fallback_page_id).first() if fallback_page_id else None)
        or pages.first()
    )


def confirmation_token(signature: Signature) -> str:
    """A signed token for the confirmation link: row id and nonce, nothing personal."""
    return signing.dumps([signature.pk, signature.nonce], salt=CONFIRM_SALT, compress=False)


def withdrawal_token(signature: Signature) -> str:
    """A signed token for the withdrawal link (it does not expire: a signer may leave at any time)."""
    return signing.dumps([signature.pk, signature.nonce], salt=WITHDRAW_SALT, compress=False)


def signature_for_token(token: str, salt: str, max_age: int | None = None) -> Signature | None:
    """The signature a token names, or None when the token is forged, expired or its row is gone."""
    try:
        pk, nonce = signing.loads(token, salt=salt, max_age=max_age)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return Signature.objects.filter(pk=pk, nonce=nonce, anonymised_at__isnull=True).first()


def signature_for_confirmation(token: str) -> Signature | None:
    return signature_for_token(token, CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)


def signature_for_withdrawal(token: str) -> Signature | None:
    return signature_for_token(token, WITHDRAW_SALT)


def confirm(signature: Signature) -> bool:
    """Count the signature: one atomic UPDATE, so confirming twice counts once.

    Returns True when this call confirmed it. A signer who asked for news is subscribed
    through the newsletter's own double opt-in.
    """
    updated = Signature.objects.filter(pk=signature.pk, confirmed_at__isnull=True).update(
        confirmed_at=timezone.now()
    )
    if updated and signature.wants_newsletter:
        subscribe_to_newsletter(signature)
    return bool(updated)


def subscribe_to_newsletter(signature: Signature) -> None:
    """Hand the address to the newsletter app when it is installed (its own confirmation follows)."""
    try:
        from newsletter import services as newsletter_services
    except ImportError:  # pragma: no cover - the newsletter app is part of this site
        return
    subscribe = getattr(newsletter_services, "subscribe", None)
    if subscribe is not None:
        subscribe(signature.email, signature.language, signature.consent_version, source="campaign")


def withdraw(signature: Signature) -> None:
    """Delete the signature and everything it held."""
    Signature.objects.filter(pk=signature.pk).delete()


def confirmed_count(campaign: CampaignPage) -> int:
    """Confirmed signatures of a campaign in every language: counted from rows, exact."""
    return Signature.objects.filter(campaign_key=campaign.campaign_key, confirmed_at__isnull=False).count()


def public_signers(campaign: CampaignPage, limit: int = PUBLIC_LIST_LENGTH) -> list[dict]:
    """The latest confirmed signers who chose to be shown: first name and city only."""
    rows = (
        Signature.objects.filter(
            campaign_key=campaign.campaign_key,
            confirmed_at__isnull=False,
            show_publicly=True,
            anonymised_at__isnull=True,
        )
        .order_by("-confirmed_at")
        .only("full_name", "city", "confirmed_at")[:limit]
    )
    return [{"first_name": row.first_name, "city": row.city} for row in rows]


def counts(campaign: CampaignPage) -> dict:
    """Pending and confirmed totals, and confirmed signatures by country (for moderators)."""
    rows = Signature.objects.filter(campaign_key=campaign.campaign_key)
    totals = rows.aggregate(
        pending=Count("pk", filter=Q(confirmed_at__isnull=True)),
        confirmed=Count("pk", filter=Q(confirmed_at__isnull=False)),
    )
    by_country = (
        rows.filter(confirmed_at__isnull=False)
        .values("country")
        .annotate(n=Count("pk"))
        .order_by("-n", "country")
    )
    return {**totals, "by_country": [(row["country"], row["n"]) for row in by_country]}


def confirmed_signatures_for_export(campaign: CampaignPage):
    """Confirmed, not yet anonymised signatures in signing order, for delivery to the addressee."""
    return (
        Signature.objects.filter(
            campaign_key=campaign.campaign_key, confirmed_at__isnull=False, anonymised_at__isnull=True
        )
        .order_by("confirmed_at", "pk")
        .only("full_name", "country", "city", "confirmed_at")
    )


def delete_unconfirmed(now=None) -> int:
    """Delete signatures never confirmed within UNCONFIRMED_RETENTION_DAYS."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.UNCONFIRMED_RETENTION_DAYS)
    deleted, _ = Signature.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff).delete()
    return deleted


def anonymise_ended_campaigns(now=None) -> int:
    """Erase names, e-mails and cities of campaigns past their retention period; counts remain."""
    now = now or timezone.now()
    erased = 0
    seen = set()
    for campaign in CampaignPage.objects.all().only(
        "translation_key", "state", "ended_at", "deadline", "retention_days"
    ):
        if campaign.translation_key in seen:
            continue
        seen.add(campaign.translation_key)
        end = campaign.end()
        if end is None or end + timedelta(days=campaign.retention_days) > now:
            continue
        erased += Signature.objects.filter(
            campaign_key=campaign.translation_key, anonymised_at__isnull=True
        ).update(full_name="", email="", city="", email_digest=None, show_publicly=False, anonymised_at=now)
    return erased
