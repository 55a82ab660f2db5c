#!/usr/bin/env python
"""Reading counts: beacon requests/s, and cached page views with their beacon vs a static file.

Usage: .venv/bin/python bench/reading_counts.py [--duration 20] [--time-limit S]

Sets up the production-like site of bench/server.py (PostgreSQL ``hhd_bench``, Redis db 15,
migrate, seed_demo, collectstatic, gunicorn with ``hhd_site/gunicorn.conf.py`` on 127.0.0.1)
with the page cache on (``PAGE_CACHE_SECONDS=300``) and the beacon's per-address limit lifted
(every wrk connection comes from 127.0.0.1). Then wrk runs for ``--duration`` seconds on each of:

* ``static``: the hashed stylesheet (whitenoise, precompressed): the yardstick;
* ``cached page``: the first Russian news page from the page cache, no beacon;
* ``beacon``: ``POST /count/<page>/ru/`` as navigator.sendBeacon sends it (counted: a browser's
  User-Agent, ``Sec-Fetch-Site: same-origin``);
* ``page + beacon``: what a reader with JavaScript costs: each wrk connection alternates the
  cached page and its beacon (a Lua script), so half the requests are views and half beacons.

It prints requests/s, p99 and errors of each and the ratios to the static file (``page +
beacon`` as requests/s, the issue's measure, and as views/s), then checks that the views the
beacons counted reached Redis (the flush runs every ~2 s; the worker is not started here).
Only 127.0.0.1 is targeted; the run stops at ``--time-limit`` and always cleans up.
"""

import argparse
import shutil
import sys
import time
from pathlib import Path

import redis

sys.path.insert(0, str(Path(__file__).resolve().parent))

import http_load  # noqa: E402 - bench/http_load.py: wrk and its report parser
import server  # noqa: E402 - bench/server.py, beside this file

BROWSER = (
    "Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36"
)
COUNTS_KEY = "hhd:readership:counts"
LUA = """
local page, beacon = "{page}", "{beacon}"
local ua = "{ua}"
local n = 0
request = function()
  n = n + 1
  if {mode} == 1 or ({mode} == 2 and n % 2 == 0) then
    return wrk.format("POST", beacon, {{["User-Agent"] = ua, ["Sec-Fetch-Site"] = "same-origin",
      ["Content-Length"] = "0"}}, "")
  end
  return wrk.format("GET", page, {{["User-Agent"] = ua, ["Accept-Encoding"] = "gzip"}})
end
"""


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=20, help="seconds of wrk per target (default 20)")
    parser.add_argument("--warmup", type=int, default=2, help="unrecorded seconds of wrk first (default 2)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections (default 16)")
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: hhd_site/gunicorn.conf.py's)")
    parser.add_argument(
        "--time-limit", type=int, help="seconds after which the run stops (default: computed)"
    )
    args = parser.parse_args(argv)
    if not 1 <= args.duration <= 300 or not 0 <= args.warmup <= 30:
        parser.error("--duration must be 1..300 and --warmup 0..30 seconds")
    return args


def counted_in_redis():
    client = redis.Redis.from_url(server.REDIS_URL, socket_timeout=5)
    return sum(int(value) for value in client.hvals(COUNTS_KEY))


def main(argv):
    server.ensure_venv()
    args = parse_args(argv)
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: install it with `apt-get install -y wrk` (Debian) and run again")
    time_limit = args.time_limit or 300 + 4 * (args.warmup + args.duration + 10)

    def log(message):
        print(message, flush=True)

    log(
        f"reading_counts: wrk -t{args.threads} -c{args.connections} -d{args.duration}s per target, "
        f"PAGE_CACHE_SECONDS=300; stops after {time_limit} s at most"
    )
    rows = []
    started = time.monotonic()
    try:
        with server.BenchSite(workers=args.workers, time_limit=time_limit, log=log) as site:
            extra_env = {"READERSHIP_BEACONS_PER_MINUTE": "1000000000"}
            with site.serve(300, extra_env=extra_env) as base:
                pages = site.discover(base)
                page = pages["news page"] or "/ru/news/"
                status, _headers, html = server.fetch(server.target_url(base, page))
                marker = 'data-count-url="'
                if status != 200 or marker not in html:
                    raise server.BenchError(f"{page} answered {status} without its counting address")
                beacon = html.split(marker, 1)[1].split('"', 1)[0]
                server.fetch(server.target_url(base, page))  # now in the page cache
                scripts = {}
                for mode, name in ((0, "page"), (1, "beacon"), (2, "mixed")):
                    path = site.tmp / f"reading-counts-{name}.lua"
                    path.write_text(LUA.format(page=page, beacon=beacon, ua=BROWSER, mode=mode))
                    scripts[name] = path
                targets = [
                    ("static", pages["static css"], None),
                    ("cached page", page, scripts["page"]),
                    ("beacon", beacon, scripts["beacon"]),
                    ("page + beacon", page, scripts["mixed"]),
                ]
                before = counted_in_redis()
                for label, path, script in targets:
                    url = server.target_url(base, path)
                    if args.warmup:
                        http_load.wrk(url, args, args.warmup, script)
                    output = http_load.wrk(url, args, args.duration, script)
                    row = {"label": label, "path": path, **http_load.parse_wrk(output)}
                    rows.append(row)
                    log(f"  {label} {path}: {row['rps']:,.0f} requests/s, p99 {row['p99_ms']:.1f} ms")
                time.sleep(3)  # the last flush of every worker (READERSHIP_FLUSH_SECONDS)
                counted = counted_in_redis() - before
                # Beacons: the beacon run's requests, half of the mixed run's, and the warm-ups.
    except (server.BenchError, server.TimeLimitReached) as error:
        sys.exit(f"reading_counts: {error}")
    except KeyboardInterrupt:
        sys.exit("reading_counts: interrupted; cleaned up")

    static = rows[0]["rps"]
    table = []
    for row in rows:
        ratio = row["rps"] / static if static else 0
        views = row["rps"] / 2 if row["label"] == "page + beacon" else None
        table.append(
            [
                row["label"],
                row["path"],
                f"{row['rps']:,.0f}",
                f"{row['p99_ms']:.1f}",
                row["non_2xx_3xx"],
                sum(row["socket_errors"].values()),
                f"{ratio:.2f}",
                f"{views:,.0f} ({views / static:.2f})" if views else "",
            ]
        )
    print()
    server.print_table(
        ["target", "path", "req/s", "p99 ms", "non-2xx/3xx", "socket err", "÷ static", "views/s (÷ static)"],
        table,
        right={2, 3, 4, 5, 6},
    )
    recorded = next(r for r in rows if r["label"] == "beacon")["requests"]
    recorded += next(r for r in rows if r["label"] == "page + beacon")["requests"] // 2
    print(
        f"\nviews counted in Redis during the runs: {counted:,} (recorded beacons {recorded:,}, "
        f"plus those of the warm-ups)"
    )
    print(f"{len(rows)} runs in {time.monotonic() - started:.0f} s (set-up included)")
    failed = (
        any(row["non_2xx_3xx"] or sum(row["socket_errors"].values()) for row in rows) or counted < recorded
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
