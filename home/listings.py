"""The lists of newest pages on the home page, registered by the apps that own those pages.

Home knows no feature app: news says in its ``ready()`` which of its page types the home page
lists (``show_latest``), and the home page asks this registry.
"""

_latest = {}


def show_latest(context_name: str, model) -> None:
    """Let the home page list the newest live pages of ``model``, in its context as ``context_name``."""
    _latest[context_name] = model


def latest_lists() -> dict:
    """``{context name: page model}`` in the order the apps registered them."""
    return dict(_latest)
