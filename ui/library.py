"""The library page: what is ingested, and the ways to add, refresh or delete articles.

Every action goes through ``ingest.pipeline`` (Ingestor / delete_article);
this page collects the inputs, shows progress and the report, and lists the
catalog's articles.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from core.components import Components
from ingest.loaders import is_url
from ui import ingest_actions, state
from ui.render import plural, safe
from vectorstore.catalog import ArticleInfo

PAGE_SIZE = 50


def render() -> None:
    components = state.components()
    catalog = components.catalog
    n = catalog.article_count()
    st.title("Library")
    st.caption(f"{plural(n, 'article')} · {plural(catalog.passage_count(), 'passage')} · "
               f"stored in `{components.settings.data_dir}`")
    report = st.session_state.get(state.REPORT)
    if report is not None:
        ingest_actions.render_report(report)
        if st.button("Dismiss report", icon=":material/close:", type="tertiary"):
            del st.session_state[state.REPORT]
            st.rerun()
    _add_section(components)
    st.subheader("Articles")
    if n == 0:
        st.info("No articles yet. Upload files above, or load three short sample articles.",
                icon=":material/info:")
        if st.button("Load sample articles", icon=":material/auto_stories:", type="primary"):
            ingest_actions.load_samples(components)
        return
    _article_list(components, catalog.articles())


def upload_form(components: Components) -> None:
    """File upload (txt, md, html, pdf) into ``<data_dir>/uploads/``, ingested on submit."""
    with st.form("upload", clear_on_submit=True, border=False):
        files = st.file_uploader("Upload articles", type=ingest_actions.UPLOAD_TYPES, accept_multiple_files=True)
        if st.form_submit_button("Add to library", icon=":material/upload:"):
            if not files:
                st.warning("Choose one or more files first.", icon=":material/warning:")
            else:
                saved = ingest_actions.save_uploads(components, files)
                ingest_actions.ingest_and_refresh(components, [str(p) for p in saved])


def _add_section(components: Components) -> None:
    files_tab, url_tab, folder_tab = st.tabs(["Upload files", "From a URL", "Re-ingest a folder"])
    with files_tab:
        upload_form(components)
    with url_tab, st.form("url", clear_on_submit=False, border=False):
        url = st.text_input("Article URL", placeholder="https://example.com/news/story.html")
        if st.form_submit_button("Fetch and add", icon=":material/link:"):
            if not is_url(url):
                st.warning("Enter a full http(s):// address.", icon=":material/warning:")
            else:
                ingest_actions.ingest_and_refresh(components, [url.strip()])
    with folder_tab, st.form("folder", border=False):
        folder = st.text_input("Folder", value=str(ingest_actions.uploads_dir(components)),
                               help="Every .txt/.md/.html/.pdf below it is read; unchanged articles are skipped.")
        prune = st.checkbox("Also delete stored articles whose files are gone from this folder")
        if st.form_submit_button("Re-ingest folder", icon=":material/sync:"):
            path = Path(folder.strip()).expanduser()
            if not path.is_dir():
                st.warning(f"Not a folder: {folder}", icon=":material/warning:")
            else:
                ingest_actions.ingest_and_refresh(components, [str(path.resolve())], prune=prune)


def _article_list(components: Components, articles: list[ArticleInfo]) -> None:
    query = st.text_input("Filter", placeholder="Filter by title or file name", label_visibility="collapsed")
    if query:
        q = query.lower()
        articles = [a for a in articles if q in a.title.lower() or q in a.source.lower()]
    for i, article in enumerate(articles[:PAGE_SIZE]):
        _article_row(components, article, i)
    if len(articles) > PAGE_SIZE:
        st.caption(f"Showing {PAGE_SIZE} of {len(articles)}; filter to find others.")
    elif not articles:
        st.caption("No article matches the filter.")


def _article_row(components: Components, a: ArticleInfo, i: int) -> None:
    with st.container(border=True):
        text, action = st.columns([0.92, 0.08], vertical_alignment="center")
        meta = " · ".join(x for x in (a.date or "no date", ingest_actions.display_name(a.source),
                                       plural(a.passages, "passage"), a.author) if x)
        text.markdown(
            f'<div class="nqa-title">{safe(a.title or ingest_actions.display_name(a.source))}</div>'
            f'<div class="nqa-meta">{safe(meta)}</div>',
            unsafe_allow_html=True,
        )
        with action.popover("", icon=":material/delete:", help="Delete this article"):
            st.markdown(f"Delete **{ingest_actions.md_label(a.title or a.source)}** from the library?")
            if st.button("Delete", key=f"delete-{a.content_hash}-{i}", type="primary", icon=":material/delete:"):
                ingest_actions.delete(components, a.source)
                state.flash(f"Deleted {ingest_actions.display_name(a.source)}")
                st.rerun()
