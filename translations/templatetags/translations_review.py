"""The review panel and the actions of wagtail-localize's translation editor."""

import json

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


@register.simple_tag(takes_context=True)
def translation_editor(context):
    """What the translation editor offers the user.

    Someone who may not publish the translation gets "Submit for review" as the editor's main
    action, in a footer of ours (``submit_url``, or the ``refusal`` that says why not), instead
    of wagtail-localize's, whose main action would be whatever comes last among the rest:
    "Delete", or "Convert to alias page", which they may not do either (views.convert_to_alias).
    ``props`` is wagtail-localize's data for its editor, without those two for them.
    """
    request = context["request"]
    translation = context["translation"]
    instance = context["instance"]
    props = json.loads(context["props"])
    is_page = isinstance(instance, Page)
    reviewed = is_page and not review.user_can_publish(request.user, instance)
    if reviewed:
        props["links"]["convertToAliasUrl"] = None
        props["perms"]["canDelete"] = False
    refusal = review.review_refusal(translation, request.user) if is_page else None
    return {
        "props": json.dumps(props),
        "reviewed": reviewed,
        "submit_url": reverse("translations:submit_for_review", args=[translation.id])
        + "?"
        + urlencode({"next": request.get_full_path()}),
        "refusal": refusal,
        "in_review": is_page and instance.workflow_in_progress,
    }
