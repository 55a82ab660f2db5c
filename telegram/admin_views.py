"""The Telegram posts report (Reports → Telegram posts) and the moderators' retry and skip."""

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView

from . import services
from .models import MANAGE_POSTS, VIEW_POSTS, ChannelPost, PostState


class ChannelPostFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(label=_("State"), choices=PostState.choices)
    language = django_filters.ChoiceFilter(
        label=_("Language"), choices=ChannelPost._meta.get_field("language").choices
    )

    class Meta:
        model = ChannelPost
        fields = ["state", "language"]


class StateColumn(Column):
    """The state, and for a failed or skipped post the reason."""

    cell_template_name = "telegram/admin/state_cell.html"

    def get_value(self, instance):
        return instance


class ChannelColumn(Column):
    """The language and its channel in one cell (fewer columns on a phone)."""

    cell_template_name = "telegram/admin/channel_cell.html"

    def get_value(self, instance):
        return instance


class PostedColumn(DateColumn):
    """When it was posted, with the link to the post."""

    cell_template_name = "telegram/admin/posted_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["post_url"] = instance.post_url
        return context


class ModeratorActionsColumn(Column):
    """Retry and skip buttons (POST forms) for those who may manage the posts."""

    cell_template_name = "telegram/admin/actions_cell.html"

    def get_value(self, instance):
        return instance

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        context["can_manage"] = bool(request and request.user.has_perm(MANAGE_POSTS))
        context["csrf_token"] = parent_context.get("csrf_token")
        context["request"] = request
        return context


def edit_url(post):
    from django.urls import reverse

    return reverse("wagtailadmin_pages:edit", args=[post.page_id])


class ChannelPostReportView(ReportView):
    """Per page and language: whether and when it was posted, the link to the post, and why
    a post failed. Editors see it (``view_channelpost``); moderators retry or skip
    (``manage_channelpost``)."""

    page_title = _("Telegram posts")
    header_icon = "globe"
    index_url_name = "telegram:posts"
    index_results_url_name = "telegram:posts_results"
    filterset_class = ChannelPostFilterSet
    paginate_by = 50

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(VIEW_POSTS):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @property
    def columns(self):
        return [
            TitleColumn("page", label=_("Page"), accessor="page.title", get_url=edit_url),
            ChannelColumn("channel", label=_("Channel")),
            StateColumn("state", label=_("State")),
            PostedColumn("posted_at", label=_("Posted")),
            ModeratorActionsColumn("actions", label=_("Actions")),
        ]

    def get_queryset(self):
        return ChannelPost.objects.select_related("page").order_by("-created_at", "-pk")


def _moderated(request, pk, action, done_message, refused_message):
    if not request.user.has_perm(MANAGE_POSTS):
        raise PermissionDenied
    post = get_object_or_404(ChannelPost, pk=pk)
    if action(post, request.user):
        messages.success(request, done_message)
    else:
        messages.warning(request, refused_message)
    return redirect("telegram:posts")


@require_POST
def retry_post(request, pk):
    """Send a failed or skipped post again (moderators)."""
    return _moderated(
        request,
        pk,
        services.retry_post,
        gettext("The post will be sent again in a moment."),
        gettext("Only a failed or skipped post can be sent again."),
    )


@require_POST
def skip_post(request, pk):
    """Give up a failed or waiting post (moderators)."""
    return _moderated(
        request,
        pk,
        services.skip_post,
        gettext("The post will not be sent."),
        gettext("Only a failed or waiting post can be skipped."),
    )
