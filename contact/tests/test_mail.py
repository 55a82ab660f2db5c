"""Mail through a real SMTP server on loopback: staff notifications without personal data,
and an acknowledgement in the person's language that reveals nothing."""

import logging

import pytest
from django.core.management import call_command

from contact.models import ContactMessage, HelpRequest

from .conftest import contact_data, help_data

pytestmark = pytest.mark.django_db

PERSON = {
    "name": "Jennet Saparowa",
    "location": "Gaziantep, Şahinbey",
    "account": "Ogullarym mekdebe kabul edilmedi, sebäbi pasportymyzyň möhleti geçdi.",
}


def everything_in(message):
    """Subject, sender and every part of a received message, as text."""
    parts = [message["Subject"], message["From"], message["To"]]
    parts += [part.get_content() for part in message.walk() if part.get_content_maintype() == "text"]
    return "\n".join(str(part) for part in parts)


def test_the_staff_notification_of_a_contact_message_names_nothing_of_the_sender(
    client, contact_page, message_reader, moderator, smtp_server
):
    response = client.post(f"/tk/contact/message/{contact_page.pk}/", contact_data())
    assert response.status_code == 303
    message = ContactMessage.objects.get()
    [notification] = smtp_server.messages
    assert notification["To"] == "reader@hhd.example"  # not the moderator
    text = everything_in(notification)
    assert f"/admin/messages/{message.pk}/" in text
    for value in ("Leyla", "Demir", "leyla@example.org", "Röportaj", "röportaj", "görüşmek"):
        assert value not in text


def test_the_caseworkers_notification_names_nothing_of_the_person(
    client, help_page, caseworker_key, second_caseworker_key, editor, smtp_server
):
    response = client.post(
        f"/tk/contact/help/{help_page.pk}/",
        help_data(contact_channel="whatsapp", contact_value="+90 532 987 65 43", **PERSON),
    )
    assert response.status_code == 200
    case = HelpRequest.objects.get()
    assert sorted(message["To"] for message in smtp_server.messages) == [
        "aylar@hhd.example",
        "batyr@hhd.example",
    ]  # caseworkers only, not the editor
    for notification in smtp_server.messages:
        text = everything_in(notification)
        assert f"/admin/cases/{case.pk}/" in text
        assert notification["Subject"] == "Urgent: a new request in the caseworkers' inbox"
        for value in (*PERSON.values(), "Jennet", "Saparowa", "Gaziantep", "532 987", "+90 532 987 65 43"):
            assert value not in text


def test_a_person_who_gave_an_email_gets_a_neutral_acknowledgement_in_their_language(
    client, help_page, caseworker_key, smtp_server, settings
):
    settings.NEUTRAL_FROM_EMAIL = "Notifications <noreply@neutral.example>"
    response = client.post(
        f"/tk/contact/help/{help_page.pk}/",
        help_data(contact_channel="email", contact_value="jennet@example.org", language="ru", **PERSON),
    )
    assert response.status_code == 200
    case = HelpRequest.objects.get()
    [acknowledgement] = [message for message in smtp_server.messages if message["To"] == "jennet@example.org"]
    assert acknowledgement["From"] == "Notifications <noreply@neutral.example>"
    assert acknowledgement["Subject"].strip() == "Ваше сообщение получено"
    text = everything_in(acknowledgement)
    assert case.display_reference in text
    assert "Это письмо не повторяет того, что вы написали." in text
    for value in (*PERSON.values(), "Jennet", "Gaziantep", "HHD", "Hak Hukuga", "pasport", "паспорт", "help"):
        assert value.lower() not in text.lower().replace("jennet@example.org", "")


def test_no_acknowledgement_goes_out_without_an_email_address(client, help_page, caseworker_key, smtp_server):
    client.post(
        f"/tk/contact/help/{help_page.pk}/", help_data(contact_channel="telegram", contact_value="@jennet_s")
    )
    assert [message["To"] for message in smtp_server.messages] == ["aylar@hhd.example"]


def test_a_mail_server_failure_keeps_the_request_and_retries_the_notification(
    client, help_page, caseworker_key, smtp_server, settings, monkeypatch, caplog
):
    from django_tasks_db.management.commands import db_worker
    from django_tasks_db.models import DBTaskResult

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    smtp_server.refuse = True
    with caplog.at_level(logging.WARNING):
        response = client.post(
            f"/tk/contact/help/{help_page.pk}/",
            help_data(contact_channel="email", contact_value="jennet@example.org", **PERSON),
        )
        assert response.status_code == 200  # the person still gets their reference
        call_command("db_worker", batch=True, startup_delay=False, verbosity=0)
    case = HelpRequest.objects.get()
    assert smtp_server.messages == []
    logged = " ".join(record.getMessage() for record in caplog.records)
    assert f"help request {case.pk}: acknowledgement not sent" in logged
    assert "jennet" not in logged.lower()
    retry = DBTaskResult.objects.filter(status="READY").get()
    assert retry.args_kwargs["args"] == [case.pk, 2]
    assert "jennet" not in str(retry.args_kwargs).lower()


def staff_in_role(django_user_model, role, preferred_language=""):
    """A member of one of the site's real roles (staff/roles.py), with an address."""
    from django.contrib.auth.models import Group
    from wagtail.users.models import UserProfile

    username = role.split()[0].lower()
    user = django_user_model.objects.create_user(username, f"{username}@hhd.example", "not-a-real-password")
    user.groups.add(Group.objects.get(name=role))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = preferred_language
    profile.save()
    return user


ROLES = ["Editors", "Moderators", "Translators (Русский)", "Caseworkers", "Treasurer", "Administrators"]


def test_only_the_roles_that_answer_contact_messages_are_told_of_one(
    client, contact_page, django_user_model, smtp_server
):
    for role in ROLES:
        staff_in_role(django_user_model, role)
    assert client.post(f"/tk/contact/message/{contact_page.pk}/", contact_data()).status_code == 303
    assert sorted(message["To"] for message in smtp_server.messages) == [
        "administrators@hhd.example",
        "caseworkers@hhd.example",
    ]


def test_staff_are_written_to_in_their_admin_language_not_in_the_visitors(
    client, help_page, contact_page, caseworker_key, django_user_model, smtp_server
):
    # caseworker_key belongs to "aylar", whose admin speaks English; "caseworkers" set no language.
    staff_in_role(django_user_model, "Caseworkers")
    russian_help = help_data(language="ru", urgent=None)
    assert client.post(f"/ru/contact/help/{help_page.pk}/", russian_help).status_code == 200
    assert client.post(f"/ru/contact/message/{contact_page.pk}/", contact_data()).status_code == 303
    subjects = {(message["To"], message["Subject"].strip()) for message in smtp_server.messages}
    assert subjects == {
        ("aylar@hhd.example", "A new request in the caseworkers' inbox"),
        # No admin language chosen: the site's default language (Turkmen), not the visitor's Russian.
        ("caseworkers@hhd.example", "Işgärleriň poçta gutusynda täze haýyş"),
        ("caseworkers@hhd.example", "Saýtdan täze hat"),
    }
    bodies = {message["To"]: everything_in(message) for message in smtp_server.messages}
    assert "A new request arrived in the caseworkers' inbox." in bodies["aylar@hhd.example"]
    for body in bodies.values():
        assert not any("а" <= letter <= "я" for letter in body.lower())  # nothing in Russian
