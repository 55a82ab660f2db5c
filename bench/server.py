"""The benchmarks' shared set-up: a production-like hhd-site of its own, on 127.0.0.1 only.

``BenchSite`` (a context manager) does, in this order:

* takes a lock, so that two benchmark runs on one machine never share the database;
* drops and recreates the PostgreSQL database ``hhd_bench`` on 127.0.0.1:5432 (user
  postgres, trust auth) and flushes Redis database 15 on 127.0.0.1:6379;
* runs ``migrate``, ``seed_demo --no-admin`` and ``collectstatic`` (the last one in
  parallel with the other two) with ``hhd_site.settings.production`` and a production-like
  environment: a random ``SECRET_KEY``, ``ALLOWED_HOSTS=127.0.0.1,localhost``,
  ``SECURE_SSL_REDIRECT=false`` (plain HTTP on loopback), ``STATIC_ROOT`` and ``MEDIA_ROOT``
  in a temporary directory. The set-up commands run background tasks inline
  (``TASKS_BACKEND`` = django-tasks' immediate backend), as the ``worker`` process would
  have run them by the time visitors arrive; gunicorn keeps the production default;
* serves ``MEDIA_ROOT`` from a second loopback port, as object storage or a CDN would in
  production (``MEDIA_URL`` points there), so that pages load their images and browsers
  log no 404s for them. Media answers carry ``Cache-Control: public, max-age=31536000``.

``site.serve(page_cache_seconds)`` then starts gunicorn with ``hhd_site/gunicorn.conf.py``
(its own workers and threads unless ``workers`` is given) on a free port of 127.0.0.1,
waits for ``/healthz`` and for every worker to boot, and yields the base URL;
``PAGE_CACHE_SECONDS`` is passed through (0 turns the page cache off).

Leaving the ``with`` block, normally, on an error, on Ctrl-C, on SIGTERM or when the time
limit runs out, stops gunicorn and the media server, drops the database, flushes the Redis
database and removes the temporary directory. The subprocesses get a minimal environment
(nothing of the caller's ``DATABASE_URL``, bucket or CDN credentials leaks in).
"""

import base64
import contextlib
import fcntl
import functools
import gzip
import http.server
import json
import os
import re
import runpy
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
VENV = ROOT / ".venv"
PYTHON = VENV / "bin" / "python"
GUNICORN = VENV / "bin" / "gunicorn"
GUNICORN_CONFIG = ROOT / "hhd_site" / "gunicorn.conf.py"

LOOPBACK_HOSTS = {"127.0.0.1", "localhost"}
DB_NAME = "hhd_bench"
PG_ADMIN = {"host": "127.0.0.1", "port": 5432, "user": "postgres", "dbname": "postgres"}
DATABASE_URL = f"postgres://postgres@127.0.0.1:5432/{DB_NAME}"
REDIS_URL = "redis://127.0.0.1:6379/15"
LOCK_PATH = Path(tempfile.gettempdir()) / "hhd-bench.lock"

# Pages found by their Wagtail page type: the first live page whose model name contains one
# of the words, Russian first. Add a line when a new kind of page should be benchmarked.
PAGE_TYPES = {
    "campaign": ("campaign", "appeal"),
    "donation": ("donat",),
}

# Caller's variables that gunicorn's configuration reads (its sizing); everything else
# the subprocesses see is set here.
PASSED_THROUGH = ("PATH", "HOME", "LANG", "LC_ALL", "WEB_CONCURRENCY", "GUNICORN_THREADS")


class BenchError(Exception):
    """A set-up step failed; the message says which and why."""


class TimeLimitReached(Exception):
    """The run's time limit ran out."""


class Stopped(KeyboardInterrupt):
    """SIGTERM or SIGHUP: handled like Ctrl-C, so that the clean-up runs."""


def ensure_venv():
    """Re-run the calling script with the project's virtualenv Python when started with another one."""
    if Path(sys.prefix).resolve() != VENV.resolve() and PYTHON.exists():
        os.execv(PYTHON, [str(PYTHON), *sys.argv])  # noqa: S606 - the same script, the venv's Python
    if not PYTHON.exists():
        sys.exit(f"{PYTHON} is missing: run scripts/setup (or scripts/run) first")


def check_paths(parser, paths):
    """Refuse (through ``parser.error``) any --path that is not a path or a loopback URL."""
    for path in paths:
        if not path.startswith("/") and "://" not in path:
            parser.error(f"--path {path!r}: give a path starting with / or a full URL")
        if "://" in path:
            try:
                require_loopback(path)
            except BenchError as error:
                parser.error(str(error))


def require_loopback(url):
    """The URL, if it points at 127.0.0.1 or localhost; the run stops otherwise."""
    host = urlsplit(url).hostname
    if host not in LOOPBACK_HOSTS:
        raise BenchError(f"refusing {url!r}: the benchmarks only target 127.0.0.1 or localhost")
    return url


def target_url(base, path_or_url):
    """An absolute loopback URL for a path on the bench server or a full loopback URL."""
    url = path_or_url if "://" in path_or_url else urljoin(base, path_or_url)
    return require_loopback(quote(url, safe=":/?&=%#+@,;~"))


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url, timeout=10, accept_encoding="gzip"):
    """(status, headers, decoded body) of one GET; HTTP errors are answers too."""
    request = urllib.request.Request(require_loopback(url), headers={"Accept-Encoding": accept_encoding})  # noqa: S310 - loopback only, checked
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - loopback only, checked
            status, headers, raw = response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        status, headers, raw = error.code, error.headers, error.read()
    if headers.get("Content-Encoding", "") == "gzip":
        raw = gzip.decompress(raw)
    return status, headers, raw.decode("utf-8", "replace")


def cache_header(headers):
    """What the server says about caching this answer: any ``X-…Cache…`` header (``hit``/``miss``)."""
    values = [f"{value}" for name, value in headers.items() if re.fullmatch(r"x-.*cache.*", name.lower())]
    return ",".join(values) or "-"


def tail(path, lines=30):
    try:
        return "\n".join(Path(path).read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stylesheets, self.anchors = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and "stylesheet" in (attrs.get("rel") or "").split() and attrs.get("href"):
            self.stylesheets.append(attrs["href"])
        elif tag == "a" and attrs.get("href"):
            self.anchors.append(attrs["href"])


def links(html):
    parser = _Links()
    parser.feed(html)
    return parser


class _MediaHandler(http.server.SimpleHTTPRequestHandler):
    """Serves MEDIA_ROOT's parent as object storage would: long-lived, public answers."""

    def end_headers(self):
        if self.command in ("GET", "HEAD"):
            self.send_header("Cache-Control", "public, max-age=31536000")
        super().end_headers()

    def log_message(self, format, *args):
        pass


class _MediaServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):  # browsers cancel image loads
            super().handle_error(request, client_address)


class BenchSite:
    """A production-like hhd-site on 127.0.0.1 with its own database; see the module docstring."""

    def __init__(self, *, workers=None, time_limit=None, log=print):
        self.workers = workers
        self.time_limit = time_limit
        self.log = log
        self.started = time.monotonic()
        self.tmp = None
        self.server = None
        self.server_log = None
        self._lock = None
        self._media = None
        self._db_created = False
        self._redis_touched = False
        self._old_handlers = {}
        self.pages = None

    # --- lifetime ---------------------------------------------------------------

    def __enter__(self):
        self._old_handlers = {
            sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGALRM)
        }
        signal.signal(signal.SIGTERM, self._on_signal)
        signal.signal(signal.SIGHUP, self._on_signal)
        if self.time_limit:
            signal.signal(signal.SIGALRM, self._on_alarm)
            signal.alarm(int(self.time_limit))
        try:
            self._set_up()
        except BaseException:
            self.__exit__(*sys.exc_info())
            raise
        return self

    def __exit__(self, *exc):
        # Cleaning up must not be cut short: no alarm, and Ctrl-C waits until it is done.
        signal.alarm(0)
        previous_int = signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        try:
            self._clean_up()
        finally:
            signal.signal(signal.SIGINT, previous_int)
            for sig, handler in self._old_handlers.items():
                signal.signal(sig, handler)
        return False

    def _on_signal(self, signum, _frame):
        raise Stopped(signal.Signals(signum).name)

    def _on_alarm(self, _signum, _frame):
        raise TimeLimitReached(f"time limit of {self.time_limit:.0f} s reached")

    def elapsed(self):
        return time.monotonic() - self.started

    # --- set-up ---------------------------------------------------------------

    def _set_up(self):
        self._lock = open(LOCK_PATH, "w")  # noqa: SIM115 - held until clean-up
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BenchError(f"another benchmark run holds {LOCK_PATH}; wait for it to finish") from None
        self.tmp = Path(tempfile.mkdtemp(prefix="hhd-bench-"))
        (self.tmp / "media").mkdir()
        self._start_media_server()
        self.env = self._environment()

        step = time.monotonic()
        self._reset_database()
        self._flush_redis()
        self.log(
            f"set-up: database {DB_NAME} recreated, Redis db 15 flushed ({time.monotonic() - step:.1f} s)"
        )

        step = time.monotonic()
        collect_log = self.tmp / "collectstatic.log"
        with open(collect_log, "wb") as out:
            collect = subprocess.Popen(  # noqa: S603 - our own manage.py with fixed arguments
                [str(PYTHON), "manage.py", "collectstatic", "--noinput", "-v0"],
                cwd=ROOT,
                env=self._setup_env(),
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        try:
            self.manage("migrate", "--noinput", "-v0", timeout=180)
            self.log(f"set-up: migrate ({time.monotonic() - step:.1f} s)")
            step2 = time.monotonic()
            self.manage("seed_demo", "--no-admin", timeout=180)
            self.log(f"set-up: seed_demo --no-admin ({time.monotonic() - step2:.1f} s)")
            if collect.wait(timeout=180) != 0:
                raise BenchError(f"collectstatic failed:\n{tail(collect_log)}")
        finally:
            if collect.poll() is None:
                collect.kill()
                collect.wait()
        self.log(f"set-up: collectstatic done ({time.monotonic() - step:.1f} s since migrate began)")

    def _environment(self):
        env = {name: os.environ[name] for name in PASSED_THROUGH if name in os.environ}
        env.update(
            DJANGO_SETTINGS_MODULE="hhd_site.settings.production",
            SECRET_KEY=secrets.token_urlsafe(64),  # 86 characters
            FIELD_ENCRYPTION_KEYS=base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
            FIELD_HMAC_KEY=secrets.token_urlsafe(48),
            ALLOWED_HOSTS="127.0.0.1,localhost",
            DATABASE_URL=DATABASE_URL,
            REDIS_URL=REDIS_URL,
            SECURE_SSL_REDIRECT="false",
            STATIC_ROOT=str(self.tmp / "static"),
            MEDIA_ROOT=str(self.tmp / "media"),
            MEDIA_URL=f"{self.media_base}/media/",
            # Production refuses mail that goes nowhere; nothing in the benchmarks sends any.
            EMAIL_URL="smtp://127.0.0.1:9",
            SITE_URL="https://localhost",
            TRUSTED_PROXIES="127.0.0.1/32",
            LOG_LEVEL="INFO",
            TMPDIR=str(self.tmp),
            PYTHONUNBUFFERED="1",
        )
        return env

    def _setup_env(self):
        return {**self.env, "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}

    def manage(self, *args, timeout=120):
        """Run one manage.py command with the set-up environment; its output only on failure."""
        try:
            result = subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
                [str(PYTHON), "manage.py", *args],
                cwd=ROOT,
                env=self._setup_env(),
                capture_output=True,
                text=True,
                timeout=timeout,
            )
        except subprocess.TimeoutExpired:
            raise BenchError(f"manage.py {' '.join(args)} took more than {timeout} s") from None
        if result.returncode != 0:
            output = "\n".join((result.stdout + result.stderr).splitlines()[-40:])
            raise BenchError(f"manage.py {' '.join(args)} failed:\n{output}")
        return result.stdout

    def _reset_database(self):
        import psycopg

        try:
            with psycopg.connect(**PG_ADMIN, autocommit=True, connect_timeout=5) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
                self._db_created = True  # from here on, clean-up drops it
                conn.execute(f'CREATE DATABASE "{DB_NAME}"')
        except psycopg.OperationalError as error:
            raise BenchError(f"PostgreSQL on 127.0.0.1:5432 is not reachable ({error})") from None

    def _drop_database(self):
        import psycopg

        with psycopg.connect(**PG_ADMIN, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')

    def _flush_redis(self):
        import redis

        try:
            redis.Redis.from_url(REDIS_URL, socket_timeout=5).flushdb()
        except redis.RedisError as error:
            raise BenchError(f"Redis at {REDIS_URL} is not reachable ({error})") from None
        self._redis_touched = True

    def _start_media_server(self):
        handler = functools.partial(_MediaHandler, directory=str(self.tmp))
        self._media = _MediaServer(("127.0.0.1", 0), handler)
        threading.Thread(target=self._media.serve_forever, name="media", daemon=True).start()
        self.media_base = f"http://127.0.0.1:{self._media.server_address[1]}"

    # --- gunicorn ---------------------------------------------------------------

    def sizing(self):
        """(workers, threads) gunicorn runs with: its configuration, or the override."""
        saved = dict(os.environ)
        try:
            os.environ.clear()
            os.environ.update(self.env)
            config = runpy.run_path(str(GUNICORN_CONFIG))
        finally:
            os.environ.clear()
            os.environ.update(saved)
        return self.workers or config["workers"], config["threads"]

    @contextlib.contextmanager
    def serve(self, page_cache_seconds, extra_env=None):
        """gunicorn on a free loopback port with PAGE_CACHE_SECONDS set; yields the base URL.

        ``extra_env`` adds or overrides variables of gunicorn's environment (e.g. a settings
        module or a rate limit that a benchmark needs out of its way).
        """
        port = free_port()
        bind = f"127.0.0.1:{port}"
        workers, _threads = self.sizing()
        env = {
            **self.env,
            "PAGE_CACHE_SECONDS": str(page_cache_seconds),
            "PAGE_CACHE_STATUS_HEADER": "true",
            "GUNICORN_BIND": bind,
            **(extra_env or {}),
        }
        command = [str(GUNICORN), "--config", str(GUNICORN_CONFIG), "--bind", bind]
        if self.workers:
            command += ["--workers", str(self.workers)]
        command.append("hhd_site.wsgi:application")
        self.server_log = self.tmp / f"gunicorn-{port}.log"
        with open(self.server_log, "wb") as out:
            self.server = subprocess.Popen(  # noqa: S603 - our own gunicorn with fixed arguments
                command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )
        try:
            base = f"http://{bind}"
            self._wait_until_up(base, workers)
            yield base
        finally:
            self._stop_server()

    def log_count(self, text):
        """How many lines of the running gunicorn's log contain ``text`` (e.g. worker restarts)."""
        if self.server_log is None:
            return 0
        return sum(text in line for line in tail(self.server_log, 1_000_000).splitlines())

    def _wait_until_up(self, base, workers, timeout=45):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.server.poll() is not None:
                raise BenchError(f"gunicorn exited with {self.server.returncode}:\n{tail(self.server_log)}")
            booted = tail(self.server_log, 10_000).count("Booting worker")
            try:
                status, _headers, _body = fetch(f"{base}/healthz", timeout=1)
            except OSError:
                status = None
            if status == 200 and booted >= workers:
                return
            time.sleep(0.3)
        raise BenchError(f"gunicorn did not answer /healthz with {workers} workers within {timeout} s")

    def _stop_server(self):
        server, self.server = self.server, None
        if server is None or server.poll() is not None:
            return
        server.terminate()  # graceful: workers finish their requests
        try:
            server.wait(timeout=25)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(server.pid, signal.SIGKILL)  # the session we started for it
            server.wait(timeout=5)

    # --- pages ---------------------------------------------------------------

    def discover(self, base):
        """The pages the benchmarks measure, found on the running server and in the database.

        Returns {label: path or None}: the home page's hashed stylesheet, the home page, the
        news index, its first news page, and one page of each of ``PAGE_TYPES`` (None when
        the site has none yet).
        """
        if self.pages is not None:
            return self.pages
        pages = {"static css": None, "home": "/tk/", "news index": "/ru/news/", "news page": None}
        status, _headers, html = fetch(target_url(base, pages["home"]))
        if status != 200:
            raise BenchError(f"{pages['home']} answered {status}; gunicorn log:\n{tail(self.server_log)}")
        pages["static css"] = next(
            (h for h in links(html).stylesheets if re.search(r"/static/css/site\.[0-9a-f]+\.css$", h)), None
        )
        status, _headers, html = fetch(target_url(base, pages["news index"]))
        if status == 200:
            pattern = re.compile(r"^(?:https?://[^/]+)?(/ru/news/[^/?#]+/)$")
            pages["news page"] = next(
                (m.group(1) for m in map(pattern.match, links(html).anchors) if m), None
            )
        pages.update(self._pages_by_type())
        self.pages = pages
        return pages

    def _pages_by_type(self):
        code = (
            "import json\n"
            "from wagtail.models import Page\n"
            f"types = {PAGE_TYPES!r}\n"
            "found = {}\n"
            "pages = Page.objects.live().select_related('content_type', 'locale').order_by('path')\n"
            "pages = sorted(pages, key=lambda p: p.locale.language_code != 'ru')\n"
            "for label, words in types.items():\n"
            "    page = next((p for p in pages if any(w in p.content_type.model for w in words)), None)\n"
            "    found[label] = page.get_url() if page else None\n"
            "print('PAGES=' + json.dumps(found))\n"
        )
        output = self.manage("shell", "-c", code, timeout=60)
        line = next(line for line in output.splitlines() if line.startswith("PAGES="))
        return json.loads(line.removeprefix("PAGES="))

    # --- clean-up ---------------------------------------------------------------

    def _clean_up(self):
        problems = []
        for step in (self._stop_server, self._stop_media_server, self._drop, self._unflush, self._remove_tmp):
            try:
                step()
            except Exception as error:  # keep cleaning; report at the end
                problems.append(f"{step.__name__}: {error}")
        if self._lock is not None:
            self._lock.close()
            self._lock = None
        for problem in problems:
            print(f"clean-up problem: {problem}", file=sys.stderr)

    def _stop_media_server(self):
        if self._media is not None:
            self._media.shutdown()
            self._media.server_close()
            self._media = None

    def _drop(self):
        if self._db_created:
            self._drop_database()
            self._db_created = False

    def _unflush(self):
        if self._redis_touched:
            self._flush_redis()
            self._redis_touched = False

    def _remove_tmp(self):
        if self.tmp is not None:
            shutil.rmtree(self.tmp, ignore_errors=True)
            self.tmp = None


def print_table(headers, rows, right=()):
    """A plain-text table; columns listed in ``right`` are right-aligned."""
    cells = [[str(c) for c in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]

    def line(row):
        return "  ".join(
            cell.rjust(widths[i]) if i in right else cell.ljust(widths[i]) for i, cell in enumerate(row)
        ).rstrip()

    print(line(cells[0]))
    print("  ".join("-" * w for w in widths))
    for row in cells[1:]:
        print(line(row))
