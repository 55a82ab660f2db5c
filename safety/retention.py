"""Retention as code: each app registers the jobs that delete or anonymise its expired records.

``manage.py apply_retention`` and the worker's periodic task run every registered job.
"""

import logging
from collections.abc import Callable

logger = logging.getLogger(__name__)

_jobs: dict[str, Callable[[], int]] = {}


def retention_job(name: str):
    """Register a function that applies one retention rule and returns how many records it changed."""

    def register(function):
        _jobs[name] = function
        return function

    return register


def apply_retention() -> dict[str, int]:
    """Run every registered retention job; returns the count per job (counts only, no data)."""
    results = {}
    for name, job in sorted(_jobs.items()):
        results[name] = job()
        logger.info("retention %s: %d records", name, results[name])
    return results
