"""The ``python -m qa`` contract other tools drive, in a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from core.components import Components

ROOT = Path(__file__).resolve().parents[2]


def _run(args: list[str], store: Components, stdin: str = "") -> subprocess.CompletedProcess:
    env = {**os.environ, "NEWSQA_EMBEDDER": "hash"}
    return subprocess.run([sys.executable, "-m", "qa", *args, "--store", str(store.settings.data_dir)],
                          input=stdin, capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)


def test_ask_json_one_question(store: Components) -> None:
    out = _run(["ask", "--json", "What did Erik Dahl say about dredging?"], store)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert {"question", "answer", "answerable", "citations", "retrieved", "timings_ms"} <= set(data)
    assert data["answerable"] and data["citations"]
    assert {"n", "source", "title", "text", "quote", "start", "end"} <= set(data["citations"][0])
    assert {"source", "text", "score"} <= set(data["retrieved"][0])


def test_ask_json_lines_in_order_with_history(store: Components) -> None:
    lines = [
        {"question": "What did Ingrid Solberg say?"},
        {"question": "And when does she expect the first ships?",
         "history": [{"role": "user", "content": "What did Ingrid Solberg say?"},
                     {"role": "assistant", "content": "Solberg said the terminal would double capacity."}]},
        {"question": "What did the prime minister say about taxes?"},
    ]
    out = _run(["ask", "--json"], store, "\n".join(json.dumps(x) for x in lines) + "\n")
    assert out.returncode == 0, out.stderr
    answers = [json.loads(line) for line in out.stdout.splitlines()]
    assert [a["question"] for a in answers] == [x["question"] for x in lines]
    assert "2028" in answers[1]["answer"]
    assert answers[2]["answerable"] is False and answers[2]["citations"] == []


def test_eval_reports_scores(store: Components, tmp_path: Path) -> None:
    cases = tmp_path / "set.jsonl"
    cases.write_text("\n".join(json.dumps(c) for c in [
        {"id": "a", "question": "How much will the port spend on the new terminal?",
         "must_include": [["210 million"]], "evidence": ["210 million euros"], "answerable": True},
        {"id": "b", "question": "What did the prime minister say about taxes?", "must_include": [],
         "evidence": [], "answerable": False},
    ]))
    out = _run(["eval", str(cases)], store)
    assert out.returncode == 0, out.stderr
    scores = json.loads(out.stdout)
    assert scores["answer_accuracy"] == 1.0 and scores["refusal_accuracy"] == 1.0
    assert scores["citation_precision"] == 1.0 and scores["retrieval_recall_at_k"] == 1.0
