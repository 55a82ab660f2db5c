"""Form tokens as if issued a while ago, for tests that post guarded forms (safety.guards)."""

import time

from safety import guards


def backdated_token(form_name, seconds=30):
    """A token issued ``seconds`` ago, as if the visitor took that long to fill the form."""
    real_time = time.time
    try:
        time.time = lambda: real_time() - seconds
        return guards.issue_form_token(form_name)
    finally:
        time.time = real_time
