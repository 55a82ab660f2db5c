"""Publishing one article re-exports exactly the files that show it, not the whole site."""

import difflib
import hashlib
import re
import shutil
from pathlib import Path

import pytest
from wagtail.models import Page

from mirrors import services, signing, verification
from mirrors.builder import MANIFEST, SIGNATURE, Builder
from mirrors.export import Flavour
from news.factories import NewsPageFactory
from news.models import NewsIndexPage

# A feed with no entries is dated by the time it is rendered: compared without its dates.
FEED_DATES = re.compile(rb"<(updated|lastBuildDate)>[^<]*</\1>")


def content(path: Path) -> bytes:
    data = path.read_bytes()
    return FEED_DATES.sub(b"", data) if path.suffix in (".rss", ".atom") else data


def hashes(folder: Path):
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(content(path)).hexdigest()
        for path in folder.rglob("*")
        if path.is_file() and path.name not in (MANIFEST, SIGNATURE)
    }


@pytest.fixture
def mirrors_on(settings, tmp_path):
    settings.MIRROR_EXPORT_ROOT = str(tmp_path / "export")
    settings.MIRROR_ORIGINS = []
    return settings


def changed_lines(old, new):
    """What differs between two files of two copies, for the assertion's message."""
    if not old.exists() or not new.exists():
        return "missing"
    before, after = old.read_text().splitlines(), new.read_text().splitlines()
    return list(difflib.unified_diff(before, after, lineterm="", n=0))[:20]


@pytest.mark.slow
def test_publishing_one_article_changes_exactly_what_a_full_export_changes(
    demo_content, mirrors_on, tmp_path, django_capture_on_commit_callbacks
):
    services.export_everything()
    copy = services.site_dir(Flavour.clearnet())
    before = hashes(copy)
    before_copy = tmp_path / "before"
    shutil.copytree(copy, before_copy)

    index = NewsIndexPage.objects.get(locale__language_code="ru")
    article = NewsPageFactory(parent=index, title="Новая статья о паспортах", slug="novaya-statya")
    # As after a real commit: the page cache's generation moves on, so the home pages' cached
    # "latest news" fragments are rebuilt (without it the copy kept whatever fragment the cache
    # happened to hold), and the handler's task runs at once (ImmediateBackend).
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    result = services.export_pages([article.pk])
    after = hashes(copy)

    fresh = tmp_path / "fresh"
    Builder(fresh, tmp_path / "fresh-state", Flavour.clearnet()).export_everything()
    assert after == hashes(fresh)  # the incremental copy is the full export's, byte for byte

    changed = {name for name in after if before.get(name) != after[name]}
    assert "ru/news/novaya-statya/index.html" in changed
    assert "ru/news/index.html" in changed and "ru/feeds/news.rss" in changed
    assert "sitemap.xml" in changed
    assert not any(name.startswith(("tk/", "tr/", "en/")) for name in changed)
    assert result["clearnet"]["rendered"] < len([n for n in before if n.endswith(".html")]) / 2
    assert verification.verify_copy(copy, signing.public_key_bytes()) == []

    # Unpublished: its file goes, the lists drop it again.
    with django_capture_on_commit_callbacks(execute=True):
        article.unpublish()
    services.export_pages([article.pk])
    assert not (copy / "ru/news/novaya-statya/index.html").exists()
    differing = sorted(name for name, digest in hashes(copy).items() if before.get(name) != digest)
    assert hashes(copy) == before, {
        name: changed_lines(before_copy / name, copy / name) for name in differing
    }


@pytest.mark.slow
def test_deleting_a_page_removes_its_files(demo_content, mirrors_on):
    services.export_everything()
    copy = services.site_dir(Flavour.clearnet())
    page = Page.objects.get(url_path__endswith="/about/", locale__language_code="en")
    ancestors = [ancestor.pk for ancestor in page.get_ancestors()]
    assert (copy / "en/about/index.html").exists()
    page.delete()
    services.export_pages([page.pk, *ancestors])
    assert not (copy / "en/about/index.html").exists()
    assert verification.verify_copy(copy, signing.public_key_bytes()) == []


def test_moving_a_page_through_its_signal_moves_its_files(
    site_tree, mirrors_on, tmp_path, django_capture_on_commit_callbacks
):
    from home.factories import StandardPageFactory

    section = StandardPageFactory(parent=site_tree.homes["tk"], title="Bölüm", slug="section")
    services.export_everything()
    copy = services.site_dir(Flavour.clearnet())
    assert (copy / "tk/about/index.html").exists()
    about = Page.objects.get(pk=site_tree.about["tk"].pk)
    with django_capture_on_commit_callbacks(execute=True):
        about.move(section, pos="last-child")  # the handler's task runs at once (ImmediateBackend)
    assert not (copy / "tk/about/index.html").exists()
    assert (copy / "tk/section/about/index.html").exists()
    fresh = tmp_path / "fresh"
    Builder(fresh, tmp_path / "fresh-state", Flavour.clearnet()).export_everything()
    assert hashes(copy) == hashes(fresh)


@pytest.mark.slow
def test_an_export_after_one_publish_does_not_grow_with_the_number_of_articles(
    site_tree, mirrors_on, tmp_path, monkeypatch, django_capture_on_commit_callbacks
):
    """The copy numbers list pages from the oldest article (news.pagination): a new article
    re-renders the lists' first pages, not every numbered page. Two articles a page here, so that
    a list of 14 has six numbered pages; and whatever happens to the list (a page added, an
    article dated in the middle, one unpublished) the copy stays the full export's."""
    import datetime

    from news.factories import NewsIndexPageFactory, TopicFactory

    monkeypatch.setattr("news.models.ARTICLES_PER_PAGE", 2)
    index = NewsIndexPageFactory(parent=site_tree.homes["tk"])
    topic = TopicFactory()
    made = []

    def add(count):
        for _ in range(count):
            day = datetime.date(2024, 1, 1) + datetime.timedelta(days=len(made))
            made.append(NewsPageFactory(parent=index, date=day, topics=[topic]))

    def publish(article):
        with django_capture_on_commit_callbacks(execute=True):  # the handler's task runs at once
            article.save_revision().publish()

    def renders_of_one_new_article(slug):
        """Published with what waits for the commit run, but the handler's export left out (no
        export folder for that moment): the export the worker would run is counted here."""
        article = NewsPageFactory(parent=index, slug=slug, date=datetime.date(2026, 12, 1), topics=[topic])
        folder, mirrors_on.MIRROR_EXPORT_ROOT = mirrors_on.MIRROR_EXPORT_ROOT, ""
        with django_capture_on_commit_callbacks(execute=True):
            article.save_revision().publish()
        mirrors_on.MIRROR_EXPORT_ROOT = folder
        return services.export_pages([article.pk])["clearnet"]["rendered"]

    copy = services.site_dir(Flavour.clearnet())

    def assert_as_full_export(name):
        fresh = tmp_path / name
        Builder(fresh, tmp_path / f"{name}-state", Flavour.clearnet()).export_everything()
        expected, found = hashes(fresh), hashes(copy)
        differing = sorted(n for n in set(expected) | set(found) if expected.get(n) != found.get(n))
        assert not differing, {n: changed_lines(fresh / n, copy / n) for n in differing}

    add(5)  # 5 articles: 1 numbered page of 2, the first page holds 3
    services.export_everything()
    small = renders_of_one_new_article("new-a")  # 6: a second numbered page, the first holds 2
    assert (copy / "tk/news/_page-2/index.html").exists()
    assert_as_full_export("small")
    small_pages = len(list(copy.glob("tk/news/**/_page-*/index.html")))

    add(7)  # 13: 5 numbered pages, the first holds 3 again
    services.export_everything()
    large = renders_of_one_new_article("new-b")  # 14: a sixth numbered page, the first holds 2
    assert (copy / "tk/news/_page-6/index.html").exists()
    assert_as_full_export("large")
    assert len(list(copy.glob("tk/news/**/_page-*/index.html"))) >= 3 * small_pages
    assert large == small, (small, large)

    # An article dated among the old ones moves every newer one up a place.
    middle = NewsPageFactory(parent=index, date=datetime.date(2024, 1, 5), topics=[topic])
    publish(middle)
    assert_as_full_export("backdated")

    # Unpublished from the middle: the numbered pages above it close the gap, the last one goes.
    with django_capture_on_commit_callbacks(execute=True):
        made[3].unpublish()
    assert_as_full_export("unpublished")
