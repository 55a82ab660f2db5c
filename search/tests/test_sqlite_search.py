"""Search on the embedded SQLite database of the README's first command finds inflected words
and marks them, as PostgreSQL does in production (search.backends.sqlite, search.stemming).

The suite runs on PostgreSQL, where Wagtail's SQLite index models do not exist: the search is
run end to end in a subprocess with the development settings on a fresh SQLite file.
"""

import json

import pytest

from tests.fixtures import run_manage_py

SCRIPT = """
import json
from django.test import Client
from wagtail.models import Page
from search.backends.sqlite import StemmingSQLiteSearchBackend
from modelsearch.backends import get_search_backend
from tests.fixtures import build_site_tree
from search.tests.pages import text_page

assert isinstance(get_search_backend("default"), StemmingSQLiteSearchBackend)
homes = {code: Page.objects.get(pk=pk) for code, pk in build_site_tree()["homes"].items()}
text_page(homes["ru"], "Документы за рубежом", "Как продлить паспорт в консульстве. Очередь длинная.")
text_page(homes["ru"], "Погода", "Солнце и дождь.")
text_page(homes["tk"], "Resminamalar", "Daşary ýurtda pasportlary täzelemek. Konsullykda nobat uzyn.")
text_page(homes["tr"], "Belgeler", "Yurt dışında pasaport yenileme. Konsoloslukta sıra uzun.")
text_page(homes["en"], "Documents", "Renewing a passport abroad. The queue is long.")
client = Client()
answers = {}
for url in URLS:
    response = client.get(url, HTTP_HOST="localhost")
    html = response.content.decode()
    answers[url] = {
        "status": response.status_code,
        "titles": [part.split("</a>")[0].split(">")[-1] for part in html.split('result__title"><a ')[1:]],
        "marks": [part.split("</mark>")[0] for part in html.split("<mark>")[1:]],
    }
print(json.dumps(answers))
"""

URLS = [
    "/ru/search/?q=паспорта",
    "/ru/search/?q=паспортов+консульство",
    "/tk/search/?q=pasport",
    "/tk/search/?q=pasportlaryň",
    "/tr/search/?q=pasaportlar",
    "/en/search/?q=passports",
    "/ru/search/?q=!!!",
]


def run_on_sqlite(environment, *args):
    result = run_manage_py(environment, *args)
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


@pytest.mark.slow  # a subprocess on a SQLite file of its own
def test_search_on_sqlite_finds_inflected_words_in_each_language_and_marks_them(migrated_sqlite):
    # A fresh SQLite file, migrated (tests/fixtures.py), as the README's first command makes it.
    output = run_on_sqlite(migrated_sqlite, "shell", "-v0", "-c", f"URLS = {URLS!r}\n{SCRIPT}")
    answers = json.loads(output.strip().splitlines()[-1])

    assert answers["/ru/search/?q=паспорта"] == {
        "status": 200,
        "titles": ["Документы за рубежом"],
        "marks": ["паспорт"],
    }
    both = answers["/ru/search/?q=паспортов+консульство"]
    assert both["titles"] == ["Документы за рубежом"]
    assert both["marks"] == ["паспорт", "консульстве"]
    assert answers["/tk/search/?q=pasport"]["titles"] == ["Resminamalar"]
    assert answers["/tk/search/?q=pasport"]["marks"] == ["pasportlary"]
    assert answers["/tk/search/?q=pasportlaryň"]["titles"] == ["Resminamalar"]
    assert answers["/tr/search/?q=pasaportlar"]["titles"] == ["Belgeler"]
    assert answers["/tr/search/?q=pasaportlar"]["marks"] == ["pasaport"]
    assert answers["/en/search/?q=passports"] == {
        "status": 200,
        "titles": ["Documents"],
        "marks": ["passport"],
    }
    # Only punctuation: no word to look for, and no error.
    assert answers["/ru/search/?q=!!!"]["status"] == 200
    assert answers["/ru/search/?q=!!!"]["titles"] == []
