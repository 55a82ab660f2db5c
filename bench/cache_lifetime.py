#!/usr/bin/env python
"""Cache lifetime: one cached page under wrk for minutes, past many expiries and publishes.

Usage: .venv/bin/python bench/cache_lifetime.py [--duration 180] [--lifetime 30] [--publish-every 20]

Sets up the production-like site of bench/server.py (PostgreSQL ``hhd_bench``, Redis db 15,
migrate, seed_demo, collectstatic, gunicorn with ``hhd_site/gunicorn.conf.py`` on 127.0.0.1)
with ``PAGE_CACHE_SECONDS=--lifetime``, then runs wrk against one page (the first Russian news
page, or ``--path``) for ``--duration`` seconds while the page is published again every
``--publish-every`` seconds (``manage.py shell`` against the bench database: a new revision,
published as the admin does, so the page cache's purge runs). It reports requests/s, p99
latency, errors, and how many times the page was rendered.

Renders are counted from gunicorn's log: the page cache middleware logs
``page cache: rendered <path> (<status>)`` at DEBUG level for every page it renders for the
cache (gunicorn runs with ``LOG_LEVEL=DEBUG`` for the application, its own log level stays
``info``). A cache that stays a cache renders the page about once per lifetime and once per
publish, whatever the load: the report compares the count with that.

Only 127.0.0.1 is targeted; the run stops at ``--time-limit`` and always cleans up.
"""

import argparse
import json
import math
import re
import shutil
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import http_load  # noqa: E402 - bench/http_load.py: wrk's report parser
import probe as latency_probe  # noqa: E402 - bench/probe.py: requests placed in time
import server  # noqa: E402 - bench/server.py, beside this file

RENDERED = "page cache: rendered "
# gunicorn's own lines when it replaces a worker that reached max_requests.
WORKER_EVENTS = ("Autorestarting worker", "Booting worker")

PUBLISH = """
from wagtail.models import Page
path = {path!r}
page = next(p for p in Page.objects.live().specific() if p.get_url() == path)
page.save_revision().publish()
print("PUBLISHED", page.pk)
"""


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=180, help="seconds of load (default 180)")
    parser.add_argument("--lifetime", type=int, default=30, help="PAGE_CACHE_SECONDS (default 30)")
    parser.add_argument(
        "--publish-every", type=int, default=20, help="seconds between publishes (default 20)"
    )
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument("--connections", type=int, default=32, help="wrk connections (default 32)")
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: hhd_site/gunicorn.conf.py's)")
    parser.add_argument("--path", help="the page to load (default: the first Russian news page)")
    parser.add_argument(
        "--probe-threads", type=int, default=4, help="threads of the timed probe beside wrk (default 4)"
    )
    parser.add_argument(
        "--probe-interval", type=float, default=0.05,
        help="seconds between a probe thread's requests (default 0.05: 80 requests/s in all)",
    )  # fmt: skip
    parser.add_argument(
        "--gunicorn-args", default="", help="more gunicorn options, e.g. '--max-requests 0' (default none)"
    )
    parser.add_argument(
        "--time-limit", type=int, help="seconds after which the run stops (default: computed)"
    )
    args = parser.parse_args(argv)
    if not 10 <= args.duration <= 600 or not 1 <= args.lifetime <= 3600 or args.publish_every < 5:
        parser.error("--duration 10..600, --lifetime 1..3600 and --publish-every >= 5 seconds")
    if args.path:
        server.check_paths(parser, [args.path])
    return args


def renders_of(log_path, path):
    """[(unix time, status)] of the middleware's render lines for ``path`` in gunicorn's log."""
    found = []
    for line in server.tail(log_path, 10_000_000).splitlines():
        if RENDERED not in line:
            continue
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        message = entry.get("message", "")
        if message.startswith(RENDERED + path + " ("):
            when = datetime.fromisoformat(entry["time"]).timestamp() if entry.get("time") else 0.0
            found.append((when, message.rsplit("(", 1)[1].rstrip(")")))
    return found


def log_time(line):
    """The unix time of a gunicorn log line: a JSON line's "time", or gunicorn's own "[date time zone]"."""
    try:
        entry = json.loads(line)
        return datetime.fromisoformat(entry["time"]).timestamp()
    except (ValueError, KeyError, TypeError):
        pass
    match = re.match(r"\[(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) ([+-]\d{4})\]", line)
    if match:
        return datetime.strptime(f"{match[1]} {match[2]}", "%Y-%m-%d %H:%M:%S %z").timestamp()
    return None


def worker_events(log_path):
    """[(unix time, event)] of gunicorn's worker replacements in its log."""
    found = []
    for line in server.tail(log_path, 10_000_000).splitlines():
        for event in WORKER_EVENTS:
            if event in line:
                when = log_time(line)
                if when is not None:
                    found.append((when, event.split()[0].lower()))
    return found


def wrk_command(url, args):
    return [
        "wrk",
        f"-t{args.threads}",
        f"-c{args.connections}",
        f"-d{args.duration}s",
        "--timeout",
        "5s",
        "--latency",
        "-H",
        "Accept-Encoding: gzip",
        server.require_loopback(url),
    ]


def main(argv):
    server.ensure_venv()
    args = parse_args(argv)
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: install it with `apt-get install -y wrk` (Debian) and run again")
    time_limit = args.time_limit or 300 + args.duration

    def log(message):
        print(message, flush=True)

    log(
        f"cache_lifetime: wrk -t{args.threads} -c{args.connections} -d{args.duration}s, "
        f"PAGE_CACHE_SECONDS={args.lifetime}, a publish every {args.publish_every} s; "
        f"stops after {time_limit} s at most"
    )
    try:
        with server.BenchSite(workers=args.workers, time_limit=time_limit, log=log) as site:
            workers, threads = site.sizing()
            log(f"gunicorn: {workers} workers x {threads} threads (gthread)")
            gunicorn_args = f"--log-level info {args.gunicorn_args}".strip()
            extra_env = {"LOG_LEVEL": "DEBUG", "GUNICORN_CMD_ARGS": gunicorn_args}
            with site.serve(args.lifetime, extra_env=extra_env) as base:
                path = args.path or site.discover(base)["news page"] or "/ru/"
                url = server.target_url(base, path)
                probes = [server.cache_header(server.fetch(url)[1]) for _ in range(2)]
                log(f"page {path}: probes {', '.join(probes)}")
                before = len(renders_of(site.server_log, path))
                ignored_before = site.log_count("Exception ignored")
                started, started_at = time.monotonic(), time.time()
                events_before = len(worker_events(site.server_log))
                probe = latency_probe.Probe(url, threads=args.probe_threads, interval=args.probe_interval)
                with open(site.tmp / "wrk.txt", "w+") as out, probe:
                    wrk = subprocess.Popen(wrk_command(url, args), stdout=out, stderr=subprocess.STDOUT)  # noqa: S603 - wrk on loopback
                    publishes = []
                    try:
                        next_publish = started + args.publish_every
                        while wrk.poll() is None:
                            if (
                                time.monotonic() >= next_publish
                                and time.monotonic() < started + args.duration - 2
                            ):
                                began = time.monotonic() - started
                                site.manage("shell", "-c", PUBLISH.format(path=path), timeout=60)
                                publishes.append((began, time.monotonic() - started))
                                log(f"  {began:5.1f}-{publishes[-1][1]:5.1f} s: published {path}")
                                next_publish += args.publish_every
                            time.sleep(0.2)
                        wrk.wait(timeout=args.duration + 30)
                    finally:
                        if wrk.poll() is None:
                            wrk.kill()
                            wrk.wait()
                    out.seek(0)
                    report = out.read()
                if wrk.returncode != 0:
                    raise server.BenchError(f"wrk failed: {report.strip()}")
                time.sleep(1)  # the last log lines
                rendered = renders_of(site.server_log, path)[before:]
                redis_errors = site.log_count("Exception ignored") - ignored_before
                restarts = site.log_count("Autorestarting worker")
                events = worker_events(site.server_log)[events_before:]
    except (server.BenchError, server.TimeLimitReached) as error:
        sys.exit(f"cache_lifetime: {error}")
    except KeyboardInterrupt:
        sys.exit("cache_lifetime: interrupted; cleaned up")

    result = http_load.parse_wrk(report)
    renders = {}
    for _when, status in rendered:
        renders[status] = renders.get(status, 0) + 1
    expected = math.ceil(args.duration / args.lifetime) + len(publishes)
    print()
    server.print_table(
        [
            "path",
            "seconds",
            "lifetime",
            "publishes",
            "req/s",
            "p99 ms",
            "non-2xx/3xx",
            "renders",
            "expected ≤",
        ],
        [
            [
                path,
                args.duration,
                args.lifetime,
                len(publishes),
                f"{result['rps']:,.0f}",
                f"{result['p99_ms']:.1f}",
                result["non_2xx_3xx"],
                len(rendered),
                expected,
            ]
        ],
        right={1, 2, 3, 4, 5, 6, 7, 8},
    )
    print(f"\nrenders by status: {renders or '{}'}; requests: {result['requests']:,}")
    print("wrk's report:\n" + report.strip())
    print("renders at (s): " + " ".join(f"{when - started_at:.1f}" for when, _status in rendered))
    print(
        "publishes at (s, from the command's start to its end): "
        + " ".join(f"{began:.1f}-{ended:.1f}" for began, ended in publishes)
    )
    print(f"worker restarts (max_requests): {restarts}")
    print(
        f"probe ({len(probe.samples):,} timed requests beside wrk): p50 {probe.percentile(0.5):.1f} ms, "
        f"p99 {probe.percentile(0.99):.1f} ms, p99.9 {probe.percentile(0.999):.1f} ms, "
        f"max {probe.percentile(1.0):.1f} ms, failed {sum(not isinstance(x[2], int) for x in probe.samples)}"
    )
    slow = probe.slow_seconds()
    print(f"probe: seconds with requests over {probe.slow_ms:.0f} ms (second: count, worst ms):")
    print("  " + (" ".join(f"{at}:{count},{worst:.0f}" for at, (count, worst) in slow.items()) or "none"))
    happened = " ".join(f"{when - started_at:.0f}{event[0]}" for when, event in events) or "none"
    print(f"worker events at (s): {happened}  (a: autorestart after max_requests, b: a new worker booting)")
    print(f"Redis errors ignored by django-redis (each may make a miss): {redis_errors}")
    print(
        f"expected: about one render per lifetime ({args.duration} / {args.lifetime} s) and one per "
        f"publish ({len(publishes)}), i.e. at most {expected}"
    )
    return 0 if len(rendered) <= expected + 1 and not result["non_2xx_3xx"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
