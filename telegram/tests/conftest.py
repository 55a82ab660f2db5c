"""Fixtures of the Telegram tests: a fake Bot API on loopback and the settings that point at it."""

import pytest
from django.test import TestCase

from news.factories import NewsIndexPageFactory, NewsPageFactory

from .fake_bot_api import FakeBotApi

TOKEN = "123456:TEST-token-that-must-never-be-logged"  # noqa: S105 - a test value


@pytest.fixture
def bot_api(settings):
    """The fake Bot API, and the settings of a site with Turkmen and Russian channels."""
    api = FakeBotApi().start()
    settings.TELEGRAM_API_BASE_URL = api.base_url
    settings.TELEGRAM_BOT_TOKEN = TOKEN
    settings.TELEGRAM_CHANNELS = {"tk": "@hhd_tk", "ru": "@hhd_ru"}
    settings.TELEGRAM_TIMEOUT_SECONDS = 5
    settings.SITE_URL = "https://hhd.example"
    yield api
    api.stop()


@pytest.fixture
def news_index(site_tree):
    return NewsIndexPageFactory(parent=site_tree.homes["tk"])


def draft_article(parent, **fields):
    """A news article that has never been published (publishing it sends ``page_published``)."""
    return NewsPageFactory(parent=parent, live=False, first_published_at=None, **fields)


def publish(page):
    """Publish the page's latest content, running what waits for the commit (the task's enqueue)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        revision = page.save_revision()
        revision.publish()
    return revision
