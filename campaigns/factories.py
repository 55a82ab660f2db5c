"""factory_boy factories: ``CampaignPageFactory(parent=home)``, ``SignatureFactory(campaign=page)``."""

import factory
from django.utils import timezone

from news.factories import PublishedPageFactory
from safety.digests import email_digest

from .models import CampaignPage, Signature


class CampaignPageFactory(PublishedPageFactory):
    title = "Pasport amnistiýasy"
    slug = factory.Sequence(lambda n: f"pasport-amnistiyasy-{n}")
    lead = "Daşary ýurtdaky raýatlara pasportlaryny täzelemäge rugsat beriň."
    addressee = "Türkmenistanyň Prezidentine"
    appeal = "<p>Biz pasport amnistiýasyny talap edýäris.</p>"
    goal = 1000

    class Meta:
        model = CampaignPage


class SignatureFactory(factory.django.DjangoModelFactory):
    """A signature; pass ``campaign=`` (a CampaignPage) and ``confirmed=True`` for a counted one."""

    class Params:
        campaign = None
        confirmed = False

    campaign_key = factory.LazyAttribute(lambda o: o.campaign.translation_key)
    language = "tk"
    full_name = "Aýna Gurbanowa"
    email = factory.Sequence(lambda n: f"signer{n}@example.org")
    email_digest = factory.LazyAttribute(lambda o: email_digest(o.email))
    country = "TR"
    city = "Stambul"
    consent_version = "tk-test"
    confirmed_at = factory.LazyAttribute(lambda o: timezone.now() if o.confirmed else None)

    class Meta:
        model = Signature
