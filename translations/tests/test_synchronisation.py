"""Trees are kept in step by drafts, not by wagtail-localize's live aliases."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse
from wagtail.models import Page
from wagtail_localize.models import LocaleSynchronization

from .conftest import EN, locale

pytestmark = pytest.mark.django_db

no_synchronisation = importlib.import_module("translations.migrations.0002_no_locale_synchronization")


def test_why_the_trees_are_not_synchronised_by_wagtail_localize(newsroom):
    # What "Synchronise content from another locale" does: the Turkmen article appears in
    # the Russian tree as a live alias, in Turkmen, without anyone reviewing it.
    LocaleSynchronization.objects.create(locale=locale("ru"), sync_from=locale("tk"))
    alias = Page.objects.get(translation_key=newsroom.article.translation_key, locale=locale("ru"))
    assert alias.alias_of_id == newsroom.article.id
    assert alias.live and alias.title == "Pasport amnistiýasy"


def test_no_locale_is_synchronised_after_the_migrations(newsroom):
    assert not LocaleSynchronization.objects.exists()
    LocaleSynchronization.objects.bulk_create(
        [LocaleSynchronization(locale=locale("en"), sync_from=locale("tk"))]
    )
    no_synchronisation.remove_locale_synchronisation(apps, None)
    assert not LocaleSynchronization.objects.exists()


def test_the_locale_form_offers_no_synchronisation(client, newsroom, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "x" * 16)
    client.force_login(admin)
    url = reverse("wagtaillocales:edit", args=[locale("en").pk])
    form = client.get(url, **EN)
    assert form.status_code == 200
    assert "Synchronise content from another locale" not in form.content.decode()

    client.post(
        url,
        {
            "language_code": "en",
            "component-wagtail_localize_localesynchronization-enabled": "on",
            "component-wagtail_localize_localesynchronization-sync_from": locale("tk").pk,
        },
        **EN,
    )
    assert not LocaleSynchronization.objects.exists()
    assert not Page.objects.filter(locale=locale("en"), alias_of__isnull=False).exists()
