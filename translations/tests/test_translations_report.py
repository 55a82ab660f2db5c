"""wagtail-localize's Translations report (Reports → Translations) lists the titles of every
translation, drafts included: only the roles that translate or publish see it."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from .conftest import EN, assert_refused

pytestmark = pytest.mark.django_db


SEE_IT = {"Editors", "Moderators", "Translators (Русский)", "Translators (Türkçe)", "Administrators"}
REFUSED = {"Caseworkers", "Treasurer"}


@pytest.fixture
def member(django_user_model):
    def make(role):
        user = django_user_model.objects.create_user("staff-member", "staff@example.org", "x" * 16)
        user.groups.add(Group.objects.get(name=role))
        return user

    return make


def reports_in_menu(client):
    """The addresses of wagtail-localize's report as the admin's menu links them."""
    dashboard = client.get(reverse("wagtailadmin_home"), **EN)
    assert dashboard.status_code == 200
    return reverse("wagtail_localize:translations_report") in dashboard.content.decode()


@pytest.mark.parametrize("role", sorted(SEE_IT))
def test_roles_that_translate_or_publish_see_the_translations_report(client, site_tree, member, role):
    client.force_login(member(role))
    assert reports_in_menu(client)
    for name in ("translations_report", "translations_report_results"):
        response = client.get(reverse(f"wagtail_localize:{name}"), **EN)
        assert response.status_code == 200, name


@pytest.mark.parametrize("role", sorted(REFUSED))
def test_caseworkers_and_the_treasurer_neither_see_nor_open_the_translations_report(
    client, site_tree, member, role
):
    client.force_login(member(role))
    assert not reports_in_menu(client)
    for name in ("translations_report", "translations_report_results"):
        # Refused as Wagtail's admin refuses: to the dashboard, with its "no permission" message.
        assert_refused(client.get(reverse(f"wagtail_localize:{name}"), **EN))
