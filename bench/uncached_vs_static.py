#!/usr/bin/env python
"""Uncached news page vs static file: requests/s of each on one server, and their ratio.

Usage: .venv/bin/python bench/uncached_vs_static.py [--duration 30] [--worker-connections N ...]

Sets up the production-like site of bench/server.py (PostgreSQL ``hhd_bench``, Redis db 15,
migrate, seed_demo, collectstatic, gunicorn with ``hhd_site/gunicorn.conf.py`` on 127.0.0.1)
with the page cache off (``PAGE_CACHE_SECONDS=0``), then runs wrk for ``--duration`` seconds
against the first Russian news page (every request renders it: Wagtail, templates, PostgreSQL)
and as long against the hashed stylesheet (whitenoise, a precompressed file: what the server
costs with nothing of the site in it). It prints requests/s, p99 and errors of each, the ratio
static ÷ article, and the gunicorn workers' CPU for each run (bench/workers.py): CPUs used, each
worker's share and connections; a run in which one worker had more than 70% of the CPU time is
flagged, as it measured one worker on one CPU rather than the site.

``--worker-connections N`` (repeatable; ``conf`` = hhd_site/gunicorn.conf.py's value) runs the
pair once per value on a fresh gunicorn, e.g. ``--worker-connections conf --worker-connections
1000`` compares the configuration with gunicorn's default. Only 127.0.0.1 is targeted; the run
stops at ``--time-limit`` and always cleans up.
"""

import argparse
import shutil
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

import http_load  # noqa: E402 - bench/http_load.py: wrk and its report parser
import server  # noqa: E402 - bench/server.py, beside this file
import workers  # noqa: E402 - bench/workers.py: per-worker CPU


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=30, help="seconds of wrk per target (default 30)")
    parser.add_argument("--warmup", type=int, default=2, help="unrecorded seconds of wrk first (default 2)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections (default 16)")
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: hhd_site/gunicorn.conf.py's)")
    parser.add_argument(
        "--worker-connections",
        action="append",
        metavar="N|conf",
        help="gunicorn's worker_connections; repeatable, one server each (default: conf)",
    )
    parser.add_argument("--path", help="the page (default: the first Russian news page)")
    parser.add_argument(
        "--time-limit", type=int, help="seconds after which the run stops (default: computed)"
    )
    args = parser.parse_args(argv)
    if not 1 <= args.duration <= 300 or not 0 <= args.warmup <= 30:
        parser.error("--duration must be 1..300 and --warmup 0..30 seconds")
    args.worker_connections = args.worker_connections or ["conf"]
    for value in args.worker_connections:
        if value != "conf" and not (value.isdigit() and int(value) > 0):
            parser.error(f"--worker-connections {value!r}: a positive number or conf")
    if args.path:
        server.check_paths(parser, [args.path])
    return args


def main(argv):
    server.ensure_venv()
    args = parse_args(argv)
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: install it with `apt-get install -y wrk` (Debian) and run again")
    servers = len(args.worker_connections)
    time_limit = args.time_limit or 240 + servers * (30 + 2 * (args.warmup + args.duration + 10))

    def log(message):
        print(message, flush=True)

    log(
        f"uncached_vs_static: wrk -t{args.threads} -c{args.connections} -d{args.duration}s per target, "
        f"PAGE_CACHE_SECONDS=0, {servers} server(s); stops after {time_limit} s at most"
    )
    rows = []
    started = time.monotonic()
    try:
        with server.BenchSite(workers=args.workers, time_limit=time_limit, log=log) as site:
            count, threads = site.sizing()
            for value in args.worker_connections:
                extra_env = {} if value == "conf" else {"GUNICORN_WORKER_CONNECTIONS": value}
                connections = workers.gunicorn_setting(site, "worker_connections", extra_env)
                setting = f"{connections}" + (" (conf)" if value == "conf" else "")
                log(f"gunicorn: {count} workers x {threads} threads, worker_connections {setting}")
                with site.serve(0, extra_env=extra_env) as base:
                    pages = site.discover(base)
                    targets = [
                        ("article", args.path or pages["news page"] or "/ru/news/"),
                        ("static", pages["static css"]),
                    ]
                    for label, path in targets:
                        if path is None:
                            raise server.BenchError(f"no {label} to measure on the site")
                        url = server.target_url(base, path)
                        status, headers, _body = server.fetch(url)
                        if status != 200:
                            raise server.BenchError(f"{path} answered {status}")
                        if args.warmup:
                            http_load.wrk(url, args, args.warmup)
                        cpu = workers.WorkerCPU(site.server.pid, port=urlsplit(base).port).start()
                        try:
                            output = http_load.wrk(url, args, args.duration)
                        finally:
                            summary = cpu.stop()
                        row = {
                            "setting": setting,
                            "label": label,
                            "path": path,
                            "cpu": summary,
                            "probe": server.cache_header(headers),
                            **http_load.parse_wrk(output),
                        }
                        rows.append(row)
                        log(
                            f"  {label} {path}: {row['rps']:,.0f} requests/s, p99 {row['p99_ms']:.1f} ms, "
                            f"{http_load.cpu_text(summary)}"
                        )
                        if workers.flag_text(summary):
                            log(f"    {workers.flag_text(summary)}")
    except (server.BenchError, server.TimeLimitReached) as error:
        sys.exit(f"uncached_vs_static: {error}")
    except KeyboardInterrupt:
        sys.exit("uncached_vs_static: interrupted; cleaned up")

    print()
    table = []
    for row in rows:
        article = next(r["rps"] for r in rows if r["setting"] == row["setting"] and r["label"] == "article")
        socket_errors = sum(row["socket_errors"].values())
        table.append(
            [
                row["setting"],
                row["label"],
                row["path"],
                f"{row['rps']:,.0f}",
                f"{row['p99_ms']:.1f}",
                row["non_2xx_3xx"],
                socket_errors,
                f"{row['rps'] / article:.1f}" if row["label"] == "static" and article else "",
                f"{row['cpu']['cpus_used']:.2f}" if row["cpu"].get("available") else "n/a",
                workers.shares_text(row["cpu"]) + (" !" if row["cpu"].get("one_worker") else ""),
                workers.connections_text(row["cpu"].get("connections")),
                row["probe"],
            ]
        )
    server.print_table(
        [
            "worker_connections",
            "target",
            "path",
            "req/s",
            "p99 ms",
            "non-2xx/3xx",
            "socket err",
            "static ÷ article",
            "CPUs",
            "worker CPU %",
            "conns/worker",
            "cache hdr",
        ],
        table,
        right={3, 4, 5, 6, 7, 8},
    )
    for row in rows:
        if workers.flag_text(row["cpu"]):
            print(f"\n{row['setting']} {row['label']}: {workers.flag_text(row['cpu'])}")
    print(f"\n{len(rows)} runs in {time.monotonic() - started:.0f} s (set-up included)")
    failed = any(row["non_2xx_3xx"] or sum(row["socket_errors"].values()) for row in rows)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
