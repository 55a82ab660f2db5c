"""Where the counts go: Redis (a hash of counters), then the database (written by the worker).

* ``add_to_redis``: a process's counts, as HINCRBY commands in one pipeline (one round trip).
* ``move_to_database`` (worker, every minute): the hash is renamed (atomic: views counted from
  then on go into a new hash), read, written with one upsert per page, language and day (rows
  in one multi-row statement) and deleted. A worker that stops between the commit and the delete
  leaves the renamed hash behind, and the next run adds it again: only that one batch can be
  counted twice, and nothing is ever lost.
* ``roll_up`` (worker, daily): daily rows older than READERSHIP_DAILY_DAYS are summed per month.

Each counter's field is ``day|page id|language``: nothing else exists to store.
"""

import functools
from datetime import date, timedelta

import redis
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from hhd_site.redis_connection import CircuitBreakerConnection

from .models import ReadingCount

CHUNK = 1000


@functools.cache
def _client_for(url):
    return redis.Redis.from_url(
        url,
        socket_timeout=0.5,
        socket_connect_timeout=0.5,
        connection_class=CircuitBreakerConnection,
    )


def redis_client():
    """The Redis client of the counts, or None without READERSHIP_REDIS_URL (development)."""
    url = settings.READERSHIP_REDIS_URL
    return _client_for(url) if url else None


def counts_key():
    return settings.READERSHIP_REDIS_KEY


def moving_key():
    return f"{settings.READERSHIP_REDIS_KEY}:moving"


def field(day, page_id, language):
    return f"{day.isoformat()}|{page_id}|{language}"


def parse_field(raw):
    day, page_id, language = raw.decode().split("|")
    return date.fromisoformat(day), int(page_id), language


def add_to_redis(counters):
    """One round trip: every counter of ``counters`` ({(day, page id, language): n}) added."""
    pipe = redis_client().pipeline(transaction=False)
    for (day, page_id, language), number in counters.items():
        pipe.hincrby(counts_key(), field(day, page_id, language), number)
    pipe.execute()


def add_to_database(counters):
    """Add ``counters`` to the daily rows: one statement per CHUNK counters. Page ids that match
    no page (made up, or the page was deleted since) are dropped. Returns the rows written."""
    items = [(page_id, language, day, number) for (day, page_id, language), number in counters.items()]
    written = 0
    table = ReadingCount._meta.db_table
    for start in range(0, len(items), CHUNK):
        chunk = items[start : start + CHUNK]
        values = ", ".join(["(%s::integer, %s::varchar, %s::date, %s::integer)"] * len(chunk))
        sql = (
            f"INSERT INTO {table} (page_id, language, day, monthly, count) "  # noqa: S608 - no value in it
            f"SELECT v.page_id, v.language, v.day, false, v.count FROM (VALUES {values}) "
            "AS v(page_id, language, day, count) JOIN wagtailcore_page p ON p.id = v.page_id "
            "ON CONFLICT (page_id, language, day, monthly) "
            f"DO UPDATE SET count = {table}.count + EXCLUDED.count"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [value for item in chunk for value in item])
            written += cursor.rowcount
    return written


def move_to_database():
    """The worker's job: counts from Redis into the database. Returns the views moved.

    Without Redis the web processes write to the database themselves (readership.buffer)."""
    client = redis_client()
    if client is None:
        return 0
    if not client.exists(moving_key()):
        try:
            client.rename(counts_key(), moving_key())
        except redis.ResponseError:  # no such key: nobody read anything since the last run
            return 0
    raw = client.hgetall(moving_key())
    counters = {parse_field(name): int(number) for name, number in raw.items()}
    with transaction.atomic():
        add_to_database(counters)
    client.delete(moving_key())
    return sum(counters.values())


def first_monthly_day(today=None):
    """Daily rows before this day are summed per month (whole months only)."""
    today = today or timezone.localdate()
    return (today - timedelta(days=settings.READERSHIP_DAILY_DAYS)).replace(day=1)


def roll_up(today=None):
    """Sum the daily rows older than READERSHIP_DAILY_DAYS into monthly rows. Returns the rows removed."""
    limit = first_monthly_day(today)
    old = ReadingCount.objects.filter(monthly=False, day__lt=limit)
    with transaction.atomic():
        months = (
            old.annotate(month=TruncMonth("day"))
            .values("page_id", "language", "month")
            .annotate(total=Sum("count"))
            .order_by()
        )
        for row in months:
            updated = ReadingCount.objects.filter(
                page_id=row["page_id"], language=row["language"], day=row["month"], monthly=True
            ).select_for_update()
            existing = updated.first()
            if existing:
                existing.count += row["total"]
                existing.save(update_fields=["count"])
            else:
                ReadingCount.objects.create(
                    page_id=row["page_id"],
                    language=row["language"],
                    day=row["month"],
                    monthly=True,
                    count=row["total"],
                )
        removed, _detail = old.delete()
    return removed
