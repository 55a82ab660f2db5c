"""The bot token is in every Bot API URL: no log line, task result or error a moderator sees
may hold it, whatever the API answers (ok, 429, 5xx, 400, no connection) and whatever fails.

Every logger is captured at DEBUG (tests/log_capture.py, as for personal data), before the
production filter could mask anything."""

import pytest

from telegram.models import ChannelPost
from telegram.services import send_due_posts
from tests import log_capture

from .conftest import TOKEN, draft_article, publish

logs = log_capture.logs  # the fixture

pytestmark = pytest.mark.django_db

NEEDLES = [TOKEN, TOKEN.split(":")[1], f"bot{TOKEN}"]


def assert_token_absent(entries):
    assert entries, "nothing was captured"
    for logger_name, _level, text in entries:
        for needle in NEEDLES:
            assert needle not in text, f"the token in a record of {logger_name}: {text[:500]}"


def test_no_answer_of_the_api_puts_the_token_into_a_log_or_a_row(bot_api, news_index, logs, settings):
    settings.TELEGRAM_RETRY_ATTEMPTS = 2
    bot_api.answers = [
        bot_api.too_many(3),
        bot_api.ok(),
        bot_api.server_error(),
        bot_api.server_error(),
        bot_api.bad_request(),
    ]
    for _ in range(3):
        publish(draft_article(news_index))
    import datetime

    from django.utils import timezone

    send_due_posts(now=timezone.now() + datetime.timedelta(hours=1))
    send_due_posts(now=timezone.now() + datetime.timedelta(hours=2))
    assert sorted(ChannelPost.objects.values_list("state", flat=True)) == ["failed", "failed", "posted"]
    settings.TELEGRAM_API_BASE_URL = "http://127.0.0.1:9"  # refused
    publish(draft_article(news_index))
    settings.TELEGRAM_API_BASE_URL = "http://bot-api.invalid"  # no such host
    publish(draft_article(news_index))

    assert any("telegram" in name for name, _level, _text in logs.entries)
    assert_token_absent(logs.entries)
    for error in ChannelPost.objects.values_list("error", flat=True):
        assert all(needle not in error for needle in NEEDLES)


def test_a_crash_while_sending_logs_no_token(bot_api, news_index, logs, monkeypatch):
    """An exception escaping the task is logged with its traceback (by django-tasks): it must not
    carry the URL either."""
    from telegram import bot_api as client

    def broken_urlopen(request, timeout):
        raise RuntimeError(f"unexpected failure of {type(request).__name__}")

    monkeypatch.setattr(client.urllib.request, "urlopen", broken_urlopen)
    publish(draft_article(news_index))
    assert any(level == "ERROR" for _name, level, _text in logs.entries)
    assert_token_absent(logs.entries)
