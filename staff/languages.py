"""The language HHD's staff are written to in."""

from django.conf import settings
from wagtail.users.models import UserProfile


def staff_language(user) -> str:
    """A staff member's admin language (their Wagtail profile), else the site's default language.

    Never the language that happens to be active: a notification is often sent while a visitor's
    request is served (or by a task it queued), and the visitor's language is not the reader's.
    Wagtail's own ``get_preferred_language()`` falls back to exactly that active language.
    """
    return UserProfile.get_for_user(user).preferred_language or settings.LANGUAGE_CODE
