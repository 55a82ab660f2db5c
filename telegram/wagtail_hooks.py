"""Admin integration of the Telegram posts: "Publish and post to Telegram again" in the page
editor's publish menu, the posts report with the moderators' retry and skip, audit-log actions."""

from django.contrib.auth.models import Permission
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import PublishMenuItem
from wagtail.admin.menu import MenuItem

from . import admin_views, services
from .models import VIEW_POSTS

# The value of the publish button that also posts again: Wagtail publishes on any non-empty
# "action-publish", and the ``before_publish_page`` hook below tells the two buttons apart.
POST_AGAIN = "telegram-post-again"


class PublishAndPostAgainMenuItem(PublishMenuItem):
    """A second publish button, only on pages that are posted and have a channel in their language.

    Nothing to untick and nothing stored on the page: it applies to the publish it is pressed for.
    """

    label = _("Publish and post to Telegram again")
    name = "action-publish-telegram"
    template_name = "telegram/admin/publish_and_post_again.html"
    icon_name = "upload"

    def is_shown(self, context):
        page = context.get("page")
        if context.get("view") != "edit" or page is None or not services.is_posted_type(page):
            return False
        if not services.channel_for(page.locale.language_code):
            return False
        return super().is_shown(context)

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["post_again_value"] = POST_AGAIN
        return context


@hooks.register("register_page_action_menu_item")
def register_publish_and_post_again():
    return PublishAndPostAgainMenuItem(order=31)  # right after Wagtail's "Publish" (30)


@hooks.register("before_publish_page")
def remember_post_again(request, page):
    """The editor pressed "Publish and post to Telegram again": mark the revision being published."""
    if request.POST.get("action-publish") != POST_AGAIN or not services.is_posted_type(page):
        return None
    if page.latest_revision_id:
        services.request_post_again(page.latest_revision)
    return None


@hooks.register("register_admin_urls")
def register_telegram_urls():
    urls = [
        path("", admin_views.ChannelPostReportView.as_view(), name="posts"),
        path("results/", admin_views.ChannelPostReportView.as_view(results_only=True), name="posts_results"),
        path("<int:pk>/retry/", admin_views.retry_post, name="retry"),
        path("<int:pk>/skip/", admin_views.skip_post, name="skip"),
    ]
    return [path("telegram-posts/", include((urls, "telegram")))]


class ChannelPostsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW_POSTS)


@hooks.register("register_reports_menu_item")
def register_channel_posts_menu_item():
    return ChannelPostsMenuItem(_("Telegram posts"), reverse("telegram:posts"), icon_name="globe", order=8950)


@hooks.register("register_permissions")
def register_telegram_permissions():
    return Permission.objects.filter(
        content_type__app_label="telegram", codename__in=["view_channelpost", "manage_channelpost"]
    )


@hooks.register("register_log_actions")
def register_telegram_log_actions(actions):
    actions.register_action(
        "telegram.post_again", _("Post to Telegram again"), _("Published and queued the Telegram post again")
    )
    actions.register_action(
        "telegram.retry", _("Retry Telegram post"), _("Queued the failed Telegram post again")
    )
    actions.register_action("telegram.skip", _("Skip Telegram post"), _("Gave up the Telegram post"))
