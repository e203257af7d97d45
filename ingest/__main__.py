"""``python -m ingest [--store DIR] [--prune] [--json] PATH_OR_URL...``"""

from __future__ import annotations

import argparse
import sys

import core.offline  # noqa: F401


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ingest", description="Ingest news articles into the store.")
    parser.add_argument("inputs", nargs="+", metavar="PATH_OR_URL", help="files, folders (recursive) or http(s) URLs")
    parser.add_argument("--store", help="data folder (default: ./data or NEWSQA_DATA_DIR)")
    parser.add_argument("--prune", action="store_true", help="delete stored articles no longer under the given paths")
    parser.add_argument("--json", action="store_true", help="print exactly one JSON report object on stdout")
    args = parser.parse_args(argv)

    from core.components import Components
    from core.settings import SettingsError, load_settings
    from ingest.lock import StoreBusy
    from ingest.pipeline import Ingestor
    from vectorstore.chroma_store import StoreError

    try:
        components = Components(load_settings(data_dir=args.store))
        report = Ingestor(components, show_bar=sys.stdout.isatty() and not args.json).run(args.inputs, args.prune)
    except (SettingsError, StoreBusy, StoreError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
    print(report.to_json() if args.json else report.to_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
