"""Retrieval and answer latency at 1k / 10k / 100k passages: ``python -m bench.scale ../shared/corpus``.

Larger stores are synthesised from the real corpus: each copy of an article
swaps about one word in eight for another word of the same length (offsets,
sentences and quotes stay valid) and gets its passages' real MiniLM vectors
plus a little noise, so that Chroma's HNSW graph, BM25 and the catalog are
exercised at full size without hours of embedding.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import shutil
import statistics
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

import core.offline  # noqa: F401
from core.components import Components
from core.settings import Settings
from ingest.pipeline import Ingestor
from ingest.splitter import split_article
from ingest.types import Article, Quote
from qa.assistant import Assistant
from vectorstore.chroma_store import date_key


def perturb(text: str, rng: random.Random, by_len: dict[int, list[str]]) -> str:
    def swap(m: re.Match) -> str:
        w = m.group(0)
        pool = by_len.get(len(w))
        return rng.choice(pool) if pool and rng.random() < 0.125 and w.islower() else w

    return re.sub(r"[a-z]{3,}", swap, text)


def build(store: Path, seed_store: Components, target: int) -> tuple[Components, float]:
    c = Components(Settings(data_dir=store))
    t = time.perf_counter()
    articles = [seed_store.catalog.article(a.source) for a in seed_store.catalog.articles()]
    vectors = seed_store.store.collection.get(include=["embeddings", "metadatas"])
    real: dict[tuple[str, int], np.ndarray] = {
        (m["source"], m["passage"]): np.asarray(e) for e, m in zip(vectors["embeddings"], vectors["metadatas"], strict=False)
    }
    quotes = defaultdict(list)
    for q in seed_store.catalog.quotes():
        quotes[q.source].append(q)
    vocab = {w for a in articles for w in re.findall(r"[a-z]{3,}", a.text)}
    by_len: dict[int, list[str]] = defaultdict(list)
    for w in sorted(vocab):
        by_len[len(w)].append(w)
    rng = random.Random(7)
    total, copy = 0, 0
    ids, embs, metas, docs = [], [], [], []

    def flush() -> None:
        if ids:
            c.store.collection.add(ids=list(ids), embeddings=list(embs), metadatas=list(metas), documents=list(docs))
            ids.clear(), embs.clear(), metas.clear(), docs.clear()

    while total < target:
        for a in articles:
            if total >= target:
                break
            text = a.text if copy == 0 else perturb(a.text, rng, by_len)
            art = Article(f"{a.source}#copy{copy}", a.title if copy == 0 else f"{a.title} ({copy})", text,
                          a.author, a.date, a.url)
            passages = split_article(art, c.settings.chunk_chars)[: max(1, target - total)]
            qs = [Quote(q.speaker, text[q.start:q.end], q.start, q.end, q.sentence_start, q.sentence_end,
                        q.role, q.cue, q.kind, q.mention) for q in quotes[a.source]]
            c.catalog.put_article(art, f"synthetic-{copy}", passages, qs)
            for p in passages:
                base = real.get((a.source, p.index))
                if base is None:
                    base = next(iter(real.values()))
                v = base + np.random.default_rng(total).normal(0, 0.02, base.shape)
                ids.append(f"{art.source}:{p.index}")
                embs.append((v / np.linalg.norm(v)).tolist())
                metas.append({"source": art.source, "title": art.title, "date": art.date, "author": art.author,
                              "date_int": date_key(art.date), "passage": p.index, "start": p.start, "end": p.end})
                docs.append(p.text)
                total += 1
                if len(ids) >= 5000:
                    flush()
        copy += 1
    flush()
    len(c.keyword_index)  # build BM25 now, not inside the first timed query
    return c, time.perf_counter() - t


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(values, q))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", nargs="+")
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--queries", type=int, default=60)
    parser.add_argument("--eval", default=str(Path(__file__).resolve().parents[2] / "shared/eval/polnear-train.jsonl"))
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="bench-scale-"))
    seed = Components(Settings(data_dir=root / "seed"))
    Ingestor(seed, show_bar=False).run(args.corpus)
    questions = [json.loads(line)["question"] for line in Path(args.eval).read_text().splitlines() if line.strip()] \
        if Path(args.eval).exists() else []
    questions += ["What did Clinton say about Sanders?", "Which sectors did the cooperation deals cover?",
                  "Who is Paul Ryan?", "How many delegates did Clinton win?", "What did Trump say about the press?"]
    questions = (questions * 3)[: args.queries]
    print(f"{'passages':>9} {'build s':>8} {'retr p50':>9} {'retr p95':>9} {'ask p50':>8} {'ask p95':>8} {'RSS MB':>7}")
    for size in [int(s) for s in args.sizes.split(",")]:
        c, build_s = build(root / f"s{size}", seed, size)
        assistant = Assistant(c)
        assistant.ask(questions[0])  # warm: model loaded, BM25 loaded, caches filled
        retr, ask = [], []
        for q in questions:
            t = time.perf_counter()
            c.retriever.search(q, 5)
            retr.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            assistant.ask(q)
            ask.append((time.perf_counter() - t) * 1000)
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{c.catalog.passage_count():>9} {build_s:>8.1f} {statistics.median(retr):>9.1f} "
              f"{percentile(retr, 95):>9.1f} {statistics.median(ask):>8.1f} {percentile(ask, 95):>8.1f} {rss:>7.0f}",
              flush=True)
    shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
