"""Each page is indexed with the stemmer of its own language, and rebuilding keeps that."""

from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.db import connection
from modelsearch.conf import get_app_config
from wagtail.models import Page

from search.backends.postgres import LanguagePostgresSearchBackend
from search.languages import search_config_for_language, search_configs_of

from .pages import text_page

pytestmark = pytest.mark.django_db


def indexed_lexemes(page):
    """The lexemes of a page's body in the search index, read with raw SQL."""
    table = get_app_config().get_model("IndexEntry")._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT tsvector_to_array(body) FROM {table} WHERE object_id = %s",  # noqa: S608
            [str(page.pk)],
        )
        rows = cursor.fetchall()
    assert len(rows) == 1, rows
    return set(rows[0][0])


@pytest.fixture
def pages_in_four_languages(site_tree):
    return {
        "ru": text_page(site_tree.homes["ru"], "Документы", "Выдача паспортов и продление паспорта."),
        "tk": text_page(site_tree.homes["tk"], "Resminamalar", "Ýaşaýyş ygtyýarnama we hukuklaryň goragy."),
        "tr": text_page(site_tree.homes["tr"], "Belgeler", "Pasaportları yenilemek için başvurular."),
        "en": text_page(site_tree.homes["en"], "Documents", "Renewing passports and residence permits."),
    }


def test_russian_page_is_indexed_with_the_russian_stemmer(pages_in_four_languages):
    lexemes = indexed_lexemes(pages_in_four_languages["ru"])
    assert "паспорт" in lexemes
    assert "паспортов" not in lexemes
    assert "паспорта" not in lexemes


def test_turkmen_page_is_indexed_word_for_word_in_lower_case(pages_in_four_languages):
    lexemes = indexed_lexemes(pages_in_four_languages["tk"])
    assert {"ýaşaýyş", "ygtyýarnama", "hukuklaryň", "goragy", "we"} <= lexemes


def test_turkish_and_english_pages_are_indexed_with_their_stemmers(pages_in_four_languages):
    assert "pasaport" in indexed_lexemes(pages_in_four_languages["tr"])
    english = indexed_lexemes(pages_in_four_languages["en"])
    assert {"passport", "resid", "permit"} <= english
    assert "and" not in english  # an English stop word


def index_snapshot():
    """Every index entry's title and body vectors, by content type and object id."""
    table = get_app_config().get_model("IndexEntry")._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT content_type_id, object_id, title::text, body::text FROM {table}")  # noqa: S608
        return {(row[0], row[1]): row[2:] for row in cursor.fetchall()}


def test_rebuilding_the_index_keeps_every_entry_with_its_languages_stemmer(pages_in_four_languages):
    before = index_snapshot()

    call_command("update_index", verbosity=0)

    after = index_snapshot()
    # Nothing is wiped and every page gets the same vectors again (objects that were never
    # indexed, such as Wagtail's root page made by a migration, may be added).
    assert {key: after.get(key) for key in before} == before
    assert "паспорт" in indexed_lexemes(pages_in_four_languages["ru"])
    assert "hukuklaryň" in indexed_lexemes(pages_in_four_languages["tk"])
    assert "passport" in indexed_lexemes(pages_in_four_languages["en"])


def test_search_without_a_language_as_in_the_admin_finds_any_form_in_any_language(
    pages_in_four_languages,
):
    # No SEARCH_CONFIG: a term matches under the stemmer of any of the site's languages.
    assert set(Page.objects.search("паспорта")) == {pages_in_four_languages["ru"].page_ptr}
    assert set(Page.objects.search("ÝAŞAÝYŞ")) == {pages_in_four_languages["tk"].page_ptr}
    assert set(Page.objects.search("passport")) == {pages_in_four_languages["en"].page_ptr}


def test_the_postgresql_database_selects_the_per_language_backend():
    from modelsearch.backends import get_search_backend

    assert isinstance(get_search_backend("default"), LanguagePostgresSearchBackend)
    assert get_search_backend("default", SEARCH_CONFIG="russian").config == "russian"


@pytest.mark.parametrize(
    ("language_code", "config"),
    [
        ("tk", "simple"),
        ("ru", "russian"),
        ("tr", "turkish"),
        ("en", "english"),
        ("en-gb", "english"),
        ("de", "simple"),
        ("", "simple"),
        (None, "simple"),
    ],
)
def test_each_language_has_its_text_search_configuration(language_code, config):
    assert search_config_for_language(language_code) == config


def test_objects_without_a_language_are_indexed_word_for_word(site_tree):
    image_like = SimpleNamespace(title="Photo")
    assert search_configs_of([site_tree.about["ru"], image_like, site_tree.homes["en"]]) == [
        "russian",
        "simple",
        "english",
    ]


def test_working_out_the_languages_of_many_pages_takes_one_query(site_tree, django_assert_num_queries):
    pages = list(Page.objects.filter(depth__gt=1))
    with django_assert_num_queries(1):
        search_configs_of(pages)
