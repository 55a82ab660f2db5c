"""The review panel below wagtail-localize's translation editor."""

from django import template
from django.urls import reverse
from django.utils.http import urlencode
from wagtail.models import Page

from translations import review

register = template.Library()


@register.inclusion_tag("translations/includes/review_panel.html", takes_context=True)
def translation_review_panel(context):
    """How this translation reaches the public: "Submit for review" (pages), or a note that a
    moderator publishes it (snippets without drafts, for users who may not publish them)."""
    request = context["request"]
    translation = context["translation"]
    instance = context["instance"]
    is_page = isinstance(instance, Page)
    return {
        "request": request,
        "is_page": is_page,
        "in_review": is_page and instance.workflow_in_progress,
        "refusal": review.review_refusal(translation, request.user) if is_page else None,
        "can_publish": review.user_can_publish(request.user, instance),
        "submit_url": reverse("translations:submit_for_review", args=[translation.id]),
        "next_query": urlencode({"next": request.get_full_path()}),
    }
