"""How ranked hits become cited results: one group per article, official text merged with our note."""

from __future__ import annotations

import collections
import functools
import math
from collections.abc import Callable, Sequence

from knowledge.folding import number_key
from knowledge.knowledge_base import KnowledgeBase
from knowledge.models import STATUS_LABELS, Document, Passage
from retrieval.answer import Result
from retrieval.features import FUNCTION_WORDS
from retrieval.index import PRUNE_FROM, Hit
from retrieval.text import split_sentences, syllables, with_bigrams

__all__ = ["Grouping", "best_sentences", "build_result", "group_hits", "make_result"]


def _unit(doc: Document, passage: Passage, whole: bool = False) -> tuple[str, str]:
    unit = passage.article or passage.section or passage.id
    return number_key(doc.meta.number), f"{unit}/{passage.clause}" if whole else unit


class Grouping:
    """The best article groups of a question, from as few hits as give the same groups as a deep search."""

    def __init__(self, kb: KnowledgeBase, shallow_from: int = PRUNE_FROM) -> None:
        """Note which articles have passages of two kinds: only their groups can gain a member from deeper hits.

        Below `shallow_from` passages every passage is scored whatever the depth, so one deep search is cheapest.
        """
        members = collections.Counter((_unit(doc, passage), doc.meta.kind) for doc, passage in kb.passages)
        kinds = collections.Counter(unit for unit, _ in members)
        self.kb, self.shallow = kb, len(kb.passages) >= shallow_from
        self.mixed = frozenset(unit for unit, n in kinds.items() if n > 1)
        self.clauses = any(n > 1 for n in members.values())  # else no clause can speak for another (ALQAC)

    def top(
        self, search: Callable[[int], list[Hit]], groups: int, deep: int, prefer: Callable[[int], bool] | None = None
    ) -> list[list[Hit]]:
        """The first `groups` groups of the `deep` best hits; `search(k)` gives the k best hits, `prefer` as in
        group_hits (it needs the deep search: a weaker clause it prefers may lie deeper)."""
        # The k best hits are the first k of the deep search, so once they make `groups` groups none of which
        # could still take a note or article from a deeper hit, the deep search would give the same groups. On a
        # collection of one passage per article (ALQAC) that is always so, and a search for 10 hits instead of
        # 40 prunes far more (100k passages: p95 3.1 ms against 7.2).
        # The shipped knowledge base (clauses, so often fewer groups than hits) would search twice for nothing.
        prefer = prefer if self.clauses else None
        shallow = self.shallow and prefer is None
        hits = search(groups) if shallow else search(deep)
        if shallow and len(hits) == groups:
            found = group_hits(self.kb, hits)
            # As many groups as hits: each is a single hit, which may still take a hit of the other kind.
            if len(found) == groups and not any(self._may_grow(g) for g in found):
                return found
            hits = search(deep)
        return group_hits(self.kb, hits, prefer=prefer)[:groups]

    def _may_grow(self, group: list[Hit]) -> bool:
        doc, passage = self.kb.passages[group[0].position]
        return _unit(doc, passage) in self.mixed


def group_hits(
    kb: KnowledgeBase, hits: Sequence[Hit], whole: bool = False, prefer: Callable[[int], bool] | None = None
) -> list[list[Hit]]:
    """One group per article (or plan item): its best passage first, official wording before our note.

    Two clauses of one article never take two places (unless `whole`, when every clause is wanted),
    and an official article and our note on it are one hit; a second member of the other kind is the note.
    A weaker clause that `prefer` (a passage position) holds and the group's member of its kind does not takes
    that member's place: the clause stating the figure a question asks for speaks for its article.
    """
    groups: list[list[Hit]] = []
    slot: dict[tuple[str, str], int] = {}
    for hit in hits:
        doc, passage = kb.passages[hit.position]
        key = _unit(doc, passage, whole)
        where = slot.get(key)
        if where is None:
            slot[key] = len(groups)
            groups.append([hit])
            continue
        group = groups[where]
        same = [i for i, h in enumerate(group) if kb.passages[h.position][0].meta.kind == doc.meta.kind]
        if same:  # a weaker clause of an article already shown
            member = group[same[0]]
            if prefer is not None and not prefer(member.position) and prefer(hit.position):
                group[same[0]] = hit._replace(score=member.score)  # the article keeps the rank its best match gave it
            continue
        if doc.meta.kind == "official":
            group.insert(0, hit)
        else:
            group.append(hit)
    return groups


@functools.lru_cache(maxsize=65536)
def _sentence_terms(sentence: str) -> tuple[frozenset[str], frozenset[str]]:
    words = syllables(sentence)
    return frozenset(words), frozenset(with_bigrams(words)[len(words) :])


@functools.lru_cache(maxsize=64)
def _asked_terms(units: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str]]:
    """A question's content words and word pairs: worked out once for all its results."""
    return frozenset(u for u in units if u not in FUNCTION_WORDS), frozenset(with_bigrams(list(units))[len(units) :])


def best_sentences(text: str, units: Sequence[str], idf: Callable[[str], float], limit: int = 2) -> list[str]:
    """The sentences of a passage that share the most weighted words and word pairs with the question."""
    wanted, pairs = _asked_terms(tuple(units))
    scored = []
    for position, sentence in enumerate(split_sentences(text)):
        words, bigrams = _sentence_terms(sentence)
        # fsum: a set's order follows the process's string hashing, and a plain sum's rounding with it, which let
        # two sentences scoring alike swap places from one run to the next
        score = math.fsum(idf(u) for u in wanted & words)
        score += 0.5 * math.fsum(idf(p) for p in pairs & bigrams)
        if score > 0:
            scored.append((score, position, sentence))
    if not scored:
        return []
    top = max(s for s, _, _ in scored)
    chosen = sorted(sorted(scored, reverse=True)[:limit], key=lambda item: item[1])
    return [sentence for score, _, sentence in chosen if score >= 0.4 * top]


def make_result(doc: Document, passage: Passage, score: float, paragraph: int | None, highlights: list[str]) -> Result:
    """A Result for a passage, cited down to the point of its best paragraph."""
    citation = doc.citation(passage, paragraph)
    meta = doc.meta
    return Result(
        passage_id=passage.id, document_id=meta.id, document_number=meta.number, document_title=meta.title,
        article=citation.article, clause=citation.clause, point=citation.point, section=citation.section,
        citation=citation.text(), score=round(score, 4), text=passage.text, url=meta.url, heading=passage.heading,
        kind=meta.kind, status=meta.status, status_label=STATUS_LABELS[meta.status], status_note=meta.status_note,
        issued=meta.issued, effective=meta.effective, highlights=highlights, sources=passage.sources,
    )  # fmt: skip


def build_result(kb: KnowledgeBase, group: Sequence[Hit], units: Sequence[str], idf: Callable[[str], float]) -> Result:
    """The result of one group: the main passage cited at its best paragraph, with our note on it attached."""
    main = group[0]
    doc, passage = kb.passages[main.position]
    paragraphs = passage.paragraphs()
    source = paragraphs[main.paragraph] if 0 <= main.paragraph < len(paragraphs) else passage.text
    sentences = best_sentences(source, units, idf) if units else []
    paragraph = main.paragraph if main.paragraph >= 0 else None
    result = make_result(doc, passage, max(h.score for h in group), paragraph, sentences)
    if len(group) < 2:
        return result
    note_doc, note = kb.passages[group[1].position]
    update: dict[str, object] = {"note": note.text, "note_passage_id": note.id}
    if doc.meta.status == "chua-xac-dinh" and note_doc.meta.status != "chua-xac-dinh":
        # An imported official text does not know whether it is still in force; our note does.
        meta = note_doc.meta
        update.update(
            status=meta.status,
            status_label=STATUS_LABELS[meta.status],
            status_note=meta.status_note,
            effective=doc.meta.effective or meta.effective,
            issued=doc.meta.issued or meta.issued,
        )
    return result.model_copy(update=update)
