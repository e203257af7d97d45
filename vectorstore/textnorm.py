"""Text normalisation shared by keyword search, verbatim matching and evaluation.

Quotes arrive with straight, curly or doubled-apostrophe marks and with
accents the user may not type; matching must ignore all of that.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import Stemmer

_QUOTE_MAP = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'", "–": "-", "—": "-"})
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")

STOPWORDS = frozenset(
    """a an and are as at be been but by for from had has have he her his i if in into is it its me my no not
    of on or our she so than that the their them then there these they this those to was we were what when
    where which while who whom why will with would you your did do does about said says say""".split()
)


def fold(text: str) -> str:
    """Lower-case, strip accents, unify quote marks and dashes, collapse whitespace."""
    text = unicodedata.normalize("NFKD", text.translate(_QUOTE_MAP))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = text.replace("''", '"')
    return re.sub(r"\s+", " ", text).strip()


def words(text: str) -> list[str]:
    return [w.replace("'s", "") for w in _WORD.findall(fold(text))]


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english")


def keyword_tokens(text: str) -> list[str]:
    """BM25 tokens: folded words without stopwords, Snowball-stemmed."""
    return _stemmer().stemWords([w for w in words(text) if w not in STOPWORDS])


def trigrams(tokens: list[str]) -> set[tuple[str, str, str]]:
    return {tuple(tokens[i : i + 3]) for i in range(len(tokens) - 2)}  # type: ignore[misc]
