"""Every role against every admin area: each can do what its role lists, nothing else.

Roles come from the migration (staff/roles.py); users are put into those very groups.
"""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page

from staff.roles import translators_group_name

pytestmark = pytest.mark.django_db

ROLES = ["Editors", "Moderators", "Translators (Русский)", "Caseworkers", "Treasurer", "Administrators"]

# area -> the roles that may open it (every other role must be refused)
AREAS = {
    "edit a Turkmen page": {"Editors", "Moderators", "Administrators"},
    "edit a Russian page": {"Editors", "Moderators", "Translators (Русский)", "Administrators"},
    "images": {"Editors", "Moderators", "Administrators"},
    "documents": {"Editors", "Moderators", "Administrators"},
    "topics (snippets)": {"Editors", "Moderators", "Translators (Русский)", "Administrators"},
    "organisation details (settings)": {"Moderators", "Administrators"},
    "signature counts and exports": {"Moderators", "Administrators"},
    "newsletter issues": {"Moderators", "Administrators"},
    "newsletter subscribers": {"Administrators"},
    "donations": {"Treasurer", "Administrators"},
    "users": {"Administrators"},
    "groups": {"Administrators"},
    "sites": {"Administrators"},
    "locales": {"Administrators"},
    "workflows": {"Administrators"},
    "redirects": {"Moderators", "Administrators"},
    "help requests (cases)": {"Caseworkers", "Administrators"},
    "contact messages": {"Caseworkers", "Administrators"},
}

# What a role may do with a page besides opening it.
PUBLISHERS = {"Moderators", "Administrators"}


def area_urls(site_tree):
    from home.models import OrganisationDetails

    details = OrganisationDetails.objects.first()
    return {
        "edit a Turkmen page": f"/admin/pages/{site_tree.about['tk'].pk}/edit/",
        "edit a Russian page": f"/admin/pages/{site_tree.about['ru'].pk}/edit/",
        "images": "/admin/images/",
        "documents": "/admin/documents/",
        "topics (snippets)": "/admin/snippets/news/topic/",
        "organisation details (settings)": f"/admin/snippets/home/organisationdetails/edit/{details.pk}/",
        "signature counts and exports": "/admin/signatures/",
        "newsletter issues": "/admin/snippets/newsletter/newsletterissue/",
        "newsletter subscribers": "/admin/newsletter-subscribers/",
        "donations": "/admin/donations/",
        "users": "/admin/users/",
        "groups": "/admin/groups/",
        "sites": "/admin/sites/",
        "locales": "/admin/locales/",
        "workflows": "/admin/workflows/list/",
        "redirects": "/admin/redirects/",
        "help requests (cases)": "/admin/cases/",
        "contact messages": "/admin/messages/",
    }


@pytest.fixture
def member(django_user_model):
    def make(role):
        user = django_user_model.objects.create_user(f"u{abs(hash(role))}", "staff@example.org", "x" * 16)
        user.groups.add(Group.objects.get(name=role))
        return user

    return make


@pytest.mark.parametrize("role", ROLES)
def test_each_role_opens_exactly_its_areas(client, site_tree, member, role):
    client.force_login(member(role))
    urls = area_urls(site_tree)
    opened, refused = set(), set()
    for area, url in urls.items():
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
        if response.status_code == 200:
            opened.add(area)
        else:
            assert response.status_code in (302, 403), (area, response.status_code)
            if response.status_code == 302:
                assert "/login/" not in response["Location"] and "two-factor" not in response["Location"]
            refused.add(area)
    expected = {area for area, roles in AREAS.items() if role in roles}
    assert opened == expected, (
        f"{role}: opened {sorted(opened - expected)}, refused {sorted(expected - opened)}"
    )


@pytest.mark.parametrize("role", ROLES)
def test_only_moderators_and_administrators_publish(site_tree, member, role):
    user = member(role)
    for page in (site_tree.about["tk"], site_tree.about["ru"]):
        assert page.permissions_for_user(user).can_publish() == (role in PUBLISHERS), page.locale


@pytest.mark.parametrize(
    ("role", "permission", "granted"),
    [
        ("Moderators", "campaigns.export_signatures", True),
        ("Editors", "campaigns.export_signatures", False),
        ("Moderators", "newsletter.send_newsletterissue", True),
        ("Editors", "newsletter.send_newsletterissue", False),
        ("Treasurer", "donations.manage_pledges", True),
        ("Moderators", "donations.manage_pledges", False),
        ("Caseworkers", "donations.manage_pledges", False),
        ("Treasurer", "campaigns.export_signatures", False),
        ("Caseworkers", "campaigns.export_signatures", False),
        ("Administrators", "newsletter.export_subscriber", True),
        ("Caseworkers", "contact.handle_helprequests", True),
        ("Administrators", "contact.handle_helprequests", True),
        ("Moderators", "contact.handle_helprequests", False),
        ("Editors", "contact.handle_helprequests", False),
        ("Translators (Русский)", "contact.handle_helprequests", False),
        ("Treasurer", "contact.handle_helprequests", False),
        ("Moderators", "newsletter.export_subscriber", False),
        # Contact messages: the roles that answer people (least data), not the publishers.
        ("Caseworkers", "contact.view_contactmessage", True),
        ("Administrators", "contact.view_contactmessage", True),
        ("Moderators", "contact.view_contactmessage", False),
        ("Editors", "contact.view_contactmessage", False),
        ("Translators (Русский)", "contact.view_contactmessage", False),
        ("Treasurer", "contact.view_contactmessage", False),
    ],
)
def test_special_permissions_of_the_roles(member, role, permission, granted):
    assert member(role).has_perm(permission) == granted


def test_translators_edit_only_their_own_language_tree(site_tree, member, django_user_model):
    russian = member("Translators (Русский)")
    assert site_tree.about["ru"].permissions_for_user(russian).can_edit()
    assert not site_tree.about["tk"].permissions_for_user(russian).can_edit()
    assert not site_tree.homes["en"].permissions_for_user(russian).can_edit()
    english = django_user_model.objects.create_user("en-translator", "en@example.org", "x" * 16)
    english.groups.add(Group.objects.get(name=translators_group_name("en")))
    assert site_tree.homes["en"].permissions_for_user(english).can_edit()
    assert not site_tree.about["ru"].permissions_for_user(english).can_edit()


def test_a_new_language_home_gets_its_translators(site_tree):
    from wagtail.models import GroupPagePermission

    group = Group.objects.get(name="Translators (Türkçe)")
    GroupPagePermission.objects.filter(group=group).delete()
    home = site_tree.homes["tr"]
    root = Page.get_first_root_node()
    new_home = home.copy(to=root, update_attrs={"slug": "tr-copy"}, keep_live=False)
    assert GroupPagePermission.objects.filter(group=group, page=new_home).exists()


def test_an_install_whose_moderators_read_contact_messages_loses_that_on_migrate(member):
    import importlib

    from django.apps import apps
    from django.contrib.auth.models import Permission

    permission = Permission.objects.get(content_type__app_label="contact", codename="view_contactmessage")
    Group.objects.get(name="Moderators").permissions.add(permission)  # as the roles were before
    moderator, caseworker = member("Moderators"), member("Caseworkers")
    assert moderator.has_perm("contact.view_contactmessage")
    migration = importlib.import_module("staff.migrations.0004_contact_messages_not_for_moderators")
    migration.withdraw_contact_messages_from_moderators(apps, None)
    moderator, caseworker = (type(user).objects.get(pk=user.pk) for user in (moderator, caseworker))
    assert not moderator.has_perm("contact.view_contactmessage")
    assert caseworker.has_perm("contact.view_contactmessage")
