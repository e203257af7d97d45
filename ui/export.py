"""The conversation as a Markdown file with its sources, so an answer can be shared with its proof."""

from __future__ import annotations

import datetime as dt
from typing import Any

from qa.types import Answer


def conversation_markdown(messages: list[dict[str, Any]], now: dt.datetime | None = None) -> str:
    """Questions, answers with their ``[n]`` markers, and under each answer the cited passages and sentences."""
    now = now or dt.datetime.now()
    lines = ["# News QA conversation", "", f"_Exported {now:%Y-%m-%d %H:%M}_", ""]
    for m in messages:
        if m["role"] == "user":
            lines += [f"**You:** {m['content']}", ""]
            continue
        answer: Answer | None = m.get("answer")
        lines += [f"**Assistant:** {m['content']}", ""]
        if answer is None or not answer.answerable or not answer.citations:
            continue
        lines += ["Sources:", ""]
        for c in answer.citations:
            where = c.url or c.source
            date = f" ({c.date})" if c.date else ""
            lines.append(f"{c.n}. {c.title or where}{date} — {where}")
            quote = " ".join((c.quote or c.text).split())
            lines.append(f"   > {quote}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
