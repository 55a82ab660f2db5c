#!/usr/bin/env python
"""HTTP load: requests per second and p99 latency of hhd-site's pages under wrk, page cache on and off.

Usage: .venv/bin/python bench/http_load.py [--duration 10] [--path /ru/some/page/ ...]

One command sets everything up (bench/server.py: database ``hhd_bench``, Redis db 15,
migrate, seed_demo, collectstatic, production settings), serves the site with gunicorn
and ``hhd_site/gunicorn.conf.py`` on 127.0.0.1, and runs wrk against each target:
the hashed stylesheet (the yardstick: whitenoise serving a precompressed file), the home
page, the news index, a news page, a campaign page when the site has one, and every
``--path`` -- first with the page cache on (``PAGE_CACHE_SECONDS=300``), then off
(``PAGE_CACHE_SECONDS=0``, gunicorn restarted). Every target gets a short unrecorded
warm-up and is probed twice first; the table's last column is the cache header
(``X-…Cache…``) of the second probe, so a cache that does not work shows.

Each run also reports the gunicorn workers' CPU (bench/workers.py): how many CPUs they used
together, each worker's share of their CPU time and the connections each held; a run in which one
worker had more than 70% of it is flagged (it measured one worker on one CPU, not the site).
``--worker-connections N`` runs gunicorn with that ``worker_connections`` instead of
``hhd_site/gunicorn.conf.py``'s (1000 is gunicorn's default, before issue 16 finding 7).

Only 127.0.0.1 and localhost are targeted. Each wrk run lasts ``--duration`` seconds; the
whole run stops at ``--time-limit`` and always cleans up (gunicorn stopped, database
dropped, Redis db 15 flushed, temporary files removed), also on Ctrl-C.
Needs wrk (Debian: ``apt-get install -y wrk``), PostgreSQL and Redis on 127.0.0.1.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

import server  # noqa: E402 - bench/server.py, beside this file
import workers  # noqa: E402 - bench/workers.py: per-worker CPU

CACHE_ON_SECONDS = 300
# gunicorn's line when a worker reaches max_requests (hhd_site/gunicorn.conf.py) and is replaced.
RESTART = "Autorestarting worker"
UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
UNITS_BYTES = {"B": 1, "KB": 1024, "MB": 1024**2, "GB": 1024**3, "TB": 1024**4}


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per target (default 10)")
    parser.add_argument("--warmup", type=int, default=1, help="unrecorded seconds of wrk first (default 1)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument("--connections", type=int, default=32, help="wrk connections (default 32)")
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: hhd_site/gunicorn.conf.py's)")
    parser.add_argument(
        "--worker-connections",
        type=int,
        help="gunicorn's worker_connections (default: hhd_site/gunicorn.conf.py's)",
    )
    parser.add_argument(
        "--cache", choices=("both", "on", "off"), default="both", help="page cache runs (default both)"
    )
    parser.add_argument(
        "--path",
        action="append",
        default=[],
        metavar="PATH",
        help="another page to measure (a path, or a full 127.0.0.1/localhost URL); repeatable",
    )
    parser.add_argument(
        "--time-limit", type=int, help="seconds after which the run stops (default: computed)"
    )
    args = parser.parse_args(argv)
    if not 1 <= args.duration <= 120 or not 0 <= args.warmup <= 30:
        parser.error("--duration must be 1..120 and --warmup 0..30 seconds")
    server.check_paths(parser, args.path)
    return args


def wrk(url, args, duration, script=None):
    """wrk's report on one URL (text); the run is bounded by its duration plus a margin.
    ``script``: a Lua file that makes the requests (then it sets its own headers)."""
    extra = ["-s", str(script)] if script else ["-H", "Accept-Encoding: gzip"]
    command = [
        "wrk",
        f"-t{args.threads}",
        f"-c{args.connections}",
        f"-d{duration}s",
        "--timeout",
        "5s",
        "--latency",
        *extra,
        server.require_loopback(url),
    ]
    try:
        result = subprocess.run(  # noqa: S603 - wrk against our own loopback server
            command, capture_output=True, text=True, timeout=duration + 20
        )
    except subprocess.TimeoutExpired:
        raise server.BenchError(f"wrk on {url} did not finish within {duration + 20} s") from None
    if result.returncode != 0:
        raise server.BenchError(f"wrk on {url} failed: {result.stderr.strip() or result.stdout.strip()}")
    return result.stdout


def parse_wrk(output):
    """requests/s, p99 in ms, bytes per response, non-2xx/3xx count and socket errors from wrk's report."""
    rps = float(re.search(r"^Requests/sec:\s+([\d.]+)", output, re.M).group(1))
    p99 = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s|m|h)\s*$", output, re.M)
    total = re.search(r"^\s+(\d+) requests in [\d.]+\w+, ([\d.]+)([KMGT]?B) read", output, re.M)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    requests = int(total.group(1)) if total else 0
    read_bytes = float(total.group(2)) * UNITS_BYTES[total.group(3)] if total else 0
    socket_errors = (
        dict(zip(("connect", "read", "write", "timeout"), map(int, sockets.groups()), strict=True))
        if sockets
        else {}
    )
    return {
        "rps": rps,
        "p99_ms": float(p99.group(1)) * UNITS_MS[p99.group(2)] if p99 else float("nan"),
        "bytes_per_response": read_bytes / requests if requests else 0,
        "requests": requests,
        "non_2xx_3xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": socket_errors,
    }


def page_cache_is_read():
    """Whether the settings read PAGE_CACHE_SECONDS at all (otherwise on and off are one server)."""
    settings_dir = server.ROOT / "hhd_site" / "settings"
    return any("PAGE_CACHE_SECONDS" in path.read_text() for path in settings_dir.glob("*.py"))


def measure(site, base, seconds, args, log):
    """Rows for every target on one running server."""
    pages = site.discover(base)
    targets = [(label, path) for label, path in pages.items() if label != "donation"]
    targets += [("--path", path) for path in args.path]
    rows = []
    for label, path in targets:
        if path is None:
            log(f"  {label}: none on the site yet, skipped")
            continue
        url = server.target_url(base, path)
        status = headers = None
        for _probe in range(2):
            status, headers, _body = server.fetch(url)
        row = {"label": label, "path": path, "cache": f"on ({seconds} s)" if seconds else "off"}
        row["probe"] = server.cache_header(headers)
        if not 200 <= status < 400:
            log(f"  {label} {path}: answered {status}, not measured")
            rows.append({**row, "status": status})
            continue
        if args.warmup:
            wrk(url, args, args.warmup)
        restarts = site.log_count(RESTART)
        cpu = workers.WorkerCPU(site.server.pid, port=urlsplit(base).port).start()
        try:
            output = wrk(url, args, args.duration)
        finally:
            row["cpu"] = cpu.stop()
        row.update(parse_wrk(output), status=status)
        row["restarts"] = site.log_count(RESTART) - restarts
        log(
            f"  {label} {path}: {row['rps']:.0f} requests/s, p99 {row['p99_ms']:.1f} ms, "
            f"{cpu_text(row['cpu'])}"
        )
        if workers.flag_text(row["cpu"]):
            log(f"    {workers.flag_text(row['cpu'])}")
        rows.append(row)
    return rows


def cpu_text(summary):
    """'1.62 CPUs, workers 31 24 20 15 10 %, connections 4 4 3 3 2, 40 TCP accepts' (a log line)."""
    if not summary.get("available"):
        return "worker CPU n/a"
    return (
        f"{summary['cpus_used']:.2f} CPUs, workers {workers.shares_text(summary)} %, "
        f"connections {workers.connections_text(summary['connections'])}, "
        f"{summary['accepted'] if summary['accepted'] is not None else 'n/a'} TCP accepts"
    )


def report(rows):
    static_rps = {row["cache"]: row["rps"] for row in rows if row["label"] == "static css" and "rps" in row}
    table = []
    for row in rows:
        if "rps" not in row:
            table.append([row["path"], row["label"], row["cache"], f"HTTP {row['status']}", *[""] * 10])
            continue
        socket_errors = sum(row["socket_errors"].values())
        socket_detail = ",".join(f"{k} {v}" for k, v in row["socket_errors"].items() if v)
        base = static_rps.get(row["cache"])
        table.append(
            [
                row["path"],
                row["label"],
                row["cache"],
                f"{row['rps']:,.0f}",
                f"{row['p99_ms']:.1f}" if row["requests"] else "-",
                f"{row['bytes_per_response'] / 1024:.1f}",
                row["non_2xx_3xx"],
                f"{socket_errors} ({socket_detail})" if socket_errors else "0",
                f"{row['rps'] / base:.3f}" if base else "-",
                row["restarts"],
                row["probe"],
                f"{row['cpu']['cpus_used']:.2f}" if row["cpu"].get("available") else "n/a",
                workers.shares_text(row["cpu"]) + (" !" if row["cpu"].get("one_worker") else ""),
                workers.connections_text(row["cpu"].get("connections")),
            ]
        )
    server.print_table(
        [
            "path",
            "page",
            "page cache",
            "req/s",
            "p99 ms",
            "KB/resp",
            "non-2xx/3xx",
            "socket errors",
            "÷ static",
            "worker restarts",
            "cache hdr",
            "CPUs",
            "worker CPU %",
            "conns/worker",
        ],
        table,
        right={3, 4, 5, 6, 8, 9, 11},
    )
    flagged = [row for row in rows if "cpu" in row and row["cpu"].get("one_worker")]
    for row in flagged:
        print(f"\n{row['path']} ({row['cache']}): {workers.flag_text(row['cpu'])}")


def main(argv):
    server.ensure_venv()
    args = parse_args(argv)
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: install it with `apt-get install -y wrk` (Debian) and run again")
    modes = {"both": [CACHE_ON_SECONDS, 0], "on": [CACHE_ON_SECONDS], "off": [0]}[args.cache]
    max_targets = 5 + len(args.path)
    # A safety net well above the expected time: set-up, server starts, wrk runs and their probes.
    time_limit = args.time_limit or 180 + len(modes) * (50 + max_targets * (args.warmup + args.duration + 6))
    expected = len(modes) * (max_targets - 1) * (args.warmup + args.duration + 1)

    def log(message):
        print(message, flush=True)

    log(
        f"http_load: wrk -t{args.threads} -c{args.connections} -d{args.duration}s "
        f"(+{args.warmup} s warm-up) per target; about {expected} s of load after set-up; "
        f"stops after {time_limit} s at most"
    )
    if not page_cache_is_read():
        log("note: hhd_site/settings do not read PAGE_CACHE_SECONDS yet: 'on' and 'off' run the same server")
    rows = []
    started = time.monotonic()
    try:
        with server.BenchSite(workers=args.workers, time_limit=time_limit, log=log) as site:
            count, threads = site.sizing()
            extra_env = {}
            if args.worker_connections:
                extra_env["GUNICORN_WORKER_CONNECTIONS"] = str(args.worker_connections)
            connections = workers.gunicorn_setting(site, "worker_connections", extra_env)
            log(
                f"gunicorn: {count} workers x {threads} threads (gthread), worker_connections "
                f"{connections}, {os.cpu_count()} CPUs"
            )
            for seconds in modes:
                log(f"page cache {'on' if seconds else 'off'}, PAGE_CACHE_SECONDS={seconds}:")
                with site.serve(seconds, extra_env=extra_env) as base:
                    rows += measure(site, base, seconds, args, log)
    except (server.BenchError, server.TimeLimitReached) as error:
        if rows:
            report(rows)
        sys.exit(f"http_load: {error}")
    except KeyboardInterrupt:
        sys.exit("http_load: interrupted; cleaned up")
    print()
    report(rows)
    if any(row.get("restarts") for row in rows):
        print(
            "\nworker restarts: gunicorn replaced workers that reached max_requests "
            "(hhd_site/gunicorn.conf.py) during that run; requests wait while a worker boots"
        )
    print(f"\n{len(rows)} measurements in {time.monotonic() - started:.0f} s (set-up included)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
