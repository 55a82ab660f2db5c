"""In the admin: editors see per page and language whether and when it was posted, with the
link; moderators retry or skip a failed post; the page editor offers "Publish and post to
Telegram again", which posts once more on that publish only."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client, TestCase
from django.urls import reverse

from telegram.models import ChannelPost, PostState

from .conftest import draft_article, publish

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


class CommittingClient(Client):
    """Runs what a view left for after its transaction's commit, as on the real server."""

    def request(self, **request):
        with TestCase.captureOnCommitCallbacks(execute=True):
            return super().request(**request)


@pytest.fixture
def people(django_user_model):
    def make(username, group):
        user = django_user_model.objects.create_user(username, f"{username}@example.org", "x" * 16)
        user.groups.add(Group.objects.get(name=group))
        return user

    return {"editor": make("editor", "Editors"), "moderator": make("moderator", "Moderators")}


@pytest.fixture
def client():
    return CommittingClient()


def edit_data(page, **action):
    return {
        "title": page.title,
        "slug": page.slug,
        "date": "2026-11-27",
        "summary": page.summary,
        "source": page.source,
        "body-count": "0",
        "topics-TOTAL_FORMS": "0",
        "topics-INITIAL_FORMS": "0",
        "topics-MIN_NUM_FORMS": "0",
        "topics-MAX_NUM_FORMS": "1000",
        **action,
    }


def test_editors_see_when_and_where_each_page_was_posted_with_the_link(bot_api, news_index, client, people):
    posted = draft_article(news_index, title="Pasport amnistiýasy")
    publish(posted)
    bot_api.answers = [bot_api.bad_request("Bad Request: chat not found")]
    failed = draft_article(news_index, title="Deportasiýa")
    publish(failed)

    client.force_login(people["editor"])
    response = client.get(reverse("telegram:posts"), **EN)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Pasport amnistiýasy" in html and "Deportasiýa" in html
    assert 'href="https://t.me/hhd_tk/101"' in html
    assert "Posted" in html and "Failed" in html
    assert "HTTP 400: Bad Request: chat not found" in html
    assert reverse("telegram:retry", args=[ChannelPost.objects.get(page=failed).pk]) not in html
    # The report's menu entry.
    assert reverse("telegram:posts") in client.get(reverse("wagtailadmin_home"), **EN).content.decode()


def test_editors_cannot_retry_or_skip(bot_api, news_index, client, people):
    bot_api.answers = [bot_api.bad_request()]
    publish(draft_article(news_index))
    post = ChannelPost.objects.get()
    client.force_login(people["editor"])
    assert client.post(reverse("telegram:retry", args=[post.pk]), **EN).status_code in (302, 403)
    assert client.post(reverse("telegram:skip", args=[post.pk]), **EN).status_code in (302, 403)
    post.refresh_from_db()
    assert post.state == PostState.FAILED
    assert len(bot_api.requests) == 1


def test_a_moderator_retries_a_failed_post(bot_api, news_index, client, people):
    bot_api.answers = [bot_api.bad_request()]
    publish(draft_article(news_index))
    post = ChannelPost.objects.get()
    client.force_login(people["moderator"])
    report = client.get(reverse("telegram:posts"), **EN).content.decode()
    assert reverse("telegram:retry", args=[post.pk]) in report

    response = client.post(reverse("telegram:retry", args=[post.pk]), **EN)
    assert response.status_code == 302
    post.refresh_from_db()
    assert (post.state, post.post_url, post.error) == (PostState.POSTED, "https://t.me/hhd_tk/101", "")
    assert len(bot_api.requests) == 2
    # A posted row cannot be retried into a second post.
    client.post(reverse("telegram:retry", args=[post.pk]), **EN)
    assert len(bot_api.requests) == 2


def test_a_moderator_skips_a_failed_post(bot_api, news_index, client, people):
    from wagtail.models import PageLogEntry

    bot_api.answers = [bot_api.bad_request()]
    publish(draft_article(news_index))
    post = ChannelPost.objects.get()
    client.force_login(people["moderator"])
    assert client.post(reverse("telegram:skip", args=[post.pk]), **EN).status_code == 302
    post.refresh_from_db()
    assert post.state == PostState.SKIPPED
    assert PageLogEntry.objects.filter(
        page_id=post.page_id, action="telegram.skip", user=people["moderator"]
    ).exists()


def test_the_report_is_refused_to_roles_without_it(bot_api, client, django_user_model):
    user = django_user_model.objects.create_user("treasurer", "t@example.org", "x" * 16)
    user.groups.add(Group.objects.get(name="Treasurer"))
    client.force_login(user)
    assert client.get(reverse("telegram:posts"), **EN).status_code in (302, 403)


def test_the_page_editor_offers_publish_and_post_again_only_where_there_is_a_channel(
    bot_api, news_index, client, people, settings
):
    article = draft_article(news_index)
    publish(article)
    client.force_login(people["moderator"])
    edit = reverse("wagtailadmin_pages:edit", args=[article.pk])
    assert 'value="telegram-post-again"' in client.get(edit, **EN).content.decode()
    client.force_login(people["editor"])  # editors do not publish
    assert 'value="telegram-post-again"' not in client.get(edit, **EN).content.decode()
    client.force_login(people["moderator"])
    settings.TELEGRAM_CHANNELS = {"ru": "@hhd_ru"}
    assert 'value="telegram-post-again"' not in client.get(edit, **EN).content.decode()
    settings.TELEGRAM_CHANNELS = {"tk": "@hhd_tk"}
    assert (
        'value="telegram-post-again"'
        not in client.get(reverse("wagtailadmin_pages:edit", args=[news_index.pk]), **EN).content.decode()
    )


def test_publish_and_post_again_posts_once_more_and_a_plain_publish_after_it_does_not(
    bot_api, news_index, client, people
):
    article = draft_article(news_index, title="Habar")
    publish(article)
    client.force_login(people["moderator"])
    edit = reverse("wagtailadmin_pages:edit", args=[article.pk])

    response = client.post(edit, edit_data(article, **{"action-publish": "action-publish"}), **EN)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert len(bot_api.requests) == 1  # an ordinary publish of an edited page

    response = client.post(edit, edit_data(article, **{"action-publish": "telegram-post-again"}), **EN)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert len(bot_api.requests) == 2
    post = ChannelPost.objects.get()
    assert (post.state, post.message_id) == (PostState.POSTED, 102)

    client.post(edit, edit_data(article, **{"action-publish": "action-publish"}), **EN)
    assert len(bot_api.requests) == 2  # the choice applied to that publish only
