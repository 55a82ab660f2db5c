from django.apps import AppConfig
from django.db.models.signals import post_migrate


def sync_site_address(using="default", **kwargs):
    """Keep the default Site record on the public address (SITE_URL).

    Wagtail builds a page's full URL (and so the addresses a CDN is told to purge on publish)
    from the Site record; a fresh database has ``localhost:80`` there, which a deployer would
    otherwise have to correct by hand in the admin.
    """
    from django.conf import settings
    from wagtail.models import Site

    from hhd_site.public_url import site_address

    if not settings.SITE_URL:
        return
    hostname, port = site_address()
    site = Site.objects.using(using).filter(is_default_site=True).first()
    if site is None or (site.hostname, site.port) == (hostname, port):
        return
    if Site.objects.using(using).filter(hostname=hostname, port=port).exclude(pk=site.pk).exists():
        return  # another record already claims the address: an editor's choice, left alone
    site.hostname, site.port = hostname, port
    site.save(using=using, update_fields=["hostname", "port"])


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Home and standard pages"

    def ready(self):
        post_migrate.connect(sync_site_address, sender=self)
        from caching.signals import purge_on_change_of

        from .models import OrganisationDetails

        purge_on_change_of(OrganisationDetails)  # shown in every page's footer
