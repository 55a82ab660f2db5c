"""Background task of the Telegram posts (django-tasks; the ``worker`` process runs it).

The argument is the outbox row's id only. A task that finds its row not due (already posted,
taken by another worker, waiting for its back-off) does nothing (telegram.services).
"""

import logging

from django_tasks import task

from . import services

logger = logging.getLogger(__name__)


@task()
def send_post(post_id: int) -> str:
    """Send one Telegram post if it is due; returns its state afterwards ("" when not due)."""
    return services.send_post(post_id)
