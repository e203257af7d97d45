"""The one place that builds the system's components from settings.

Components are created lazily so that, e.g., listing articles never loads
the embedding model, and the app can cache one ``Components`` per store.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

import core.offline  # noqa: F401
from core.settings import Settings

if TYPE_CHECKING:
    from langchain_classic.indexes import SQLRecordManager
    from langchain_core.embeddings import Embeddings

    from vectorstore.catalog import Catalog
    from vectorstore.chroma_store import ChromaStore
    from vectorstore.keyword_index import KeywordIndex
    from vectorstore.retriever import HybridRetriever


@dataclass
class Components:
    settings: Settings = field(default_factory=Settings)

    @cached_property
    def embedder(self) -> Embeddings:
        from vectorstore.embedder import make_embedder

        return make_embedder(self.settings.embedder, self.settings.embed_batch_size)

    @cached_property
    def store(self) -> ChromaStore:
        from vectorstore.chroma_store import ChromaStore, make_client

        s = self.settings
        client = make_client(s.data_dir, s.chroma_host, s.chroma_port)
        return ChromaStore(client, s.collection, self.embedder)

    @cached_property
    def catalog(self) -> Catalog:
        from vectorstore.catalog import Catalog

        return Catalog(self.settings.data_dir / "catalog.sqlite")

    @cached_property
    def record_manager(self) -> SQLRecordManager:
        from langchain_classic.indexes import SQLRecordManager

        self.settings.data_dir.mkdir(parents=True, exist_ok=True)
        db = self.settings.data_dir / "record_manager.sqlite"
        manager = SQLRecordManager(f"chroma/{self.settings.collection}", db_url=f"sqlite:///{db}")
        manager.create_schema()
        return manager

    @cached_property
    def keyword_index(self) -> KeywordIndex:
        from vectorstore.keyword_index import KeywordIndex

        return KeywordIndex(self.catalog, self.settings.data_dir / "bm25")

    @cached_property
    def retriever(self) -> HybridRetriever:
        from vectorstore.retriever import HybridRetriever

        return HybridRetriever(self.store, self.catalog, self.keyword_index, self.embedder)
