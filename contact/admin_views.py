"""The caseworkers' inbox and the staff's message list in the Wagtail admin.

Every view checks the model's permission policy (contact.permissions): help requests need
``contact.handle_helprequests``, contact messages ``contact.view_contactmessage``. Wagtail's
own login check is not enough, and Django's default model permissions do not exist here.

The server hands the case view only sealed blobs (base64) and the caseworker's wrapped
private key; ``contact/js/caseworker.js`` unwraps the key with the passphrase and opens
the case in the browser. Opening a case, assigning it, changing its status, adding a note,
sharing and erasing are written to Wagtail's audit log, with the reference and never with
what the person wrote.
"""

import django_filters
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets import HeaderButton
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from safety import references

from . import services
from .forms import (
    CaseUpdateForm,
    KeyRegistrationForm,
    KeyReplacementConfirmation,
    PassphraseChangeForm,
    SealedNoteForm,
    parse_shared_envelopes,
)
from .models import (
    ANSWER_LANGUAGES,
    CaseStatus,
    Category,
    ContactChannel,
    ContactMessage,
    HelpRequest,
    MessageStatus,
)


def wants_json(request) -> bool:
    """A request from caseworker.js (it keeps the unlocked key by not reloading the page)."""
    return "application/json" in request.headers.get("Accept", "")


class CaseFilterSet(WagtailFilterSet):
    """Filters of the inbox: status, category, urgency, open or closed, answer language and the
    assigned caseworker."""

    status = django_filters.ChoiceFilter(label=_("Status"), choices=CaseStatus.choices)
    category = django_filters.ChoiceFilter(label=_("Category"), choices=Category.choices)
    # Choices with words, not a yes/no field: the active filter then reads "Urgent: Urgent", never "True".
    urgent = django_filters.ChoiceFilter(
        label=_("Urgent"), choices=[("true", _("Urgent")), ("false", _("Not urgent"))], method="filter_urgent"
    )
    open = django_filters.ChoiceFilter(
        label=_("Open or closed"), choices=[("true", _("Open")), ("false", _("Closed"))], method="filter_open"
    )
    language = django_filters.ChoiceFilter(label=_("Answer language"), choices=ANSWER_LANGUAGES)
    assigned_to = django_filters.ModelChoiceFilter(
        label=_("Assigned to"), queryset=lambda request: services.caseworkers()
    )

    class Meta:
        model = HelpRequest
        fields = ["status", "category", "urgent", "open", "language", "assigned_to"]

    def filter_urgent(self, queryset, name, value):
        return queryset.filter(urgent=value == "true")

    def filter_open(self, queryset, name, value):
        return queryset.filter(closed_at__isnull=value == "true")


def urgency(case):
    """ "Urgent" in words for an urgent case (a tick would be read out as "True"), else nothing."""
    return gettext("Urgent") if case.urgent else ""


class UrgencyColumn(Column):
    """The word "Urgent" as a status tag, for the urgent cases only."""

    cell_template_name = "contact/admin/urgent_cell.html"


def _assignee(case):
    user = case.assigned_to
    return (user.get_full_name() or user.get_username()) if user else ""


class LinkedIndexView(IndexView):
    """An index whose first column links to this app's own view of the object."""

    def title_column(self, label, sort_key):
        column_class = self._get_title_column_class(TitleColumn)
        return column_class(
            "__str__", label=label, accessor=str, sort_key=sort_key, get_url=self.get_edit_url
        )


class CaseIndexView(LinkedIndexView):
    """The inbox: open before closed, urgent first, then the longest waiting; metadata only."""

    filterset_class = CaseFilterSet
    page_title = _("Help requests")
    # Metadata only, in words a person reads: the same labels as the list, in the admin's language.
    list_export = [
        "display_reference",
        "created_at",
        "get_category_display",
        "urgent",
        "get_language_display",
        "get_status_display",
        "closed_at",
    ]
    export_headings = {
        "display_reference": _("Reference"),
        "created_at": _("Received"),
        "get_category_display": _("Category"),
        "urgent": _("Urgent"),
        "get_language_display": _("Answer in"),
        "get_status_display": _("Status"),
        "closed_at": _("Closed"),
    }
    custom_field_preprocess = {
        "urgent": {
            "csv": lambda urgent: gettext("Yes") if urgent else gettext("No"),
            "xlsx": lambda urgent: gettext("Yes") if urgent else gettext("No"),
        }
    }

    @property
    def columns(self):
        return [
            self.title_column(_("Reference"), "reference"),
            Column("category", label=_("Category"), accessor="get_category_display", sort_key="category"),
            UrgencyColumn("urgent", label=_("Urgent"), accessor=urgency, sort_key="urgent"),
            Column("language", label=_("Answer in"), accessor="get_language_display", sort_key="language"),
            Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
            Column("assigned_to", label=_("Assigned to"), accessor=_assignee),
            DateColumn("created_at", label=_("Received"), sort_key="created_at"),
            Column("days_open", label=_("Days open"), accessor="days_open"),
        ]

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("assigned_to")

    def get_edit_url(self, instance):
        return reverse("cases:case", args=[instance.pk])

    @property
    def header_buttons(self):
        return [
            HeaderButton(_("My key"), url=reverse("cases:key"), icon_name="key"),
            HeaderButton(_("Share cases with a colleague"), url=reverse("cases:share"), icon_name="group"),
        ]

    def search_queryset(self, queryset):
        """Find a case by its reference as the person reads it out: any case, dashes, spaces."""
        return references.filter_by_reference(queryset, self.search_query) if self.is_searching else queryset

    def as_spreadsheet(self, queryset, spreadsheet_format):
        # Metadata only, but it still leaves the site: every exported case is logged.
        services.log_export(queryset, user=self.request.user, export_format=spreadsheet_format)
        response = super().as_spreadsheet(queryset, spreadsheet_format)
        if response.streaming:
            # The CSV is written after the view has returned, when the admin's language is no
            # longer active: its headings and labels would come out in the site's default.
            response.streaming_content = in_language(response.streaming_content, translation.get_language())
        return response


def in_language(chunks, language):
    """Produce ``chunks`` with ``language`` active (for content generated lazily)."""
    with translation.override(language):
        yield from chunks


class CaseworkerView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """A page of the caseworkers' area outside the list (permission checked like the list)."""

    model = HelpRequest
    permission_required = "change"
    header_icon = "folder-open-inverse"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("cases:index"), "label": _("Help requests")},
            {"url": "", "label": self.get_page_title()},
        ]


def case_history(case):
    """The case's audit-log entries, newest first (what happened, by whom, when; never content)."""
    return (
        ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(HelpRequest), object_id=str(case.pk)
        )
        .select_related("user")
        .order_by("-timestamp", "-pk")
    )


PANELS = {
    "case-summary": "contact/admin/case_summary.html",
    "case-handling": "contact/admin/case_handling.html",
    "case-notes": "contact/admin/case_notes.html",
    "case-history": "contact/admin/case_history.html",
}


class CaseView(CaseworkerView):
    """One case: metadata, the sealed content for the browser to open, handling, notes and history."""

    permission_required = "view"
    template_name = "contact/admin/case.html"

    def dispatch(self, request, *args, **kwargs):
        self.case = get_object_or_404(HelpRequest.objects.select_related("assigned_to"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Request %(reference)s") % {"reference": self.case.display_reference}

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        services.log_case_opened(self.case, request.user)
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(case_context(self.request, self.case))
        return context


def case_context(request, case):
    """What the case page and its panels show; the sealed parts as base64 for the browser."""
    key = services.active_key_of(request.user)
    envelope = services.envelope_for(case, request.user) if key else None
    channels = {value: str(label) for value, label in ContactChannel.choices}
    return {
        "case": case,
        "own_key": key,
        "envelope": envelope,
        "notes": list(case.notes.select_related("author")),
        "history": list(case_history(case)[:200]),
        "key_data": key.unlock_data() if key else None,
        "case_data": {
            "id": case.pk,
            "reference": case.reference,
            "document": (
                {"nonce": case.sealed_nonce, "ciphertext": case.sealed_document}
                if case.sealed_document
                else None
            ),
            "envelope": envelope.as_data() if envelope else None,
            "channels": channels,
        },
        "update_form": CaseUpdateForm(
            initial={"status": case.status, "assigned_to": case.assigned_to},
            caseworkers=services.assignable_caseworkers(case),
        ),
    }


def panels_response(request, case, message):
    """The page's changing parts, freshly rendered, for caseworker.js (the page is not reloaded)."""
    context = case_context(request, case)
    return JsonResponse(
        {
            "message": str(message),
            "panels": {
                element_id: render_to_string(template, context, request=request)
                for element_id, template in PANELS.items()
            },
        }
    )


class CaseUpdateView(CaseworkerView):
    """Change the status and/or the assignment (POST only)."""

    http_method_names = ["post"]

    def post(self, request, pk):
        case = get_object_or_404(HelpRequest, pk=pk)
        form = CaseUpdateForm(request.POST, caseworkers=services.assignable_caseworkers(case))
        if not form.is_valid():
            if wants_json(request):
                return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
            messages.error(
                request, _("The case could not be updated: please check the status and assignment.")
            )
            return redirect("cases:case", pk=case.pk)
        changed = services.update_case(
            case,
            status=form.cleaned_data["status"],
            assigned_to=form.cleaned_data["assigned_to"],
            user=request.user,
        )
        message = _("The case was updated.") if changed else _("Nothing changed.")
        if wants_json(request):
            return panels_response(request, case, message)
        messages.success(request, message)
        return redirect("cases:case", pk=case.pk)


class AddNoteView(CaseworkerView):
    """Store a note that the browser encrypted under the case's content key (POST only)."""

    http_method_names = ["post"]

    def post(self, request, pk):
        case = get_object_or_404(HelpRequest, pk=pk, anonymised_at__isnull=True)
        form = SealedNoteForm(request.POST)
        if not form.is_valid():
            # Without JavaScript the page sends no note at all: its text field has no name.
            if wants_json(request):
                return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
            messages.error(request, _("Notes are encrypted in your browser: unlock your key to add one."))
            return redirect("cases:case", pk=case.pk)
        services.add_note(
            case,
            nonce=form.cleaned_data["nonce"],
            ciphertext=form.cleaned_data["ciphertext"],
            user=request.user,
        )
        message = _("The note was added.")
        if wants_json(request):
            return panels_response(request, case, message)
        messages.success(request, message)
        return redirect("cases:case", pk=case.pk)


class EraseCaseView(CaseworkerView):
    """Erase a case on the person's request: the sealed content, envelopes and notes go at once."""

    template_name = "contact/admin/erase.html"

    def dispatch(self, request, *args, **kwargs):
        self.case = get_object_or_404(HelpRequest, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Erase request %(reference)s") % {"reference": self.case.display_reference}

    def get_context_data(self, **kwargs):
        return super().get_context_data(case=self.case, **kwargs)

    def post(self, request, pk):
        services.erase_case(self.case, user=request.user)
        messages.success(
            request, _("Request %(reference)s was erased.") % {"reference": self.case.display_reference}
        )
        return redirect("cases:index")


# --- Keys ------------------------------------------------------------------------------


class KeyView(CaseworkerView):
    """The caseworker's own key: create it, change its passphrase, or replace it."""

    template_name = "contact/admin/key.html"

    def get_page_title(self):
        return _("My caseworker key")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        key = services.active_key_of(self.request.user)
        context.update(own_key=key, key_data=key.unlock_data() if key else None)
        return context


class ReplaceKeyView(CaseworkerView):
    """Replacing one's key, on its own page: what it costs, in numbers, and a confirmation."""

    template_name = "contact/admin/replace_key.html"

    def get_page_title(self):
        return _("Replace my caseworker key")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        replacement = services.key_replacement(self.request.user)
        context.update(
            own_key=services.active_key_of(self.request.user),
            replacement=replacement,
            confirmation=KeyReplacementConfirmation(replacement=replacement),
        )
        return context


class RegisterKeyView(CaseworkerView):
    """Register a key pair made in the browser (POST from caseworker.js, answered in JSON).

    Replacing an active key needs its confirmation (KeyReplacementConfirmation), checked
    against what the replacement costs at this moment."""

    http_method_names = ["post"]

    def post(self, request):
        if services.active_key_of(request.user) is not None:
            confirmation = KeyReplacementConfirmation(
                request.POST, replacement=services.key_replacement(request.user)
            )
            if not confirmation.is_valid():
                return JsonResponse({"errors": confirmation.errors.get_json_data()}, status=400)
        form = KeyRegistrationForm(request.POST)
        if not form.is_valid():
            return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
        data = dict(form.cleaned_data)
        key = services.register_key(request.user, data, form.spki)
        return JsonResponse({"fingerprint": key.short_fingerprint})


class ChangePassphraseView(CaseworkerView):
    """Store the private key wrapped under a new passphrase (POST from caseworker.js, JSON)."""

    http_method_names = ["post"]

    def post(self, request):
        key = services.active_key_of(request.user)
        form = PassphraseChangeForm(request.POST)
        if key is None or not form.is_valid() or form.cleaned_data["public_key"] != key.public_key:
            return JsonResponse({"errors": form.errors.get_json_data() if form.errors else {}}, status=400)
        data = form.cleaned_data
        services.change_passphrase(
            key,
            wrapped_private_key=data["wrapped_private_key"],
            passphrase_salt=data["passphrase_salt"],
            passphrase_nonce=data["passphrase_nonce"],
            passphrase_iterations=data["passphrase_iterations"],
            user=request.user,
        )
        return JsonResponse({"fingerprint": key.short_fingerprint})


# --- Sharing with a colleague --------------------------------------------------------


class ShareView(CaseworkerView):
    """Colleagues' keys that lack some of the cases this caseworker can open, to re-seal them."""

    template_name = "contact/admin/share.html"

    def get_page_title(self):
        return _("Share cases with a colleague")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        own_key = services.active_key_of(self.request.user)
        colleagues = []
        if own_key:
            for key in services.sealing_keys():
                if key.pk == own_key.pk:
                    continue
                envelopes = list(services.cases_to_share(own_key, key))
                colleagues.append(
                    {
                        "key": key,
                        "count": len(envelopes),
                        "data": {
                            "key_id": key.pk,
                            "public_key": key.public_key,
                            "url": reverse("cases:share_with", args=[key.pk]),
                            "cases": [
                                {"case": envelope.help_request_id, **envelope.as_data()}
                                for envelope in envelopes
                            ],
                        },
                    }
                )
        context.update(
            own_key=own_key,
            key_data=own_key.unlock_data() if own_key else None,
            colleagues=colleagues,
            share_data=[colleague["data"] for colleague in colleagues],
        )
        return context


class ShareWithView(CaseworkerView):
    """Store envelopes that the browser made for a colleague's key (POST of JSON, answered in JSON)."""

    http_method_names = ["post"]

    def post(self, request, key_id):
        own_key = services.active_key_of(request.user)
        colleague_key = next((key for key in services.sealing_keys() if key.pk == key_id), None)
        if own_key is None or colleague_key is None or colleague_key.pk == own_key.pk:
            return HttpResponseBadRequest()
        try:
            envelopes = parse_shared_envelopes(request.body)
        except ValidationError:
            return HttpResponseBadRequest()
        shared = services.share_cases(colleague_key, envelopes, user=request.user, own_key=own_key)
        return JsonResponse({"shared": shared})


# --- Contact messages ----------------------------------------------------------------


class MessageFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=MessageStatus.choices)

    class Meta:
        model = ContactMessage
        fields = ["status"]


class MessageIndexView(LinkedIndexView):
    """Contact messages, newest first: number, date, language and status (the content when opened)."""

    filterset_class = MessageFilterSet
    page_title = _("Contact messages")

    @property
    def columns(self):
        return [
            self.title_column(_("Message"), "created_at"),
            DateColumn("created_at", label=_("Received"), sort_key="created_at"),
            Column("language", label=_("Language"), accessor="language"),
            Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
        ]

    def get_edit_url(self, instance):
        return reverse("contact_messages:read", args=[instance.pk])


class MessageView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """One contact message, decrypted for the staff member who opens it (audit-logged)."""

    model = ContactMessage
    permission_required = "view"
    template_name = "contact/admin/message.html"
    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        self.message = get_object_or_404(ContactMessage, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Message %(number)s") % {"number": self.message}

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("contact_messages:index"), "label": _("Contact messages")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        log(self.message, "contact.read_message", user=request.user)
        return response

    def get_context_data(self, **kwargs):
        return super().get_context_data(contact_message=self.message, **kwargs)

    def post(self, request, pk):
        """Mark handled, or delete (with the "delete" action)."""
        if request.POST.get("action") == "delete":
            log(self.message, "contact.delete_message", user=request.user)
            self.message.delete()
            messages.success(request, _("The message was deleted."))
            return redirect("contact_messages:index")
        self.message.status = MessageStatus.HANDLED
        self.message.save(update_fields=["status"])
        log(self.message, "contact.message_handled", user=request.user)
        messages.success(request, _("The message is marked handled."))
        return redirect("contact_messages:index")
