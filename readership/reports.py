"""What editors see of the counts: a page's last 90 days and totals, and the most read pages.

A count below ``PRIVACY_FLOOR`` (10) is shown as "fewer than 10": with a handful of readers,
an exact number could help someone guess who read a page.
"""

from datetime import timedelta

from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import ReadingCount

PRIVACY_FLOOR = 10
DAYS_SHOWN = 90


def shown(count):
    """The number as editors see it."""
    return _("fewer than 10") if count < PRIVACY_FLOOR else count


def page_days(page, today=None):
    """``(days, totals)``: per day of the last 90 (newest first) the views per language, and
    per language the total of every day and month kept. Two queries."""
    today = today or timezone.localdate()
    first = today - timedelta(days=DAYS_SHOWN - 1)
    rows = ReadingCount.objects.filter(page=page, monthly=False, day__gte=first, day__lte=today).values_list(
        "day", "language", "count"
    )
    by_day = {}
    for day, language, count in rows:
        by_day.setdefault(day, {})[language] = count
    days = []
    for offset in range(DAYS_SHOWN):
        day = today - timedelta(days=offset)
        languages = by_day.get(day, {})
        days.append({"day": day, "views": shown(sum(languages.values())) if languages else 0})
    totals = [
        {"language": row["language"], "views": shown(row["total"])}
        for row in ReadingCount.objects.filter(page=page)
        .values("language")
        .annotate(total=Sum("count"))
        .order_by("-total", "language")
    ]
    return days, totals


def most_read(first, last, limit=50):
    """The most read pages between ``first`` and ``last`` (days, included), with their title: one
    query. Monthly rows count when their month starts in the period."""
    rows = (
        ReadingCount.objects.filter(day__gte=first, day__lte=last)
        .values("page_id", "page__title", "language")
        .annotate(total=Sum("count"))
        .order_by("-total", "page__title", "language")[:limit]
    )
    return [
        {
            "page_id": row["page_id"],
            "title": row["page__title"],
            "language": row["language"],
            "views": shown(row["total"]),
        }
        for row in rows
    ]
