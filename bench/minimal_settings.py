"""Production settings plus the yardstick URL of bench/minimal_insert.py (benchmarks only)."""

from hhd_site.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.minimal_insert"
