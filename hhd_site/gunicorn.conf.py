"""gunicorn configuration, sized from the machine unless the environment says otherwise.

Workers: (2 x CPU) + 1, the usual rule for a mostly I/O-bound Django site, each with
a few threads so that a slow client or database query does not block a worker.
max_requests with jitter recycles workers gradually, so a slow leak never grows and
all workers never restart at once; the application is preloaded, so a new worker serves at once.
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
# Connections one worker holds (in its threads, queued for them, or kept alive and idle) before it
# stops accepting. All workers wait on one shared listening socket and the first awake one takes
# what is queued there; with gunicorn's default of 1000 one worker could take every connection of
# the front and keep them for as long as they are kept alive, so that the site used one CPU (one
# worker, one GIL) while the other workers idled (issue 16, finding 7). gthread
# (workers/gthread.py) stops accepting while it holds `worker_connections`, and answers with
# "Connection: close" instead of keeping a connection once `worker_connections - threads` are
# idle. Twice the threads (one idle connection per thread) leaves the rest to the other workers:
# sixteen connections reach two workers at least, thirty-two four (in the benchmarks: all five).
# The cost: connections beyond workers x worker_connections (40 with 5 x 4 threads) wait in the
# listen backlog until a worker drops one, so under such overload some requests wait long while
# others are served. threads + 2 was measured too: at 32 connections (> 5 x 6) p99 went from
# 30 ms to 300-600 ms. Behind the front it is otherwise safe: a worker that stops accepting has
# its threads busy, and a connection closed this way is announced in the answer, so Caddy never
# reuses it (no 502). Not reuse_port: it gives each worker a socket of its own (arbiter.py), but
# the kernel then deals connections by address hash whatever the workers' load, and a worker that
# exits (every max_requests) resets the connections waiting in its socket's queue.
# GUNICORN_WORKER_CONNECTIONS overrides it (the benchmarks compare with gunicorn's 1000).
worker_connections = int(os.environ.get("GUNICORN_WORKER_CONNECTIONS", threads * 2))
keepalive = 5
timeout = 30
graceful_timeout = 20
# Workers are recycled after max_requests (+ jitter) as a bound on a slow leak, not as routine:
# a replaced worker stops accepting, lingers on its kept-alive connections (gthread, up to 2 s)
# and exits before its fork replaces it, and meanwhile the others hold worker_connections each,
# so under a flood the connections it dropped wait in the listen backlog for seconds
# (bench/cache_lifetime.py's probe: requests of 1-3 s at every replacement, up to 10 s when
# several fell together). At 50,000 the benchmark's load replaced every worker each minute or
# two; at a million (+ up to half a million) a worker serving a flood of cached pages at
# 800 requests/s lives 20-30 minutes, and days at ordinary traffic, and the jitter keeps the
# five replacements minutes apart.
max_requests = 1_000_000
max_requests_jitter = 500_000
# The application is loaded once, in the master, and each worker is a fork of it: a worker that
# replaces one at max_requests serves at once, instead of importing Django and Wagtail again
# for seconds of CPU while its share of the connections waits (the probe's 10 s requests).
# Nothing opens a connection at import; when_ready closes any the master opened all the same,
# so that no database socket is shared between processes (Redis' pools reconnect by pid).
preload_app = True


def when_ready(server):
    from django.conf import settings

    if settings.configured:  # a Django application (not a plain WSGI app under this config)
        from django.db import connections

        connections.close_all()


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
