#!/usr/bin/env python
"""Signing under load: signatures per second, latency and errors, then a check that nothing was lost.

Usage: .venv/bin/python bench/campaign_signing.py [--duration 15] [--connections 32]

Sets up the production-like site of bench/server.py (PostgreSQL ``hhd_bench``, Redis db 15,
demo content with the passport amnesty appeal, gunicorn with hhd_site/gunicorn.conf.py on
127.0.0.1), then runs wrk for ``--duration`` seconds with ``--connections`` clients that POST
the campaign's signing form, each request with an address of its own. Every answer must be
the 303 "check your inbox"; the script then counts the rows in the database: every accepted
signature must be stored exactly once (one row per 303, no duplicate digests), and every
row must have its confirmation mail task queued.

In the same run, against the same gunicorn, database and settings, wrk POSTs to a minimal
Django view that inserts one row (bench/minimal_insert.py); the report gives the ratio
signing / minimal. The per-IP rate limit on signing is lifted for the run (everything comes
from 127.0.0.1); the form token is fetched from the page like a browser would.

Only 127.0.0.1 is targeted; the run stops at ``--time-limit`` and always cleans up.
Needs wrk (Debian: ``apt-get install -y wrk``), PostgreSQL and Redis on 127.0.0.1.
"""

import argparse
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))

import server  # noqa: E402 - bench/server.py, beside this file
from http_load import UNITS_MS, parse_wrk  # noqa: E402

# wrk's Lua: every request a new address (thread number and counter), statuses counted.
# thread_number and statuses are globals: wrk's thread:set/get reach only globals.
SIGNING_LUA = r"""
counter = 0
thread_number = 0
statuses = {}
local threads = {}
local body_prefix = "%(body_prefix)s"

function setup(thread)
  thread:set("thread_number", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  wrk.headers["Origin"] = "%(origin)s"
end

function request()
  counter = counter + 1
  local body = body_prefix .. "&email=bench-" .. thread_number .. "-" .. counter .. "%%40example.org"
  return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local merged = {}
  for _, thread in ipairs(threads) do
    local s = thread:get("statuses")
    for code, n in pairs(s) do merged[code] = (merged[code] or 0) + n end
  end
  for code, n in pairs(merged) do io.write(string.format("STATUS %%d %%d\n", code, n)) end
end
"""

MINIMAL_LUA = r"""
local counter = 0
function init(args)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end
function request()
  counter = counter + 1
  return wrk.format(nil, nil, nil, "value=row-" .. counter)
end
"""


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=15, help="seconds of load per target (default 15)")
    parser.add_argument("--connections", type=int, default=32, help="concurrent clients (default 32)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: hhd_site/gunicorn.conf.py's)")
    parser.add_argument(
        "--time-limit", type=int, help="seconds after which the run stops (default: computed)"
    )
    args = parser.parse_args(argv)
    if not 1 <= args.duration <= 300:
        parser.error("--duration must be 1..300 seconds")
    return args


def run_wrk(url, script, args):
    command = [
        "wrk",
        f"-t{args.threads}",
        f"-c{args.connections}",
        f"-d{args.duration}s",
        "--timeout",
        "10s",
        "--latency",
        "-s",
        str(script),
        server.require_loopback(url),
    ]
    try:
        result = subprocess.run(  # noqa: S603 - wrk against our own loopback server
            command, capture_output=True, text=True, timeout=args.duration + 30
        )
    except subprocess.TimeoutExpired:
        raise server.BenchError(f"wrk on {url} did not finish in time") from None
    if result.returncode != 0:
        raise server.BenchError(f"wrk on {url} failed: {result.stderr.strip() or result.stdout.strip()}")
    return result.stdout


def p50_ms(output):
    match = re.search(r"^\s+50%\s+([\d.]+)(us|ms|s|m|h)\s*$", output, re.M)
    return float(match.group(1)) * UNITS_MS[match.group(2)] if match else float("nan")


def statuses(output):
    return {int(code): int(n) for code, n in re.findall(r"^STATUS (\d+) (\d+)$", output, re.M)}


def signing_form(base, campaign_path):
    """The page's form: its action and token, as a browser would get them."""
    status, _headers, html = server.fetch(server.target_url(base, campaign_path))
    if status != 200:
        raise server.BenchError(f"{campaign_path} answered {status}")
    action = re.search(r'action="(/[a-z]{2}/campaigns/\d+/sign/)"', html)
    token = re.search(r'name="form_token" value="([^"]+)"', html)
    if not (action and token):
        raise server.BenchError("the campaign page has no signing form")
    return action.group(1), token.group(1)


def database_check(site):
    """Rows, distinct digests and queued mail tasks, read from the database after the run."""
    code = (
        "from campaigns.models import Signature\n"
        "from django_tasks_db.models import DBTaskResult\n"
        "rows = Signature.objects.count()\n"
        "digests = Signature.objects.values('email_digest').distinct().count()\n"
        "tasks = DBTaskResult.objects.filter(task_path='campaigns.tasks.send_signature_mail').count()\n"
        "print(f'CHECK {rows} {digests} {tasks}')\n"
    )
    output = site.manage("shell", "-c", code, timeout=120)
    rows, digests, tasks = map(int, re.search(r"^CHECK (\d+) (\d+) (\d+)$", output, re.M).groups())
    return rows, digests, tasks


def create_minimal_table():
    import psycopg

    with psycopg.connect(**{**server.PG_ADMIN, "dbname": server.DB_NAME}, autocommit=True) as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS bench_minimal_row (id bigserial PRIMARY KEY, value text)")
        conn.execute("TRUNCATE bench_minimal_row")


def minimal_rows():
    import psycopg

    with psycopg.connect(**{**server.PG_ADMIN, "dbname": server.DB_NAME}) as conn:
        return conn.execute("SELECT count(*) FROM bench_minimal_row").fetchone()[0]


def main(argv):
    server.ensure_venv()
    args = parse_args(argv)
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: install it with `apt-get install -y wrk` (Debian) and run again")
    time_limit = args.time_limit or 240 + 2 * (args.duration + 40)

    def log(message):
        print(message, flush=True)

    log(
        f"campaign_signing: wrk -t{args.threads} -c{args.connections} -d{args.duration}s; "
        f"stops after {time_limit} s"
    )
    results = {}
    try:
        with server.BenchSite(workers=args.workers, time_limit=time_limit, log=log) as site:
            workers, threads = site.sizing()
            log(f"gunicorn: {workers} workers x {threads} threads, production settings, PostgreSQL, Redis")
            create_minimal_table()
            extra = {
                "DJANGO_SETTINGS_MODULE": "bench.minimal_settings",
                "RATE_LIMIT_SIGN_PER_IP": "1000000000",
                "FORM_MIN_FILL_SECONDS": "1",
            }
            with site.serve(0, extra_env=extra) as base:
                campaign = site.discover(base).get("campaign")
                if campaign is None:
                    raise server.BenchError("the demo site has no campaign page")
                action, token = signing_form(base, campaign)
                time.sleep(1.2)  # the token's minimum age, as a person filling the form would take
                body_prefix = (
                    f"full_name={quote('Bench Signer')}&country=TR&city=&consent=on&website="
                    f"&form_token={quote(token)}"
                )
                script = site.tmp / "signing.lua"
                script.write_text(SIGNING_LUA % {"body_prefix": body_prefix, "origin": base})
                log(f"signing: POST {action} for {args.duration} s")
                signing = run_wrk(server.target_url(base, action), script, args)
                minimal_script = site.tmp / "minimal.lua"
                minimal_script.write_text(MINIMAL_LUA)
                log(f"minimal: POST /bench/insert/ for {args.duration} s")
                minimal = run_wrk(server.target_url(base, "/bench/insert/"), minimal_script, args)
            results["signing"] = {
                **parse_wrk(signing),
                "p50_ms": p50_ms(signing),
                "statuses": statuses(signing),
            }
            results["minimal"] = {**parse_wrk(minimal), "p50_ms": p50_ms(minimal)}
            results["rows"], results["digests"], results["tasks"] = database_check(site)
            results["minimal_rows"] = minimal_rows()
            results["connections"] = args.connections
    except (server.BenchError, server.TimeLimitReached) as error:
        sys.exit(f"campaign_signing: {error}")
    except KeyboardInterrupt:
        sys.exit("campaign_signing: interrupted; cleaned up")
    return report(results)


def report(results):
    signing, minimal = results["signing"], results["minimal"]
    accepted = signing["statuses"].get(303, 0)
    errors = sum(n for code, n in signing["statuses"].items() if code != 303) + sum(
        signing["socket_errors"].values()
    )
    print()
    print(f"{'':10} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'requests':>9} {'errors':>7}")
    print(
        f"{'signing':10} {signing['rps']:9.1f} {signing['p50_ms']:8.1f} {signing['p99_ms']:8.1f} "
        f"{signing['requests']:9d} {errors:7d}"
    )
    minimal_errors = minimal["non_2xx_3xx"] + sum(minimal["socket_errors"].values())
    print(
        f"{'minimal':10} {minimal['rps']:9.1f} {minimal['p50_ms']:8.1f} {minimal['p99_ms']:8.1f} "
        f"{minimal['requests']:9d} {minimal_errors:7d}"
    )
    ratio = signing["rps"] / minimal["rps"] if minimal["rps"] else float("nan")
    print(f"\nsigning / minimal insert: {ratio:.2f}")
    print(f"answers to signing: {dict(sorted(signing['statuses'].items()))}")
    # wrk stops counting at the end of its duration while up to --connections requests are
    # still in flight: the server finishes and stores those too, so rows may exceed the 303s.
    in_flight = results["rows"] - accepted
    ok = (
        results["rows"] == results["digests"] == results["tasks"] and 0 <= in_flight <= results["connections"]
    )
    print(
        f"stored: {results['rows']} signatures, {results['digests']} distinct addresses, "
        f"{results['tasks']} confirmation mails queued; {accepted} answered 303 within the run and "
        f"{in_flight} were still in flight when wrk stopped: "
        f"{'every accepted signature stored exactly once' if ok else 'MISMATCH'}"
    )
    print(f"minimal view: {results['minimal_rows']} rows inserted")
    return 0 if ok and errors == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
