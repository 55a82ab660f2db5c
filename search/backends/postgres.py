"""Wagtail's PostgreSQL search backend with one text-search configuration per language."""

import copy

from django.contrib.postgres.search import SearchHeadline, SearchQuery
from django.db.models import F
from modelsearch.backends.database.postgres.postgres import (
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)

from search.highlighting import HIGHLIGHT_START, HIGHLIGHT_STOP
from search.languages import ALL_SEARCH_CONFIGS, search_configs_of


class LanguagePostgresIndex(PostgresIndex):
    """The PostgreSQL index, writing each object with the configuration of its language."""

    def add_items(self, model, objs):
        # Wagtail's indexer takes the configuration from the backend, so each language's
        # objects are written by Wagtail's own code through a backend set to that language.
        objs = list(objs)
        groups = {}
        for obj, config in zip(objs, search_configs_of(objs), strict=True):
            groups.setdefault(config, []).append(obj)
        for config, group in groups.items():
            PostgresIndex(self.backend.with_search_config(config)).add_items(model, group)


class LanguagePostgresSearchQueryCompiler(PostgresSearchQueryCompiler):
    """Wagtail's query compiler. A query without a configuration (the admin's searches, which
    span every language) matches a term under the configuration of any of the site's
    languages, so an editor finds a Russian page by any form of a Russian word."""

    def build_tsquery(self, query, config=None):
        if config is not None:
            return super().build_tsquery(query, config=config)
        combined = None
        for each_config in ALL_SEARCH_CONFIGS:
            tsquery = super().build_tsquery(query, config=each_config)
            if tsquery is not None:
                combined = tsquery if combined is None else combined | tsquery
        return combined


class LanguagePostgresSearchBackend(PostgresSearchBackend):
    """Wagtail's PostgreSQL backend; the index uses the language of each object, and
    ``SEARCH_CONFIG`` (given per query by ``search.services.search_pages``) is the
    configuration of queries only. Without it, queries match in every language."""

    query_compiler_class = LanguagePostgresSearchQueryCompiler
    index_class = LanguagePostgresIndex

    def with_search_config(self, config):
        """A copy of this backend that indexes and queries with ``config``."""
        clone = copy.copy(self)
        clone.config = config
        return clone

    def search_headline(self, query):
        """An expression for the passages of an indexed object's text that match ``query``,
        matched words between HIGHLIGHT_START and HIGHLIGHT_STOP (see search.highlighting)."""
        return SearchHeadline(
            F("index_entries__body_text"),
            SearchQuery(query, config=self.config),
            config=self.config,
            start_sel=HIGHLIGHT_START,
            stop_sel=HIGHLIGHT_STOP,
            max_words=18,
            min_words=8,
            max_fragments=2,
            fragment_delimiter=" … ",
        )
