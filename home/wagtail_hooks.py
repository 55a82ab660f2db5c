"""Admin integration of the home app."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import OrganisationDetails


class OrganisationDetailsViewSet(SnippetViewSet):
    """The organisation's contact details, one per language, under Settings."""

    model = OrganisationDetails
    icon = "site"
    menu_label = _("Organisation details")
    add_to_settings_menu = True
    list_display = ["name", "email", "locale"]


register_snippet(OrganisationDetailsViewSet)
