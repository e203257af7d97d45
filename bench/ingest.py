"""Ingest benchmark: ``python -m bench.ingest ../shared/corpus [--store DIR]``.

Prints ingest throughput (passages/s) beside raw ``SentenceTransformer.encode``
throughput on the same passages in the same run, and the time of a second,
unchanged re-ingest against the first.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

import core.offline  # noqa: F401
from core.components import Components
from core.settings import Settings
from ingest.loaders import discover, load
from ingest.pipeline import Ingestor
from ingest.splitter import split_article
from vectorstore.embedder import load_minilm


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("inputs", nargs="+")
    parser.add_argument("--store", help="store folder (default: a fresh temp dir, removed afterwards)")
    args = parser.parse_args()
    store = Path(args.store) if args.store else Path(tempfile.mkdtemp(prefix="bench-ingest-"))
    shutil.rmtree(store, ignore_errors=True)
    settings = Settings(data_dir=store)

    sources, _ = discover(args.inputs)
    texts = [p.text for s in sources for p in split_article(load(s), settings.chunk_chars)]
    model = load_minilm()
    model.encode(texts[:8], batch_size=settings.embed_batch_size)  # warm-up
    t = time.perf_counter()
    model.encode(texts, batch_size=settings.embed_batch_size, normalize_embeddings=True)
    raw_s = time.perf_counter() - t
    raw_rate = len(texts) / raw_s

    components = Components(settings)
    _ = components.embedder, components.store, components.record_manager
    first = Ingestor(components, show_bar=False).run(args.inputs)
    second = Ingestor(components, show_bar=False).run(args.inputs)
    rate = first.passages / first.seconds

    print(f"articles: {len(sources)}  passages: {len(texts)}")
    print(f"raw encode:       {raw_s:8.2f} s  {raw_rate:7.1f} passages/s")
    print(f"first ingest:     {first.seconds:8.2f} s  {rate:7.1f} passages/s  (ratio {rate / raw_rate:.2f}, target >= 0.9)")
    print(f"unchanged re-run: {second.seconds:8.3f} s  ({first.seconds / second.seconds:.0f}x faster, target >= 50x; "
          f"unchanged={len(second.unchanged)})")
    if not args.store:
        shutil.rmtree(store, ignore_errors=True)


if __name__ == "__main__":
    main()
