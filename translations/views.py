"""wagtail-localize's views, with every way to publish a translation unreviewed closed.

wagtail_hooks.py puts these at wagtail-localize's own addresses, before its URLs, so its
templates, buttons and ``reverse()`` calls lead here. What each one changes:

- "Translate this page" / "Translate" (submit): wagtail-localize publishes a new
  translation at once when the source is live (WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE),
  copies untranslated parents as live aliases, and with "Include subtree" rewrites the live
  rows of existing translations. Here targets are created as drafts (review.py).
- "Sync translated pages" (update): its "Publish immediately" publishes every translation
  for anyone who may submit translations. Here only for those who may publish them all.
- "Convert to alias page": turns a translation into a live copy of the source (source
  language's text) for anyone who may edit it. Here only for those who may publish it.
- "Stop synced translation" of a snippet without drafts: afterwards Wagtail's own snippet
  editor saves it live. Here only for those who may publish it.

The translation editor's "Publish" checks the page's publish permission itself; for
snippets without drafts it does not, so wagtail_hooks.py adds that check.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.views.pages.utils import get_valid_next_url_from_request
from wagtail.models import Page
from wagtail_localize.models import Translation
from wagtail_localize.tasks import background
from wagtail_localize.views import convert, edit_translation, submit_translations, update_translations

from . import review


class ReviewedSubmitMixin:
    """Starts translations with review.translate_object_for_review (drafts, nothing live), into
    the languages the user translates into only (a translator: their own)."""

    def get_form(self):
        form = super().get_form()
        field = form.fields["locales"]
        field.queryset = field.queryset.filter(pk__in=review.locales_user_translates_into(self.request.user))
        if len(field.queryset) < 2:
            form.fields["select_all"].widget = forms.HiddenInput()
        return form

    @transaction.atomic
    def form_valid(self, form):
        locales = form.cleaned_data["locales"]
        creator = review.translate_object_for_review(self.object, locales, self.components, self.request.user)

        if isinstance(self.object, Page) and form.cleaned_data["include_subtree"]:
            background.enqueue(
                review.translate_page_subtree_for_review,
                [self.object.id, locales, self.components, self.request.user],
                {},
            )

        for model_name, names in review.skipped_by_model(creator.skipped).items():
            messages.warning(
                self.request,
                _(
                    "Not translated: %(model_name)s %(names)s. Only moderators can start the translation "
                    "of a %(model_name)s, because it is public as soon as it exists."
                )
                % {"model_name": model_name, "names": ", ".join(names)},
            )

        single_translated_object = None
        if len(locales) == 1:
            locale_names = locales[0].get_display_name()
            single_translated_object = self.object.get_translation_or_none(locales[0])
        else:
            locale_names = _("{} locales").format(len(locales))
        messages.success(self.request, self.get_success_message(locale_names))
        return redirect(self.get_success_url() or self.get_default_success_url(single_translated_object))


class SubmitPageTranslationView(ReviewedSubmitMixin, submit_translations.SubmitPageTranslationView):
    """wagtail-localize's "Translate this page": the new translations are drafts."""


class SubmitSnippetTranslationView(ReviewedSubmitMixin, submit_translations.SubmitSnippetTranslationView):
    """wagtail-localize's "Translate" for snippets; a snippet without drafts is public as soon
    as its translation exists, so only users who may publish it start one."""

    def get_object(self):
        instance = super().get_object()
        if review.publishes_on_save(instance) and not review.user_can_publish(self.request.user, instance):
            raise PermissionDenied
        return instance


class UpdateTranslationsForm(update_translations.UpdateTranslationsForm):
    """wagtail-localize's form, whose "Publish immediately" can be switched off."""

    def __init__(self, *args, can_publish=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_publish:
            field = self.fields["publish_translations"]
            # A disabled field ignores what is posted: the value stays False.
            field.disabled = True
            field.help_text = gettext_lazy(
                "Only someone who may publish every one of these translations can publish them from "
                "here. Your update brings the new text into each translation; translate it, then "
                "submit each translation for review."
            )


class UpdateTranslationsView(update_translations.UpdateTranslationsView):
    """wagtail-localize's "Sync translated pages": publishing them all at once needs the
    permission to publish each of them."""

    @cached_property
    def can_publish_translations(self):
        return review.user_can_publish_translations(self.request.user, self.object)

    def get_form(self):
        data = self.request.POST if self.request.method == "POST" else None
        return UpdateTranslationsForm(data, can_publish=self.can_publish_translations)


def convert_to_alias(request, page_id):
    """wagtail-localize's "Convert to alias page", for users who may publish the page only:
    an alias shows the source language's content, live."""
    page = get_object_or_404(Page, id=page_id, alias_of_id__isnull=True)
    if not page.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    return convert.convert_to_alias(request, page_id)


@require_POST
def stop_translation(request, translation_id):
    """wagtail-localize's "Stop synced translation". For a snippet without drafts, only users
    who may publish it: afterwards Wagtail's snippet editor saves it live."""
    translation = get_object_or_404(Translation, id=translation_id)
    try:
        instance = translation.get_target_instance()
    except ObjectDoesNotExist as error:  # the target was deleted: nothing to protect
        raise Http404 from error
    if review.publishes_on_save(instance) and not review.user_can_publish(request.user, instance):
        raise PermissionDenied
    return edit_translation.stop_translation(request, translation_id)


def submit_for_review(request, translation_id):
    """Save a page's translation as a draft and submit it to the editorial review.

    wagtail-localize's translation editor has no "Submit for moderation": this is it (a
    button below the editor, templates/wagtail_localize/admin/edit_translation.html). GET
    asks for confirmation and shows how much is translated; POST submits.
    """
    translation = get_object_or_404(
        Translation.objects.select_related("source", "target_locale"), id=translation_id
    )
    try:
        page = translation.get_target_instance()
    except ObjectDoesNotExist as error:  # the translated page was deleted
        raise Http404 from error
    if not isinstance(page, Page):
        raise Http404
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied

    edit_url = reverse("wagtailadmin_pages:edit", args=[page.id])
    next_url = get_valid_next_url_from_request(request) or edit_url
    refusal = review.review_refusal(translation, request.user)

    if request.method == "POST":
        if refusal:
            messages.error(request, refusal)
            return redirect(next_url)
        try:
            page = review.submit_for_review(translation, request.user)
        except (review.ReviewRefused, ValidationError) as error:
            text = error.messages if isinstance(error, ValidationError) else [str(error)]
            messages.error(
                request,
                _("The translation could not be submitted: %(errors)s") % {"errors": " ".join(text)},
            )
            return redirect(next_url)
        messages.success(
            request,
            _("The translation '%(title)s' was submitted for review.")
            % {"title": page.get_admin_display_title()},
        )
        return redirect(next_url)

    total, translated = translation.get_progress()
    return TemplateResponse(
        request,
        "translations/submit_for_review.html",
        {
            "page": page,
            "translation": translation,
            "total": total,
            "translated": translated,
            "untranslated": total - translated,
            "refusal": refusal,
            "next_url": next_url,
            "edit_url": edit_url,
        },
    )
