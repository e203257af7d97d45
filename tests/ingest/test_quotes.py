"""Speaker-quote extraction on small invented texts (no corpus text is copied here)."""

from __future__ import annotations

import random
import time

import pytest

from ingest.quotes import extract_quotes
from ingest.types import Quote


def _quotes(text: str) -> list[Quote]:
    quotes = extract_quotes(text)
    for q in quotes:
        assert text[q.start:q.end] == q.text
        assert q.sentence_start <= q.start and q.end <= q.sentence_end
        assert q.speaker
    return quotes


def _find(quotes: list[Quote], fragment: str) -> Quote:
    hits = [q for q in quotes if fragment in q.text]
    assert hits, f"no quote containing {fragment!r}: {[q.text for q in quotes]}"
    return hits[0]


# --------------------------------------------------------------------------- quote marks


def test_straight_quotes_speaker_after_inverted() -> None:
    text = 'Lin Bao, a historian at Fudan University, spoke on Monday.\n"The river is rising fast," said Lin.'
    q = _find(_quotes(text), "river is rising")
    assert q.speaker == "Lin Bao"
    assert q.mention == "Lin"
    assert q.cue == "said"
    assert q.kind == "direct"
    assert q.text == "The river is rising fast"


def test_curly_quotes_speaker_after_subject_first() -> None:
    text = "“We will rebuild the bridge by spring,” Mayor Ana Ortiz said on Tuesday."
    q = _find(_quotes(text), "rebuild the bridge")
    assert q.speaker == "Ana Ortiz"
    assert q.role == "Mayor"
    assert q.sentence_start == 0 and q.sentence_end == len(text)


def test_nyt_double_apostrophe_with_nested_single_quotes() -> None:
    text = "Officials met on Friday.\n''We called it the 'quiet plan' from day one,'' Ms. Reyes said."
    q = _find(_quotes(text), "quiet plan")
    assert q.text == "We called it the 'quiet plan' from day one"
    assert q.speaker == "Reyes"


def test_apposition_after_quote_gives_role_and_cue() -> None:
    text = ('"Trade between the two countries is uneven," Tomas Berg, a research fellow of Nordic studies '
            'at the Baltic Institute, told the Daily Ledger.')
    q = _find(_quotes(text), "uneven")
    assert q.speaker == "Tomas Berg"
    assert q.role == "a research fellow of Nordic studies at the Baltic Institute"
    assert q.cue == "told the Daily Ledger"


def test_speaker_before_quote_with_that() -> None:
    text = ('Hana Sato, a former trade envoy to Peru, told the Daily Ledger that "the accord shows '
            'both sides have found common ground."')
    q = _find(_quotes(text), "common ground")
    assert q.speaker == "Hana Sato"
    assert q.role == "a former trade envoy to Peru"
    assert q.cue == "told the Daily Ledger that"


def test_speaker_before_quote_with_colon() -> None:
    text = 'Clinton said: "We are going to win this state."'
    q = _find(_quotes(text), "win this state")
    assert q.speaker == "Clinton"
    assert q.cue == "said"


def test_quote_split_by_attribution_keeps_speaker() -> None:
    text = ('Omar Haddad runs the port.\n"Moreover, shipping costs doubled this year," said Haddad. '
            '"Second, the cranes are old."')
    quotes = _quotes(text)
    first, second = _find(quotes, "shipping costs"), _find(quotes, "cranes are old")
    assert first.speaker == second.speaker == "Omar Haddad"
    assert second.cue == ""


def test_multi_sentence_quote_sentence_span_reaches_attribution() -> None:
    text = '"We need help. Attention must be paid to farmers," added Wu Enyuan.'
    q = _find(_quotes(text), "We need help")
    assert q.speaker == "Wu Enyuan"
    assert q.sentence_start == 0 and q.sentence_end == len(text)


# --------------------------------------------------------------------------- reported speech


def test_reported_speech_that_clause() -> None:
    text = ("Xia Yishan, an economist, spoke to reporters.\n"
            "Xia added that economic cooperation between the two countries has just begun.")
    q = _find(_quotes(text), "has just begun")
    assert q.kind == "reported"
    assert q.speaker == "Xia Yishan"
    assert q.text == "economic cooperation between the two countries has just begun"
    assert q.cue == "added that"


def test_reported_speech_trailing_attribution_by_document() -> None:
    text = "Such a policy has shaken the regional security system, the joint statement said."
    q = _find(_quotes(text), "shaken")
    assert q.kind == "reported"
    assert q.speaker == "the joint statement"
    assert q.text == "Such a policy has shaken the regional security system"


def test_according_to_organisation() -> None:
    text = "The factory will close in May, according to the Xinhua News Agency."
    q = _find(_quotes(text), "factory will close")
    assert q.speaker == "Xinhua News Agency"
    assert q.cue == "according to"


def test_reported_without_that() -> None:
    text = "Senator Paul Reed warned the budget would not pass without changes."
    q = _find(_quotes(text), "budget would not pass")
    assert q.speaker == "Paul Reed"
    assert q.kind == "reported"


# --------------------------------------------------------------------------- names, roles, coreference


def test_role_apposition_lawyer() -> None:
    text = 'Marc Kasowitz, Trump\'s lawyer, said, "The claims are false."'
    q = _find(_quotes(text), "claims are false")
    assert q.speaker == "Marc Kasowitz"
    assert q.role == "Trump's lawyer"


def test_role_before_name() -> None:
    text = 'Former Secretary of State Hillary Clinton said, "The deal is a mistake."'
    q = _find(_quotes(text), "deal is a mistake")
    assert q.speaker == "Hillary Clinton"
    assert q.role == "Former Secretary of State"


def test_role_before_name_lowercase_description() -> None:
    text = '"Prices will fall," chief executive Lowell Mead said at a conference.'
    q = _find(_quotes(text), "Prices will fall")
    assert q.speaker == "Lowell Mead"
    assert q.role == "chief executive"


def test_honorific_resolves_to_full_name() -> None:
    text = ("Donald Trump held a rally in Ohio on Monday.\n"
            "''The polls are wrong,'' Mr. Trump said.")
    q = _find(_quotes(text), "polls are wrong")
    assert q.speaker == "Donald Trump"
    assert q.mention == "Trump"


def test_senator_of_state_apposition_is_not_the_speaker() -> None:
    text = 'Senator Lena Graham, Republican of South Carolina, said, "That line was crossed."'
    q = _find(_quotes(text), "line was crossed")
    assert q.speaker == "Lena Graham"
    assert q.role == "Republican of South Carolina"


def test_pronoun_resolves_to_last_speaker_with_gender() -> None:
    text = ('"The plan is sound," said Maria Lopez, the city treasurer.\n'
            'Her deputy, Tom Becker, disagreed.\n'
            '"It costs too much," he said. "We cannot afford it," she said.')
    quotes = _quotes(text)
    assert _find(quotes, "costs too much").speaker == "Tom Becker"
    assert _find(quotes, "cannot afford").speaker == "Maria Lopez"
    assert _find(quotes, "costs too much").mention == "he"


def test_pronoun_after_named_subject_in_previous_sentence() -> None:
    text = ("Governor Ellen Park visited the flooded town on Sunday.\n"
            "''We will not leave anyone behind,'' she said.")
    q = _find(_quotes(text), "anyone behind")
    assert q.speaker == "Ellen Park"


def test_spokesman_for_organisation() -> None:
    text = 'A spokesman for Verizon said, "Service is back to normal."'
    q = _find(_quotes(text), "back to normal")
    assert q.speaker == "Verizon"


def test_news_organisation_reported() -> None:
    text = '"Most of the emails were sent in 2012," CBS News reported.'
    q = _find(_quotes(text), "emails were sent")
    assert q.speaker == "CBS News"
    assert q.cue == "reported"


def test_participle_cue_takes_clause_subject() -> None:
    text = 'In a statement on Thursday, Rep. Dana Cole reacted to the verdict, saying: "Justice was done."'
    q = _find(_quotes(text), "Justice was done")
    assert q.speaker == "Dana Cole"


def test_as_x_put_it() -> None:
    text = ("As Ravi Menon, a professor of law and author of ''The Quiet Court,'' put it, "
            "''The Senate should compromise now.''")
    quotes = _quotes(text)
    q = _find(quotes, "Senate should compromise")
    assert q.speaker == "Ravi Menon"
    assert not [x for x in quotes if x.text == "The Quiet Court"]  # a title, not speech


# --------------------------------------------------------------------------- continuation


def test_unattributed_quote_paragraph_continues_previous_speaker() -> None:
    text = ('"The harvest failed," said Ivan Petrov, a farmer in the valley.\n\n'
            '"Nobody came to help us, and the prices kept rising all winter."')
    q = _find(_quotes(text), "Nobody came")
    assert q.speaker == "Ivan Petrov"
    assert q.cue == ""


def test_multi_paragraph_quote_without_closing_mark() -> None:
    text = ('Ivan Petrov said: "The harvest failed and the river dried up.\n'
            '"We sold the cattle in March.\n'
            '"Now we wait for rain," he added.')
    quotes = _quotes(text)
    for frag in ("harvest failed", "sold the cattle", "wait for rain"):
        assert _find(quotes, frag).speaker == "Ivan Petrov"
    assert "\n" not in _find(quotes, "harvest failed").text


def test_scare_quotes_without_attribution_are_dropped() -> None:
    text = 'The two leaders signed a deal against so-called "hegemony" in the region.'
    assert _quotes(text) == []


def test_quote_with_no_possible_speaker_is_dropped() -> None:
    text = '"This sentence is quoted but nobody is credited with saying it at all."'
    assert _quotes(text) == []


# --------------------------------------------------------------------------- robustness


@pytest.mark.parametrize("text", [
    "", "   \n\n ", '"', '""', "''", "“", "”", 'said "', '"said', "he said.", "according to",
    '"unclosed quote that never ends, said Wu', 'closing only" said Wu.', "\n\n\"\n\"\n",
    'Wu, , , said "x"', "''''''", "“““”””", "said said said said",
])
def test_degenerate_inputs_do_not_crash(text: str) -> None:
    _quotes(text)


def test_random_inputs_do_not_crash() -> None:
    rng = random.Random(7)
    alphabet = ['"', "“", "”", "''", "'", ",", ".", " ", "\n", "said", "Wu", "he", "told", "that",
                "according to", "Mr.", "A", "the", ":", "(", ")", "Enyuan", "—"]
    for _ in range(300):
        text = "".join(rng.choice(alphabet) + rng.choice(["", " "]) for _ in range(rng.randint(0, 80)))
        _quotes(text)


def test_large_single_line_is_fast() -> None:
    unit = '"The market is calm today," said Wu Enyuan, an analyst, and he added that prices rose. '
    text = unit * 20_000  # ~1.8 MB on one line
    t = time.perf_counter()
    quotes = extract_quotes(text)
    assert time.perf_counter() - t < 60
    assert len(quotes) >= 20_000


def test_sentence_splitter_is_linear_on_one_long_paragraph() -> None:
    """Regression: the splitter used to slice to the paragraph end at every full stop (quadratic)."""
    from ingest.sentences import split_sentences

    text = "The market is calm. " * 150_000  # 3 MB, one paragraph, 150k sentences
    t = time.perf_counter()
    spans = split_sentences(text)
    assert len(spans) == 150_000
    assert time.perf_counter() - t < 20


def test_surname_resolution_prefers_matching_honorific_gender() -> None:
    text = ("Sara Khan and her son, Adam Khan, spoke at the rally.\n"
            "''We are proud of this country,'' Ms. Khan said.")
    q = _find(_quotes(text), "proud of this country")
    assert q.speaker == "Sara Khan"
