"""End to end in a real Chromium: a store built with the ingest API, the app as a server, a question typed in.

AppTest cannot show what a user sees (CSS, the streamed answer, clicks on
expanders and toggles, whether ``<script>`` from an article runs), so this
drives ``streamlit run`` with Playwright and saves screenshots to
``test-artifacts/`` for a human look.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-quic"]
QUOTE = "We rebuilt every shelf by hand, and the children's corner is bigger than before"
# Enough text before the quote that the "show in article" box must open scrolled to the passage.
HISTORY = "\n\n".join(
    f"In {year}, the library added a reading room, a map collection and evening hours for workers." for year in
    range(1950, 1980)
)
ARTICLE = f"""Riverside library reopens after the spring flood

The Riverside public library reopened on Tuesday, eight months after the spring flood filled its ground floor with water.

{HISTORY}

Head librarian Dana Whitfield said volunteers had dried, sorted and catalogued more than 40,000 books. "{QUOTE}," Whitfield said.

A sign at the entrance, written by a local pupil, reads <script>alert("flood")</script> as a joke about computer viruses, staff explained.

The city paid 2.1 million euros for the repairs, and a new pump system should keep the basement dry in future floods.
"""

sync_api = pytest.importorskip("playwright.sync_api")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"no answer from {url} within {timeout}s")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """A store holding one article (real ingest API, hash embedder) served by ``streamlit run``."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install the Debian chromium package (scripts/test.sh does)")
    from core.components import Components
    from core.settings import Settings
    from ingest.pipeline import Ingestor

    article = tmp_path / "articles" / "2026-04-14_riverside-library-reopens.txt"
    article.parent.mkdir(parents=True)
    article.write_text(ARTICLE, encoding="utf-8")
    store = tmp_path / "store"
    components = Components(Settings(data_dir=store, embedder="hash"))
    report = Ingestor(components, show_bar=False).run([str(article.parent)])
    assert len(report.added) == 1 and not report.failed, report.to_text()
    components.catalog.close()

    ARTIFACTS.mkdir(exist_ok=True)
    port = free_port()
    env = {**os.environ, "NEWSQA_DATA_DIR": str(store), "NEWSQA_EMBEDDER": "hash"}
    log = (ARTIFACTS / "streamlit-server.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
         "--server.headless", "true", "--server.address", "127.0.0.1"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    try:
        wait_http(f"http://127.0.0.1:{port}/_stcore/health", proc)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
        log.close()


def test_ask_open_citation_and_see_highlight(server: str) -> None:
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            dialogs: list[str] = []
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.goto(server, wait_until="domcontentloaded")

            box = page.get_by_test_id("stChatInputTextArea")
            box.wait_for(timeout=60_000)
            page.screenshot(path=str(ARTIFACTS / "1-start.png"))
            box.fill("What did Dana Whitfield say?")
            box.press("Enter")

            answer = page.locator(".nqa-answer").first
            answer.wait_for(timeout=60_000)
            assert "rebuilt every shelf" in answer.inner_text()
            assert page.locator(".nqa-answer .nqa-cite").count() >= 1  # [n] rendered as a reference
            page.screenshot(path=str(ARTIFACTS / "2-answer.png"), full_page=True)

            expander = page.get_by_test_id("stExpander").first
            assert "Riverside library reopens" in expander.locator("summary").inner_text()
            expander.locator("summary").click()
            mark = expander.locator(".nqa-passage mark.nqa-quote")
            mark.wait_for(state="visible", timeout=15_000)
            assert QUOTE in mark.inner_text()
            page.screenshot(path=str(ARTIFACTS / "3-citation.png"), full_page=True)

            expander.get_by_text("Show in article").click()
            whole = expander.locator(".nqa-article")
            whole.wait_for(state="visible", timeout=15_000)
            in_article = whole.locator("mark.nqa-quote")
            assert QUOTE in in_article.inner_text()
            box_top, box_bottom = _vertical(whole)
            mark_top, mark_bottom = _vertical(in_article)
            # the box opens scrolled to the passage: the marked sentence starts inside its visible area
            # (its last line may sit a few pixels past the bottom edge)
            assert box_top <= mark_top < box_bottom and mark_bottom > box_top, "the box must open at the passage"
            assert '<script>alert("flood")</script>' in whole.inner_text()  # shown as text, never run
            page.screenshot(path=str(ARTIFACTS / "4-in-article.png"), full_page=True)

            page.get_by_role("link", name="Library").first.click()
            page.get_by_text("Riverside library reopens after the spring flood").first.wait_for(timeout=30_000)
            page.screenshot(path=str(ARTIFACTS / "5-library.png"), full_page=True)
            assert not dialogs, f"article HTML was executed: {dialogs}"
        finally:
            browser.close()


def _vertical(locator: object) -> tuple[float, float]:
    box = locator.bounding_box()  # type: ignore[attr-defined]
    assert box is not None
    return box["y"], box["y"] + box["height"]
