"""Acceptance on the shared question sets, with the real model and store (runs when ../shared is present)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.pipeline import Ingestor
from qa.assistant import Assistant
from qa.evaluation import evaluate, load_cases
from tests.conftest import SHARED, make_components

needs_shared = pytest.mark.skipif(not (SHARED / "eval").exists(), reason="../shared is not beside the project")


@needs_shared
def test_dev_set_all_correct(tmp_path: Path) -> None:
    components = make_components(tmp_path, embedder="minilm")
    Ingestor(components, show_bar=False).run([str(SHARED / "corpus" / "china-russia-joint-statement.txt")])
    scores = evaluate(Assistant(components), load_cases(SHARED / "eval" / "dev.jsonl")).summary()
    assert scores["answer_accuracy"] == 1.0 and scores["refusal_accuracy"] == 1.0, scores
    assert scores["citation_precision"] >= 0.9 and scores["retrieval_recall_at_k"] == 1.0, scores


@needs_shared
def test_polnear_who_said(tmp_path: Path) -> None:
    components = make_components(tmp_path, embedder="minilm")
    Ingestor(components, show_bar=False).run([str(SHARED / "corpus" / "polnear-train")])
    scores = evaluate(Assistant(components), load_cases(SHARED / "eval" / "polnear-train.jsonl")).summary()
    assert scores["who_said_accuracy"] >= 0.85, scores
    assert scores["who_said_rank1"] >= 0.99 and scores["retrieval_recall_at_k"] >= 0.95, scores
