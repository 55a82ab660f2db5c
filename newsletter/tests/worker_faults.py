"""Faults of a sending worker, as tests stage them."""


class WorkerKilled(BaseException):
    """Stands for SIGKILL: nothing in the sender may catch it or clean up after it."""
