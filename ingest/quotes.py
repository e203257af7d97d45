"""Speaker-quote extraction: who said what, with exact offsets.

Rules instead of a model: the assistant must run offline and every answer
cites a passage by offset, so extraction has to be deterministic and keep
``text[q.start:q.end] == q.text``. The pipeline is:

1. find direct-quote spans per paragraph (straight, curly and NYT ``''``
   marks; one level of nested double quotes; quotes left open at a
   paragraph end continue in the next paragraph);
2. attribute each span from the words after it (``"...," said Wu`` /
   ``"...," Wu said``), else before it (``Wu told the Global Times that "..."``);
3. find reported speech (``Xia added that ...``, ``..., the statement said``,
   ``according to X``) in sentences whose speech verb no quote used;
4. resolve surnames and pronouns in document order (``ingest.speakers``) and
   give unattributed quote paragraphs the speaker of the neighbouring quote.

Work per quote and per sentence is bounded by fixed windows, so the whole
pass stays linear in the text length.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ingest.sentences import split_sentences
from ingest.speakers import (
    HONORIFICS,
    PRONOUNS,
    NameRegistry,
    Subject,
    bare,
    subject_after,
    subject_before,
)
from ingest.types import Quote

_WINDOW = 400  # characters of context looked at on either side of a quote
_MAX_REPORTED_SENTENCE = 3000  # longer "sentences" are not prose; skip reported speech there
_MAX_QUOTES = 200_000

_CUE_WORDS = [
    "according to", "put it", "response was", "reply was", "answer was", "statement read",
    "message read", "tweet read", "written", "shot back", "fired back", "pointed out", "points out",
    "went on",
    "said", "says", "say", "saying", "told", "tells", "tell", "telling", "added", "adds", "adding",
    "noted", "notes", "noting", "stressed", "stresses", "stressing", "argued", "argues", "arguing",
    "claimed", "claims", "claiming", "warned", "warns", "warning", "explained", "explains",
    "explaining", "insisted", "insists", "insisting", "wrote", "writes", "writing", "tweeted",
    "tweets", "tweeting", "asked", "asks", "asking", "replied", "replies", "replying", "continued",
    "continues", "declared", "declares", "announced", "announces", "suggested", "suggests",
    "suggesting", "predicted", "predicts", "expects", "expected", "believes", "believed", "called",
    "calls", "calling", "urged", "urges", "urging", "responded", "responds", "acknowledged",
    "acknowledges", "admitted", "admits", "recalled", "recalls", "remarked", "observed", "emphasized",
    "emphasised", "emphasizing", "complained", "complains", "conceded", "concedes", "contended",
    "contends", "maintained", "maintains", "asserted", "asserts", "confirmed", "confirms", "denied",
    "denies", "reported", "reports", "stated", "states", "testified", "joked", "quipped", "boasted",
    "vowed", "vows", "promised", "promises", "posted", "recounted", "concluded", "agreed", "agrees",
    "cautioned", "countered", "lamented", "mused", "scoffed", "yelled", "shouted", "exclaimed",
    "whispered", "pleaded", "demanded", "demands", "thinks", "thought", "hopes", "worries",
    "feared", "fears", "charged", "alleged", "alleges", "accused", "accuses", "described",
    "describes", "wondered", "texted", "emailed", "messaged", "reiterated", "reiterates",
]
_CUE = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in sorted(_CUE_WORDS, key=len, reverse=True))
                  + r")(?![\w-])")
# Verbs whose object is the addressee: the cue phrase runs on to "that".
_TELL_VERBS = {"told", "tells", "tell", "telling", "asked", "asks", "asking", "warned", "warns",
               "urged", "urges", "reminded", "assured", "informed", "accused"}
# Verbs that can introduce a bare reported clause: "Trump said he would ...".
_CLAUSE_VERBS = {
    "said", "says", "say", "added", "adds", "argued", "argues", "claimed", "claims", "warned",
    "warns", "insisted", "insists", "believes", "believed", "noted", "notes", "stressed", "explained",
    "suggested", "suggests", "predicted", "predicts", "expects", "announced", "declared", "wrote",
    "writes", "tweeted", "acknowledged", "admitted", "conceded", "contended", "maintained",
    "asserted", "thinks", "thought", "hopes", "fears", "feared", "reported", "reports", "stated",
    "recalled", "complained", "vowed", "promised", "confirmed", "denied", "countered",
}
# Noun cues whose speaker is the possessor: "Clinton's response was: ...".
_POSSESSIVE_CUES = {"response was", "reply was", "answer was", "statement read", "message read", "tweet read"}
# Verbs that do not take part in "..., said Wu" inversion checks as nouns ("calls", "reports").
_NOUNISH = {"calls", "reports", "states", "claims", "notes", "tells", "promises", "fears", "hopes",
            "demands", "worries", "says", "say", "thought", "expected", "described", "tell", "charged"}

_OPEN, _CLOSE, _EITHER = 1, 2, 3
_MARK = re.compile(r"'''?|[\"“”«»„]")
_OPEN_PREV = set("([{—–-/") | {""}
_CLOSE_NEXT = set(",.;:!?)]}—–-'’…")


@dataclass
class _Piece:
    """One quoted span inside a paragraph; ``chain`` links a quote continued across paragraphs."""

    mark_start: int
    start: int
    end: int
    mark_end: int
    para: int
    closed: bool
    chain: int = -1
    subject: Subject | None = None
    cue: tuple[int, int] | None = None
    att_sent: tuple[int, int] | None = None
    speaker: str = ""
    role: str = ""
    mention: str = ""


@dataclass
class _Reported:
    start: int
    end: int
    subject: Subject
    cue: tuple[int, int]
    sent: tuple[int, int]
    speaker: str = ""
    role: str = ""
    mention: str = ""


class _Doc:
    """The article with its paragraphs, sentences and name registry, built once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.paras = [m.span() for m in re.finditer(r"[^\n]+", text) if m.group().strip()]
        self.para_starts = [p[0] for p in self.paras]
        self.sents = split_sentences(text)
        self.sent_starts = [s[0] for s in self.sents]
        self.registry = NameRegistry.build(text)

    def sent_index(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.sent_starts, pos) - 1)

    def sentence(self, pos: int) -> tuple[int, int]:
        if not self.sents:
            return (0, len(self.text))
        return self.sents[self.sent_index(pos)]

    def para_index(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.para_starts, pos) - 1)


def extract_quotes(text: str) -> list[Quote]:
    """Return the attributed direct and reported quotes of ``text`` in text order."""
    if not text or not text.strip():
        return []
    doc = _Doc(text)
    pieces = _find_pieces(doc)
    used_cues: set[int] = set()
    for piece in pieces:
        _attribute(doc, piece, pieces)
        if piece.cue:
            used_cues.add(piece.cue[0])
    quote_spans = [(p.mark_start, p.mark_end) for p in pieces]
    reported = _find_reported(doc, used_cues, quote_spans)
    _resolve_all(doc, pieces, reported)
    _inherit(doc, pieces, reported)
    return _emit(doc, pieces, reported)


# --------------------------------------------------------------------------- quote marks


def _classify(text: str, i: int, j: int, lo: int, hi: int) -> int:
    """Opening or closing by context ("word" vs. word"), falling back on the glyph."""
    prev = text[i - 1] if i > lo else ""
    nxt = text[j] if j < hi else ""
    opener = (prev == "" or prev.isspace() or prev in _OPEN_PREV) and nxt != "" and not nxt.isspace()
    closer = prev != "" and not prev.isspace() and (nxt == "" or nxt.isspace() or nxt in _CLOSE_NEXT)
    if opener and not closer:
        return _OPEN
    if closer and not opener:
        return _CLOSE
    glyph = text[i]
    if glyph in "“«„":
        return _OPEN
    if glyph in "”»":
        return _CLOSE
    return _EITHER


def _find_pieces(doc: _Doc) -> list[_Piece]:
    """Quote spans of every paragraph; an unclosed quote runs to the paragraph end."""
    text = doc.text
    pieces: list[_Piece] = []
    prev_open_chain = -1
    for pi, (lo, hi) in enumerate(doc.paras):
        stack: list[tuple[int, int]] = []  # (mark_start, mark_end)
        first_mark = True
        continuing = prev_open_chain
        prev_open_chain = -1
        for m in _MARK.finditer(text, lo, hi):
            if len(pieces) >= _MAX_QUOTES:
                return pieces
            i, j = m.span()
            if text[i] == "'" and j - i == 3:  # "'''": a single quote glued to the double one
                kind = _classify(text, i, j, lo, hi)
                i, j = (i, i + 2) if kind == _OPEN else (i + 1, j)
            kind = _classify(text, i, j, lo, hi)
            if kind == _EITHER:
                kind = _CLOSE if stack else _OPEN
            if kind == _OPEN:
                if len(stack) < 2:
                    stack.append((i, j))
            elif stack:
                o_start, o_end = stack.pop()
                if not stack:
                    piece = _make_piece(text, o_start, o_end, i, j, pi, True)
                    if piece:
                        pieces.append(piece)
            elif first_mark and continuing >= 0:
                # Continuation paragraph that lacks its opening mark.
                piece = _make_piece(text, lo, lo, i, j, pi, True)
                if piece:
                    piece.chain = continuing
                    pieces.append(piece)
            first_mark = False
            if pieces and pieces[-1].para == pi and pieces[-1].chain < 0 and continuing >= 0 \
                    and text[lo:pieces[-1].mark_start].strip() == "":
                pieces[-1].chain = continuing
        if stack:
            o_start, o_end = stack[0]
            piece = _make_piece(text, o_start, o_end, hi, hi, pi, False)
            if piece:
                if continuing >= 0 and text[lo:o_start].strip() == "":
                    piece.chain = continuing
                pieces.append(piece)
                prev_open_chain = piece.chain if piece.chain >= 0 else len(pieces) - 1
    return pieces


def _make_piece(text: str, o_start: int, o_end: int, c_start: int, c_end: int, para: int,
                closed: bool) -> _Piece | None:
    start, end = o_end, c_start
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    if end <= start:
        return None
    return _Piece(o_start, start, end, c_end, para, closed)


# --------------------------------------------------------------------------- attribution


def _cue_extent(text: str, m: re.Match[str], limit: int) -> int:
    """End of the cue phrase: "told the Global Times that", "said", "added"."""
    end = m.end()
    word = m.group()
    rest = text[end:min(limit, end + 80)]
    that = re.match(r"(?:\s+[^\s,;:!?]+){0,8}?\s+that\b", rest)
    if that and not re.search(r"[.!?][\"”']*\s", that.group()):
        return end + that.end()
    if word in _TELL_VERBS:
        obj = re.match(r"\s+(?:(?:the|The)\s+)?(?:[A-Z][\w'’.&-]*\s?)+|\s+(?:reporters|journalists|me|us|"
                       r"him|her|them|the (?:crowd|audience|paper|newspaper)|supporters)\b", rest)
        if obj:
            return end + len(obj.group().rstrip().rstrip(".,"))
    return end


def _last_close_before(mark_ends: list[int], pos: int) -> int:
    """End of the last quote closed before ``pos`` (``mark_ends`` is sorted), or -1."""
    i = bisect.bisect_right(mark_ends, pos) - 1
    return mark_ends[i] if i >= 0 else -1


def _attribute(doc: _Doc, piece: _Piece, pieces: list[_Piece]) -> None:
    """Attach a subject and cue from the words after the quote, else from the words before it."""
    if piece.closed and _attribute_after(doc, piece, pieces):
        return
    _attribute_before(doc, piece, pieces)


def _next_mark(pieces: list[_Piece], piece: _Piece, default: int) -> int:
    idx = _bisect_piece(pieces, piece)
    if idx + 1 < len(pieces) and pieces[idx + 1].para == piece.para:
        return min(default, pieces[idx + 1].mark_start)
    return default


def _bisect_piece(pieces: list[_Piece], piece: _Piece) -> int:
    lo, hi = 0, len(pieces)
    while lo < hi:
        mid = (lo + hi) // 2
        if pieces[mid].mark_start < piece.mark_start:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _attribute_after(doc: _Doc, piece: _Piece, pieces: list[_Piece]) -> bool:
    text = doc.text
    para_end = doc.paras[piece.para][1]
    sent = doc.sentence(max(piece.mark_end - 1, 0))
    a_start = piece.mark_end
    a_end = min(max(sent[1], a_start), para_end, a_start + _WINDOW)
    a_end = _next_mark(pieces, piece, a_end)
    att_sent = sent
    if not text[a_start:a_end].strip(" ,.;:!?—–-"):
        # 'quote.' Clinton tweeted.  -> a short next sentence in the same paragraph.
        si = doc.sent_index(a_start)
        if si + 1 >= len(doc.sents) or doc.sents[si][0] > a_start:
            nxt = doc.sents[si] if doc.sents and doc.sents[si][0] >= a_start else None
        else:
            nxt = doc.sents[si + 1]
        if nxt is None or nxt[1] > para_end or len(text[nxt[0]:nxt[1]].split()) > 14:
            return False
        if _MARK.search(text, nxt[0], nxt[1]):
            return False
        a_start, a_end, att_sent = nxt[0], nxt[1], nxt
    window = text[a_start:a_end]
    inverted = re.match(r"[\s,.!?;:—–-]*(" + _CUE.pattern + r")\s+", window)
    if inverted and inverted.group(1) not in ("according to",) and not inverted.group(1).endswith("ing"):
        sub = subject_after(text, a_start + inverted.end(), a_end)
        if sub is not None:
            cue_s = a_start + inverted.start(1)
            _set(piece, sub, (cue_s, a_start + inverted.end(1)), att_sent)
            return True
    m = _CUE.search(text, a_start, a_end)
    if m and m.group() == "according to":
        sub = subject_after(text, m.end(), a_end)
        if sub is not None:
            _set(piece, sub, m.span(), att_sent)
            return True
        return False
    if m and len(text[a_start:m.start()].split()) <= 40 and not m.group().endswith("ing"):
        left_start = a_start
        sub = subject_before(text, left_start, m.start())
        if sub is not None and sub.end <= m.start():
            _set(piece, sub, (m.start(), _cue_extent(text, m, a_end)), att_sent)
            return True
    for m2 in re.finditer(r",\s*(" + _CUE.pattern + r")\s+", window):
        if m2.group(1).endswith("ing") or m2.group(1) in _NOUNISH - {"says"}:
            continue
        sub = subject_after(text, a_start + m2.end(), a_end)
        if sub is not None and (sub.kind == "name" or bare(sub.text.split()[0]) in {"the", "a", "an"}):
            _set(piece, sub, (a_start + m2.start(1), a_start + m2.end(1)), att_sent)
            return True
    return False


def _attribute_before(doc: _Doc, piece: _Piece, pieces: list[_Piece]) -> bool:
    text = doc.text
    para_start = doc.paras[piece.para][0]
    sent = doc.sentence(piece.mark_start)
    p_start = max(sent[0], para_start, piece.mark_start - _WINDOW)
    idx = _bisect_piece(pieces, piece)
    prev_close = pieces[idx - 1].mark_end if idx > 0 and pieces[idx - 1].para == piece.para else -1
    cut = max(p_start, prev_close)
    cues = list(_CUE.finditer(text, cut, piece.mark_start))
    if not cues:
        return False
    m = cues[-1]
    tail = text[m.end():piece.mark_start]
    if len(tail) > 160 or re.search(r"[.!?]\s", tail):
        return False
    left_start = cut if text[cut:m.start()].strip(" ,.;:") else p_start
    word = m.group()
    if word == "according to":
        sub = subject_after(text, m.end(), piece.mark_start)
    else:
        sub = subject_before(text, left_start, m.start(), clause_mode=word.endswith("ing"),
                             possessive=word in _POSSESSIVE_CUES)
    if sub is None:
        return False
    _set(piece, sub, (m.start(), _cue_extent(text, m, piece.mark_start)), sent)
    return True


def _set(piece: _Piece, sub: Subject, cue: tuple[int, int], sent: tuple[int, int]) -> None:
    piece.subject = sub
    piece.cue = cue
    piece.att_sent = sent


# --------------------------------------------------------------------------- reported speech


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    i = _span_idx(spans, pos)
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _span_idx(spans: list[tuple[int, int]], pos: int) -> int:
    lo, hi = 0, len(spans)
    while lo < hi:
        mid = (lo + hi) // 2
        if spans[mid][0] <= pos:
            lo = mid + 1
        else:
            hi = mid
    return lo - 1


def _find_reported(doc: _Doc, used: set[int], quote_spans: list[tuple[int, int]]) -> list[_Reported]:
    """Indirect speech: 'X added that ...', '..., the statement said.', 'according to X, ...'."""
    out: list[_Reported] = []
    mark_ends = [s[1] for s in quote_spans]
    for s_start, s_end in doc.sents:
        if s_end - s_start > _MAX_REPORTED_SENTENCE:
            continue
        for m in _CUE.finditer(doc.text, s_start, s_end):
            if m.start() in used or _inside(quote_spans, m.start()):
                continue
            rep = _reported_at(doc, m, s_start, s_end, mark_ends)
            if rep is not None:
                out.append(rep)
                break
    return out


def _reported_at(doc: _Doc, m: re.Match[str], s_start: int, s_end: int,
                 mark_ends: list[int]) -> _Reported | None:
    text = doc.text
    word = m.group()
    end = s_end
    while end > s_start and text[end - 1] in ".!?\"”' ":
        end -= 1
    if word == "according to":
        sub = subject_after(text, m.end(), s_end)
        if sub is None or sub.kind == "pronoun":
            return None
        before = text[s_start:m.start()].rstrip(" ,")
        if len(before.split()) >= 3:
            return _reported(s_start, s_start + len(before), sub, m.span(), (s_start, s_end))
        comma = text.find(",", sub.end, end)
        if comma < 0:
            return None
        return _reported(comma + 1, end, sub, m.span(), (s_start, s_end))
    left = max(s_start, _last_close_before(mark_ends, m.start()), m.start() - _WINDOW)
    sub = subject_before(text, left, m.start(), clause_mode=word.endswith("ing"))
    if sub is None or sub.end > m.start():
        return None
    cue_end = _cue_extent(text, m, s_end)
    if text[m.end():cue_end].rstrip().endswith("that"):
        return _reported(cue_end, end, sub, (m.start(), cue_end), (s_start, s_end))
    right = text[cue_end:end]
    clause = re.match(r"\s*(?:,\s*)?(?:(?:in|on|at|during|last|this) [\w'’ ]{1,30}?,?\s+)?"
                      r"(?=(?:he|she|they|it|we|I|there|the|a|an|his|her|their|this|[A-Z])\b)", right)
    if word in _CLAUSE_VERBS and clause and len(right.split()) >= 3:
        return _reported(cue_end + clause.end(), end, sub, (m.start(), cue_end), (s_start, s_end))
    if word in ("called", "calls", "urged", "urges") and re.match(r"\s+(?:for|on)\b", right):
        return _reported(cue_end, end, sub, (m.start(), cue_end), (s_start, s_end))
    if len(right.split()) <= 6 and "," in text[s_start:sub.start]:
        comma = text.rfind(",", s_start, sub.start)
        if len(text[s_start:comma].split()) >= 3:
            return _reported(s_start, comma, sub, (m.start(), cue_end), (s_start, s_end))
    return None


def _reported(start: int, end: int, sub: Subject, cue: tuple[int, int],
              sent: tuple[int, int]) -> _Reported | None:
    if end - start < 8:
        return None
    return _Reported(start, end, sub, cue, sent)


# --------------------------------------------------------------------------- resolution


@dataclass
class _Said:
    name: str
    pos: int
    sent: int
    person: bool


def _resolve_all(doc: _Doc, pieces: list[_Piece], reported: list[_Reported]) -> None:
    """Resolve each subject to a full name, in text order, tracking the last speaker."""
    items: list[_Piece | _Reported] = [p for p in pieces if p.subject is not None]
    items += reported
    items.sort(key=lambda it: it.subject.start if it.subject else 0)
    history: list[_Said] = []
    roles: dict[str, str] = {}
    for it in items:
        sub = it.subject
        assert sub is not None
        name, person = _resolve(doc, sub, history)
        if not name:
            it.subject = None
            continue
        role = sub.role if bare(sub.role) not in HONORIFICS else ""
        if role:
            roles.setdefault(name, role)
        it.speaker, it.role, it.mention = name, role or roles.get(name, ""), sub.text
        history.append(_Said(name, sub.start, doc.sent_index(sub.start), person))


def _resolve(doc: _Doc, sub: Subject, history: list[_Said]) -> tuple[str, bool]:
    reg = doc.registry
    if sub.kind == "np":
        return sub.text, False
    if sub.kind == "name":
        words = sub.text.split()
        full = reg.resolve(sub.text, sub.start, sub.gender) if len(words) == 1 else sub.text
        return full, full in reg.people or bool(sub.gender)
    pronoun = sub.text.lower()
    gender = PRONOUNS.get(pronoun, "")
    here = doc.sent_index(sub.start)
    if gender in ("m", "f"):
        return _resolve_person(doc, sub, history, gender, here), True
    if gender in ("p", "n"):
        for said in reversed(history[-3:]):
            if not said.person and here - said.sent <= 3:
                return said.name, False
    return "", False


def _resolve_person(doc: _Doc, sub: Subject, history: list[_Said], gender: str, here: int) -> str:
    """'he'/'she': the last speaker, else the first person named in the nearest earlier sentence."""
    reg = doc.registry

    def fits(name: str) -> bool:
        g = reg.gender(name)
        return not g or g == gender

    for said in reversed(history):
        if here - said.sent > 4:
            break
        if said.person and fits(said.name):
            return said.name
        break
    for back in range(0, 3):
        si = here - back
        if si < 0:
            break
        s_start = doc.sents[si][0] if doc.sents else 0
        s_end = sub.start if back == 0 else doc.sents[si][1]
        names = [n for n in reg.recent_people(s_start, s_end) if fits(n)]
        if names:
            return names[0]
    for said in reversed(history):
        if said.person and fits(said.name):
            return said.name
    return ""


def _inherit(doc: _Doc, pieces: list[_Piece], reported: list[_Reported]) -> None:
    """Give unattributed quotes the speaker of their chain, paragraph or previous paragraph."""
    by_chain: dict[int, _Piece] = {}
    for i, p in enumerate(pieces):
        root = p.chain if p.chain >= 0 else i
        p.chain = root
        if p.speaker and root not in by_chain:
            by_chain[root] = p
    for p in pieces:
        if not p.speaker and p.chain in by_chain:
            _copy(p, by_chain[p.chain])
    by_para: dict[int, list[_Piece]] = {}
    for p in pieces:
        by_para.setdefault(p.para, []).append(p)
    for para_pieces in by_para.values():
        for i, p in enumerate(para_pieces):
            if p.speaker:
                continue
            short = len(doc.text[p.start:p.end].split()) <= 3
            donor = _para_donor(doc, para_pieces, i, short)
            if donor is not None:
                _copy(p, donor)
    events = sorted([(p.start, p.para, p.speaker, p.role) for p in pieces if p.speaker and p.cue]
                    + [(r.start, doc.para_index(r.start), r.speaker, r.role) for r in reported if r.speaker])
    starts = [e[0] for e in events]
    for p in pieces:
        if p.speaker or len(doc.text[p.start:p.end].split()) <= 3:
            continue
        if doc.text[doc.paras[p.para][0]:p.mark_start].strip():
            continue
        i = bisect.bisect_left(starts, doc.paras[p.para][0]) - 1
        if i >= 0 and p.para - events[i][1] <= 2:
            p.speaker, p.role = events[i][2], events[i][3]


def _para_donor(doc: _Doc, para_pieces: list[_Piece], i: int, short: bool) -> _Piece | None:
    p = para_pieces[i]
    same_sent = doc.sentence(p.start)
    order = list(range(i - 1, max(-1, i - 21), -1)) + list(range(i + 1, min(len(para_pieces), i + 21)))
    for j in order:
        q = para_pieces[j]
        if not q.speaker or not q.cue:
            continue
        if short and doc.sentence(q.start) != same_sent and doc.sentence(q.mark_end - 1) != same_sent:
            continue
        return q
    return None


def _copy(dst: _Piece, src: _Piece) -> None:
    dst.speaker, dst.role = src.speaker, src.role


def _is_title(quoted: str) -> bool:
    """'Meet the Press', 'America's Unwritten Constitution': names of works, not speech."""
    words = quoted.strip(" ,.!?").split()
    if not words or len(words) > 6 or re.search(r"[.!?,;:]", quoted.strip(" ,.!?")):
        return False
    small = {"the", "of", "a", "an", "and", "or", "in", "on", "to", "for", "at", "with", "by"}
    return words[0][0].isupper() and all(w[0].isupper() or w in small for w in words if w[0].isalpha())


def _emit(doc: _Doc, pieces: list[_Piece], reported: list[_Reported]) -> list[Quote]:
    text = doc.text
    out: list[Quote] = []
    for p in pieces:
        if not p.speaker or _is_title(text[p.start:p.end]):
            continue
        s_open = doc.sentence(p.start)
        s_close = doc.sentence(max(p.start, p.end - 1))
        lo, hi = min(s_open[0], p.start), max(s_close[1], p.end)
        cue = ""
        if p.att_sent is not None and p.cue is not None:
            lo, hi = min(lo, p.att_sent[0]), max(hi, p.att_sent[1])
            cue = text[p.cue[0]:p.cue[1]]
        out.append(Quote(p.speaker, text[p.start:p.end], p.start, p.end, lo, hi, role=p.role, cue=cue,
                         kind="direct", mention=p.mention if p.cue else ""))
    for r in reported:
        if not r.speaker:
            continue
        start, end = r.start, r.end
        while start < end and text[start] in " ,":
            start += 1
        while end > start and text[end - 1] in " ,":
            end -= 1
        if end <= start:
            continue
        out.append(Quote(r.speaker, text[start:end], start, end, r.sent[0], r.sent[1], role=r.role,
                         cue=text[r.cue[0]:r.cue[1]], kind="reported", mention=r.mention))
    out.sort(key=lambda q: (q.start, q.end))
    return out
