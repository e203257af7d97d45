"""``python -m qa ask|chat|eval`` — the command line other tools drive."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import core.offline  # noqa: F401


def _components(store: str | None):
    from core.components import Components
    from core.settings import load_settings

    return Components(load_settings(data_dir=store))


def _filters(args: argparse.Namespace):
    from vectorstore.retriever import Filters

    return Filters(sources=args.source or None, date_from=args.date_from, date_to=args.date_to)


def cmd_ask(args: argparse.Namespace) -> int:
    from qa.assistant import Assistant

    assistant = Assistant(_components(args.store))
    if args.question:
        answer = assistant.ask(" ".join(args.question), filters=_filters(args), k=args.k)
        print(json.dumps(answer.to_dict(), ensure_ascii=False) if args.json else _pretty(answer))
        return 0
    if not args.json:
        print("error: give a QUESTION, or --json to read JSON lines from stdin", file=sys.stderr)
        return 2
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            request = json.loads(line)
            answer = assistant.ask(request["question"], request.get("history", []), filters=_filters(args), k=args.k)
            print(json.dumps(answer.to_dict(), ensure_ascii=False), flush=True)
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            print(json.dumps({"error": f"bad request line: {exc}"}), flush=True)
    return 0


def _pretty(answer) -> str:
    lines = [answer.answer, ""]
    for c in answer.citations:
        lines.append(f"[{c.n}] {c.title} ({c.date or 'no date'}) — {c.source}")
        lines.append(f"    “{c.quote}”")
    return "\n".join(lines).rstrip()


def cmd_chat(args: argparse.Namespace) -> int:
    from qa.assistant import Assistant

    assistant = Assistant(_components(args.store))
    history: list[dict] = []
    print("Ask about your articles (empty line or Ctrl-D to quit).")
    while True:
        try:
            question = input("> ").strip()
        except EOFError:
            break
        if not question:
            break
        answer = assistant.ask(question, history, filters=_filters(args), k=args.k)
        print(_pretty(answer) + "\n")
        history += [{"role": "user", "content": question}, {"role": "assistant", "content": answer.answer}]
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from qa.assistant import Assistant
    from qa.evaluation import evaluate, load_cases

    components = _components(args.store)
    if args.ingest:
        from ingest.pipeline import Ingestor

        print(Ingestor(components, show_bar=False).run(args.ingest).to_text().splitlines()[0], file=sys.stderr)
    scores = evaluate(Assistant(components), load_cases(Path(args.file)), k=args.k)
    if args.verbose:
        for r in scores.results:
            status = {True: "ok ", False: "BAD", None: "ok " if r.refused_ok else "BAD"}[r.correct]
            print(f"{status} {r.id} [{r.kind}] rank={r.rank} :: {r.answer[:300]!r}")
    print(json.dumps(scores.summary(), indent=1))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m qa")
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("ask", "chat", "eval"):
        p = sub.add_parser(name)
        p.add_argument("--store", help="data folder (default ./data or NEWSQA_DATA_DIR)")
        p.add_argument("--k", type=int, default=None, help="passages to retrieve")
        p.add_argument("--source", action="append", help="only this article (repeatable)")
        p.add_argument("--date-from", help="only articles dated on/after YYYY-MM-DD")
        p.add_argument("--date-to", help="only articles dated on/before YYYY-MM-DD")
        if name == "ask":
            p.add_argument("--json", action="store_true")
            p.add_argument("question", nargs="*")
        if name == "eval":
            p.add_argument("file")
            p.add_argument("--ingest", nargs="+", help="ingest these paths first (skips unchanged)")
            p.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)

    from core.settings import SettingsError
    from ingest.lock import StoreBusy
    from vectorstore.chroma_store import StoreError

    try:
        return {"ask": cmd_ask, "chat": cmd_chat, "eval": cmd_eval}[args.command](args)
    except (SettingsError, StoreError, StoreBusy, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
