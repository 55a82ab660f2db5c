#!/usr/bin/env python
"""Lighthouse scores of hhd-site's pages, served production-like on 127.0.0.1 with the page cache on.

Usage: .venv/bin/python bench/lighthouse.py [--path /ru/some/page/ ...]

One command sets everything up (bench/server.py: database ``hhd_bench``, Redis db 15,
migrate, seed_demo, collectstatic, production settings, gunicorn with
``PAGE_CACHE_SECONDS=300``; media from a second loopback port as object storage would
serve them) and runs Lighthouse (bench/package.json pins it; ``npm ci --prefix bench``
installs it when bench/node_modules lacks it) with Debian's Chromium, mobile emulation
(Lighthouse's default) and simulated throttling, on: the home page ``/tk/``, the news
index ``/ru/news/``, a news page, a campaign page and a donation page when the site has
them (``PAGE_TYPES`` in bench/server.py), and every ``--path``.

Prints per page the four category scores and the bytes transferred (the
``total-byte-weight`` audit), then every failing audit with its title and a few of the
elements, URLs or messages it points at. The JSON reports go to ``bench/results/``
(ignored by git). About 15 s a page; the whole run stops at ``--time-limit`` and always
cleans up (also on Ctrl-C). Only 127.0.0.1 and localhost are targeted. The performance
score moves with the machine's load; the other three are stable.
"""

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import server  # noqa: E402 - bench/server.py, beside this file

CHROME_PATH = "/usr/bin/chromium"
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)
LIGHTHOUSE = server.BENCH / "node_modules" / ".bin" / "lighthouse"
RESULTS = server.BENCH / "results"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PAGE_LABELS = ("home", "news index", "news page", "campaign", "donation")
PAGE_CACHE_SECONDS = 300
PER_PAGE_TIMEOUT = 120
# Lighthouse itself asks to be run again after some trace errors (NO_NAVSTART, NO_FCP).
ATTEMPTS = 2
PASS = 0.9  # Lighthouse's report shows an audit as passed from this score on


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--path",
        action="append",
        default=[],
        metavar="PATH",
        help="another page to audit (a path, or a full 127.0.0.1/localhost URL); repeatable",
    )
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: hhd_site/gunicorn.conf.py's)")
    parser.add_argument(
        "--time-limit", type=int, help="seconds after which the run stops (default: computed)"
    )
    args = parser.parse_args(argv)
    server.check_paths(parser, args.path)
    return args


def ensure_lighthouse():
    """Install the pinned Lighthouse from bench/package-lock.json when it is missing."""
    if LIGHTHOUSE.exists():
        return
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("npm is missing: install Node.js 20 (Debian: apt-get install -y nodejs npm) and run again")
    print("installing Lighthouse into bench/node_modules (npm ci, pinned by bench/package-lock.json)")
    subprocess.run(  # noqa: S603 - npm with fixed arguments, the lock file pins every package
        [npm, "ci", "--prefix", str(server.BENCH), "--ignore-scripts", "--no-audit", "--no-fund"],
        check=True,
        timeout=300,
    )


def kill_strays(marker):
    """End the Chromium processes of one Lighthouse run: those whose command line holds its own
    temporary profile directory (chrome-launcher starts Chromium in a process group of its own)."""
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            if marker.encode() in (proc / "cmdline").read_bytes():
                os.kill(int(proc.name), signal.SIGKILL)
        except (OSError, ProcessLookupError):
            continue


def run_lighthouse(url, out, profile, tmp):
    env = {name: os.environ[name] for name in ("PATH", "HOME", "LANG") if name in os.environ}
    env.update(CHROME_PATH=CHROME_PATH, TMPDIR=str(tmp))
    command = [
        str(LIGHTHOUSE),
        server.require_loopback(url),
        "--output=json",
        f"--output-path={out}",
        f"--chrome-flags={CHROME_FLAGS} --user-data-dir={profile}",
        "--no-enable-error-reporting",
        "--quiet",
    ]
    try:
        result = subprocess.run(  # noqa: S603 - the pinned Lighthouse against our own loopback server
            command, env=env, capture_output=True, text=True, timeout=PER_PAGE_TIMEOUT
        )
    except subprocess.TimeoutExpired:
        raise server.BenchError(f"Lighthouse on {url} took more than {PER_PAGE_TIMEOUT} s") from None
    finally:
        kill_strays(str(profile))
    if result.returncode != 0 or not out.exists():
        output = "\n".join((result.stdout + result.stderr).splitlines()[-20:])
        raise server.BenchError(f"Lighthouse on {url} failed ({result.returncode}):\n{output}")
    return json.loads(out.read_text())


def failing_audits(lhr):
    """(category, audit) pairs Lighthouse's report shows as failed, in the report's order.

    Lighthouse 12's "insights" (``…-insight``, the report's newer view of the performance
    diagnostics, in the hidden group) come last as category "insight"; they weigh nothing.
    """
    failing, insights = [], []
    for category in CATEGORIES:
        for ref in lhr["categories"][category]["auditRefs"]:
            audit = lhr["audits"][ref["id"]]
            if audit["scoreDisplayMode"] not in ("binary", "numeric", "metricSavings"):
                continue
            if audit["score"] is None or audit["score"] >= PASS:
                continue
            if ref.get("group") != "hidden":
                failing.append((category, audit))
            elif ref["id"].endswith("-insight"):
                insights.append(("insight", audit))
    return failing + insights


def describe_item(item):
    """One line for one item of an audit's details: the element, the URL or the message."""
    if item.get("type") == "checklist":  # insights: which of their checks fail
        return "; ".join(
            f"not met: {check['label']}" for check in item.get("items", {}).values() if not check.get("value")
        )
    if item.get("type") == "list-section":  # the network tree: only its longest chain
        value = item.get("value") or {}
        chain = value.get("longestChain") if value.get("type") == "network-tree" else None
        return f"longest chain of critical requests: {chain['duration']:.0f} ms" if chain else ""
    node = item if item.get("type") == "node" else item.get("node")
    node = node if isinstance(node, dict) else None
    if node:
        text = node.get("snippet") or node.get("selector") or ""
    else:
        text = item.get("description") or item.get("url") or item.get("source") or item.get("label") or ""
        if isinstance(text, dict):
            text = text.get("url") or text.get("text") or json.dumps(text)[:160]
    text = re.sub(r"\s+", " ", str(text)).strip()
    return text[:160] + ("…" if len(text) > 160 else "")


def audit_line(audit):
    """id, title, score with the report's rating (fail below 0.5, average below 0.9), display value."""
    rating = "fail" if audit["score"] < 0.5 else "average"
    value = f" [{audit['displayValue']}]" if audit.get("displayValue") else ""
    return f"{audit['id']}: {audit['title']} (score {audit['score']:.2f}, {rating}){value}"


def main(argv):
    server.ensure_venv()
    args = parse_args(argv)
    if not Path(CHROME_PATH).exists():
        sys.exit(f"{CHROME_PATH} is missing: apt-get install -y --no-install-recommends chromium")
    ensure_lighthouse()
    RESULTS.mkdir(exist_ok=True)
    pages_max = len(PAGE_LABELS) + len(args.path)
    time_limit = args.time_limit or 240 + pages_max * 2 * 45
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")

    def log(message):
        print(message, flush=True)

    log(f"lighthouse: about 15 s a page after set-up; stops after {time_limit} s at most")
    results, failed = [], []
    started = time.monotonic()
    try:
        with (
            server.BenchSite(workers=args.workers, time_limit=time_limit, log=log) as site,
            site.serve(PAGE_CACHE_SECONDS) as base,
        ):
            log(f"serving with PAGE_CACHE_SECONDS={PAGE_CACHE_SECONDS} at {base}, media at {site.media_base}")
            found = site.discover(base)
            pages = [(label, found.get(label)) for label in PAGE_LABELS]
            pages += [("--path", path) for path in args.path]
            for index, (label, path) in enumerate(pages):
                if path is None:
                    log(f"  {label}: none on the site yet, skipped")
                    continue
                url = server.target_url(base, path)
                status, _headers, _body = server.fetch(url)  # also fills the page cache
                if status != 200:
                    log(f"  {label} {path}: answered {status}, not audited")
                    continue
                slug = re.sub(r"[^a-z0-9]+", "-", f"{label} {path}".lower()).strip("-")
                out = RESULTS / f"lighthouse-{stamp}-{index}-{slug}.json"
                step = time.monotonic()
                for attempt in range(1, ATTEMPTS + 1):
                    try:
                        profile = site.tmp / f"chrome-profile-{index}-{attempt}"
                        lhr = run_lighthouse(url, out, profile, site.tmp)
                        break
                    except server.BenchError as error:
                        log(f"  {label} {path}: attempt {attempt} of {ATTEMPTS} failed: {error}")
                        out.unlink(missing_ok=True)
                else:
                    failed.append(path)
                    continue
                seconds = time.monotonic() - step
                log(f"  {label} {path}: audited in {seconds:.0f} s -> {out.relative_to(server.ROOT)}")
                results.append((label, path, out, lhr))
    except (server.BenchError, server.TimeLimitReached) as error:
        report(results)
        sys.exit(f"lighthouse: {error}")
    except KeyboardInterrupt:
        sys.exit("lighthouse: interrupted; cleaned up")
    report(results)
    print(f"\n{len(results)} pages in {time.monotonic() - started:.0f} s (set-up included)")
    if failed:
        print(f"Lighthouse failed on {', '.join(failed)} (see above)")
        return 1
    return 0


def report(results):
    if not results:
        return
    print()
    rows = []
    for label, path, _out, lhr in results:
        scores = [lhr["categories"][c]["score"] for c in CATEGORIES]
        weight = lhr["audits"]["total-byte-weight"].get("numericValue")
        rows.append(
            [
                path,
                label,
                *("-" if s is None else f"{s * 100:.0f}" for s in scores),
                f"{weight / 1024:,.1f}" if weight is not None else "-",
            ]
        )
    server.print_table(
        ["path", "page", "performance", "accessibility", "best-practices", "seo", "transferred KB"],
        rows,
        right={2, 3, 4, 5, 6},
    )
    print(f"(Lighthouse {results[0][3]['lighthouseVersion']}, mobile emulation, simulated throttling)")

    everywhere = {}
    for label, path, _out, lhr in results:
        print(f"\nfailing audits, {label} {path}:")
        if lhr.get("runtimeError"):
            print(f"  runtime error: {lhr['runtimeError']}")
        for warning in lhr.get("runWarnings", []):
            print(f"  run warning: {warning}")
        failing = failing_audits(lhr)
        if not failing:
            print("  none")
        for category, audit in failing:
            print(f"  [{category}] {audit_line(audit)}")
            items = (audit.get("details") or {}).get("items") or []
            for item in items[:3]:
                if isinstance(item, dict) and (text := describe_item(item)):
                    print(f"      - {text}")
            if len(items) > 3:
                print(f"      … and {len(items) - 3} more")
            everywhere.setdefault((category, audit["id"], audit["title"]), []).append(path)
    if everywhere:
        print("\nfailing audits, all pages:")
        for (category, audit_id, title), paths in everywhere.items():
            print(f"  [{category}] {audit_id}: {title} — {len(paths)}/{len(results)} pages")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
