"""The site's search backend: every page is indexed with the stemmer of its own language.

Wagtail's database backend (``modelsearch``) indexes every object with one PostgreSQL
text-search configuration (``SEARCH_CONFIG``). On PostgreSQL this backend keeps everything
Wagtail does but builds each object's tsvector with the configuration of the object's
language, and lets a query name the configuration of the visitor's language
(``search.backends.postgres``). On SQLite with full-text search (the development default) it
is Wagtail's SQLite backend with the Snowball stemmer of each language (``search.backends.sqlite``),
so the first command finds inflected words as production does. On any other database it hands over
to Wagtail's own choice.

Settings: ``WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends"}}``.
"""

from django.db import connection
from modelsearch.backends.database import SearchBackend as database_search_backend


def SearchBackend(params):  # noqa: N802  (the name Wagtail looks up in a backend module)
    """The backend for the 'default' database: per-language PostgreSQL, else Wagtail's choice."""
    if connection.vendor == "postgresql":
        # Imported here: the PostgreSQL classes need django.contrib.postgres.
        from .postgres import LanguagePostgresSearchBackend

        return LanguagePostgresSearchBackend(params)
    backend = database_search_backend(params)
    # Wagtail chose SQLite's full-text search (FTS5 is there): the same with stems. Decided by
    # Wagtail's choice, not repeated here; the module is imported only then (SQLite-only models).
    if type(backend).__name__ == "SQLiteSearchBackend":
        from .sqlite import StemmingSQLiteSearchBackend

        return StemmingSQLiteSearchBackend(params)
    return backend
