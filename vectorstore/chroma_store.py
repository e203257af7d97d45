"""The Chroma side: an embedded persistent client by default, a server when configured."""

from __future__ import annotations

from pathlib import Path

import core.offline  # noqa: F401
import chromadb
from chromadb.config import Settings as ChromaSettings
from langchain_chroma import Chroma
from langchain_core.embeddings import Embeddings


def date_key(date: str) -> int:
    """An article date as the integer Chroma can range-filter (YYYYMMDD); 0 when unknown."""
    digits = date.strip()[:10].replace("-", "")
    return int(digits) if len(digits) == 8 and digits.isdigit() else 0


class StoreError(RuntimeError):
    """The store cannot be opened; the message says what to do."""


def make_client(data_dir: Path, host: str | None, port: int) -> chromadb.ClientAPI:
    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if host:
        try:
            client = chromadb.HttpClient(host=host, port=port, settings=chroma_settings)
            client.heartbeat()
        except Exception as exc:  # connection refused, DNS, TLS...
            raise StoreError(
                f"cannot reach the Chroma server at {host}:{port} ({type(exc).__name__}); "
                "start it (`chroma run --path DIR --port PORT`) or unset NEWSQA_CHROMA_HOST to use the embedded store"
            ) from None
        return client
    path = data_dir / "chroma"
    try:
        path.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(path), settings=chroma_settings)
    except Exception as exc:
        raise StoreError(f"cannot open the Chroma store in {path}: {exc}") from None


class ChromaStore:
    """Owns the collection; exposes the LangChain vector store for the indexing API."""

    def __init__(self, client: chromadb.ClientAPI, name: str, embedder: Embeddings) -> None:
        self.client = client
        self.embedder = embedder
        self.collection = client.get_or_create_collection(name=name, metadata={"hnsw:space": "cosine"})
        self.langchain = Chroma(client=client, collection_name=name, embedding_function=embedder)

    def count(self) -> int:
        return self.collection.count()

    def query(self, vector: list[float], k: int, where: dict | None = None) -> list[tuple[dict, float]]:
        """Nearest passages as (metadata, cosine similarity)."""
        n = min(k, self.count())
        if n == 0:
            return []
        res = self.collection.query(
            query_embeddings=[vector], n_results=n, where=where or None, include=["metadatas", "distances"]
        )
        metas = res["metadatas"][0] if res["metadatas"] else []
        dists = res["distances"][0] if res["distances"] else []
        return [(dict(m), 1.0 - float(d)) for m, d in zip(metas, dists, strict=False)]

    def delete(self, ids: list[str]) -> None:
        for i in range(0, len(ids), 5000):
            self.collection.delete(ids=ids[i : i + 5000])
