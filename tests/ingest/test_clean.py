"""clean_text decides every offset in the system, so its rules are pinned here."""

from __future__ import annotations

import time

from ingest.clean import clean_text, one_line


def test_newlines_are_normalised() -> None:
    assert clean_text("a\r\nb\rc\u2028d") == "a\nb\nc\nd"


def test_paragraph_separator_kept_and_blank_runs_collapsed() -> None:
    assert clean_text("One.\n\nTwo.\n\n\n\n\nThree.") == "One.\n\nTwo.\n\nThree."


def test_lines_with_only_spaces_count_as_blank() -> None:
    assert clean_text("One.\n  \t \n \nTwo.") == "One.\n\nTwo."


def test_spaces_and_tabs_collapse_and_lines_are_stripped() -> None:
    assert clean_text("  Hello \t  world  \n   next\tline   ") == "Hello world\nnext line"


def test_unicode_spaces_become_plain_spaces() -> None:
    assert clean_text("Mr.\u00a0Smith\u2009said\u3000so") == "Mr. Smith said so"


def test_nfc_normalisation() -> None:
    decomposed = "Cafe\u0301"
    assert clean_text(decomposed) == "Caf\u00e9"


def test_control_and_invisible_characters_dropped() -> None:
    assert clean_text("a\x00b\x07c\x1bd\ufeffe\u200bf\u00adg\x9fh") == "abcdefgh"


def test_curly_quotes_and_punctuation_kept_verbatim() -> None:
    raw = "“We won’t stop,” said O’Neil — a senator… (D-Ohio); ‘fine’ «ok» [sic]!?"
    assert clean_text(raw) == raw


def test_strip_whole_text() -> None:
    assert clean_text("\n\n  \n Title \n\n") == "Title"


def test_empty_and_whitespace_only() -> None:
    assert clean_text("") == ""
    assert clean_text(" \n\t\r\n ") == ""


def test_idempotent() -> None:
    raw = " A\t b \r\n\r\n\r\n C\u00a0d \x00"
    once = clean_text(raw)
    assert clean_text(once) == once


def test_huge_single_line_is_fast() -> None:
    raw = ("word \t  " * 1_250_000)[:10_000_000]
    start = time.perf_counter()
    out = clean_text(raw)
    assert time.perf_counter() - start < 3.0
    assert out.startswith("word word")
    assert "  " not in out
    assert "\t" not in out


def test_huge_space_run_is_fast() -> None:
    start = time.perf_counter()
    assert clean_text("a" + " " * 5_000_000 + "b") == "a b"
    assert time.perf_counter() - start < 2.0


def test_one_line() -> None:
    assert one_line("  Big\n\nnews\t today ") == "Big news today"
