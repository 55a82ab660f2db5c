"""Admin views of the newsletter: an issue's status page (progress, preview, test, send, resume)
and the subscriber list's page (counts, export, delete on request).

Who may do what (model permissions, so that the roles issue can hand them to groups):

* see an issue's status, preview it, send a test copy to oneself: anyone who may add,
  change or send issues (Editors, Moderators, Administrators);
* send an issue, resume its sending, or send a finished issue once more to those whose
  copy failed: ``newsletter.send_newsletterissue`` (Moderators and Administrators);
* export the subscriber list or delete an address on request:
  ``newsletter.export_subscriber`` (Administrators) and superusers. Both are audit-logged.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log

from . import mail, sending, services
from .forms import ForgetSubscriberForm
from .models import DeliveryStatus, IssueStatus, NewsletterIssue, Subscriber
from .tasks import send_test_issue

ISSUE_NAMESPACE = "wagtailsnippets_newsletter_newsletterissue"
SUBSCRIBERS_NAMESPACE = "newsletter_subscribers"


def can_write(user) -> bool:
    return user.has_perm("newsletter.add_newsletterissue") or user.has_perm(
        "newsletter.change_newsletterissue"
    )


def can_send(user) -> bool:
    return user.has_perm("newsletter.send_newsletterissue")


def can_see_issues(user) -> bool:
    return can_write(user) or can_send(user) or user.has_perm("newsletter.view_newsletterissue")


def can_manage_subscribers(user) -> bool:
    return user.is_superuser or user.has_perm("newsletter.export_subscriber")


def issue_url(name, issue) -> str:
    return reverse(f"{ISSUE_NAMESPACE}:{name}", args=[issue.pk])


class IssueMixin:
    """Loads the issue named in the URL after checking the user's permission."""

    def allowed(self, user) -> bool:
        return can_see_issues(user)

    def dispatch(self, request, *args, **kwargs):
        if not self.allowed(request.user):
            raise PermissionDenied
        self.issue = get_object_or_404(NewsletterIssue, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def back_to_status(self):
        return redirect(issue_url("status", self.issue))


class IssueStatusView(IssueMixin, WagtailAdminTemplateMixin, TemplateView):
    """An issue at a glance: progress (sent / failed / left), failure reasons, and the actions."""

    template_name = "newsletter/admin/issue_status.html"
    header_icon = "mail"

    def get_page_title(self):
        return _("Newsletter issue")

    def get_page_subtitle(self):
        return str(self.issue)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(f"{ISSUE_NAMESPACE}:list"), "label": _("Newsletter issues")},
            {"url": "", "label": str(self.issue)},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        issue, user = self.issue, self.request.user
        progress = issue.progress()
        total = sum(progress.values())
        deliveries = issue.deliveries.all()
        context.update(
            issue=issue,
            progress=progress,
            total=total,
            audience=sending.audience(issue).count() if issue.status != IssueStatus.SENT else total,
            failure_reasons=deliveries.filter(status=DeliveryStatus.FAILED)
            .values("error")
            .annotate(count=Count("pk"))
            .order_by("-count"),
            last_sent_at=deliveries.aggregate(last=Max("sent_at"))["last"],
            missed=sending.missed_deliveries(issue).count() if issue.status == IssueStatus.SENT else 0,
            missed_interrupted=issue.status == IssueStatus.SENT
            and sending.missed_deliveries(issue).filter(error=sending.INTERRUPTED).exists(),
            resent=deliveries.filter(resent_at__isnull=False).count(),
            can_write=can_write(user),
            can_send=can_send(user),
            edit_url=issue_url("edit", issue),
            preview_url=issue_url("preview_mail", issue),
            preview_text_url=issue_url("preview_mail", issue) + "?mode=text",
            send_test_url=issue_url("send_test", issue),
            send_url=issue_url("send", issue),
            resume_url=issue_url("resume", issue),
            resend_missed_url=issue_url("resend_missed", issue),
        )
        return context


class IssuePreviewView(IssueMixin, View):
    """The issue in the browser as a subscriber would get it now (``?mode=text`` for the text part)."""

    def get(self, request, pk):
        response = mail.preview_response(self.issue, plain_text=request.GET.get("mode") == "text")
        response["Cache-Control"] = "no-store, private"
        return response


class IssueSendTestView(IssueMixin, View):
    """POST: mail a test copy to the logged-in user's own address (through the worker)."""

    http_method_names = ["post"]

    def post(self, request, pk):
        if not request.user.email:
            messages.error(
                request, _("Your account has no e-mail address; add one in your account settings.")
            )
            return self.back_to_status()
        send_test_issue.enqueue(self.issue.pk, request.user.pk)
        messages.success(
            request, _("A test copy is on its way to %(address)s.") % {"address": request.user.email}
        )
        return self.back_to_status()


class IssueSendView(IssueMixin, WagtailAdminTemplateMixin, TemplateView):
    """GET: what sending will do; POST: start sending. Only with ``send_newsletterissue``."""

    template_name = "newsletter/admin/send_confirm.html"
    header_icon = "mail"

    def allowed(self, user):
        return can_send(user)

    def get_page_title(self):
        return _("Send the newsletter issue")

    def get_page_subtitle(self):
        return str(self.issue)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            issue=self.issue,
            audience=sending.audience(self.issue).count(),
            status_url=issue_url("status", self.issue),
            send_url=issue_url("send", self.issue),
        )
        return context

    def post(self, request, pk):
        if sending.start_sending(self.issue, request.user):
            messages.success(
                request, _("Sending has started. The progress below updates as the copies go out.")
            )
        else:
            messages.warning(request, _("This issue has already been sent."))
        return self.back_to_status()


class IssueResumeView(IssueMixin, View):
    """POST: start another sending run (after a stopped worker, or to retry now)."""

    http_method_names = ["post"]

    def allowed(self, user):
        return can_send(user)

    def post(self, request, pk):
        if sending.resume_sending(self.issue, request.user):
            messages.success(
                request, _("Sending resumes. Nobody who already received the issue gets it again.")
            )
        else:
            messages.warning(request, _("This issue is not being sent."))
        return self.back_to_status()


class IssueResendMissedView(IssueMixin, View):
    """POST: send a finished issue once more to those whose copy failed (each at most once)."""

    http_method_names = ["post"]

    def allowed(self, user):
        return can_send(user)

    def post(self, request, pk):
        count = sending.resend_missed(self.issue, request.user)
        if count:
            messages.success(
                request,
                ngettext(
                    "The issue is being sent again to %(count)s subscriber who missed it.",
                    "The issue is being sent again to %(count)s subscribers who missed it.",
                    count,
                )
                % {"count": count},
            )
        else:
            messages.info(request, _("Nobody is left who missed this issue; nothing was sent."))
        return self.back_to_status()


class SubscribersMixin:
    def dispatch(self, request, *args, **kwargs):
        if not can_manage_subscribers(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class SubscribersView(SubscribersMixin, WagtailAdminTemplateMixin, TemplateView):
    """Counts per language, the export, and deleting an address on the person's request."""

    template_name = "newsletter/admin/subscribers.html"
    page_title = gettext_lazy("Newsletter subscribers")
    header_icon = "group"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = services.subscriber_counts()
        context.update(
            rows=[
                (name, counts.get(code, {"confirmed": 0, "unconfirmed": 0}))
                for code, name in settings.LANGUAGES
            ],
            export_url=reverse(f"{SUBSCRIBERS_NAMESPACE}:export"),
            forget_url=reverse(f"{SUBSCRIBERS_NAMESPACE}:index"),
            form=kwargs.get("form") or ForgetSubscriberForm(),
        )
        return context

    def post(self, request):
        form = ForgetSubscriberForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        deleted = services.forget(form.cleaned_data["email"])
        # The entry names the person who acted, never the address.
        log(request.user, "newsletter.forget_subscriber", user=request.user, data={"found": deleted})
        if deleted:
            messages.success(request, _("The subscription of that address was deleted."))
        else:
            messages.info(request, _("That address had no subscription."))
        return redirect(f"{SUBSCRIBERS_NAMESPACE}:index")


class SubscribersExportView(SubscribersMixin, View):
    """The subscriber list as CSV, streamed; each export is written to the audit log first."""

    def get(self, request):
        count = Subscriber.objects.count()
        log(request.user, "newsletter.export_subscribers", user=request.user, data={"rows": count})
        response = StreamingHttpResponse(services.export_csv_lines(), content_type="text/csv; charset=utf-8")
        stamp = timezone.localtime().strftime("%Y-%m-%d")
        response["Content-Disposition"] = f'attachment; filename="newsletter-subscribers-{stamp}.csv"'
        response["Cache-Control"] = "no-store, private"
        return response
