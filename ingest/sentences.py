"""Sentence boundaries with character offsets.

A small rule-based splitter rather than a model: it must run offline, be
deterministic, and keep exact offsets into the article text so that every
passage, quote and citation can be highlighted in place. News prose has a
known set of traps (``Mr.``, ``U.S.``, ``Nov. 19``, initials, closing quotes
after the full stop) and the rules below cover them.
"""

from __future__ import annotations

import re

# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "capt",
    "st", "jr", "sr", "rev", "hon", "pres", "supt", "atty", "cmdr", "adm", "maj", "cpl",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "no", "vs", "v", "etc", "inc", "corp", "co", "ltd", "dept", "univ", "mt", "ft", "approx",
    "u.s", "u.k", "u.n", "e.g", "i.e", "d.c", "a.m", "p.m", "ph.d", "calif", "mass", "penn",
    "fla", "ariz", "colo", "conn", "del", "ill", "ind", "kan", "ky", "la", "md", "mich", "minn",
    "miss", "mo", "mont", "neb", "nev", "okla", "ore", "pa", "tenn", "tex", "va", "vt", "wash",
    "wis", "wyo", "ala", "ark", "r.i", "n.y", "n.j", "n.h", "n.c", "s.c", "n.d", "s.d", "w.va",
}

_STARTERS = {"The", "He", "She", "It", "They", "We", "I", "But", "In", "A", "This", "That", "And"}
_CLOSERS = "\"'”’)]»"
_BOUNDARY = re.compile(r"[.!?…]+[" + re.escape(_CLOSERS) + r"]*(?=\s)")


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the full stop at ``dot`` belongs to an abbreviation or initial."""
    if text[dot] != ".":
        return False
    start = dot
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
    word = text[start:dot].lower()
    if not word:
        return False
    if word in _ABBREVIATIONS:
        return True
    # Single initials ("John F. Kennedy") and dotted acronyms ("U.S.", "D.C.").
    if len(word) == 1 and word.isalpha():
        return True
    return bool(re.fullmatch(r"(?:[a-z]\.)+[a-z]", word))


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` spans of the sentences of ``text``.

    Spans never include leading/trailing whitespace; newlines always end a
    sentence because in cleaned articles they separate paragraphs.
    """
    spans: list[tuple[int, int]] = []
    for para in re.finditer(r"[^\n]+", text):
        p_start, p_end = para.span()
        cursor = p_start
        for m in _BOUNDARY.finditer(text, p_start, p_end):
            end = m.end()
            first_dot = m.start()
            if m.end() - m.start() == 1 and _is_abbreviation(text, first_dot):
                # "U.S. officials" ends no sentence; "in the U.S. The next" does.
                following = text[end:min(p_end, end + 64)].split(None, 1)
                is_acronym = "." in text[max(p_start, first_dot - 3):first_dot]
                if not (is_acronym and following and following[0] in _STARTERS):
                    continue
            nxt = text[end:min(p_end, end + 64)].lstrip()
            if nxt and nxt[0].islower():
                continue  # '"... it," said Wu.' style continuations
            _append(text, spans, cursor, end)
            cursor = end
        _append(text, spans, cursor, p_end)
    return spans


def _append(text: str, spans: list[tuple[int, int]], start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
