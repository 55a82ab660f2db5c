"""A changed mirror list reaches the mirrors: every page's footer lists it, so every copy is rewritten."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from mirrors.signals import content_changed

from .models import MirrorAddress


def mirror_list_changed(sender, **kwargs):
    transaction.on_commit(lambda: content_changed.send(sender=MirrorAddress, pages=None, everything=True))


post_save.connect(mirror_list_changed, sender=MirrorAddress, dispatch_uid="mirrorlist.saved")
post_delete.connect(mirror_list_changed, sender=MirrorAddress, dispatch_uid="mirrorlist.deleted")
