"""RSS 2.0 and Atom feeds of the news and statements of one language, and of one topic in it.

The feed's language is the URL's (``/ru/feeds/news.rss``). A feed holds the latest
live, public articles and statements of that language, newest first by their date;
a topic feed the same, filed under that topic or one of its translations (a
translated page may still point at the source language's topic).
"""

import datetime
import uuid
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from hhd_site.public_url import public_url

from .models import ARTICLE_KINDS, NewsIndexPage, Topic, newest_first, specific_articles

FEED_LENGTH = 20


@dataclass
class FeedSource:
    """What one request's feed is made of: its language, its topic (if any) and its entries."""

    request: object
    locale: Locale
    topic: Topic | None = None
    topics_by_key: dict = field(default_factory=dict)
    entries: list = field(default_factory=list)
    link: str = ""


@dataclass
class FeedEntry:
    """An article or statement as a feed shows it: the page, its address, its id and its topic names."""

    page: Page
    url: str
    guid: str
    categories: list


def latest_article_pks(locale, topic=None, limit=FEED_LENGTH):
    """Primary keys of the latest live, public, non-alias articles and statements of a locale.

    Newest first by date, then by primary key. One query (and one for the private sections).
    """
    private = Page.objects.all().private_q()
    querysets = []
    for model in ARTICLE_KINDS.values():
        queryset = model.objects.live().filter(locale=locale, alias_of__isnull=True).exclude(private)
        if topic is not None:
            queryset = queryset.filter(topics__translation_key=topic.translation_key)
        querysets.append(queryset)
    return [pk for pk, _date in newest_first(querysets)[:limit]]


def start_of_day(date):
    """Midnight at the start of ``date`` in the site's time zone (settings.TIME_ZONE)."""
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time()))


class NewsFeed(Feed):
    """RSS 2.0 feed of the latest news and statements in the language of the URL."""

    feed_type = Rss201rev2Feed

    def get_object(self, request, slug=None):
        try:
            locale = Locale.objects.get(language_code=get_language())
        except Locale.DoesNotExist as error:
            raise Http404("No content in this language.") from error
        topics = list(Topic.objects.filter(locale=locale))
        topic = None
        if slug is not None:
            topic = next((topic for topic in topics if topic.slug == slug), None)
            if topic is None:
                raise Http404("No such topic in this language.")
        source = FeedSource(
            request=request,
            locale=locale,
            topic=topic,
            topics_by_key={topic.translation_key: topic for topic in topics},
        )
        source.link = self.index_url(source)
        source.entries = self.entries(source)
        return source

    def index_url(self, source):
        """The news index of the feed's language (filtered by the topic), else that language's home."""
        index = (
            NewsIndexPage.objects.live()
            .filter(locale=source.locale, alias_of__isnull=True)
            .order_by("path")
            .first()
        )
        url = index.get_url(source.request) if index is not None else None
        if url is None:
            return f"/{source.locale.language_code}/"
        if source.topic is not None:
            url += "?" + urlencode({"topic": source.topic.slug})
        return url

    def entries(self, source):
        """The feed's articles, each with its address and its topics in the feed's language.

        A fixed number of queries whatever the number of entries: page URLs come from
        Wagtail's site root paths, cached on the request.
        """
        entries = []
        for page in specific_articles(latest_article_pks(source.locale, source.topic)):
            url = page.get_url(source.request)
            if url is None:
                continue  # outside every site: no address to link to
            entries.append(
                FeedEntry(
                    page=page,
                    url=url,
                    # Stable when the page is renamed or moved: one UUID per page (translation key
                    # + language), the same whichever host name the feed was fetched under.
                    guid=f"urn:uuid:{uuid.uuid5(page.translation_key, source.locale.language_code)}",
                    categories=[topic.name for topic in page.localized_topics(source.topics_by_key)],
                )
            )
        return entries

    # --- The channel ---------------------------------------------------------

    def title(self, source):
        if source.topic is not None:
            return _("Hak Hukuga Daýanç — %(topic)s") % {"topic": source.topic.name}
        return _("Hak Hukuga Daýanç — news and statements")

    def description(self, source):
        if source.topic is not None:
            return _("News and statements of Hak Hukuga Daýanç on the topic “%(topic)s”.") % {
                "topic": source.topic.name
            }
        return _("News and statements of Hak Hukuga Daýanç, a Turkmen human-rights organisation.")

    def subtitle(self, source):
        # Atom's counterpart of the RSS description.
        return self.description(source)

    def link(self, source):
        return public_url(source.link)

    def feed_url(self, source):
        return public_url(source.request.path)

    def author_name(self, source):
        return settings.WAGTAIL_SITE_NAME

    def items(self, source):
        return source.entries

    # --- Each entry ----------------------------------------------------------

    def item_title(self, entry):
        # Plain text: the feed generator escapes it for XML once, as Atom's text titles need.
        return entry.page.title

    def item_description(self, entry):
        # Both feed types declare the description as HTML; the summary is plain text.
        return escape(entry.page.summary)

    def item_link(self, entry):
        return public_url(entry.url)

    def item_guid(self, entry):
        return entry.guid

    item_guid_is_permalink = False

    def item_pubdate(self, entry):
        return start_of_day(entry.page.date)

    def item_updateddate(self, entry):
        published = start_of_day(entry.page.date)
        last_published = entry.page.last_published_at
        return max(published, last_published) if last_published else published

    def item_author_name(self, entry):
        return entry.page.source or None

    def item_categories(self, entry):
        return entry.categories


class NewsAtomFeed(NewsFeed):
    """Atom feed of the latest news and statements in the language of the URL."""

    feed_type = Atom1Feed
