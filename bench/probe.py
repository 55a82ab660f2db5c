"""A latency probe beside wrk: requests sent on a fixed schedule, each one timed and placed in time.

wrk reports one latency distribution for a whole run; when its tail is long, it cannot say when
the slow requests came (at a publish? when gunicorn replaced a worker?). The probe sends a GET
every ``interval`` seconds from each of a few threads (its own keep-alive connections, opened
again when the server closes them) and keeps (second of the run, latency, status) for every
request, so the report can line the slow ones up with what happened then.

Loopback only: the URL is checked by ``server.require_loopback``.
"""

import http.client
import threading
import time
from urllib.parse import urlsplit


class Probe:
    def __init__(self, url, *, threads=4, interval=0.05, timeout=10.0, slow_ms=250.0):
        parts = urlsplit(url)
        self.host, self.port = parts.hostname, parts.port or 80
        self.target = parts.path + (f"?{parts.query}" if parts.query else "")
        self.threads, self.interval, self.timeout, self.slow_ms = threads, interval, timeout, slow_ms
        self.samples = []  # (seconds since start, latency in ms, status or error name)
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.workers = []
        self.started = None

    def __enter__(self):
        self.started = time.monotonic()
        for index in range(self.threads):
            worker = threading.Thread(target=self._run, args=(index,), daemon=True)
            worker.start()
            self.workers.append(worker)
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        for worker in self.workers:
            worker.join(self.timeout + 1)

    def _connection(self):
        return http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)

    def _run(self, index):
        connection = self._connection()
        # The threads' schedules are interleaved: one request every interval / threads overall.
        next_at = self.started + self.interval * index / self.threads
        while not self.stopping.is_set():
            pause = next_at - time.monotonic()
            if pause > 0:
                time.sleep(pause)
            sent = time.monotonic()
            try:
                connection.request("GET", self.target, headers={"Accept-Encoding": "gzip"})
                response = connection.getresponse()
                response.read()
                status = response.status
                if response.will_close:
                    connection.close()
                    connection = self._connection()
            except (OSError, http.client.HTTPException) as error:
                status = type(error).__name__
                connection.close()
                connection = self._connection()
            latency = (time.monotonic() - sent) * 1000
            with self.lock:
                self.samples.append((sent - self.started, latency, status))
            # A fixed schedule: a slow answer does not push the next request back (no coordinated
            # omission), but requests that would have been sent meanwhile are not made up.
            next_at += self.interval
            while next_at < time.monotonic():
                next_at += self.interval

    def percentile(self, fraction):
        latencies = sorted(latency for _at, latency, _status in self.samples)
        if not latencies:
            return float("nan")
        return latencies[min(len(latencies) - 1, int(fraction * len(latencies)))]

    def slow_seconds(self):
        """{second of the run: (slow requests, worst latency in ms)} for requests over slow_ms."""
        found = {}
        for at, latency, _status in self.samples:
            if latency >= self.slow_ms:
                count, worst = found.get(int(at), (0, 0.0))
                found[int(at)] = (count + 1, max(worst, latency))
        return dict(sorted(found.items()))
