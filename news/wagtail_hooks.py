"""Admin integration of the news app."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Topic


class TopicViewSet(SnippetViewSet):
    """Topics that editors file articles and statements under, per language."""

    model = Topic
    icon = "tag"
    menu_label = _("Topics")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "slug", "locale"]
    search_fields = ["name"]


register_snippet(TopicViewSet)
