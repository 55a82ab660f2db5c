#!/usr/bin/env python
"""Mirror export: a full export of the demo site and of a site with N articles in four languages
(time, files, bytes, peak memory), and an incremental export after one publish.

Usage: .venv/bin/python bench/mirror_export.py [--articles 500] [--heap] [--workdir /tmp/hhd-mirror-bench]

Runs on a SQLite database of its own in the work folder (development settings, no server, no
network): migrate, seed_demo, full export, one publish + incremental export; then adds articles
under each language's news index in two steps (a fifth of ``--articles``, then the rest) and
measures both again after each. An incremental export must not grow with the number of articles:
the copy numbers list pages from the oldest article (news.pagination), so one publish re-renders
the article, its ancestors, the first pages of the lists it is in, the feeds and the sitemap.
``--heap`` runs each full export a second time under tracemalloc for the peak of the Python heap
(it slows Python down several times); the process's peak RSS is reported always.
"""

import argparse
import datetime
import json
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def measure(label, function, memory=False):
    """Time without tracemalloc (it slows Python down several times); then, for the peak of the
    Python heap, the same run again under tracemalloc when ``memory``."""
    started = time.perf_counter()
    result = function()
    seconds = time.perf_counter() - started
    peak = 0
    if memory:
        tracemalloc.start()
        function()
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    flavour = result["clearnet"]
    row = {
        "run": label,
        "seconds": round(seconds, 2),
        "rendered": flavour["rendered"],
        "files": flavour["files"],
        "bytes": flavour["bytes"],
        "changed_files": len(flavour["changed"]),
        "peak_python_heap_mb": round(peak / 1e6, 1),
        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3, 1),
    }
    print(json.dumps(row))
    return row


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--heap", action="store_true", help="peak Python heap of full exports (slow)")
    parser.add_argument("--workdir", default=str(Path(tempfile.gettempdir()) / "hhd-mirror-bench"))
    arguments = parser.parse_args()
    work = Path(arguments.workdir)
    work.mkdir(parents=True, exist_ok=True)
    (work / "bench.sqlite3").unlink(missing_ok=True)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="hhd_site.settings.dev",
        DATABASE_URL=f"sqlite:///{work / 'bench.sqlite3'}",
        MIRROR_EXPORT_ROOT=str(work / "export"),
        MEDIA_ROOT=str(work / "media"),
        LOG_LEVEL="WARNING",
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from io import StringIO

    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test Client's host check
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]
    settings.MEDIA_ROOT = str(work / "media")
    call_command("migrate", verbosity=0)
    call_command("seed_demo", "--no-admin", stdout=StringIO())
    import shutil

    shutil.rmtree(work / "export", ignore_errors=True)
    from mirrors import services
    from news.factories import NewsPageFactory
    from news.models import NewsIndexPage, NewsPage

    rows = [measure("demo full", services.export_everything, memory=arguments.heap)]

    def publish(title):
        """Publish the newest article without the handler's export (development settings run tasks
        inline); the export is measured on its own."""
        index = NewsIndexPage.objects.get(locale__language_code="ru")
        newest = max(NewsPage.objects.values_list("date", flat=True))
        root, settings.MIRROR_EXPORT_ROOT = settings.MIRROR_EXPORT_ROOT, ""
        page = NewsPageFactory(parent=index, title=title, date=newest + datetime.timedelta(days=1))
        page.save_revision().publish()
        settings.MIRROR_EXPORT_ROOT = root
        return page

    def publish_one(title):
        page = publish(title)
        return lambda: services.export_pages([page.pk])

    rows.append(measure("demo incremental (one publish)", publish_one("Bench one")))
    added = 0
    for target in sorted({max(arguments.articles // 5, 1), arguments.articles}):
        for index in NewsIndexPage.objects.all():
            for number in range(added, target):
                NewsPageFactory(parent=index, title=f"Bench {index.locale.language_code} {number}")
        added = target
        rows.append(measure(f"{target}x4 full", services.export_everything, memory=arguments.heap))
        rows.append(measure(f"{target}x4 incremental (one publish)", publish_one(f"Bench {target}")))
    (work / "results.json").write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
