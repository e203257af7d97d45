"""Quote-attribution accuracy: ``python -m bench.quotes_eval [--shared ../shared] [-v]``.

For every labelled (speaker, quote fragment) pair of the polnear eval file the
fragment is located in its article (whitespace-normalised, case-insensitive)
and counted as correct when an extracted quote covering that position (its
text span, widened by the quote marks, or its sentence span) names the
expected speaker: the speaker contains the label, or their last names match.
"lenient" also accepts the label inside the quote's role ("Clinton campaign
chairman" for John Podesta), since some labels name the employer. The seed
pairs check the China-Russia article. Only figures are printed (with ``-v``
the failing labels' speakers, never article text).
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from ingest.quotes import extract_quotes
from ingest.types import Quote

SEED_FILE = "china-russia-joint-statement.txt"
SEED_PAIRS = [
    ("Wu Enyuan", "Russia understands our core interests"),
    ("Wu Enyuan", "China's support also provides timely help"),
    ("Wu Enyuan", "it is meaningless to discuss"),
    ("Wang Haiyun", "reached a wide consensus"),
    ("Xia Yishan", "Political cooperation between the two countries is good"),
    ("Xia Yishan", "has just begun"),
    ("Xia Yishan", "oil refining"),
]
SEED_ROLE = ("Wu Enyuan", "a research fellow at the Chinese Academy of Social Sciences")


def _normalise(text: str) -> tuple[str, list[int]]:
    """Lower-cased text with whitespace runs collapsed, plus a map back to original offsets."""
    out: list[str] = []
    index: list[int] = []
    prev_space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            if prev_space:
                continue
            out.append(" ")
            prev_space = True
        else:
            out.append(ch.lower())
            prev_space = False
        index.append(i)
    return "".join(out), index


def locate(text: str, fragment: str) -> int:
    """Offset of ``fragment`` in ``text`` or -1; tries shorter prefixes for truncated labels."""
    norm, index = _normalise(text)
    frag = re.sub(r"\s+", " ", fragment).strip().lower()
    for size in (len(frag), 60, 40, 25):
        pos = norm.find(frag[:size])
        if pos >= 0:
            return index[pos]
    return -1


def _last(name: str) -> str:
    words = re.findall(r"[\w'’-]+", name.lower())
    return words[-1] if words else ""


def matches(expected: str, quote: Quote, lenient: bool) -> bool:
    exp, got = expected.lower(), quote.speaker.lower()
    if exp in got or (_last(exp) and _last(exp) == _last(got)):
        return True
    return lenient and exp in quote.role.lower()


def covering(quotes: list[Quote], pos: int) -> list[Quote]:
    return [q for q in quotes if q.start - 2 <= pos < q.end or q.sentence_start <= pos < q.sentence_end]


def check(quotes: list[Quote], pos: int, speaker: str, lenient: bool) -> bool:
    return pos >= 0 and any(matches(speaker, q, lenient) for q in covering(quotes, pos))


def polnear(shared: Path, verbose: bool) -> None:
    corpus = shared / "corpus" / "polnear-train"
    rows = [json.loads(line) for line in (shared / "eval" / "polnear-train.jsonl").open()]
    cache: dict[str, tuple[str, list[Quote]]] = {}
    total = strict = lenient = missing = 0
    for row in rows:
        files = sorted(corpus.glob(row["article"] + "*.txt"))
        if not files:
            continue
        key = str(files[0])
        if key not in cache:
            text = files[0].read_text(encoding="utf-8")
            cache[key] = (text, extract_quotes(text))
        text, quotes = cache[key]
        for pair in row.get("speakers", []):
            total += 1
            pos = locate(text, pair["quote"])
            missing += pos < 0
            ok_s = check(quotes, pos, pair["speaker"], False)
            ok_l = check(quotes, pos, pair["speaker"], True)
            strict += ok_s
            lenient += ok_l
            if verbose and not ok_s:
                got = sorted({q.speaker for q in covering(quotes, pos)}) if pos >= 0 else ["<not found>"]
                print(f"  miss: expected {pair['speaker']!r} got {got} ({files[0].stem[:40]})")
    n_quotes = sum(len(q) for _, q in cache.values())
    print(f"polnear: pairs={total} located={total - missing} strict={strict / max(total, 1):.3f} "
          f"lenient={lenient / max(total, 1):.3f} quotes_extracted={n_quotes} articles={len(cache)}")


def seed(shared: Path) -> None:
    path = shared / "corpus" / SEED_FILE
    if not path.exists():
        print("seed: file missing")
        return
    text = path.read_text(encoding="utf-8")
    quotes = extract_quotes(text)
    hits = sum(check(quotes, locate(text, frag), who, False) for who, frag in SEED_PAIRS)
    role_ok = any(q.speaker == SEED_ROLE[0] and q.role == SEED_ROLE[1] for q in quotes)
    print(f"seed: pairs={len(SEED_PAIRS)} correct={hits} accuracy={hits / len(SEED_PAIRS):.3f} "
          f"role_ok={role_ok}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared"))
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    shared = Path(args.shared)
    polnear(shared, args.verbose)
    seed(shared)


if __name__ == "__main__":
    main()
