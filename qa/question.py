"""What kind of question this is, about whom, in which article: decided before retrieval.

News questions come in a handful of shapes, and each shape has a best
extractive answer (a quote lookup, a list sentence, a fact sentence). The
rules are deliberately plain regular expressions: they are fast, testable
and fail visibly, which matters more here than coverage of rare phrasings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from qa.names import candidate_names
from vectorstore.retriever import verbatim_phrases

_WHO_SAID_QUOTE = re.compile(
    r"^\s*(?:and\s+)?(?:who|which person|whom)\s+(?:said|says|stated|wrote|tweeted|told|is quoted as saying|"
    r"was quoted as saying|made (?:the|this) (?:statement|remark|comment)|is behind|claimed|argued)\b",
    re.I,
)
_WHO_SAID_WHAT = re.compile(
    r"who\s+said\s+what|who\s+(?:is|was|are|were|gets?)\s+quoted|who\s+(?:spoke|commented)|what did each say|"
    r"(?:which|what)\s+(?:people|persons|experts|officials|sources|speakers|analysts)\b.*\b(?:quoted|say|said|speak|comment)|"
    r"whose (?:quotes|statements)|list (?:the )?(?:quotes|speakers)|^\s*quotes?\b",
    re.I,
)
_WHAT_DID_X_SAY = re.compile(
    r"^\s*(?:and\s+)?(?:what|how)\s+(?:did|does|do|has|had|was|is|will|would)\s+(?P<who>.+?)\s+"
    r"(?P<verb>say|said|tell|told|think|argue|claim|warn|expect|add|believe|predict|mean|describe|respond|react|"
    r"reply|suggest|propose|call for|want|feel|note|stress|explain|announce|see|view)\b(?P<rest>.*)$",
    re.I,
)
_ACCORDING_TO = re.compile(r"\baccording to (?P<who>[A-Z][\w.'’ -]+?|him|her|them)\s*[?,.]?$", re.I)
_WHO_IS = re.compile(r"^\s*(?:and\s+)?who\s+(?:is|was)\s+(?P<who>[^?]+?)\s*\??\s*$", re.I)
_LIST = re.compile(
    r"\b(?:which|what)\s+(?:\w+\s+){0,2}?(?:sectors|areas|fields|countries|nations|states|cities|companies|"
    r"industries|topics|issues|items|things|projects|deals|measures|steps|elements|regions|parts|groups|"
    r"organisations|organizations|products|policies|points|domains|kinds|types|categories|reasons|goals|"
    r"priorities|stations|services|members)\b|\blist\b|\bname (?:all|the)\b|\benumerate\b",
    re.I,
)
_ARTICLE_TITLE = re.compile(
    r"\b(?:article|story|piece|report)\s+(?:titled\s+|called\s+|named\s+)?"
    r"(?:\"(?P<t1>[^\"]+)\"|“(?P<t2>[^”]+)”|'(?P<t3>.+)'(?=[\s,?.]|$))",
    re.I,
)
_WHERE_WORKS = re.compile(
    r"^\s*(?:and\s+)?(?:where\s+does\s+(?P<a>.+?)\s+work|what\s+is\s+(?P<b>.+?)['’]s\s+(?:job|role|title|position))"
    r"\s*\??\s*$",
    re.I,
)
_WHAT_ABOUT = re.compile(r"^\s*(?:and\s+)?(?:what|how)\s+about\s+(?P<who>[^?]+?)\s*\??\s*$", re.I)
_SUMMARY = re.compile(
    r"\bsummar(?:y|ise|ize)\b|\bwhat(?:'s| is) (?:this|the) (?:article|story|piece) about\b|\b(?:main|key) points\b|"
    r"\btl;?dr\b|\bgist\b",
    re.I,
)
_PRONOUN = re.compile(r"\b(he|him|his|she|her|hers)\b", re.I)
_FOLLOWUP_START = re.compile(r"^\s*(?:and|also|what about|how about|and what about|then)\b", re.I)


@dataclass
class Query:
    text: str  # the question as asked
    kind: str  # who_said_quote | who_said_what | what_did_x_say | who_is | list | fact
    search_text: str  # what retrieval searches for (pronouns resolved)
    speaker: str = ""  # person the question is about, as named (or resolved from history)
    topic: str = ""  # the "about Y" part
    phrases: list[list[str]] = field(default_factory=list)  # verbatim word sequences to match
    article_title: str = ""  # an article the question names
    names: list[str] = field(default_factory=list)  # capitalised names in the question


def analyze(question: str, history_person: str = "", previous_question: str = "") -> Query:
    """Classify ``question``; ``history_person`` is who 'he'/'she' refers to, from earlier turns."""
    q = question.strip()
    title_match = _ARTICLE_TITLE.search(q)
    title = next((g for g in title_match.groups() if g), "") if title_match else ""
    q_wo_title = q.replace(title_match.group(0), " ") if title_match else q
    names = candidate_names(q_wo_title)
    pronoun = bool(_PRONOUN.search(q_wo_title))
    search = q
    speaker, topic = "", ""
    if pronoun and history_person:
        search = f"{q} {history_person}"
    elif _FOLLOWUP_START.match(q) and previous_question:
        search = f"{previous_question} {q}"

    m = _WHAT_ABOUT.match(q)
    if m and previous_question and (m.group("who")[:1].isupper() or _looks_like_name(m.group("who"))):
        before = analyze(previous_question)
        if before.kind in {"what_did_x_say", "who_is"}:
            who = _clean_who(m.group("who"))
            return Query(q, before.kind, f"{previous_question} {who}", speaker=who, topic=before.topic, names=names)
    m = _WHERE_WORKS.match(q)
    if m:
        return Query(q, "who_is", search, speaker=_clean_who(m.group("a") or m.group("b")), names=names)
    if _WHO_SAID_QUOTE.match(q) and not _WHO_SAID_WHAT.search(q):
        phrases = verbatim_phrases(q)
        if phrases:
            return Query(q, "who_said_quote", search, phrases=phrases, article_title=title, names=names)
    if _WHO_SAID_WHAT.search(q):
        topic = _about(q_wo_title)
        return Query(q, "who_said_what", search, topic=topic, article_title=title, names=names)
    m = _WHAT_DID_X_SAY.match(q_wo_title)
    if m:
        who = m.group("who").strip()
        if re.fullmatch(r"(?:he|she|him|her|they)", who, re.I):
            who = history_person
        speaker = _clean_who(who)
        verb = m.group("verb").lower()
        topic = _about(m.group("rest")) or m.group("rest").strip(" ?.")
        if verb not in {"say", "said", "tell", "told", "think", "mean", "feel", "view", "see"}:
            topic = f"{verb} {topic}".strip()
        if speaker and not re.fullmatch(r"(?:it|this|that|the article|the articles|the report)", speaker, re.I):
            return Query(q, "what_did_x_say", search, speaker=speaker, topic=topic, article_title=title, names=names)
    m = _ACCORDING_TO.search(q_wo_title)
    if m:
        who = m.group("who").strip()
        who = history_person if who.lower() in {"him", "her", "them"} else who
        if who:
            rest = q_wo_title[: m.start()].strip(" ,?")
            return Query(q, "what_did_x_say", search, speaker=_clean_who(who), topic=rest, article_title=title,
                         names=names)
    if _SUMMARY.search(q_wo_title):
        return Query(q, "summary", search, article_title=title, names=names)
    m = _WHO_IS.match(q_wo_title)
    if m and (m.group("who")[:1].isupper() or _looks_like_name(m.group("who"))):
        who = _clean_who(m.group("who"))
        return Query(q, "who_is", search, speaker=who, article_title=title, names=names)
    if pronoun and history_person and not names:
        speaker = history_person
    kind = "list" if _LIST.search(q_wo_title) else "fact"
    return Query(q, kind, search, speaker=speaker, article_title=title, names=names,
                 phrases=verbatim_phrases(q) if '"' in q or "“" in q else [])


def _looks_like_name(text: str) -> bool:
    """'wang haiyun' typed in lower case: two or three plain words, none of them a common word."""
    parts = text.strip(" ?.").split()
    return 2 <= len(parts) <= 3 and all(p.isalpha() and p.lower() not in _COMMON for p in parts)


_COMMON = {"the", "a", "an", "this", "that", "responsible", "quoted", "in", "of", "for", "on", "behind", "leading",
           "running", "best", "most", "more", "new", "going", "being", "speaking", "mentioned", "named"}


def _about(text: str) -> str:
    m = re.search(r"\b(?:about|on|regarding|concerning|of)\s+(?P<topic>.+?)\s*\??$", text, re.I)
    return m.group("topic").strip() if m else ""


def _clean_who(who: str) -> str:
    who = who.strip(" ?,.")
    who = re.sub(r"['’]s$", "", who)
    return who.strip()
