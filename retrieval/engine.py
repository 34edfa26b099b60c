"""Question -> Answer over one immutable knowledge-base version."""

from __future__ import annotations

import functools
import re
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

from knowledge.folding import fold_diacritics, normalize
from knowledge.knowledge_base import KnowledgeBase
from knowledge.lexicon import Lexicon
from knowledge.models import Document, Passage
from retrieval.answer import Answer, DirectAnswer, Reading, Result
from retrieval.denial import without_denied
from retrieval.direct import BestSpan, best_span, direct_answer
from retrieval.features import QueryTerms, candidate_features
from retrieval.figures import asked
from retrieval.gaps import Gaps
from retrieval.glosses import EnglishGlosses
from retrieval.in_language import InLanguage
from retrieval.index import Entry, Hit, SearchIndex, SearchParams
from retrieval.language import LanguageDetector
from retrieval.lexicon_tables import lexicon_tables
from retrieval.lookup import Reference, matching_passages, paragraph_of, parse_reference, resolve_documents
from retrieval.naming import DocumentNames
from retrieval.off_topic import OffTopics
from retrieval.parts import answer_parts
from retrieval.prepared import Candidates, Prepared
from retrieval.query import Query, analyze, asking_sentences, tells_a_story, without_seams
from retrieval.ranking import (
    FloatArray,
    gate_features,
    gate_probability,
    rerank,
)
from retrieval.results import Grouping, build_result, group_hits
from retrieval.scope import Scope
from retrieval.signals import Signals, context_of
from retrieval.splitting import split_questions
from retrieval.text import syllables, without_markup

__all__ = ["CANDIDATES", "Prepared", "SearchEngine"]

OVERVIEW_PRIOR = 0.5  # a document's overview restates its sections; they should win when they match as well
CANDIDATES = 10  # article groups the re-ranker looks at
ELLIPTICAL = 4  # words; a later question this short ("còn UKVFTA thì sao?") asks what the one before it asked
GLOSS_WEIGHT = 1.0  # an English question's match on our English gloss, added to its translated match


class SearchEngine:
    """Index, glossary and answering for one knowledge-base version; never mutated after build."""

    def __init__(
        self,
        kb: KnowledgeBase,
        lexicon: Lexicon | Mapping[str, Sequence[str]] | None = None,
        params: SearchParams | None = None,
        version: int = 0,
        cache_dir: Path | None = None,
    ) -> None:
        started = time.perf_counter()
        self.kb, self.version = kb, version
        if not isinstance(lexicon, Lexicon):  # a bare glossary mapping, as the first wave passed it
            lexicon = Lexicon(glossary={k: list(v) for k, v in (lexicon or {}).items()})
        self.lexicon = lexicon
        tables = lexicon_tables(lexicon, cache_dir)  # the same for every version: worked out once per lexicon
        self.glossary = tables.glossary
        keywords = lexicon.keywords
        entries = [
            Entry(p.heading, p.paragraphs(), context_of(d), shares_title=p.clause is not None,
                  prior=OVERVIEW_PRIOR if p.id.endswith("/tong-quan") else 1.0,
                  keywords=" \n ".join(keywords.get(p.id, ())))
            for d, p in kb.passages
        ]  # fmt: skip
        self.index = SearchIndex(entries, params, cache_dir)  # mapped from disk when built before
        self._position = {p.id: i for i, (_, p) in enumerate(kb.passages)}
        self._alike: dict[int, list[int]] = {}  # a passage's clauses alike but for figures, worked out on first use
        self.names = DocumentNames(kb)
        self.grouping = Grouping(kb)
        vocabulary = self.index.words()
        short = frozenset(k[0] for k in self.glossary.expansions if len(k) == 1)
        self.signals = Signals(kb, lexicon, vocabulary, short, tables.terms)
        self.translator = tables.translator
        self.glosses = EnglishGlosses([lexicon.glosses.get(p.id, "") for _, p in kb.passages], tables.gloss_words)
        self._in_language = InLanguage(kb, lexicon)
        self.languages = LanguageDetector(vocabulary | short, tables.english_words)
        self.off_topics = OffTopics(
            lexicon.off_topics, self.index.passages.contains, self.translator.table, lexicon.our_subjects
        )
        self.gaps = Gaps(lexicon.gaps, {d.meta.id for d in kb.documents})
        contains = self.index.passages.contains
        self.scope = Scope(self.names, self.off_topics, self.gaps, self.translator, contains, self.glossary)
        self.build_seconds = time.perf_counter() - started

    def analyze(self, question: str) -> Query:
        """The query tokens the index will see."""
        return analyze(question, self.glossary)

    def search(self, question: str, k: int = 10) -> list[Hit]:
        """Ranked hits for a question (no merging, no confidence)."""
        return self.index.search(self.analyze(question).tokens, k)

    def prepare(self, question: str, search: str | None = None, language: str | None = None) -> Prepared:
        """Read a question: its language (unless known), and its Vietnamese query (an English one translated)."""
        text = search if search is not None else question
        searched = text if text != question else ""
        text = without_denied(text)
        if (language or self.languages.detect(question)) != "en":
            query = self.analyze(text)
            return Prepared(question, "vi", query, query.readings, searched=searched)
        translation = self.translator.translate(text)
        query = without_seams(self.analyze(translation.vietnamese), translation.phrases)
        gloss = self.glosses.scores(translation.english)
        style = (0.0, translation.untranslated)
        # A story's scene ("a café in Hoan Kiem printed my Instagram photos on their menu") has few words any lexicon
        # translates; what it asks ("What can I do about it?") may show it is ours, never that it is not.
        untranslated = translation.untranslated
        if not searched and tells_a_story(text) and (asked := " ".join(asking_sentences(text))) != text:
            untranslated = min(untranslated, self.translator.translate(asked).untranslated)
        return Prepared(question, "en", query, translation.readings, gloss, style, searched, untranslated)

    def answer(self, question: str, top: int = 3, hint: str | None = None, reply_in: str | None = None) -> Answer:
        """Answer a message: each of its questions by clause lookup, or BM25 re-ranked and passed through the gate.

        `hint` is the asker's Telegram language code; the question's own words decide the language first.
        `reply_in` fixes the reply's language whatever the question's (the user's /lang choice).
        """
        question = question.strip()
        words = without_markup(question)
        if not words:
            return Answer(question=question, answered=False, message="empty question")
        answer = self._answer_message(words, top, hint)
        if words != question:
            answer = answer.model_copy(update={"question": question})
        if reply_in in ("vi", "en") and reply_in != answer.language:
            return self._in_language(answer.model_copy(update={"language": reply_in}), reply_in)
        return answer

    def _answer_message(self, question: str, top: int, hint: str | None) -> Answer:
        language = self.languages.detect(question, hint)
        parts = split_questions(question, language)
        if len(parts) <= 1:
            return self._answer_one(self.prepare(question, language=language), top)
        return answer_parts(self, question, parts, top)

    def answer_part(self, text: str, search: str, top: int) -> Answer:
        """One question of a message, shown as typed and searched with `search` (its words and those it leans on)."""
        return self._answer_one(self.prepare(text, search), top)

    def _answer_one(self, prepared: Prepared, top: int) -> Answer:
        shown, query = prepared.shown, prepared.query
        found = self._lookup(query.text, query)
        if found is not None:
            return self._in_language(found.model_copy(update={"question": shown}), prepared.language)
        readings = [Reading.of(a, b) for a, b in prepared.readings]
        base = Answer(question=shown, answered=False, interpretation=readings, language=prepared.language)
        pool = self.candidates(prepared)
        groups = pool.groups
        if not groups:
            return base.model_copy(update={"scope": "out"})
        order, scores = rerank(pool.features)
        gate = gate_features(pool.features, scores, order)
        probability = gate_probability(gate)
        answering = self.kb.passages[groups[order[0]][0].position][0]
        judgement = self.scope.judge(prepared, pool, gate, probability, order[0], answering)
        if not judgement.shown:
            return base.model_copy(update={"confidence": round(probability, 3), "scope": "out"})
        units = query.units + [u for e in query.extra for u in e.alternative]
        idf = functools.cache(self.index.passages.idf)  # the question's words recur in every result's sentences
        best = groups[order[0]]
        position, span, direct = self._span(best[0], pool.terms, query, judgement.answered)
        # The top result is cited at the span that answers, not merely at its best-scoring paragraph.
        paragraph = span.paragraph if span is not None else best[0].paragraph
        top_hit = best[0]._replace(position=position, paragraph=paragraph)
        rest = [h for h in best[1:] if h.position != position]
        results = [build_result(self.kb, [top_hit, *rest], units, idf)]
        results += [build_result(self.kb, groups[i], units, idf) for i in order[1:top]]
        update = {
            "answered": judgement.answered,
            "confidence": round(probability, 3),
            "results": results,
            "direct_answer": direct,
            "scope": "out" if judgement.out else None,
        }
        return self._in_language(base.model_copy(update=update), prepared.language)

    def _span(
        self, hit: Hit, terms: QueryTerms, query: Query, answered: bool
    ) -> tuple[int, BestSpan | None, DirectAnswer | None]:
        """The passage that answers (its position), its best span, and the direct answer when confident."""
        folded = fold_diacritics(normalize(query.text))
        doc, passage = self.kb.passages[hit.position]
        # Clauses alike but for their figures (Decree 80 Art. 5's sizes) are told apart by their lead-ins: "doanh
        # nghiệp nhỏ, công nghiệp" is clause 2's line, not clause 1's, which BM25 may rank first for the same words.
        read = [hit.position, *self._alike_clauses(hit.position)]
        spans = [(position, best_span(self.kb.passages[position][1], terms, folded)) for position in read]
        sure = [(position, span) for position, span in spans if span is not None and span.sure]
        position, span = max(sure, key=lambda item: item[1].score) if sure else spans[0]
        if span is None or not answered:
            return position, span, None
        passage = self.kb.passages[position][1]
        return position, span, direct_answer(passage, span, lambda paragraph: doc.citation(passage, paragraph).text())

    def _alike_clauses(self, position: int) -> list[int]:
        """The positions of the other clauses of a passage's article with its lines but for their figures."""
        alike = self._alike.get(position)
        if alike is None:  # once per passage: its article's other passages are read only the first time
            doc, passage = self.kb.passages[position]
            siblings = doc.article_passages(passage.article) if passage.article else []
            alike = [self._position[p.id] for p in siblings if p.id != passage.id and _alike(p, passage, siblings)]
            self._alike[position] = alike
        return alike

    def candidates(self, prepared: Prepared) -> Candidates:
        """The best article groups by BM25 (plus English glosses), each one's re-ranking features, and what they
        were worked out from (the answer and its gate read them again)."""
        query = prepared.query
        # A later part asks what its own words ask ("năm 2023 đã hoạt động chưa" after "ra mắt ngày nào" wants no
        # date); only an elliptical one ("UKVFTA thì sao?") asks what the question it leans on asked.
        own = prepared.searched and prepared.language == "vi" and len(prepared.shown.split()) > ELLIPTICAL
        wants = asked(prepared.shown if own else query.text, prepared.shown if prepared.language == "en" else "")
        prefer = wants.stated_by(lambda position: self.kb.passages[position][1].text)
        if prepared.gloss_scores is None:
            search = functools.partial(self.index.search, query.tokens)
            groups = self.grouping.top(search, CANDIDATES, CANDIDATES * 4, prefer)
        else:
            hits = _with_glosses(self.index.search(query.tokens, CANDIDATES * 4), prepared.gloss_scores)
            groups = group_hits(self.kb, hits, prefer=prefer)[:CANDIDATES]
        terms = QueryTerms.of(query, self.index.passages.idf)
        known = terms.coverage(*self.signals.domain)
        named = self.names.named(query.units) | self.names.named(syllables(query.text))
        found = self.index.containing([*terms.asked(), *wants.terms()], [h.position for g in groups for h in g[:2]])
        rows = [self.signals.candidate(g, found) for g in groups]
        style = prepared.style or self.signals.style(query.text)
        return Candidates(groups, candidate_features(terms, rows, known, named, wants, style), terms, rows, wants)

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
        return [build_result(self.kb, g, [], self.index.passages.idf) for g in group_hits(self.kb, hits, whole=True)]

    def article(self, number: str, article: str | None = None, section: str | None = None) -> list[Result]:
        """Every passage of one article or plan item of a document, official wording merged with our note."""
        return self._cite(self.kb.by_number(number), Reference(article, None, None, section, ""))


def _figureless_lines(passage: Passage) -> list[str]:
    """A passage's bulleted lines with their figures left out."""
    return [re.sub(r"\d+(?:[.,]\d+)?", "#", p) for p in passage.paragraphs() if p.startswith("- ")]


def _alike(other: Passage, passage: Passage, siblings: Sequence[Passage]) -> bool:
    """Whether another clause of the article has this one's bulleted lines but for their figures."""
    # From the article's lead-in passage (no clause): whether it is one of a run of such clauses.
    lines = _figureless_lines(other)
    if not lines:
        return False
    if passage.clause is not None:
        return lines == _figureless_lines(passage)
    return any(p.id != other.id and p.clause is not None and _figureless_lines(p) == lines for p in siblings)


def _with_glosses(hits: list[Hit], gloss: FloatArray) -> list[Hit]:
    """Hits re-scored with the English gloss field, plus passages only the glosses found; best first."""
    scored = {h.position: h._replace(score=h.score + GLOSS_WEIGHT * float(gloss[h.position])) for h in hits}
    for position in np.argsort(-gloss)[: CANDIDATES * 2]:
        if gloss[position] > 0 and int(position) not in scored:
            scored[int(position)] = Hit(int(position), GLOSS_WEIGHT * float(gloss[position]), -1)
    return sorted(scored.values(), key=lambda h: (-h.score, h.position))
