"""Run the real ingest pipeline from the UI: save uploads, show progress, keep and show the report.

The UI adds only what a browser needs around ``ingest.pipeline.Ingestor``:
uploaded bytes become files under ``<data_dir>/uploads/`` (so an article's
source is a stable path that re-ingest and delete understand), a progress bar
is fed by the pipeline's callback, and the ``Report`` is kept in the session
so it survives the rerun that refreshes the article list.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

import streamlit as st

from core.components import Components
from ingest.pipeline import Ingestor, delete_article
from ingest.report import Report
from ui import state
from ui.render import md_label, plural

SAMPLES_DIR = Path(__file__).resolve().parents[1] / "samples"
UPLOAD_TYPES = ["txt", "md", "html", "htm", "pdf"]


class Upload(Protocol):
    """What we use of Streamlit's ``UploadedFile`` (also easy to fake in tests)."""

    name: str

    def getvalue(self) -> bytes: ...


def uploads_dir(components: Components) -> Path:
    return components.settings.data_dir / "uploads"


def safe_filename(name: str) -> str:
    """A plain file name from a browser-supplied one: no folders, no odd characters, keeps the suffix."""
    base = Path(name.replace("\\", "/")).name.strip()
    base = re.sub(r"[^\w.\- ]+", "_", base).strip(" .") or "upload"
    return base[-120:]


def save_uploads(components: Components, files: Iterable[Upload]) -> list[Path]:
    """Write uploads into ``<data_dir>/uploads/``; the same name again replaces the file (an update)."""
    folder = uploads_dir(components)
    folder.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []
    for f in files:
        path = folder / safe_filename(f.name)
        path.write_bytes(f.getvalue())
        saved.append(path)
    return saved


def ingest(components: Components, inputs: list[str], prune: bool = False) -> Report | None:
    """Ingest with a progress bar; returns the report (also kept for display) or None after an error."""
    bar = st.progress(0.0, text="Starting ingest…")

    def progress(done: int, total: int, source: str) -> None:
        name = display_name(source)
        bar.progress(done / max(total, 1), text=f"Reading {done} of {total}: {name}")

    try:
        with st.spinner("Indexing passages…"):
            report = Ingestor(components, progress=progress, show_bar=False).run(inputs, prune=prune)
    except Exception as exc:  # store busy/broken: one line for the user, never a traceback
        bar.empty()
        st.error(f"Ingest failed: {exc}", icon=":material/error:")
        return None
    bar.empty()
    st.session_state[state.REPORT] = report
    return report


def ingest_and_refresh(components: Components, inputs: list[str], prune: bool = False) -> None:
    """Ingest, then rerun so article counts everywhere reflect the new store."""
    report = ingest(components, inputs, prune)
    if report is not None:
        icon = ":material/warning:" if report.failed else ":material/check_circle:"
        state.flash("Library updated: " + summary(report, skip_zero=True), icon)
        st.rerun()


def load_samples(components: Components) -> None:
    ingest_and_refresh(components, [str(SAMPLES_DIR)])


def delete(components: Components, source: str) -> None:
    """Delete an article from the index; an uploaded file goes too, or re-ingesting uploads would revive it."""
    delete_article(components, source)
    path = Path(source)
    try:
        if path.parent.resolve() == uploads_dir(components).resolve() and path.is_file():
            path.unlink()
    except OSError:
        pass


def display_name(source: str) -> str:
    """File name for paths, the URL for URLs: what a person recognises."""
    return source if "://" in source else Path(source).name


def summary(report: Report, skip_zero: bool = False) -> str:
    """``3 added, 0 updated, …``; ``skip_zero`` keeps only what happened, for a short toast."""
    counts = [("added", len(report.added)), ("updated", len(report.updated)),
              ("unchanged", len(report.unchanged)), ("deleted", len(report.deleted)), ("failed", len(report.failed))]
    parts = [f"{n} {label}" for label, n in counts if n or (not skip_zero and label != "failed")]
    return ", ".join(parts) or "nothing to do"


def render_report(report: Report) -> None:
    """The ingest report: a one-line summary, every failure with its reason, then the per-article details."""
    line = f"Ingest finished: {summary(report)} · {plural(report.passages, 'passage')} indexed in {report.seconds:.1f} s"
    if report.failed:
        st.warning(line, icon=":material/warning:")
        for f in report.failed:
            st.markdown(f"- **{md_label(display_name(f.source))}** — {md_label(f.reason)}")
    else:
        st.success(line, icon=":material/task_alt:")
    groups = [("Added", report.added), ("Updated", report.updated), ("Unchanged", report.unchanged),
              ("Deleted", report.deleted)]
    if any(items for _, items in groups):
        with st.expander("Details"):
            for label, items in groups:
                if items:
                    names = ", ".join(md_label(display_name(s)) for s in items)
                    st.markdown(f"**{label}** ({len(items)}): {names}")
