#!/usr/bin/env python
"""Newsletter send: one issue to 10,000 subscribers through a local SMTP server, as production sends it.

Usage: .venv/bin/python bench/newsletter_send.py [--subscribers 10000] [--time-limit 600]

Self-contained and loopback only. It

* recreates the PostgreSQL database ``hhd_bench_newsletter`` on 127.0.0.1:5432 (user postgres)
  and runs ``migrate`` with ``hhd_site.settings.production`` and a production-like environment
  (random keys, the django-tasks-db queue);
* starts an SMTP server (aiosmtpd) on a free port of 127.0.0.1 that accepts and counts every
  message (recipients, duplicates, bytes) and keeps nothing;
* writes the subscribers (confirmed, encrypted addresses, one bulk INSERT per 1,000) and a
  Russian issue, and starts sending it as the admin's "Send now" does (the body is frozen and
  ``send_issue`` is put on the database queue);
* runs the real worker, ``manage.py db_worker --batch``, which takes the task, sends every copy
  and exits; its wall time and peak RSS (``wait4``'s ``ru_maxrss``) are measured from outside;
* prints messages per second (from the first to the last message the SMTP server received,
  and over the worker's whole life including its start-up), peak RSS of the worker, and checks
  that every subscriber got exactly one copy and the admin's counts agree.

It stops at ``--time-limit`` and always cleans up (worker killed, SMTP server stopped, database
dropped), also on Ctrl-C.
"""

import argparse
import base64
import fcntl
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv"
PYTHON = VENV / "bin" / "python"
DB_NAME = "hhd_bench_newsletter"
PG_ADMIN = {"host": "127.0.0.1", "port": 5432, "user": "postgres", "dbname": "postgres"}
LOCK_PATH = Path(tempfile.gettempdir()) / "hhd-bench-newsletter.lock"
PASSED_THROUGH = ("PATH", "HOME", "LANG", "LC_ALL")

# Run inside ``manage.py shell``: subscribers, an issue with a realistic body, "Send now".
POPULATE = """
from django.utils import timezone
from newsletter import sending
from newsletter.factories import bulk_subscribers
from newsletter.models import NewsletterIssue

count = {count}
for start in range(0, count, 1000):
    bulk_subscribers(min(1000, count - start), "ru", start=start, domain="bench.example")
paragraph = (
    "<p>Правозащитники HHD продолжают помогать гражданам Туркменистана в Турции: консультации по "
    "паспортам, видам на жительство и депортации, письма в государственные органы и поддержка "
    "семей политических заключённых.</p>"
)
issue = NewsletterIssue.objects.create(language="ru", subject="Новости HHD", intro=paragraph * 6)
sending.start_sending(issue, None)
print("ISSUE=%d" % issue.pk)
"""

CHECK = """
from newsletter.models import NewsletterIssue
issue = NewsletterIssue.objects.get(pk={issue})
progress = issue.progress()
print("CHECK=%s %d %d %d" % (issue.status, progress["sent"], progress["failed"], progress["left"]))
"""


class BenchError(Exception):
    """A step failed; the message says which and why."""


class TimeLimitReached(Exception):
    pass


def ensure_venv():
    if Path(sys.prefix).resolve() != VENV.resolve() and PYTHON.exists():
        os.execv(PYTHON, [str(PYTHON), *sys.argv])  # noqa: S606 - the same script, the venv's Python
    if not PYTHON.exists():
        sys.exit(f"{PYTHON} is missing: run scripts/setup (or scripts/run) first")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class CountingHandler:
    """An aiosmtpd handler that counts what it receives and keeps nothing else."""

    def __init__(self):
        self.lock = threading.Lock()
        self.messages = 0
        self.bytes = 0
        self.recipients = {}
        self.first = None
        self.last = None

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        now = time.monotonic()
        with self.lock:
            self.messages += 1
            self.bytes += len(envelope.content)
            for recipient in envelope.rcpt_tos:
                self.recipients[recipient] = self.recipients.get(recipient, 0) + 1
            self.first = self.first or now
            self.last = now
        return "250 OK"


class Bench:
    """Database, SMTP server and worker for one run; cleans up on leaving, whatever happened."""

    def __init__(self, time_limit, log=print):
        self.time_limit = time_limit
        self.log = log
        self.lock = None
        self.db_created = False
        self.smtp = None
        self.worker = None

    def __enter__(self):
        signal.signal(signal.SIGALRM, self._on_alarm)
        signal.signal(signal.SIGTERM, self._on_term)
        signal.alarm(self.time_limit)
        self.lock = open(LOCK_PATH, "w")  # noqa: SIM115 - held until clean-up
        try:
            fcntl.flock(self.lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BenchError(f"another run holds {LOCK_PATH}; wait for it to finish") from None
        return self

    def __exit__(self, *exc):
        signal.alarm(0)
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            if self.worker is not None and self.worker.poll() is None:
                os.killpg(self.worker.pid, signal.SIGKILL)
                self.worker.wait()
            if self.smtp is not None:
                self.smtp.stop()
            if self.db_created:
                self._drop_database()
            if self.lock is not None:
                self.lock.close()
        finally:
            signal.signal(signal.SIGINT, previous)
        return False

    def _on_alarm(self, _signum, _frame):
        raise TimeLimitReached(f"time limit of {self.time_limit} s reached")

    def _on_term(self, _signum, _frame):
        raise KeyboardInterrupt

    # --- set-up ------------------------------------------------------------------

    def start_smtp(self):
        from aiosmtpd.controller import Controller

        self.handler = CountingHandler()
        self.smtp_port = free_port()
        self.smtp = Controller(self.handler, hostname="127.0.0.1", port=self.smtp_port)
        self.smtp.start()

    def reset_database(self):
        import psycopg

        try:
            with psycopg.connect(**PG_ADMIN, autocommit=True, connect_timeout=5) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
                self.db_created = True
                conn.execute(f'CREATE DATABASE "{DB_NAME}"')
        except psycopg.OperationalError as error:
            raise BenchError(f"PostgreSQL on 127.0.0.1:5432 is not reachable ({error})") from None

    def _drop_database(self):
        import psycopg

        with psycopg.connect(**PG_ADMIN, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        self.db_created = False

    def environment(self):
        env = {name: os.environ[name] for name in PASSED_THROUGH if name in os.environ}
        env.update(
            DJANGO_SETTINGS_MODULE="hhd_site.settings.production",
            SECRET_KEY=secrets.token_urlsafe(64),
            FIELD_ENCRYPTION_KEYS=base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
            FIELD_HMAC_KEY=secrets.token_urlsafe(48),
            ALLOWED_HOSTS="127.0.0.1,localhost",
            DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{DB_NAME}",
            SECURE_SSL_REDIRECT="false",
            EMAIL_URL=f"smtp://127.0.0.1:{self.smtp_port}",
            TASKS_BACKEND="django_tasks_db.DatabaseBackend",
            SITE_URL="https://localhost",
            TRUSTED_PROXIES="127.0.0.1/32",
            LOG_LEVEL="WARNING",
            PYTHONUNBUFFERED="1",
        )
        return env

    def manage(self, *args, timeout=300):
        try:
            result = subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
                [str(PYTHON), "manage.py", *args],
                cwd=ROOT,
                env=self.env,
                capture_output=True,
                text=True,
                timeout=timeout,
            )
        except subprocess.TimeoutExpired:
            raise BenchError(f"manage.py {args[0]} took more than {timeout} s") from None
        if result.returncode != 0:
            output = "\n".join((result.stdout + result.stderr).splitlines()[-30:])
            raise BenchError(f"manage.py {args[0]} failed:\n{output}")
        return result.stdout

    # --- the run -------------------------------------------------------------------

    def run_worker(self):
        """``db_worker --batch`` until the queue is empty; returns (wall seconds, peak RSS in KiB)."""
        started = time.monotonic()
        self.worker = subprocess.Popen(  # noqa: S603 - our own manage.py with fixed arguments
            [str(PYTHON), "manage.py", "db_worker", "--batch", "--no-startup-delay"],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        output = self.worker.stdout.read()  # until the worker exits and closes its output
        _pid, status, usage = os.wait4(self.worker.pid, 0)
        wall = time.monotonic() - started
        self.worker.returncode = os.waitstatus_to_exitcode(status)
        if self.worker.returncode != 0:
            tail = "\n".join(output.decode(errors="replace").splitlines()[-30:])
            raise BenchError(f"db_worker exited with {self.worker.returncode}:\n{tail}")
        return wall, usage.ru_maxrss  # KiB on Linux


def main(argv):
    ensure_venv()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--subscribers", type=int, default=10_000, help="confirmed subscribers (default 10000)"
    )
    parser.add_argument(
        "--time-limit", type=int, default=600, help="seconds before the run stops (default 600)"
    )
    args = parser.parse_args(argv)

    def log(message):
        print(message, flush=True)

    try:
        with Bench(args.time_limit, log) as bench:
            step = time.monotonic()
            bench.start_smtp()
            bench.reset_database()
            bench.env = bench.environment()
            bench.manage("migrate", "--noinput", "-v0")
            log(
                f"set-up: database {DB_NAME} migrated, SMTP server on 127.0.0.1:{bench.smtp_port} "
                f"({time.monotonic() - step:.1f} s)"
            )
            step = time.monotonic()
            output = bench.manage("shell", "-c", POPULATE.format(count=args.subscribers))
            issue = int(next(line for line in output.splitlines() if line.startswith("ISSUE=")).split("=")[1])
            seconds = time.monotonic() - step
            log(f"set-up: {args.subscribers} subscribers written, issue {issue} queued ({seconds:.1f} s)")

            wall, peak_kib = bench.run_worker()
            handler = bench.handler
            check = bench.manage("shell", "-c", CHECK.format(issue=issue))
            status, sent, failed, left = (
                next(line for line in check.splitlines() if line.startswith("CHECK="))
                .removeprefix("CHECK=")
                .split()
            )
    except (BenchError, TimeLimitReached) as error:
        sys.exit(f"newsletter_send: {error}")
    except KeyboardInterrupt:
        sys.exit("newsletter_send: interrupted; cleaned up")

    duplicates = sum(count - 1 for count in handler.recipients.values() if count > 1)
    sending_seconds = (handler.last - handler.first) if handler.messages > 1 else 0.0
    print()
    print(f"messages received        {handler.messages}")
    print(f"distinct recipients      {len(handler.recipients)}  (duplicates: {duplicates})")
    print(f"average message size     {handler.bytes / max(handler.messages, 1) / 1024:.1f} KiB")
    rate = handler.messages / max(sending_seconds, 1e-9)
    print(f"first to last message    {sending_seconds:.1f} s  ->  {rate:.0f} messages/s")
    print(
        f"worker, whole life       {wall:.1f} s  ->  {handler.messages / wall:.0f} messages/s (with start-up)"
    )
    print(f"worker peak RSS          {peak_kib / 1024:.0f} MiB")
    print(f"admin's counts           status={status} sent={sent} failed={failed} left={left}")
    ok = (
        handler.messages == args.subscribers
        and len(handler.recipients) == args.subscribers
        and duplicates == 0
        and (status, int(sent), int(left)) == ("sent", args.subscribers, 0)
    )
    if not ok:
        sys.exit("newsletter_send: FAILED: not exactly one copy per subscriber")


if __name__ == "__main__":
    main(sys.argv[1:])
