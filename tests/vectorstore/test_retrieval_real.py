"""Hybrid retrieval on the real store: real Chroma, the packaged MiniLM, BM25 kept in step."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from core.components import Components
from ingest.pipeline import Ingestor
from tests.conftest import make_components, write
from vectorstore.embedder import MiniLMEmbedder
from vectorstore.retriever import Filters

TOPICS = ["bridges", "schools", "hospitals", "parks", "buses", "libraries", "harbours", "markets"]


def _article(city: str, speaker: str, quote: str) -> str:
    filler = "\n\n".join(
        f"The {city} council also discussed {t}. Members asked for a report on {t} by the end of the year, "
        f"and officials promised to publish figures on {t} for every district." for t in TOPICS
    )
    return (f"{city} budget debate\n\n{filler}\n\n{speaker}, the city treasurer, presented the accounts. "
            f'"{quote}," {speaker.split()[-1]} said.\n')


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> tuple[Components, Path]:
    root = tmp_path_factory.mktemp("real")
    news = root / "news"
    write(news / "2024-05-01_oldtown.txt", _article("Oldtown", "Petra Lindqvist", "We cannot borrow our way out of a hole this deep"))
    write(news / "2026-05-01_newport.txt", _article("Newport", "Samuel Okoye", "Every euro we save on interest goes back into classrooms"))
    components = make_components(root, embedder="minilm")
    Ingestor(components, show_bar=False).run([str(news)])
    return components, news


def test_packaged_model_is_normalised_minilm() -> None:
    vec = MiniLMEmbedder().embed_query("offline embeddings")
    assert len(vec) == 384 and math.isclose(math.sqrt(sum(v * v for v in vec)), 1.0, rel_tol=1e-4)


def test_verbatim_quote_is_rank_one(real: tuple[Components, Path]) -> None:
    components, _ = real
    hits = components.retriever.search('Who said "we cannot borrow our way out of a hole"?', k=5)
    assert "borrow our way out" in hits[0].text and hits[0].verbatim == 1.0


def test_surname_finds_full_name_passage(real: tuple[Components, Path]) -> None:
    components, _ = real
    hits = components.retriever.search("Okoye", k=3)
    assert "Samuel Okoye" in hits[0].text


def test_date_filter_excludes_older_articles(real: tuple[Components, Path]) -> None:
    components, _ = real
    hits = components.retriever.search("city treasurer accounts", k=10, filters=Filters(date_from="2025-01-01"))
    assert hits and all("newport" in h.source for h in hits)
    hits = components.retriever.search("city treasurer accounts", k=10, filters=Filters(date_to="2025-01-01"))
    assert hits and all("oldtown" in h.source for h in hits)


def test_source_filter(real: tuple[Components, Path]) -> None:
    components, news = real
    source = str((news / "2024-05-01_oldtown.txt").resolve())
    hits = components.retriever.search("classrooms interest", k=5, filters=Filters(sources=[source]))
    assert hits and {h.source for h in hits} == {source}


def test_no_duplicate_passages(real: tuple[Components, Path]) -> None:
    components, _ = real
    hits = components.retriever.search("council report figures district", k=10)
    assert len({h.key for h in hits}) == len(hits)


def test_updated_and_pruned_text_never_returned(tmp_path: Path) -> None:
    components = make_components(tmp_path, embedder="minilm")
    news = tmp_path / "news"
    a = write(news / "a.txt", _article("Westbury", "Nora Quist", "The zebra crossing budget is frozen"))
    write(news / "b.txt", _article("Eastbury", "Omar Said", "Pavements come first this year"))
    Ingestor(components, show_bar=False).run([str(news)])
    assert "zebra crossing" in components.retriever.search('"zebra crossing budget"', k=1)[0].text

    write(a, _article("Westbury", "Nora Quist", "The pelican crossing budget is frozen"))
    Ingestor(components, show_bar=False).run([str(news)])
    assert not any("zebra" in h.text for h in components.retriever.search("zebra crossing budget", k=20))
    assert components.keyword_index.search("zebra", 20) == []

    a.unlink()
    Ingestor(components, show_bar=False).run([str(news)], prune=True)
    assert components.keyword_index.search("pelican", 20) == []
    assert not any("Westbury" in h.text for h in components.retriever.search("Westbury pelican", k=20))


def test_quote_across_a_chunk_border_pulls_in_the_neighbour(tmp_path: Path) -> None:
    components = make_components(tmp_path, embedder="minilm", chunk_chars=200)
    first = "The committee met for six hours on Thursday and heard from eleven witnesses about the port."
    second = "Afterwards the chairwoman told reporters that the harbour dredging plan would be put to a vote."
    text = "Port hearing\n\n" + first + " " + second + "\n"
    write(tmp_path / "a.txt", text)
    Ingestor(components, show_bar=False).run([str(tmp_path / "a.txt")])
    assert components.catalog.passage_count() >= 2
    hits = components.retriever.search(
        'Who said "eleven witnesses about the port. Afterwards the chairwoman told reporters"?', k=1)
    texts = " ".join(h.text for h in hits)
    assert "eleven witnesses" in texts and "chairwoman told reporters" in texts
    assert any(h.neighbor_of is not None for h in hits)


def test_near_duplicate_passages_are_returned_once(tmp_path: Path) -> None:
    components = make_components(tmp_path, embedder="minilm")
    body = "Tram plan\n\nThe council approved the tram plan after a long night of debate about the budget.\n"
    write(tmp_path / "news" / "a.txt", body)
    write(tmp_path / "news" / "copy-of-a.txt", body.replace("long night", "long night"))
    Ingestor(components, show_bar=False).run([str(tmp_path / "news")])
    hits = components.retriever.search("council approved the tram plan", k=5)
    assert sum("approved the tram plan" in h.text for h in hits) == 1
