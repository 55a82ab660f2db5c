"""Lists numbered from the oldest article (news.pagination), as the mirrors' copy shows them."""

import pytest
from django.test import RequestFactory
from hypothesis import given
from hypothesis import strategies as st

from news.pagination import archive_page, numbered_from_oldest, numbered_pages, oldest_first_numbering


def pages(rows, per_page):
    """Every page of a list: the first, then numbered ones from the newest down."""
    first = archive_page(rows, None, per_page)
    found = [first]
    number = first.older
    while number:
        found.append(archive_page(rows, number, per_page))
        number = found[-1].older
    return found


@given(total=st.integers(0, 120), per_page=st.integers(1, 12))
def test_every_article_is_on_exactly_one_page_in_order(total, per_page):
    rows = list(range(total, 0, -1))  # newest first
    shown = pages(rows, per_page)
    assert [row for page in shown for row in page.rows] == rows
    assert all(len(page.rows) == per_page for page in shown[1:])
    if total >= per_page:
        assert per_page <= len(shown[0].rows) < 2 * per_page
    assert [page.number for page in shown[1:]] == list(range(numbered_pages(total, per_page), 0, -1))


@given(total=st.integers(0, 120), per_page=st.integers(1, 12))
def test_a_new_article_changes_the_first_page_and_at_most_one_numbered_page(total, per_page):
    before = {page.number: page for page in pages(list(range(total, 0, -1)), per_page)}
    after = {page.number: page for page in pages(list(range(total + 1, 0, -1)), per_page)}
    changed = {number for number in after if number is not None and after[number] != before.get(number)}
    assert len(changed) <= 2  # a new numbered page, and the one below it gains its "newer" link
    assert not {number for number in before if number not in after}


def test_numbers_outside_the_list_are_no_page():
    rows = list(range(30, 0, -1))
    assert archive_page(rows, 0, 10) is None
    assert archive_page(rows, 3, 10) is None
    assert archive_page(rows, 2, 10).rows == list(range(20, 10, -1))
    assert archive_page(rows, 1, 10).rows == list(range(10, 0, -1))


def test_the_numbering_is_switched_for_the_block_only():
    assert not numbered_from_oldest()
    with oldest_first_numbering():
        assert numbered_from_oldest()
    assert not numbered_from_oldest()


@pytest.mark.django_db
def test_the_index_numbered_from_the_oldest_links_newer_and_older_pages(site_tree, monkeypatch):
    import datetime

    from news.factories import NewsIndexPageFactory, NewsPageFactory

    monkeypatch.setattr("news.models.ARTICLES_PER_PAGE", 2)
    index = NewsIndexPageFactory(parent=site_tree.homes["tk"])
    for day in range(7):
        NewsPageFactory(parent=index, date=datetime.date(2025, 1, 1 + day), title=f"Habar {day}")
    factory = RequestFactory()

    def render(query):
        request = factory.get(index.url + query)
        request.site = site_tree.site
        with oldest_first_numbering():
            return index.serve(request).render().content.decode()

    first = render("")  # 7 articles: pages 1 and 2 of two, the first page holds 3
    assert "Habar 6" in first and "Habar 4" in first and "Habar 3" not in first
    assert 'href="?page=2" rel="next"' in first
    second = render("?page=2")
    assert "Habar 3" in second and "Habar 2" in second and "Habar 4" not in second
    assert f'href="{index.url}" rel="prev"' in second and 'href="?page=1" rel="next"' in second
    oldest = render("?type=news&page=1")
    assert 'href="?type=news&amp;page=2" rel="prev"' in oldest and 'rel="next"' not in oldest
    live = index.serve(factory.get(index.url)).render().content.decode()  # the live site: newest first
    assert 'href="?page=2"' in live and "Habar 4" not in live
