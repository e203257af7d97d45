"""News QA: a chat assistant that answers from your news articles, offline, and shows its proof.

Run with ``python -m streamlit run app.py`` (or ``scripts/app.sh``). This file
only wires pages together; the pages live in ``ui/`` and call the project
APIs, so the app has no retrieval or answering logic of its own.
"""

import core.offline  # noqa: F401

import streamlit as st

from ui import sidebar, state
from ui.render import CSS

st.set_page_config(page_title="News QA", page_icon=":material/newspaper:", layout="centered")
st.html(CSS)

components = state.components()
page = st.navigation(
    [
        st.Page("ui/pages/chat.py", title="Chat", icon=":material/forum:", default=True),
        st.Page("ui/pages/library.py", title="Library", icon=":material/library_books:"),
    ],
    position="top",
)
sidebar.render(components)
state.show_flash()
page.run()
