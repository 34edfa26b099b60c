"""An answer in the asker's language: an English one also carries each result's English citation, title and gloss.

The passages stay Vietnamese (the legal text or our note on it); what is added is English around them.
"""

from __future__ import annotations

from knowledge.knowledge_base import KnowledgeBase
from knowledge.lexicon import Lexicon
from retrieval.answer import Answer, DirectAnswer, Result

__all__ = ["InLanguage"]


class InLanguage:
    """Sets an answer's language and, for English, the English citation, document title, description and gloss."""

    def __init__(self, kb: KnowledgeBase, lexicon: Lexicon) -> None:
        self.kb = kb
        self.lexicon = lexicon

    def __call__(self, answer: Answer, language: str) -> Answer:
        """The answer in `language` ("vi" or "en")."""
        if language != "en":
            return answer.model_copy(update={"language": language})
        results = [self._result(r) for r in answer.results]
        direct = answer.direct_answer
        if direct is not None:
            direct = direct.model_copy(update={"citation_en": self._citation(direct.passage_id, direct)})
        return answer.model_copy(update={"language": "en", "results": results, "direct_answer": direct})

    def _citation(self, passage_id: str, where: DirectAnswer | Result) -> str | None:
        found = self.kb.passage(passage_id)
        if found is None:
            return None
        doc, passage = found
        citation = doc.citation(passage).model_copy(update={"clause": where.clause, "point": where.point})
        return citation.english()

    def _result(self, result: Result) -> Result:
        english = self.lexicon.documents_en.get(result.document_id)
        gloss = self.lexicon.glosses.get(result.passage_id) or self.lexicon.glosses.get(result.note_passage_id or "")
        return result.model_copy(update={
            "citation_en": self._citation(result.passage_id, result),
            "document_title_en": english.title if english else None,
            "document_about_en": english.about if english else None, "gloss_en": gloss,
        })  # fmt: skip
