"""What an ingest run did, for people (text) and for tools (one JSON object)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from ingest.types import Failure


LIST_LIMIT = 20  # sources listed per category in the text report; failures are always listed in full


@dataclass
class Report:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)
    passages: int = 0  # passages embedded and written in this run
    seconds: float = 0.0

    def to_dict(self) -> dict:
        return {
            "added": len(self.added),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
            "deleted": len(self.deleted),
            "failed": [asdict(f) for f in self.failed],
            "passages": self.passages,
            "seconds": round(self.seconds, 3),
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)

    def to_text(self) -> str:
        lines = [
            f"added {len(self.added)}, updated {len(self.updated)}, unchanged {len(self.unchanged)}, "
            f"deleted {len(self.deleted)}, failed {len(self.failed)} "
            f"({self.passages} passages written in {self.seconds:.1f}s)"
        ]
        for label, items in (("added", self.added), ("updated", self.updated), ("deleted", self.deleted)):
            lines += [f"  {label}: {s}" for s in items[:LIST_LIMIT]]
            if len(items) > LIST_LIMIT:
                lines.append(f"  … and {len(items) - LIST_LIMIT} more {label}")
        lines += [f"  failed: {f.source}: {f.reason}" for f in self.failed]
        return "\n".join(lines)
