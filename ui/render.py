"""Safe HTML for article text: escape everything, then add only our own ``<mark>``/``<span>`` tags.

Article text is untrusted (scraped pages, uploads): it is ``html.escape``d and
every Markdown/LaTeX/emoji-significant character becomes a numeric entity, so
``<script>``, ``$5 and $6`` or ``:smile:`` show verbatim inside
``st.markdown(unsafe_allow_html=True)`` and never turn into markup.
"""

from __future__ import annotations

import datetime as dt
import html
import re

from qa.types import Answer, Citation

# Characters Markdown, Streamlit's LaTeX ($), emoji/colour directives (:) or tables (|) would interpret.
_MD_SPECIAL = "\\`*_{}[]()#+-.!|~$:^=/"
# One pass over the raw text: HTML-significant characters get html.escape's entities, Markdown ones numeric
# entities. (Escaping twice would re-encode the '#' of "&#x27;" and show entities as text.)
_ENTITIES = {ch: f"&#{ord(ch)};" for ch in _MD_SPECIAL} | {ch: html.escape(ch, quote=True) for ch in "&<>\"'"}

CSS = """
<style>
.nqa-answer { line-height: 1.65; }
.nqa-answer ul.nqa-list { margin: 0 0 0.2rem 0; padding-left: 1.2rem; }
.nqa-answer ul.nqa-list li { margin-bottom: 0.35rem; }
.nqa-answer.nqa-unanswerable { color: rgba(49, 51, 63, 0.75); font-style: italic; }
.nqa-cite { display: inline-block; font-size: 0.72em; line-height: 1.35; vertical-align: super;
  background: #e8f0fe; color: #1a56c4; border-radius: 0.7em; padding: 0 0.42em; margin: 0 0.06em;
  font-weight: 600; cursor: help; }
.nqa-passage { line-height: 1.65; padding: 0.1rem 0 0.25rem 0.8rem; border-left: 3px solid #e3e6ea; }
.nqa-passage mark.nqa-quote, .nqa-article mark.nqa-quote { background: #ffe066; color: inherit;
  padding: 0.05em 0.1em; border-radius: 3px; }
.nqa-article { max-height: 24rem; overflow-y: auto; padding: 0.75rem 1rem; margin-bottom: 0.5rem;
  border: 1px solid rgba(49, 51, 63, 0.15); border-radius: 0.5rem; background: #fbfbfc;
  font-size: 0.93rem; line-height: 1.65; }
.nqa-article mark.nqa-in-passage { background: #fff5cc; color: inherit; padding: 0.05em 0; }
.nqa-article .nqa-target { display: inline-block; width: 0; height: 1em; scroll-initial-target: nearest;
  position: relative; top: -3.2rem; }  /* open with a little context above the passage */
.nqa-article mark.nqa-quote { font-weight: 600; background: #ffd43b; }
.nqa-meta { color: rgba(49, 51, 63, 0.6); font-size: 0.85rem; }
.nqa-title { font-weight: 600; line-height: 1.35; }
</style>
"""


def safe(text: str) -> str:
    """HTML-escape ``text`` (same result as ``html.escape``) and neutralise Markdown; newlines become ``<br>``."""
    return safe_inline(text.replace("\r", "")).replace("\n", "<br>")


def safe_inline(text: str) -> str:
    """Like ``safe`` but keeps newlines, for ``st.write_stream`` which renders plain Markdown."""
    return "".join(_ENTITIES.get(ch, ch) for ch in text)


def md_label(text: str) -> str:
    """Backslash-escape Markdown in short labels (expander titles), which do not accept HTML."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|~$:<>])", r"\\\1", " ".join(text.split()))


def plural(n: int, word: str) -> str:
    """``1 passage``, ``2 passages``: counts read naturally everywhere in the UI."""
    return f"{n} {word}{'' if n == 1 else 's'}"


def short(text: str, limit: int = 90) -> str:
    """Collapse whitespace and cut long titles so labels stay on one line."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def nice_date(date: str) -> str:
    """``2026-03-02`` → ``2 Mar 2026`` with no-break spaces, so a wrapped label never splits a date."""
    try:
        d = dt.date.fromisoformat(date[:10])
    except ValueError:
        return date
    return f"{d.day}\u00a0{d:%b}\u00a0{d.year}"


def citation_label(c: Citation) -> str:
    """Plain label for a citation: ``[n] Title — date``."""
    title = short(c.title or _name(c.source), 140)
    return f"[{c.n}] {title}\u00a0— {nice_date(c.date)}" if c.date else f"[{c.n}] {title}"


def answer_html(answer: Answer) -> str:
    """The answer text with each ``[n]`` marker as a reference badge whose tooltip names the article."""
    by_n = {c.n: c for c in answer.citations} if answer.answerable else {}
    body = _answer_markup(answer.answer)

    def badge(match: re.Match[str]) -> str:
        n = int(match.group(1))
        c = by_n.get(n)
        if c is None:
            return match.group(0)
        tip = html.escape(citation_label(c), quote=True)
        return f'<span class="nqa-cite" title="{tip}">{n}</span>'

    # markers were entity-encoded by ``safe``: match the encoded brackets
    body = re.sub(r"&#91;(\d{1,3})&#93;", badge, body)
    cls = "nqa-answer" if answer.answerable else "nqa-answer nqa-unanswerable"
    return f'<div class="{cls}">{body}</div>'


def _answer_markup(text: str) -> str:
    """Escape the answer, then render only the assistant's own markup: '- ' bullets and **speaker** names."""
    blocks: list[str] = []
    items: list[str] = []
    for line in text.replace("\r", "").split("\n"):
        is_item = line.startswith("- ")
        body = safe_inline(line[2:] if is_item else line)
        body = re.sub(r"&#42;&#42;(.+?)&#42;&#42;", r"<strong>\1</strong>", body)
        if is_item:
            items.append(f"<li>{body}</li>")
            continue
        if items:
            blocks.append(f"<ul class=\"nqa-list\">{''.join(items)}</ul>")
            items = []
        blocks.append(body)
    if items:
        blocks.append(f"<ul class=\"nqa-list\">{''.join(items)}</ul>")
    return "<br>".join(b for b in blocks if b) if blocks else ""


def quote_span(c: Citation, passage: str, passage_start: int) -> tuple[int, int] | None:
    """Offsets of the supporting sentence inside ``passage``: from the citation offsets, else by search."""
    s, e = c.start - passage_start, c.end - passage_start
    if 0 <= s < e <= len(passage) and (not c.quote or passage[s:e] == c.quote):
        return s, e
    if c.quote:
        found = passage.find(c.quote)
        if found >= 0:
            return found, found + len(c.quote)
    return None


def passage_html(c: Citation) -> str:
    """The cited passage with its supporting sentence in ``<mark>``."""
    span = quote_span(c, c.text, c.passage_start)
    if span is None:
        return f'<div class="nqa-passage">{safe(c.text)}</div>'
    s, e = span
    marked = f'{safe(c.text[:s])}<mark class="nqa-quote">{safe(c.text[s:e])}</mark>{safe(c.text[e:])}'
    return f'<div class="nqa-passage">{marked}</div>'


def article_html(text: str, passage: tuple[int, int], quote: tuple[int, int] | None) -> str:
    """The whole article with the passage highlighted in place and the supporting sentence stronger.

    Marks are split at the quote so they never overlap. An empty inline-block anchor before the first
    mark carries ``scroll-initial-target`` so Chromium opens the box scrolled to the passage without any
    JavaScript (the property is ignored on multi-line inline boxes, hence the anchor).
    """
    ps, pe = max(0, passage[0]), min(len(text), passage[1])
    cuts = {0, ps, pe, len(text)}
    if quote:
        qs, qe = max(0, quote[0]), min(len(text), quote[1])
        if qs < qe:
            cuts |= {qs, qe}
    else:
        qs = qe = -1
    points = sorted(cuts)
    parts: list[str] = []
    target = '<span class="nqa-target"></span>'  # only before the first mark: where the box opens
    for a, b in zip(points, points[1:], strict=False):
        if a == b:
            continue
        chunk = safe(text[a:b])
        if qs <= a and b <= qe:
            chunk, target = f'{target}<mark class="nqa-quote">{chunk}</mark>', ""
        elif ps <= a and b <= pe:
            chunk, target = f'{target}<mark class="nqa-in-passage">{chunk}</mark>', ""
        parts.append(chunk)
    return f'<div class="nqa-article">{"".join(parts)}</div>'


def locate_passage(article_text: str, c: Citation) -> tuple[int, int] | None:
    """Where the cited passage is in the (current) article text; None if the article changed."""
    ps, pe = c.passage_start, c.passage_end
    if 0 <= ps < pe <= len(article_text) and article_text[ps:pe] == c.text:
        return ps, pe
    found = article_text.find(c.text) if c.text else -1
    return (found, found + len(c.text)) if found >= 0 else None


def _name(source: str) -> str:
    return source.rstrip("/").rsplit("/", 1)[-1] or source
