"""Page changes that the mirrors follow: each enqueues a re-export through the worker after commit.

Publishing, unpublishing, moving and deleting a page, and ``mirrors.signals.content_changed`` from
other apps. A deleted page's ancestors are named at deletion (its tree row is gone afterwards).
"""

from django.db import transaction
from django.db.models.signals import post_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import services, signals


def enqueue(page_ids=(), everything=False):
    if not services.enabled():
        return
    from . import tasks

    ids = sorted({int(pk) for pk in page_ids})
    if everything:
        transaction.on_commit(lambda: tasks.export_everything.enqueue())
    elif ids:
        transaction.on_commit(lambda: tasks.export_pages.enqueue(ids))


def ancestor_ids(page) -> list[int]:
    paths = [page.path[:end] for end in range(Page.steplen * 2, len(page.path), Page.steplen)]
    return list(Page.objects.filter(path__in=paths).values_list("pk", flat=True))


def on_published(sender, instance, **kwargs):
    enqueue([instance.pk])


def on_unpublished(sender, instance, **kwargs):
    enqueue([instance.pk])


def on_moved(sender, instance, **kwargs):
    """The page and everything under it has a new address; the old parent no longer lists it."""
    old_parent = kwargs.get("parent_page_before")
    ids = [instance.pk, *instance.get_descendants().values_list("pk", flat=True)]
    if old_parent is not None:
        ids.append(old_parent.pk)
    enqueue(ids)


def on_deleted(sender, instance, **kwargs):
    if sender is Page:  # once per page (its specific row's deletion sends another)
        enqueue([instance.pk, *ancestor_ids(instance)])


def on_content_changed(sender, pages=None, everything=False, **kwargs):
    enqueue([page.pk for page in pages or ()], everything=everything)


def connect():
    page_published.connect(on_published, dispatch_uid="mirrors-published")
    page_unpublished.connect(on_unpublished, dispatch_uid="mirrors-unpublished")
    post_page_move.connect(on_moved, dispatch_uid="mirrors-moved")
    post_delete.connect(on_deleted, dispatch_uid="mirrors-deleted")
    signals.content_changed.connect(on_content_changed, dispatch_uid="mirrors-content-changed")
