"""Whitespace and character normalisation for article text.

Every offset in the system (passages, quotes, citations) points into the cleaned
text, so cleaning happens exactly once, at load time, and must be deterministic.
It only touches whitespace and invisible characters: letters, curly quotes and
all punctuation are kept byte-for-byte because quote attribution and exact
citation depend on them. Every step is a single linear pass (``str.translate``,
simple regexes without backtracking), so a 10 MB single-line file stays fast.
"""

from __future__ import annotations

import re
import unicodedata

# Line/paragraph separators that are not "\n": mapped before anything else.
_NEWLINES = re.compile(r"\r\n?|[\v\f\x1c\x1d\x1e\x85\u2028]")
_PARAGRAPH_SEPARATOR = "\u2029"

# Unicode spaces (NBSP, thin space, ideographic space...) become a plain space so
# that "Mr.\u00a0Smith" and "Mr. Smith" match; invisible characters are removed.
_SPACES = dict.fromkeys([0x09, 0xA0, 0x1680, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000], " ")
_INVISIBLE = dict.fromkeys([0xAD, 0x200B, 0x2060, 0xFEFF])
_CONTROL = dict.fromkeys(c for c in [*range(0x20), *range(0x7F, 0xA0)] if c != 0x0A)
_TABLE = str.maketrans({**_CONTROL, **_INVISIBLE, **_SPACES})

_SPACE_RUN = re.compile(r" {2,}")
_BLANK_RUN = re.compile(r"\n{3,}")


def clean_text(raw: str) -> str:
    """Return ``raw`` with normalised whitespace, paragraphs kept as ``\\n\\n``-separated lines.

    Steps: newlines -> ``\\n``; NFC; control and invisible characters dropped
    (``\\n`` kept); tabs and unicode spaces -> one space; each line stripped;
    2+ blank lines -> one blank line; whole text stripped.
    """
    text = _NEWLINES.sub("\n", raw).replace(_PARAGRAPH_SEPARATOR, "\n\n")
    text = unicodedata.normalize("NFC", text)
    text = text.translate(_TABLE)
    text = _SPACE_RUN.sub(" ", text)
    text = "\n".join(line.strip(" ") for line in text.split("\n"))
    text = _BLANK_RUN.sub("\n\n", text)
    return text.strip()


def one_line(raw: str) -> str:
    """Collapse ``raw`` to a single clean line (for titles, authors, reasons)."""
    return " ".join(clean_text(raw).split())
