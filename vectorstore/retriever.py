"""Hybrid retrieval: verbatim hits first, then dense + BM25 fused by reciprocal rank.

Measured on quote questions, BM25 and exact-phrase hits find a quote's
passage at rank 1 while an equal-weight fusion does not; so passages that
contain the query's quoted words (or most of its word trigrams) are pinned
above the fused list, and fusion orders the rest.
"""

from __future__ import annotations

import re
import time
from dataclasses import asdict, dataclass, field

import numpy as np
from langchain_core.embeddings import Embeddings

from vectorstore.catalog import Catalog
from vectorstore.chroma_store import ChromaStore, date_key
from vectorstore.keyword_index import KeywordIndex
from vectorstore.textnorm import trigrams, words

RRF_K = 60
_QUOTED = re.compile(r"[\"“”]([^\"“”]{3,})[\"“”]|''(.{3,}?)''|‘([^’]{3,})’")
_QUESTION_PREFIX = re.compile(
    r"^\s*(who|which person|whom)\s+(said|says|is quoted as saying|wrote|told)\s*(this|that|the following)?\s*[:,-]?\s*",
    re.I,
)


@dataclass
class Filters:
    """Restrict retrieval to some articles and/or an article date range (``YYYY-MM-DD``, inclusive)."""

    sources: list[str] | None = None
    date_from: str | None = None
    date_to: str | None = None

    def is_empty(self) -> bool:
        return not (self.sources or self.date_from or self.date_to)

    def chroma_where(self) -> dict | None:
        clauses: list[dict] = []
        if self.sources:
            clauses.append({"source": {"$in": list(self.sources)}})
        if self.date_from:
            clauses.append({"date_int": {"$gte": _date_int(self.date_from)}})
        if self.date_to:
            clauses.append({"date_int": {"$lte": _date_int(self.date_to)}})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}

    def allows(self, source: str, date: str) -> bool:
        if self.sources and source not in self.sources:
            return False
        d = date_key(date)
        if self.date_from and d < _date_int(self.date_from):
            return False
        return not (self.date_to and (d == 0 or d > _date_int(self.date_to)))


def _date_int(date: str) -> int:
    """A filter bound; unlike a stored date, a bad one is the user's error and is said so."""
    key = date_key(date)
    if not key:
        raise ValueError(f"bad date {date!r}: use YYYY-MM-DD")
    return key


@dataclass
class Retrieved:
    source: str
    index: int
    start: int
    end: int
    text: str
    title: str = ""
    date: str = ""
    score: float = 0.0
    verbatim: float = 0.0  # share of the query's quoted word trigrams found in this passage
    dense_rank: int | None = None
    keyword_rank: int | None = None
    neighbor_of: int | None = None  # set when pulled in because a quote spans a chunk border

    @property
    def key(self) -> tuple[str, int]:
        return (self.source, self.index)

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class HybridRetriever:
    store: ChromaStore
    catalog: Catalog
    keywords: KeywordIndex
    embedder: Embeddings
    candidates: int = 30
    last_timings: dict[str, float] = field(default_factory=dict)

    def search(self, query: str, k: int = 5, filters: Filters | None = None) -> list[Retrieved]:
        filters = filters or Filters()
        t0 = time.perf_counter()
        phrases = verbatim_phrases(query)
        keyword_hits = self.keywords.search(query, self.candidates, self._mask(filters))
        t1 = time.perf_counter()
        dense_hits = self.store.query(self.embedder.embed_query(query), self.candidates, filters.chroma_where())
        t2 = time.perf_counter()

        fused: dict[tuple[str, int], float] = {}
        ranks: dict[tuple[str, int], dict[str, int]] = {}
        for rank, (key, _score) in enumerate(keyword_hits):
            fused[key] = fused.get(key, 0.0) + 1.0 / (RRF_K + rank)
            ranks.setdefault(key, {})["keyword"] = rank
        for rank, (meta, _sim) in enumerate(dense_hits):
            key = (str(meta["source"]), int(meta["passage"]))
            fused[key] = fused.get(key, 0.0) + 1.0 / (RRF_K + rank)
            ranks.setdefault(key, {})["dense"] = rank

        results = [r for r in (self._load(key, fused[key], ranks[key]) for key in fused) if r is not None]
        if phrases:
            for r in results:
                r.verbatim = verbatim_score(phrases, r.text)
        results.sort(key=lambda r: (r.verbatim >= 0.5, r.verbatim if r.verbatim >= 0.5 else 0.0, r.score), reverse=True)
        results = _dedupe(results)[:k]
        if phrases:
            results = self._with_neighbors(results, phrases, k)
        self.last_timings = {"keyword_ms": (t1 - t0) * 1000, "dense_ms": (t2 - t1) * 1000,
                             "total_ms": (time.perf_counter() - t0) * 1000}
        return results

    def _mask(self, filters: Filters) -> np.ndarray | None:
        if filters.is_empty():
            return None
        allowed = {a.source for a in self.catalog.articles() if filters.allows(a.source, a.date)}
        n = len(self.keywords)
        mask = np.zeros(n, dtype=np.float32)
        for i, (source, _idx) in enumerate(self.keywords.keys):
            if source in allowed:
                mask[i] = 1.0
        return mask

    def _load(self, key: tuple[str, int], score: float, ranks: dict[str, int]) -> Retrieved | None:
        passage = self.catalog.passage(*key)
        if passage is None:  # vector without catalog row: an interrupted write; never show it
            return None
        info = self._article_info(key[0])
        return Retrieved(
            passage.source, passage.index, passage.start, passage.end, passage.text,
            title=info[0], date=info[1], score=score,
            dense_rank=ranks.get("dense"), keyword_rank=ranks.get("keyword"),
        )

    def _article_info(self, source: str) -> tuple[str, str]:
        article = self.catalog.article(source)
        return (article.title, article.date) if article else ("", "")

    def _with_neighbors(self, results: list[Retrieved], phrases: list[list[str]], k: int) -> list[Retrieved]:
        """A quote cut by a chunk border: add the next/previous passage that holds its rest."""
        out: list[Retrieved] = []
        have = {r.key for r in results}
        for r in results:
            out.append(r)
            if not (0.0 < r.verbatim < 0.95):
                continue
            for delta in (1, -1):
                key = (r.source, r.index + delta)
                if key in have:
                    continue
                passage = self.catalog.passage(*key)
                if passage is None:
                    continue
                joined = (passage.text + " " + r.text) if delta < 0 else (r.text + " " + passage.text)
                if verbatim_score(phrases, joined) > r.verbatim + 0.05:
                    title, date = self._article_info(r.source)
                    out.append(Retrieved(passage.source, passage.index, passage.start, passage.end, passage.text,
                                         title=title, date=date, score=r.score, neighbor_of=r.index,
                                         verbatim=verbatim_score(phrases, passage.text)))
                    have.add(key)
        return out[: k + 2]


def verbatim_phrases(query: str) -> list[list[str]]:
    """Word sequences the user wants matched verbatim: quoted parts, or a long 'who said this: …' tail."""
    phrases = [words(next(g for g in m.groups() if g)) for m in _QUOTED.finditer(query)]
    phrases = [p for p in phrases if len(p) >= 3]
    if not phrases:
        tail = _QUESTION_PREFIX.sub("", query, count=1) if _QUESTION_PREFIX.match(query) else ""
        if len(words(tail)) >= 4:
            phrases = [words(tail)]
    return phrases


def verbatim_score(phrases: list[list[str]], text: str) -> float:
    """Best share of a phrase's word trigrams (or of a short phrase's words in order) present in ``text``."""
    tokens = words(text)
    folded = " ".join(tokens)
    grams = trigrams(tokens)
    best = 0.0
    for phrase in phrases:
        if " ".join(phrase) in folded:
            return 1.0
        wanted = trigrams(phrase)
        if wanted:
            best = max(best, len(wanted & grams) / len(wanted))
    return best


def _dedupe(results: list[Retrieved]) -> list[Retrieved]:
    """Drop near-duplicate passages (the same text ingested twice, syndicated copies)."""
    kept: list[Retrieved] = []
    shingles: list[set] = []
    for r in results:
        grams = trigrams(words(r.text))
        if any(grams and len(grams & g) / max(1, min(len(grams), len(g))) > 0.9 for g in shingles):
            continue
        kept.append(r)
        shingles.append(grams)
    return kept


