"""Sidebar settings (k, date range, backend) and the library summary, shared by every page.

Widgets are keyed so their values live in ``st.session_state``; the chat page
reads them back with ``ask_options`` instead of receiving them as arguments,
because page scripts run after the sidebar and cannot be called with values.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import streamlit as st

from core.components import Components
from ui.render import plural
from vectorstore.retriever import Filters

K_KEY = "opt_k"
FROM_KEY = "opt_date_from"
TO_KEY = "opt_date_to"
BACKEND_KEY = "opt_backend"
BACKENDS = {"extractive (offline)": "extractive"}


@dataclass
class AskOptions:
    k: int
    filters: Filters | None


def render(components: Components) -> None:
    """Draw the settings; call on every run so widget state survives page switches."""
    s = components.settings
    with st.sidebar:
        st.subheader("Answer settings")
        st.slider("Passages to retrieve (k)", 1, 20, value=s.top_k, key=K_KEY,
                  help="How many passages the assistant reads before answering.")
        st.date_input("Articles dated from", value=None, key=FROM_KEY, format="YYYY-MM-DD",
                      help="Leave empty for no lower limit.")
        st.date_input("Articles dated to", value=None, key=TO_KEY, format="YYYY-MM-DD",
                      help="Leave empty for no upper limit.")
        start, end = st.session_state.get(FROM_KEY), st.session_state.get(TO_KEY)
        if start and end and start > end:
            st.warning("'From' is after 'To': no article can match.", icon=":material/event_busy:")
        st.selectbox("Answer backend", list(BACKENDS), key=BACKEND_KEY,
                      help="Answers are extracted verbatim from your articles; nothing leaves this machine.")
        st.divider()
        n, p = components.catalog.article_count(), components.catalog.passage_count()
        st.page_link("ui/pages/library.py", label=f"Library: {plural(n, 'article')} · {plural(p, 'passage')}",
                     icon=":material/library_books:")


def ask_options(components: Components) -> AskOptions:
    """The current sidebar values as assistant arguments (defaults if the sidebar has not run yet)."""
    k = int(st.session_state.get(K_KEY, components.settings.top_k))
    start: dt.date | None = st.session_state.get(FROM_KEY)
    end: dt.date | None = st.session_state.get(TO_KEY)
    filters = Filters(date_from=start.isoformat() if start else None, date_to=end.isoformat() if end else None)
    return AskOptions(k=k, filters=None if filters.is_empty() else filters)
