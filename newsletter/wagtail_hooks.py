"""Admin integration of the newsletter: a "Newsletter" menu with the issues (a snippet with
preview) and the subscribers' page, and the audit-log actions of the app."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.widgets.button import Button, ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, IndexView, SnippetViewSet, SnippetViewSetGroup

from . import admin_views
from .models import IssueStatus, NewsletterIssue


class ProgressColumn(Column):
    """Sent / failed / left of an issue (the queryset is annotated: no query per row)."""

    def get_value(self, instance):
        if instance.status == IssueStatus.DRAFT:
            return "-"
        progress = instance.progress()
        return _("%(sent)s sent · %(failed)s failed · %(left)s left") % progress


class IssueIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons.append(
            ListingButton(_("Status and sending"), url=admin_views.issue_url("status", instance), priority=5)
        )
        return buttons


class IssueEditView(EditView):
    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        buttons.append(
            Button(
                _("Status and sending"), url=admin_views.issue_url("status", self.object), icon_name="mail"
            )
        )
        return buttons


class NewsletterIssueViewSet(SnippetViewSet):
    """Issues per language: write and preview (everyone with the snippet permissions), test,
    send (``send_newsletterissue``), and follow the progress."""

    model = NewsletterIssue
    icon = "mail"
    menu_label = _("Issues")
    index_view_class = IssueIndexView
    edit_view_class = IssueEditView
    list_display = [
        "subject",
        "language",
        "status",
        ProgressColumn("progress", label=_("Progress")),
        "created_at",
    ]
    list_filter = ["language", "status"]
    search_fields = ["subject"]

    def get_queryset(self, request):
        return NewsletterIssue.objects.with_progress()

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("status/<int:pk>/", admin_views.IssueStatusView.as_view(), name="status"),
            path("preview-mail/<int:pk>/", admin_views.IssuePreviewView.as_view(), name="preview_mail"),
            path("send-test/<int:pk>/", admin_views.IssueSendTestView.as_view(), name="send_test"),
            path("send/<int:pk>/", admin_views.IssueSendView.as_view(), name="send"),
            path("resume/<int:pk>/", admin_views.IssueResumeView.as_view(), name="resume"),
            path(
                "resend-missed/<int:pk>/", admin_views.IssueResendMissedView.as_view(), name="resend_missed"
            ),
        ]


class SubscribersMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.can_manage_subscribers(request.user)


class SubscribersViewSet(ViewSet):
    """Counts, export and deletion on request; Administrators (``export_subscriber``) only."""

    name = admin_views.SUBSCRIBERS_NAMESPACE
    url_prefix = "newsletter-subscribers"
    icon = "group"
    menu_label = _("Subscribers")
    menu_item_class = SubscribersMenuItem

    @property
    def menu_url(self):
        return reverse(f"{self.url_namespace}:index")

    def get_urlpatterns(self):
        return [
            path("", admin_views.SubscribersView.as_view(), name="index"),
            path("export/", admin_views.SubscribersExportView.as_view(), name="export"),
        ]


class NewsletterViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Newsletter")
    menu_icon = "mail"
    menu_order = 350
    items = (NewsletterIssueViewSet, SubscribersViewSet)


register_snippet(NewsletterViewSetGroup)


@hooks.register("register_log_actions")
def register_newsletter_log_actions(actions):
    actions.register_action(
        "newsletter.send", _("Send newsletter issue"), _("Started sending the newsletter issue")
    )
    actions.register_action(
        "newsletter.resume", _("Resume newsletter issue"), _("Resumed sending the newsletter issue")
    )
    actions.register_action(
        "newsletter.resend_missed",
        _("Send newsletter issue to those who missed it"),
        _("Sent the newsletter issue again to those whose copy had failed"),
    )
    actions.register_action("newsletter.sent", _("Newsletter issue sent"), _("The newsletter issue was sent"))
    actions.register_action(
        "newsletter.export_subscribers",
        _("Export newsletter subscribers"),
        _("Exported the newsletter subscribers"),
    )
    actions.register_action(
        "newsletter.forget_subscriber",
        _("Delete newsletter subscriber"),
        _("Deleted a newsletter subscription on request"),
    )
