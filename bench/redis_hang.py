#!/usr/bin/env python
"""Cached pages while Redis hangs: requests/s, p99 and errors before, during and after a hang.

Usage: .venv/bin/python bench/redis_hang.py [--phase 30] [--worker-connections N]

Sets up the production-like site of bench/server.py (PostgreSQL ``hhd_bench``, Redis db 15,
migrate, seed_demo, collectstatic), then starts gunicorn (``hhd_site/gunicorn.conf.py``,
``PAGE_CACHE_SECONDS=30``) with ``REDIS_URL`` pointing at a TCP proxy on loopback in front of
the real Redis (tests/fault_proxy.py's ``FaultProxy``; the real Redis is never touched). wrk
loads one cached page (the first Russian news page, or ``--path``) in three phases of
``--phase`` seconds: the proxy passes, then hangs (accepts connections, forwards nothing,
closes nothing: a Redis that hangs), then passes again. Between the phases only the proxy's
mode changes; the server keeps running.

Per phase it prints requests/s, p50/p99, non-2xx answers and socket errors of wrk, what a probe
request every half second got (status and ``X-Page-Cache``: hit, miss, stale) and its slowest
answer, and the gunicorn workers' CPU (bench/workers.py). Expected, with the Redis circuit
breaker (hhd_site/redis_connection.py: a 0.5 s timeout, then fail fast for 5 s) and the page
cache (caching/middleware.py): every request answered during the hang, rendered from the
database (``miss``) at the uncached page's rate, a request per worker and breaker period paying
the 0.5 s timeout; back to cached rates after it. Exit status 1 on any non-2xx answer or socket
error. Only 127.0.0.1 is targeted; the run stops at ``--time-limit`` and always cleans up.
"""

import argparse
import re
import shutil
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

import http_load  # noqa: E402 - bench/http_load.py: wrk and its report parser
import server  # noqa: E402 - bench/server.py, beside this file
import workers  # noqa: E402 - bench/workers.py: per-worker CPU

sys.path.insert(0, str(server.ROOT))
from tests.fault_proxy import FaultProxy  # noqa: E402 - the fault tests' proxy

REDIS_PORT = 6379
PHASES = (("before", "pass"), ("hang", "hang"), ("after", "pass"))
# What the site logs when Redis fails (hhd_site/circuit.py, caching/middleware.py).
LOG_LINES = ("redis unavailable", "page cache unavailable", "served stale")


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--phase", type=int, default=30, help="seconds of each phase (default 30)")
    parser.add_argument("--lifetime", type=int, default=30, help="PAGE_CACHE_SECONDS (default 30)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections (default 16)")
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: hhd_site/gunicorn.conf.py's)")
    parser.add_argument(
        "--worker-connections",
        type=int,
        help="gunicorn's worker_connections (default: hhd_site/gunicorn.conf.py's)",
    )
    parser.add_argument("--path", help="the page (default: the first Russian news page)")
    parser.add_argument(
        "--time-limit", type=int, help="seconds after which the run stops (default: computed)"
    )
    args = parser.parse_args(argv)
    if not 5 <= args.phase <= 300 or not 1 <= args.lifetime <= 3600:
        parser.error("--phase must be 5..300 and --lifetime 1..3600 seconds")
    if args.path:
        server.check_paths(parser, [args.path])
    return args


class Prober(threading.Thread):
    """One GET every ``every`` seconds: (phase, seconds into the run, status, cache header, latency)."""

    def __init__(self, url, every=0.5):
        super().__init__(name="prober", daemon=True)
        self.url = url
        self.every = every
        self.phase = None
        self.results = []
        self.started = time.monotonic()
        self._done = threading.Event()

    def run(self):
        while not self._done.wait(self.every):
            phase, began = self.phase, time.monotonic()
            try:
                status, headers, _body = server.fetch(self.url, timeout=10)
                header = server.cache_header(headers)
            except OSError as error:
                status, header = type(error).__name__, "-"
            self.results.append((phase, began - self.started, status, header, time.monotonic() - began))

    def stop(self):
        self._done.set()
        self.join(timeout=15)


def probe_text(results):
    """'200 hit 55, 200 miss 4' per (status, cache header)."""
    counts = {}
    for _phase, _at, status, header, _latency in results:
        counts[f"{status} {header}"] = counts.get(f"{status} {header}", 0) + 1
    return ", ".join(f"{key} {n}" for key, n in sorted(counts.items(), key=lambda kv: -kv[1])) or "-"


def main(argv):
    server.ensure_venv()
    args = parse_args(argv)
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: install it with `apt-get install -y wrk` (Debian) and run again")
    time_limit = args.time_limit or 300 + 3 * (args.phase + 15)

    def log(message):
        print(message, flush=True)

    log(
        f"redis_hang: wrk -t{args.threads} -c{args.connections}, three phases of {args.phase} s "
        f"(Redis passes, hangs, passes), PAGE_CACHE_SECONDS={args.lifetime}; "
        f"stops after {time_limit} s at most"
    )
    rows = []
    proxy = prober = None
    try:
        with server.BenchSite(workers=args.workers, time_limit=time_limit, log=log) as site:
            proxy = FaultProxy(REDIS_PORT)
            extra_env = {"REDIS_URL": f"redis://127.0.0.1:{proxy.port}/15"}
            if args.worker_connections:
                extra_env["GUNICORN_WORKER_CONNECTIONS"] = str(args.worker_connections)
            count, threads = site.sizing()
            connections = workers.gunicorn_setting(site, "worker_connections", extra_env)
            log(
                f"gunicorn: {count} workers x {threads} threads, worker_connections {connections}; "
                f"Redis through a proxy on 127.0.0.1:{proxy.port}"
            )
            with site.serve(args.lifetime, extra_env=extra_env) as base:
                path = args.path or site.discover(base)["news page"] or "/ru/news/"
                url = server.target_url(base, path)
                probes = [server.cache_header(server.fetch(url)[1]) for _ in range(2)]
                log(f"page {path}: probes {', '.join(probes)}")
                http_load.wrk(url, args, 2)  # warm-up, unrecorded
                logged = {line: site.log_count(line) for line in LOG_LINES}
                prober = Prober(url)
                prober.start()
                for phase, mode in PHASES:
                    proxy.mode = mode
                    prober.phase = phase
                    log(f"  {time.monotonic() - prober.started:5.1f} s: proxy {mode}, phase {phase}")
                    cpu = workers.WorkerCPU(site.server.pid, port=urlsplit(base).port).start()
                    try:
                        output = http_load.wrk(url, args, args.phase)
                    finally:
                        summary = cpu.stop()
                    row = {"phase": phase, "mode": mode, "cpu": summary, **http_load.parse_wrk(output)}
                    p50 = re.search(r"^\s+50%\s+([\d.]+)(us|ms|s|m|h)\s*$", output, re.M)
                    row["p50_ms"] = float(p50.group(1)) * http_load.UNITS_MS[p50.group(2)] if p50 else 0
                    rows.append(row)
                    log(
                        f"    {row['rps']:,.0f} requests/s, p99 {row['p99_ms']:.1f} ms, "
                        f"non-2xx {row['non_2xx_3xx']}, {http_load.cpu_text(summary)}"
                    )
                proxy.mode = "pass"
                prober.stop()
                time.sleep(1)  # the last log lines
                logged = {line: site.log_count(line) - before for line, before in logged.items()}
    except (server.BenchError, server.TimeLimitReached) as error:
        sys.exit(f"redis_hang: {error}")
    except KeyboardInterrupt:
        sys.exit("redis_hang: interrupted; cleaned up")
    finally:
        if prober is not None:
            prober.stop()
        if proxy is not None:
            proxy.close()

    print()
    table = []
    for row in rows:
        probes = [result for result in prober.results if result[0] == row["phase"]]
        slowest = max((result[4] for result in probes), default=0.0)
        table.append(
            [
                row["phase"],
                row["mode"],
                f"{row['rps']:,.0f}",
                f"{row['p50_ms']:.1f}",
                f"{row['p99_ms']:.1f}",
                row["requests"],
                row["non_2xx_3xx"],
                sum(row["socket_errors"].values()),
                probe_text(probes),
                f"{slowest * 1000:.0f}",
                f"{row['cpu']['cpus_used']:.2f}" if row["cpu"].get("available") else "n/a",
                workers.shares_text(row["cpu"]) + (" !" if row["cpu"].get("one_worker") else ""),
            ]
        )
    server.print_table(
        [
            "phase",
            "Redis",
            "req/s",
            "p50 ms",
            "p99 ms",
            "requests",
            "non-2xx/3xx",
            "socket err",
            "probes (status, cache)",
            "slowest probe ms",
            "CPUs",
            "worker CPU %",
        ],
        table,
        right={2, 3, 4, 5, 6, 7, 9, 10},
    )
    for row in rows:
        if workers.flag_text(row["cpu"]):
            print(f"\n{row['phase']}: {workers.flag_text(row['cpu'])}")
    print(f"\nlog lines during the run: {', '.join(f'{k!r} {v}' for k, v in logged.items())}")
    failed = any(row["non_2xx_3xx"] or sum(row["socket_errors"].values()) for row in rows)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
