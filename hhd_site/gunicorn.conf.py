"""gunicorn configuration, sized from the machine unless the environment says otherwise.

Workers: (2 x CPU) + 1, the usual rule for a mostly I/O-bound Django site, each with
a few threads so that a slow client or database query does not block a worker.
max_requests with jitter recycles workers gradually, so a slow leak never grows and
all workers never restart at once.
"""

import multiprocessing
import os

# Web requests never wait long on PostgreSQL (hhd_site/postgres/base.py): a query is stopped
# after 5 s, or cut off a second later when the server hangs, and the visitor gets the 503
# page or the cached copy. Set before the application (and its settings) load in the workers.
os.environ.setdefault("DB_STATEMENT_TIMEOUT_SECONDS", "5")

# Loopback unless told otherwise: gunicorn is never meant to be reached from outside; only the
# TLS front (deploy/Caddyfile) talks to it. In the compose stack GUNICORN_BIND=0.0.0.0:8000
# makes it reachable inside the compose network only (web publishes no port).
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 4))
worker_class = "gthread"
keepalive = 5
timeout = 30
graceful_timeout = 20
# High enough that workers serving cached pages at full speed do not restart every
# few seconds (the benchmark showed restart storms at 2000), low enough to bound a leak.
max_requests = 50_000
max_requests_jitter = 5_000
# Request limits. The request line holds the URL: gunicorn's maximum (8 KB) leaves room for the
# admin's bulk actions, which put every selected id in the query string; longer is an attack
# or a broken client and gets gunicorn's own 414 (the front adds the security headers to it).
# Browsers send about 20 header fields, the front adds four; cookies stay well inside 8 KB.
limit_request_line = 8190
limit_request_fields = 64
limit_request_field_size = 8190
# Whose X-Forwarded-Proto gunicorn believes (a comma-separated list of addresses or CIDR
# networks): the front's address only (docker-compose.yml sets it).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = None  # access logs carry visitors' IPs and URLs; the proxy in front keeps what is needed
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
