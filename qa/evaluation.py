"""Scores of ``../shared/eval/README.md`` for a question set, plus retrieval recall@k and MRR."""

from __future__ import annotations

import json
import re
import statistics
from dataclasses import dataclass, field
from pathlib import Path

from qa.assistant import Assistant
from qa.types import Answer
from vectorstore.textnorm import fold


def load_cases(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", fold(text)).strip()


def contains(haystack: str, needle: str) -> bool:
    return norm(needle) in norm(haystack)


def meets_must_include(answer: str, groups: list[list[str]]) -> bool:
    return all(any(contains(answer, alt) for alt in group) for group in groups)


def attributes(answer: str, speaker: str, quote: str) -> bool:
    """The quote fragment appears in the answer in the section (line) that names the speaker."""
    fragment = norm(quote).strip("\"'“”‘’ ")[:40]
    for line in answer.splitlines() or [answer]:
        if fragment[:25] in norm(line).replace('"', "").replace("“", "") or fragment[:25] in norm(line):
            return contains(line, speaker) or contains(line, speaker.split()[-1])
    return False


@dataclass
class CaseResult:
    id: str
    kind: str
    correct: bool | None
    refused_ok: bool | None
    evidence_found: int
    evidence_total: int
    cited: int
    cited_with_evidence: int
    retrieval_found: int
    rank: int | None
    answer: str
    speakers_ok: int = 0
    speakers_total: int = 0
    ms: float = 0.0


@dataclass
class Scores:
    results: list[CaseResult] = field(default_factory=list)

    def summary(self) -> dict[str, float | int]:
        ans = [r for r in self.results if r.correct is not None]
        ref = [r for r in self.results if r.refused_ok is not None]
        ev_total = sum(r.evidence_total for r in self.results)
        cited = sum(r.cited for r in ans)
        who = [r for r in ans if r.kind == "who_said_quote"]
        out: dict[str, float | int] = {
            "cases": len(self.results),
            "answer_accuracy": _ratio(sum(bool(r.correct) for r in ans), len(ans)),
            "evidence_recall": _ratio(sum(r.evidence_found for r in self.results), ev_total),
            "citation_precision": _ratio(sum(r.cited_with_evidence for r in ans), cited),
            "refusal_accuracy": _ratio(sum(bool(r.refused_ok) for r in ref), len(ref)),
            "retrieval_recall_at_k": _ratio(sum(r.retrieval_found for r in self.results), ev_total),
            "mrr": round(statistics.mean([1 / r.rank if r.rank else 0 for r in ans]), 3) if ans else 0.0,
            "speaker_attribution": _ratio(sum(r.speakers_ok for r in ans), sum(r.speakers_total for r in ans)),
            "latency_ms_p50": round(statistics.median([r.ms for r in self.results]), 1) if self.results else 0.0,
        }
        if who:
            out["who_said_accuracy"] = _ratio(sum(bool(r.correct) for r in who), len(who))
            out["who_said_rank1"] = _ratio(sum(r.rank == 1 for r in who), len(who))
        return out


def _ratio(a: int, b: int) -> float:
    return round(a / b, 3) if b else 1.0


def evaluate_case(assistant: Assistant, case: dict, k: int | None = None) -> CaseResult:
    question, history = case["question"], case.get("history", [])
    query, retrieved, _ = assistant.retrieve(question, history, k=k)
    answer: Answer = assistant.ask(question, history, k=k)
    evidence = case.get("evidence", [])
    cited_texts = [c.text for c in answer.citations]
    found = sum(any(contains(t, e) for t in cited_texts) for e in evidence)
    retrieval_found = sum(any(contains(r.text, e) for r in retrieved) for e in evidence)
    rank = next((i + 1 for i, r in enumerate(retrieved) if evidence and any(contains(r.text, e) for e in evidence)), None)
    answerable = case.get("answerable", True)
    speakers = case.get("speakers", []) if len(case.get("speakers", [])) > 1 else []
    speakers_ok = sum(attributes(answer.answer, s["speaker"], s["quote"]) for s in speakers)
    return CaseResult(
        id=case["id"], kind=query.kind,
        correct=(answer.answerable and meets_must_include(answer.answer, case.get("must_include", [])))
        if answerable else None,
        refused_ok=(not answer.answerable and not answer.citations) if not answerable else None,
        evidence_found=found, evidence_total=len(evidence),
        cited=len(answer.citations) if answerable else 0,
        cited_with_evidence=sum(any(contains(c.text, e) for e in evidence) for c in answer.citations)
        if answerable else 0,
        retrieval_found=retrieval_found, rank=rank, answer=answer.answer,
        speakers_ok=speakers_ok, speakers_total=len(speakers), ms=answer.timings_ms.get("total", 0.0),
    )


def evaluate(assistant: Assistant, cases: list[dict], k: int | None = None) -> Scores:
    return Scores([evaluate_case(assistant, c, k) for c in cases])
