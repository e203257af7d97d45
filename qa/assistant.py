"""The Assistant: question + history → answer whose every sentence cites a passage that supports it.

Flow: analyse the question (kind, person, article, follow-up resolution) →
retrieve (hybrid, filtered) → compose with the answerer → number the cited
passages → verify each sentence against its citations (unsupported ones are
dropped) → answer, or say plainly that the articles do not say.
Article text only ever flows into answers as quoted data; nothing in it is
treated as an instruction.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from core.components import Components
from qa.evidence import ArticleView, Span
from qa.extractive import Composition, ExtractiveAnswerer, Part, cite
from qa.followup import as_turns, last_person, last_question
from qa.question import Query, analyze
from qa.types import Answer, Citation, RetrievedRef, Turn
from qa.verify import supported
from vectorstore.retriever import Filters, Retrieved
from vectorstore.textnorm import fold

NOT_IN_ARTICLES = "The articles do not say."
MAX_ANSWER_CHARS = 600  # stop adding sentences past this; a single sentence may take the answer to ~700
EMPTY_STORE = "No articles are stored yet: add some first (upload files, a URL or a folder), then ask again."


@dataclass
class Assistant:
    components: Components
    view: ArticleView = field(init=False)
    answerer: ExtractiveAnswerer = field(init=False)

    def __post_init__(self) -> None:
        self.view = ArticleView(self.components.catalog)
        self.answerer = ExtractiveAnswerer(self.components.catalog, self.view, self._similarity)
        self._generation = -1

    # -- public API ----------------------------------------------------------------------------------
    def ask(self, question: str, history: Iterable[Turn | dict] | None = None, filters: Filters | None = None,
            k: int | None = None) -> Answer:
        answer = None
        for event in self.stream(question, history, filters, k):
            if isinstance(event, Answer):
                answer = event
        assert answer is not None
        return answer

    def stream(self, question: str, history: Iterable[Turn | dict] | None = None, filters: Filters | None = None,
               k: int | None = None) -> Iterator[str | Answer]:
        """Yield the answer text piece by piece, then the finished ``Answer``."""
        answer = self._answer(question, as_turns(history), filters or Filters(), k or self.components.settings.top_k)
        pieces = answer.answer.split("\n")
        for i, piece in enumerate(pieces):
            yield piece + ("\n" if i < len(pieces) - 1 else "")
        yield answer

    def retrieve(self, question: str, history: Iterable[Turn | dict] | None = None, filters: Filters | None = None,
                 k: int | None = None) -> tuple[Query, list[Retrieved], list[str] | None]:
        turns = as_turns(history)
        self._refresh()
        query = self._analyze(question, turns)
        filters = filters or Filters()
        scope = self._scope(query, filters)
        if scope is not None:
            filters = Filters(sources=scope, date_from=filters.date_from, date_to=filters.date_to)
        text = query.search_text
        if query.kind == "what_did_x_say" and query.speaker and query.speaker not in text:
            text = f"{text} {query.speaker}"
        k = k or self.components.settings.top_k
        if query.kind == "who_said_what" and scope:
            return query, self._quote_passages(scope, k), scope
        retrieved = self.components.retriever.search(text, k, filters)
        return query, retrieved, scope

    def _quote_passages(self, scope: list[str], k: int) -> list[Retrieved]:
        """For 'who said what' the evidence is every passage that carries a quote, in article order."""
        keys: dict[tuple[str, int], None] = {}
        for q in self.components.catalog.quotes(scope):
            keys[(q.source, self.view.passage_index(q.source, q.start))] = None
        out = []
        for source, index in list(keys)[: max(k, 12)]:
            p = self.components.catalog.passage(source, index)
            if p:
                out.append(Retrieved(p.source, p.index, p.start, p.end, p.text, title=self.view.title(source),
                                     score=1.0))
        return out

    # -- steps ---------------------------------------------------------------------------------------
    def _refresh(self) -> None:
        generation = self.components.catalog.generation()
        if generation != self._generation:
            self.view = ArticleView(self.components.catalog)
            self.answerer = ExtractiveAnswerer(self.components.catalog, self.view, self._similarity)
            self._speakers = sorted({q.speaker for q in self.components.catalog.quotes() if q.speaker})
            self._generation = generation

    def _similarity(self, text: str, candidates: list[str]) -> list[float]:
        """Cosine similarity with the store's embedder (vectors are normalised)."""
        embedder = self.components.embedder
        query = embedder.embed_query(text)
        return [sum(a * b for a, b in zip(query, vec, strict=True)) for vec in embedder.embed_documents(candidates)]

    def _analyze(self, question: str, turns: list[Turn]) -> Query:
        person = last_person(turns, self._speakers) if turns else ""
        return analyze(question, history_person=person, previous_question=last_question(turns))

    def _scope(self, query: Query, filters: Filters) -> list[str] | None:
        """Articles the question is limited to: one it names by title, the user's filter, or the only one."""
        articles = self.components.catalog.articles()
        if query.article_title:
            wanted = fold(query.article_title)
            hits = [a.source for a in articles if fold(a.title) == wanted]
            hits = hits or [a.source for a in articles if wanted in fold(a.title) or fold(a.title) in wanted]
            if hits:
                return hits
        if filters.sources:
            return list(filters.sources)
        if len(articles) == 1:
            return [articles[0].source]
        if not filters.is_empty():
            return [a.source for a in articles if filters.allows(a.source, a.date)]
        return None

    def _answer(self, question: str, turns: list[Turn], filters: Filters, k: int) -> Answer:
        t0 = time.perf_counter()
        if not question.strip():
            return Answer(question, "Please type a question.", False, kind="empty")
        if self.components.catalog.article_count() == 0:
            return Answer(question, EMPTY_STORE, False, kind="empty-store")
        query, retrieved, scope = self.retrieve(question, turns, filters, k)
        t1 = time.perf_counter()
        composition = self.answerer.compose(query, retrieved, scope)
        answer = self._render(question, query, composition, retrieved)
        t2 = time.perf_counter()
        answer.timings_ms = {"retrieve": round((t1 - t0) * 1000, 1), "answer": round((t2 - t1) * 1000, 1),
                             "total": round((t2 - t0) * 1000, 1)}
        return answer

    def _render(self, question: str, query: Query, comp: Composition, retrieved: list[Retrieved]) -> Answer:
        refs = [RetrievedRef(r.source, r.text, round(r.score, 4), r.title, r.index) for r in retrieved]
        numbers: dict[tuple[str, int, int, int], int] = {}
        citations: list[Citation] = []
        lines: list[str] = []
        for part in comp.parts if comp.answerable else []:
            part = self._verified(part)
            if part is None:
                continue  # an unsupported sentence never reaches the user
            keys = self._passages_for(part)
            text = part.text
            trailing = []
            for i, (key, span) in enumerate(zip(keys, part.support, strict=True)):
                ident = (*key, span.start, span.end)
                if ident not in numbers:
                    numbers[ident] = len(numbers) + 1
                    citations.append(self._citation(numbers[ident], key, span))
                marker = f"[{numbers[ident]}]"
                if cite(i) in text:
                    text = text.replace(cite(i), marker)
                elif marker not in trailing:
                    trailing.append(marker)
            line = f"{text} {''.join(trailing)}".rstrip()
            lines.append(("- " if part.bullet else "") + line)
            if not part.bullet and sum(len(line) for line in lines) > MAX_ANSWER_CHARS:
                break  # facts and statements stay short; overviews (bullets) may run longer
        if not lines:
            reason = comp.refusal if not comp.answerable and comp.refusal else NOT_IN_ARTICLES
            return Answer(question, reason, False, [], refs, query.kind)
        joiner = "\n" if any(p.bullet for p in comp.parts) else " "
        return Answer(question, joiner.join(lines), True, citations, refs, query.kind)

    def _verified(self, part: Part) -> Part | None:
        """The part as worded, else with its extra support cited, else its plainer fallback; None if unsupported."""
        candidates = [part]
        if part.extra:
            candidates.append(Part(part.text, part.support + [s for s in part.extra if s not in part.support],
                                   part.bullet))
        if part.fallback:
            candidates.append(Part(part.fallback, part.support, part.bullet))
        for candidate in candidates:
            passages = [self.components.catalog.passage(*key) for key in self._passages_for(candidate)]
            if supported(candidate.text, [p.text for p in passages if p]):
                return candidate
        return None

    def _passages_for(self, part: Part) -> list[tuple[str, int]]:
        return [(s.source, self.view.passage_index(s.source, s.start)) for s in part.support]

    def _citation(self, n: int, key: tuple[str, int], span: Span) -> Citation:
        passage = self.components.catalog.passage(*key)
        article = self.components.catalog.article(key[0])
        assert passage is not None and article is not None
        start, end = max(span.start, passage.start), min(span.end, passage.end)
        return Citation(
            n=n, source=key[0], title=article.title, text=passage.text, quote=article.text[start:end],
            start=start, end=end, passage_start=passage.start, passage_end=passage.end,
            date=article.date, url=article.url,
        )
