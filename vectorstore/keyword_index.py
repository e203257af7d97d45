"""BM25 over every passage in the catalog, kept in step with the store.

Persisted, not rebuilt at each start: the index is saved next to the store
with the catalog generation it was built from, loaded in milliseconds when
the generation still matches, and rebuilt (seconds at 100k passages) only
after an ingest, update or prune changed the catalog. Old text can therefore
never be returned after an update: a stale index is never used.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
from pathlib import Path

import bm25s
import numpy as np

from vectorstore.catalog import Catalog
from vectorstore.textnorm import keyword_tokens


class KeywordIndex:
    def __init__(self, catalog: Catalog, folder: Path) -> None:
        self.catalog = catalog
        self.folder = folder
        self._lock = threading.Lock()
        self._generation = -1
        self._bm25: bm25s.BM25 | None = None
        self.keys: list[tuple[str, int]] = []
        self._position: dict[tuple[str, int], int] = {}

    def _fresh(self) -> None:
        generation = self.catalog.generation()
        if generation == self._generation:
            return
        with self._lock:
            if generation == self._generation:
                return
            if not self._load(generation):
                self._build(generation)
            self._position = {k: i for i, k in enumerate(self.keys)}
            self._generation = generation

    def _load(self, generation: int) -> bool:
        meta = self.folder / "keys.json"
        if not meta.exists():
            return False
        try:
            data = json.loads(meta.read_text())
            if data.get("generation") != generation:
                return False
            self.keys = [tuple(k) for k in data["keys"]]  # type: ignore[misc]
            self._bm25 = bm25s.BM25.load(str(self.folder), show_progress=False) if self.keys else None
            return True
        except Exception:
            return False

    def _build(self, generation: int) -> None:
        passages = self.catalog.all_passages()
        self.keys = [(p.source, p.index) for p in passages]
        self._bm25 = None
        if passages:
            self._bm25 = bm25s.BM25()
            self._bm25.index([keyword_tokens(p.text) or ["_"] for p in passages], show_progress=False)
        tmp = self.folder.with_name(f"{self.folder.name}.{os.getpid()}.tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        if self._bm25 is not None:
            self._bm25.save(str(tmp), show_progress=False)
        (tmp / "keys.json").write_text(json.dumps({"generation": generation, "keys": self.keys}))
        shutil.rmtree(self.folder, ignore_errors=True)
        tmp.rename(self.folder)

    def __len__(self) -> int:
        self._fresh()
        return len(self.keys)

    def position(self, key: tuple[str, int]) -> int | None:
        self._fresh()
        return self._position.get(key)

    def search(self, query: str, k: int, mask: np.ndarray | None = None) -> list[tuple[tuple[str, int], float]]:
        """Top-k passages as ((source, index), score); ``mask`` is 1 for allowed passages."""
        self._fresh()
        tokens = keyword_tokens(query)
        if self._bm25 is None or not tokens:
            return []
        scores = self._bm25.get_scores(tokens, weight_mask=mask)
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top])]
        return [(self.keys[i], float(scores[i])) for i in top if scores[i] > 0]
