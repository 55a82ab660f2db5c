"""Template context shared by every public page."""

from django.utils import translation
from django.utils.functional import SimpleLazyObject


def organisation(request):
    """The organisation's details in the active language, loaded only if a template uses them."""
    from .models import OrganisationDetails

    language = translation.get_language()
    return {"organisation": SimpleLazyObject(lambda: OrganisationDetails.for_language(language))}
