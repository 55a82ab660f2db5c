"""A mail connection of a worker killed right after the server accepted a copy."""

from django.core.mail import get_connection

from .worker_faults import WorkerKilled


class KillAfterAccepting:
    """The mail connection of a worker that is killed right after the server accepted its
    ``nth`` copy, before the acceptance is recorded (the copy ends as "interrupted")."""

    def __init__(self, nth):
        self.connection, self.nth, self.accepted = get_connection(), nth, 0

    def open(self):
        return self.connection.open()

    def close(self):
        return self.connection.close()

    def send_messages(self, messages):
        result = self.connection.send_messages(messages)
        self.accepted += 1
        if self.accepted == self.nth:
            raise WorkerKilled
        return result
