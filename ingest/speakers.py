"""Names, roles and coreference for quote attribution.

News prose introduces a person once with a full name and a role ("Wu Enyuan,
a research fellow at ...", "Former Secretary of State Hillary Clinton") and
afterwards calls them "Wu", "Mr. Trump" or "he". The helpers here turn the
words around a speech verb into a speaker noun phrase, split off its role,
and map later short mentions back to the full name, with plain word lists
instead of a model so that ingestion stays offline and deterministic.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

# Words that describe a position rather than name a person ("Sen.", "Former").
TITLE_WORDS = {
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sen", "senator", "rep", "representative",
    "gov", "governor", "president", "vice", "former", "secretary", "state", "speaker", "chairman",
    "chairwoman", "chair", "chief", "executive", "officer", "minister", "prime", "foreign", "defense",
    "general", "gen", "attorney", "judge", "justice", "mayor", "ambassador", "adviser", "advisor",
    "director", "leader", "majority", "minority", "congressman", "congresswoman", "councilman",
    "councilwoman", "councillor", "councilor", "alderman", "harbour", "harbor", "master", "head", "lt", "col", "capt", "sgt", "adm", "maj", "rev", "sir", "lord", "lady", "king",
    "queen", "prince", "princess", "pope", "cardinal", "archbishop", "bishop", "dean", "commissioner",
    "deputy", "assistant", "acting", "interim", "candidate", "nominee", "democratic", "republican",
    "gop", "democrat", "first", "spokesman", "spokeswoman", "premier", "chancellor", "ceo", "cfo",
    "founder", "anchor", "host", "columnist", "editor", "reporter", "treasury", "retired", "late",
    "then", "u.s", "us", "house", "senate", "presidential", "lieutenant", "captain", "sergeant",
    "admiral", "major", "colonel", "sheriff", "superintendent", "chairperson", "manager", "counsel",
    "ex", "co-founder", "billionaire", "businessman", "businesswoman", "ranking", "federal",
}
HONORIFICS = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "sir": "m", "lady": "f", "lord": "m"}

# Capitalised words that start sentences or clauses but never belong to a name.
STOP_CAPS = {
    "the", "a", "an", "but", "and", "or", "so", "yet", "in", "on", "at", "for", "with", "as", "when",
    "while", "after", "before", "this", "that", "these", "those", "his", "her", "their", "its", "our",
    "my", "meanwhile", "however", "also", "still", "then", "now", "today", "yesterday", "last", "next",
    "earlier", "later", "speaking", "asked", "if", "although", "though", "because", "since", "even",
    "both", "neither", "either", "instead", "indeed", "here", "there", "only", "just", "moreover",
    "furthermore", "overall", "thus", "hence", "among", "according", "during", "despite", "under",
    "over", "from", "by", "to", "of", "through", "until", "unlike", "like", "following", "separately",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "it", "he", "she", "they", "we", "i", "you", "what", "why", "how",
    "who", "where", "which", "some", "many", "several", "all", "no", "not", "one", "two", "three",
    "another", "other", "such", "every", "each", "most", "more", "mrs", "do", "did", "does", "is",
    "was", "are", "were", "has", "have", "had", "will", "would", "can", "could", "should", "let",
    "tonight", "abstract", "full", "text", "said", "says", "told", "added", "whether",
    "once", "again", "already", "perhaps", "maybe", "yes", "well", "oh", "please", "thank", "thanks",
}

# Last words that make a capitalised phrase an organisation or place, not a person.
ORG_WORDS = {
    "news", "times", "post", "journal", "agency", "party", "committee", "council", "association",
    "institute", "institutes", "university", "college", "school", "foundation", "fund", "bank",
    "corp", "inc", "co", "company", "group", "department", "ministry", "office", "house", "senate",
    "congress", "court", "commission", "administration", "campaign", "network", "press", "service",
    "center", "centre", "union", "club", "church", "academy", "studies", "watch", "decisions",
    "magazine", "tribune", "herald", "gazette", "daily", "channel", "tv", "radio", "organization",
    "federation", "alliance", "board", "authority", "bureau", "army", "navy", "force", "police",
    "street", "avenue", "city", "county", "state", "states", "republic", "kingdom", "convention",
    "statement", "report", "initiative", "conference", "forum", "summit", "caucus", "project",
    "program", "society", "league", "coalition", "partners", "capital", "holdings", "airlines",
    "media", "systems", "communications", "reuters", "cnn", "nbc", "cbs", "abc", "msnbc", "fox",
    "npr", "bbc", "xinhua", "ap", "afp", "pac", "policy", "affairs", "security", "nation", "nations",
    "review", "online", "politico", "corporation", "ltd", "llc", "plc", "industries",
    "region", "province", "island", "islands", "river", "valley", "mountains", "sea", "ocean",
    "america", "china", "russia", "europe", "asia", "africa", "iowa", "texas", "ohio", "florida",
    "york", "california", "washington", "carolina", "hampshire", "virginia", "jersey", "nevada",
}
# First words that mark places/organisations ("New York", "United Nations").
NON_FIRST_NAMES = {
    "new", "north", "south", "east", "west", "united", "san", "los", "las", "saint", "st", "fort",
    "port", "lake", "mount", "great", "supreme", "white", "national", "federal", "central", "middle",
    "islamic", "democratic", "republican", "european", "chinese", "russian", "american", "british",
    "global", "public", "human", "social", "wall", "capitol", "pentagon", "kremlin", "international",
}
NAME_PARTICLES = {"de", "van", "von", "der", "den", "bin", "al", "da", "di", "du", "la", "le", "del", "dos"}

MALE_FIRST = {
    "donald", "bill", "bernie", "ted", "marco", "john", "mike", "paul", "jeb", "chris", "barack", "joe",
    "tim", "ben", "michael", "robert", "david", "james", "peter", "mark", "steve", "stephen", "george",
    "richard", "thomas", "william", "charles", "joseph", "daniel", "matthew", "anthony", "kevin",
    "brian", "jason", "ronald", "jeff", "jeffrey", "gary", "eric", "scott", "frank", "larry", "jack",
    "dennis", "jerry", "tom", "harry", "mitch", "rand", "newt", "rudy", "rudolph", "reince", "corey",
    "ken", "chuck", "rick", "lindsey", "jim", "bob", "ron", "ari", "alan", "seth", "ian", "lowell",
    "vladimir", "xi", "wang", "hakeem", "morton", "jose", "carlos", "juan", "luis", "ahmed", "mohammed",
    "muhammad", "ali", "omar", "sergei", "dmitry", "boris", "emmanuel", "justin", "andrew", "patrick",
    "sean", "ryan", "adam", "aaron", "nick", "nicholas", "greg", "gregory", "samuel", "sam", "henry",
    "edward", "kasich", "jared", "jon", "jonathan", "josh", "joshua", "lee", "akhil", "blair", "howard",
}
FEMALE_FIRST = {
    "hillary", "kellyanne", "maria", "sarah", "elizabeth", "nancy", "michelle", "melania", "ivanka",
    "jennifer", "huma", "debbie", "loretta", "megyn", "mary", "susan", "karen", "lisa", "anna", "jane",
    "ann", "anne", "katie", "emily", "carly", "nikki", "condoleezza", "madeleine", "angela", "theresa",
    "marine", "indra", "sylvia", "patricia", "linda", "barbara", "jessica", "margaret", "dorothy",
    "betty", "helen", "sandra", "donna", "carol", "ruth", "sharon", "laura", "amy", "kathleen",
    "samantha", "rebekah", "rebecca", "louella", "mika", "hope", "kirsten", "tammy", "claire",
    "cheryl", "chelsea",
    "heidi", "kamala", "dianne", "ghazala", "kelly", "julia", "julie",
}

PRONOUNS = {"he": "m", "she": "f", "they": "p", "we": "p", "i": "", "it": "n"}
DETERMINERS = {
    "the", "a", "an", "another", "one", "some", "two", "three", "several", "many", "his", "her",
    "their", "its", "this", "that", "these", "both", "other", "most", "few", "our", "each",
}
GROUP_NOUNS = {
    "experts", "officials", "analysts", "sources", "critics", "observers", "people", "aides",
    "advisers", "advisors", "supporters", "opponents", "lawmakers", "researchers", "scientists",
    "economists", "investigators", "authorities", "police", "prosecutors", "witnesses", "residents",
    "protesters", "organizers", "diplomats", "insiders", "strategists", "voters", "republicans",
    "democrats", "historians", "scholars", "leaders", "members", "activists", "doctors", "reports",
}
_ROLE_OPENERS = re.compile(
    r"^(?:who|which|whose|whom|where|when|while|because|although|speaking|facing|writing|"
    r"according|after|before|during|in|on|at|\w+ing)\b",
    re.IGNORECASE,
)

_TOKEN = re.compile(r"\S+")
_STRIP = "\"'“”‘’«»()[],;:.!?"
_ADVERBIAL_START = {
    "in", "on", "at", "after", "before", "during", "when", "while", "as", "since", "speaking", "asked",
    "following", "despite", "under", "over", "from", "by", "with", "without", "for", "through", "if",
    "although", "though", "because", "last", "earlier", "later", "later,", "meanwhile", "however",
    "yesterday", "today", "tonight", "then", "now", "still", "moreover", "also", "separately",
    "in a", "unlike", "like", "upon", "amid", "among", "about", "instead", "but", "and", "so", "yet",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "responding",
    "referring", "addressing", "writing", "noting", "adding", "according",
}


def bare(word: str) -> str:
    """Lower-case ``word`` without surrounding punctuation, possessive or trailing dot."""
    w = word.strip(_STRIP).lower()
    for suffix in ("'s", "’s"):
        if w.endswith(suffix):
            w = w[: -len(suffix)]
    return w.rstrip(".")


def is_capitalised(word: str) -> bool:
    """True for name-like tokens: "Wu", "McAdam", "J.", "O'Neill" (after leading punctuation)."""
    w = word.lstrip("\"'“‘(")
    return bool(w) and w[0].isupper()


def is_possessive(word: str) -> bool:
    w = word.rstrip(_STRIP.replace("'", "").replace("’", ""))
    return w.endswith(("'s", "’s", "s'", "s’"))


@dataclass
class Subject:
    """A speaker noun phrase found next to a speech verb.

    ``kind`` is "name" (proper name, still to be resolved to the full name),
    "pronoun" (to be resolved to an antecedent) or "np" (a description such
    as "the joint statement", used as written).
    """

    text: str
    start: int
    end: int
    kind: str
    role: str = ""
    gender: str = ""  # from an honorific: "m", "f" or ""


@dataclass
class _Tok:
    text: str
    start: int
    end: int


def _tokens(text: str, base: int) -> list[_Tok]:
    return [_Tok(m.group(), base + m.start(), base + m.end()) for m in _TOKEN.finditer(text)]


def _clean_name(toks: list[_Tok]) -> tuple[int, int] | None:
    """Shrink a capitalised token run to its name part: (first, last) indices or None."""
    lo, hi = 0, len(toks) - 1
    while hi >= lo and (bare(toks[hi].text) in STOP_CAPS or not bare(toks[hi].text)):
        hi -= 1
    if hi < lo:
        return None
    # Walk left from the last token while it still looks like part of a name.
    first = hi
    while first - 1 >= lo:
        prev = toks[first - 1]
        word = bare(prev.text)
        if word in TITLE_WORDS or word in STOP_CAPS or is_possessive(prev.text):
            break
        if prev.text.rstrip().endswith((",", ";", ":")):
            break
        if not (is_capitalised(prev.text) or word in NAME_PARTICLES):
            break
        if hi - first >= 4:
            break
        first -= 1
    return first, hi


def name_from_tokens(toks: list[_Tok], text: str) -> Subject | None:
    """Parse a phrase that should end with a name ("Former Secretary of State Hillary Clinton")."""
    if not toks:
        return None
    last = toks[-1]
    if not is_capitalised(last.text) or bare(last.text) in STOP_CAPS or is_possessive(last.text):
        return None
    # "Brian Schatz of Hawaii": the name is the run before "of Place".
    of_idx = next((i for i in range(len(toks) - 1, 0, -1) if toks[i].text == "of"), None)
    if of_idx is not None and of_idx >= 1 and is_capitalised(toks[of_idx - 1].text):
        head = toks[:of_idx]
        span = _clean_name(head)
        last_word = bare(head[span[1]].text) if span else ""
        if span and not all(bare(t.text) in TITLE_WORDS for t in head[span[0]: span[1] + 1]) \
                and last_word not in TITLE_WORDS and last_word not in ORG_WORDS:
            return _make_name(head, span, text)
    span = _clean_name(toks)
    if span is None or (span[0] > 0 and toks[span[0] - 1].text == "of"):
        return None  # "Republican of South Carolina": a place, not the speaker
    return _make_name(toks, span, text)


def _make_name(toks: list[_Tok], span: tuple[int, int], text: str) -> Subject | None:
    first, last = span
    name_toks = toks[first: last + 1]
    start = name_toks[0].start + (len(name_toks[0].text) - len(name_toks[0].text.lstrip(_STRIP)))
    end_tok = name_toks[-1]
    stripped = end_tok.text.rstrip(_STRIP.replace(".", ""))
    if stripped.endswith(".") and not re.fullmatch(r"(?:[A-Z]\.)+|Jr\.|Sr\.", stripped.lstrip(_STRIP)):
        stripped = stripped[:-1]
    for suffix in ("'s", "’s"):
        if stripped.endswith(suffix):
            stripped = stripped[: -len(suffix)]
    end = end_tok.start + len(stripped)
    if end <= start:
        return None
    gender = ""
    role = ""
    if first > 0:
        role_start = toks[0].start
        role = text[role_start: toks[first - 1].end].strip(" ,")
        if all(bare(w) in STOP_CAPS or bare(w) in DETERMINERS for w in role.split()):
            role = ""
        gender = HONORIFICS.get(bare(toks[first - 1].text), "")
    return Subject(text[start:end], start, end, "name", role=role, gender=gender)


def _np_from_tokens(toks: list[_Tok], text: str, leading: bool) -> Subject | None:
    """A pronoun, a proper name or a descriptive noun phrase ("the joint statement")."""
    if not toks:
        return None
    if len(toks) == 1 and bare(toks[0].text) in PRONOUNS:
        t = toks[0]
        word = t.text.strip(_STRIP)
        s = t.start + t.text.find(word)
        return Subject(word, s, s + len(word), "pronoun")
    name = name_from_tokens(toks, text)
    if name is not None and (leading or name.start - toks[0].start < 80 or name.role):
        return name
    # Descriptive phrase: the left-most determiner among the last eight words.
    window = toks[-8:]
    for i, t in enumerate(window):
        w = bare(t.text)
        if w in DETERMINERS or (i == 0 and w in GROUP_NOUNS):
            phrase = window[i:]
            if any(bare(p.text) in _VERBISH for p in phrase):
                continue
            s, e = phrase[0].start, phrase[-1].end
            while e > s and text[e - 1] in _STRIP:
                e -= 1
            return Subject(text[s:e], s, e, "np")
    if len(toks) <= 4 and bare(toks[0].text) in GROUP_NOUNS:
        s, e = toks[0].start, toks[-1].end
        while e > s and text[e - 1] in _STRIP:
            e -= 1
        return Subject(text[s:e], s, e, "np")
    return None


_VERBISH = {
    "is", "was", "are", "were", "has", "have", "had", "will", "would", "did", "does", "do", "be",
    "been", "said", "says", "that", "because", "if", "when", "and", "but", "or",
}
_TRAILING_FILLER = {
    "also", "has", "have", "had", "is", "was", "were", "are", "will", "would", "could", "later", "then",
    "again", "previously", "recently", "repeatedly", "once", "often", "reportedly", "publicly",
    "privately", "himself", "herself", "themselves", "itself", "just", "already", "still", "never",
    "first", "initially", "finally", "subsequently", "simply", "further", "not", "did", "does", "do",
    "flatly", "quickly", "immediately", "too", "even", "both", "all", "alone", "who", "which", "that",
    "may", "might", "can", "should", "must", "long", "since",
}


def _segments(text: str, base: int) -> list[tuple[int, int]]:
    """Comma-separated segments of ``text`` as absolute (start, end), parentheses kept inside."""
    segs: list[tuple[int, int]] = []
    depth = 0
    cur = 0
    for i, ch in enumerate(text):
        if ch in "([":
            depth += 1
        elif ch in ")]" and depth:
            depth -= 1
        elif ch in ",;—" and depth == 0:
            segs.append((base + cur, base + i))
            cur = i + 1
    segs.append((base + cur, base + len(text)))
    return segs


def _strip_parens(toks: list[_Tok]) -> list[_Tok]:
    """Drop parenthetical tokens such as "(D-N.Y.)" that sit between a name and its verb."""
    out: list[_Tok] = []
    depth = 0
    for t in toks:
        opens, closes = t.text.count("("), t.text.count(")")
        if depth == 0 and opens == 0:
            out.append(t)
        depth = max(0, depth + opens - closes)
    return out


def _seg_tokens(text: str, seg: tuple[int, int]) -> list[_Tok]:
    toks = _strip_parens(_tokens(text[seg[0]: seg[1]], seg[0]))
    while toks and bare(toks[0].text) in {"and", "but", "so", "yet", "which", "who", "that", "while",
                                          "whereas", "as", "where", "then", "or", "also"}:
        toks = toks[1:]
    return toks


def _unpossess(toks: list[_Tok]) -> list[_Tok]:
    last = toks[-1]
    word = re.sub(r"(?:'s|’s|')$", "", last.text.rstrip(",;:"))
    return toks[:-1] + [_Tok(word, last.start, last.start + len(word))]


def _is_adverbial(text: str, seg: tuple[int, int]) -> bool:
    toks = _tokens(text[seg[0]: seg[1]], seg[0])
    if not toks:
        return True
    w = bare(toks[0].text)
    if w in {"as", "and", "but", "so"} and _is_pure_name(_seg_tokens(text, seg)):
        return False
    if w.endswith("ing") and len(w) > 4 and (not is_capitalised(toks[0].text)
                                            or (len(toks) > 1 and not is_capitalised(toks[1].text))):
        return True
    return w in _ADVERBIAL_START or w.isdigit()


def _is_pure_name(toks: list[_Tok]) -> bool:
    """Every token is capitalised, a title word or a particle: "Sen. Brian Schatz of Hawaii"."""
    if not toks or len(toks) > 9:
        return False
    return all(is_capitalised(t.text) or bare(t.text) in TITLE_WORDS or bare(t.text) in NAME_PARTICLES
               or t.text == "of" for t in toks)


def _role_text(text: str, start: int, end: int) -> str:
    role = " ".join(text[start:end].split()).strip(" ,;—-")
    if not role or _ROLE_OPENERS.match(role) and not role.lower().startswith(("in ", "at ")):
        return ""
    return role[:200]


def subject_before(text: str, start: int, end: int, clause_mode: bool = False,
                   possessive: bool = False) -> Subject | None:
    """Find the subject of a speech verb whose left context is ``text[start:end]``.

    Handles "Wu Enyuan, a research fellow at ..., told", "Trump's lawyer, Marc
    Kasowitz, said", "the joint statement said", "he said" and, with
    ``clause_mode`` (participles and "... and said"), the clause's subject.
    """
    toks = _tokens(text[start:end], start)
    relative = False
    while toks and (bare(toks[-1].text) in _TRAILING_FILLER
                    or (bare(toks[-1].text).endswith("ly") and not is_capitalised(toks[-1].text))):
        if toks[-1].text.endswith(","):
            break
        relative = relative or bare(toks[-1].text) in {"who", "which", "that"}
        toks.pop()
    if not toks:
        return None
    if bare(toks[-1].text) == "and" and not toks[-1].text.endswith(","):
        clause_mode = True
        toks.pop()
    if not toks:
        return None
    end = toks[-1].end
    segs = [s for s in _segments(text[start:end], start) if text[s[0]: s[1]].strip(" '\"”’“‘")]
    if not segs:
        return None
    appositive = text[start:end].rstrip(" '\"”’").endswith(",")
    if clause_mode:
        return _clause_subject(text, segs, end)
    if not appositive:
        toks = _seg_tokens(text, segs[-1])
        if possessive and toks and is_possessive(toks[-1].text) and is_capitalised(toks[-1].text):
            return name_from_tokens(_unpossess(toks), text)
        sub = _np_from_tokens(toks, text, leading=False)
        if sub is not None and sub.kind == "np" and relative and len(segs) > 1:
            # "Braynard, a South Carolina native who writes": the relative clause's antecedent.
            prev = _seg_tokens(text, segs[-2])
            if _is_pure_name(prev):
                name = name_from_tokens(prev, text)
                if name is not None:
                    name.role = _role_text(text, segs[-1][0], segs[-1][1])
                    return name
        return sub
    return _appositive_subject(text, segs, end)


def _appositive_subject(text: str, segs: list[tuple[int, int]], verb: int) -> Subject | None:
    """``NAME, ROLE,`` or ``ROLE, NAME,`` before the verb."""
    body = [s for s in segs if not _is_adverbial(text, s)] or segs[-1:]
    # Prefer the right-most segment that is purely a name but not the role-only last one.
    for i in range(len(body) - 1, -1, -1):
        toks = _seg_tokens(text, body[i])
        if not _is_pure_name(toks) or not name_from_tokens(toks, text):
            continue
        name = name_from_tokens(toks, text)
        if name is None:
            continue
        after = [s for s in segs if s[0] > body[i][0]]
        role = _role_text(text, after[0][0], after[-1][1]) if after else ""
        if not role and i > 0:
            role = _role_text(text, body[i - 1][0], body[i - 1][1])
        if not role:
            role = name.role
        name.role = role
        return name
    toks = _seg_tokens(text, body[0])
    sub = _np_from_tokens(toks, text, leading=True)
    if sub is not None and len(body) > 1 and not sub.role:
        sub.role = _role_text(text, body[1][0], body[-1][1])
    return sub


def _clause_subject(text: str, segs: list[tuple[int, int]], verb: int) -> Subject | None:
    """The subject at the start of the clause: "Clinton claimed victory in a tweet, saying"."""
    body = [s for s in segs if not _is_adverbial(text, s)]
    if not body:
        return None
    first = _seg_tokens(text, body[0])
    first_name = name_from_tokens(first, text) if _is_pure_name(first) else None
    if first_name is not None:
        return first_name
    if len(body) > 1:
        second = _seg_tokens(text, body[1])
        if _is_pure_name(second):
            sub = name_from_tokens(second, text)
            if sub is not None:
                sub.role = _role_text(text, body[0][0], body[0][1])
                return sub
    return _leading_np(text, first)


def _leading_np(text: str, toks: list[_Tok]) -> Subject | None:
    """The noun phrase at the start of a clause ("Rep. Hakeem Jeffries reacted ...")."""
    if not toks:
        return None
    if bare(toks[0].text) in PRONOUNS:
        return _np_from_tokens(toks[:1], text, leading=True)
    run: list[_Tok] = []
    for t in toks:
        if is_capitalised(t.text) or bare(t.text) in NAME_PARTICLES or (run and t.text == "of"):
            run.append(t)
            if is_possessive(t.text) or t.text.endswith((",", ";", ":")):
                break
        else:
            break
    while run and run[-1].text == "of":
        run.pop()
    if run and not is_possessive(run[-1].text):
        return name_from_tokens(run, text)
    if bare(toks[0].text) in DETERMINERS:
        phrase = [toks[0]]
        for t in toks[1:5]:
            if bare(t.text) in _VERBISH or t.text.endswith(("ed", "s")) and len(phrase) > 1:
                break
            phrase.append(t)
        s, e = phrase[0].start, phrase[-1].end
        while e > s and text[e - 1] in _STRIP:
            e -= 1
        return Subject(text[s:e], s, e, "np")
    return None


def subject_after(text: str, start: int, end: int) -> Subject | None:
    """The speaker right after an inverted verb: 'said Wu Enyuan, a research fellow at ...'."""
    window = text[start:end]
    toks = _tokens(window, start)
    if not toks:
        return None
    if bare(toks[0].text) in PRONOUNS and toks[0].text.strip(_STRIP).lower() in PRONOUNS:
        return _np_from_tokens(toks[:1], text, leading=True)
    phrase: list[_Tok] = []
    for t in toks[:12]:
        w = bare(t.text)
        if phrase and (w in {"who", "which", "that", "in", "at", "on", "during", "after", "before",
                             "to", "when", "while", "as", "about", "with", "from", "told"}
                       or (w.endswith("ing") and not is_capitalised(t.text))):
            break
        phrase.append(t)
        if t.text.endswith((",", ".", ";", ":", "!", "?")) and not re.fullmatch(
                r"(?:[A-Z]\.)+|Mr\.|Mrs\.|Ms\.|Dr\.|Sen\.|Rep\.|Gov\.|Gen\.|Jr\.|Sr\.|St\.|Lt\.|Col\.",
                t.text.strip("(\"'")):
            break
    if not phrase:
        return None
    if is_capitalised(phrase[-1].text) or bare(phrase[-1].text) in NAME_PARTICLES:
        sub = name_from_tokens(_strip_parens(phrase), text)
    else:
        sub = None
    if sub is None:
        first = bare(phrase[0].text)
        if first in DETERMINERS or first in GROUP_NOUNS:
            s, e = phrase[0].start, phrase[-1].end
            while e > s and text[e - 1] in _STRIP:
                e -= 1
            sub = Subject(text[s:e], s, e, "np")
        else:
            return None
    # Apposition after the name: ", a research fellow at ...".
    rest = text[sub.end:end]
    m = re.match(r"\s*(?:\([^)]*\))?\s*,\s*", rest)
    if m:
        tail = rest[m.end():]
        # an initial ("George W. Bush") does not end the role; a relative clause does
        stop = re.search(r"(?<!\b[A-Z])[.;!?](?:\s|$)|,\s*(?:who|which|adding|saying|noting|according)\b"
                         r"|\s(?:who|which)\s", tail)
        role = _role_text(tail, 0, stop.start() if stop else len(tail))
        if role:
            sub.role = role if not sub.role else role
    return sub


_CAP_RUN = re.compile(
    r"(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen)\.\s+)?[A-Z][\w'’.-]*"
    r"(?:[ \t]+(?:[A-Z][\w'’.-]*|de|van|von|bin|al|da|di|del))*"
)


@dataclass
class Person:
    name: str
    gender: str = ""
    role: str = ""


@dataclass
class NameRegistry:
    """Full names seen so far, indexed by surname and first name, plus person mentions by offset.

    Built in one linear pass over the article so that "Wu", "Mr. Trump" and
    "he" can be mapped back to "Wu Enyuan" / "Donald J. Trump".
    """

    by_last: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    by_first: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    mention_pos: list[int] = field(default_factory=list)
    mention_name: list[str] = field(default_factory=list)

    @classmethod
    def build(cls, text: str, limit: int = 2_000_000) -> NameRegistry:
        reg = cls()
        for m in _CAP_RUN.finditer(text, 0, min(len(text), limit)):
            reg._add_run(text, m.start(), m.end())
        return reg

    def _add_run(self, text: str, start: int, end: int) -> None:
        for piece_start, piece_end in _split_run(text, start, end):
            toks = _tokens(text[piece_start:piece_end], piece_start)
            span = _clean_name(toks)
            if span is None:
                continue
            first, last = span
            name_toks = toks[first: last + 1]
            words = [bare(t.text) for t in name_toks]
            honorific = HONORIFICS.get(bare(toks[first - 1].text), "") if first > 0 else ""
            if not words or words[-1] in ORG_WORDS or words[-1] in TITLE_WORDS:
                continue
            name = " ".join(t.text.strip(_STRIP) if not t.text.endswith(".") or len(t.text) <= 3
                            else t.text.rstrip(".") for t in name_toks)
            name = re.sub(r"(?:'s|’s)$", "", name)
            pos = name_toks[0].start
            if len(name_toks) >= 2 and words[0] not in NON_FIRST_NAMES and words[0] not in ORG_WORDS:
                self.register(name, pos, honorific)
            elif len(name_toks) == 1:
                full = self.resolve(name, pos, honorific)
                if full and full != name:
                    self._mention(pos, full)
                    if honorific and full in self.people and not self.people[full].gender:
                        self.people[full].gender = honorific

    def register(self, name: str, pos: int, gender: str = "") -> None:
        parts = name.split()
        person = self.people.get(name)
        if person is None:
            person = Person(name, gender or _first_name_gender(parts[0]))
            self.people[name] = person
        elif gender and not person.gender:
            person.gender = gender
        self.by_last.setdefault(parts[-1].lower(), []).append((pos, name))
        self.by_first.setdefault(parts[0].lower(), []).append((pos, name))
        self._mention(pos, name)

    def _mention(self, pos: int, name: str) -> None:
        i = bisect.bisect_right(self.mention_pos, pos)
        self.mention_pos.insert(i, pos)
        self.mention_name.insert(i, name)

    def resolve(self, mention: str, pos: int, gender: str = "") -> str:
        """Full name for a one-word mention ("Wu" -> "Wu Enyuan"), nearest earlier introduction first."""
        key = mention.split()[-1].lower().rstrip(".")
        for table in (self.by_last, self.by_first):
            cands = table.get(key)
            if not cands:
                continue
            cut = bisect.bisect_right(cands, (pos, "\uffff"))
            ordered = cands[max(0, cut - 40):cut][::-1] + cands[cut:cut + 40]
            genders = [self.people[full].gender if full in self.people else "" for _, full in ordered]
            for want_exact in (True, False):
                for (_, full), g in zip(ordered, genders, strict=True):
                    if not gender or g == gender or (not want_exact and not g):
                        return full
        return mention

    def gender(self, name: str) -> str:
        person = self.people.get(name)
        if person is not None:
            return person.gender
        return _first_name_gender(name.split()[0]) if name else ""

    def recent_people(self, start: int, end: int) -> list[str]:
        """Person full names mentioned in ``[start, end)``, in text order."""
        lo = bisect.bisect_left(self.mention_pos, start)
        hi = bisect.bisect_left(self.mention_pos, end)
        return self.mention_name[lo:hi]


def _first_name_gender(word: str) -> str:
    w = word.lower().strip(_STRIP)
    if w in MALE_FIRST:
        return "m"
    if w in FEMALE_FIRST:
        return "f"
    return ""


_ABBREV = {"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "capt", "sgt", "adm", "maj",
           "rev", "jr", "sr", "st", "prof", "hon", "atty", "supt", "cmdr"}


def _split_run(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a capitalised run at sentence-final dots ("Obama. Then") but not at initials."""
    pieces: list[tuple[int, int]] = []
    cur = start
    for m in re.finditer(r"\S+", text[start:end]):
        tok = m.group()
        if tok.endswith(".") and not (re.fullmatch(r"(?:[A-Z]\.)+", tok) or bare(tok) in _ABBREV):
            pieces.append((cur, start + m.end()))
            cur = start + m.end()
    if cur < end:
        pieces.append((cur, end))
    return pieces
