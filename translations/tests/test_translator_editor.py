"""A translator's translation editor: "Submit for review" is its main action, nothing they may
not do is offered, and translations are started into their own language only."""

import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Page

from .conftest import EN, locale, russian, submit_page_translation, translation_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def russian_draft(client, newsroom):
    client.force_login(newsroom.editor)
    submit_page_translation(client, newsroom.article, "ru")
    return russian(newsroom.article)


def open_editor(client, page):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.id]), **EN)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    editor = soup.select_one(".js-translation-editor")
    return soup, editor, json.loads(editor["data-props"])


def test_submit_for_review_is_the_translators_main_action(client, newsroom, russian_draft):
    client.force_login(newsroom.translator)
    soup, editor, props = open_editor(client, russian_draft)

    submit_url = reverse("translations:submit_for_review", args=[translation_of(russian_draft).id])
    links = soup.select(f'a[href^="{submit_url}?next="]')
    assert len(links) == 1  # one "Submit for review", not one in the panel and one in the footer
    footer_action = soup.select_one(".translation-review-footer .footer__container > a.button")
    assert footer_action is links[0] and footer_action.get_text(strip=True) == "Submit for review"
    assert "button-secondary" not in footer_action["class"]
    # wagtail-localize's own footer (its main action would be "Delete") gives way to it.
    assert "translation-editor--reviewed" in editor["class"]
    assert soup.select_one('link[href$="translations/css/translation_editor.css"]') is not None


def test_what_a_translator_may_not_do_is_not_offered(client, newsroom, russian_draft):
    client.force_login(newsroom.translator)
    assert not russian_draft.permissions_for_user(newsroom.translator).can_publish()
    _soup, _editor, props = open_editor(client, russian_draft)
    assert props["links"]["convertToAliasUrl"] is None
    assert props["perms"]["canDelete"] is False
    assert props["perms"]["canPublish"] is False
    # And the address refuses them anyway.
    response = client.get(reverse("wagtail_localize:convert_to_alias", args=[russian_draft.id]), **EN)
    assert response.status_code in (302, 403)
    assert Page.objects.get(pk=russian_draft.pk).alias_of_id is None


def test_a_moderator_keeps_wagtail_localizes_editor_with_publish(client, newsroom, russian_draft):
    client.force_login(newsroom.moderator)
    soup, editor, props = open_editor(client, russian_draft)
    assert "translation-editor--reviewed" not in editor["class"]
    assert soup.select_one(".translation-review-footer") is None
    assert props["perms"]["canPublish"] is True
    assert props["links"]["convertToAliasUrl"]
    # "Submit for review" stays available to them, as a secondary action in the panel.
    submit_url = reverse("translations:submit_for_review", args=[translation_of(russian_draft).id])
    assert "button-secondary" in soup.select_one(f'a[href^="{submit_url}?next="]')["class"]


def offered_locales(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return {int(box["value"]) for box in soup.select('input[name="locales"]')}


def test_a_translator_starts_translations_into_their_own_language_only(client, newsroom):
    url = reverse("wagtail_localize:submit_page_translation", args=[newsroom.article.id])
    client.force_login(newsroom.translator)
    assert offered_locales(client.get(url, **EN)) == {locale("ru").id}

    response = submit_page_translation(client, newsroom.article, "tr")
    assert response.status_code == 200 and "locales" in response.context["form"].errors
    assert not Page.objects.filter(
        translation_key=newsroom.article.translation_key, locale=locale("tr")
    ).exists()

    assert submit_page_translation(client, newsroom.article, "ru").status_code == 302
    assert russian(newsroom.article).live is False


def test_editors_start_translations_into_every_language(client, newsroom):
    url = reverse("wagtail_localize:submit_page_translation", args=[newsroom.article.id])
    client.force_login(newsroom.editor)
    assert offered_locales(client.get(url, **EN)) == {locale(code).id for code in ("ru", "tr", "en")}
