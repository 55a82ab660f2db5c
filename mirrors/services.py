"""Exporting the copy and publishing it to the origins (what the commands, tasks and admin call).

The copies live under MIRROR_EXPORT_ROOT on the worker's disk, one per flavour (``clearnet``: forms
and search link to the live site; ``onion``: links to no other host), each as ``site/`` (what is
published) and ``state/`` (what the crawl found). Lost, they are rebuilt by a full export. One
export at a time per machine (a file lock): a second waits for the first.
"""

import fcntl
import logging
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from caching import generation

from . import origins as origin_config
from .builder import Builder
from .export import Flavour, load_state
from .models import OriginStatus

logger = logging.getLogger(__name__)

MAX_RETRY_DELAY = timedelta(hours=1)


def enabled() -> bool:
    """Mirrors are on when there is a folder to export to (MIRROR_EXPORT_ROOT)."""
    return bool(getattr(settings, "MIRROR_EXPORT_ROOT", ""))


def export_root() -> Path:
    return Path(settings.MIRROR_EXPORT_ROOT)


def flavours() -> list[Flavour]:
    """The copies the configured origins need (the ordinary one even when there is no origin)."""
    wanted = {origin.flavour for origin in origin_config.configured()} or {"clearnet"}
    result = [Flavour.clearnet()] if "clearnet" in wanted else []
    if "onion" in wanted:
        result.append(Flavour.onion())
    return result


def site_dir(flavour: Flavour) -> Path:
    return export_root() / flavour.name / "site"


def builder(flavour: Flavour) -> Builder:
    return Builder(site_dir(flavour), export_root() / flavour.name / "state", flavour)


@contextmanager
def export_lock():
    export_root().mkdir(parents=True, exist_ok=True)
    with (export_root() / ".lock").open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        # The page cache's generation as it is now, not as this process remembered it up to a
        # second ago: a publish by a web process a moment ago must not leave the copy with the
        # cached fragments ("latest news", the footer) of before it (caching.generation).
        generation.current_state(refresh=True)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def export_everything() -> dict:
    """Render the whole site again into every flavour's copy, then publish to every origin."""
    results = {}
    with export_lock():
        for flavour in flavours():
            results[flavour.name] = builder(flavour).export_everything()
        publish_all()
    return results


def affected_urls(page_ids, state) -> dict[str, int | None]:
    """What shows these pages: each page and its translations (their language switchers link to
    it), the pages above it (home page, news index), the feeds of their languages and the sitemap;
    every address of the copy that had or linked to these pages (a moved or unpublished page's old
    address, to be removed, and the lists that showed it); of the news lists above it only the pages
    whose articles or links change (``news_list_urls``). A changed page's own filter and numbered
    pages (an index whose introduction changed) are all rendered again. Returns each address with
    the id of the page it shows (None: a list's filter or numbered page, a feed, the sitemap)."""
    from wagtail.models import Page

    from .export import canonical_url

    ids = set(page_ids)
    changed = list(Page.objects.filter(pk__in=ids))
    keys = {page.translation_key for page in changed}
    translations = list(Page.objects.filter(translation_key__in=keys).exclude(pk__in=ids))
    ancestor_paths = {
        page.path[:end] for page in changed for end in range(Page.steplen * 2, len(page.path), Page.steplen)
    }
    ancestors = list(Page.objects.filter(path__in=ancestor_paths).exclude(pk__in=ids).specific(defer=True))
    urls = set()
    bases = set()
    shown_by = {}
    for page in changed + translations + ancestors:
        parts = page.get_url_parts() if page.live else None
        if parts:
            shown_by[canonical_url(parts[2])] = page.pk
            if page in changed:
                bases.add(parts[2])
    urls |= set(shown_by)
    old = {url for url, entry in state.items() if entry.page_id in ids}
    urls |= old
    for url, entry in state.items():
        if url.split("?")[0] in bases or not old.isdisjoint(entry.links):
            urls.add(url)
    from news.models import NewsIndexPage

    for index in ancestors:
        if isinstance(index, NewsIndexPage) and index.live:
            urls |= news_list_urls(index, state)
    languages = {url.split("/")[1] for url in urls if url.count("/") > 1}
    urls |= {url for url in state if url.endswith((".rss", ".atom")) and url.split("/")[1] in languages}
    urls.add("/sitemap.xml")
    return {url: shown_by.get(url, state[url].page_id if url in state else None) for url in urls}


def news_list_urls(index, state) -> set[str]:
    """The pages of a news index's lists (each type and topic filter, each numbered page) in the copy
    whose articles or links to the next newer and older page are no longer what the data says.
    The copy numbers the pages from the oldest article (news.pagination), so after a new article
    this is each list's first page, and every tenth time the page below it."""
    from urllib.parse import parse_qsl, urlencode

    from news.models import ARTICLES_PER_PAGE
    from news.pagination import archive_page

    from .export import canonical_url

    base = canonical_url(index.get_url_parts()[2])
    topics = index.topics_by_key_by_slug()
    lists = {}
    stale = set()

    def variant(params, number):
        wanted = {name: value for name, value in params.items() if name != "page"}
        if number is not None:
            wanted["page"] = str(number)
        return canonical_url(f"{base}?{urlencode(wanted)}" if wanted else base)

    for url, entry in state.items():
        path, _, query = url.partition("?")
        if path != base:
            continue
        params = dict(parse_qsl(query))
        key = (params.get("type"), params.get("topic"))
        if key not in lists:
            lists[key] = [pk for pk, _date in index.articles(key[0], topics.get(key[1] or ""))]
        number = int(params["page"]) if params.get("page", "").isdigit() else None
        shown = archive_page(lists[key], number, ARTICLES_PER_PAGE)
        if shown is None:
            stale.add(url)  # a page that no longer exists: rendered, it is gone
            continue
        showing = {
            state[link].page_id
            for link in entry.links
            if link.startswith(base) and link.split("?")[0] != base and link in state
        }
        pages_linked = {link for link in entry.links if link.split("?")[0] == base and "page=" in link}
        pages_wanted = {variant(params, n) for n in (shown.newer, shown.older, shown.number) if n is not None}
        if showing != set(shown.rows) or pages_linked != pages_wanted:
            stale.add(url)
    return stale


def export_pages(page_ids) -> dict:
    """Re-export what shows these pages (see ``affected_urls``), in every flavour; then publish.

    Without a previous copy (first run, lost disk), a full export.
    """
    results = {}
    with export_lock():
        for flavour in flavours():
            build = builder(flavour)
            if not build.state:
                results[flavour.name] = build.export_everything()
            else:
                results[flavour.name] = build.export_addresses(affected_urls(page_ids, build.state))
        publish_all()
    return results


def retry_delay(failures: int) -> timedelta:
    """1, 2, 4 … minutes after the first, second, third failure; at most an hour."""
    return min(timedelta(minutes=2 ** max(failures - 1, 0)), MAX_RETRY_DELAY)


def publish_all(only=None):
    """Publish each flavour's copy to its origins; a failing origin does not stop the others."""
    for origin in origin_config.configured():
        if only is not None and origin.name not in only:
            continue
        publish_origin(origin)


def publish_origin(origin) -> bool:
    status, _created = OriginStatus.objects.get_or_create(name=origin.name, defaults={"kind": origin.kind})
    now = timezone.now()
    directory = export_root() / origin.flavour / "site"
    try:
        result = origin_config.publish(origin, directory)
    except Exception as error:  # noqa: BLE001 - any failure of the origin is recorded and retried
        failures = status.failures + 1
        OriginStatus.objects.filter(pk=status.pk).update(
            kind=origin.kind,
            last_attempt_at=now,
            failures=F("failures") + 1,
            last_error=f"{type(error).__name__}: {error}"[:1000],
            next_retry_at=now + retry_delay(failures),
        )
        logger.warning("Mirror origin %s failed (%s); retried later", origin.name, type(error).__name__)
        return False
    OriginStatus.objects.filter(pk=status.pk).update(
        kind=origin.kind,
        last_attempt_at=now,
        last_success_at=now,
        files=result["files"],
        bytes=result["bytes"],
        uploaded=result["uploaded"],
        failures=0,
        last_error="",
        next_retry_at=None,
    )
    return True


def retry_failed_origins() -> int:
    """The periodic job: publish again to each failed origin whose back-off is over."""
    if not enabled():
        return 0
    due = set(
        OriginStatus.objects.filter(failures__gt=0, next_retry_at__lte=timezone.now()).values_list(
            "name", flat=True
        )
    )
    if not due:
        return 0
    with export_lock():
        missing = [flavour for flavour in flavours() if not (site_dir(flavour) / "manifest.json").exists()]
        for flavour in missing:
            builder(flavour).export_everything()
        publish_all(only=due)
    return len(due)


def has_copy(flavour: Flavour) -> bool:
    return bool(load_state(export_root() / flavour.name / "state"))
