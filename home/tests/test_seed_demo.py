"""The demo content command, checked as a developer and a visitor would see its result."""

import html
import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Revision, Site

from home import demo_content
from home.models import HomePage, OrganisationDetails, StandardPage
from news.models import NewsIndexPage, NewsPage

LANGUAGES = ("tk", "ru", "tr", "en")
CYRILLIC = re.compile(r"[А-Яа-яЁё]")
TURKMEN_LETTERS = set("äçňöşüýž")


@pytest.fixture(autouse=True)
def media_in_a_temporary_folder(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def seed_output(db):
    """Run the command once and return what it printed."""
    output = StringIO()
    call_command("seed_demo", stdout=output)
    return output.getvalue()


def live_pages_of(model, code):
    return model.objects.live().filter(locale__language_code=code)


def paragraph_text(page):
    return " ".join(block.value.source for block in page.body if block.block_type == "paragraph")


def object_counts():
    return {
        "pages": Page.objects.count(),
        "images": get_image_model().objects.count(),
        "users": get_user_model().objects.count(),
        "organisation details": OrganisationDetails.objects.count(),
        "sites": Site.objects.count(),
        "locales": Locale.objects.count(),
        "revisions": Revision.objects.count(),
    }


@pytest.mark.django_db
def test_default_site_root_is_the_live_turkmen_home_page(seed_output):
    site = Site.objects.get(is_default_site=True)
    root = site.root_page.specific
    assert isinstance(root, HomePage)
    assert root.live
    assert root.locale.language_code == "tk"
    assert (site.hostname, site.port, site.site_name) == ("localhost", 80, "Hak Hukuga Daýanç")


@pytest.mark.django_db
def test_wagtail_welcome_page_is_deleted(seed_output):
    assert not Page.objects.filter(title="Welcome to your new Wagtail site!").exists()


@pytest.mark.django_db
def test_each_language_has_a_live_home_page_sharing_one_translation_key(seed_output):
    homes = {code: live_pages_of(HomePage, code).get() for code in LANGUAGES}
    assert len({home.translation_key for home in homes.values()}) == 1
    assert len({home.title for home in homes.values()}) == 4


@pytest.mark.django_db
def test_each_language_has_about_news_and_privacy_pages_in_the_menu_under_its_home(seed_output):
    for code in LANGUAGES:
        home = live_pages_of(HomePage, code).get()
        children = {page.slug: page.specific for page in home.get_children().live().in_menu()}
        assert isinstance(children["about"], StandardPage), code
        assert isinstance(children["news"], NewsIndexPage), code
        assert isinstance(children["privacy"], StandardPage), code


@pytest.mark.django_db
def test_about_page_uses_headings_paragraphs_a_quote_an_image_and_a_link_to_the_news(seed_output):
    for code in LANGUAGES:
        about = live_pages_of(StandardPage, code).get(slug="about")
        blocks = {block.block_type: block.value for block in about.body}
        assert {"heading", "paragraph", "quote", "image", "call_to_action"} <= set(blocks), code
        assert blocks["image"]["alt_text"] and blocks["image"]["caption"], code
        assert blocks["call_to_action"]["page"].specific == live_pages_of(NewsIndexPage, code).get(), code


@pytest.mark.django_db
def test_privacy_page_names_the_address_to_write_to_for_deletion(seed_output):
    for code in LANGUAGES:
        privacy = live_pages_of(StandardPage, code).get(slug="privacy")
        assert demo_content.EMAIL in paragraph_text(privacy), code


@pytest.mark.django_db
def test_each_language_has_at_least_three_live_news_articles_with_an_image_and_alt_text(seed_output):
    for code in LANGUAGES:
        articles = list(live_pages_of(NewsPage, code))
        assert len(articles) >= 3, code
        for article in articles:
            assert article.summary and article.image and article.image_alt, (code, article.slug)
            assert article.image.width == 1600 and article.image.height == 900
            assert len(list(article.body)) >= 3, (code, article.slug)


@pytest.mark.django_db
def test_news_articles_of_all_languages_are_translations_of_the_turkmen_ones(seed_output):
    turkmen_keys = set(live_pages_of(NewsPage, "tk").values_list("translation_key", flat=True))
    for code in LANGUAGES:
        assert set(live_pages_of(NewsPage, code).values_list("translation_key", flat=True)) == turkmen_keys


@pytest.mark.django_db
def test_russian_article_is_written_in_cyrillic_and_turkmen_one_with_turkmen_letters(seed_output):
    russian = live_pages_of(NewsPage, "ru").first()
    turkmen = live_pages_of(NewsPage, "tk").first()
    assert CYRILLIC.search(paragraph_text(russian))
    assert TURKMEN_LETTERS & set(paragraph_text(turkmen))


@pytest.mark.django_db
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


@pytest.mark.django_db
def test_running_the_command_a_second_time_creates_nothing_new(seed_output):
    before = object_counts()
    call_command("seed_demo", stdout=StringIO())
    assert object_counts() == before


@pytest.mark.django_db
def test_admin_user_is_a_superuser_and_the_last_lines_tell_how_to_log_in(seed_output):
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.check_password("hhd-demo-admin")
    last_lines = seed_output.strip().splitlines()[-3:]
    assert "http://127.0.0.1:8000/admin/" in last_lines[0]
    assert "admin" in last_lines[1] and "hhd-demo-admin" in last_lines[2]


@pytest.mark.django_db
def test_no_user_is_created_when_demo_admin_is_not_allowed(settings):
    settings.HHD_DEMO_ADMIN_ALLOWED = False
    output = StringIO()
    call_command("seed_demo", stdout=output)
    assert not get_user_model().objects.exists()
    assert "HHD_DEMO_ADMIN_ALLOWED" in output.getvalue()
    assert "hhd-demo-admin" not in output.getvalue()


@pytest.mark.django_db
def test_no_user_is_created_with_the_no_admin_option():
    call_command("seed_demo", "--no-admin", stdout=StringIO())
    assert not get_user_model().objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("code", LANGUAGES)
def test_home_page_of_each_language_is_served_with_its_title(client, seed_output, code):
    response = client.get(f"/{code}/")
    assert response.status_code == 200
    assert demo_content.HOME_PAGE[code].title in html.unescape(response.content.decode())


@pytest.mark.django_db
def test_every_demo_page_is_served(client, seed_output):
    pages = Page.objects.live().filter(depth__gt=2)
    assert pages.count() == 4 * 6  # About, News, Privacy and three articles in four languages
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert page.title in html.unescape(response.content.decode()), page.url


def test_every_demo_text_exists_in_all_four_languages():
    for texts in (
        demo_content.HOME_PAGE,
        demo_content.ABOUT_PAGE,
        demo_content.NEWS_INDEX_PAGE,
        demo_content.PRIVACY_PAGE,
        demo_content.ORGANISATION,
        *(article.texts for article in demo_content.NEWS_ARTICLES),
        *(illustration.alt_text for illustration in demo_content.ILLUSTRATIONS.values()),
    ):
        assert set(texts) == set(LANGUAGES)


def test_latin_alphabet_texts_hide_no_cyrillic_look_alike_letters():
    for code in ("tk", "tr", "en"):
        texts = [
            repr(demo_content.HOME_PAGE[code]),
            repr(demo_content.ABOUT_PAGE[code]),
            repr(demo_content.NEWS_INDEX_PAGE[code]),
            repr(demo_content.PRIVACY_PAGE[code]),
            repr(demo_content.ORGANISATION[code]),
            *(repr(article.texts[code]) for article in demo_content.NEWS_ARTICLES),
            *(illustration.alt_text[code] for illustration in demo_content.ILLUSTRATIONS.values()),
        ]
        for text in texts:
            assert not CYRILLIC.search(text), (code, CYRILLIC.search(text))


def test_illustrations_are_1600_by_900_and_drawn_the_same_every_time():
    from io import BytesIO

    from PIL import Image

    for illustration in demo_content.ILLUSTRATIONS.values():
        data = demo_content.render_illustration(illustration)
        assert Image.open(BytesIO(data)).size == (1600, 900)
        assert data == demo_content.render_illustration(illustration)
