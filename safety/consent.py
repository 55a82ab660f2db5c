"""Versions of consent wordings: what a visitor agreed to, stored beside their record."""

import hashlib

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.html import strip_tags

_known_versions: set[str] = set()


def wording_language() -> str:
    """The language of the current request's URL (the one a visitor read), or the default one."""
    language = translation.get_language()
    return language if language in {code for code, _name in settings.LANGUAGES} else settings.LANGUAGE_CODE


def consent_version(text: str, language: str) -> str:
    """The version of a consent wording ("ru-3f2a…"), recorded in ConsentWording on first use.

    Editing the wording or its translation makes a new version; the old one stays readable.
    """
    from safety.models import ConsentWording

    plain = " ".join(strip_tags(str(text)).split())
    version = f"{language}-{hashlib.sha256(plain.encode()).hexdigest()[:16]}"
    if version not in _known_versions:
        try:
            with transaction.atomic():
                ConsentWording.objects.get_or_create(
                    version=version, defaults={"language": language, "text": plain}
                )
        except IntegrityError:  # another process recorded it at the same moment
            pass
        _known_versions.add(version)
    return version
