"""A four-language site with a news section, the editorial roles and the review workflow."""

import json
from dataclasses import dataclass, field
from urllib.parse import urlencode

import pytest
from django.test import Client, TestCase
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation

from home.factories import translate_page
from news.factories import NewsIndexPageFactory, NewsPageFactory

from .roles import (
    EDITOR_PERMISSIONS,
    MODERATOR_PERMISSIONS,
    TRANSLATOR_PERMISSIONS,
    editorial_review,
    make_group,
    make_user,
)

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


class CommittingClient(Client):
    """A test client after whose requests runs what the view left for after the commit of
    its transaction, as on the real server. wagtail-localize publishes that way
    (transaction.on_commit), and a test's own transaction never commits: without this, a
    translation published by mistake would look unpublished to these tests."""

    def request(self, **request):
        with TestCase.captureOnCommitCallbacks(execute=True):
            return super().request(**request)


@pytest.fixture
def client():
    return CommittingClient()


@dataclass
class Newsroom:
    """The site's pages and the people who work on them."""

    site_tree: object
    news: dict = field(default_factory=dict)  # language code -> news index
    article: Page | None = None  # a live Turkmen news article, not translated yet
    editor: object = None
    moderator: object = None
    translator: object = None  # translates into Russian
    workflow: object = None

    @property
    def homes(self):
        return self.site_tree.homes


@pytest.fixture
def newsroom(site_tree, django_user_model):
    root = Page.get_first_root_node()
    news_tk = NewsIndexPageFactory(parent=site_tree.homes["tk"])
    news_ru = translate_page(news_tk, "ru", title="Новости")
    article = NewsPageFactory(
        parent=news_tk, title="Pasport amnistiýasy", slug="pasport", summary="Konsullyk pasport berenok."
    )
    editors = make_group("Editors (tests)", EDITOR_PERMISSIONS, [(root, ["add_page", "change_page"])])
    moderators = make_group(
        "Moderators (tests)",
        MODERATOR_PERMISSIONS,
        [(root, ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"])],
    )
    translators = make_group(
        "Translators ru (tests)", TRANSLATOR_PERMISSIONS, [(site_tree.homes["ru"], ["change_page"])]
    )
    return Newsroom(
        site_tree=site_tree,
        news={"tk": news_tk, "ru": news_ru},
        article=article,
        editor=make_user(django_user_model, "editor", editors),
        moderator=make_user(django_user_model, "moderator", moderators),
        translator=make_user(django_user_model, "translator", translators),
        workflow=editorial_review(moderators),
    )


def locale(code):
    return Locale.objects.get(language_code=code)


def submit_page_translation(client, page, *codes, **data):
    """Start translating a page through wagtail-localize's "Translate this page" form."""
    return client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.id]),
        {"locales": [locale(code).id for code in codes], **data},
        **EN,
    )


def editor_props(client, instance):
    """The translation editor of a page or snippet: the data wagtail-localize's editor shows."""
    if isinstance(instance, Page):
        url = reverse("wagtailadmin_pages:edit", args=[instance.id])
    else:
        url = reverse(instance.snippet_viewset.get_url_name("edit"), args=[instance.pk])
    response = client.get(url, **EN)
    assert response.status_code == 200
    return json.loads(response.context["props"])


def translate_strings(client, instance, translations):
    """Type translations into the translation editor: ``{source text: translated text}``."""
    props = editor_props(client, instance)
    for segment in props["segments"]:
        if segment["type"] == "string" and segment["source"] in translations:
            response = client.put(
                segment["editUrl"],
                urlencode({"value": translations[segment["source"]]}),
                content_type="application/x-www-form-urlencoded; charset=utf-8",
                **EN,
            )
            assert response.status_code in (200, 201), response.content
    return props


def assert_refused(response):
    """Wagtail's admin answers a PermissionDenied with 403, or for pages by sending the user
    to the dashboard with an error."""
    assert response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    ), (response.status_code, response.get("Location"))


def russian(page):
    """The Russian translation of ``page``."""
    return Page.objects.get(translation_key=page.translation_key, locale=locale("ru")).specific


def approve(client, page):
    """The moderator approves the page's current task (Wagtail's workflow action view)."""
    page = Page.objects.get(pk=page.pk)
    task_state = page.current_workflow_task_state
    return client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.id, "approve", task_state.id]), **EN
    )


def submit_for_review(client, page):
    """The translator opens the translation editor and clicks "Submit for review" below it."""
    editor_props(client, page)
    return client.post(reverse("translations:submit_for_review", args=[translation_of(page).id]), **EN)


def publish_in_editor(client, page):
    """The translation editor's "Publish in <language>" (wagtail-localize's own view)."""
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.id]), {"action": "publish"}, **EN)


@pytest.fixture
def published_translation(client, newsroom):
    """The article's Russian translation, published by a moderator from the translation editor."""
    client.force_login(newsroom.editor)
    submit_page_translation(client, newsroom.article, "ru")
    client.force_login(newsroom.translator)
    translate_strings(
        client,
        russian(newsroom.article),
        {"Pasport amnistiýasy": "Паспортная амнистия", "Konsullyk pasport berenok.": "Консульство молчит."},
    )
    client.force_login(newsroom.moderator)
    assert publish_in_editor(client, russian(newsroom.article)).status_code == 302
    page = russian(newsroom.article)
    assert page.live and page.title == "Паспортная амнистия"
    client.logout()
    return page


def change_source(article, summary):
    """An editor changes the Turkmen article and a moderator publishes it."""
    article.refresh_from_db()
    article.summary = summary
    article.save_revision().publish()


def public_text(client, page):
    page.refresh_from_db()
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def translation_of(page):
    """The wagtail-localize translation whose target is ``page``."""
    return Translation.objects.get(source__object_id=page.translation_key, target_locale=page.locale)
