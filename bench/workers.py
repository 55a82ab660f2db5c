"""Per-worker CPU of a running gunicorn, so that a run served by one worker shows.

gunicorn's gthread workers each run Python under their own GIL: a worker uses one CPU at most.
When one worker holds every keep-alive connection of a load run, the site uses one CPU whatever
the machine has, and the run's requests/s look like a (halved) result. ``WorkerCPU`` reads
``utime + stime`` of every worker (the children of the gunicorn master) from
``/proc/<pid>/stat`` before and after a run and reports each worker's share of the workers' CPU
time, how many CPUs they used together, and a warning when one worker had more than
``ONE_WORKER_SHARE`` of it. ``connections_per_worker`` counts the established TCP connections
each worker holds on gunicorn's port (sampled during a run).

Linux only (``/proc``); elsewhere the report says "n/a". A worker replaced during the run
(``max_requests``) is counted with what it used up to its last reading before it exited.
"""

import os
import runpy
import threading
import time
from pathlib import Path

# More than this share of all the workers' CPU time in one worker: the run was served by one
# worker (one CPU), not by the site. 0.7 leaves room for an uneven but healthy spread.
ONE_WORKER_SHARE = 0.7
CLK_TCK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
PROC = Path("/proc")


def _stat_fields(pid):
    """The fields of /proc/<pid>/stat after the command name (which may hold spaces)."""
    text = (PROC / str(pid) / "stat").read_text()
    return text[text.rindex(")") + 2 :].split()


def passive_opens():
    """TCP connections accepted on this machine so far (/proc/net/snmp), or None."""
    try:
        lines = [line.split() for line in (PROC / "net" / "snmp").read_text().splitlines()]
    except OSError:
        return None
    names, values = [line for line in lines if line[0] == "Tcp:"][:2]
    return int(values[names.index("PassiveOpens")])


def worker_pids(master_pid):
    """The pids of the master's children (gunicorn's workers)."""
    children = PROC / str(master_pid) / "task" / str(master_pid) / "children"
    try:
        return [int(pid) for pid in children.read_text().split()]
    except OSError:
        pass
    pids = []  # kernels without the children file: scan every process's parent
    for entry in PROC.iterdir():
        if entry.name.isdigit():
            try:
                if int(_stat_fields(entry.name)[1]) == master_pid:
                    pids.append(int(entry.name))
            except (OSError, ValueError, IndexError):
                continue
    return pids


def cpu_seconds(pid):
    """utime + stime of one process in seconds, or None when it is gone."""
    try:
        fields = _stat_fields(pid)
    except (OSError, ValueError):
        return None
    # Fields 14 and 15 of proc(5) (utime, stime); the list starts at field 3 (state).
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


class WorkerCPU:
    """CPU seconds per gunicorn worker over one run: ``start()``, the run, ``stop()``.

    While running, a background thread re-reads the workers every ``every`` seconds, so that a
    worker that is replaced during the run still counts with what it used; given gunicorn's
    ``port``, it also counts each worker's connections and keeps the sample with the most.
    """

    def __init__(self, master_pid, port=None, every=1.0):
        self.master_pid = master_pid
        self.port = port
        self.every = every
        self.connections = {}  # the busiest sample of connections_per_worker (with a port)
        self._baseline = False
        self._opens = None
        self.accepted = None  # TCP connections accepted on the machine during the run
        self.available = (PROC / str(master_pid) / "stat").exists()
        self._first = {}
        self._last = {}
        self._stop = threading.Event()
        self._thread = None
        self.wall = 0.0

    def _read(self):
        for pid in worker_pids(self.master_pid):
            seconds = cpu_seconds(pid)
            if seconds is None:
                continue
            self._first.setdefault(pid, seconds if self._baseline else 0.0)
            self._last[pid] = seconds

    def start(self):
        if not self.available:
            return self
        self._baseline = True
        self._opens = passive_opens()
        self._read()
        self._baseline = False  # a worker born during the run counts from zero
        self._started = time.monotonic()
        self._thread = threading.Thread(target=self._sample, name="worker-cpu", daemon=True)
        self._thread.start()
        return self

    def _sample(self):
        while not self._stop.wait(self.every):
            self._read()
            if self.port:
                counts = connections_per_worker(self.master_pid, self.port)
                if sum(counts.values()) >= sum(self.connections.values()):
                    self.connections = counts

    def stop(self):
        """The run's figures (see ``summary``)."""
        if not self.available:
            return {"available": False}
        self._stop.set()
        self._thread.join()
        self._read()
        self.wall = time.monotonic() - self._started
        opens = passive_opens()
        self.accepted = opens - self._opens if opens is not None and self._opens is not None else None
        return self.summary()

    def summary(self):
        used = {pid: self._last[pid] - self._first[pid] for pid in self._last}
        total = sum(used.values())
        shares = sorted(
            ((pid, seconds / total if total else 0.0, seconds) for pid, seconds in used.items()),
            key=lambda item: -item[1],
        )
        top = shares[0][1] if shares else 0.0
        return {
            "available": True,
            "cpu_seconds": total,
            "cpus_used": total / self.wall if self.wall else 0.0,
            "shares": shares,  # [(pid, share, seconds)], largest first
            "top_share": top,
            "one_worker": top > ONE_WORKER_SHARE,
            "connections": self.connections,
            # Every accept on the machine (PostgreSQL's too): with keep-alive clients, about
            # their number unless gunicorn closes kept-alive connections.
            "accepted": self.accepted,
        }


def shares_text(summary):
    """'43 31 14 8 4' (per cent of the workers' CPU time, largest first) or 'n/a'."""
    if not summary.get("available"):
        return "n/a"
    return " ".join(f"{share * 100:.0f}" for _pid, share, _seconds in summary["shares"])


def flag_text(summary):
    """A warning to print under a run that one worker served, else ''."""
    if not summary.get("available") or not summary["one_worker"]:
        return ""
    return (
        f"ONE WORKER: {summary['top_share'] * 100:.0f}% of the workers' CPU time in one worker "
        f"(> {ONE_WORKER_SHARE * 100:.0f}%), {summary['cpus_used']:.2f} CPUs used: this run measured "
        "one worker, not the site"
    )


def _socket_inodes(pid):
    inodes = set()
    try:
        for fd in (PROC / str(pid) / "fd").iterdir():
            try:
                target = os.readlink(fd)
            except OSError:
                continue
            if target.startswith("socket:["):
                inodes.add(target[8:-1])
    except OSError:
        pass
    return inodes


def connections_per_worker(master_pid, port):
    """{worker pid: established TCP connections it holds on ``port``} (IPv4 loopback)."""
    established = set()
    try:
        lines = (PROC / "net" / "tcp").read_text().splitlines()[1:]
    except OSError:
        return {}
    for line in lines:
        fields = line.split()
        local_port = int(fields[1].rsplit(":", 1)[1], 16)
        if local_port == port and fields[3] == "01":  # 01: ESTABLISHED
            established.add(fields[9])
    return {pid: len(_socket_inodes(pid) & established) for pid in worker_pids(master_pid)}


def connections_text(counts):
    """'8 5 3 0 0' (established connections per worker, most first) or 'n/a'."""
    if not counts:
        return "n/a"
    return " ".join(str(n) for n in sorted(counts.values(), reverse=True))


def gunicorn_setting(site, name, extra_env=None):
    """A value of hhd_site/gunicorn.conf.py as the site's gunicorn reads it (with ``extra_env``)."""
    saved = dict(os.environ)
    try:
        os.environ.clear()
        os.environ.update({**site.env, **(extra_env or {})})
        return runpy.run_path(str(site_config_path()))[name]
    finally:
        os.environ.clear()
        os.environ.update(saved)


def site_config_path():
    import server  # bench/server.py (on sys.path of every bench script)

    return server.GUNICORN_CONFIG
