"""What a volunteer editor meets in the admin: every field explained in plain words, the admin in
Turkmen, Russian, Turkish or English, and a new page that already has the right language and today's date."""

import datetime
import re

import pytest
from django.core.exceptions import FieldDoesNotExist
from django.urls import get_resolver, reverse
from django.utils import timezone, translation
from django.utils.functional import Promise
from wagtail import blocks
from wagtail.admin.panels import get_edit_handler
from wagtail.admin.viewsets import viewsets
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.fields import StreamField
from wagtail.models import Locale, Page, get_page_models
from wagtail.snippets.models import get_snippet_models
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield
from wagtail.users.models import UserProfile

from campaigns.factories import CampaignPageFactory
from campaigns.models import CampaignPage
from home.models import StandardPage
from news.factories import NewsIndexPageFactory, NewsPageFactory
from news.models import NewsPage

OUR_APPS = {
    "home",
    "news",
    "campaigns",
    "newsletter",
    "donations",
    "contact",
    "safety",
    "search",
    "staff",
    "telegram",
    "translations",
    "mirrors",
    "mirrorlist",
    "readership",
}


# --- Every field an editor reaches has a help text and a translated label ----------------------------


def edit_handlers():
    """(model, bound edit handler) of every page type, snippet, setting and model viewset of our apps."""
    get_resolver().url_patterns  # noqa: B018 - loading the admin URLs registers the viewsets
    handlers = {}
    for model in get_page_models():
        if model._meta.app_label in OUR_APPS:
            handlers[model] = model.get_edit_handler()
    for model in get_snippet_models():
        if model._meta.app_label in OUR_APPS:
            handlers[model] = model.snippet_viewset.get_edit_handler()
    for model in settings_registry:
        if model._meta.app_label in OUR_APPS:
            handlers[model] = get_edit_handler(model)
    for viewset in viewsets.viewsets:
        model = getattr(viewset, "model", None)
        if not isinstance(model, type):
            continue  # no model, or one named by a string (Wagtail's own chooser viewsets)
        if model._meta.app_label in OUR_APPS and model not in handlers:
            handler = viewset.get_edit_handler() if hasattr(viewset, "get_edit_handler") else None
            if handler is not None:
                handlers[model] = handler
    return handlers


def form_fields(model, options):
    """The model fields that a panel's form options put on the form, inline formsets included."""
    for name in options.get("fields", []):
        try:
            yield model._meta.get_field(name)
        except FieldDoesNotExist:
            continue  # a form-only field: not a model field
    for relation, formset_options in (options.get("formsets") or {}).items():
        yield from form_fields(model._meta.get_field(relation).related_model, formset_options)


def editor_fields():
    """Every model field an editor can fill in, by label ``app.Model.field``."""
    fields = {}
    for model, handler in edit_handlers().items():
        for field in form_fields(model, handler.get_form_options()):
            owner = model if field.model._meta.abstract else field.model
            fields[f"{owner._meta.label}.{field.name}"] = field
    return fields


def is_ours(field):
    return field.model._meta.app_label in OUR_APPS


def test_the_walk_reaches_the_pages_snippets_and_admin_forms_of_every_app():
    reached = editor_fields()
    models = {label.rsplit(".", 1)[0] for label in reached}
    assert {
        "home.HomePage",
        "home.StandardPage",
        "home.OrganisationDetails",
        "news.NewsPage",
        "news.StatementPage",
        "news.StatementCosigner",
        "news.NewsIndexPage",
        "news.Topic",
        "campaigns.CampaignPage",
        "campaigns.CampaignUpdate",
        "newsletter.NewsletterPage",
        "newsletter.NewsletterIssue",
        "newsletter.NewsletterIssueArticle",
        "donations.DonationPage",
        "donations.BankAccount",
        "donations.Pledge",
    } <= models
    # Fields on the settings tab and inside inline panels are reached too.
    assert {"campaigns.CampaignPage.retention_days", "news.StatementCosigner.url"} <= set(reached)
    assert {"donations.Pledge.received_on", "wagtailcore.Page.seo_title"} <= set(reached)


def test_every_field_an_editor_fills_in_says_in_plain_words_what_goes_there():
    missing = [label for label, field in editor_fields().items() if is_ours(field) and not field.help_text]
    assert missing == [], f"fields without a help text: {missing}"


def test_every_help_text_and_label_of_our_fields_is_translatable():
    untranslatable = []
    for label, field in editor_fields().items():
        if not is_ours(field):
            continue
        if not isinstance(field.help_text, Promise):
            untranslatable.append(f"{label} (help text)")
        # Django makes "image alt" out of image_alt: never translated. A given label is either
        # marked for translation or a name that needs none (IBAN, SWIFT/BIC).
        derived = field.name.replace("_", " ")
        if not isinstance(field.verbose_name, Promise) and field.verbose_name == derived:
            untranslatable.append(f"{label} (label)")
    assert untranslatable == [], untranslatable


# Words a language writes as English does.
SAME_AS_ENGLISH = {"tk": {"donations.BankAccount.bank (label)"}}  # "Bank"


@pytest.mark.parametrize("language", ["tk", "ru", "tr"])
def test_our_help_texts_and_labels_read_in_the_admin_languages(language):
    english = {}
    for label, field in editor_fields().items():
        if is_ours(field) and isinstance(field.help_text, Promise):
            with translation.override("en"):
                english[label] = (str(field.help_text), str(field.verbose_name))
    untranslated = []
    with translation.override(language):
        for label, field in editor_fields().items():
            if label in english:
                help_text, verbose_name = str(field.help_text), str(field.verbose_name)
                if help_text == english[label][0]:
                    untranslated.append(f"{label} (help text)")
                if isinstance(field.verbose_name, Promise) and verbose_name == english[label][1]:
                    untranslated.append(f"{label} (label)")
    untranslated = [found for found in untranslated if found not in SAME_AS_ENGLISH.get(language, set())]
    assert untranslated == [], untranslated


@pytest.mark.parametrize("language", ["tk", "ru", "tr"])
def test_wagtails_own_page_fields_show_their_help_texts_translated(language):
    wagtail_fields = {label: field for label, field in editor_fields().items() if not is_ours(field)}
    assert {
        "wagtailcore.Page.title",
        "wagtailcore.Page.slug",
        "wagtailcore.Page.seo_title",
        "wagtailcore.Page.search_description",
        "wagtailcore.Page.show_in_menus",
    } <= set(wagtail_fields)
    untranslated = []
    for label, field in wagtail_fields.items():
        if not field.help_text:
            continue  # go_live_at / expire_at: Wagtail explains scheduling in its own dialog
        with translation.override("en"):
            english = str(field.help_text)
        with translation.override(language):
            if str(field.help_text) == english:
                untranslated.append(label)
    assert untranslated == [], untranslated


def stream_blocks(block, path):
    """(path, block) of every block inside a StreamField's block, depth first."""
    for name, child in getattr(block, "child_blocks", {}).items():
        yield f"{path}.{name}", child
        yield from stream_blocks(child, f"{path}.{name}")
    if isinstance(block, blocks.ListBlock):
        yield f"{path}.item", block.child_block
        yield from stream_blocks(block.child_block, f"{path}.item")


def help_text_of(block):
    """The help text the block's form shows (a field block's is its form field's)."""
    if isinstance(block, blocks.FieldBlock):
        return block.field.help_text
    return getattr(block.meta, "help_text", "")


def test_every_block_of_the_body_fields_has_a_translated_label_and_its_inputs_a_help_text():
    offenders = []
    streams = {label: field for label, field in editor_fields().items() if isinstance(field, StreamField)}
    assert {"news.NewsPage.body", "donations.DonationPage.impact"} <= set(streams)
    for label, field in streams.items():
        for path, block in stream_blocks(field.stream_block, label):
            if not isinstance(block.label, Promise):
                offenders.append(f"{path} (label)")
            is_group = isinstance(block, (blocks.StructBlock, blocks.StreamBlock, blocks.ListBlock))
            if not is_group and not help_text_of(block):
                offenders.append(f"{path} (help text)")
    assert offenders == [], offenders


# --- The admin in the editor's language ----------------------------------------------------------------

# One help text of ours and one piece of Wagtail's own interface, per admin language.
NEWS_HELP = {
    "en": "One or two sentences shown in lists, feeds and when the page is shared.",
    "ru": "Одно-два предложения, которые показываются в списках, в лентах RSS/Atom и при публикации "
    "ссылки на страницу.",
    "tr": "Listelerde, RSS/Atom akışlarında ve sayfa paylaşıldığında gösterilen bir iki cümle.",
}
CAMPAIGN_HELP = {
    "en": "Describe the image for people who cannot see it.",
    "ru": "Опишите изображение для тех, кто не может его увидеть.",
    "tr": "Görseli göremeyen kişiler için betimleyin.",
}
NEWS_LABEL = {"en": "Summary", "ru": "Краткое содержание", "tr": "Özet"}
CAMPAIGN_LABEL = {"en": "Signature goal", "ru": "Цель по подписям", "tr": "İmza hedefi"}
WAGTAIL_CHROME = {"en": "Save draft", "ru": "Сохранить черновик", "tr": "Taslağı kaydet"}


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("editor", "editor@example.org", "x" * 16)


@pytest.fixture
def edited_pages(site_tree):
    index = NewsIndexPageFactory(parent=site_tree.homes["tk"])
    return {
        "news": NewsPageFactory(parent=index, title="Pasport habary"),
        "campaign": CampaignPageFactory(parent=site_tree.homes["tk"]),
    }


def edit_view(client, page, **headers):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]), **headers)
    assert response.status_code == 200
    return response.content.decode()


def label_of(html, field_name):
    """The text of the <label> of a form field, whitespace collapsed."""
    match = re.search(rf'<label[^>]*for="id_{field_name}"[^>]*>(.*?)</label>', html, re.S)
    assert match, f"no label for {field_name}"
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split())


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ru", "tr", "en"])
def test_the_edit_views_speak_the_browsers_language(client, superuser, edited_pages, language):
    client.force_login(superuser)
    others = [code for code in ("ru", "tr", "en") if code != language]

    news = edit_view(client, edited_pages["news"], HTTP_ACCEPT_LANGUAGE=language)
    assert f'lang="{language}"' in news
    assert NEWS_HELP[language] in news
    assert label_of(news, "summary").startswith(NEWS_LABEL[language])
    assert WAGTAIL_CHROME[language] in news
    assert not any(NEWS_HELP[other] in news for other in others)

    campaign = edit_view(client, edited_pages["campaign"], HTTP_ACCEPT_LANGUAGE=language)
    assert CAMPAIGN_HELP[language] in campaign
    assert label_of(campaign, "goal").startswith(CAMPAIGN_LABEL[language])
    assert WAGTAIL_CHROME[language] in campaign
    assert not any(CAMPAIGN_HELP[other] in campaign for other in others)


@pytest.mark.django_db
@pytest.mark.parametrize(("preferred", "browser"), [("tr", "ru"), ("ru", "en"), ("en", "tr")])
def test_the_editors_own_admin_language_wins_over_the_browsers(
    client, superuser, edited_pages, preferred, browser
):
    profile = UserProfile.get_for_user(superuser)
    profile.preferred_language = preferred
    profile.save()
    client.force_login(superuser)

    news = edit_view(client, edited_pages["news"], HTTP_ACCEPT_LANGUAGE=browser)
    campaign = edit_view(client, edited_pages["campaign"], HTTP_ACCEPT_LANGUAGE=browser)

    assert NEWS_HELP[preferred] in news and NEWS_HELP[browser] not in news
    assert CAMPAIGN_HELP[preferred] in campaign and CAMPAIGN_HELP[browser] not in campaign
    assert WAGTAIL_CHROME[preferred] in news and WAGTAIL_CHROME[preferred] in campaign


# --- A new page starts with sensible values -------------------------------------------------------------


def input_value(html, name):
    """The value of the <input> with this name."""
    tag = re.search(rf'<input[^>]*name="{re.escape(name)}"[^>]*>', html)
    assert tag, f"no input {name}"
    value = re.search(r'value="([^"]*)"', tag.group(0))
    return value.group(1) if value else ""


def around_today(read):
    """What ``read()`` returns, and the dates it may rightly show if midnight passes meanwhile."""
    before = timezone.localdate()
    value = read()
    return value, {before.isoformat(), timezone.localdate().isoformat()}


@pytest.mark.django_db
def test_a_new_article_is_dated_today_and_takes_the_language_of_its_news_index(client, superuser, site_tree):
    index = NewsIndexPageFactory(parent=site_tree.homes["ru"], title="Новости")
    client.force_login(superuser)
    add_url = reverse("wagtailadmin_pages:add", args=["news", "newspage", index.pk])

    form, today = around_today(lambda: client.get(add_url, HTTP_ACCEPT_LANGUAGE="en").content.decode())
    date = input_value(form, "date")
    assert date in today

    response = client.post(
        add_url,
        nested_form_data(
            {
                "title": "Паспортная амнистия",
                "slug": "pasportnaya-amnistiya",
                "date": date,
                "summary": "",
                "image_alt": "",
                "source": "",
                "body": streamfield([]),
                "comments": inline_formset([]),
            }
        ),
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    article = NewsPage.objects.get(slug="pasportnaya-amnistiya")
    assert article.locale == Locale.objects.get(language_code="ru") == index.locale
    assert article.get_parent().specific == index
    assert article.date == datetime.date.fromisoformat(date)
    assert not article.live  # saved as a draft


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["tk", "ru", "tr", "en"])
def test_a_page_added_under_a_languages_home_page_is_in_that_language(client, superuser, site_tree, language):
    home = site_tree.homes[language]
    client.force_login(superuser)
    add_url = reverse("wagtailadmin_pages:add", args=["home", "standardpage", home.pk])

    response = client.post(
        add_url,
        nested_form_data(
            {
                "title": f"Täze sahypa {language}",
                "slug": "taze-sahypa",
                "intro": "",
                "body": streamfield([]),
                "comments": inline_formset([]),
            }
        ),
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    page = StandardPage.objects.get(title=f"Täze sahypa {language}")
    assert page.locale.language_code == language
    assert page.locale == home.locale
    assert Page.objects.get(pk=page.pk).get_parent().pk == home.pk


@pytest.mark.django_db
def test_a_new_campaign_update_is_dated_today(client, superuser, site_tree):
    client.force_login(superuser)
    add_url = reverse("wagtailadmin_pages:add", args=["campaigns", "campaignpage", site_tree.homes["tr"].pk])

    form, today = around_today(lambda: client.get(add_url, HTTP_ACCEPT_LANGUAGE="en").content.decode())

    # The inline panel's template for a new update (the __prefix__ form) carries today's date.
    assert input_value(form, "updates-__prefix__-date") in today
    assert CampaignPage._meta.get_field("goal").default == 10_000
    assert input_value(form, "goal") == "10000"
