#!/usr/bin/env python
"""Mirror export: a full export of the demo site and of a site with N articles in four languages
(time, files, bytes, peak memory), and an incremental export after one publish.

Usage: .venv/bin/python bench/mirror_export.py [--articles 500] [--workdir /tmp/hhd-mirror-bench]

Runs on a SQLite database of its own in the work folder (development settings, no server, no
network): migrate, seed_demo, full export, one publish + incremental export; then adds
``--articles`` articles under each language's news index and measures both again. An incremental
export must not grow with the number of articles (it re-renders the article, its translations, its
ancestors with the index's pagination and filter pages, the feeds and the sitemap).
"""

import argparse
import json
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def measure(label, function, memory=True):
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
    from news.models import NewsIndexPage

    rows = [measure("demo full", services.export_everything)]

    def publish(title):
        """Publish without the handler's export (development settings run tasks inline)."""
        index = NewsIndexPage.objects.get(locale__language_code="ru")
        root, settings.MIRROR_EXPORT_ROOT = settings.MIRROR_EXPORT_ROOT, ""
        page = NewsPageFactory(parent=index, title=title)
        page.save_revision().publish()
        settings.MIRROR_EXPORT_ROOT = root
        return page

    def publish_one(title):
        page = publish(title)
        return lambda: services.export_pages([page.pk])

    rows.append(measure("demo incremental (one publish)", publish_one("Bench one"), memory=False))
    for index in NewsIndexPage.objects.all():
        for number in range(arguments.articles):
            NewsPageFactory(parent=index, title=f"Bench {index.locale.language_code} {number}")
    rows.append(measure(f"{arguments.articles}x4 full", services.export_everything))
    rows.append(
        measure(f"{arguments.articles}x4 incremental (one publish)", publish_one("Bench two"), memory=False)
    )
    (work / "results.json").write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
