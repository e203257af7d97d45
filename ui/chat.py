"""The chat page: conversation history, streamed answers, citations, export.

The page only renders: questions go to ``qa.assistant.Assistant.stream`` with
the sidebar's k and date filter, and the ``Answer`` it yields last is kept in
the session so old turns re-render with their citations.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import streamlit as st

from core.components import Components
from qa.types import Answer
from ui import ingest_actions, sidebar, state
from ui.citations import render_citations
from ui.export import conversation_markdown
from ui.library import upload_form
from ui.render import answer_html, safe_inline

def render() -> None:
    components = state.components()
    st.title("Ask your news")
    if components.catalog.article_count() == 0:
        empty_state(components)
        st.chat_input("Add articles to start asking", disabled=True)
        return
    messages = state.messages()
    if not messages:
        st.caption("Answers come only from your articles, and each one shows the exact passages it came from. "
                   "Ask who said what, what happened, when or where.")
    for turn, message in enumerate(messages):
        _replay(components, turn, message)
    question = st.chat_input("Ask a question about your articles")
    if question and question.strip():
        _answer(components, question.strip())
    _sidebar_tools(messages)


def empty_state(components: Components) -> None:
    """First run: say what to do in one line, offer the upload and the sample articles."""
    st.info("Your library is empty: upload news articles (.txt, .md, .html, .pdf) "
            "or load three short sample articles to try it out.", icon=":material/upload_file:")
    upload_form(components)
    if st.button("Load sample articles", icon=":material/auto_stories:", type="primary"):
        ingest_actions.load_samples(components)


def _replay(components: Components, turn: int, message: dict[str, Any]) -> None:
    with st.chat_message(message["role"]):
        answer: Answer | None = message.get("answer")
        if message.get("error"):
            st.error(message["content"], icon=":material/error:")
        elif answer is None:
            st.markdown(safe_inline(message["content"]))
        else:
            st.markdown(answer_html(answer), unsafe_allow_html=True)
            render_citations(components, answer, turn)


def _answer(components: Components, question: str) -> None:
    messages = state.messages()
    history = [{"role": m["role"], "content": m["content"]} for m in messages if not m.get("error")]
    messages.append({"role": "user", "content": question})
    with st.chat_message("user"):
        st.markdown(safe_inline(question))
    turn = len(messages)
    with st.chat_message("assistant"):
        options = sidebar.ask_options(components)
        slot = st.empty()
        try:
            with st.spinner("Searching your articles…"):
                events = state.assistant().stream(question, history, options.filters, options.k)
                first = next(events, None)
            holder: dict[str, Answer] = {}
            with slot.container():
                st.write_stream(_text_chunks(first, events, holder))
            answer = holder.get("answer")
            if answer is None:
                raise RuntimeError("the assistant returned no answer")
        except Exception as exc:  # one failed question must not end the conversation
            slot.error(f"Could not answer: {exc}", icon=":material/error:")
            messages.append({"role": "assistant", "content": f"Could not answer: {exc}", "error": True})
            return
        slot.markdown(answer_html(answer), unsafe_allow_html=True)
        render_citations(components, answer, turn)
    messages.append({"role": "assistant", "content": answer.answer, "answer": answer})


def _text_chunks(first: object, events: Iterator[object], holder: dict[str, Answer]) -> Iterator[str]:
    """Yield the streamed text (escaped for Markdown) and keep the final ``Answer`` in ``holder``."""
    for event in _chain(first, events):
        if isinstance(event, Answer):
            holder["answer"] = event
        elif isinstance(event, str) and event:
            yield safe_inline(event)


def _chain(first: object, events: Iterator[object]) -> Iterator[object]:
    if first is not None:
        yield first
    yield from events


def _sidebar_tools(messages: list[dict[str, Any]]) -> None:
    """Export and clear, drawn after this run's answer so the download includes it."""
    with st.sidebar:
        st.divider()
        st.download_button("Export conversation (.md)", conversation_markdown(messages),
                           file_name="news-qa-conversation.md", mime="text/markdown",
                           icon=":material/download:", disabled=not messages, width="stretch")
        if st.button("Clear conversation", icon=":material/delete_sweep:", disabled=not messages, width="stretch"):
            messages.clear()
            st.rerun()
