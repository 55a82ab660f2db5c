"""The demo content command, checked as a developer and a visitor would see its result.

Running the command takes seconds, so the ``demo_content`` fixture (tests/fixtures.py) runs it
once per test process and puts its rows back from a snapshot for each test, inside the test's
transaction: what one test changes, for instance by running the command again, is undone
before the next.
"""

import html
import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Revision, Site

from demo import texts as demo_content
from demo import texts as news_content
from demo.illustrations import render_illustration
from home.models import HomePage, OrganisationDetails, StandardPage
from news.models import NewsIndexPage, NewsPage, StatementPage, Topic

LANGUAGES = ("tk", "ru", "tr", "en")
CYRILLIC = re.compile(r"[А-Яа-яЁё]")
TURKMEN_LETTERS = set("äçňöşüýž")
STATEMENT = news_content.PASSPORT_AMNESTY_STATEMENT


@pytest.fixture
def seed_output(demo_content):
    """The seeded site, for one test (in its transaction), and what the command printed."""
    return demo_content


def live_pages_of(model, code):
    return model.objects.live().filter(locale__language_code=code)


def paragraph_text(page):
    return " ".join(block.value.source for block in page.body if block.block_type == "paragraph")


def object_counts():
    return {
        "pages": Page.objects.count(),
        "news pages": NewsPage.objects.count(),
        "statement pages": StatementPage.objects.count(),
        "topics": Topic.objects.count(),
        "images": get_image_model().objects.count(),
        "users": get_user_model().objects.count(),
        "organisation details": OrganisationDetails.objects.count(),
        "sites": Site.objects.count(),
        "locales": Locale.objects.count(),
        "revisions": Revision.objects.count(),
    }


def run_command(*args):
    output = StringIO()
    call_command("seed_demo", "--no-admin", *args, stdout=output)
    return output.getvalue()


# --- Site and pages --------------------------------------------------------------


def test_default_site_is_on_the_public_address_its_root_the_live_turkmen_home_page(seed_output):
    site = Site.objects.get(is_default_site=True)
    root = site.root_page.specific
    assert isinstance(root, HomePage)
    assert root.live
    assert root.locale.language_code == "tk"
    # SITE_URL of the test settings, http://testserver: Wagtail's own full URLs (and a CDN's
    # purges) then name the public address, not localhost.
    assert (site.hostname, site.port, site.site_name) == ("testserver", 80, "Hak Hukuga Daýanç")
    assert site.root_url == "http://testserver"
    assert not Page.objects.filter(title="Welcome to your new Wagtail site!").exists()


def test_each_language_has_a_live_home_page_sharing_one_translation_key(seed_output):
    homes = {code: live_pages_of(HomePage, code).get() for code in LANGUAGES}
    assert len({home.translation_key for home in homes.values()}) == 1
    assert len({home.title for home in homes.values()}) == 4


def test_each_language_has_about_news_and_privacy_pages_in_the_menu_under_its_home(seed_output):
    for code in LANGUAGES:
        home = live_pages_of(HomePage, code).get()
        children = {page.slug: page.specific for page in home.get_children().live().in_menu()}
        assert isinstance(children["about"], StandardPage), code
        assert isinstance(children["news"], NewsIndexPage), code
        assert isinstance(children["privacy"], StandardPage), code


def test_about_page_uses_headings_paragraphs_a_quote_an_image_and_a_link_to_the_news(seed_output):
    for code in LANGUAGES:
        about = live_pages_of(StandardPage, code).get(slug="about")
        blocks = {block.block_type: block.value for block in about.body}
        assert {"heading", "paragraph", "quote", "image", "call_to_action"} <= set(blocks), code
        assert blocks["image"]["alt_text"] and blocks["image"]["caption"], code
        assert blocks["call_to_action"]["page"].specific == live_pages_of(NewsIndexPage, code).get(), code


def test_privacy_page_names_the_address_to_write_to_for_deletion(seed_output):
    for code in LANGUAGES:
        privacy = live_pages_of(StandardPage, code).get(slug="privacy")
        assert demo_content.EMAIL in paragraph_text(privacy), code


def test_organisation_details_exist_in_every_language_under_one_translation_key(seed_output):
    details = {record.locale.language_code: record for record in OrganisationDetails.objects.all()}
    assert set(details) == set(LANGUAGES)
    assert len({record.translation_key for record in details.values()}) == 1
    for record in details.values():
        assert record.name == "Hak Hukuga Daýanç"
        assert record.email == "hakhukugadayanc@gmail.com"
        assert record.youtube_handle == "@hakhukugadayanc7641"
        assert record.tiktok_handle == "@hakhukugadayanc"
    assert details["en"].tagline == "Reliance on Rights and Law"
    assert len({record.tagline for record in details.values()}) == 4


# --- News, statements and topics ---------------------------------------------------


def test_each_language_has_live_news_articles_and_a_statement_with_an_image_alt_text_and_source(seed_output):
    for code in LANGUAGES:
        news = list(live_pages_of(NewsPage, code))
        statements = list(live_pages_of(StatementPage, code))
        assert len(news) >= 4 and len(statements) >= 1, code
        for article in news + statements:
            assert article.summary and article.image and article.image_alt, (code, article.slug)
            assert article.source, (code, article.slug)
            assert article.image.width == 1600 and article.image.height == 900
            assert len(list(article.body)) >= 3, (code, article.slug)


def test_articles_and_statements_of_all_languages_are_translations_of_the_turkmen_ones(seed_output):
    for model in (NewsPage, StatementPage):
        turkmen_keys = set(live_pages_of(model, "tk").values_list("translation_key", flat=True))
        for code in LANGUAGES:
            assert set(live_pages_of(model, code).values_list("translation_key", flat=True)) == turkmen_keys


def test_russian_article_is_written_in_cyrillic_and_turkmen_one_with_turkmen_letters(seed_output):
    russian = live_pages_of(NewsPage, "ru").first()
    turkmen = live_pages_of(NewsPage, "tk").first()
    assert CYRILLIC.search(paragraph_text(russian))
    assert TURKMEN_LETTERS & set(paragraph_text(turkmen))


def test_each_topic_exists_in_four_languages_under_one_translation_key(seed_output):
    assert Topic.objects.count() == 4 * len(news_content.TOPICS)
    for texts in news_content.TOPICS.values():
        turkmen = Topic.objects.get(locale__language_code="tk", slug=texts["tk"].slug)
        translations = {
            topic.locale.language_code: topic
            for topic in Topic.objects.filter(translation_key=turkmen.translation_key)
        }
        assert set(translations) == set(LANGUAGES)
        for code, topic in translations.items():
            assert (topic.name, topic.slug) == (texts[code].name, texts[code].slug)


def test_every_article_is_filed_under_the_topics_of_its_own_language(seed_output):
    pages = list(NewsPage.objects.live()) + list(StatementPage.objects.live())
    assert len(pages) == 4 * (len(news_content.NEWS_ARTICLES) + len(news_content.STATEMENTS))
    keys_of_turkmen_page = {
        page.translation_key: {topic.translation_key for topic in page.topics.all()}
        for page in pages
        if page.locale.language_code == "tk"
    }
    for page in pages:
        topics = list(page.topics.all())
        assert topics, page.url_path
        assert {topic.locale_id for topic in topics} == {page.locale_id}, page.url_path
        assert {topic.translation_key for topic in topics} == keys_of_turkmen_page[page.translation_key]


def test_founding_article_is_about_passports_residence_permits_and_deportation(seed_output):
    founding = news_content.FOUNDING_ARTICLE
    for code in LANGUAGES:
        page = live_pages_of(NewsPage, code).get(slug=founding.texts[code].slug)
        expected = {news_content.TOPICS[key][code].slug for key in founding.topics}
        assert set(page.topics.values_list("slug", flat=True)) == expected, code
    assert set(founding.topics) == {"passports", "residence-permits", "deportation"}


def test_passport_amnesty_appeal_is_a_statement_in_four_languages_with_no_invented_cosigners(seed_output):
    for code in LANGUAGES:
        text = STATEMENT.texts[code]
        statement = live_pages_of(StatementPage, code).get(slug=text.slug)
        assert statement.title == text.title
        assert statement.addressee == STATEMENT.addressee[code]
        assert statement.source == news_content.SOURCES["defenders"][code]
        assert set(statement.topics.values_list("slug", flat=True)) == {
            news_content.TOPICS["passports"][code].slug,
            news_content.TOPICS["freedom-of-movement"][code].slug,
        }
        assert not statement.cosigners.exists()
        assert not NewsPage.objects.filter(slug=text.slug).exists()


def test_each_home_page_features_the_statement_in_its_own_language(client, seed_output):
    for code in LANGUAGES:
        home = live_pages_of(HomePage, code).get()
        statement = live_pages_of(StatementPage, code).get()
        assert home.featured_page_id == statement.pk, code
    response = client.get("/tr/")
    assert response.context["featured"] == live_pages_of(StatementPage, "tr").get()


def test_news_index_of_each_language_lists_at_least_five_items_including_the_statement(client, seed_output):
    for code in LANGUAGES:
        response = client.get(f"/{code}/news/")
        assert response.status_code == 200, code
        assert len(response.context["articles"]) >= 5, code
        assert STATEMENT.texts[code].title in html.unescape(response.content.decode()), code


# --- Visitors ----------------------------------------------------------------------


@pytest.mark.parametrize("code", LANGUAGES)
def test_home_page_of_each_language_is_served_with_its_title(client, seed_output, code):
    response = client.get(f"/{code}/")
    assert response.status_code == 200
    assert demo_content.HOME_PAGE[code].title in html.unescape(response.content.decode())


def test_every_demo_page_is_served(client, seed_output):
    pages = Page.objects.live().filter(depth__gt=2)
    articles = len(news_content.NEWS_ARTICLES) + len(news_content.STATEMENTS)
    campaigns = 1  # the passport amnesty appeal
    donations = 1  # the donation page
    newsletter = 1  # the newsletter's subscribe page
    contact = 2  # the contact page and the "Ask for help" page
    mirrors = 1  # the mirrors page
    # About, News, Privacy, the articles, the campaign, donation, newsletter, contact and mirrors
    # pages, in 4 languages
    assert pages.count() == 4 * (3 + articles + campaigns + donations + newsletter + contact + mirrors)
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert page.title in html.unescape(response.content.decode()), page.url


# --- Running it again, and the admin account --------------------------------------


def test_running_the_command_a_second_time_creates_nothing_new(seed_output):
    before = object_counts()
    run_command()
    assert object_counts() == before


def test_the_demo_admin_is_refused_on_a_database_other_than_developments_sqlite_file(seed_output):
    """Its password is published: a PostgreSQL database (shared, staging, production) never gets it."""
    get_user_model().objects.all().delete()
    with pytest.raises(CommandError, match="embedded SQLite") as refusal:
        call_command("seed_demo", stdout=StringIO())
    assert "postgresql" in str(refusal.value)
    assert "create_admin" in str(refusal.value)
    assert not get_user_model().objects.exists()


def test_the_demo_admin_is_refused_when_the_settings_do_not_allow_it(settings, seed_output):
    get_user_model().objects.all().delete()
    settings.HHD_DEMO_ADMIN_ALLOWED = False
    with pytest.raises(CommandError, match="HHD_DEMO_ADMIN_ALLOWED"):
        call_command("seed_demo", stdout=StringIO())
    assert not get_user_model().objects.exists()


def test_no_user_is_created_with_the_no_admin_option(seed_output):
    get_user_model().objects.all().delete()
    run_command("--no-admin")
    assert not get_user_model().objects.exists()


# --- The texts themselves (no database) ----------------------------------------------


def all_article_texts():
    return [article.texts for article in news_content.NEWS_ARTICLES + news_content.STATEMENTS]


def test_every_demo_text_exists_in_all_four_languages():
    for texts in (
        demo_content.HOME_PAGE,
        demo_content.ABOUT_PAGE,
        demo_content.NEWS_INDEX_PAGE,
        demo_content.PRIVACY_PAGE,
        demo_content.ORGANISATION,
        demo_content.MIRRORS_PAGE,
        *all_article_texts(),
        *news_content.TOPICS.values(),
        *news_content.SOURCES.values(),
        *(statement.addressee for statement in news_content.STATEMENTS),
        *(illustration.alt_text for illustration in demo_content.ILLUSTRATIONS.values()),
    ):
        assert set(texts) == set(LANGUAGES)


def test_articles_name_only_known_topics_sources_and_illustrations():
    for article in news_content.NEWS_ARTICLES + news_content.STATEMENTS:
        assert article.topics and set(article.topics) <= set(news_content.TOPICS)
        assert article.source in news_content.SOURCES
        assert article.illustration in demo_content.ILLUSTRATIONS


def test_topic_slugs_are_plain_ascii_and_unique_in_each_language():
    for code in LANGUAGES:
        slugs = [texts[code].slug for texts in news_content.TOPICS.values()]
        assert len(set(slugs)) == len(slugs), code
        for slug in slugs:
            assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug), (code, slug)


def test_latin_alphabet_texts_hide_no_cyrillic_look_alike_letters():
    for code in ("tk", "tr", "en"):
        texts = [
            repr(demo_content.HOME_PAGE[code]),
            repr(demo_content.ABOUT_PAGE[code]),
            repr(demo_content.NEWS_INDEX_PAGE[code]),
            repr(demo_content.PRIVACY_PAGE[code]),
            repr(demo_content.ORGANISATION[code]),
            repr(demo_content.MIRRORS_PAGE[code]),
            *(repr(texts[code]) for texts in all_article_texts()),
            *(repr(texts[code]) for texts in news_content.TOPICS.values()),
            *(texts[code] for texts in news_content.SOURCES.values()),
            *(statement.addressee[code] for statement in news_content.STATEMENTS),
            *(illustration.alt_text[code] for illustration in demo_content.ILLUSTRATIONS.values()),
        ]
        for text in texts:
            assert not CYRILLIC.search(text), (code, CYRILLIC.search(text))


def test_illustrations_are_1600_by_900_and_drawn_the_same_every_time():
    from io import BytesIO

    from PIL import Image

    for illustration in demo_content.ILLUSTRATIONS.values():
        data = render_illustration(illustration)
        assert Image.open(BytesIO(data)).size == (1600, 900)
        assert data == render_illustration(illustration)


def test_the_build_log_leaves_the_console_but_not_the_other_log_handlers(tmp_path):
    import logging

    from demo.console import console_log_level

    console_text, file_path = StringIO(), tmp_path / "build.log"
    console, log_file = logging.StreamHandler(console_text), logging.FileHandler(file_path)
    root = logging.getLogger()
    root.addHandler(console)
    root.addHandler(log_file)
    try:
        with console_log_level(logging.WARNING):
            logging.getLogger("wagtail").info("page revision saved")
            logging.getLogger("demo").warning("an illustration could not be drawn")
        logging.getLogger("wagtail").info("served afterwards")
        with console_log_level(logging.NOTSET):  # seed_demo -v 2: everything, as before
            logging.getLogger("wagtail").info("with -v 2")
    finally:
        root.removeHandler(console)
        root.removeHandler(log_file)
        log_file.close()
    assert console_text.getvalue().splitlines() == [
        "an illustration could not be drawn",
        "served afterwards",
        "with -v 2",
    ]
    assert "page revision saved" in file_path.read_text()


def test_the_summary_says_where_mail_goes(settings):
    from demo.console import mail_destination

    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    assert mail_destination().startswith("printed in the terminal that runs the server")
    settings.EMAIL_BACKEND, settings.EMAIL_HOST, settings.EMAIL_PORT = (
        "django.core.mail.backends.smtp.EmailBackend",
        "mail.example.org",
        587,
    )
    assert mail_destination() == "sent through the SMTP server mail.example.org:587."
