"""Rendering the public site into a static copy whose links are relative.

Every page is rendered through Django's request handler (the test ``Client``, page cache off), so
the copy is what visitors get. The export is a crawl: it starts from every live public page in
every language, ``robots.txt``, the sitemap and the feeds, and follows the links between them, so
the news index's pagination and filter pages, topic feeds and the static files and image
renditions pages use are found without a list of them. What it found is kept in a state file
beside the copy (each address: its file, its page, its links, its files), which the incremental
export uses to re-render only what shows a changed page and to remove what nothing links any more.

News lists are rendered with their pages numbered from the oldest article (news.pagination), so a
new article changes the list's first page and not every numbered page. Addresses become files:
``/tk/news/`` → ``tk/news/index.html``; the index's filters and page numbers become folders
(``tk/news/_type-news/_topic-x/_page-2/index.html``); everything else keeps its path. A link to
what the copy cannot hold (forms, search, the admin) goes to the live site, or in the onion copy
nowhere; forms become a short notice.
"""

import json
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urljoin, urlsplit

from bs4 import BeautifulSoup
from django.conf import settings
from django.template.loader import render_to_string
from django.test import Client, override_settings
from django.utils import translation
from django.utils.translation import gettext

from news.pagination import oldest_first_numbering

STATE_FILE = ".mirror-state.json"
# Query parameters the news index understands, in the order they become folders.
INDEX_PARAMETERS = ("type", "topic", "page")
# Paths of the live site that are never copied: forms, search, the admin, document downloads.
LIVE_ONLY = re.compile(
    r"^/(admin|documents|django-admin)/|^/[a-z]{2}/(search|campaigns|newsletter|donations|contact)/"
)
LINK_ATTRIBUTES = (("a", "href"), ("link", "href"), ("img", "src"), ("script", "src"), ("source", "src"))
SRCSET_TAGS = ("img", "source")
CSS_URL = re.compile(r"url\(\s*(['\"]?)([^'\")]+)\1\s*\)")
CSP_HOSTLESS = re.compile(r"^('[^']*'|data:|blob:)$")
# Directives a <meta> policy cannot carry, or that would break a copy served over plain http (onion).
CSP_DROPPED = {"frame-ancestors", "report-uri", "report-to", "sandbox", "upgrade-insecure-requests"}


@dataclass
class Flavour:
    """Which copy is made: ``live_url`` is where forms and search link (empty: nowhere, the onion copy);
    ``absolute_base`` replaces the site's address in feeds and the sitemap."""

    name: str
    live_url: str
    absolute_base: str

    @classmethod
    def clearnet(cls):
        return cls("clearnet", settings.SITE_URL, settings.SITE_URL)

    @classmethod
    def onion(cls):
        return cls("onion", "", f"http://{settings.ONION_ADDRESS}")


@dataclass
class Entry:
    """One exported address: its file, the page it shows (if any), its links and the files it uses."""

    file: str
    page_id: int | None = None
    links: list[str] = field(default_factory=list)
    assets: list[str] = field(default_factory=list)


def file_for(url: str) -> str | None:
    """The copy's file for a site-relative address (path and query), or None when it is not copied."""
    parts = urlsplit(url)
    path = parts.path
    if not path.startswith("/") or LIVE_ONLY.match(path) or ".." in path:
        return None
    query = parse_qsl(parts.query, keep_blank_values=True)
    if query:
        if not path.endswith("/") or any(name not in INDEX_PARAMETERS for name, _ in query):
            return None
        values = dict(query)
        folders = [f"_{name}-{values[name]}" for name in INDEX_PARAMETERS if values.get(name)]
        if any("/" in folder or folder.strip(".") != folder for folder in folders):
            return None
        path = path + "".join(folder + "/" for folder in folders)
    if path.endswith("/"):
        path += "index.html"
    return path.lstrip("/")


def canonical_url(url: str) -> str:
    """The address a file stands for: the index's parameters always in the same order."""
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    ordered = "&".join(f"{name}={query[name]}" for name in INDEX_PARAMETERS if query.get(name))
    return parts.path + (f"?{ordered}" if ordered else "")


def relative(from_file: str, to_file: str, fragment: str = "") -> str:
    start = posixpath.dirname(from_file) or "."
    link = posixpath.relpath(to_file, start)
    return link + (f"#{fragment}" if fragment else "")


class Renderer:
    """Renders addresses of the site and turns them into files of one flavour of the copy."""

    def __init__(self, flavour: Flavour):
        self.flavour = flavour
        site = urlsplit(settings.SITE_URL)
        self.site_origin = f"{site.scheme}://{site.netloc}"
        self.host = site.netloc or "localhost"
        self.client = Client(HTTP_HOST=self.host, headers={"x-forwarded-proto": site.scheme or "http"})
        self.static_url = settings.STATIC_URL if settings.STATIC_URL.startswith("/") else ""
        self.media_url = settings.MEDIA_URL

    def site_path(self, url: str, base: str) -> str | None:
        """``url`` (as written in a page at ``base``) as a path on this site, or None if elsewhere."""
        if url.startswith(("mailto:", "tel:", "data:", "javascript:", "#")):
            return None
        absolute = urljoin(self.site_origin + base, url)
        if not absolute.startswith(self.site_origin + "/"):
            return None
        return absolute[len(self.site_origin) :]

    def render(self, url: str):
        """The response for ``url``: status, content type, body, CSP header."""
        with override_settings(PAGE_CACHE_SECONDS=0), translation.override(None), oldest_first_numbering():
            response = self.client.get(url, secure=self.site_origin.startswith("https"))
        body = b"".join(response) if response.streaming else response.content
        return (
            response.status_code,
            response.get("Content-Type", ""),
            body,
            response.get("Content-Security-Policy", ""),
        )

    def asset_file(self, path: str) -> str | None:
        """The copy's file of a static file or a media file (image rendition) path."""
        clean = urlsplit(path).path
        if self.static_url and clean.startswith(self.static_url):
            return clean.lstrip("/")
        if self.media_url.startswith("/") and clean.startswith(self.media_url):
            return clean.lstrip("/")
        return None

    def media_file(self, url: str) -> str | None:
        """A media file on another host (a bucket): its copy's file under the media prefix."""
        if self.media_url.startswith(("http://", "https://")) and url.startswith(self.media_url):
            return "media/" + urlsplit(url).path[len(urlsplit(self.media_url).path) :].lstrip("/")
        return None

    def page(self, url: str, body: bytes, csp: str, file: str):
        """Rewrite one HTML page; returns (bytes, site links to follow, asset files it uses)."""
        soup = BeautifulSoup(body, "html.parser")
        links: set[str] = set()
        assets: dict[str, str] = {}
        language = (soup.html.get("lang") if soup.html else None) or settings.LANGUAGE_CODE
        self.remove_reading_count(soup)
        with translation.override(language):
            for tag_name, attribute in LINK_ATTRIBUTES:
                for tag in soup.find_all(tag_name, attrs={attribute: True}):
                    tag[attribute] = self.rewrite(tag[attribute], url, file, links, assets, tag)
            for tag in soup.find_all(SRCSET_TAGS, attrs={"srcset": True}):
                candidates = []
                for candidate in tag["srcset"].split(","):
                    bits = candidate.strip().split(None, 1)
                    if bits:
                        bits[0] = self.rewrite(bits[0], url, file, links, assets, None)
                        candidates.append(" ".join(bits))
                tag["srcset"] = ", ".join(candidates)
            for tag in soup.find_all("meta", attrs={"content": True}):
                if tag["content"].startswith(self.site_origin + "/") or self.media_file(tag["content"]):
                    tag["content"] = self.rewrite(tag["content"], url, file, links, assets, None)
            self.replace_forms(soup, url)
            self.add_csp(soup, csp)
        return str(soup).encode("utf-8"), links, assets

    @staticmethod
    def remove_reading_count(soup):
        """A copy counts no reads: the live site's beacon address (site.js reads it from <body>)
        and its <noscript> image would ask the mirror's origin, or the live site, for nothing."""
        for tag in soup.find_all(attrs={"data-count-url": True}):
            del tag["data-count-url"]
        for image in soup.find_all("img", class_="count-pixel"):
            (image.find_parent("noscript") or image).decompose()

    def rewrite(self, value, url, file, links, assets, tag):
        media = self.media_file(value)
        if media:
            assets[media] = value
            return relative(file, media)
        path = self.site_path(value, url)
        if path is None:
            if self.flavour.live_url or not value.startswith(("http://", "https://")):
                return value
            if urlsplit(value).hostname and urlsplit(value).hostname.endswith(".onion"):
                return value
            return self.unlink(tag, value)
        asset = self.asset_file(path)
        if asset:
            assets[asset] = path
            return relative(file, asset)
        target = file_for(path)
        if target is None:
            return self.live_link(path, tag, value)
        links.add(canonical_url(path))
        return relative(file, target, urlsplit(value).fragment)

    def live_link(self, path, tag, value):
        if self.flavour.live_url:
            return self.flavour.live_url + path
        return self.unlink(tag, value)

    @staticmethod
    def unlink(tag, value):
        """The onion copy links to no other host: the link keeps its text and loses its address."""
        if tag is not None and tag.name == "a":
            del tag["href"]
            return None
        return ""

    def replace_forms(self, soup, url):
        for form in soup.find_all("form"):
            if "help-form" in (form.get("class") or []):
                # The help page shows the organisation's safer channels instead (issue 19).
                form.replace_with(self.help_channels(url))
                continue
            notice = soup.new_tag("p", attrs={"class": "mirror-notice"})
            action = self.site_path(form.get("action") or url, url) or url
            search = form.get("method", "get").lower() == "get" and "/search/" in action
            text = (
                gettext("Search works on the live site only.")
                if search
                else gettext("This copy cannot send forms: fill this one in on the live site.")
            )
            notice.append(text)
            if self.flavour.live_url:
                notice.append(" ")
                link = soup.new_tag(
                    "a", href=self.flavour.live_url + (urlsplit(action).path if search else url)
                )
                link.string = gettext("Open the live site") if search else gettext("Open the form")
                notice.append(link)
            form.replace_with(notice)

    def help_channels(self, url):
        from home.models import OrganisationDetails

        html = render_to_string(
            "mirrors/help_channels.html",
            {
                "organisation": OrganisationDetails.for_language(translation.get_language()),
                "live_url": self.flavour.live_url + url if self.flavour.live_url else "",
            },
        )
        notice = BeautifulSoup(html, "html.parser")
        if not self.flavour.live_url:  # the onion copy links to no other host
            for link in notice.find_all("a", href=re.compile(r"^https?://")):
                if not (urlsplit(link["href"]).hostname or "").endswith(".onion"):
                    self.unlink(link, link["href"])
        return notice

    def add_csp(self, soup, header):
        if not header or soup.head is None:
            return
        directives = []
        for directive in header.split(";"):
            bits = directive.split()
            if not bits or bits[0] in CSP_DROPPED:
                continue
            sources = [source for source in bits[1:] if CSP_HOSTLESS.match(source)] or ["'none'"]
            directives.append(" ".join([bits[0], *sources]))
        meta = soup.new_tag(
            "meta", attrs={"http-equiv": "Content-Security-Policy", "content": "; ".join(directives)}
        )
        soup.head.insert(0, meta)

    def absolute_text(self, body: bytes) -> bytes:
        """Feeds and the sitemap keep absolute addresses, of the flavour's own site."""
        if self.flavour.absolute_base == settings.SITE_URL:
            return body
        return body.replace(self.site_origin.encode(), self.flavour.absolute_base.encode())

    def css(self, path: str, data: bytes, file: str, assets: dict):
        """Files a stylesheet points at (fonts, images) are copied too; their links stay relative."""
        text = data.decode("utf-8", "replace")
        for match in CSS_URL.finditer(text):
            target = match.group(2)
            if target.startswith(("data:", "#", "http:", "https:")):
                continue
            absolute = urljoin(path, target.split("#")[0].split("?")[0])
            asset = self.asset_file(absolute)
            if asset:
                assets[asset] = absolute


def load_state(root: Path) -> dict[str, Entry]:
    try:
        raw = json.loads((root / STATE_FILE).read_text())
    except (FileNotFoundError, ValueError):
        return {}
    return {url: Entry(**entry) for url, entry in raw.items()}


def save_state(root: Path, state: dict[str, Entry]):
    data = {url: entry.__dict__ for url, entry in sorted(state.items())}
    (root / STATE_FILE).write_text(json.dumps(data, ensure_ascii=False, indent=0))


def seed_urls() -> dict[str, int | None]:
    """The addresses every crawl starts from: live public pages (with their ids), robots, sitemap, feeds."""
    from wagtail.models import Page, Site

    seeds = fixed_seeds()
    site = Site.objects.filter(is_default_site=True).first()
    for page in Page.objects.live().public().filter(depth__gt=1).specific(defer=True):
        parts = page.get_url_parts()
        if parts is None or (site and parts[0] != site.pk):
            continue
        seeds[canonical_url(parts[2])] = page.pk
    return seeds


def fixed_seeds() -> dict[str, None]:
    """The addresses that are no page: robots.txt, the sitemap, each language's feeds."""
    seeds: dict[str, None] = {"/robots.txt": None, "/sitemap.xml": None}
    for code, _name in settings.LANGUAGES:
        seeds[f"/{code}/feeds/news.rss"] = None
        seeds[f"/{code}/feeds/news.atom"] = None
    return seeds
