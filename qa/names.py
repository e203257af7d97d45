"""People in the articles: resolve 'Wu', 'Mr. Trump' or 'he' to the full name the article introduces."""

from __future__ import annotations

import re
from collections.abc import Iterable

from vectorstore.textnorm import fold

HONORIFICS = re.compile(
    r"^(?:mr|mrs|ms|miss|dr|prof|professor|sen|senator|rep|representative|gov|governor|president|"
    r"secretary|gen|general|judge|justice|mayor|minister|councillor|councilor|sir|dame|lord|lady|rev)\.?\s+",
    re.I,
)
_CAPITALISED = re.compile(r"\b(?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’-]+")
_NOT_NAMES = {
    "who", "what", "which", "when", "where", "why", "how", "did", "does", "do", "is", "are", "was", "were", "the",
    "and", "in", "on", "of", "a", "an", "according", "tell", "list", "name", "give", "show", "i", "can", "could",
    "would", "should", "has", "have", "had", "will", "about", "article", "articles", "say", "said",
}


def strip_honorific(name: str) -> str:
    previous = None
    while previous != name:
        previous, name = name, HONORIFICS.sub("", name.strip())
    return name.strip(" ,.'’\"")


def surname(name: str) -> str:
    parts = strip_honorific(name).split()
    return parts[-1] if parts else ""


def candidate_names(text: str) -> list[str]:
    """Capitalised word runs that may be names, leading question words removed.

    A lone capitalised word that opens the text ("Summarize the article") is a sentence start, not a name.
    """
    out: list[str] = []
    for m in _CAPITALISED.finditer(text):
        words = m.group(0).split()
        if m.start() == len(text) - len(text.lstrip()) and len(words) == 1:
            continue
        while words and words[0].lower().strip("'’") in _NOT_NAMES:
            words = words[1:]
        while words and words[-1].lower().strip("'’") in _NOT_NAMES:
            words = words[:-1]
        if words:
            out.append(strip_honorific(" ".join(words)).removesuffix("'s").removesuffix("’s"))
    return [n for n in out if n]


def match_speaker(name: str, speakers: Iterable[str]) -> str | None:
    """The known speaker a question's name refers to: exact, then surname, then first name."""
    target = fold(strip_honorific(name))
    if not target:
        return None
    known = list(speakers)
    for s in known:
        if fold(s) == target:
            return s
    last = target.split()[-1]
    by_surname = [s for s in known if fold(surname(s)) == last]
    if by_surname:
        return max(by_surname, key=len)
    tokens = set(target.split())
    partial = [s for s in known if tokens & set(fold(s).split()) and len(fold(s)) > 2]
    return max(partial, key=len) if len(partial) == 1 else None


def mentions(text: str, name: str) -> bool:
    """Does ``text`` mention the person by full name or surname?"""
    folded = fold(text)
    return any(re.search(rf"\b{re.escape(p)}\b", folded) for p in {fold(name), fold(surname(name))} if p)
