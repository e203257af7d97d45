"""One expander per citation: the passage with its supporting sentence, the source, and the article in place.

This is the proof of an answer, so it shows stored text only: the passage
the assistant cited and, on request, the whole article from the catalog with
the passage highlighted where it really is.
"""

from __future__ import annotations

import streamlit as st

from core.components import Components
from qa.types import Answer, Citation
from ui.render import article_html, citation_label, locate_passage, md_label, passage_html, quote_span


def render_citations(components: Components, answer: Answer, turn: int) -> None:
    """Expanders under an answer; nothing when the answer is not supported by the articles."""
    if not answer.answerable:
        st.caption("No passage in your library supports an answer. Try rephrasing, a larger k, "
                   "or a wider date range.")
        return
    for c in answer.citations:
        # Keyed, state-tracking expanders: they stay open across the reruns a toggle causes (an
        # unkeyed one re-mounts closed), and their body is only built when open.
        expander = st.expander(md_label(citation_label(c)), key=expander_key(turn, c.n), on_change="rerun")
        if expander.open:
            with expander:
                _citation_body(components, c, f"{turn}-{c.n}")


def expander_key(turn: int, n: int) -> str:
    return f"citation-{turn}-{n}"


def _citation_body(components: Components, c: Citation, key: str) -> None:
    st.markdown(passage_html(c), unsafe_allow_html=True)
    st.caption(_source_line(c))
    if st.toggle("Show in article", key=f"show-article-{key}"):
        _article(components, c)


def _source_line(c: Citation) -> str:
    parts = [f"`{c.source.replace('`', '')}`"]
    if c.url.startswith(("http://", "https://")) and c.url != c.source:
        parts.append(f"[open original]({c.url.replace(' ', '%20').replace(')', '%29')})")
    return "Source: " + " · ".join(parts)


def _article(components: Components, c: Citation) -> None:
    article = components.catalog.article(c.source)
    if article is None:
        st.info("This article is no longer in the library.", icon=":material/info:")
        return
    passage = locate_passage(article.text, c)
    if passage is None:
        st.warning("The article changed since this answer; the passage is no longer in it.", icon=":material/warning:")
        return
    span = quote_span(c, article.text[passage[0]:passage[1]], passage[0])
    quote = (passage[0] + span[0], passage[0] + span[1]) if span else None
    st.markdown(article_html(article.text, passage, quote), unsafe_allow_html=True)
