"""An editor adds a page of every type with nothing but a title, as the add form comes: the
address (slug) is made from the title, and no field on a tab the editor does not see refuses it."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Page, get_page_models

from home.models import HomePage
from news.factories import NewsIndexPageFactory
from news.models import NewsIndexPage
from staff.roles import EDITORS

OUR_APPS = {"home", "news", "campaigns", "newsletter", "donations", "contact"}
TITLE = "Täze ýazgy: pasport amnistiýasy"


def our_page_types():
    return [model for model in get_page_models() if model._meta.app_label in OUR_APPS]


def form_as_posted(html):
    """What a browser posts for the page editor's form as it comes, left untouched: every
    named input, textarea and select with the value it was rendered with."""
    form = BeautifulSoup(html, "html.parser").find("form", id="page-edit-form")
    assert form is not None, "no page form"
    data = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.has_attr("disabled"):
            continue
        if field.name == "textarea":
            data[name] = field.text
        elif field.name == "select":
            selected = field.find_all("option", selected=True)
            if field.has_attr("multiple"):
                data[name] = [option.get("value", option.text) for option in selected]
            else:
                option = selected[0] if selected else field.find("option")
                data[name] = option.get("value", option.text) if option else ""
        elif field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data.setdefault(name, []).append(field.get("value", "on"))
        elif field.get("type") not in ("submit", "button", "file"):
            data[name] = field.get("value", "")
    return data


def stream_fields_without_blocks(model, data):
    """A StreamField is drawn by the admin's JavaScript from its JSON; an empty one posts a
    count of 0 blocks (as a browser would before the editor adds any)."""
    from wagtail.fields import StreamField

    for field in model._meta.get_fields():
        if isinstance(field, StreamField) and f"{field.name}-count" not in data:
            data[f"{field.name}-count"] = "0"
    return data


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("editor", password="x" * 16)
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


def parent_for(model, site_tree):
    """A page under which ``model`` may be added, in Turkmen."""
    home = site_tree.homes["tk"]
    if model is HomePage:
        # One home page per language: make room for a new one.
        site_tree.homes["en"].delete()
        return Page.get_first_root_node()
    parent_types = model.allowed_parent_page_models()
    if HomePage in parent_types:
        return home
    if NewsIndexPage in parent_types:
        return NewsIndexPageFactory(parent=home)
    return site_tree.about["tk"]


@pytest.mark.django_db
def test_every_page_type_is_reached():
    names = {model._meta.label for model in our_page_types()}
    assert {"home.HomePage", "news.NewsPage", "news.StatementPage", "campaigns.CampaignPage"} <= names


@pytest.mark.django_db
@pytest.mark.parametrize("model", our_page_types(), ids=lambda model: model._meta.label)
def test_an_editor_saves_a_new_page_of_every_type_with_a_title_only(client, editor, site_tree, model):
    parent = parent_for(model, site_tree)
    add_url = reverse(
        "wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk]
    )
    client.force_login(editor)
    form = client.get(add_url, HTTP_ACCEPT_LANGUAGE="en")
    assert form.status_code == 200

    html = form.content.decode()
    # In the browser the title fills in the address as it is typed (Wagtail's TitleFieldPanel).
    title_input = BeautifulSoup(html, "html.parser").find("input", attrs={"name": "title"})
    assert "#id_slug" in title_input.get("data-w-sync-target-value", ""), title_input

    data = stream_fields_without_blocks(model, form_as_posted(html))
    assert data.get("slug", "") == ""  # the editor never touched the Promote tab
    data["title"] = TITLE
    response = client.post(add_url, data, HTTP_ACCEPT_LANGUAGE="en")

    if response.status_code != 302:
        errors = response.context["form"].errors if response.context else response.content[:500]
        pytest.fail(f"{model._meta.label} refused a title-only draft: {dict(errors)}")
    page = model.objects.child_of(parent).get(title=TITLE)
    assert page.slug == "täze-ýazgy-pasport-amnistiýasy"  # as the title field fills it in the browser
    assert not page.live
