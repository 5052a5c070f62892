"""Catalogue search that finds Chinese words of any length (ECOSYSTEM §4).

On PostgreSQL: a jieba-segmented tsvector (`simple` configuration, GIN index) serves words,
most of which have two characters and can never use a trigram index; pg_trgm (GIN on
`search_text`) serves substrings of three or more characters such as names, 文号 and 索引号, and
a fuzzy word-similarity match when nothing else is found. On SQLite: substring matching.
"""

from __future__ import annotations

import re

import jieba
from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db.models import Q, QuerySet, Value
from django.db.models.expressions import CombinedExpression

MAX_QUERY_LENGTH = 100
_TOKEN = re.compile(r"\w", re.UNICODE)

jieba.setLogLevel(60)


def segment(text: str) -> str:
    """Space-separated jieba search tokens (with sub-words), lower-cased."""
    return " ".join(t for t in jieba.lcut_for_search((text or "").lower()) if _TOKEN.search(t))


def index_values(item) -> dict:
    """The column values that keep `item` findable; the caller updates the row."""
    text = " ".join(
        filter(
            None,
            [item.title, item.document_number, item.index_number or "", item.summary, item.body],
        )
    )
    values: dict[str, str | CombinedExpression] = {"search_text": text}
    if settings.IS_POSTGRES:
        head = " ".join(filter(None, [item.title, item.document_number, item.index_number or ""]))
        values["search_vector"] = SearchVector(
            Value(segment(head)), config="simple", weight="A"
        ) + SearchVector(Value(segment(f"{item.summary} {item.body}")), config="simple", weight="B")
    return values


def clean_query(raw: str) -> str:
    """Any input is accepted: cut to a sane length, control characters dropped."""
    text = "".join(c for c in (raw or "") if c.isprintable())
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def filter_items(qs: QuerySet, raw: str) -> QuerySet:
    """`qs` narrowed to the items matching the query; `qs` unchanged for an empty query."""
    query = clean_query(raw)
    if not query:
        return qs
    if not settings.IS_POSTGRES:
        return qs.filter(Q(title__icontains=query) | Q(search_text__icontains=query))
    words = [t for t in jieba.lcut(query.lower()) if _TOKEN.search(t)]
    if words:
        found = qs.filter(
            search_vector=SearchQuery(" ".join(words), config="simple", search_type="plain")
        )
        if found.exists():
            return found
    if len(query) < 3:
        # A one- or two-character string that is no word of the index (part of a longer word):
        # no trigram can serve it, so a plain scan, only when the words found nothing.
        return qs.filter(search_text__icontains=query)
    # Served by the gin_trgm_ops index: names, 文号 and 索引号 typed in part …
    found = qs.filter(search_text__icontains=query)
    if found.exists():
        return found
    # … and, when nothing matches exactly, a fuzzy match of names and numbers.
    return qs.filter(search_text__trigram_word_similar=query)
