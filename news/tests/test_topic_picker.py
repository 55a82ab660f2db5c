"""The topic picker of an article or statement offers the topics of the page's own language."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from home.factories import translate_page
from news.factories import NewsIndexPageFactory, NewsPageFactory, TopicFactory, translate_topic
from news.models import NewsPage
from staff.roles import EDITORS

NAMES = {"tk": "Pasportlar", "ru": "Паспорта", "tr": "Pasaportlar", "en": "Passports"}


@pytest.fixture
def topics():
    """One topic in every language (the same topic, translated)."""
    topic = TopicFactory(name=NAMES["tk"], slug="pasportlar")
    translated = {"tk": topic}
    for code in ("ru", "tr", "en"):
        translated[code] = translate_topic(topic, code, name=NAMES[code], slug=f"passports-{code}")
    return translated


@pytest.fixture
def russian_news(site_tree):
    return translate_page(NewsIndexPageFactory(parent=site_tree.homes["tk"]), "ru", title="Новости")


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_user("editor", password="x" * 16)
    user.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(user)
    return user


def offered_topics(html):
    """The names of the topics the picker offers."""
    soup = BeautifulSoup(html, "html.parser")
    inputs = soup.select('input[name="topics"]')
    if inputs:  # checkboxes
        return {soup.find("label", attrs={"for": i["id"]}).get_text(strip=True) for i in inputs}
    return {option.get_text(strip=True) for option in soup.select('select[name="topics"] option')}


@pytest.mark.django_db
@pytest.mark.parametrize("model_name", ["newspage", "statementpage"])
def test_a_new_russian_article_offers_the_russian_topics_only(
    client, editor, topics, russian_news, model_name
):
    response = client.get(
        reverse("wagtailadmin_pages:add", args=["news", model_name, russian_news.pk]),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert offered_topics(response.content.decode()) == {"Паспорта"}


@pytest.mark.django_db
def test_editing_a_turkmen_article_offers_the_turkmen_topics_only(client, editor, topics, site_tree):
    article = NewsPageFactory(
        parent=NewsIndexPageFactory(parent=site_tree.homes["tk"]), topics=[topics["tk"]]
    )
    response = client.get(reverse("wagtailadmin_pages:edit", args=[article.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert offered_topics(response.content.decode()) == {"Pasportlar"}


@pytest.mark.django_db
def test_a_topic_of_another_language_is_refused(client, editor, topics, russian_news):
    url = reverse("wagtailadmin_pages:add", args=["news", "newspage", russian_news.pk])
    data = {
        "title": "Паспортная амнистия",
        "date": "2026-12-01",
        "body": streamfield([]),
        "comments": inline_formset([]),
    }
    response = client.post(
        url, {**nested_form_data(data), "topics": [topics["tk"].pk]}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert "topics" in response.context["form"].errors

    response = client.post(
        url, {**nested_form_data(data), "topics": [topics["ru"].pk]}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 302
    assert list(NewsPage.objects.get(title="Паспортная амнистия").topics.all()) == [topics["ru"]]


@pytest.mark.django_db
def test_a_topic_the_page_already_has_stays_on_offer(client, editor, topics, russian_news):
    article = NewsPageFactory(parent=russian_news, topics=[topics["tk"]])  # e.g. synchronised from its source
    response = client.get(reverse("wagtailadmin_pages:edit", args=[article.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert offered_topics(response.content.decode()) == {"Паспорта", "Pasportlar"}
