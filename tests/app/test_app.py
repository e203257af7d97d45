"""The Streamlit app driven headlessly with ``AppTest``: empty store, samples, a question, uploads.

These run the real pages over a temporary store with the fast ``hash``
embedder, so they catch wiring mistakes (wrong API use, state lost between
reruns, unescaped HTML) without a browser.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ui.citations import expander_key

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
LIBRARY = "ui/pages/library.py"


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "store"
    monkeypatch.setenv("NEWSQA_DATA_DIR", str(data))
    monkeypatch.setenv("NEWSQA_EMBEDDER", "hash")
    monkeypatch.chdir(ROOT)
    return data


def new_app() -> AppTest:
    return AppTest.from_file(APP, default_timeout=60)


def texts(at: AppTest) -> str:
    """Everything a user reads on the page, as one string."""
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [i.value for i in at.info]
    parts += [s.value for s in at.success] + [w.value for w in at.warning] + [e.label for e in at.expander]
    return re.sub(r"\\(.)", r"\1", "\n".join(str(p) for p in parts))  # drop Markdown escapes


def load_samples(at: AppTest) -> AppTest:
    button = next(b for b in at.button if b.label == "Load sample articles")
    return button.click().run()


def test_empty_store_shows_hint_upload_and_samples_button(store: Path) -> None:
    at = new_app().run()
    assert not at.exception, at.exception
    assert "Your library is empty" in texts(at)
    assert any(u.label == "Upload articles" for u in at.file_uploader)
    assert any(b.label == "Load sample articles" for b in at.button)
    assert at.chat_input[0].disabled


def test_load_samples_then_ask_shows_cited_answer(store: Path) -> None:
    at = new_app().run()
    at = load_samples(at)
    assert not at.exception, at.exception
    assert "Your library is empty" not in texts(at)
    assert not at.chat_input[0].disabled

    at.switch_page(LIBRARY).run()
    assert not at.exception, at.exception
    page = texts(at)
    for title in ("Harbor City council approves tram line", "Greenvale farmers receive drought aid",
                  "Northgate University opens climate data lab"):
        assert title in page
    assert "3 added" in page  # the report of the sample ingest

    at.switch_page("ui/pages/chat.py").run()
    at.chat_input[0].set_value("What did Elena Ruiz say?").run()
    assert not at.exception, at.exception
    assistant = [m for m in at.chat_message if m.name == "assistant"]
    assert len(assistant) == 1
    shown = "\n".join(m.value for m in assistant[0].markdown)
    assert 'class="nqa-cite"' in shown  # [n] markers rendered as references
    expanders = assistant[0].expander
    assert expanders, "an answer about the samples must cite passages"
    assert all(e.label.startswith("\\[") for e in expanders)
    at.session_state[expander_key(1, 1)] = True  # open citation [1] (what a click does)
    at.run()
    first = at.chat_message[1].expander[0]
    assert '<mark class="nqa-quote">' in "\n".join(m.value for m in first.markdown)

    first.toggle[0].set_value(True).run()  # "Show in article": the rerun replays the turn from session state
    assert not at.exception, at.exception
    article = [m.value for m in at.chat_message[1].expander[0].markdown if "nqa-article" in m.value]
    assert len(article) == 1
    assert 'class="nqa-quote' in article[0]  # the supporting sentence, marked inside the whole article
    assert len(article[0]) > len(first.markdown[0].value) / 2  # the article, not just the passage

    export = at.get("download_button")
    assert export, "the export button is shown once there is a conversation"


def test_upload_ingests_into_uploads_folder_and_reports(store: Path) -> None:
    at = new_app().run()
    at.switch_page(LIBRARY).run()
    good = b"Test Headline About Bridges\n\n" + b"The bridge reopened on Tuesday after repairs. " * 8
    at.file_uploader[0].set_value([("bridge news.txt", good, "text/plain"), ("empty.md", b"   ", "text/markdown")])
    next(b for b in at.button if b.label == "Add to library").click().run()
    assert not at.exception, at.exception
    assert (store / "uploads" / "bridge news.txt").is_file()
    page = texts(at)
    assert "1 added" in page and "1 failed" in page
    assert "empty.md** — empty file" in page  # the failure is named with its reason
    assert "Test Headline About Bridges" in page


def test_script_in_article_is_escaped_everywhere(store: Path) -> None:
    from qa.types import Answer, Citation
    from ui.render import answer_html, article_html, passage_html, safe

    evil = 'He said <script>alert("x")</script> costs $5 and $6.'
    c = Citation(1, "/a.txt", "T", evil, evil, 0, len(evil), 0, len(evil))
    for out in (passage_html(c), article_html(evil, (0, len(evil)), (3, 20)),
                answer_html(Answer("q", evil + " [1]", True, [c]))):
        assert "<script>" not in out and "&lt;script&gt;" in out
        assert "$" not in out  # no accidental LaTeX
    assert html.unescape(safe(evil + "\nit's")).replace("<br>", "\n") == evil + "\nit's"  # shown exactly


def test_delete_button_removes_article(store: Path) -> None:
    at = load_samples(new_app().run())
    at.switch_page(LIBRARY).run()
    delete = [b for b in at.button if b.label == "Delete"]
    assert len(delete) == 3  # one per article
    delete[0].click().run()
    assert not at.exception, at.exception
    assert "2 articles" in texts(at)
    assert len([b for b in at.button if b.label == "Delete"]) == 2


def test_export_markdown_lists_citations() -> None:
    from qa.types import Answer, Citation
    from ui.export import conversation_markdown

    c = Citation(1, "/news/a.txt", "Tram approved", "passage", "The vote passed.", 0, 16, date="2026-03-02")
    md = conversation_markdown([
        {"role": "user", "content": "What passed?"},
        {"role": "assistant", "content": "The vote passed. [1]", "answer": Answer("What passed?", "The vote passed. [1]",
                                                                                    True, [c])},
    ])
    assert "**You:** What passed?" in md
    assert "**Assistant:** The vote passed. [1]" in md
    assert "1. Tram approved (2026-03-02) — /news/a.txt" in md
    assert "   > The vote passed." in md


def test_overview_bullets_render_but_article_markup_does_not() -> None:
    from qa.types import Answer, Citation
    from ui.render import answer_html

    cite = Citation(1, "s", "T", "p", "q", 0, 1)
    html_out = answer_html(Answer("q", '- **Ana Reyes** (mayor): “<script>x()</script> **not bold**” [1]', True, [cite]))
    assert "<li><strong>Ana Reyes</strong>" in html_out
    assert "<script>" not in html_out and "&lt;script&gt;" in html_out
    assert 'class="nqa-cite"' in html_out
