"""Wagtail's SQLite full-text backend with the Snowball stemmer of each page's language.

SQLite's FTS5 has no stemmers. Each object is indexed as its own text followed by
``STEMS_MARK`` and the stems of its words in the object's language (``search.stemming``), and a
query looks for the stems of its words: "паспорта" finds "паспорт", as on PostgreSQL. The text
before the mark is the page's own, for the highlighted snippet (``highlighted``).

Imported only on SQLite: Wagtail's SQLite models exist only there.
"""

from django.db.models import F
from modelsearch.backends.database.sqlite.query import Lexeme, SearchQueryExpression
from modelsearch.backends.database.sqlite.sqlite import (
    IndexEntry,
    ObjectIndexer,
    SQLiteIndex,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
)
from modelsearch.query import PlainText
from modelsearch.utils import get_content_type_pk

from search.highlighting import highlighted
from search.languages import languages_of
from search.stemming import query_stems, with_stems, words


class StemmingSQLiteIndex(SQLiteIndex):
    """Wagtail's SQLite index (its add_items, with each object's text followed by its stems)."""

    def add_items(self, model, objs):
        if not model.get_search_fields():
            return
        objs = list(objs)
        if not objs:
            return
        content_type_pk = get_content_type_pk(model)
        rows = {}
        for obj, language in zip(objs, languages_of(objs), strict=True):
            indexer = ObjectIndexer(obj, self.backend)
            rows[indexer.id] = {
                "title": with_stems(indexer.title, language),
                "autocomplete": indexer.autocomplete,
                "body": with_stems(indexer.body, language),
            }
        entries = self.entries.filter(content_type_id=content_type_pk)
        indexed = set(entries.filter(object_id__in=rows.keys()).values_list("object_id", flat=True))
        for object_id in indexed:
            entries.filter(object_id=object_id).update(**rows[object_id])
        self.entries.bulk_create(
            IndexEntry(content_type_id=content_type_pk, object_id=object_id, **row)
            for object_id, row in rows.items()
            if object_id not in indexed
        )
        self._refresh_title_norms()


class StemmingSQLiteSearchQueryCompiler(SQLiteSearchQueryCompiler):
    """Wagtail's SQLite query compiler, looking for the stems of the query's words. ``config``
    is the language of the query (the backend's ``LANGUAGE``), or None for every language."""

    def build_search_query_content(self, query, config=None):
        if not isinstance(query, PlainText):
            return super().build_search_query_content(query, config=config)
        combined = None
        for word in words(query.query_string):
            alternatives = None
            for each in sorted(query_stems(word, config)):
                alternatives = Lexeme(each) if alternatives is None else alternatives | Lexeme(each)
            if combined is None:
                combined = alternatives
            elif query.operator.upper() == "AND":
                combined &= alternatives
            else:
                combined |= alternatives
        if combined is None:  # no word at all (only punctuation): Wagtail's own handling
            return super().build_search_query_content(query, config=config)
        return SearchQueryExpression(combined, config=config)


class StemmingSQLiteSearchBackend(SQLiteSearchBackend):
    """Wagtail's SQLite backend with stems; ``LANGUAGE`` (per query, from
    ``search.services.search_pages``) is the language of the query's words."""

    query_compiler_class = StemmingSQLiteSearchQueryCompiler
    index_class = StemmingSQLiteIndex

    def __init__(self, params):
        super().__init__(params)
        self.config = params.get("LANGUAGE")

    def search_headline(self, query):
        """The indexed text of each result, marked by ``highlight`` once the rows are read."""
        return F("index_entries__body")

    def highlight(self, headline, query):
        """The passage of ``headline`` (``search_headline``'s value) that matches ``query``."""
        return highlighted(headline, query, self.config)
