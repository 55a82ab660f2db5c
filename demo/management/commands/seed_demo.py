"""Build the demo site from demo/content; a second run updates instead of duplicating.

The first command (scripts/run) runs this, so what it prints is a newcomer's first sight of the
project: a short summary of what was built, the addresses, how to sign in and where mail goes. The
build's own log (a line per page revision, search-index update and inline task) stays off the
console unless asked for with ``-v 2``; warnings and errors are always shown.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import override_settings

from demo.console import console_log_level, mail_destination
from hhd_site.public_url import public_url

ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "hhd-demo-admin"  # noqa: S105 -- a published demo password, development only


class Command(BaseCommand):
    help = (
        "Build the demo pages, news, images and organisation details in Turkmen, Russian, Turkish and "
        "English, and a development admin account. Running it again updates instead of duplicating."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-admin",
            action="store_true",
            help="Do not create the development admin account.",
        )

    def handle(self, *args, no_admin=False, **options):
        if not no_admin and (refusal := demo_admin_refusal()):
            # A published password must never reach a database that could be production's:
            # refuse loudly rather than build the content and skip the account unnoticed.
            raise CommandError(
                f"seed_demo creates the demo admin ({ADMIN_USERNAME} / its published password) only "
                f"with the development settings on the embedded SQLite database; here {refusal} "
                f"({settings.SETTINGS_MODULE}). Add --no-admin to build only the demo content, and "
                "create a real administrator with manage.py create_admin <username>."
            )
        from demo.site import build_site  # reads the YAML texts (PyYAML: development requirements)

        # Translations are copied with the Turkmen slug and then renamed; they were never
        # public under it, so Wagtail's automatic redirects from the old slug would be noise.
        with (
            console_log_level(logging.WARNING if options["verbosity"] < 2 else logging.NOTSET),
            override_settings(WAGTAILREDIRECTS_AUTO_CREATE=False),
            transaction.atomic(),
        ):
            demo, feature_lines = build_site()
            admin_lines = create_demo_admin(no_admin=no_admin)
        if options["verbosity"] > 0:
            self.report(demo, feature_lines, admin_lines + demo.sign_in)

    def report(self, demo, feature_lines, sign_in_lines):
        """The summary: what was built, the addresses, how to sign in, where mail and the log go."""
        from demo import texts

        write = self.stdout.write
        languages = ", ".join(str(locale.get_display_name()) for locale in demo.locales.values())
        write(self.style.SUCCESS(f"Demo site ready: {demo.site.site_name}, in {languages}."))
        write("")
        write("Created (a second run updates the same pages):")
        featured = texts.FEATURED.texts["en"].title
        write(f"  Home pages: {', '.join(demo.homes)}, featuring the statement {featured!r}")
        write(
            f"  In each language: About, News ({len(texts.NEWS_ARTICLES)} articles, "
            f"{len(texts.STATEMENTS)} statement), Privacy policy"
        )
        write(f"  Topics: {len(texts.TOPICS)} in each language")
        write(f"  Images: {len(demo.images)} illustrations")
        write(f"  Organisation details: {len(demo.locales)} languages")
        for line in feature_lines:
            write(line)
        write("")
        write("Addresses:")
        homes = " ".join(f"/{code}/" for code in demo.homes)
        write(f"  Site:  {public_url('/')}  (opens {homes} by the browser's language)")
        write(f"  Admin: {public_url('/admin/')}")
        write("")
        write("Sign in (development only):")
        for line in sign_in_lines:
            write(line)
        write("")
        write(f"Mail: {mail_destination()}")
        write("Log: only warnings are shown here; `manage.py seed_demo -v 2` shows the build's whole log.")


def demo_admin_refusal() -> str:
    """Why the demo admin may not be made here, or "" when it may.

    Its password is published, so only development settings on the embedded SQLite file get it:
    a database that DATABASE_URL names may be shared or become production's.
    """
    if not getattr(settings, "HHD_DEMO_ADMIN_ALLOWED", False):
        return "these are not the development settings (HHD_DEMO_ADMIN_ALLOWED is off)"
    if connection.vendor != "sqlite":
        return f"the database is {connection.vendor}, not the embedded SQLite file of development"
    return ""


def create_demo_admin(no_admin):
    """Create the development superuser with a demo caseworker key (demo.caseworker), leaving an
    existing one alone; return the lines to report."""
    if no_admin:
        return ["  Admin user: not created (--no-admin)."]
    from demo.caseworker import register_demo_caseworker_key

    user_model = get_user_model()
    admin = user_model.objects.filter(username=ADMIN_USERNAME).first()
    if admin is not None:
        return [
            f"  Admin user: {ADMIN_USERNAME}  (there already, left unchanged)",
            f"  Password: {ADMIN_PASSWORD}  (unless it was changed since)",
            *register_demo_caseworker_key(admin),
        ]
    admin = user_model.objects.create_superuser(username=ADMIN_USERNAME, email="", password=ADMIN_PASSWORD)
    return [
        f"  Admin user: {ADMIN_USERNAME}",
        f"  Password: {ADMIN_PASSWORD}",
        *register_demo_caseworker_key(admin),
    ]
