"""Translations reach the public only through the editorial review, or from someone who may publish.

wagtail-localize writes a translation into its target object whenever it "saves" it, and
for a page that already is live, saving the page row *is* publishing it: visitors are
served the row, not the latest revision. Its own code does that in several places for
users without any publish permission (see views.py for each one). The functions here are
what the workflow uses instead:

- ``prepare_translation()``: when a translation is started, create its target as a draft
  (pages) and never touch a live one;
- ``save_translation_revision()``: the translated text becomes a new *revision* of the page,
  never its live row;
- ``submit_for_review()``: that revision goes into the page's workflow ("Editorial review"),
  where a moderator approves and so publishes it;
- ``user_can_publish()``: who may make a translation live directly.
"""

import contextlib
from collections import defaultdict

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.coreutils import find_available_slug
from wagtail.models import DraftStateMixin, Locale, Page, PageLogEntry, WorkflowState
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.permissions import get_permission_name
from wagtail_localize.models import Translation, TranslationLog, TranslationSource
from wagtail_localize.operations import TranslationCreator

from .models import PUBLISH_SNIPPET_TRANSLATIONS


class ReviewRefused(Exception):
    """A translation cannot be submitted for review; the message says why, for the user."""


def publishes_on_save(instance):
    """Whether saving ``instance`` makes it public at once: snippets without drafts."""
    return not isinstance(instance, Page | DraftStateMixin)


def user_can_publish(user, instance):
    """Whether ``user`` may make ``instance`` (a page or snippet) live without a review."""
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_publish()
    if isinstance(instance, DraftStateMixin):
        return user.is_superuser or user.has_perm(get_permission_name("publish", type(instance)))
    return user.has_perm(PUBLISH_SNIPPET_TRANSLATIONS)


def locales_user_translates_into(user):
    """The languages ``user`` may start translations into: those of the pages they may add or
    change. Every language for editors and moderators (their permissions are on the root page),
    their own language's for translators (theirs are on that language's home page)."""
    pages = PagePermissionPolicy().instances_user_has_any_permission_for(user, ["add", "change"])
    return Locale.objects.filter(pk__in=pages.values("locale_id"))


def user_can_publish_translations(user, source):
    """Whether ``user`` may publish every enabled translation of ``source`` at once (the
    "Publish immediately" choice of wagtail-localize's "Sync translated pages")."""
    source_instance = source.get_source_instance()
    for translation in source.translations.filter(enabled=True).select_related("target_locale"):
        try:
            target = translation.get_target_instance()
        except ObjectDoesNotExist:
            # Publishing would create it: judge by the place it would be published in.
            target = _nearest_translated_ancestor(source_instance, translation.target_locale)
            if target is None:
                target = source_instance
        if not user_can_publish(user, target):
            return False
    return True


def _nearest_translated_ancestor(instance, locale):
    if not isinstance(instance, Page):
        return None
    for ancestor in instance.get_ancestors().filter(depth__gt=1).order_by("-depth"):
        translated = ancestor.get_translation_or_none(locale)
        if translated is not None:
            return translated
    return None


def _translate_missing_parents(page, locale, user):
    """Give every untranslated ancestor of ``page`` a draft translation in ``locale``.

    wagtail-localize would otherwise copy them as *aliases* (copy_parents=True), which are
    live and show the source language's text in the other language's tree.
    """
    parent = page.get_parent().specific
    if parent.is_root() or parent.get_translation_or_none(locale) is not None:
        return
    _translate_missing_parents(parent, locale, user)
    source, _created = TranslationSource.get_or_create_from_instance(parent)
    translation, _created = Translation.objects.update_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    source.create_or_update_translation(locale, user=user, publish=False, fallback=True)


def _detach_alias(page, user):
    """Make an alias page a page of its own, keeping what it shows now."""
    Page.objects.filter(pk=page.pk).update(alias_of=None)
    page.alias_of_id = None
    revision = page.save_revision(user=user, changed=False, clean=False)
    PageLogEntry.objects.log_action(
        instance=page,
        revision=revision,
        action="wagtail.convert_alias",
        user=user,
        data={"page": {"id": page.id, "title": page.get_admin_display_title()}},
    )


def prepare_translation(translation, user):
    """Create the target of a newly started translation, never publishing anything.

    - no target yet: a page is created as a draft (its missing parents too); a snippet
      without drafts can only be created live, so callers let only publishers start one;
    - a draft page (not live): its row is brought up to date, as Wagtail's editor does;
    - a live page or live snippet: left as it is. The translator's work reaches it through a
      review (pages) or a publisher (snippets).
    """
    source = translation.source
    locale = translation.target_locale
    try:
        target = source.get_translated_instance(locale)
    except ObjectDoesNotExist:
        target = None

    if target is None:
        original = source.get_source_instance()
        if isinstance(original, Page):
            _translate_missing_parents(original, locale, user)
        source.create_or_update_translation(
            locale, user=user, publish=publishes_on_save(original), fallback=True
        )
        return

    if isinstance(target, Page):
        if target.alias_of_id:
            _detach_alias(target, user)
        if not target.live:
            source.create_or_update_translation(locale, user=user, publish=False, fallback=True)
    elif isinstance(target, DraftStateMixin) and not target.live:
        source.create_or_update_translation(locale, user=user, publish=False, fallback=True)


class ReviewedTranslationCreator(TranslationCreator):
    """wagtail-localize's TranslationCreator ("Translate this page", "Include subtree"), but
    its targets are prepared with ``prepare_translation()``: nothing goes live.

    Snippets without drafts (topics, organisation details) that the user may not publish are
    skipped (``self.skipped``): creating one would put it on the site at once. A page then
    shows the source language's topic until a publisher translates it.
    """

    def __init__(self, user, target_locales):
        super().__init__(user, target_locales)
        self.skipped = []

    def create_translations(self, instance, include_related_objects=True):
        if isinstance(instance, Page):
            instance = instance.specific
        if instance.translation_key in self.seen_objects:
            return
        self.seen_objects.add(instance.translation_key)

        if publishes_on_save(instance) and not (
            self.user and self.user.has_perm(PUBLISH_SNIPPET_TRANSLATIONS)
        ):
            self.skipped.append(instance)
            return

        source, _created = TranslationSource.get_or_create_from_instance(instance)

        if include_related_objects:
            # Before the translations: their targets may need the related objects (as in
            # wagtail-localize), one level deep.
            for related_object_segment in source.relatedobjectsegment_set.all():
                related_instance = related_object_segment.object.get_instance(instance.locale)
                self.create_translations(related_instance, include_related_objects=False)

        translation_mode = getattr(
            instance,
            "localize_default_translation_mode",
            getattr(settings, "WAGTAIL_LOCALIZE_DEFAULT_TRANSLATION_MODE", "synced"),
        )
        for target_locale in self.target_locales:
            if target_locale == source.locale:
                continue
            translation, _created = Translation.objects.update_or_create(
                source=source,
                target_locale=target_locale,
                defaults={"enabled": translation_mode == "synced"},
            )
            self.mappings[source].append(translation)
            with contextlib.suppress(ValidationError):
                prepare_translation(translation, self.user)


@transaction.atomic
def translate_object_for_review(instance, locales, components=None, user=None):
    """Start translating ``instance`` into ``locales`` (wagtail-localize's translate_object,
    without publishing). Returns the creator (its ``skipped`` snippets)."""
    creator = ReviewedTranslationCreator(user, locales)
    creator.create_translations(instance)
    if components is not None:
        components.save(creator, sources_and_translations=creator.mappings)
    return creator


@transaction.atomic
def translate_page_subtree_for_review(page_id, locales, components, user):
    """Start translating every page below ``page_id`` (wagtail-localize's
    translate_page_subtree, without publishing). Takes an id: it may run in a worker."""
    page = Page.objects.get(id=page_id)
    creator = ReviewedTranslationCreator(user, locales)

    def walk(current_page):
        for child_page in current_page.get_children():
            creator.create_translations(child_page)
            if child_page.numchild:
                walk(child_page)

    walk(page)
    if components is not None:
        components.save(creator, sources_and_translations=creator.mappings)
    return creator


@transaction.atomic
def save_translation_revision(translation, user):
    """Save the translated text of a page as a new revision (a draft), not into its live row.

    The same content wagtail-localize's "Publish" would write (synchronised fields copied, the
    translated texts, the source's text where a translation is missing, a valid slug), but as
    Wagtail's editor saves a draft: the page's live version is untouched. Returns the revision.
    """
    source = translation.source
    locale = translation.target_locale
    page = source.get_ephemeral_translated_instance(locale, fallback=True)
    if not isinstance(page, Page):
        raise ReviewRefused(_("Only pages go through the editorial review."))
    if page.alias_of_id:
        raise ReviewRefused(_("This page is an alias of another page: translate it first."))
    page.slug = find_available_slug(page.get_parent(), slugify(page.slug), ignore_page_id=page.id)
    revision = page.save_revision(user=user, log_action=True)
    TranslationLog.objects.create(source=source, locale=locale, revision=revision)
    return revision


def review_refusal(translation, user):
    """Why ``user`` cannot submit ``translation`` for review now, or None if they can."""
    if not translation.enabled:
        return _("This translation is not synchronised with its source any more.")
    try:
        page = translation.get_target_instance()
    except ObjectDoesNotExist:
        return _("The translated page does not exist any more.")
    if not isinstance(page, Page):
        return _("Only pages go through the editorial review.")
    permissions = page.permissions_for_user(user)
    if not permissions.can_edit():
        return _("You may not edit this page.")
    if page.get_workflow() is None:
        return _("This page has no review workflow: a moderator publishes it.")
    if page.workflow_in_progress:
        return _("This translation is already waiting for review.")
    if not permissions.can_submit_for_moderation():
        return _("This page is locked.")
    return None


@transaction.atomic
def submit_for_review(translation, user):
    """Save the translation as a draft revision and submit it to its page's workflow.

    Nothing becomes public here: a moderator approves the revision in the workflow, and
    that publishes it. Raises ReviewRefused when the user cannot submit it now.
    """
    refusal = review_refusal(translation, user)
    if refusal:
        raise ReviewRefused(refusal)
    save_translation_revision(translation, user)
    page = Page.objects.get(pk=translation.get_target_instance().pk).specific
    workflow_state = page.current_workflow_state
    if workflow_state and workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        workflow_state.resume(user)
    else:
        page.get_workflow().start(page, user)
    return page


def enabled_translation_for(instance):
    """The enabled wagtail-localize translation whose target is ``instance``, or None."""
    return (
        Translation.objects.filter(
            source__object_id=instance.translation_key, target_locale_id=instance.locale_id, enabled=True
        )
        .select_related("source", "target_locale")
        .first()
    )


def skipped_by_model(skipped):
    """Skipped snippets grouped by their model's verbose name (for messages)."""
    grouped = defaultdict(list)
    for instance in skipped:
        grouped[str(instance._meta.verbose_name)].append(str(instance))
    return dict(grouped)
