"""Reports → Site history opens for every role, with every filter, whatever the audit log holds.

The log holds entries of every model the site logs (help requests, contact messages, caseworker
keys, pledges, newsletter issues, campaign pages, users, groups, lockout records). Wagtail links each
entry to the object's edit view through its admin URL finder: a model whose admin has no "edit" view
must say where its entries lead instead, or the whole report fails.
"""

import datetime

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry, PageLogEntry

from campaigns.factories import CampaignPageFactory
from contact.factories import ContactMessageFactory, make_caseworker_key
from contact.models import HelpRequest
from donations.factories import PledgeFactory
from newsletter.factories import NewsletterIssueFactory

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/site-history/"
RESULTS = "/admin/reports/site-history/results/"
ROLES = ["Administrators", "Moderators", "Caseworkers", "Editors", "Treasurer", "Translators (Русский)"]


@pytest.fixture
def logged_site(site_tree, django_user_model):
    """One audit-log entry (at least) of every model the site writes to the log, by a superuser."""
    actor = django_user_model.objects.create_superuser("root", "root@hhd.example", "not-a-real-password")
    case = HelpRequest.objects.create(reference="ABCD2345", category="passport", language="ru")
    message = ContactMessageFactory()
    key = make_caseworker_key(actor, iterations=1000).key
    pledge = PledgeFactory()
    issue = NewsletterIssueFactory()
    campaign = CampaignPageFactory(parent=site_tree.homes["tk"])
    attempt = AccessAttempt.objects.create(
        username="nobody", ip_address="192.0.2.1", user_agent="test", failures_since_start=1
    )
    group = Group.objects.get(name="Editors")
    log(case, "contact.assign", user=actor, data={"assigned_to": actor.pk})
    log(case, "contact.change_status", user=actor, data={"from": "new", "to": "in_progress"})
    for instance, action in [
        (case, "contact.open_case"),
        (message, "contact.read_message"),
        (key, "contact.register_key"),
        (pledge, "donations.view_donor"),
        (issue, "newsletter.resume"),
        (campaign, "campaigns.export_signatures"),
        (actor, "staff.login"),
        (attempt, "staff.login_failed"),
        (group, "staff.permissions_changed"),
    ]:
        log(instance, action, user=actor)
    return {"case": case, "message": message, "key": key, "pledge": pledge, "campaign": campaign}


def member_of(django_user_model, group_name):
    user = django_user_model.objects.create_user(
        f"user-{len(group_name)}-{group_name[:4].lower()}", password="not-a-real-password"
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


def every_filter(logged_site):
    """Each filter of the report alone, then all at once."""
    today = timezone.localdate()
    object_types = [
        ContentType.objects.get_for_id(pk).pk
        for pk in set(ModelLogEntry.objects.values_list("content_type_id", flat=True))
        | set(PageLogEntry.objects.values_list("content_type_id", flat=True))
    ]
    actions = sorted(
        set(ModelLogEntry.objects.values_list("action", flat=True))
        | set(PageLogEntry.objects.values_list("action", flat=True))
    )
    filters = [{}]
    filters += [{"object_type": pk} for pk in object_types]
    filters += [{"action": action} for action in actions]
    filters += [
        {"label": logged_site["case"].display_reference},
        {"label": str(logged_site["message"])},
        {"timestamp_after": (today - datetime.timedelta(days=1)).isoformat()},
        {"timestamp_before": (today + datetime.timedelta(days=1)).isoformat()},
        {"is_commenting_action": "false"},
        {"user": ModelLogEntry.objects.first().user_id},
        {
            "object_type": ContentType.objects.get_for_model(HelpRequest).pk,
            "action": "contact.open_case",
            "timestamp_after": today.isoformat(),
        },
    ]
    return filters


@pytest.mark.slow  # about a hundred and twenty requests, exports included, for each role
@pytest.mark.parametrize("role", [*ROLES, "superuser"])
def test_site_history_opens_with_every_filter_for_every_role(client, django_user_model, logged_site, role):
    if role == "superuser":
        user = django_user_model.objects.create_superuser("boss", "boss@hhd.example", "not-a-real-password")
    else:
        user = member_of(django_user_model, role)
    client.force_login(user)
    for params in every_filter(logged_site):
        for url in (REPORT, RESULTS):
            response = client.get(url, params, HTTP_ACCEPT_LANGUAGE="en")
            assert response.status_code == 200, (role, url, params)
        for export in ("csv", "xlsx"):
            response = client.get(REPORT, {**params, "export": export}, HTTP_ACCEPT_LANGUAGE="en")
            assert response.status_code == 200, (role, export, params)


def test_entries_of_cases_and_messages_link_to_their_own_admin_views(client, django_user_model, logged_site):
    administrator = member_of(django_user_model, "Administrators")
    client.force_login(administrator)
    content = client.get(REPORT, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f'href="/admin/cases/{logged_site["case"].pk}/"' in content
    assert f'href="/admin/messages/{logged_site["message"].pk}/"' in content
    assert f'href="/admin/donations/edit/{logged_site["pledge"].pk}/"' in content
    assert "Status changed from New to In progress" in content and "Assigned to root" in content


def test_caseworkers_see_case_entries_but_no_link_to_what_they_may_not_open(
    client, django_user_model, logged_site
):
    caseworker = member_of(django_user_model, "Caseworkers")
    client.force_login(caseworker)
    content = client.get(REPORT, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert logged_site["case"].display_reference in content
    assert f'href="/admin/cases/{logged_site["case"].pk}/"' in content
    assert "/admin/donations/" not in content
