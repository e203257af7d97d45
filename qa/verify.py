"""Citation verification: every answer sentence must be supported by the passages it cites.

The extractive answerer composes from passage text, so support should hold
by construction; this check is the guard that keeps it true when the
composition code (or a future LLM backend) adds words of its own. A claim
is supported when its quoted parts appear verbatim in a cited passage and
nearly all of its other content words do too.
"""

from __future__ import annotations

import re

from vectorstore.textnorm import STOPWORDS, fold, words

_QUOTED_PART = re.compile(r"[\"“]([^\"“”]+)[\"”]")
_MARKER = re.compile(r"\[\d+\]|⟦\d+⟧")
# words our own templates add around passage text
_TEMPLATE = {"quoted", "article", "articles", "also", "according", "is", "was", "said", "this", "it", "says", "and"}


def claim_words(claim: str) -> list[str]:
    text = _MARKER.sub(" ", claim).replace("**", " ")
    return [w for w in words(text) if w not in STOPWORDS and w not in _TEMPLATE]


def supported(claim: str, passages: list[str], min_coverage: float = 0.9) -> bool:
    if not passages:
        return False
    joined = " ".join(fold(p) for p in passages)
    for quoted in _QUOTED_PART.findall(_MARKER.sub(" ", claim)):
        for piece in re.split(r"…|\.\.\.", quoted):
            piece = " ".join(words(piece))
            if piece and piece not in " ".join(words(joined)):
                return False
    tokens = claim_words(claim)
    if not tokens:
        return True
    vocab = set(words(joined))
    return sum(t in vocab for t in tokens) / len(tokens) >= min_coverage
