"""The gate's vetoes beside its probability: is the question ours, about what we lack, or about something else."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from knowledge.models import Document
from retrieval.denial import without_denied
from retrieval.english import Translator
from retrieval.english_tokens import english_words
from retrieval.features import FEATURE_NAMES
from retrieval.gaps import Gaps
from retrieval.language import DOCUMENT_NUMBER
from retrieval.naming import DocumentNames, asks_of_another_agreement
from retrieval.off_topic import OffTopics, asked_part
from retrieval.prepared import Candidates, Prepared
from retrieval.query import Glossary, analyze, tells_a_story
from retrieval.ranking import UNRELATED_UNKNOWN_STORY, FloatArray, confident, unrelated
from retrieval.text import syllables

__all__ = ["MOSTLY_UNTRANSLATED", "Judgement", "Scope"]

_NAMED = [FEATURE_NAMES.index("named_this"), FEATURE_NAMES.index("named_other")]  # the question names a document
# On the English dev splits no right answer had more than 0.57 of its content words untranslated; a story's scene
# is told in words no lexicon has, so it is read at the story line of ranking.unrelated.
MOSTLY_UNTRANSLATED = 0.6


class Judgement(NamedTuple):
    """Whether to answer; `out`: the question is about something else; `shown`: whether nearest passages are kept."""

    answered: bool
    out: bool
    shown: bool


class Scope:
    """Reads what a question is about against our documents' names, the off-topic list and the known gaps."""

    def __init__(
        self,
        names: DocumentNames,
        off_topics: OffTopics,
        gaps: Gaps,
        translator: Translator,
        contains: Callable[[str], bool],
        glossary: Glossary,
    ) -> None:
        self.names, self.off_topics, self.gaps, self._translator = names, off_topics, gaps, translator
        self._contains, self._glossary = contains, glossary

    def judge(
        self, prepared: Prepared, pool: Candidates, gate: FloatArray, probability: float, best: int, answering: Document
    ) -> Judgement:
        """The judgement on the best candidate (`best`, re-ranked first, of the document `answering`)."""
        shown, query = prepared.shown, prepared.query
        missing = pool.wants.document_missing(pool.rows[best].terms.pairs) or self.agreement_missing(shown, answering)
        # One of ours, or a document number the best passage cites ("Thông tư 05/2022/TT-BCT quy định gì?"), is on
        # topic, whatever else the question says.
        cited = DOCUMENT_NUMBER.search(shown) is not None
        names_ours = (bool(pool.features[:, _NAMED].any()) or cited) and not missing
        # A question naming one of our subjects ("đăng ký nhãn hiệu ... sang Campuchia", "bq" spelled out) is never
        # told it is off topic for sharing few word pairs with our passages: it gets the nearest ones, marked unsure.
        ours = names_ours or self.names_ours(prepared)
        answered = confident(probability, gate, missing, pool.wants.explicit, ours)
        story = tells_a_story(shown)
        # An English question's figure words come from its translation, which names topics ("mức hỗ trợ") freely.
        unknown = prepared.untranslated if story and prepared.language == "en" else None
        if not answered and not ours and unrelated(gate, probability, story, unknown):
            return Judgement(False, True, False)
        # A subject no passage names ("ly hôn", "lương hưu") is off topic, however well its other words match; the
        # nearest passages stay in the answer's results (another collection's eval reads them), the bot shows none.
        untranslated = prepared.untranslated >= (UNRELATED_UNKNOWN_STORY if story else MOSTLY_UNTRANSLATED)
        # A later part is judged with the words it searches with: "can it be extended?" after a question on visas.
        context = prepared.searched or (query.text if query.text != shown else "")
        # A story is judged by what it asks: a start-up's founder asking of his staff's income tax asks of income tax.
        asking = asked_part(without_denied(shown)) if ours else shown
        elsewhere = asking != shown and not (self.names.named(syllables(asking)) or self.names_ours(prepared, asking))
        off_topic = self.off_topics.verdict(
            shown, context, ours, untranslated, asked_elsewhere=asking if elsewhere else None
        )
        answered = answered and off_topic is None and not self.gaps.asked(shown, prepared.searched)
        return Judgement(answered, off_topic == "out", True)

    def names_ours(self, prepared: Prepared, part: str | None = None) -> bool:
        """Whether the question (or a part of it) names one of our subjects; English as typed or misspelt."""
        if prepared.language != "en":
            return self.off_topics.names_ours(
                " ".join(prepared.query.units if part is None else analyze(part, self._glossary).units)
            )
        # "trademak" names a trademark: the lexicon lists it as a misspelling. Neither the nearest word ("patient" is
        # one letter from "patent") nor the translation ("recipe" reads as a trade secret's "công thức") is read.
        misspelt = (s for w in english_words(part or prepared.shown) for s in self._translator.misspellings_of(w))
        return self.off_topics.names_ours(part or prepared.shown) or any(map(self.off_topics.names_ours, misspelt))

    def agreement_missing(self, question: str, answering: Document | None = None) -> bool:
        """Whether the question asks of an agreement none of ours answers; `answering`: the would-be answer's."""
        kind = answering.meta.type if answering is not None else None
        return asks_of_another_agreement(question, self.names, self._contains, kind)
