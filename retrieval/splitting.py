"""One message, several questions: "nhãn hiệu bảo hộ mấy năm? còn kiểu dáng thì sao" is answered as two.

A message is split after a question mark followed by more text, and before "còn …", "với cả …", "thêm nữa …" when
each side asks something (before "và" too, after a question word, where nothing else splits it); in English, before
", and how …", "also when …", "what about …"; in either, at the numbers of a numbered list ("1/ … 2/ …"). A later
part is usually about the same thing as the earlier one ("UKVFTA thì sao?"), so it is searched with the earlier
part's words added once and its own words counted twice.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from knowledge.folding import fold_diacritics, normalize
from retrieval.lookup import parse_reference

__all__ = ["QuestionPart", "split_questions"]

MAX_PARTS = 3
SHORT_TAIL = 3  # words; a tail this short is part of the question before it
_QUALIFIER = re.compile(r"^(?:theo|can cu|trong|tai|thuoc|o)\b")
_ASKING = re.compile(
    r"\?|\b(?:khong|ko|k|hok|hong|chua|bao nhieu|bn|bao lau|bao gio|gi|j|nao|sao|the nao|ntn|ai|o dau|may|"
    r"duoc khong|co phai|phai khong|dung khong)\b"
)
# A boundary before a new question: "?" then text; or ", còn" / ", với cả" / ", thêm nữa" / ". Còn".
_BOUNDARY = re.compile(
    r"(?<=\?)\s+(?=\S)|[,.;]\s*(?=(?:con|voi ca|voi lai|voi|them nua|ngoai ra|va cho hoi|cho hoi them)\b)",
    re.IGNORECASE,
)
# A comma ends a question only when a question word ends the text before it: "… là gì, có phải đăng ký không".
_QUESTION_WORDS = r"khong|ko|k|hok|chua|bao nhieu|bn|bao lau|bao gio|gi|j|nao|sao|the nao|ntn|o dau"
_PARTICLES = r"(?:\s+(?:vay|v|a|nhe|nha|z|the|ha|ad|ah))?\s*$"
_ENDS_ASKING = re.compile(rf"\b(?:{_QUESTION_WORDS}|dau){_PARTICLES}")
_COMMA = re.compile(r",\s+(?=\S)")
# Where nothing else splits a message, "và" after a question word does: "... tối đa bao nhiêu và phải dùng trong mấy
# năm?", "cptpp hiệu lực khi nào và evfta thì sao"; beside another boundary it joins two things one part asks
# ("vay vốn ở quỹ nào và hỗ trợ lãi suất bao nhiêu? Có được miễn tiền thuê đất không?").
_AND = re.compile(r"\s+(?=va\s+\S)")
# ... after a question of its own: more than three words ("Khi nào và ở đâu nộp hồ sơ?", "Doanh nghiệp nào và hộ kinh
# doanh nào ...?" are one question), ending in a question word other than "đầu" ("giai đoạn đầu và ...").
_AND_MIN_WORDS = 4
_AND_ASKED = re.compile(rf"\b(?:{_QUESTION_WORDS}){_PARTICLES}")
_LEAD = re.compile(r"^(?:con|voi ca|voi lai|voi|them nua|ngoai ra|va cho hoi|cho hoi them)\s+", re.IGNORECASE)
# Not "thế thì sao" as a whole: without diacritics it eats the "thể" of "nhãn hiệu tập thể thì sao".
_TAIL = re.compile(r"\s*(?:thi sao|thi the nao|thi nhu the nao)\s*\??\s*$", re.IGNORECASE)
# A numbered list ("1/ … 2/ …", "1) … 2) …") in either language: each number from 2 starts a question
_NUMBERED = re.compile(r"(?:^|(?<=\s))([1-5])[)/]\s+")

# English: a question starts with an asking word; after a comma, "and", "also" or "plus" before one starts another
# question. Not "has"/"have"/"do" there: "with 50 employees, and has revenue of ..." goes on with the same question.
_EN_OPENS = r"(?:what|what's|whats|when|how|who|which|where|why|is|are|was|were|can|could|does|did|will|should|must)\b"
_EN_ASKS = rf"(?:{_EN_OPENS}|do\b|would\b|has\b|have\b|any\b)"
_EN_JOIN = r"(?:and also|and|also|plus)"
_EN_WH = r"(?:what|when|how|who|which|where|why)\b"
# Without a comma, "and" starts a question only before a wh-word that asks for a new fact: "... passed and who approved
# the scheme", "signed and when did it start", "and how many articles"; not "when and where to file", nor "What is
# DTMarket and how does it relate to ..." (one question about DTMarket).
_EN_AND_ASKS = (
    r"and\s+(?:who\s+\w+|(?:when|which|where)\s+(?:is|are|was|were|do|does|did|can|will)|how\s+(?:many|much|long))\b"
)
_EN_BOUNDARY = re.compile(
    rf"(?<=\?)\s+(?=\S)|[,;.]\s*(?={_EN_JOIN}\s+{_EN_OPENS})|[,;.]\s*(?=(?:{_EN_JOIN}\s+)?what about\b)"
    rf"|\s+(?={_EN_AND_ASKS})",
    re.IGNORECASE,
)
# In a list ("RCEP: when was it signed, how many chapters, …") a comma alone starts the next question, but only after
# one that asks ("when was"), not after a clause that sets the scene ("When working out whether we qualify, how …").
_EN_LIST = re.compile(rf"[,;]\s*(?={_EN_WH})", re.IGNORECASE)
_EN_ASKED = re.compile(
    rf"{_EN_WH}\s+(?:is|are|was|were|do|does|did|can|could|will|would|should|many|much|long|often|to)\b", re.IGNORECASE
)
# "RCEP: when was it signed, …", "ukvfta - when was it signed …": a topic named before a colon or dash leads it.
# ... or a wh-word asking further on ("For a trading company, what is the limit", "if we declared wrong, what then"),
# not one that only reports ("if I can't prove how much I lost, what's the max"), nor a relative "who"/"which" ("My
# employee, who was paid by us, ...").
_EN_AUX = r"(?:is|are|was|were|do|does|did|can|could|will|would|should)\b"
_EN_ASKS_WITHIN = rf"\b(?:what|when|where|why|how(?:\s+(?:many|much|long))?)\s+{_EN_AUX}"
_EN_ASKING = re.compile(
    rf"\?|^(?:[^:?]{{1,40}}(?::|\s-)\s*)?(?:{_EN_JOIN}\s+)?{_EN_ASKS}|{_EN_ASKS_WITHIN}|\bwhat (?:then|happens)\b",
    re.IGNORECASE,
)
_EN_LEAD = re.compile(rf"^{_EN_JOIN}\s+", re.IGNORECASE)
_EN_TAIL = re.compile(r"^(?:what|how) about\s+", re.IGNORECASE)  # "what about the UKVFTA?": about the UKVFTA


@dataclass(frozen=True)
class _Rules:
    """Where one language's messages split, and what marks a piece as a question of its own."""

    boundary: re.Pattern[str]
    asking: re.Pattern[str]
    lead: re.Pattern[str]
    tail: re.Pattern[str]
    # A comma (`comma`) ends a question when the text since the last boundary asks (`asked`): "… là gì, có phải …",
    # "when was it signed, how many chapters".
    comma: re.Pattern[str]
    asked: re.Pattern[str]
    qualifier: re.Pattern[str] | None
    opens: re.Pattern[str] | None = None  # a short piece starting so asks on its own ("how many chapters")
    conjunction: re.Pattern[str] | None = None  # "và": a comma where nothing else splits the message


_RULES = {
    "vi": _Rules(_BOUNDARY, _ASKING, _LEAD, _TAIL, _COMMA, _ENDS_ASKING, _QUALIFIER, conjunction=_AND),
    "en": _Rules(
        _EN_BOUNDARY, _EN_ASKING, _EN_LEAD, _EN_TAIL, _EN_LIST, _EN_ASKED, None, re.compile(_EN_WH, re.IGNORECASE)
    ),
}


@dataclass(frozen=True)
class QuestionPart:
    """One question of a message: the words as typed, its own words, and the question before it for context."""

    text: str
    own: str
    context: str = ""

    @property
    def search(self) -> str:
        """The text to search with: its own words twice, the earlier question's once."""
        return f"{self.own} . {self.own} . {self.context}" if self.context else self.own


def _asks(folded: str, rules: _Rules) -> bool:
    return rules.asking.search(folded) is not None and len(folded.split()) >= 2


def _merge_qualifiers(pieces: list[tuple[str, str]], rules: _Rules) -> list[tuple[str, str]]:
    """A short tail ("điều mấy?", "trong bao lâu?", "theo kế hoạch 2023?") qualifies the question before it."""
    merged: list[tuple[str, str]] = []
    for text, folded in pieces:
        elliptical = rules.tail.search(folded) is not None  # "UKVFTA thì sao?" is a question of its own
        elliptical = elliptical or (rules.opens is not None and rules.opens.match(folded) is not None)
        qualifies = rules.qualifier is not None and rules.qualifier.match(folded) is not None
        if merged and not elliptical and (len(folded.split()) <= SHORT_TAIL or qualifies):
            previous_text, previous_folded = merged.pop()
            merged.append((f"{previous_text}, {text}", f"{previous_folded}, {folded}"))
        else:
            merged.append((text, folded))
    return merged


def _pieces(message: str, folded: str, rules: _Rules, commas: bool) -> list[tuple[str, str]]:
    """The message cut at its boundaries (and, with `commas`, at a comma after a question), as typed and folded."""
    boundaries = {m.end() for m in rules.boundary.finditer(folded)}
    numbered = list(_NUMBERED.finditer(folded))
    listed = [int(m.group(1)) for m in numbered[:2]] == [1, 2]
    if listed:
        boundaries |= {m.start() for m in numbered[1:]}
    for m in rules.comma.finditer(folded) if commas else ():
        since = max((b for b in boundaries if b <= m.start()), default=0)
        if rules.asked.search(folded[since : m.start()]):
            boundaries.add(m.end())
    for m in rules.conjunction.finditer(folded) if rules.conjunction is not None and not boundaries else ():
        before, after = folded[: m.start()], folded[m.end() :].removeprefix("va").strip()
        qualifies = rules.qualifier is not None and rules.qualifier.match(after) is not None  # "và trong bao lâu?"
        if _AND_ASKED.search(before) and len(before.split()) >= _AND_MIN_WORDS and not qualifies:
            boundaries.add(m.end())
            break
    cuts = [0, *sorted(boundaries), len(message)]
    pieces = [(message[a:b].strip(" ,.;"), folded[a:b].strip(" ,.;")) for a, b in itertools.pairwise(cuts)]
    if listed:  # the numbers themselves ask nothing, and a number the passage lacks counts against it
        pieces = [(_NUMBERED.sub("", text), _NUMBERED.sub("", f)) for text, f in pieces]
    return _merge_qualifiers([(text, f) for text, f in pieces if text], rules)


def split_questions(message: str, language: str = "vi") -> list[QuestionPart]:
    """The questions of a message ("vi" or "en"), in order; a single question comes back as one part."""
    single = [QuestionPart(message, message)]
    if parse_reference(message) is not None:
        return single  # "Điều 5 Nghị định 80" cites; never split a citation
    rules = _RULES.get(language, _RULES["vi"])
    folded = fold_diacritics(normalize(message))
    pieces = _pieces(message, folded, rules, commas=True)
    asking = all(_asks(f, rules) or rules.tail.search(f) for _, f in pieces)
    # "… có hỗ trợ không, tối đa bao nhiêu? Hồ sơ gồm gì? Nộp xong bao lâu …", "… mô hình nào, nhà nước hay tư nhân
    # làm": too many pieces, or one that asks nothing, and the commas are not where the questions end.
    if len(pieces) > MAX_PARTS or not asking:
        pieces = _pieces(message, folded, rules, commas=False)
        asking = all(_asks(f, rules) or rules.tail.search(f) for _, f in pieces)
    if len(pieces) < 2 or len(pieces) > MAX_PARTS or not asking:
        return single
    parts = [QuestionPart(pieces[0][0], pieces[0][0])]
    for n, (text, folded_text) in enumerate(pieces[1:], start=1):
        own = rules.tail.sub("", rules.lead.sub("", folded_text))
        if not re.search(r"\w", own):  # "What about ???" asks about nothing
            return single
        # The questions before, the nearest last: a third question ("... và gồm bao nhiêu chương?") may still be
        # about the document only the first one named ("EVFTA ký ngày nào, có hiệu lực từ ngày nào, ...").
        parts.append(QuestionPart(text, own, " . ".join(piece for piece, _ in reversed(pieces[:n]))))
    return parts
