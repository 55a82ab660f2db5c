"""The moderators' view of campaigns: counts and exports of confirmed signatures.

Only users with ``campaigns.export_signatures`` (Moderators and Administrators) reach
it; every export is written to Wagtail's audit log with its format and row count.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Locale

from . import exports, services
from .countries import COUNTRIES
from .models import CampaignPage

PERMISSION = "campaigns.export_signatures"
FORMATS = {
    "csv": ("text/csv; charset=utf-8", exports.as_csv),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", exports.as_xlsx),
}


def require_permission(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def campaigns_once():
    """One page per campaign (the default language's when it exists), newest first."""
    default = Locale.get_default()
    pages = {}
    for page in CampaignPage.objects.order_by("-first_published_at", "-pk").select_related("locale"):
        key = page.translation_key
        if key not in pages or page.locale_id == default.pk:
            pages[key] = page
    return list(pages.values())


def index(request):
    require_permission(request)
    campaigns = [(campaign, services.counts(campaign)) for campaign in campaigns_once()]
    return TemplateResponse(
        request,
        "campaigns/admin/index.html",
        {"campaigns": campaigns, "header_title": _("Signatures"), "page_title": _("Signatures")},
    )


def detail(request, page_id):
    require_permission(request)
    campaign = get_object_or_404(CampaignPage, pk=page_id)
    countries = dict(COUNTRIES)
    counts = services.counts(campaign)
    by_country = [(countries.get(code, code), n) for code, n in counts["by_country"]]
    return TemplateResponse(
        request,
        "campaigns/admin/detail.html",
        {
            "campaign": campaign,
            "counts": counts,
            "by_country": by_country,
            "header_title": campaign.title,
            "page_title": _("Signatures: %(title)s") % {"title": campaign.title},
        },
    )


def export(request, page_id, file_format):
    """Download the confirmed signatures; the download itself is the logged event."""
    require_permission(request)
    if file_format not in FORMATS:
        raise Http404
    campaign = get_object_or_404(CampaignPage, pk=page_id)
    content_type, build = FORMATS[file_format]
    content, count = build(services.confirmed_signatures_for_export(campaign))
    log(
        instance=campaign,
        action="campaigns.export_signatures",
        user=request.user,
        data={"format": file_format, "rows": count},
    )
    response = HttpResponse(content, content_type=content_type)
    name = f"signatures-{slugify(campaign.slug)}-{timezone.localdate().isoformat()}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store, private"
    return response
