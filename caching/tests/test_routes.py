"""Path → page is remembered per generation (caching.routes), and never trusted blindly."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from caching import routes
from home.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def queries_of(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return response, [query["sql"] for query in queries]


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run what waits for the transaction's commit (the cache purges), as the admin's requests do."""

    def run(change):
        with django_capture_on_commit_callbacks(execute=True):
            change()

    return run


def test_a_remembered_path_costs_one_query_for_its_page_and_renders_the_same(client, site_tree):
    first, walked = queries_of(client, "/ru/about/")
    second, remembered = queries_of(client, "/ru/about/")
    assert first.status_code == second.status_code == 200
    assert second.content == first.content
    # Wagtail's walk: the site, the locale, the root, the home, the page, aliases, restrictions.
    assert not any("wagtailcore_site" in sql or "pageviewrestriction" in sql for sql in remembered)
    page_queries = [sql for sql in remembered if '"wagtailcore_page"' in sql]
    assert len(page_queries) == 1, remembered
    assert len(remembered) <= len(walked) - 5


def test_an_unpublished_page_is_not_served_from_a_remembered_route(client, site_tree):
    """Another process may still remember the route for a second: the page's row decides."""
    assert client.get("/ru/about/").status_code == 200
    Page.objects.filter(pk=site_tree.about["ru"].pk).update(live=False)  # no signal, same generation
    assert client.get("/ru/about/").status_code == 404


def test_a_moved_page_is_found_at_its_new_path_only(client, site_tree, on_commit):
    parent = StandardPageFactory(parent=site_tree.homes["tk"], title="Biz", slug="biz")
    assert client.get("/tk/about/").status_code == 200
    on_commit(lambda: site_tree.about["tk"].move(parent, pos="last-child"))
    old = client.get("/tk/about/")  # Wagtail's own redirect from the old path
    assert (old.status_code, old["Location"]) == (301, "/tk/biz/about/")
    assert client.get("/tk/biz/about/").status_code == 200


def test_a_page_made_private_is_private_at_once(client, site_tree, on_commit):
    assert client.get("/ru/about/").status_code == 200
    restriction = PageViewRestriction(page=site_tree.homes["ru"], restriction_type=PageViewRestriction.GROUPS)
    on_commit(restriction.save)
    on_commit(lambda: restriction.groups.set([Group.objects.first()]))
    response = client.get("/ru/about/")
    assert response.status_code == 302
    assert "/_util/login/" in response["Location"] or "/login/" in response["Location"]
    on_commit(restriction.delete)
    assert client.get("/ru/about/").status_code == 200


def test_paths_that_lead_nowhere_are_not_remembered(client, site_tree):
    for number in range(20):
        assert client.get(f"/tk/no-such-page-{number}/").status_code == 404
    assert routes._memo == {}  # noqa: SLF001


def test_each_language_remembers_its_own_home(client, site_tree):
    assert b'lang="tk"' in client.get("/tk/").content
    assert b'lang="ru"' in client.get("/ru/").content
    assert b'lang="ru"' in client.get("/ru/").content
    assert b'lang="tk"' in client.get("/tk/").content
