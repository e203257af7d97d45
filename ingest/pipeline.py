"""Ingest: load → clean → split → extract quotes → index → report.

Change detection is per article (a content hash in the catalog), so an
unchanged article costs one file read and no embedding. Vectors go through
LangChain's indexing API with a SQL record manager, which never writes a
duplicate and replaces a changed article's old passages. Work is committed
in batches: an interrupted run resumes where it stopped, because finished
articles are in the catalog and finished passages in the record manager.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from langchain_core.documents import Document
from langchain_core.indexing import index
from tqdm import tqdm

from core.components import Components
from ingest.loaders import LoadError, discover, load
from ingest.lock import acquire, store_lock
from ingest.quotes import extract_quotes
from ingest.report import Report
from ingest.splitter import split_article
from ingest.types import Article, Failure, Passage, Quote
from vectorstore.chroma_store import date_key

PIPELINE_VERSION = "4"  # bump when splitting or extraction changes, to re-process every article

ProgressFn = Callable[[int, int, str], None]


def content_hash(article: Article, chunk_chars: int) -> str:
    payload = [PIPELINE_VERSION, chunk_chars, article.title, article.author, article.date, article.url, article.text]
    return hashlib.sha256(json.dumps(payload).encode()).hexdigest()


def to_documents(article: Article, passages: list[Passage]) -> list[Document]:
    meta = {
        "source": article.source,
        "title": article.title,
        "author": article.author,
        "date": article.date,
        "date_int": date_key(article.date),
    }
    return [
        Document(page_content=p.text, metadata={**meta, "passage": p.index, "start": p.start, "end": p.end})
        for p in passages
    ]


@dataclass
class _Pending:
    article: Article
    digest: str
    passages: list[Passage]
    quotes: list[Quote]
    is_new: bool


@dataclass
class Ingestor:
    components: Components
    progress: ProgressFn | None = None
    show_bar: bool = field(default_factory=lambda: sys.stdout.isatty())

    def run(self, inputs: Iterable[str], prune: bool = False) -> Report:
        settings = self.components.settings
        lock = store_lock(settings.data_dir, settings.lock_timeout)
        acquire(lock, settings.lock_timeout)
        try:
            return self._run(list(inputs), prune)
        finally:
            lock.release()

    def _run(self, inputs: list[str], prune: bool) -> Report:
        started = time.perf_counter()
        report = Report()
        sources, failures = discover(inputs)
        report.failed.extend(failures)
        known = self.components.catalog.hashes()
        pending: list[_Pending] = []
        seen: set[str] = set()
        batch_limit = self.components.settings.index_batch_size
        bar = tqdm(total=len(sources), unit="article", disable=not self.show_bar, file=sys.stdout)
        for done, source in enumerate(sources, 1):
            seen.add(source)
            item = self._prepare(source, known, report)
            if item is not None:
                pending.append(item)
                if sum(len(p.passages) for p in pending) >= batch_limit:
                    self._flush(pending, report)
                    pending = []
            bar.update(1)
            if self.progress:
                self.progress(done, len(sources), source)
        self._flush(pending, report)
        bar.close()
        if prune:
            for source in sorted(known):
                if source not in seen and _under_any(source, inputs):
                    self.delete(source)
                    report.deleted.append(source)
        report.seconds = time.perf_counter() - started
        return report

    def _prepare(self, source: str, known: dict[str, str], report: Report) -> _Pending | None:
        settings = self.components.settings
        try:
            article = load(source, timeout=settings.url_timeout, max_bytes=settings.max_bytes)
        except LoadError as exc:
            report.failed.append(Failure(source, str(exc)))
            return None
        except Exception as exc:  # a loader bug must not stop the run
            report.failed.append(Failure(source, f"unexpected error: {type(exc).__name__}: {exc}"[:300]))
            return None
        digest = content_hash(article, settings.chunk_chars)
        if known.get(source) == digest:
            report.unchanged.append(source)
            return None
        passages = split_article(article, settings.chunk_chars)
        if not passages:
            report.failed.append(Failure(source, "no text left after cleaning"))
            return None
        try:
            quotes = extract_quotes(article.text)
        except Exception:  # attribution is a bonus; the article still gets indexed
            quotes = []
        return _Pending(article, digest, passages, quotes, is_new=source not in known)

    def _flush(self, pending: list[_Pending], report: Report) -> None:
        if not pending:
            return
        c = self.components
        docs = [d for p in pending for d in to_documents(p.article, p.passages)]
        result = index(
            docs,
            c.record_manager,
            c.store.langchain,
            cleanup="incremental",
            source_id_key="source",
            batch_size=c.settings.index_batch_size,
            key_encoder="sha256",
        )
        report.passages += result["num_added"] + result["num_updated"]
        for p in pending:
            c.catalog.put_article(p.article, p.digest, p.passages, p.quotes)
            (report.added if p.is_new else report.updated).append(p.article.source)

    def delete(self, source: str) -> None:
        """Remove an article everywhere: vectors, record-manager keys, catalog."""
        c = self.components
        keys = c.record_manager.list_keys(group_ids=[source])
        if keys:
            c.store.delete(keys)
            c.record_manager.delete_keys(keys)
        c.catalog.delete_article(source)


def _under_any(source: str, inputs: list[str]) -> bool:
    if "://" in source:
        return source in inputs
    for raw in inputs:
        if "://" in raw:
            continue
        root = os.path.realpath(raw)
        if source == root or source.startswith(root.rstrip(os.sep) + os.sep):
            return True
    return False


def delete_article(components: Components, source: str) -> None:
    settings = components.settings
    lock = store_lock(settings.data_dir, settings.lock_timeout)
    acquire(lock, settings.lock_timeout)
    try:
        Ingestor(components, show_bar=False).delete(source)
    finally:
        lock.release()
