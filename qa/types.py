"""The answer contract shared by the CLI, the app and the evaluation."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Citation:
    n: int  # the marker number used in the answer text: [n]
    source: str
    title: str
    text: str  # the whole cited passage
    quote: str  # the supporting sentence(s) inside the passage
    start: int  # offsets of ``quote`` in the article text
    end: int
    passage_start: int = 0  # offsets of ``text`` in the article text
    passage_end: int = 0
    date: str = ""
    url: str = ""


@dataclass
class RetrievedRef:
    source: str
    text: str
    score: float
    title: str = ""
    index: int = 0


@dataclass
class Answer:
    question: str
    answer: str  # text with inline markers [1], [2]
    answerable: bool
    citations: list[Citation] = field(default_factory=list)
    retrieved: list[RetrievedRef] = field(default_factory=list)
    kind: str = ""  # the question kind the assistant recognised
    timings_ms: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict:
        data = asdict(self)
        data["citations"] = [
            {k: c[k] for k in ("n", "source", "title", "text", "quote", "start", "end", "date", "url",
                               "passage_start", "passage_end")}
            for c in data["citations"]
        ]
        data["retrieved"] = [{k: r[k] for k in ("source", "text", "score", "title")} for r in data["retrieved"]]
        return data


@dataclass
class Turn:
    role: str  # "user" | "assistant"
    content: str
