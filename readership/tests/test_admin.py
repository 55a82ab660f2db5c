"""Editors see a page's reading counts from its admin, and Reports → Most read pages; small
counts are shown as "fewer than 10"; the queries are counted exactly."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from readership.models import ReadingCount

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def people(django_user_model):
    def make(username, group):
        user = django_user_model.objects.create_user(username, f"{username}@example.org", "x" * 16)
        user.groups.add(Group.objects.get(name=group))
        return user

    return {"editor": make("editor", "Editors"), "caseworker": make("caseworker", "Caseworkers")}


@pytest.fixture
def counted(site_tree):
    today = timezone.localdate()
    home, about = site_tree.homes["tk"], site_tree.about["ru"]
    rows = [
        (home, "tk", today, 120),
        (home, "tk", today - datetime.timedelta(days=1), 3),
        (home, "tk", today - datetime.timedelta(days=200), 40),  # outside the 90 days, in the total
        (about, "ru", today, 15),
        (about, "ru", today - datetime.timedelta(days=40), 5),
    ]
    for page, language, day, count in rows:
        ReadingCount.objects.create(page=page, language=language, day=day, count=count)
    return home, about


def test_a_page_shows_views_per_day_and_totals_per_language(
    client, people, counted, django_assert_num_queries
):
    home, _about = counted
    client.force_login(people["editor"])
    url = reverse("readership_page_counts", args=[home.pk])
    client.get(url, **EN)  # warm the caches of the admin (menus, site settings)
    with django_assert_num_queries(14):  # 11 of the admin itself; the page, the days, the totals
        response = client.get(url, **EN)
    assert response.status_code == 200
    days = response.context["days"]
    assert len(days) == 90
    assert days[0] == {"day": timezone.localdate(), "views": 120}
    assert days[1]["views"] == "fewer than 10"
    assert days[2]["views"] == 0
    assert response.context["totals"] == [{"language": "tk", "views": 163}]
    assert b"fewer than 10" in response.content
    assert home.get_admin_display_title().encode() in response.content  # which page it is


def test_the_page_header_menu_links_to_the_counts(client, people, counted):
    home, _about = counted
    client.force_login(people["editor"])
    response = client.get(reverse("wagtailadmin_pages:edit", args=[home.pk]), **EN)
    assert reverse("readership_page_counts", args=[home.pk]).encode() in response.content


def test_most_read_pages_for_a_chosen_period(client, people, counted, django_assert_num_queries):
    home, about = counted
    client.force_login(people["editor"])
    today = timezone.localdate()
    url = reverse("readership_most_read")
    client.get(url, **EN)
    with django_assert_num_queries(12):  # 11 of the admin itself; one for the report
        response = client.get(
            url, {"first": (today - datetime.timedelta(days=60)).isoformat(), "last": today.isoformat()}, **EN
        )
    assert response.status_code == 200
    assert response.context["rows"] == [
        {"page_id": home.pk, "title": home.title, "language": "tk", "views": 123},
        {"page_id": about.pk, "title": about.title, "language": "ru", "views": 20},
    ]
    only_yesterday = today - datetime.timedelta(days=1)
    response = client.get(
        url, {"first": only_yesterday.isoformat(), "last": only_yesterday.isoformat()}, **EN
    )
    assert response.context["rows"] == [
        {"page_id": home.pk, "title": home.title, "language": "tk", "views": "fewer than 10"}
    ]
    # The default: the last 30 days.
    response = client.get(url, **EN)
    assert [row["views"] for row in response.context["rows"]] == [123, 15]
    # A period the wrong way round is refused, nothing shown.
    response = client.get(url, {"first": today.isoformat(), "last": only_yesterday.isoformat()}, **EN)
    assert response.context["rows"] == [] and response.context["form"].errors


def test_the_report_is_in_the_reports_menu_for_editors_only(client, people, counted):
    client.force_login(people["editor"])
    assert reverse("readership_most_read").encode() in client.get(reverse("wagtailadmin_home"), **EN).content
    client.force_login(people["caseworker"])
    home, _about = counted
    for url in (reverse("readership_most_read"), reverse("readership_page_counts", args=[home.pk])):
        refused = client.get(url, **EN)  # Wagtail answers PermissionDenied with its home and a message
        assert refused.status_code == 302 and refused.url == reverse("wagtailadmin_home")
