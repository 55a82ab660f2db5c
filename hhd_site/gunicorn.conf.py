"""gunicorn configuration, sized from the machine unless the environment says otherwise.

Workers: (2 x CPU) + 1, the usual rule for a mostly I/O-bound Django site, each with
a few threads so that a slow client or database query does not block a worker.
max_requests with jitter recycles workers gradually, so a slow leak never grows and
all workers never restart at once.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
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
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = None  # access logs carry visitors' IPs and URLs; the proxy in front keeps what is needed
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
