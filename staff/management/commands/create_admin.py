"""Create a superuser (an Administrator) and print the enrolment link of their second factor.

Instead of Django's ``createsuperuser``: an account made that way has no second factor and,
without an enrolment link, can never get one (staff.enrolment).
"""

import getpass
import os

from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from staff import enrolment
from staff.roles import ADMINISTRATORS


class Command(BaseCommand):
    help = (
        "Create a superuser in the Administrators group with a password (asked for, or read from "
        "the environment variable named by --password-from-env) and print the enrolment link "
        "with which they set up their authenticator app."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--password-from-env",
            metavar="VAR",
            help="Read the password from this environment variable instead of asking for it.",
        )

    def handle(self, *args, username, email, password_from_env, **options):
        User = get_user_model()
        if User.objects.filter(**{User.USERNAME_FIELD: username}).exists():
            raise CommandError(
                f"The user {username!r} exists already. For a new enrolment link: "
                f"manage.py enrolment_link {username}"
            )
        password = self.password(password_from_env)
        candidate = User(**{User.USERNAME_FIELD: username, "email": email})
        try:
            password_validation.validate_password(password, candidate)
        except ValidationError as error:
            raise CommandError("The password is not accepted: " + " ".join(error.messages)) from error
        with transaction.atomic():
            user = User.objects.create_superuser(username, email, password)
            group = Group.objects.filter(name=ADMINISTRATORS).first()
            if group is not None:
                user.groups.add(group)
        self.stdout.write(f"Created the superuser {username}.")
        issued = enrolment.issue_link(user, via="manage.py create_admin")
        self.stdout.write(enrolment.link_notice(user, issued))

    def password(self, variable):
        if variable:
            password = os.environ.get(variable, "")
            if not password:
                raise CommandError(f"The environment variable {variable} is empty or not set.")
            return password
        if not self.stdin_is_interactive():
            raise CommandError("No terminal to ask for the password: use --password-from-env VAR.")
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("The two passwords differ.")
        return password

    @staticmethod
    def stdin_is_interactive() -> bool:
        import sys

        return sys.stdin.isatty()
