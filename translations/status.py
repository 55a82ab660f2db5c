"""The translation status of pages and snippets in every language, for the status report.

One row per translated object (its translation key), one cell per language:

- *source*: the language the others are translated from;
- *missing*: no translation (an alias counts as none: it only repeats the source);
- *out of date*: the source changed after the translation was last synchronised with it
  (a page published since, a snippet whose content differs), or the synchronised text is
  not all translated yet, or translated texts are not yet saved into the translation;
- *draft*: a page that is not live, or has changes waiting for review or publication;
- *up to date*.

A fixed number of queries whatever the number of rows (tests/test_status_report.py).
"""

import json
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.admin.utils import quote
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, Exists, IntegerField, OuterRef, Subquery
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from modelcluster.models import ClusterableModel, get_serializable_data_for_fields
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationLog

SOURCE = "source"
MISSING = "missing"
OUT_OF_DATE = "out_of_date"
DRAFT = "draft"
UP_TO_DATE = "up_to_date"

LABELS = {
    SOURCE: _("Source"),
    MISSING: _("Missing"),
    OUT_OF_DATE: _("Out of date"),
    DRAFT: _("Draft"),
    UP_TO_DATE: _("Up to date"),
}

REASON_SOURCE_CHANGED = _("The source has changed since this translation was last synchronised.")
REASON_UNTRANSLATED = _("%(missing)s of %(total)s texts are not translated yet.")
REASON_NOT_SAVED = _("Translated texts are not saved into the translation yet.")
REASON_OLDER_THAN_SOURCE = _("The source was published after this translation.")
REASON_NOT_LIVE = _("Not published yet.")
REASON_WAITING = _("Changes are waiting for review or publication.")

ACTION_TRANSLATE = _("Translate")
ACTION_UPDATE = _("Update")
ACTION_EDIT = _("Edit")


@dataclass
class Cell:
    """One object in one language: its status, why, and where to act on it."""

    status: str
    url: str = ""
    action: str = ""
    reason: str = ""

    @property
    def label(self):
        return LABELS[self.status]

    @property
    def classname(self):
        return "w-status--primary" if self.status in (SOURCE, UP_TO_DATE) else ""


@dataclass
class Row:
    """One translated object (all instances with one translation key)."""

    title: str
    kind: str
    edit_url: str
    source_language: str
    cells: dict = field(default_factory=dict)  # locale id -> Cell


def ordered_locales():
    """The site's locales in the order of settings.LANGUAGES (one query)."""
    order = {code: position for position, (code, _name) in enumerate(settings.LANGUAGES)}
    return sorted(Locale.objects.all(), key=lambda locale: (order.get(locale.language_code, 99), locale.pk))


def translatable_snippet_models():
    """The snippet models that are translated: topics, organisation details (and any later one)."""
    return [model for model in get_snippet_models() if issubclass(model, TranslatableMixin)]


def _translations(keys, with_source_content=False):
    """The wagtail-localize translations of these translation keys, with what the status needs:
    the source's locale and last synchronisation, the number of texts and of translated texts,
    the last time the translation was saved and the last time one of its texts was edited."""
    segments = StringSegment.objects.filter(source_id=OuterRef("source_id"))
    translated_segments = segments.filter(
        Exists(
            StringTranslation.objects.filter(
                translation_of_id=OuterRef("string_id"),
                context_id=OuterRef("context_id"),
                locale_id=OuterRef(OuterRef("target_locale_id")),
                has_error=False,
            )
        )
    )

    def count(queryset):
        return Subquery(
            queryset.order_by().values("source_id").annotate(n=Count("pk")).values("n"),
            output_field=IntegerField(),
        )

    fields = [
        "id",
        "enabled",
        "target_locale_id",
        "source_id",
        "source__object_id",
        "source__locale_id",
        "source__last_updated_at",
        "total",
        "translated",
        "last_saved",
        "last_edited",
    ]
    if with_source_content:
        fields.append("source__content_json")
    rows = (
        Translation.objects.filter(source__object_id__in=keys)
        .annotate(
            total=count(segments),
            translated=count(translated_segments),
            last_saved=Subquery(
                TranslationLog.objects.filter(
                    source_id=OuterRef("source_id"), locale_id=OuterRef("target_locale_id")
                )
                .order_by("-created_at")
                .values("created_at")[:1]
            ),
            last_edited=Subquery(
                StringTranslation.objects.filter(
                    context__object_id=OuterRef("source__object_id"), locale_id=OuterRef("target_locale_id")
                )
                .order_by("-updated_at")
                .values("updated_at")[:1]
            ),
        )
        .values(*fields)
    )
    by_key = {}
    for row in rows:
        by_key.setdefault(row["source__object_id"], {})[row["target_locale_id"]] = row
    return by_key


def _pending_translation_reason(translation):
    """Why a synchronised translation still needs its translator, or None."""
    total, translated = translation["total"] or 0, translation["translated"] or 0
    if translated < total:
        return REASON_UNTRANSLATED % {"missing": total - translated, "total": total}
    synced = translation["source__last_updated_at"]
    saved = translation["last_saved"]
    edited = translation["last_edited"]
    if saved is None or saved < synced or (edited is not None and edited > saved):
        return REASON_NOT_SAVED
    return None


def _next(url, report_url):
    return f"{url}?{urlencode({'next': report_url})}" if report_url else url


class PageStatus:
    """Rows of the pages with these translation keys."""

    FIELDS = [
        "id",
        "title",
        "translation_key",
        "locale_id",
        "live",
        "has_unpublished_changes",
        "last_published_at",
        "latest_revision_created_at",
        "content_type_id",
        "path",
    ]

    def __init__(self, keys, locales, report_url=""):
        self.keys = list(keys)
        self.locales = locales
        self.report_url = report_url

    def rows(self):
        from django.contrib.contenttypes.models import ContentType

        pages_by_key = {}
        for page in Page.objects.filter(
            translation_key__in=self.keys, alias_of__isnull=True, depth__gt=1
        ).values(*self.FIELDS):
            pages_by_key.setdefault(page["translation_key"], {})[page["locale_id"]] = page
        translations = _translations(self.keys)
        default_locale_id = next(
            (locale.pk for locale in self.locales if locale.language_code == settings.LANGUAGE_CODE), None
        )
        locales_by_id = {locale.pk: locale for locale in self.locales}

        rows = []
        for key in self.keys:
            pages = pages_by_key.get(key, {})
            if not pages:
                continue
            by_target = translations.get(key, {})
            source_locale_id = self._source_locale_id(pages, by_target, default_locale_id)
            source_page = pages[source_locale_id]
            model = ContentType.objects.get_for_id(source_page["content_type_id"]).model_class()
            row = Row(
                title=source_page["title"],
                kind=str(model._meta.verbose_name) if model else "",
                edit_url=reverse("wagtailadmin_pages:edit", args=[source_page["id"]]),
                source_language=locales_by_id[source_locale_id].get_display_name(),
            )
            for locale in self.locales:
                row.cells[locale.pk] = self._cell(locale, pages, by_target, source_locale_id, source_page)
            rows.append(row)
        return rows

    @staticmethod
    def _source_locale_id(pages, by_target, default_locale_id):
        for translation in by_target.values():
            if translation["enabled"] and translation["source__locale_id"] in pages:
                return translation["source__locale_id"]
        if default_locale_id in pages:
            return default_locale_id
        return min(pages.values(), key=lambda page: page["path"])["locale_id"]

    def _cell(self, locale, pages, by_target, source_locale_id, source_page):
        page = pages.get(locale.pk)
        if locale.pk == source_locale_id:
            return Cell(SOURCE, reverse("wagtailadmin_pages:edit", args=[page["id"]]), ACTION_EDIT)
        if page is None:
            url = reverse("wagtail_localize:submit_page_translation", args=[source_page["id"]])
            query = {"select_locale": locale.language_code}
            if self.report_url:
                query["next"] = self.report_url
            return Cell(MISSING, f"{url}?{urlencode(query)}", ACTION_TRANSLATE)

        edit_url = reverse("wagtailadmin_pages:edit", args=[page["id"]])
        translation = by_target.get(locale.pk)
        if translation is not None and translation["enabled"]:
            source = pages.get(translation["source__locale_id"])
            changed_at = source and (
                source["last_published_at"] if source["live"] else source["latest_revision_created_at"]
            )
            if changed_at and changed_at > translation["source__last_updated_at"]:
                url = reverse("wagtail_localize:update_translations", args=[translation["source_id"]])
                return Cell(OUT_OF_DATE, _next(url, self.report_url), ACTION_UPDATE, REASON_SOURCE_CHANGED)
            if not page["live"]:
                return Cell(DRAFT, edit_url, ACTION_EDIT, REASON_NOT_LIVE)
            reason = _pending_translation_reason(translation)
            if reason:
                return Cell(OUT_OF_DATE, edit_url, ACTION_EDIT, reason)
        else:
            # Translated by hand (or no longer synchronised): compare publication dates.
            if not page["live"]:
                return Cell(DRAFT, edit_url, ACTION_EDIT, REASON_NOT_LIVE)
            source_published = source_page["last_published_at"]
            if (
                source_published
                and page["last_published_at"]
                and source_published > page["last_published_at"]
            ):
                return Cell(OUT_OF_DATE, edit_url, ACTION_EDIT, REASON_OLDER_THAN_SOURCE)
        if page["has_unpublished_changes"]:
            return Cell(DRAFT, edit_url, ACTION_EDIT, REASON_WAITING)
        return Cell(UP_TO_DATE, edit_url, ACTION_EDIT)


def _snippet_content(instance):
    """The content wagtail-localize stores as a TranslationSource's content_json, as data."""
    if isinstance(instance, ClusterableModel):
        return json.loads(instance.to_json())
    return json.loads(json.dumps(get_serializable_data_for_fields(instance), cls=DjangoJSONEncoder))


class SnippetStatus:
    """Rows of every translatable snippet (topics, organisation details)."""

    def __init__(self, locales, report_url=""):
        self.locales = locales
        self.report_url = report_url

    def rows(self):
        instances_by_model = {
            # Their names may show their language (organisation details do).
            model: list(model.objects.select_related("locale").order_by("pk"))
            for model in translatable_snippet_models()
        }
        keys = {
            instance.translation_key for instances in instances_by_model.values() for instance in instances
        }
        translations = _translations(keys, with_source_content=True)
        default_locale_id = next(
            (locale.pk for locale in self.locales if locale.language_code == settings.LANGUAGE_CODE), None
        )
        locales_by_id = {locale.pk: locale for locale in self.locales}

        rows = []
        for model, model_instances in instances_by_model.items():
            grouped = {}
            for instance in model_instances:
                grouped.setdefault(instance.translation_key, {})[instance.locale_id] = instance
            for key, instances in grouped.items():
                by_target = translations.get(key, {})
                source_locale_id = next(
                    (
                        translation["source__locale_id"]
                        for translation in by_target.values()
                        if translation["enabled"] and translation["source__locale_id"] in instances
                    ),
                    default_locale_id if default_locale_id in instances else next(iter(instances)),
                )
                source = instances[source_locale_id]
                row = Row(
                    title=str(source),
                    kind=str(model._meta.verbose_name),
                    edit_url=self._edit_url(source),
                    source_language=locales_by_id[source_locale_id].get_display_name(),
                )
                for locale in self.locales:
                    row.cells[locale.pk] = self._cell(locale, instances, by_target, source_locale_id, source)
                rows.append(row)
        return rows

    @staticmethod
    def _edit_url(instance):
        return reverse(instance.snippet_viewset.get_url_name("edit"), args=[quote(instance.pk)])

    def _cell(self, locale, instances, by_target, source_locale_id, source):
        instance = instances.get(locale.pk)
        if locale.pk == source_locale_id:
            return Cell(SOURCE, self._edit_url(instance), ACTION_EDIT)
        if instance is None:
            opts = source._meta
            url = reverse(
                "wagtail_localize:submit_snippet_translation",
                args=[opts.app_label, opts.model_name, quote(source.pk)],
            )
            query = {"select_locale": locale.language_code}
            if self.report_url:
                query["next"] = self.report_url
            return Cell(MISSING, f"{url}?{urlencode(query)}", ACTION_TRANSLATE)

        edit_url = self._edit_url(instance)
        translation = by_target.get(locale.pk)
        if translation is not None and translation["enabled"]:
            synced_from = instances.get(translation["source__locale_id"])
            if synced_from is not None and _snippet_content(synced_from) != json.loads(
                translation["source__content_json"]
            ):
                url = reverse("wagtail_localize:update_translations", args=[translation["source_id"]])
                return Cell(OUT_OF_DATE, _next(url, self.report_url), ACTION_UPDATE, REASON_SOURCE_CHANGED)
            reason = _pending_translation_reason(translation)
            if reason:
                return Cell(OUT_OF_DATE, edit_url, ACTION_EDIT, reason)
        return Cell(UP_TO_DATE, edit_url, ACTION_EDIT)
