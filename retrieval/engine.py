"""Question -> Answer over one immutable knowledge-base version."""

from __future__ import annotations

import itertools
import time
from collections.abc import Mapping, Sequence

from knowledge.folding import number_key
from knowledge.knowledge_base import KnowledgeBase
from knowledge.models import Document, Passage
from retrieval.answer import FUNCTION_WORDS, Answer, Result, best_sentences, make_result
from retrieval.index import Entry, Hit, SearchIndex, SearchParams
from retrieval.lookup import Reference, parse_reference, resolve_documents
from retrieval.query import Glossary, Query, analyze
from retrieval.text import syllables

__all__ = ["SearchEngine"]

# Shares of the question's idf-weighted content words and word pairs that the best passage must contain
# to count as an answer; tuned on tests/data/questions.json against tests/data/out_of_scope.json.
MIN_WORD_SHARE = 0.5
MIN_PAIR_SHARE = 0.1


class SearchEngine:
    """Index, glossary and answering for one knowledge-base version; never mutated after build."""

    def __init__(
        self,
        kb: KnowledgeBase,
        glossary: Mapping[str, Sequence[str]] | None = None,
        params: SearchParams | None = None,
        version: int = 0,
    ) -> None:
        started = time.perf_counter()
        self.kb, self.version = kb, version
        self.glossary = Glossary.from_pairs(glossary or {})
        entries = [
            Entry(p.heading, p.paragraphs(), _context(d), shares_title=p.clause is not None) for d, p in kb.passages
        ]
        self.index = SearchIndex(entries, params)
        self._position = {p.id: i for i, (_, p) in enumerate(kb.passages)}
        self._term_cache: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
        self.build_seconds = time.perf_counter() - started

    def analyze(self, question: str) -> Query:
        """The query tokens the index will see."""
        return analyze(question, self.glossary)

    def search(self, question: str, k: int = 10) -> list[Hit]:
        """Ranked hits for a question (no merging, no confidence): what `eval` measures."""
        return self.index.search(self.analyze(question).tokens, k)

    def answer(self, question: str, top: int = 3) -> Answer:
        """Answer a question: an explicit clause reference first, otherwise BM25 with a confidence check."""
        question = question.strip()
        if not question:
            return Answer(question=question, answered=False, message="empty question")
        query = self.analyze(question)
        found = self._lookup(question, query)
        if found is not None:
            return found
        groups = self._group(self.index.search(query.tokens, max(top * 3, 10)))[:top]
        results = [self._result(group, query) for group in groups]
        confidence, answered = self._confidence(query, results[0]) if results else (0.0, False)
        return Answer(question=question, answered=answered, confidence=round(confidence, 3), results=results)

    def _group(self, hits: list[Hit], whole: bool = False) -> list[list[Hit]]:
        """One group per article (or plan item): its best passage first, official wording before our note.

        Two clauses of one article never take two places (unless `whole`, when every clause is wanted),
        and an official article and our note on it are one hit; a second member of the other kind is the note.
        """
        groups: list[list[Hit]] = []
        slot: dict[tuple[str, str], int] = {}
        for hit in hits:
            doc, passage = self.kb.passages[hit.position]
            unit = passage.article or passage.section or passage.id
            key = (number_key(doc.meta.number), f"{unit}/{passage.clause}" if whole else unit)
            where = slot.get(key)
            if where is None:
                slot[key] = len(groups)
                groups.append([hit])
                continue
            group = groups[where]
            kinds = [self.kb.passages[h.position][0].meta.kind for h in group]
            if doc.meta.kind in kinds:
                continue  # a weaker clause of an article already shown
            if doc.meta.kind == "official":
                group.insert(0, hit)
            else:
                group.append(hit)
        return groups

    def _result(self, group: list[Hit], query: Query | None) -> Result:
        main = group[0]
        doc, passage = self.kb.passages[main.position]
        paragraphs = passage.paragraphs()
        source = paragraphs[main.paragraph] if 0 <= main.paragraph < len(paragraphs) else passage.text
        units = self._units(query) if query else []
        sentences = best_sentences(source, units, self.index.passages.idf) if units else []
        paragraph = main.paragraph if main.paragraph >= 0 else None
        result = make_result(doc, passage, max(h.score for h in group), paragraph, sentences)
        if len(group) > 1:
            note = self.kb.passages[group[1].position][1]
            result = result.model_copy(update={"note": note.text, "note_passage_id": note.id})
        return result

    @staticmethod
    def _units(query: Query) -> list[str]:
        return query.units + [u for e in query.extra for u in e.alternative]

    def _terms(self, passage_id: str, note: str | None) -> tuple[frozenset[str], frozenset[str]]:
        """Syllables and syllable pairs of a passage with its heading and document label; cached."""
        cached = self._term_cache.get(passage_id)
        if cached is None:
            found = self.kb.passage(passage_id)
            words = syllables(" ".join([_context(found[0]), found[1].heading, found[1].text])) if found else []
            cached = self._term_cache[passage_id] = (frozenset(words), frozenset(_pairs(words)))
        if note:
            words = syllables(note)
            return cached[0] | frozenset(words), cached[1] | frozenset(_pairs(words))
        return cached

    def _confidence(self, query: Query, result: Result) -> tuple[float, bool]:
        """Weighted share of the question's content words, and of its word pairs, the best passage has."""
        wanted = {u for u in query.units if u not in FUNCTION_WORDS and not u.isdigit()}
        if not wanted:
            return 0.0, False
        cached_words, cached_pairs = self._terms(result.passage_id, result.note)
        words, pairs = set(cached_words), set(cached_pairs)
        for expansion in query.extra:  # a synonym found in the passage stands for the question's phrase
            if set(expansion.alternative) <= words:
                words |= set(expansion.source)
                pairs |= set(_pairs(list(expansion.source)))
        asked = {f"{a}_{b}" for a, b in itertools.pairwise(query.units) if a in wanted or b in wanted}
        idf = self.index.passages.idf
        word_share = sum(idf(u) for u in wanted & words) / sum(idf(u) for u in wanted)
        pair_share = sum(idf(p) for p in asked & pairs) / sum(idf(p) for p in asked) if asked else word_share
        answered = word_share >= MIN_WORD_SHARE and pair_share >= MIN_PAIR_SHARE
        return (word_share + pair_share) / 2, answered

    def _lookup(self, question: str, query: Query) -> Answer | None:
        """Exactly the article, clause, point or plan section the question names, if it names one."""
        ref = parse_reference(question)
        if ref is None:
            return None
        named = self.analyze(ref.document_words) if ref.document_words else None
        words = " ".join([ref.document_words, *(named.units if named else [])])
        docs = resolve_documents(words, self.kb)
        if not docs:
            return None
        results = self._cite(docs, ref)
        if not results:
            where = f"Điều {ref.article}" if ref.article else f"Mục {ref.section}"
            return Answer(
                question=question,
                answered=False,
                lookup=True,
                message=f"Không tìm thấy {where} trong {docs[0].meta.number} ở cơ sở tri thức.",
            )
        return Answer(question=question, answered=True, confidence=1.0, lookup=True, results=results)

    def _cite(self, docs: list[Document], ref: Reference) -> list[Result]:
        hits = [Hit(self._position[p.id], 0.0, _paragraph_of(p, ref)) for d in docs for p in _matching(d, ref)]
        return [self._result(group, None) for group in self._group(hits, whole=True)]

    def article(self, number: str, article: str | None = None, section: str | None = None) -> list[Result]:
        """Every passage of one article or plan item of a document, official wording merged with our note."""
        return self._cite(self.kb.by_number(number), Reference(article, None, None, section, ""))


def _pairs(words: list[str]) -> list[str]:
    return [f"{a}_{b}" for a, b in itertools.pairwise(words)]


def _context(doc: Document) -> str:
    return f"{doc.meta.number} {doc.meta.title}"


def _matching(doc: Document, ref: Reference) -> list[Passage]:
    if ref.section:
        return [p for p in doc.passages if p.section == ref.section or (p.section or "").startswith(ref.section + ".")]
    passages = doc.article_passages(ref.article or "")
    if ref.clause:
        exact = [p for p in passages if p.clause == ref.clause]
        within = [p for p in passages if p.clause is None and any(c == ref.clause for c, _ in p.marks)]
        return exact or within
    return passages


def _paragraph_of(passage: Passage, ref: Reference) -> int:
    for i, (clause, point) in enumerate(passage.marks):
        if ref.point and point == ref.point and (ref.clause is None or clause == ref.clause):
            return i
        if ref.clause and not ref.point and clause == ref.clause:
            return i
    return -1
