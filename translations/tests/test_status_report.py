"""Reports → Translation status: every page and snippet in every language, with links to act."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from news.factories import NewsPageFactory, TopicFactory
from translations import review, status

from .conftest import EN, assert_refused, locale, make_user, submit_page_translation

pytestmark = pytest.mark.django_db

REPORT = "/admin/translations/status/"
QUERIES = 20


def report(client):
    response = client.get(REPORT, **EN)
    assert response.status_code == 200
    return response


def row_of(response, title):
    rows = [row for row in response.context["object_list"] if row.title == title]
    assert len(rows) == 1, [row.title for row in response.context["object_list"]]
    return rows[0]


def cells_by_language(row):
    return {locale_.language_code: row.cells[locale_.pk] for locale_ in status.ordered_locales()}


def test_only_users_with_the_permission_see_the_report(client, newsroom, django_user_model):
    from .roles import make_group

    outsider = make_user(
        django_user_model, "outsider", make_group("Outsiders", ["wagtailadmin.access_admin"])
    )
    client.force_login(outsider)
    assert_refused(client.get(REPORT, **EN))
    assert REPORT not in client.get(reverse("wagtailadmin_home"), **EN).content.decode()

    client.force_login(newsroom.translator)
    assert report(client).context["page_title"] == "Translation status"


def test_the_report_is_in_the_reports_menu_for_those_who_may_see_it(client, newsroom):
    client.force_login(newsroom.translator)
    dashboard = client.get(reverse("wagtailadmin_home"), **EN).content.decode()
    assert REPORT in dashboard and "Translation status" in dashboard


def test_a_page_that_is_not_translated_links_to_its_translation(client, newsroom):
    client.force_login(newsroom.translator)
    cells = cells_by_language(row_of(report(client), "Pasport amnistiýasy"))
    assert cells["tk"].status == status.SOURCE
    assert {code: cells[code].status for code in ("ru", "tr", "en")} == dict.fromkeys(
        ("ru", "tr", "en"), status.MISSING
    )
    submit = reverse("wagtail_localize:submit_page_translation", args=[newsroom.article.id])
    assert cells["ru"].url.startswith(f"{submit}?select_locale=ru")
    assert cells["ru"].url in report(client).content.decode().replace("&amp;", "&")


def test_statuses_follow_a_translation_from_draft_to_review_to_publication(client, newsroom):
    client.force_login(newsroom.editor)
    submit_page_translation(client, newsroom.article, "ru")
    russian = Page.objects.get(translation_key=newsroom.article.translation_key, locale=locale("ru"))
    client.force_login(newsroom.translator)
    cell = cells_by_language(row_of(report(client), "Pasport amnistiýasy"))["ru"]
    assert (cell.status, cell.url) == (status.DRAFT, reverse("wagtailadmin_pages:edit", args=[russian.id]))

    from .conftest import approve, submit_for_review, translate_strings

    translate_strings(client, russian, {"Pasport amnistiýasy": "Паспортная амнистия"})
    submit_for_review(client, russian)
    assert cells_by_language(row_of(report(client), "Pasport amnistiýasy"))["ru"].status == status.DRAFT

    client.force_login(newsroom.moderator)
    approve(client, russian)
    cell = cells_by_language(row_of(report(client), "Pasport amnistiýasy"))["ru"]
    # Published, but one text (the summary) is still in Turkmen.
    assert cell.status == status.OUT_OF_DATE
    assert "not translated yet" in str(cell.reason)


def test_snippets_have_their_own_section(client, newsroom):
    topic = TopicFactory(name="Deportasiýa", slug="deportasiya")
    client.force_login(newsroom.moderator)
    client.post(
        reverse("wagtail_localize:submit_snippet_translation", args=["news", "topic", topic.pk]),
        {"locales": [locale("ru").id]},
        **EN,
    )
    response = report(client)
    rows = {row.title: row for row in response.context["snippet_table"].data}
    topic_cells = cells_by_language(rows["Deportasiýa"])
    assert topic_cells["tk"].status == status.SOURCE
    assert topic_cells["ru"].status == status.OUT_OF_DATE  # created, not translated yet
    assert topic_cells["en"].status == status.MISSING
    assert topic_cells["en"].url.startswith(
        reverse("wagtail_localize:submit_snippet_translation", args=["news", "topic", topic.pk])
    )
    details = [row for row in response.context["snippet_table"].data if row.kind == "organisation details"]
    assert len(details) == 1
    assert [cell.status for cell in details[0].cells.values()] == [
        status.SOURCE,
        status.UP_TO_DATE,
        status.UP_TO_DATE,
        status.UP_TO_DATE,
    ]
    html = response.content.decode()
    assert "Topics and organisation details" in html and "Deportasiýa" in html


# The report's queries, the same for any number of pages. Its own nine: the number of
# translation keys (pagination), the keys of this page of the report, their pages, their
# translations (texts, translated texts, last save and last edit as subqueries), the locales,
# and for the snippets: the organisation details, the topics, the mirror addresses (one query per
# translatable snippet model: 20 since mirrorlist.MirrorAddress came, 19 before) and their
# translations.
# The others come with every admin page: the session, the user, the second-factor device and
# the user's security stamp, the user's and the groups' permissions, the user's profile
# (interface language), and the sidebar's menus (locales, page and collection permissions,
# the explorer's start page).
@pytest.mark.parametrize("articles", [3, 30])
def test_the_report_makes_the_same_number_of_queries_for_3_and_30_pages(
    client, newsroom, articles, django_assert_num_queries
):
    for number in range(articles):
        page = NewsPageFactory(parent=newsroom.news["tk"], title=f"Habar {number}", slug=f"habar-{number}")
        review.translate_object_for_review(page, [locale("ru")], user=newsroom.editor)
    topic = TopicFactory(name="Pasportlar", slug="pasportlar")
    review.translate_object_for_review(topic, [locale("ru")], user=newsroom.moderator)

    client.force_login(newsroom.translator)
    assert len(report(client).context["object_list"]) == articles + 4  # home, about, news, article
    with django_assert_num_queries(QUERIES):
        report(client)


def test_the_report_speaks_the_admin_language(client, newsroom):
    client.force_login(newsroom.translator)
    text = client.get(REPORT, HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Состояние переводов" in text and "Нет перевода" in text


def test_administrators_can_give_the_permissions_to_groups(client, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "x" * 16)
    client.force_login(admin)
    text = client.get(reverse("wagtailusers_groups:add"), **EN).content.decode()
    assert "Can see the translation status report" in text
    assert "Can publish translations of topics and organisation details" in text
