"""Sentence-level evidence drawn from the store: spans in article coordinates, mapped to passages."""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from ingest.sentences import split_sentences
from vectorstore.catalog import Catalog
from vectorstore.retriever import Retrieved
from vectorstore.textnorm import keyword_tokens


@dataclass(frozen=True)
class Span:
    """A supporting span: article source and character offsets into its text."""

    source: str
    start: int
    end: int


@dataclass
class Sentence:
    span: Span
    text: str
    rank: int  # rank of the retrieved passage it came from
    tokens: frozenset[str]


class ArticleView:
    """Cached per-article access: text, passage boundaries, sentence spans."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._text = lru_cache(maxsize=256)(self._load_text)
        self._starts = lru_cache(maxsize=256)(self._load_starts)
        self._sentences = lru_cache(maxsize=256)(lambda s: split_sentences(self._text(s)))

    def _load_text(self, source: str) -> str:
        article = self.catalog.article(source)
        return article.text if article else ""

    def _load_starts(self, source: str) -> list[int]:
        return [p.start for p in self.catalog.passages_of(source)]

    def text(self, source: str) -> str:
        return self._text(source)

    def title(self, source: str) -> str:
        article = self.catalog.article(source)
        return article.title if article else source

    def passage_index(self, source: str, offset: int) -> int:
        starts = self._starts(source)
        return max(0, bisect.bisect_right(starts, offset) - 1)

    def sentences(self, source: str) -> list[tuple[int, int]]:
        return self._sentences(source)

    def sentence_at(self, source: str, offset: int) -> Span:
        for s, e in self.sentences(source):
            if s <= offset < e:
                return Span(source, s, e)
        return Span(source, offset, offset)

    def snippet(self, span: Span) -> str:
        return self.text(span.source)[span.start : span.end]


def sentence_pool(view: ArticleView, retrieved: list[Retrieved]) -> list[Sentence]:
    pool: list[Sentence] = []
    for rank, r in enumerate(retrieved):
        for s, e in view.sentences(r.source):
            if s >= r.start and e <= r.end:
                text = view.text(r.source)[s:e]
                pool.append(Sentence(Span(r.source, s, e), text, rank, frozenset(keyword_tokens(text))))
    return pool


_NUMBER = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|dozen|hundred|thousand|million|billion)\b", re.I)
_DATE = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|"
    r"august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|spring|summer|"
    r"autumn|fall|winter|yesterday|today|tomorrow|week|month|year|\d{4})\b",
    re.I,
)


def answer_type(question: str) -> re.Pattern[str] | None:
    """What an answer to a how-many or when question must contain: a number, or a time expression."""
    q = question.lower()
    if re.search(r"\bhow (?:many|much|long|old|far)\b|\bwhat (?:number|percentage|share|amount)\b", q):
        return _NUMBER
    if re.search(r"^\s*(?:and\s+)?when\b|\bwhat (?:day|date|year|time)\b", q):
        return _DATE
    return None


def answer_type_bonus(question: str, sentence: str) -> float:
    wanted = answer_type(question)
    if wanted is None:
        return 0.0
    return 0.3 if wanted.search(sentence) else -0.3


def has_term(term: str, tokens: frozenset[str] | set[str]) -> bool:
    """Exact stem, or a stem that differs only in its ending (Snowball leaves 'economi' and 'econom')."""
    if term in tokens:
        return True
    if len(term) < 6:
        return False
    return any(len(t) >= 6 and abs(len(t) - len(term)) <= 2 and t[:6] == term[:6]
               and (t.startswith(term) or term.startswith(t)) for t in tokens)


def coverage(terms: set[str], tokens: frozenset[str] | set[str]) -> float:
    return sum(has_term(t, tokens) for t in terms) / len(terms) if terms else 0.0


def rank_sentences(question_tokens: list[str], pool: list[Sentence], question: str) -> list[tuple[float, float, Sentence]]:
    """Score = IDF-weighted share of question terms in the sentence (+ answer-type and rank priors)."""
    if not pool or not question_tokens:
        return []
    df = Counter(t for s in pool for t in set(s.tokens))
    n = len(pool)
    weights = {t: math.log(1 + n / (1 + df.get(t, 0))) + 0.5 for t in set(question_tokens)}
    total = sum(weights.values())
    scored = []
    for s in pool:
        coverage = sum(w for t, w in weights.items() if has_term(t, s.tokens)) / total
        score = coverage + answer_type_bonus(question, s.text) + 0.05 / (1 + s.rank)
        scored.append((score, coverage, s))
    scored.sort(key=lambda x: x[0], reverse=True)
    return scored
