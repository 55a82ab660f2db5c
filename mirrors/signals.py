"""Tells the mirrors that public content changed outside the page tree's own signals.

Send ``content_changed`` when something that mirrored pages show changes, e.g. the list of mirror
addresses in the footer: ``content_changed.send(sender=MirrorAddress, pages=None, everything=True)``.
``pages`` is an iterable of pages whose copies must be rewritten (with their translations and the
pages that list them); ``everything=True`` rewrites every page. The mirrors app re-exports through
the worker, never inside the request.
"""

from django.dispatch import Signal

content_changed = Signal()
