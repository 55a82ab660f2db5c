"""wagtail-localize's addresses are answered by the reviewed views of this app."""

import inspect

import pytest
from django.urls import resolve, reverse

from translations import views

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "args", "view"),
    [
        ("wagtail_localize:submit_page_translation", [1], views.SubmitPageTranslationView),
        (
            "wagtail_localize:submit_snippet_translation",
            ["news", "topic", "1"],
            views.SubmitSnippetTranslationView,
        ),
        ("wagtail_localize:update_translations", [1], views.UpdateTranslationsView),
        ("wagtail_localize:convert_to_alias", [1], views.convert_to_alias),
        ("wagtail_localize:stop_translation", [1], views.stop_translation),
    ],
)
def test_wagtail_localize_addresses_lead_to_the_reviewed_views(name, args, view):
    func = resolve(reverse(name, args=args)).func
    assert getattr(func, "view_class", None) is view or inspect.unwrap(func) is inspect.unwrap(view)
