"""wagtail-localize's Russian and Turkish, corrected by the project's catalogues
(vendor_locale, in LOCALE_PATHS): its templates, its Python and the
JavaScript catalogue its translation editor reads all say the corrected words."""

import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from .conftest import russian, submit_page_translation, translate_strings

pytestmark = pytest.mark.django_db

TITLES = {
    "ru": "Перевод «Pasport amnistiýasy»: Русский",
    "tr": "“Pasport amnistiýasy” çevirisi: Русский",
}
# The editor's buttons, from its JavaScript catalogue: corrected, and what they replace.
EDITOR_BUTTONS = {
    "ru": {
        "Publish in ": ("Опубликовать: ", "Опубликовать в"),
        "Download PO file": ("Скачать PO-файл", None),
        "Upload PO file": ("Загрузить PO-файл", "Загрузить PO файл"),
    },
    "tr": {
        "Publish in ": ("Yayımla: ", None),
        "Download PO file": ("PO dosyasını indir", None),
        "Upload PO file": ("PO dosyası yükle", None),
    },
}
MANUALLY = {"ru": "Переведено вручную", "tr": "tarihinde elle çevrildi"}


@pytest.fixture
def translation_started(client, newsroom):
    client.force_login(newsroom.editor)
    submit_page_translation(client, newsroom.article, "ru")
    client.force_login(newsroom.moderator)
    return russian(newsroom.article)


def javascript_catalogue(client, language):
    response = client.get(reverse("wagtail_localize:javascript_catalog"), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    text = response.content.decode()
    start = text.index("const newcatalog = ") + len("const newcatalog = ")
    return json.loads(text[start : text.index(";\n", start)])


@pytest.mark.parametrize("language", ["ru", "tr"])
def test_the_translation_editor_is_titled_in_the_admin_language(client, translation_started, language):
    response = client.get(
        reverse("wagtailadmin_pages:edit", args=[translation_started.id]), HTTP_ACCEPT_LANGUAGE=language
    )
    title = BeautifulSoup(response.content, "html.parser").title.get_text(strip=True)
    assert title.startswith(TITLES[language]), title


@pytest.mark.parametrize("language", ["ru", "tr"])
def test_the_editors_buttons_read_correctly(client, translation_started, language):
    catalogue = javascript_catalogue(client, language)
    for msgid, (corrected, wrong) in EDITOR_BUTTONS[language].items():
        assert catalogue.get(msgid) == corrected, msgid
        assert wrong is None or wrong not in catalogue.values()
    # The two PO buttons no longer say the same.
    assert catalogue["Download PO file"] != catalogue["Upload PO file"]


@pytest.mark.parametrize("language", ["ru", "tr"])
def test_a_text_translated_by_hand_says_so_correctly(client, newsroom, translation_started, language):
    translate_strings(client, translation_started, {"Pasport amnistiýasy": "Паспортная амнистия"})
    response = client.get(
        reverse("wagtailadmin_pages:edit", args=[translation_started.id]), HTTP_ACCEPT_LANGUAGE=language
    )
    props = json.loads(response.context["props"])
    comments = [
        translation["comment"]
        for translation in props["initialStringTranslations"]
        if translation["data"] == "Паспортная амнистия"
    ]
    assert comments and MANUALLY[language] in comments[0], comments
    assert "в ручную" not in comments[0]
