"""Ingest pipeline on a real embedded Chroma (fake embedder for speed; the real model in test_real_model)."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from core.components import Components
from ingest.__main__ import main as ingest_main
from ingest.lock import StoreBusy, acquire, store_lock
from ingest.pipeline import Ingestor
from tests.conftest import make_components, write

ARTICLE_A = "Council approves tram\n\nThe council voted on Monday. \"It is a turning point,\" Mayor Elena Ruiz said.\n"
ARTICLE_B = "Farmers get aid\n\nThe minister Paul Okafor said the money would be paid within six weeks.\n"


def _ids(c: Components) -> list[str]:
    return c.store.collection.get(include=[])["ids"]


def test_first_ingest_adds_then_reingest_skips(tmp_path: Path, components: Components) -> None:
    folder = tmp_path / "news"
    write(folder / "a.txt", ARTICLE_A)
    write(folder / "sub" / "b.txt", ARTICLE_B)

    first = Ingestor(components).run([str(folder)])
    assert (len(first.added), len(first.updated), len(first.unchanged)) == (2, 0, 0)
    assert first.passages == components.store.count() == components.catalog.passage_count() > 0

    second = Ingestor(components).run([str(folder)])
    assert (len(second.added), len(second.updated), len(second.unchanged)) == (0, 0, 2)
    assert second.passages == 0
    assert components.store.count() == first.passages


def test_changed_article_replaced_without_duplicates(tmp_path: Path, components: Components) -> None:
    folder = tmp_path / "news"
    a = write(folder / "a.txt", ARTICLE_A)
    write(folder / "b.txt", ARTICLE_B)
    Ingestor(components).run([str(folder)])
    write(a, ARTICLE_A.replace("Monday", "Tuesday") + "\nA second paragraph about trams and stations.\n")

    report = Ingestor(components).run([str(folder)])
    assert (len(report.added), len(report.updated), len(report.unchanged)) == (0, 1, 1)
    texts = components.store.collection.get(include=["documents"])["documents"]
    assert not any("Monday" in t for t in texts)
    assert any("Tuesday" in t for t in texts)
    assert len(texts) == len(set(texts)) == components.catalog.passage_count()


def test_prune_deletes_removed_articles_only_under_given_paths(tmp_path: Path, components: Components) -> None:
    folder, other = tmp_path / "news", tmp_path / "other"
    a = write(folder / "a.txt", ARTICLE_A)
    write(folder / "b.txt", ARTICLE_B)
    write(other / "c.txt", "Other story\n\nSomething else happened in another town entirely.\n")
    Ingestor(components).run([str(folder), str(other)])
    a.unlink()

    kept = Ingestor(components).run([str(folder)])  # without --prune nothing is deleted
    assert kept.deleted == [] and components.catalog.article_count() == 3

    pruned = Ingestor(components).run([str(folder)], prune=True)
    assert pruned.deleted == [str(a.resolve())]
    sources = {m["source"] for m in components.store.collection.get(include=["metadatas"])["metadatas"]}
    assert str(a.resolve()) not in sources
    assert components.catalog.article_count() == 2  # other/c.txt is not under the given path
    assert components.record_manager.list_keys(group_ids=[str(a.resolve())]) == []


def test_offsets_point_into_the_stored_article(tmp_path: Path, components: Components) -> None:
    long_text = "Long story\n\n" + "\n\n".join(
        f"Paragraph {i} says that the council met again. \"We will decide soon,\" said member {i}." for i in range(60)
    )
    write(tmp_path / "long.txt", long_text)
    Ingestor(components).run([str(tmp_path / "long.txt")])
    source = str((tmp_path / "long.txt").resolve())
    article = components.catalog.article(source)
    passages = components.catalog.passages_of(source)
    assert len(passages) > 3
    for p in passages:
        assert article.text[p.start : p.end] == p.text
    metas = components.store.collection.get(include=["metadatas", "documents"])
    for meta, doc in zip(metas["metadatas"], metas["documents"], strict=False):
        assert article.text[meta["start"] : meta["end"]] == doc


def test_bad_inputs_are_reported_and_do_not_stop_the_run(tmp_path: Path, components: Components) -> None:
    folder = tmp_path / "news"
    write(folder / "good.txt", ARTICLE_A)
    (folder / "empty.txt").write_text("")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (folder / "fake.pdf").write_bytes(b"not a pdf at all")
    write(folder / "nothing.html", "<html><body><script>x()</script></body></html>")
    report = Ingestor(components).run([str(folder), str(tmp_path / "missing.txt"), "http://127.0.0.1:9/x"])
    assert len(report.added) == 1
    failed = {Path(f.source).name if "://" not in f.source else f.source: f.reason for f in report.failed}
    assert set(failed) >= {"empty.txt", "binary.txt", "fake.pdf", "nothing.html", "missing.txt", "http://127.0.0.1:9/x"}
    assert all(r and "\n" not in r for r in failed.values())


def test_failed_update_keeps_stored_article(tmp_path: Path, components: Components) -> None:
    a = write(tmp_path / "a.txt", ARTICLE_A)
    Ingestor(components).run([str(a)])
    a.write_bytes(b"\x00" * 50)
    report = Ingestor(components).run([str(tmp_path)], prune=True)
    assert len(report.failed) == 1 and report.deleted == []
    assert components.catalog.article_count() == 1 and components.store.count() > 0


def test_interrupted_run_resumes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    components = make_components(tmp_path, index_batch_size=1)
    folder = tmp_path / "news"
    for i in range(4):
        write(folder / f"{i}.txt", f"Story {i}\n\nThe mayor number {i} said things about trams and buses.\n")
    ingestor = Ingestor(components)
    real_flush = ingestor._flush
    calls = {"n": 0}

    def flaky(pending, report):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        real_flush(pending, report)

    monkeypatch.setattr(ingestor, "_flush", flaky)
    with pytest.raises(KeyboardInterrupt):
        ingestor.run([str(folder)])
    assert components.catalog.article_count() == 2

    report = Ingestor(components).run([str(folder)])
    assert (len(report.added), len(report.unchanged)) == (2, 2)
    assert components.store.count() == components.catalog.passage_count() == 4


def test_second_writer_is_told_store_is_busy(tmp_path: Path) -> None:
    components = make_components(tmp_path, lock_timeout=0.2)
    held = store_lock(components.settings.data_dir, 0.2)
    acquire(held, 0.2)
    errors: list[Exception] = []

    def run() -> None:
        try:
            Ingestor(components).run([str(tmp_path)])
        except StoreBusy as exc:
            errors.append(exc)

    t = threading.Thread(target=run)
    t.start()
    t.join()
    held.release()
    assert errors and "busy" in str(errors[0])


def test_cli_json_report(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSQA_EMBEDDER", "hash")
    write(tmp_path / "news" / "a.txt", ARTICLE_A)
    code = ingest_main(["--store", str(tmp_path / "store"), "--json", str(tmp_path / "news")])
    out = capsys.readouterr().out.strip().splitlines()
    assert code == 0 and len(out) == 1
    data = json.loads(out[0])
    assert set(data) == {"added", "updated", "unchanged", "deleted", "failed", "passages", "seconds"}
    assert data["added"] == 1 and data["failed"] == []


def test_cli_bad_setting_is_one_clear_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSQA_CHUNK_CHARS", "5")
    code = ingest_main(["--store", str(tmp_path / "store"), str(tmp_path)])
    err = capsys.readouterr().err.strip()
    assert code == 3 and "chunk_chars" in err and len(err.splitlines()) == 1
