"""Print a fresh enrolment link for an existing user (older links of the user stop working)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from staff import enrolment


class Command(BaseCommand):
    help = (
        "Print a new single-use enrolment link with which the user sets up an authenticator app "
        "after signing in with the password. Valid for 24 hours; older links of the user stop working."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        User = get_user_model()
        user = User.objects.filter(**{User.USERNAME_FIELD: username}).first()
        if user is None:
            raise CommandError(f"There is no user {username!r}.")
        if not user.is_active:
            raise CommandError(f"The user {username!r} is inactive: activate the account first.")
        issued = enrolment.issue_link(user, via="manage.py enrolment_link")
        self.stdout.write(enrolment.link_notice(user, issued))
