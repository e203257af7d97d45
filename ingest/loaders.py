"""Turn user inputs (files, folders, URLs) into cleaned ``Article`` records.

Loading is the one place where messy inputs meet the system, so every failure
must become a short, one-line reason a user can act on ("empty file", "HTTP 404")
instead of a traceback; ``LoadError`` carries that reason. Everything runs
offline except an explicit URL fetch, and every path is bounded: sizes are
checked before reading, folder walks track real paths so symlink loops end.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath

from ingest.clean import clean_text, one_line
from ingest.sentences import split_sentences
from ingest.types import Article, Failure

TEXT_SUFFIXES = (".txt", ".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")
PDF_SUFFIXES = (".pdf",)
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + PDF_SUFFIXES

USER_AGENT = "Mozilla/5.0 (compatible; news-qa-offline/1.0; +article loader)"
_MAX_TITLE = 200  # a "headline" longer than this is a paragraph
_HEADER_LINES = 10  # "Date:"-style headers are only looked for near the top
_MIN_ARTICLE = 200  # shorter HTML extractions are cross-checked with the stdlib parser


class LoadError(Exception):
    """An input could not be loaded; ``str(err)`` is a one-line human reason."""

    def __init__(self, reason: str) -> None:
        super().__init__(one_line(reason)[:300] or "unknown error")

    @property
    def reason(self) -> str:
        return str(self)


@dataclass
class _Origin:
    """Where bytes came from: identity plus the name used for title/date fallbacks."""

    source: str
    name: str  # file name or last URL path segment, e.g. "breitbart_2015-11-19_x.txt"
    url: str = ""


# --------------------------------------------------------------------------- discover


def is_url(value: str) -> bool:
    """True for http(s) URLs, which are fetched instead of read from disk."""
    return bool(re.match(r"https?://\S+$", value.strip(), re.IGNORECASE))


def discover(inputs: list[str]) -> tuple[list[str], list[Failure]]:
    """Expand inputs into a deterministic, de-duplicated list of sources.

    Folders are walked recursively in sorted order keeping supported files only;
    an explicitly named file is kept whatever its suffix so that ``load`` can say
    why it is unsupported. Missing paths become ``Failure`` records.
    """
    sources: list[str] = []
    failures: list[Failure] = []
    seen: set[str] = set()

    def add(source: str) -> None:
        if source not in seen:
            seen.add(source)
            sources.append(source)

    for raw in inputs:
        if is_url(raw):
            add(raw.strip())
            continue
        if not raw.strip():
            failures.append(Failure(raw, "empty path"))  # "" would otherwise mean the current folder
            continue
        path = os.path.abspath(os.path.expanduser(raw))
        if not os.path.exists(path):
            reason = "broken symlink or symlink loop" if os.path.islink(path) else "no such file or folder"
            failures.append(Failure(raw, reason))
        elif os.path.isdir(path):
            found = _walk(os.path.realpath(path), set(), failures)
            if not found:
                kinds = " ".join(SUPPORTED_SUFFIXES)
                failures.append(Failure(raw, f"folder has no supported files ({kinds})"))
            for source in found:
                add(source)
        else:
            add(os.path.realpath(path))
    return sources, failures


def _walk(folder: str, visited: set[str], failures: list[Failure]) -> list[str]:
    """Supported files below ``folder``; ``visited`` real dirs stop symlink loops."""
    real = os.path.realpath(folder)
    if real in visited:
        return []
    visited.add(real)
    try:
        names = sorted(os.listdir(real))
    except OSError as err:
        failures.append(Failure(folder, f"cannot read folder: {err.strerror or err}"))
        return []
    found: list[str] = []
    for name in names:
        if name.startswith("."):
            continue
        path = os.path.join(real, name)
        if os.path.isdir(path):
            found.extend(_walk(path, visited, failures))
        elif os.path.isfile(path) and name.lower().endswith(SUPPORTED_SUFFIXES):
            found.append(os.path.realpath(path))
    return found


# --------------------------------------------------------------------------- load


def load(source: str, *, timeout: float = 15.0, max_bytes: int = 10_000_000) -> Article:
    """Load one file path or http(s) URL as an ``Article``; raises ``LoadError``."""
    if is_url(source):
        return _load_url(source.strip(), timeout=timeout, max_bytes=max_bytes)
    return _load_file(source, max_bytes=max_bytes)


def _too_big(max_bytes: int, what: str) -> LoadError:
    return LoadError(f"{what} larger than {max_bytes / 1_000_000:g} MB")


def _load_file(source: str, *, max_bytes: int) -> Article:
    path = os.path.realpath(os.path.abspath(os.path.expanduser(source)))
    if not os.path.exists(path):
        raise LoadError("file not found")
    if os.path.isdir(path):
        raise LoadError("is a folder, not a file")
    if not os.path.isfile(path):
        raise LoadError("not a regular file")
    suffix = Path(path).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise LoadError(f"unsupported file type {suffix or '(no extension)'}")
    try:
        if os.path.getsize(path) > max_bytes:
            raise _too_big(max_bytes, "file")
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as err:
        raise LoadError(f"cannot read file: {err.strerror or err}") from None
    if len(data) > max_bytes:  # grew while we looked, or a special file
        raise _too_big(max_bytes, "file")
    origin = _Origin(source=path, name=os.path.basename(path))
    if suffix in PDF_SUFFIXES:
        return _from_pdf(data, origin)
    if suffix in HTML_SUFFIXES:
        return _from_html(data, origin)
    return _from_text(data, origin, markdown=suffix != ".txt")


def _load_url(url: str, *, timeout: float, max_bytes: int) -> Article:
    data, content_type, charset, final_url = _fetch(url, timeout=timeout, max_bytes=max_bytes)
    name = PurePosixPath(urllib.parse.urlsplit(final_url).path).name
    origin = _Origin(source=url, name=name or urllib.parse.urlsplit(final_url).hostname or url, url=final_url)
    if content_type == "application/pdf" or data.startswith(b"%PDF-"):
        return _from_pdf(data, origin)
    if content_type in ("text/plain", "text/markdown", "text/x-markdown"):
        return _from_text(data, origin, markdown=content_type != "text/plain", charset=charset)
    if content_type in ("", "text/html", "application/xhtml+xml", "application/xml", "text/xml"):
        return _from_html(data, origin, charset=charset)
    raise LoadError(f"unsupported content type {content_type}")


def _fetch(url: str, *, timeout: float, max_bytes: int) -> tuple[bytes, str, str, str]:
    """GET ``url``; return body, bare content type, charset and final URL."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as resp:
            length = resp.headers.get("Content-Length", "")
            if length.isdigit() and int(length) > max_bytes:
                raise _too_big(max_bytes, "page")
            data = resp.read(max_bytes + 1)
            content_type = resp.headers.get_content_type() if resp.headers.get("Content-Type") else ""
            charset = resp.headers.get_content_charset() or ""
            final_url = resp.geturl() or url
    except urllib.error.HTTPError as err:
        raise LoadError(f"HTTP {err.code}") from None
    except urllib.error.URLError as err:
        raise LoadError(f"could not reach host: {_reason(err.reason)}") from None
    except TimeoutError:
        raise LoadError(f"timed out after {timeout:g} s") from None
    except (OSError, ValueError) as err:  # http.client errors, bad URLs, resets
        raise LoadError(f"could not fetch page: {_reason(err)}") from None
    if len(data) > max_bytes:
        raise _too_big(max_bytes, "page")
    return data, content_type, charset, final_url


def _reason(err: object) -> str:
    """A short text for an exception or a URLError reason."""
    if isinstance(err, OSError) and err.strerror:
        return err.strerror
    return str(err) or type(err).__name__


# --------------------------------------------------------------------------- bytes -> text


def _check_not_binary(data: bytes) -> None:
    """Reject binary data early: NUL bytes or >30 % control bytes."""
    if not data.strip():
        raise LoadError("empty file")
    sample = data[:65536]
    if b"\x00" in data:
        raise LoadError("binary file, not text")
    controls = sum(sample.count(bytes([b])) for b in (*range(9), 0x0E, *range(0x10, 0x20), 0x7F))
    if controls / len(sample) > 0.30:
        raise LoadError("binary file, not text")


def _decode(data: bytes, charset: str = "") -> str:
    """Decode text: BOMs, declared charset, UTF-8, then cp1252 if it still looks like text."""
    for bom, codec in ((b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                raise LoadError("could not decode UTF-16 text") from None
    _check_not_binary(data)
    for codec in (charset, "utf-8-sig"):
        if codec:
            try:
                return data.decode(codec)
            except (UnicodeDecodeError, LookupError):
                pass
    sample = data[:65536]
    if sum(b >= 0x80 for b in sample) / len(sample) > 0.30:
        raise LoadError("binary file, not text")
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise LoadError("could not decode text (neither UTF-8 nor Windows-1252)") from None


# --------------------------------------------------------------------------- titles and dates

_DATE_FORMATS = (
    "%Y-%m-%d", "%Y/%m/%d", "%B %d, %Y", "%b %d, %Y", "%b. %d, %Y", "%d %B %Y", "%d %b %Y",
    "%B %d %Y", "%A, %B %d, %Y", "%a, %d %b %Y", "%d.%m.%Y",
)
_HEADER = re.compile(r"(title|date|published|dated|author|by|source|url)\s*:\s*(.*\S)", re.IGNORECASE)


def _date_from_name(name: str) -> str:
    """ISO date embedded in a file name or URL, e.g. ``site_2015-11-19_slug.txt``."""
    for m in re.finditer(r"(?<!\d)(\d{4})[-_/](\d{2})[-_/](\d{2})(?!\d)", name):
        iso = _valid_iso(*m.groups())
        if iso:
            return iso
    return ""


def _valid_iso(year: str, month: str, day: str) -> str:
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return ""


def parse_date(value: str) -> str:
    """ISO ``YYYY-MM-DD`` for trivially parseable dates, else ""."""
    value = one_line(value).strip(" .")
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})(?:[T ]\S*)?$", value)
    if m:
        return _valid_iso(*m.groups())
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    return ""


def _pretty_stem(name: str) -> str:
    """Readable title from a file name: ``cnn_2020-01-02_big-news.txt`` -> ``Cnn big news``."""
    stem = name.rsplit(".", 1)[0] if "." in name.strip(".") else name
    words = re.sub(r"(?<!\d)\d{4}[-_]\d{2}[-_]\d{2}(?!\d)", " ", stem)
    words = " ".join(re.sub(r"[_\-+]+", " ", words).split())
    pretty = words or one_line(stem) or name
    return pretty[:1].upper() + pretty[1:]


def _headers(lines: list[str]) -> tuple[dict[str, str], int]:
    """``Key: value`` header lines at the top of a text file and how many lines they span."""
    found: dict[str, str] = {}
    count = 0
    for line in lines[:_HEADER_LINES]:
        m = _HEADER.fullmatch(line)
        if not m:
            break
        key = m.group(1).lower()
        key = {"published": "date", "dated": "date", "by": "author"}.get(key, key)
        found.setdefault(key, m.group(2))
        count += 1
    return found, count


def _is_headline(line: str, following: list[str]) -> bool:
    """A first line is a headline when short, at most 2 sentences, and followed by a break or more prose."""
    if not line or len(line) >= _MAX_TITLE or not following:
        return False
    if len(split_sentences(line)) > 2:
        return False
    nxt = following[0]
    if nxt == "":
        return any(following)
    return len(nxt) > len(line) and not nxt[0].islower()


def _wrapped_headline(lines: list[str]) -> str:
    """A headline wrapped over two or three lines ("Deal on court;" / "Common Sense.") then a blank line."""
    block: list[str] = []
    for line in lines[:4]:
        if not line:
            break
        block.append(line)
    rest = lines[len(block):]
    joined = " ".join(block)
    if 2 <= len(block) <= 3 and len(joined) < _MAX_TITLE and any(rest) and rest[:1] == [""]:
        return joined
    return ""


# --------------------------------------------------------------------------- text files


def _strip_front_matter(text: str) -> tuple[str, dict[str, str]]:
    """Remove a YAML ``---`` front-matter block from markdown, keeping simple keys."""
    m = re.match(r"---\n(.*?)\n---\n", text + "\n", re.DOTALL)
    if not m or len(m.group(1)) > 5000:
        return text, {}
    meta, _ = _headers([line for line in m.group(1).split("\n") if _HEADER.fullmatch(line)])
    meta = {k: v.strip("'\"") for k, v in meta.items()}
    return text[m.end():], meta


def _from_text(data: bytes, origin: _Origin, *, markdown: bool, charset: str = "") -> Article:
    raw = _decode(data, charset)
    meta: dict[str, str] = {}
    if markdown:
        raw, meta = _strip_front_matter(clean_text(raw))
    text = clean_text(raw)
    if not text:
        raise LoadError("empty file")
    lines = text.split("\n")
    headers, skip = _headers(lines)
    while skip and skip < len(lines) and not lines[skip]:
        skip += 1  # blank line between a "Date:" header block and the headline
    meta = {**headers, **meta}
    title = ""
    first = lines[skip] if skip < len(lines) else ""
    if markdown and re.match(r"#{1,6} ", first):
        first = first.split(" ", 1)[1].strip()
        lines[skip] = first
        text = "\n".join(lines)
        title = first
    else:
        title = _wrapped_headline(lines[skip:]) or (first if _is_headline(first, lines[skip + 1:]) else "")
    return _article(origin, text, title=meta.get("title") or title, author=meta.get("author", ""),
                    date_text=meta.get("date", ""), url=meta.get("url", ""))


def _article(origin: _Origin, text: str, *, title: str = "", author: str = "", date_text: str = "",
             url: str = "") -> Article:
    """Assemble the record, filling title/date from the name when the content has none."""
    iso = _date_from_name(origin.name) or _date_from_name(origin.url) or parse_date(date_text)
    return Article(
        source=origin.source,
        title=one_line(title)[:_MAX_TITLE * 2] or _pretty_stem(origin.name),
        text=text,
        author=one_line(author),
        date=iso,
        url=url or origin.url,
    )


# --------------------------------------------------------------------------- HTML


class _PageText(HTMLParser):
    """Stdlib fallback extraction: <article>/<p> paragraphs, never script/style text."""

    SKIP = frozenset({"script", "style", "noscript", "template", "svg", "title", "iframe", "object"})
    CHROME = frozenset({"nav", "header", "footer", "aside", "form", "button", "select", "a", "label"})
    BLOCKS = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr",
                        "section", "article", "ul", "ol", "table", "pre", "figcaption", "dd", "dt", "hr"})
    VOID = frozenset({"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = {"skip": 0, "chrome": 0, "article": 0, "p": 0, "title": 0, "h1": 0}
        self.article: list[list[str]] = [[]]
        self.paragraphs: list[list[str]] = [[]]
        self.content_chars = 0
        self.title = ""
        self.h1 = ""

    def _counter(self, tag: str) -> str | None:
        if tag in self.SKIP:
            return "title" if tag == "title" else "skip"
        if tag in self.CHROME:
            return "chrome"
        return tag if tag in ("article", "h1") else None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.BLOCKS:
            self._break()
            if tag not in ("br", "wbr"):
                self.depth["p"] = int(tag == "p")  # <p> never nests and its end tag is optional
        key = self._counter(tag)
        if key and tag not in self.VOID:
            self.depth[key] += 1
        if key == "title":
            self.depth["skip"] += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "p":
            self.depth["p"] = 0
        key = self._counter(tag)
        if key and self.depth[key] > 0:
            self.depth[key] -= 1
            if key == "title":
                self.depth["skip"] = max(0, self.depth["skip"] - 1)
        if tag in self.BLOCKS:
            self._break()

    def handle_data(self, data: str) -> None:
        if self.depth["title"]:
            self.title += data
        if self.depth["skip"]:
            return
        if self.depth["h1"]:
            self.h1 += data
        if self.depth["chrome"]:
            return
        self.content_chars += len(data.strip())
        if self.depth["article"]:
            self.article[-1].append(data)
        elif self.depth["p"]:
            self.paragraphs[-1].append(data)

    def _break(self) -> None:
        for blocks in (self.article, self.paragraphs):
            if blocks[-1]:
                blocks.append([])

    def best_text(self) -> str:
        """Article paragraphs when the page has an <article>, else all <p> paragraphs."""
        for blocks in (self.article, self.paragraphs):
            paras = [one_line("".join(parts)) for parts in blocks]
            text = "\n\n".join(p for p in paras if p)
            if text:
                return text
        return ""


def _page_text(html: str) -> _PageText:
    parser = _PageText()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # html.parser rarely raises; keep what was parsed
        pass
    return parser


def _html_charset(data: bytes) -> str:
    m = re.search(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", data[:4096], re.IGNORECASE)
    return m.group(1).decode("ascii") if m else ""


def _trafilatura(html: str, url: str) -> dict[str, str]:
    """Main text and metadata via trafilatura; {} when it finds nothing or fails."""
    import trafilatura  # heavy import (lxml, htmldate): only when HTML is loaded

    try:
        doc = trafilatura.bare_extraction(
            html, url=url or None, with_metadata=True, include_comments=False, favor_precision=True,
        )
    except Exception:  # a crash in a third-party extractor must not lose the file
        return {}
    if not doc:
        return {}
    fields = ("text", "title", "author", "date", "url")
    return {name: str(getattr(doc, name, "") or "") for name in fields}


def _from_html(data: bytes, origin: _Origin, *, charset: str = "") -> Article:
    html = _decode(data, charset or _html_charset(data))
    meta = _trafilatura(html, origin.url)
    page = _page_text(html)
    text = _choose_html_text(clean_text(meta.get("text", "").replace("\n", "\n\n")), page)
    if not text:
        raise LoadError("no article text found in the HTML page")
    title = meta.get("title") or one_line(page.title) or one_line(page.h1)
    url = meta.get("url", "") if is_url(meta.get("url", "")) else ""
    return _article(origin, text, title=title, author=meta.get("author", ""),
                    date_text=meta.get("date", ""), url=url)


def _choose_html_text(extracted: str, page: _PageText) -> str:
    """Trust trafilatura for real articles; for tiny pages prefer plain <article>/<p> text.

    Trafilatura happily returns menu link text for a page without an article,
    so a short result is only kept when the page has some non-link content.
    """
    if len(extracted) >= _MIN_ARTICLE:
        return extracted
    fallback = clean_text(page.best_text())
    if fallback:
        return fallback if len(fallback) >= len(extracted) else extracted
    return extracted if page.content_chars else ""


# --------------------------------------------------------------------------- PDF


def _from_pdf(data: bytes, origin: _Origin) -> Article:
    from pypdf import PdfReader  # imported lazily: only PDFs need it

    if not data.strip():
        raise LoadError("empty file")
    if b"%PDF-" not in data[:1024]:
        raise LoadError("not a readable PDF: no PDF header")
    try:
        with _quiet("pypdf"):
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not reader.decrypt(""):
                raise LoadError("not a readable PDF: it is password-protected")
            pages = [page.extract_text() or "" for page in reader.pages]
            info = reader.metadata or {}
            meta_title = str(info.get("/Title", "") or "")
            meta_author = str(info.get("/Author", "") or "")
    except LoadError:
        raise
    except Exception as err:  # pypdf raises many types for corrupt files
        raise LoadError(f"not a readable PDF: {_reason(err)}") from None
    text = clean_text("\n\n".join(_unwrap_pdf_lines(p) for p in pages))
    if not text:
        raise LoadError("PDF has no extractable text (scanned?)")
    first = text.split("\n", 1)[0]
    title = meta_title if _good_pdf_title(meta_title) else (first if len(first) < _MAX_TITLE else "")
    return _article(origin, text, title=title, author=meta_author)


@contextlib.contextmanager
def _quiet(logger_name: str) -> Iterator[None]:
    """Silence a library's warnings about broken input: the LoadError reason already says it."""
    logger = logging.getLogger(logger_name)
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _good_pdf_title(title: str) -> bool:
    """PDF /Title is often junk from the authoring tool ("Microsoft Word - x.docx", "untitled")."""
    t = one_line(title)
    return bool(t) and not re.match(r"(microsoft \w+ - |untitled\b)", t, re.IGNORECASE) \
        and not re.search(r"\.(docx?|pdf|indd|tex)$", t, re.IGNORECASE)


def _unwrap_pdf_lines(page: str) -> str:
    """Join PDF layout line breaks that fall mid-sentence.

    Newlines end sentences downstream, so a hard wrap would cut a quoted
    sentence in two and break exact citations. A break is a wrap when the line
    does not end a sentence (. ! ? : ; or a closing quote) and either the next
    line continues in lower case or the line is nearly full width; short lines
    such as headlines keep their break.
    """
    lines = [line.strip() for line in page.replace("\r", "\n").split("\n")]
    full = 0.7 * max((len(line) for line in lines), default=0)
    out: list[str] = []
    width = 0  # length of the last physical line appended to out[-1]
    for line in lines:
        prev = out[-1] if out else ""
        wrapped = prev and line and not re.search(r"[.!?:;\"”’)]$", prev) and (
            line[0].islower() or width >= full)
        if wrapped:
            joiner = "" if re.search(r"[A-Za-z]-$", prev) and line[0].islower() else " "
            out[-1] = prev + joiner + line
        else:
            out.append(line)
        width = len(line)
    return "\n".join(out)
