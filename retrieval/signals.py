"""Per-version evidence the re-ranker and the gate read: each passage's terms, the topic vocabulary, question style."""

from __future__ import annotations

from collections.abc import Mapping

from knowledge.folding import fold_diacritics, number_key
from knowledge.knowledge_base import KnowledgeBase
from knowledge.lexicon import Lexicon
from knowledge.models import Document
from retrieval.features import FUNCTION_WORDS, Candidate, PassageTerms, fixed_terms
from retrieval.index import Hit
from retrieval.text import syllables, words_and_pairs

__all__ = ["Signals", "Terms", "context_of"]

Terms = tuple[frozenset[str], frozenset[str]]  # words, and pairs of adjacent words as "a_b"


def context_of(doc: Document) -> str:
    """What every passage of a document is searched with besides its own text: the document's number and title."""
    return f"{doc.meta.number} {doc.meta.title}"


def _domain_terms(kb: KnowledgeBase, lexicon_terms: Terms) -> Terms:
    """The words and word pairs of what the bot is about: titles, headings, search phrases and the glossary.

    A question sharing none of these pairs ("thời tiết Hà Nội mai thế nào") is about something else, even when
    each of its words occurs somewhere in a long legal text.
    """
    texts = [f"{d.meta.title} {' '.join(d.meta.aliases)}" for d in kb.documents]
    texts += [p.heading for _, p in kb.passages]
    words, pairs = words_and_pairs(texts)
    lexicon_words, lexicon_pairs = lexicon_terms
    return words | lexicon_words, pairs | lexicon_pairs


class Signals:
    """Built once per engine; a passage's title and search-phrase terms are worked out on first use and kept."""

    def __init__(
        self,
        kb: KnowledgeBase,
        lexicon: Lexicon,
        vocabulary: frozenset[str],
        glossary: frozenset[str],
        lexicon_terms: Terms,
    ) -> None:
        """`lexicon_terms`: the search phrases' and glossary's words and pairs (retrieval.lexicon_tables)."""
        self.kb, self.lexicon = kb, lexicon
        self.domain = _domain_terms(kb, lexicon_terms)
        self._vocabulary, self._glossary = vocabulary, glossary
        self._terms: dict[int, PassageTerms] = {}  # the fixed part only: small sets

    def style(self, text: str) -> tuple[float, float]:
        """Whether the question has diacritics, and the share of its words neither the documents nor the glossary
        know: careful typing and known words make a match more trustworthy than slang and typos do."""
        raw = syllables(text)
        unknown = sum(w not in self._vocabulary and w not in self._glossary and w not in FUNCTION_WORDS for w in raw)
        return float(fold_diacritics(text) != text), unknown / len(raw) if raw else 0.0

    def candidate(self, group: list[Hit], found: Mapping[int, frozenset[str]]) -> Candidate:
        """What the features need of an article group; `found`: the asked terms each passage has (index.containing)."""
        doc, passage = self.kb.passages[group[0].position]
        overview = passage.id.endswith("/tong-quan")
        score, terms = max(h.score for h in group), self._group_terms(group, found)
        return Candidate(score, terms, overview, number_key(doc.meta.number), doc.meta.type)

    def _fixed(self, position: int) -> PassageTerms:
        cached = self._terms.get(position)
        if cached is None:
            _, passage = self.kb.passages[position]
            keywords = self.lexicon.keywords.get(passage.id, [])
            cached = self._terms[position] = fixed_terms(passage.heading, keywords, passage.text)
        return cached

    def _group_terms(self, group: list[Hit], found: Mapping[int, frozenset[str]]) -> PassageTerms:
        """A group's terms: its main passage's, with our note's words added."""
        first = group[0].position
        main = self._fixed(first)
        if len(group) < 2:
            return main.having(found.get(first, frozenset()))
        second = group[1].position
        note = self._fixed(second)
        return PassageTerms(frozenset(), frozenset(), main.title_words, main.title_pairs,
                            main.keyword_pairs + note.keyword_pairs, main.texts + note.texts
                            ).having(found.get(first, frozenset()) | found.get(second, frozenset()))  # fmt: skip
