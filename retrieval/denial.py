"""What the asker says they are not ("không phải startup", "we are not a startup") is never searched for.

Searched, the kind of firm they deny pulls in the passages written for that kind: "DN nhỏ bình thường, không phải
startup, thuê tư vấn…" found the start-up support (Decree 80 Art. 22) before the consulting support for all.
"""

from __future__ import annotations

import re
import unicodedata

from knowledge.folding import fold_diacritics

__all__ = ["without_denied"]

# Kinds with support of their own; not a size ("không phải DNNVV" asks about the criteria it fails).
_KINDS = (
    r"startup|start up|start-up|khoi nghiep(?: sang tao)?|ho kinh doanh|hkd"
    r"|(?:doanh nghiep|dn|cong ty|cty) (?:xa hoi|khoa hoc va cong nghe|khoa hoc cong nghe|khcn)"
)
_DENIED = re.compile(rf"\b(?:khong|ko|k|chang|dau) phai (?:la )?(?:{_KINDS})\b")
_EN_KINDS = r"startup|start-up|household business|social enterprise|science and technology enterprise"
_EN_DENIED = re.compile(rf"\b(?:not|isn't|aren't|are not|is not) (?:a |an )?(?:{_EN_KINDS})\b")


def without_denied(text: str) -> str:
    """The text with each kind of firm the asker denies being cut out, denial and all."""
    nfc = unicodedata.normalize("NFC", text)
    folded = fold_diacritics(nfc).lower()  # one character for one: the spans found in it cut the text itself
    spans = [m.span() for pattern in (_DENIED, _EN_DENIED) for m in pattern.finditer(folded)]
    for start, end in sorted(spans, reverse=True):
        nfc = f"{nfc[:start]} {nfc[end:]}"
    return nfc if spans else text
