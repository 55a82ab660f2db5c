"""A translation goes live only through the editorial review, or from someone who may publish."""

import pytest
from django.urls import reverse
from wagtail.models import Page, WorkflowState

from .conftest import (
    EN,
    approve,
    assert_refused,
    change_source,
    locale,
    public_text,
    russian,
    submit_for_review,
    submit_page_translation,
    translate_strings,
    translation_of,
)

pytestmark = pytest.mark.django_db


def test_a_translator_cannot_publish_and_a_moderator_approves_the_submitted_translation(client, newsroom):
    client.force_login(newsroom.editor)
    assert submit_page_translation(client, newsroom.article, "ru").status_code == 302
    draft = russian(newsroom.article)
    assert not draft.live
    assert client.get("/ru/news/pasport/").status_code == 404

    client.force_login(newsroom.translator)
    props = translate_strings(
        client,
        draft,
        {
            "Pasport amnistiýasy": "Паспортная амнистия",
            "Konsullyk pasport berenok.": "Консульство не выдаёт паспорта.",
        },
    )
    assert props["perms"]["canPublish"] is False
    publish = client.post(reverse("wagtailadmin_pages:edit", args=[draft.id]), {"action": "publish"}, **EN)
    assert_refused(publish)
    assert not russian(newsroom.article).live

    response = submit_for_review(client, draft)
    assert response.status_code == 302
    submitted = russian(newsroom.article)
    assert submitted.workflow_in_progress
    assert not submitted.live
    assert client.get("/ru/news/pasport/").status_code == 404

    client.force_login(newsroom.moderator)
    assert approve(client, submitted).status_code in (200, 302)
    published = russian(newsroom.article)
    assert published.live
    assert published.title == "Паспортная амнистия"
    assert published.current_workflow_state is None
    page = client.get(f"/ru/news/{published.slug}/")
    assert page.status_code == 200
    assert "Консульство не выдаёт паспорта." in page.content.decode()


def test_a_change_to_a_live_translation_stays_private_until_a_moderator_approves_it(
    client, newsroom, published_translation
):
    change_source(newsroom.article, "Täze habar bar.")
    client.force_login(newsroom.translator)
    source_id = translation_of(published_translation).source_id
    assert (
        client.post(reverse("wagtail_localize:update_translations", args=[source_id]), **EN).status_code
        == 302
    )
    translate_strings(client, published_translation, {"Täze habar bar.": "Есть новости."})
    assert submit_for_review(client, published_translation).status_code == 302

    text = public_text(client, published_translation)
    assert "Консульство молчит." in text and "Есть новости." not in text
    assert russian(newsroom.article).has_unpublished_changes

    client.force_login(newsroom.moderator)
    approve(client, published_translation)
    client.logout()
    text = public_text(client, published_translation)
    assert "Есть новости." in text and "Консульство молчит." not in text


def test_a_translation_sent_back_for_changes_is_resubmitted_into_the_same_review(client, newsroom):
    client.force_login(newsroom.editor)
    submit_page_translation(client, newsroom.article, "ru")
    client.force_login(newsroom.translator)
    submit_for_review(client, russian(newsroom.article))
    client.force_login(newsroom.moderator)
    page = Page.objects.get(pk=russian(newsroom.article).pk)
    reject = reverse(
        "wagtailadmin_pages:workflow_action", args=[page.id, "reject", page.current_workflow_task_state.id]
    )
    client.post(reject, {"comment": "Terjime et"}, **EN)
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES

    client.force_login(newsroom.translator)
    translate_strings(client, page, {"Pasport amnistiýasy": "Паспортная амнистия"})
    assert submit_for_review(client, page).status_code == 302
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert WorkflowState.objects.filter(object_id=str(page.pk)).count() == 1
    assert not russian(newsroom.article).live


def test_sync_translated_pages_publishes_them_only_for_users_who_may_publish_every_one(
    client, newsroom, published_translation
):
    change_source(newsroom.article, "Täze habar bar.")
    source_id = translation_of(published_translation).source_id
    url = reverse("wagtail_localize:update_translations", args=[source_id])

    client.force_login(newsroom.translator)
    form = client.get(url, **EN).context["form"]
    assert form.fields["publish_translations"].disabled
    assert client.post(url, {"publish_translations": "on"}, **EN).status_code == 302
    client.logout()
    assert "Täze habar bar." not in public_text(client, published_translation)

    client.force_login(newsroom.moderator)
    assert not client.get(url, **EN).context["form"].fields["publish_translations"].disabled
    assert client.post(url, {"publish_translations": "on"}, **EN).status_code == 302
    client.logout()
    # The moderator chose to publish: the new Turkmen sentence shows until it is translated.
    assert "Täze habar bar." in public_text(client, published_translation)


def test_converting_a_translation_into_an_alias_needs_the_permission_to_publish_it(
    client, newsroom, published_translation
):
    url = reverse("wagtail_localize:convert_to_alias", args=[published_translation.id])
    client.force_login(newsroom.translator)
    assert_refused(client.post(url, **EN))
    published_translation.refresh_from_db()
    assert published_translation.alias_of_id is None
    assert "Паспортная амнистия" in public_text(client, published_translation)

    client.force_login(newsroom.moderator)
    assert client.get(url, **EN).status_code == 200


def test_a_translator_sees_how_to_submit_in_the_translation_editor(client, newsroom):
    client.force_login(newsroom.editor)
    submit_page_translation(client, newsroom.article, "ru")
    page = russian(newsroom.article)
    client.force_login(newsroom.translator)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.id]), **EN)
    submit_url = reverse("translations:submit_for_review", args=[translation_of(page).id])
    assert f'href="{submit_url}?next=' in response.content.decode()

    confirm = client.get(submit_url, **EN)
    assert confirm.status_code == 200
    total = confirm.context["total"]
    assert total >= 2 and confirm.context["untranslated"] == total
    assert f"{total} of {total} texts are not translated yet" in confirm.content.decode()

    submit_for_review(client, page)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.id]), **EN)
    assert "waiting for review" in response.content.decode()
    assert f'href="{submit_url}?next=' not in response.content.decode()


def test_a_translator_cannot_submit_a_page_outside_their_language(client, newsroom):
    client.force_login(newsroom.editor)
    submit_page_translation(client, newsroom.article, "tr")
    turkish = Page.objects.get(translation_key=newsroom.article.translation_key, locale=locale("tr"))
    client.force_login(newsroom.translator)
    url = reverse("translations:submit_for_review", args=[translation_of(turkish).id])
    assert_refused(client.post(url, **EN))
    assert not Page.objects.get(pk=turkish.pk).workflow_in_progress


def test_a_missing_parent_is_translated_as_a_draft_not_a_live_alias(client, newsroom):
    # Turkish has no news index yet: wagtail-localize would copy it as a live alias.
    client.force_login(newsroom.editor)
    assert submit_page_translation(client, newsroom.article, "tr").status_code == 302
    turkish = Page.objects.filter(locale=locale("tr"), depth__gt=2)
    assert {page.specific_class.__name__ for page in turkish} == {"NewsIndexPage", "NewsPage"}
    assert not any(page.live or page.alias_of_id for page in turkish)
    assert client.get("/tr/news/").status_code == 404


def test_translating_a_section_with_its_subtree_publishes_nothing(client, newsroom):
    from news.factories import NewsPageFactory

    NewsPageFactory(parent=newsroom.news["tk"], title="Ikinji habar", slug="ikinji")
    client.force_login(newsroom.editor)
    response = submit_page_translation(client, newsroom.news["tk"], "en", include_subtree="on")
    assert response.status_code == 302
    english = Page.objects.filter(locale=locale("en"), depth__gt=2)
    assert english.count() == 3
    assert not english.filter(live=True).exists()
    assert not english.filter(alias_of__isnull=False).exists()


def test_translating_a_subtree_leaves_existing_live_translations_as_they_are(newsroom):
    from home.factories import translate_page
    from news.factories import NewsPageFactory
    from translations import review

    translated = NewsPageFactory(parent=newsroom.news["tk"], title="Köne habar", slug="kone")
    russian_before = translate_page(translated, "ru", title="Старая новость", summary="Уже переведено.")
    # wagtail-localize's subtree translation would write the Turkmen text into this live page.
    review.translate_page_subtree_for_review(newsroom.news["tk"].id, [locale("ru")], None, newsroom.editor)

    russian_after = russian(translated)
    assert (russian_after.title, russian_after.summary) == ("Старая новость", "Уже переведено.")
    assert russian_after.live and not russian_after.has_unpublished_changes
    assert russian_after.latest_revision_id == russian_before.latest_revision_id
    assert not russian(newsroom.article).live  # the untranslated article: a new draft


def test_translating_over_an_alias_keeps_what_it_showed_and_publishes_nothing_new(client, newsroom):
    about = newsroom.site_tree.about["tk"]
    alias = about.copy_for_translation(locale("en"), alias=True)
    assert alias.live
    client.force_login(newsroom.editor)
    submit_page_translation(client, about, "en")

    english = Page.objects.get(pk=alias.pk).specific
    assert english.alias_of_id is None
    assert english.live and english.title == about.title  # what the alias showed already
    assert translation_of(english).enabled
