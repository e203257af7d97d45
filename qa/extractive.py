"""The default answerer: answers composed only of sentences and quotes found in the articles.

No generative model runs offline here without inventing facts, so each
question kind has a composition rule over retrieved sentences and the
speaker–quote index. Every part of an answer carries the spans it came
from; the assistant turns those into numbered citations and verifies them.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

from qa.evidence import ArticleView, Sentence, Span, answer_type, coverage, rank_sentences, sentence_pool
from qa.names import candidate_names, match_speaker, mentions
from qa.question import Query
from vectorstore.catalog import Catalog, StoredQuote
from vectorstore.retriever import Retrieved, verbatim_score
from vectorstore.textnorm import keyword_tokens

_CUE = re.compile(
    r"\b(?:said|says|told|added|noted|stressed|argued|claimed|warned|explained|insisted|wrote|tweeted|asked|"
    r"replied|declared|announced|suggested|predicted|expects?|believes?|called|urged|according to|reported)\b",
    re.I,
)
_NOT_SUBJECTS = {"The", "A", "An", "In", "On", "At", "But", "And", "It", "This", "That", "He", "She", "They", "We", "I"}
_WH_PHRASE = re.compile(r"\bhow (?:much|many|long|old|far|often)\b|\b(?:what|which|who|when|where|why|how)\b", re.I)
_GENERIC = {"say", "said", "tell", "told", "articl", "quot", "think", "what", "did", "who", "mean", "view"}
MIN_COVERAGE = 0.5
MAX_QUOTE_CHARS = 220
MAX_QUOTES_PER_SPEAKER = 6
OVERVIEW_QUOTE_CHARS = 160


Similarity = Callable[[str, list[str]], list[float]]


def cite(i: int) -> str:
    """A placeholder for the citation marker of ``Part.support[i]``, put where that support belongs."""
    return f"⟦{i}⟧"


@dataclass
class Part:
    """One answer sentence (or bullet) and the spans that support it."""

    text: str
    support: list[Span] = field(default_factory=list)
    bullet: bool = False
    fallback: str = ""  # plainer wording (e.g. the bare sentence) used if ``text`` fails verification
    extra: list[Span] = field(default_factory=list)  # cited only if needed to verify (e.g. where a name is introduced)


@dataclass
class Composition:
    parts: list[Part]
    answerable: bool = True
    refusal: str = ""


def refuse(reason: str) -> Composition:
    return Composition([], answerable=False, refusal=reason)


@dataclass
class ExtractiveAnswerer:
    catalog: Catalog
    view: ArticleView
    similarity: Similarity | None = None  # meaning-based ordering of candidates that already match lexically
    _quote_cache: dict[tuple[str, ...] | None, list[StoredQuote]] = field(default_factory=dict)

    # -- entry point -------------------------------------------------------------------------------
    def compose(self, query: Query, retrieved: list[Retrieved], scope: list[str] | None) -> Composition:
        if not retrieved and query.kind != "who_said_what":
            return refuse("The articles do not say.")
        handler = {
            "who_said_quote": self.who_said_quote,
            "who_said_what": self.who_said_what,
            "what_did_x_say": self.what_did_x_say,
            "who_is": self.who_is,
            "list": self.fact,
            "fact": self.fact,
            "summary": self.summary,
        }[query.kind]
        return handler(query, retrieved, scope)

    # -- helpers -------------------------------------------------------------------------------------
    def _quotes(self, sources: list[str] | None) -> list[StoredQuote]:
        """Quote records, cached: the answerer is rebuilt whenever the catalog changes."""
        key = None if sources is None else tuple(sorted(sources))
        if key not in self._quote_cache:
            self._quote_cache[key] = self.catalog.quotes(sources)
        return self._quote_cache[key]

    def _introduction(self, quote: StoredQuote) -> Span | None:
        """The sentence where the article first names this speaker (their full name and role)."""
        text = self.view.text(quote.source)
        for s, e in self.view.sentences(quote.source):
            if quote.speaker and quote.speaker in text[s:e]:
                return Span(quote.source, s, e)
        return None

    def _attribution(self, quote: StoredQuote) -> Span:
        return Span(quote.source, quote.sentence_start, quote.sentence_end)

    def _speaker_label(self, quote: StoredQuote, roles: dict[str, str]) -> str:
        """'Marc Kasowitz, Trump's lawyer,' when the article introduces them so; else the name alone."""
        role = roles.get(quote.speaker, "")
        if role and self._sentence_with(quote.source, [quote.speaker, role]):
            return f"{quote.speaker}, {role},"
        return quote.speaker

    def _named_support(self, quote: StoredQuote, span: Span) -> list[Span]:
        """Attribution sentence, plus the introduction when that sentence does not name the speaker in full."""
        support = [span]
        if quote.speaker and quote.speaker not in self.view.snippet(span):
            intro = self._introduction(quote)
            if intro and intro != span:
                support.append(intro)
        return support

    # -- who said "..." ----------------------------------------------------------------------------
    def who_said_quote(self, query: Query, retrieved: list[Retrieved], scope: list[str] | None) -> Composition:
        best = max(retrieved, key=lambda r: verbatim_score(query.phrases, r.text))
        score = verbatim_score(query.phrases, best.text)
        if score < 0.34:
            return self._who_said_paraphrase(query, retrieved)
        sentences = [(s, e) for s, e in self.view.sentences(best.source) if s < best.end and e > best.start]
        scored = [(verbatim_score(query.phrases, self.view.text(best.source)[s:e]), s, e) for s, e in sentences]
        _, s, e = max(scored)
        where = Span(best.source, s, e)
        quote = self._quote_covering(where)
        if quote is None:
            return self._who_said_by_name(where)
        attribution = self._attribution(quote)
        return self._said_it(quote, attribution if _overlaps(attribution, where) else where)

    def _said_it(self, quote: StoredQuote, span: Span) -> Composition:
        """The speaker as the article introduces them, then the sentence; just the sentence if it names them."""
        sentence = _clip(self.view.snippet(span), 400)
        support = self._named_support(quote, span)
        label = self._speaker_label(quote, self._roles([quote.source])).rstrip(",")
        if quote.speaker and quote.speaker in sentence and (label == quote.speaker or label in sentence):
            return Composition([Part(sentence, support)])
        return Composition([Part(f"It was {label}: {sentence}", support, fallback=sentence)])

    def _who_said_by_name(self, where: Span) -> Composition:
        """No attribution record covers the words: name the person the sentence (or the one before) is about."""
        text = self.view.text(where.source)
        sentence = self.view.snippet(where)
        spans = self.view.sentences(where.source)
        i = next((n for n, (s, _e) in enumerate(spans) if s == where.start), 0)
        known = {q.speaker for q in self._quotes([where.source]) if q.speaker}
        for s, e in [(where.start, where.end)] + [spans[j] for j in range(i - 1, max(-1, i - 3), -1)]:
            found = [n for n in candidate_names(text[s:e]) if n.split()[0] not in _NOT_SUBJECTS]
            # a person the article quotes elsewhere, else a full name; never a bare "US" or "Monday"
            names = [match_speaker(n, known) for n in found if match_speaker(n, known)]
            names = names or [n for n in found if len(n.split()) >= 2]
            if names:
                support = [where] if s == where.start else [Span(where.source, s, e), where]
                return Composition([Part(f"It was {names[0]}: {_clip(sentence, 400)}", support, fallback=sentence)])
        return Composition([Part(_clip(sentence, 400), [where])])

    def _who_said_paraphrase(self, query: Query, retrieved: list[Retrieved]) -> Composition:
        phrase = [w for p in query.phrases for w in p]
        tokens = set(keyword_tokens(" ".join(phrase)))
        if not tokens:
            return refuse("The articles do not contain these words.")
        sources = list(OrderedDict.fromkeys(r.source for r in retrieved))
        scored = []
        for q in self._quotes(sources):
            cov = coverage(tokens, set(keyword_tokens(self.view.snippet(self._attribution(q)))))
            if cov >= 0.6:  # the words must be there; meaning only orders the candidates
                scored.append((cov, q))
        if not scored:
            return refuse("The articles do not contain these words or anything close to them.")
        top = max(c for c, _ in scored)
        candidates = [q for c, q in scored if c >= top - 0.2]
        if len(candidates) > 1 and self.similarity is not None:
            sims = self.similarity(" ".join(phrase), [self.view.snippet(self._attribution(q)) for q in candidates])
            best = max(zip(sims, range(len(candidates)), candidates, strict=True))[2]
        else:
            best = max(scored, key=lambda x: x[0])[1]
        return self._said_it(best, self._attribution(best))

    def _quote_covering(self, where: Span) -> StoredQuote | None:
        best, best_overlap = None, 0
        for q in self._quotes([where.source]):
            for a, b in ((q.start, q.end), (q.sentence_start, q.sentence_end)):
                overlap = min(b, where.end) - max(a, where.start)
                if overlap > best_overlap and q.speaker:
                    best, best_overlap = q, overlap
        return best

    def _roles(self, sources: list[str] | None) -> dict[str, str]:
        roles: dict[str, str] = {}
        for q in self._quotes(sources):
            if q.role and q.speaker not in roles:
                roles[q.speaker] = q.role
        return roles

    # -- who said what -------------------------------------------------------------------------------
    def who_said_what(self, query: Query, retrieved: list[Retrieved], scope: list[str] | None) -> Composition:
        sources = scope or list(OrderedDict.fromkeys(r.source for r in retrieved))[:1]
        quotes = [q for q in self._quotes(sources) if _overview_worthy(q)]
        if not quotes:
            return refuse("The articles quote nobody on this.")
        roles = self._roles(sources)
        by_speaker: OrderedDict[str, list[StoredQuote]] = OrderedDict()
        for q in quotes:
            by_speaker.setdefault(q.speaker, []).append(q)
        parts = []
        for speaker, items in by_speaker.items():
            chosen = ([q for q in items if q.kind == "direct"] or items)[:MAX_QUOTES_PER_SPEAKER]
            role = roles.get(speaker, "")
            if role and not self._sentence_with(chosen[0].source, [speaker, role]):
                role = ""
            head = f"**{speaker}**" + (f" ({role})" if role else "")
            support = [Span(q.source, q.start, q.end) for q in chosen]
            shown = "; ".join(
                (f"“{_clip(q.text, OVERVIEW_QUOTE_CHARS)}”" if q.kind == "direct"
                 else f"{q.cue} {_clip(q.text, OVERVIEW_QUOTE_CHARS)}".strip()) + f" {cite(i)}"
                for i, q in enumerate(chosen))
            intro = self._introduction(chosen[0])
            parts.append(Part(f"{head}: {shown}", support, bullet=True, extra=[intro] if intro else []))
        return Composition(parts)

    # -- what did X say (about Y) -----------------------------------------------------------------------
    def what_did_x_say(self, query: Query, retrieved: list[Retrieved], scope: list[str] | None) -> Composition:
        retrieved_sources = list(OrderedDict.fromkeys(r.source for r in retrieved))
        all_quotes = [q for q in self._quotes(scope) if q.speaker]
        speaker = match_speaker(query.speaker, {q.speaker for q in all_quotes})
        topic_tokens = set(keyword_tokens(query.topic)) - _GENERIC - set(keyword_tokens(query.speaker))
        if speaker:
            mine = [q for q in all_quotes if q.speaker == speaker]
            mine.sort(key=lambda q: (q.source not in retrieved_sources, retrieved_sources.index(q.source)
                                     if q.source in retrieved_sources else 0, q.start))
            picked = self._on_topic(mine, topic_tokens)
            if not picked and topic_tokens:
                about = self._about_person(speaker, query, retrieved, topic_tokens)
                if about:
                    return about
                picked = self._in_context(mine, topic_tokens)
            if picked:
                parts = []
                seen: set[Span] = set()
                for q in picked:
                    span = self._attribution(q)
                    if span in seen:
                        continue
                    seen.add(span)
                    parts.append(Part(_clip(self.view.snippet(span), 450), [span]))
                return Composition(parts)
        about = self._about_person(speaker or query.speaker, query, retrieved, topic_tokens)
        if about:
            return about
        about = f" about {query.topic}" if query.topic and topic_tokens else ""
        return refuse(f"The articles do not say what {query.speaker} said{about}.")

    def _about_person(self, person: str, query: Query, retrieved: list[Retrieved],
                      topic_tokens: set[str]) -> Composition | None:
        """No (matching) quote record: sentences about the person — naming them, or 'he'/'she' right after."""
        pool = self._sentences_about(person, retrieved)
        if topic_tokens:
            pool = [s for s in pool if coverage(topic_tokens, s.tokens) >= 0.5]
        else:
            pool = [s for s in pool if _CUE.search(s.text)]
        if not pool:
            return None
        ranked = rank_sentences(list(topic_tokens) or keyword_tokens(person), pool, query.text)
        best = [s for score, cov, s in ranked[:2] if cov > 0 or not topic_tokens]
        return Composition([Part(s.text, [s.span]) for s in best]) if best else None

    def _sentences_about(self, person: str, retrieved: list[Retrieved]) -> list[Sentence]:
        out = []
        for s in sentence_pool(self.view, retrieved):
            if mentions(s.text, person):
                out.append(s)
                continue
            if re.match(r"\s*[\"“]?(?:He|She|They)\b", s.text):
                previous = [p for p in self.view.sentences(s.span.source) if p[1] <= s.span.start]
                if previous and mentions(self.view.text(s.span.source)[previous[-1][0]:previous[-1][1]], person):
                    out.append(s)
        return out

    def _in_context(self, quotes: list[StoredQuote], topic: set[str]) -> list[StoredQuote]:
        """Quotes that do not repeat the topic's words but stand in a passage (or article) about it."""
        if not topic:
            return []
        scored = []
        for q in quotes:
            index = self.view.passage_index(q.source, q.start)
            passage = self.catalog.passage(q.source, index)
            context = f"{self.view.title(q.source)} {passage.text if passage else ''}"
            cov = coverage(topic, set(keyword_tokens(context)))
            if cov >= 0.5:
                scored.append((cov, q))
        scored.sort(key=lambda x: -x[0])
        return sorted([q for _, q in scored[:2]], key=lambda q: (q.source, q.start))

    def _on_topic(self, quotes: list[StoredQuote], topic: set[str]) -> list[StoredQuote]:
        if not topic:
            return quotes[:3]
        scored = []
        for q in quotes:
            tokens = set(keyword_tokens(self.view.snippet(self._attribution(q))))
            cov = coverage(topic, tokens)
            if cov >= 0.34:
                scored.append((cov, q))
        if not scored:
            return []
        top = max(c for c, _ in scored)
        keep = [q for c, q in scored if c >= top * 0.6][:3]
        return sorted(keep, key=lambda q: (q.source, q.start))

    # -- who is X ----------------------------------------------------------------------------------------
    def who_is(self, query: Query, retrieved: list[Retrieved], scope: list[str] | None) -> Composition:
        quotes = [q for q in self._quotes(scope) if q.speaker]
        speaker = match_speaker(query.speaker, {q.speaker for q in quotes})
        if speaker:
            for q in quotes:
                if q.speaker == speaker and q.role:
                    intro = self._sentence_with(q.source, [speaker, q.role]) or self._introduction(q)
                    if intro:
                        return Composition([Part(f"{speaker} is {q.role}.", [intro])])
        pool = [s for s in sentence_pool(self.view, retrieved) if mentions(s.text, query.speaker)]
        if not pool:
            return self.fact(query, retrieved, scope)
        # the article that best matches introduces the person at their first mention
        source = min(pool, key=lambda s: s.rank).span.source
        text = self.view.text(source)
        for a, b in self.view.sentences(source):
            sentence = Sentence(Span(source, a, b), text[a:b], 0, frozenset())
            if mentions(sentence.text, query.speaker) and not self._is_headline(sentence):
                return Composition([Part(sentence.text, [sentence.span])])
        first = min(pool, key=lambda s: (s.rank, s.span.start))
        return Composition([Part(first.text, [first.span])])

    def _is_headline(self, sentence: Sentence) -> bool:
        """The headline restates the question; the body sentence that answers it is better evidence."""
        return sentence.span.start == 0 and self.view.title(sentence.span.source).startswith(sentence.text[:40])

    def _sentence_with(self, source: str, needles: list[str]) -> Span | None:
        text = self.view.text(source)
        for s, e in self.view.sentences(source):
            if all(n in text[s:e] for n in needles):
                return Span(source, s, e)
        return None

    # -- summary ----------------------------------------------------------------------------------------
    def summary(self, query: Query, retrieved: list[Retrieved], scope: list[str] | None) -> Composition:
        """News leads carry the story: the first sentences after the headline, each cited."""
        source = (scope or [r.source for r in retrieved] or [""])[0]
        if not source:
            return refuse("The articles do not say.")
        text = self.view.text(source)
        lead: list[Part] = []
        for s, e in self.view.sentences(source):
            sentence = Sentence(Span(source, s, e), text[s:e], 0, frozenset())
            if self._is_headline(sentence) or len(text[s:e]) < 40:
                continue
            lead.append(Part(text[s:e], [sentence.span]))
            if len(lead) == 3 or sum(len(p.text) for p in lead) > 450:
                break
        return Composition(lead) if lead else refuse("The article has no text to summarise.")

    # -- facts and lists -----------------------------------------------------------------------------
    def fact(self, query: Query, retrieved: list[Retrieved], scope: list[str] | None) -> Composition:
        pool = sentence_pool(self.view, retrieved)
        asked_for = set(keyword_tokens(_list_head(query.text))) if query.kind == "list" else set()
        content = _WH_PHRASE.sub(" ", query.search_text)
        q_tokens = [t for t in keyword_tokens(content) if t not in _GENERIC and t not in asked_for]
        missing = [n for n in query.names if not any(mentions(r.text, n) for r in retrieved)]
        if missing:
            return refuse(f"The articles do not mention {', '.join(missing)}.")
        ranked = [(score - (0.3 if self._is_headline(sent) else 0.0), cov, sent)
                  for score, cov, sent in rank_sentences(q_tokens, pool, query.text)]
        ranked.sort(key=lambda x: x[0], reverse=True)
        if query.kind == "list":
            ranked = sorted(ranked, key=lambda x: x[0] + 0.25 * _enumeration(x[2].text), reverse=True)
        wanted = answer_type(query.text)
        if wanted is not None:  # "how many" needs a number, "when" a time: never answer without one
            ranked = [r for r in ranked if wanted.search(r[2].text)]
        if not ranked or ranked[0][1] < MIN_COVERAGE:
            return refuse("The articles do not say.")
        score, cov, best = ranked[0]
        parts = [Part(best.text, [best.span])]
        if query.kind == "fact" and len(best.text) < 90 and len(ranked) > 1:
            nxt = ranked[1][2]
            if ranked[1][1] >= MIN_COVERAGE and nxt.span.source == best.span.source:
                parts.append(Part(nxt.text, [nxt.span]))
        return Composition(parts)


def _list_head(question: str) -> str:
    """'Which sectors did…' asks for sectors: the word names the answer's type, it is not in the answer."""
    m = re.search(r"\b(?:which|what)\s+((?:\w+\s+){0,2}?\w+s)\b", question, re.I)
    return m.group(1).split()[-1] if m else ""


def _overview_worthy(q: StoredQuote) -> bool:
    """Named speakers and real statements: not scare quotes ("hegemony") nor 'experts say'."""
    if not q.speaker or not q.speaker[0].isupper():
        return False
    return q.kind != "direct" or len(q.text.split()) >= 4


def _enumeration(text: str) -> float:
    """1.0 for a sentence that lists three or more items."""
    commas = text.count(",")
    return 1.0 if commas >= 2 and re.search(r",\s+(?:and|or|as well as)\s|\band\b", text) else 0.0


def _overlaps(a: Span, b: Span) -> bool:
    return a.source == b.source and a.start < b.end and b.start < a.end


def _clip(text: str, limit: int = MAX_QUOTE_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit].rstrip(",;:") + "…"


