"""Plain data records passed between the ingest stages."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Article:
    """A loaded and cleaned article; every offset in the system points into ``text``."""

    source: str  # absolute file path or http(s) URL: the article's identity
    title: str
    text: str
    author: str = ""
    date: str = ""  # ISO ``YYYY-MM-DD`` or ""
    url: str = ""  # canonical URL when the page names one


@dataclass
class Passage:
    """A sentence-aligned chunk of an article with its offsets."""

    source: str
    index: int
    start: int
    end: int
    text: str


@dataclass
class Quote:
    """One attributed statement: who said what, where in the article."""

    speaker: str  # full name as the article introduces it, e.g. "Wu Enyuan"
    text: str  # the quoted words (direct) or the reported content
    start: int  # offsets of ``text`` in the article text
    end: int
    sentence_start: int  # offsets of the whole sentence that carries the attribution
    sentence_end: int
    role: str = ""  # apposition, e.g. "a research fellow at the Chinese Academy of Social Sciences"
    cue: str = ""  # e.g. "said", "told the Global Times that", "added"
    kind: str = "direct"  # "direct" | "reported"
    mention: str = ""  # surface form in this sentence: "Wu", "he", "Wu Enyuan"

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Failure:
    """An input that could not be ingested and why, in one line."""

    source: str
    reason: str


@dataclass
class LoadResult:
    articles: list[Article] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)
