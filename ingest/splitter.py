"""Sentence-aligned passages with exact character offsets.

LangChain's character splitters cut mid-sentence and lose offsets when they
strip whitespace; a quote cut in half can neither be retrieved nor verified.
Here passages are whole sentences packed up to ``chunk_chars`` (about 200
MiniLM tokens, inside its 256-token window), preferring paragraph breaks, and
``article.text[p.start:p.end] == p.text`` always holds.
"""

from __future__ import annotations

from ingest.sentences import split_sentences
from ingest.types import Article, Passage


def _hard_split(text: str, start: int, end: int, limit: int) -> list[tuple[int, int]]:
    """Break a run-on 'sentence' (tables, 10 MB single lines) at whitespace."""
    spans = []
    while end - start > limit:
        cut = text.rfind(" ", start + limit // 2, start + limit)
        cut = cut if cut > start else start + limit
        spans.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        spans.append((start, end))
    return spans


def sentence_units(text: str, limit: int) -> list[tuple[int, int]]:
    units: list[tuple[int, int]] = []
    for s, e in split_sentences(text):
        units.extend(_hard_split(text, s, e, limit) if e - s > limit else [(s, e)])
    return units


def split_article(article: Article, chunk_chars: int = 900) -> list[Passage]:
    text = article.text
    passages: list[Passage] = []
    cur_start = cur_end = -1

    def emit() -> None:
        passages.append(Passage(article.source, len(passages), cur_start, cur_end, text[cur_start:cur_end]))

    for s, e in sentence_units(text, chunk_chars):
        if cur_start < 0:
            cur_start, cur_end = s, e
            continue
        new_paragraph = "\n" in text[cur_end:s]
        too_long = e - cur_start > chunk_chars
        full_enough = new_paragraph and cur_end - cur_start >= chunk_chars * 0.6
        if too_long or full_enough:
            emit()
            cur_start = s
        cur_end = e
    if cur_start >= 0:
        emit()
    return passages
