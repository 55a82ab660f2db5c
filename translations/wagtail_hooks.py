"""Admin integration: wagtail-localize's views replaced where they would publish unreviewed,
"Submit for review" for translations, and the translation status report."""

from django.contrib import messages
from django.contrib.auth.models import Permission
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import TranslatableMixin

from . import admin_views, review, views


@hooks.register("register_admin_urls", order=-1)
def register_reviewed_localize_urls():
    """The same addresses as wagtail-localize's views (its namespace, so its templates and
    reverse() keep working), registered first so that these answer them."""
    return [
        path(
            "localize/submit/page/<int:page_id>/",
            views.SubmitPageTranslationView.as_view(),
            name="translations_submit_page_translation",
        ),
        path(
            "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            views.SubmitSnippetTranslationView.as_view(),
            name="translations_submit_snippet_translation",
        ),
        path(
            "localize/update/<int:translation_source_id>/",
            views.UpdateTranslationsView.as_view(),
            name="translations_update_translations",
        ),
        path(
            "localize/page/<int:page_id>/convert_to_alias/",
            views.convert_to_alias,
            name="translations_convert_to_alias",
        ),
        path(
            "localize/translate/<int:translation_id>/disable/",
            views.stop_translation,
            name="translations_stop_translation",
        ),
        path(
            "localize/reports/translations/",
            admin_views.TranslationsReportView.as_view(),
            name="translations_translations_report",
        ),
        path(
            "localize/reports/translations/results/",
            admin_views.TranslationsReportView.as_view(results_only=True),
            name="translations_translations_report_results",
        ),
    ]


@hooks.register("register_admin_urls")
def register_translation_urls():
    urls = [
        path("status/", admin_views.TranslationStatusReportView.as_view(), name="status"),
        path(
            "status/results/",
            admin_views.TranslationStatusReportView.as_view(results_only=True),
            name="status_results",
        ),
        path("<int:translation_id>/submit-for-review/", views.submit_for_review, name="submit_for_review"),
    ]
    return [path("translations/", include((urls, "translations")))]


@hooks.register("before_edit_snippet", order=-1)
def publish_snippet_translations_only_with_permission(request, instance):
    """The translation editor's "Publish" of a snippet without drafts saves it live, and
    wagtail-localize lets anyone who may edit it do so: only publishers may."""
    if request.method != "POST" or request.POST.get("action") != "publish":
        return None
    if not isinstance(instance, TranslatableMixin) or not review.publishes_on_save(instance):
        return None
    if review.user_can_publish(request.user, instance) or review.enabled_translation_for(instance) is None:
        return None
    messages.error(
        request,
        _(
            "Only moderators can publish this translation: it is public as soon as it is saved. "
            "Your translated texts are kept; tell a moderator that the translation is ready."
        ),
    )
    return redirect(request.path)


class TranslationStatusMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.may_see_translation_reports(request.user)


@hooks.register("construct_reports_menu")
def hide_localize_translations_report(request, menu_items):
    """wagtail-localize shows its Translations report to everyone in the admin."""
    if not admin_views.may_see_translation_reports(request.user):
        report_url = reverse("wagtail_localize:translations_report")
        menu_items[:] = [item for item in menu_items if item.url != report_url]


@hooks.register("register_reports_menu_item")
def register_translation_status_menu_item():
    return TranslationStatusMenuItem(
        gettext_lazy("Translation status"), reverse("translations:status"), icon_name="site", order=8900
    )


@hooks.register("register_permissions")
def register_translation_permissions():
    return Permission.objects.filter(content_type__app_label="translations")
