"""The beacon's rate limit: per address, in this process's memory (no Redis round trip per view).

At most READERSHIP_BEACONS_PER_MINUTE counted views per address and minute; past it the beacon
answers 429 and nothing is counted. The address is kept only as a keyed digest, in memory, for
the current minute, and never stored or logged. A process counts its own visitors: a visitor
whose requests reach several processes may get that many times the limit, which only bounds
how far one address can move the counts.
"""

import threading
import time

from django.conf import settings

from safety.digests import keyed_digest

MAX_ADDRESSES = 100_000


class MinuteLimit:
    def __init__(self):
        self.minute = None
        self.hits = {}
        self.lock = threading.Lock()

    def allow(self, address):
        digest = keyed_digest("readership-ratelimit", address)[:24]
        minute = int(time.time() // 60)
        with self.lock:
            if minute != self.minute or len(self.hits) >= MAX_ADDRESSES:
                self.minute, self.hits = minute, {}
            count = self.hits.get(digest, 0) + 1
            self.hits[digest] = count
        return count <= settings.READERSHIP_BEACONS_PER_MINUTE

    def clear(self):
        with self.lock:
            self.minute, self.hits = None, {}


limit = MinuteLimit()
