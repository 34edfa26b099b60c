"""A support for one kind of SME (start-ups: Decree 80 Art. 22; clusters and chains: Art. 25) is not another's."""

from __future__ import annotations

import re

from app.sme_rules import DECREE_NUMBER
from knowledge.folding import fold_diacritics, normalize
from retrieval.answer import Answer

__all__ = ["with_kind_article"]

# Named outright: not "đổi mới sáng tạo" (any innovation), nor "cung ứng" alone (a software supplier is no chain firm).
_STARTUP = re.compile(r"\b(?:start ?-?ups?|khoi nghiep)\b")
_CHAIN = re.compile(
    r"\b(?:cum lien ket|chuoi gia tri|dau chuoi|chuoi cung ung|clusters?|value chains?|supply chains?|lead firm"
    r"|lead company)\b"
)
# The support article of each kind, and what names that kind in a question.
_KINDS = {"22": _STARTUP, "25": _CHAIN}


# On the dev splits, trade-fair questions from firms in a cluster ("Xưởng đồ gỗ của tôi ... trong cụm liên kết ngành,
# đi hội chợ ở Đức") were answered from the start-ups' 30 million (Art. 22(6)(d)) instead of the clusters' 50 million
# (Art. 25(3)(đ)): both points have the same words.
def with_kind_article(question: str, answer: Answer) -> Answer:
    """The answer led by the other kind's support article when the asker names that kind and not the first's."""
    top = answer.results[0] if answer.results and not answer.parts else None
    if top is None or top.document_number != DECREE_NUMBER or top.article not in _KINDS:
        return answer
    folded = fold_diacritics(normalize(question)).lower()
    if _KINDS[top.article].search(folded):
        return answer
    other = next((a for a in _KINDS if a != top.article and _KINDS[a].search(folded)), None)
    if other is None:
        return answer
    found = next((r for r in answer.results if r.document_number == DECREE_NUMBER and r.article == other), None)
    if found is None:
        return answer.model_copy(update={"answered": False, "direct_answer": None})
    # The other kind's article leads, unsure: it may have no such support at all (a chain firm's competitions abroad)
    results = [found, *(r for r in answer.results if r is not found)]
    return answer.model_copy(update={"results": results, "answered": False, "direct_answer": None})
