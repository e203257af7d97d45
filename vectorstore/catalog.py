"""The catalog: articles, passages and quotes in SQLite, the store's source of truth for text.

Chroma holds vectors; the catalog holds what the UI and the answerer need to
show and verify: whole article text (to highlight a passage in place),
passage offsets, and the speaker–quote index. A generation counter bumps on
every change so the keyword index knows when to rebuild.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ingest.types import Article, Passage, Quote

_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    source TEXT PRIMARY KEY, title TEXT, author TEXT, date TEXT, url TEXT,
    text TEXT, content_hash TEXT, passages INTEGER, ingested_at REAL
);
CREATE TABLE IF NOT EXISTS passages (
    source TEXT, idx INTEGER, start INTEGER, "end" INTEGER, text TEXT,
    PRIMARY KEY (source, idx)
);
CREATE TABLE IF NOT EXISTS quotes (
    id INTEGER PRIMARY KEY AUTOINCREMENT, source TEXT, speaker TEXT, role TEXT, text TEXT, cue TEXT,
    kind TEXT, mention TEXT, start INTEGER, "end" INTEGER, sentence_start INTEGER, sentence_end INTEGER
);
CREATE INDEX IF NOT EXISTS quotes_source ON quotes(source);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker COLLATE NOCASE);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
"""


# columns in StoredQuote's field order
_QUOTE_SELECT = (
    'SELECT speaker, text, start, "end", sentence_start, sentence_end, role, cue, kind, mention, source FROM quotes'
)


@dataclass
class ArticleInfo:
    source: str
    title: str
    author: str
    date: str
    url: str
    passages: int
    content_hash: str


@dataclass
class StoredQuote(Quote):
    source: str = ""


class Catalog:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._db = sqlite3.connect(str(path), check_same_thread=False, timeout=30)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(_SCHEMA)

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with self._db:
            yield self._db
            self._db.execute(
                "INSERT INTO meta(key, value) VALUES('generation', '1') "
                "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"
            )

    # -- writes -------------------------------------------------------------
    def put_article(
        self, article: Article, content_hash: str, passages: list[Passage], quotes: Iterable[Quote]
    ) -> None:
        with self.transaction() as db:
            self._delete(db, article.source)
            db.execute(
                "INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?)",
                (
                    article.source, article.title, article.author, article.date, article.url,
                    article.text, content_hash, len(passages), time.time(),
                ),
            )
            db.executemany(
                "INSERT INTO passages VALUES (?,?,?,?,?)",
                [(p.source, p.index, p.start, p.end, p.text) for p in passages],
            )
            db.executemany(
                "INSERT INTO quotes(source, speaker, role, text, cue, kind, mention, start, \"end\", "
                "sentence_start, sentence_end) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                [
                    (article.source, q.speaker, q.role, q.text, q.cue, q.kind, q.mention, q.start, q.end,
                     q.sentence_start, q.sentence_end)
                    for q in quotes
                ],
            )

    def delete_article(self, source: str) -> None:
        with self.transaction() as db:
            self._delete(db, source)

    @staticmethod
    def _delete(db: sqlite3.Connection, source: str) -> None:
        for table in ("articles", "passages", "quotes"):
            db.execute(f"DELETE FROM {table} WHERE source = ?", (source,))

    # -- reads --------------------------------------------------------------
    def generation(self) -> int:
        row = self._db.execute("SELECT value FROM meta WHERE key='generation'").fetchone()
        return int(row[0]) if row else 0

    def hashes(self) -> dict[str, str]:
        return dict(self._db.execute("SELECT source, content_hash FROM articles"))

    def articles(self) -> list[ArticleInfo]:
        rows = self._db.execute(
            "SELECT source, title, author, date, url, passages, content_hash FROM articles ORDER BY date DESC, title"
        )
        return [ArticleInfo(*r) for r in rows]

    def article(self, source: str) -> Article | None:
        row = self._db.execute(
            "SELECT source, title, text, author, date, url FROM articles WHERE source = ?", (source,)
        ).fetchone()
        return Article(*row) if row else None

    def article_count(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]

    def passage_count(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM passages").fetchone()[0]

    def all_passages(self) -> list[Passage]:
        rows = self._db.execute('SELECT source, idx, start, "end", text FROM passages ORDER BY source, idx')
        return [Passage(*r) for r in rows]

    def passage(self, source: str, index: int) -> Passage | None:
        row = self._db.execute(
            'SELECT source, idx, start, "end", text FROM passages WHERE source = ? AND idx = ?', (source, index)
        ).fetchone()
        return Passage(*row) if row else None

    def passages_of(self, source: str) -> list[Passage]:
        rows = self._db.execute(
            'SELECT source, idx, start, "end", text FROM passages WHERE source = ? ORDER BY idx', (source,)
        )
        return [Passage(*r) for r in rows]

    def find_quotes(self, speaker: str = "", text: str = "", limit: int = 50) -> list[StoredQuote]:
        """The speaker–quote index by speaker (full name or any part of it) and/or by words of the quote."""
        sql = f"{_QUOTE_SELECT} WHERE 1=1"
        params: list[object] = []
        if speaker:
            sql += " AND (speaker = ? COLLATE NOCASE OR ' ' || speaker || ' ' LIKE ?)"
            params += [speaker, f"% {speaker} %"]
        if text:
            sql += " AND text LIKE ?"
            params.append(f"%{text}%")
        sql += " ORDER BY source, start LIMIT ?"
        params.append(limit)
        return [StoredQuote(*r) for r in self._db.execute(sql, params)]

    def quotes(self, sources: Iterable[str] | None = None) -> list[StoredQuote]:
        sql = _QUOTE_SELECT
        params: tuple = ()
        if sources is not None:
            srcs = list(sources)
            sql += f" WHERE source IN ({','.join('?' * len(srcs))})"
            params = tuple(srcs)
        sql += " ORDER BY source, start"
        return [StoredQuote(*r) for r in self._db.execute(sql, params)]
