"""Loaders: every supported format, every bad input, and the title/date rules.

Everything is built in ``tmp_path`` (PDFs by hand, a local ``http.server`` for
URLs) so the suite runs offline and in a few seconds.
"""

from __future__ import annotations

import functools
import http.server
import os
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from ingest.loaders import LoadError, discover, load, parse_date

ARTICLE_HTML = """<!doctype html><html><head><meta charset="utf-8">
<title>Senator says the bill will pass | Example News</title>
<meta property="og:title" content="Senator says the bill will pass">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2021-03-04T10:00:00Z">
<link rel="canonical" href="https://example.com/news/senator-bill">
<script>var secret = "SCRIPT_SECRET";</script><style>.x { color: red } /* STYLE_SECRET */</style>
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Senator says the bill will pass</h1>
<p>WASHINGTON &mdash; The senator said on Tuesday that the bill would pass, according to aides familiar
with the talks who spoke on condition of anonymity.</p>
<p>“We have the votes,” said Sen. John Smith, a Democrat from Ohio. “It’s done.”</p>
<p>Opponents disagreed and said they would keep fighting the measure in committee for weeks.</p>
</article><footer>Copyright 2021 Example</footer></body></html>"""


# --------------------------------------------------------------------------- helpers


def _pdf(content: bytes | None, *, title: str = "") -> bytes:
    """A minimal valid PDF with one page; ``content`` is its content stream (None: no text)."""
    info = f"<< /Title ({title}) >>".encode() if title else b"<< >>"
    stream = content or b""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        info,
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def _text_stream(*lines: str) -> bytes:
    body = b"BT /F1 12 Tf 72 720 Td 14 TL\n"
    body += b"".join(b"(" + line.encode("latin-1") + b") Tj T*\n" for line in lines)
    return body + b"ET"


def _write(path: Path, data: str | bytes) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return str(path)


def _reason(source: str, **kwargs: float) -> str:
    with pytest.raises(LoadError) as info:
        load(source, **kwargs)
    return str(info.value)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # stdlib signature
        """Keep test output clean."""


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A local HTTP server on a free port serving ``tmp_path/www``."""
    root = tmp_path / "www"
    root.mkdir()
    handler = functools.partial(_QuietHandler, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", root
    finally:
        httpd.shutdown()
        httpd.server_close()


# --------------------------------------------------------------------------- text files


def test_txt_headline_becomes_title_and_stays_in_text(tmp_path: Path) -> None:
    text = "Senator says bill will pass\n\nWASHINGTON — “We have the votes,” said Sen. John Smith.\n"
    art = load(_write(tmp_path / "breitbart_2015-11-19_hillary-emails.txt", text))
    assert art.title == "Senator says bill will pass"
    assert art.text == text.strip()
    assert art.date == "2015-11-19"
    assert art.source == str((tmp_path / "breitbart_2015-11-19_hillary-emails.txt").resolve())
    assert art.url == ""


def test_txt_headline_followed_by_longer_paragraph(tmp_path: Path) -> None:
    text = "Big storm hits coast\nThe storm made landfall early on Monday, and many lost power.\n"
    assert load(_write(tmp_path / "a.txt", text)).title == "Big storm hits coast"


def test_txt_without_headline_uses_pretty_stem(tmp_path: Path) -> None:
    long_first = "The storm made landfall early on Monday. Officials said so. Thousands lost power. " * 3
    art = load(_write(tmp_path / "reuters_2020-01-02_big-storm_hits.txt", long_first + "\n\nMore."))
    assert art.title == "Reuters big storm hits"
    assert art.text.startswith("The storm made landfall")


def test_txt_single_paragraph_is_not_a_headline(tmp_path: Path) -> None:
    assert load(_write(tmp_path / "just-one-line.txt", "Only one short line.")).title == "Just one line"


def test_txt_wrapped_sentence_is_not_a_headline(tmp_path: Path) -> None:
    text = "The senator said on Tuesday that the bill\nwould pass according to aides familiar with talks.\n"
    assert load(_write(tmp_path / "wrapped.txt", text)).title == "Wrapped"


def test_date_header_used_when_name_has_no_date(tmp_path: Path) -> None:
    text = "Date: November 19, 2015\nAuthor: Jane Doe\n\nHeadline here\n\nBody paragraph of the story.\n"
    art = load(_write(tmp_path / "story.txt", text))
    assert art.date == "2015-11-19"
    assert art.author == "Jane Doe"
    assert art.title == "Headline here"


def test_file_name_date_wins_over_header_and_bad_dates_are_ignored(tmp_path: Path) -> None:
    assert load(_write(tmp_path / "x_2016-02-03.txt", "Date: 2015-11-19\n\nHi there.")).date == "2016-02-03"
    assert load(_write(tmp_path / "x_2016-13-45.txt", "Hello.\n\nBody text.")).date == ""
    assert load(_write(tmp_path / "y.txt", "Date: sometime last week\n\nBody text.")).date == ""


@pytest.mark.parametrize(
    ("raw", "iso"),
    [("2015-11-19", "2015-11-19"), ("2015-11-19T10:00:00Z", "2015-11-19"), ("Nov 19, 2015", "2015-11-19"),
     ("19 November 2015", "2015-11-19"), ("yesterday", ""), ("2015-02-30", "")],
)
def test_parse_date(raw: str, iso: str) -> None:
    assert parse_date(raw) == iso


def test_markdown_heading_stripped(tmp_path: Path) -> None:
    art = load(_write(tmp_path / "note.md", "# Markets rally on rate cut\n\nStocks rose sharply on Friday."))
    assert art.title == "Markets rally on rate cut"
    assert art.text == "Markets rally on rate cut\n\nStocks rose sharply on Friday."


def test_markdown_front_matter(tmp_path: Path) -> None:
    raw = "---\ntitle: \"Front title\"\ndate: 2019-05-06\n---\nBody sentence one. Body two.\n"
    art = load(_write(tmp_path / "fm.markdown", raw))
    assert (art.title, art.date, art.text) == ("Front title", "2019-05-06", "Body sentence one. Body two.")


def test_utf8_bom_and_crlf(tmp_path: Path) -> None:
    art = load(_write(tmp_path / "bom.txt", "\ufeffTitle\r\n\r\nCaf\u00e9 “quote”.\r\n".encode()))
    assert art.text == "Title\n\nCaf\u00e9 “quote”."


def test_cp1252_fallback(tmp_path: Path) -> None:
    raw = "Headline\n\n\u201cWe won\u2019t stop,\u201d she said in the caf\u00e9.\n".encode("cp1252")
    art = load(_write(tmp_path / "legacy.txt", raw))
    assert "\u201cWe won\u2019t stop,\u201d she said in the caf\u00e9." in art.text


def test_undecodable_text_bytes(tmp_path: Path) -> None:
    raw = b"Headline\n\nThis is plain text with an undefined cp1252 byte \x81 and invalid UTF-8 \xff.\n"
    assert "neither UTF-8 nor" in _reason(_write(tmp_path / "bad.txt", raw))


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  ", "\ufeff\n".encode()])
def test_empty_file(tmp_path: Path, data: bytes) -> None:
    assert _reason(_write(tmp_path / "empty.txt", data)) == "empty file"


@pytest.mark.parametrize("data", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", bytes(range(1, 8)) * 200,
                                  bytes(range(128, 256)) * 20])
def test_binary_file(tmp_path: Path, data: bytes) -> None:
    assert _reason(_write(tmp_path / "image.txt", data)) == "binary file, not text"


def test_too_large_single_line_is_rejected_fast(tmp_path: Path) -> None:
    path = _write(tmp_path / "huge.txt", b"a" * 10_000_001)
    assert _reason(path) == "file larger than 10 MB"
    assert _reason(path, max_bytes=2_000) == "file larger than 0.002 MB"


def test_large_single_line_within_limit_loads(tmp_path: Path) -> None:
    art = load(_write(tmp_path / "big.txt", ("word " * 1_900_000).encode()))
    assert len(art.text) == 9_499_999
    assert "\n" not in art.text


def test_unsupported_and_missing_and_folder(tmp_path: Path) -> None:
    assert _reason(_write(tmp_path / "data.xyz", "hello")) == "unsupported file type .xyz"
    assert _reason(_write(tmp_path / "README", "hello")) == "unsupported file type (no extension)"
    assert _reason(str(tmp_path / "missing.txt")) == "file not found"
    assert _reason(str(tmp_path)) == "is a folder, not a file"


@pytest.mark.parametrize("name", ["my article.txt", "-leading-dash.txt", "quote's \"x\".txt",
                                  "日本語 ニュース.txt", "Ünïcödé café.TXT", "--.md"])
def test_odd_file_names(tmp_path: Path, name: str) -> None:
    path = _write(tmp_path / name, "Headline\n\nBody text here.\n")
    art = load(path)
    assert art.text == "Headline\n\nBody text here."
    assert discover([str(tmp_path)])[0] == [str(Path(path).resolve())]


# --------------------------------------------------------------------------- HTML


def test_html_article(tmp_path: Path) -> None:
    art = load(_write(tmp_path / "page.html", ARTICLE_HTML))
    assert art.title == "Senator says the bill will pass"
    assert art.author == "Jane Doe"
    assert art.date == "2021-03-04"
    assert art.url == "https://example.com/news/senator-bill"
    assert "“We have the votes,” said Sen. John Smith, a Democrat from Ohio. “It’s done.”" in art.text
    assert "WASHINGTON — The senator said" in art.text
    for junk in ("SCRIPT_SECRET", "STYLE_SECRET", "<p>", "</", "&mdash;", "Copyright"):
        assert junk not in art.text
    paragraphs = art.text.split("\n\n")
    assert any(p.startswith("Opponents disagreed") for p in paragraphs)


def test_tiny_html_page_falls_back_to_paragraphs(tmp_path: Path) -> None:
    html = "<html><head><title>Tiny</title><script>evil()</script></head><body><p>Hi &amp; bye.</p>" \
           "<p>Second <b>bold</b> line.</p></body></html>"
    art = load(_write(tmp_path / "tiny.htm", html))
    assert art.text == "Hi & bye.\n\nSecond bold line."
    assert "evil" not in art.text


@pytest.mark.parametrize("html", [
    "<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a><a href='/b'>About</a></nav>"
    "<script>var s = 'not text';</script></body></html>",
    "<html><body><script>document.write('x')</script><style>p{}</style></body></html>",
    "<html></html>",
])
def test_html_without_article(tmp_path: Path, html: str) -> None:
    assert _reason(_write(tmp_path / "menu.html", html)) == "no article text found in the HTML page"


def test_html_file_name_date_and_title_fallback(tmp_path: Path) -> None:
    art = load(_write(tmp_path / "site_2018-07-08_some-story.html", "<p>Just one paragraph of text.</p>"))
    assert art.date == "2018-07-08"
    assert art.text == "Just one paragraph of text."
    assert art.title


# --------------------------------------------------------------------------- PDF


def test_pdf_text_and_title_from_first_line(tmp_path: Path) -> None:
    body = "The city council voted 7-2 on Monday to approve the budget for the next fiscal year."
    pdf = _pdf(_text_stream("Council approves new budget", body))
    art = load(_write(tmp_path / "budget_2022-04-05.pdf", pdf))
    assert art.text == "Council approves new budget\n" + body
    assert art.title == "Council approves new budget"
    assert art.date == "2022-04-05"


def test_pdf_title_from_metadata(tmp_path: Path) -> None:
    art = load(_write(tmp_path / "x.pdf", _pdf(_text_stream("Body line."), title="Metadata Title")))
    assert art.title == "Metadata Title"


def test_pdf_junk_metadata_title_ignored(tmp_path: Path) -> None:
    pdf = _pdf(_text_stream("Real headline"), title="Microsoft Word - draft.docx")
    art = load(_write(tmp_path / "x.pdf", pdf))
    assert art.title == "Real headline"


def test_pdf_mid_sentence_wraps_are_joined(tmp_path: Path) -> None:
    pdf = _pdf(_text_stream("The mayor said the plan", "would cost millions.", "Next sentence."))
    text = load(_write(tmp_path / "w.pdf", pdf)).text
    assert text == "The mayor said the plan would cost millions.\nNext sentence."
    full = "\"We will not back down from this fight,\" said the governor of the state, Maria"
    pdf = _pdf(_text_stream(full, "Lopez, on Friday. \"Never.\"", "Short line"))
    text = load(_write(tmp_path / "q.pdf", pdf)).text
    assert text == full + " Lopez, on Friday. \"Never.\"\nShort line"


def test_pdf_without_text(tmp_path: Path) -> None:
    assert _reason(_write(tmp_path / "scan.pdf", _pdf(None))) == "PDF has no extractable text (scanned?)"


@pytest.mark.parametrize("data", [b"%PDF-1.4\nthis is not really a pdf", b"plain text pretending"])
def test_fake_pdf(tmp_path: Path, data: bytes) -> None:
    assert _reason(_write(tmp_path / "fake.pdf", data)).startswith("not a readable PDF: ")


def test_empty_pdf(tmp_path: Path) -> None:
    assert _reason(_write(tmp_path / "empty.pdf", b"")) == "empty file"


# --------------------------------------------------------------------------- discover


def test_discover_folders_sorted_filtered_hidden_skipped(tmp_path: Path) -> None:
    for name in ["b.txt", "a.md", "c.pdf", "d.HTML", "skip.xyz", ".hidden.txt", "sub/z.htm", "sub/.git/x.txt",
                 ".hid/y.txt", "sub/deeper/a.markdown"]:
        _write(tmp_path / name, "x")
    sources, failures = discover([str(tmp_path)])
    root = tmp_path.resolve()
    assert sources == [str(root / n) for n in ["a.md", "b.txt", "c.pdf", "d.HTML", "sub/deeper/a.markdown",
                                               "sub/z.htm"]]
    assert failures == []


def test_discover_urls_missing_explicit_and_dedupe(tmp_path: Path) -> None:
    path = _write(tmp_path / "notes.xyz", "x")
    inputs = ["https://example.com/a", str(tmp_path / "nope.txt"), path, path, "http://example.com/b", " "]
    sources, failures = discover(inputs)
    assert sources == ["https://example.com/a", str(Path(path).resolve()), "http://example.com/b"]
    missing = str(tmp_path / "nope.txt")
    reasons = [(f.source, f.reason) for f in failures]
    assert reasons == [(missing, "no such file or folder"), (" ", "empty path")]


def test_discover_relative_path_becomes_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write(tmp_path / "rel.txt", "x")
    monkeypatch.chdir(tmp_path)
    assert discover(["rel.txt"])[0] == [str((tmp_path / "rel.txt").resolve())]


def test_discover_symlink_loop_terminates(tmp_path: Path) -> None:
    _write(tmp_path / "d/a.txt", "x")
    os.symlink(tmp_path / "d", tmp_path / "d/loop")
    os.symlink(tmp_path, tmp_path / "d/up")
    os.symlink(tmp_path / "self", tmp_path / "self")
    sources, failures = discover([str(tmp_path / "d"), str(tmp_path / "self")])
    assert sources == [str((tmp_path / "d/a.txt").resolve())]
    assert [f.reason for f in failures] == ["broken symlink or symlink loop"]


def test_discover_empty_folder_is_reported(tmp_path: Path) -> None:
    _write(tmp_path / "only.xyz", "x")
    sources, failures = discover([str(tmp_path)])
    assert sources == []
    assert len(failures) == 1
    assert "no supported files" in failures[0].reason


# --------------------------------------------------------------------------- URLs


def test_url_html_article(server: tuple[str, Path]) -> None:
    base, root = server
    _write(root / "news" / "story.html", ARTICLE_HTML)
    art = load(f"{base}/news/story.html", timeout=5)
    assert art.source == f"{base}/news/story.html"
    assert art.url == "https://example.com/news/senator-bill"
    assert art.title == "Senator says the bill will pass"
    assert "“We have the votes,” said Sen. John Smith" in art.text
    assert "SCRIPT_SECRET" not in art.text


def test_url_without_canonical_uses_url(server: tuple[str, Path]) -> None:
    base, root = server
    _write(root / "2019-05-06-plain.html", "<html><body><p>A short page.</p></body></html>")
    art = load(f"{base}/2019-05-06-plain.html", timeout=5)
    assert art.url == f"{base}/2019-05-06-plain.html"
    assert art.date == "2019-05-06"


def test_url_text_and_pdf(server: tuple[str, Path]) -> None:
    base, root = server
    _write(root / "note.txt", "Plain headline\n\nPlain body.\n")
    _write(root / "doc.pdf", _pdf(_text_stream("PDF over HTTP")))
    assert load(f"{base}/note.txt", timeout=5).title == "Plain headline"
    assert load(f"{base}/doc.pdf", timeout=5).text == "PDF over HTTP"


def test_url_404(server: tuple[str, Path]) -> None:
    assert _reason(f"{server[0]}/missing.html", timeout=5) == "HTTP 404"


def test_url_too_large(server: tuple[str, Path]) -> None:
    base, root = server
    _write(root / "big.html", "<p>" + "x" * 5000 + "</p>")
    assert _reason(f"{base}/big.html", timeout=5, max_bytes=1000) == "page larger than 0.001 MB"


def test_url_unsupported_content_type(server: tuple[str, Path]) -> None:
    base, root = server
    _write(root / "pic.png", b"\x89PNG\r\n\x1a\n")
    assert _reason(f"{base}/pic.png", timeout=5) == "unsupported content type image/png"


def test_url_unreachable() -> None:
    reason = _reason("http://127.0.0.1:9/", timeout=2)
    assert reason.startswith("could not reach host: ")
    assert "\n" not in reason


def test_url_timeout() -> None:
    with socket.socket() as listener:  # accepts connections (backlog) but never answers
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        reason = _reason(f"http://127.0.0.1:{listener.getsockname()[1]}/", timeout=0.3)
    assert "timed out" in reason


def test_password_protected_pdf(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.encrypt("secret", algorithm="RC4-128")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    assert _reason(str(path)) == "not a readable PDF: it is password-protected"
