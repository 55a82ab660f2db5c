"""Admin integration: editors and moderators keep the list of mirror addresses."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import MirrorAddress


class MirrorAddressViewSet(SnippetViewSet):
    """The addresses of the copies of the site, per language (the note is translated)."""

    model = MirrorAddress
    icon = "site"
    menu_label = _("Mirrors")
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["address", "kind", "sort_order", "active", "locale"]
    search_fields = ["address", "note"]


register_snippet(MirrorAddressViewSet)
