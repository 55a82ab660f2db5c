"""The feeds of the news app, included under each language prefix: ``/ru/feeds/news.rss``."""

from django.urls import path, re_path
from django.views.decorators.cache import cache_control

from .feeds import NewsAtomFeed, NewsFeed

app_name = "news"

# The same for every visitor, so shared caches (and the CDN) may keep them for a while.
public = cache_control(public=True, max_age=300)

# Topic slugs may hold Turkmen (or any) letters, which `<slug:>` would refuse.
urlpatterns = [
    path("news.rss", public(NewsFeed()), name="feed_rss"),
    path("news.atom", public(NewsAtomFeed()), name="feed_atom"),
    re_path(r"^topic/(?P<slug>[-\w]+)\.rss\Z", public(NewsFeed()), name="topic_feed_rss"),
    re_path(r"^topic/(?P<slug>[-\w]+)\.atom\Z", public(NewsAtomFeed()), name="topic_feed_atom"),
]
