"""Background work of the staff app: the review workflow's e-mail notifications.

Wagtail sends them inside the request that submits, approves or rejects; here the request
only queues a task (row ids, no content) and the worker sends them, so a slow or failing mail
server never blocks or breaks an editor's click.
"""

import logging

from django.contrib.auth import get_user_model
from django_tasks import task
from wagtail.admin import signal_handlers as wagtail_notifiers
from wagtail.models import TaskState, WorkflowState

logger = logging.getLogger(__name__)

# Wagtail's own notifiers, by the name the task stores.
NOTIFIERS = {
    "task_submitted": (TaskState, wagtail_notifiers.task_submission_email_notifier),
    "workflow_submitted": (WorkflowState, wagtail_notifiers.workflow_submission_email_notifier),
    "workflow_approved": (WorkflowState, wagtail_notifiers.workflow_approval_email_notifier),
    "workflow_rejected": (WorkflowState, wagtail_notifiers.workflow_rejection_email_notifier),
}


@task()
def send_workflow_notification(event: str, state_id: int, user_id: int | None) -> None:
    """Send the e-mails Wagtail would have sent for one workflow event."""
    model, notifier = NOTIFIERS[event]
    state = model.objects.filter(pk=state_id).first()
    if state is None:  # deleted meanwhile (the page was deleted)
        return
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    if not notifier(instance=state, user=user):
        logger.warning("Workflow notification %s for state %s was not sent to everyone", event, state_id)
