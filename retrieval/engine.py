"""Question -> Answer over one immutable knowledge-base version."""

from __future__ import annotations

import itertools
import time
from collections.abc import Mapping, Sequence

from knowledge.folding import fold_diacritics, normalize, number_key
from knowledge.knowledge_base import KnowledgeBase
from knowledge.lexicon import Lexicon
from knowledge.models import Document
from retrieval.answer import Answer, DirectAnswer, Reading, Result
from retrieval.direct import BestSpan, best_span, direct_answer
from retrieval.features import Candidate, PassageTerms, QueryTerms, candidate_features, passage_terms
from retrieval.index import Entry, Hit, SearchIndex, SearchParams
from retrieval.lookup import Reference, matching_passages, paragraph_of, parse_reference, resolve_documents
from retrieval.naming import DocumentNames
from retrieval.query import Glossary, Query, analyze
from retrieval.ranking import FloatArray, confident, gate_features, gate_probability, rerank, unrelated
from retrieval.results import build_result, group_hits
from retrieval.splitting import QuestionPart, split_questions
from retrieval.text import syllables

__all__ = ["CANDIDATES", "SearchEngine"]

OVERVIEW_PRIOR = 0.5  # a document's overview restates its sections; they should win when they match as well
CANDIDATES = 10  # article groups the re-ranker looks at


class SearchEngine:
    """Index, glossary and answering for one knowledge-base version; never mutated after build."""

    def __init__(
        self,
        kb: KnowledgeBase,
        lexicon: Lexicon | Mapping[str, Sequence[str]] | None = None,
        params: SearchParams | None = None,
        version: int = 0,
    ) -> None:
        started = time.perf_counter()
        self.kb, self.version = kb, version
        if not isinstance(lexicon, Lexicon):  # a bare glossary mapping, as the first wave passed it
            lexicon = Lexicon(glossary={k: list(v) for k, v in (lexicon or {}).items()})
        self.lexicon = lexicon
        self.glossary = Glossary.from_pairs(lexicon.glossary)
        keywords = lexicon.keywords
        entries = [
            Entry(p.heading, p.paragraphs(), _context(d), shares_title=p.clause is not None,
                  prior=OVERVIEW_PRIOR if p.id.endswith("/tong-quan") else 1.0,
                  keywords=" \n ".join(keywords.get(p.id, ())))
            for d, p in kb.passages
        ]  # fmt: skip
        self.index = SearchIndex(entries, params)
        self._position = {p.id: i for i, (_, p) in enumerate(kb.passages)}
        self._terms: dict[int, PassageTerms] = {}
        self.names = DocumentNames(kb)
        self._domain = _domain_terms(kb, lexicon)
        self.build_seconds = time.perf_counter() - started

    def analyze(self, question: str) -> Query:
        """The query tokens the index will see."""
        return analyze(question, self.glossary)

    def search(self, question: str, k: int = 10) -> list[Hit]:
        """Ranked hits for a question (no merging, no confidence)."""
        return self.index.search(self.analyze(question).tokens, k)

    def answer(self, question: str, top: int = 3) -> Answer:
        """Answer a message: each of its questions by clause lookup, or BM25 re-ranked and passed through the gate."""
        question = question.strip()
        if not question:
            return Answer(question=question, answered=False, message="empty question")
        parts = split_questions(question)
        if len(parts) == 1:
            return self._answer_one(question, question, top)
        answers = [self._answer_one(p.text, self._part_search(p), top) for p in parts]
        first = answers[0]
        readings = list({(r.source, r.target): r for a in answers for r in a.interpretation}.values())
        return first.model_copy(update={
            "question": question, "answered": all(a.answered for a in answers), "parts": answers,
            "confidence": min(a.confidence for a in answers), "interpretation": readings,
            "scope": "out" if all(a.scope == "out" for a in answers) else None,
        })  # fmt: skip

    def _part_search(self, part: QuestionPart) -> str:
        """A later question that names its own document ("UKVFTA thì sao?") takes the earlier one's words, not its
        document: "EVFTA có hiệu lực ngày nào?" lends "có hiệu lực ngày nào"."""
        if not part.context or not self.names.named(syllables(part.own)):
            return part.search
        context = " ".join(self.names.strip(syllables(part.context)))
        return QuestionPart(part.text, part.own, context).search

    def _answer_one(self, shown: str, search: str, top: int) -> Answer:
        query = self.analyze(search)
        found = self._lookup(search, query)
        if found is not None:
            return found.model_copy(update={"question": shown})
        readings = [Reading.of(a, b) for a, b in query.readings]
        groups, features = self.candidates(query)
        if not groups:
            return Answer(question=shown, answered=False, interpretation=readings, scope="out")
        order, scores = rerank(features)
        gate = gate_features(features, scores, order)
        probability = gate_probability(gate)
        answered = confident(probability, gate)
        if not answered and unrelated(gate, probability):
            return Answer(question=shown, answered=False, confidence=round(probability, 3), interpretation=readings,
                          scope="out")  # fmt: skip
        units = query.units + [u for e in query.extra for u in e.alternative]
        idf = self.index.passages.idf
        best = groups[order[0]]
        span, direct = self._span(best, query, answered)
        # The top result is cited at the span that answers, not merely at its best-scoring paragraph.
        top_hit = best[0]._replace(paragraph=span.paragraph) if span is not None else best[0]
        results = [build_result(self.kb, [top_hit, *best[1:]], units, idf)]
        results += [build_result(self.kb, groups[i], units, idf) for i in order[1:top]]
        return Answer(question=shown, answered=answered, confidence=round(probability, 3), results=results,
                      interpretation=readings, direct_answer=direct)  # fmt: skip

    def _span(self, group: list[Hit], query: Query, answered: bool) -> tuple[BestSpan | None, DirectAnswer | None]:
        """The best span of the group's main passage, and the direct answer when the answer is confident."""
        doc, passage = self.kb.passages[group[0].position]
        terms = QueryTerms.of(query, self.index.passages.idf)
        span = best_span(passage, terms, fold_diacritics(normalize(query.text)))
        if span is None or not answered:
            return span, None
        return span, direct_answer(passage, span, lambda paragraph: doc.citation(passage, paragraph).text())

    def candidates(self, query: Query) -> tuple[list[list[Hit]], FloatArray]:
        """The best article groups by BM25 and each one's re-ranking features."""
        groups = group_hits(self.kb, self.index.search(query.tokens, CANDIDATES * 4))[:CANDIDATES]
        terms = QueryTerms.of(query, self.index.passages.idf)
        known = terms.coverage(*self._domain)
        named = self.names.named(query.units) | self.names.named(syllables(query.text))
        rows = [self._candidate(g) for g in groups]
        return groups, candidate_features(terms, rows, known, named, self._style(query.text))

    def _style(self, text: str) -> tuple[float, float]:
        """Whether the question has diacritics, and the share of its words neither the documents nor the glossary
        know: careful typing and known words make a match more trustworthy than slang and typos do."""
        raw = syllables(text)
        vocabulary = self.index.vocabulary()[0]
        unknown = sum(w not in vocabulary and (w,) not in self.glossary.expansions for w in raw)
        return float(fold_diacritics(text) != text), unknown / len(raw) if raw else 0.0

    def _candidate(self, group: list[Hit]) -> Candidate:
        doc, passage = self.kb.passages[group[0].position]
        overview = passage.id.endswith("/tong-quan")
        return Candidate(max(h.score for h in group), self._group_terms(group), overview, number_key(doc.meta.number))

    def _passage_terms(self, position: int) -> PassageTerms:
        cached = self._terms.get(position)
        if cached is None:
            doc, passage = self.kb.passages[position]
            keywords = self.lexicon.keywords.get(passage.id, [])
            body = " ".join([_context(doc), passage.heading, passage.text, *keywords])
            cached = self._terms[position] = passage_terms(body, passage.heading, keywords)
        return cached

    def _group_terms(self, group: list[Hit]) -> PassageTerms:
        """A group's terms: its main passage's, with our note's words added."""
        main = self._passage_terms(group[0].position)
        if len(group) < 2:
            return main
        note = self._passage_terms(group[1].position)
        return PassageTerms(main.words | note.words, main.pairs | note.pairs, main.title_words, main.title_pairs,
                            main.keyword_pairs + note.keyword_pairs)  # fmt: skip

    def _lookup(self, question: str, query: Query) -> Answer | None:
        """Exactly the article, clause, point or plan section the question names, if it names one."""
        ref = parse_reference(question)
        if ref is None:
            return None
        named = self.analyze(ref.document_words) if ref.document_words else None
        docs = resolve_documents(" ".join([ref.document_words, *(named.units if named else [])]), self.kb)
        if not docs:
            return None
        results = self._cite(docs, ref)
        if not results:
            where = f"Điều {ref.article}" if ref.article else f"Mục {ref.section}"
            message = f"Không tìm thấy {where} trong {docs[0].meta.number} ở cơ sở tri thức."
            return Answer(question=question, answered=False, lookup=True, message=message)
        return Answer(question=question, answered=True, confidence=1.0, lookup=True, results=results)

    def _cite(self, docs: list[Document], ref: Reference) -> list[Result]:
        hits = [Hit(self._position[p.id], 0.0, paragraph_of(p, ref)) for d in docs for p in matching_passages(d, ref)]
        idf = self.index.passages.idf
        return [build_result(self.kb, group, [], idf) for group in group_hits(self.kb, hits, whole=True)]

    def article(self, number: str, article: str | None = None, section: str | None = None) -> list[Result]:
        """Every passage of one article or plan item of a document, official wording merged with our note."""
        return self._cite(self.kb.by_number(number), Reference(article, None, None, section, ""))


def _domain_terms(kb: KnowledgeBase, lexicon: Lexicon) -> tuple[frozenset[str], frozenset[str]]:
    """The words and word pairs of what the bot is about: titles, headings, search phrases and the glossary.

    A question sharing none of these pairs ("thời tiết Hà Nội mai thế nào") is about something else, even when
    each of its words occurs somewhere in a long legal text.
    """
    texts = [f"{d.meta.title} {' '.join(d.meta.aliases)}" for d in kb.documents]
    texts += [p.heading for _, p in kb.passages]
    texts += [phrase for phrases in lexicon.keywords.values() for phrase in phrases]
    texts += [phrase for key, values in lexicon.glossary.items() for phrase in (key, *values)]
    words: set[str] = set()
    pairs: set[str] = set()
    for text in texts:
        units = syllables(text)
        words.update(units)
        pairs.update(f"{a}_{b}" for a, b in itertools.pairwise(units))
    return frozenset(words), frozenset(pairs)


def _context(doc: Document) -> str:
    return f"{doc.meta.number} {doc.meta.title}"
