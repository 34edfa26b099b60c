"""What the bot writes, in Vietnamese and English: `say(lang, key)` picks from bot/strings_vi.py and strings_en.py.

Passages stay in Vietnamese (they are the legal text or our note on it); every string around them follows the
language the question was read in, or the one the user chose with /lang.
"""

from __future__ import annotations

from typing import Any

from bot.strings_en import EN
from bot.strings_vi import VI

__all__ = [
    "EXAMPLES",
    "LANGUAGES",
    "SME_BUTTONS",
    "TOPIC_LABELS",
    "say",
    "sme_label",
    "status_label",
    "topic_label",
]

LANGUAGES = ("vi", "en")
_CATALOGUE = {"vi": VI, "en": EN}


def say(lang: str, key: str, **values: Any) -> str:
    """The string for `key` in `lang` (Vietnamese when the language is unknown), with values filled in."""
    text = _CATALOGUE.get(lang, VI).get(key) or VI[key]
    return text.format(**values) if values else text


_STATUS_EN = {
    "con-hieu-luc": "In force",
    "da-sua-doi": "In force, amended",
    "het-hieu-luc": "No longer in force",
    "het-thoi-han": "Implementation period ended",
    "chua-xac-dinh": "Status not determined",
}


def status_label(status: str, lang: str) -> str:
    """A document status in the reply's language ('' for an unknown status, so the caller's label stands)."""
    if lang == "en":
        return _STATUS_EN.get(status, "")
    return ""


EXAMPLES: dict[str, tuple[str, ...]] = {
    "vi": ("DNNVV được hỗ trợ tư vấn bao nhiêu?", "Nhãn hiệu được bảo hộ bao lâu?", "EVFTA có hiệu lực từ khi nào?"),
    "en": ("How much consulting support can an SME get?", "How long is a trademark protected?",
           "When did the EVFTA enter into force?"),
}  # fmt: skip
TOPIC_LABELS: dict[str, dict[str, str]] = {
    "vi": {
        "hoi-nhap": "🌏 Hội nhập quốc tế (KH 33)", "dnnvv": "🏢 Hỗ trợ DNNVV", "shtt": "💡 Sở hữu trí tuệ",
        "fta": "🤝 Hiệp định thương mại tự do", "khcn": "🔬 Khoa học và công nghệ", "nhan-luc": "🎓 Nhân lực, học nghề",
    },
    "en": {
        "hoi-nhap": "🌏 International integration (Plan 33)", "dnnvv": "🏢 SME support",
        "shtt": "💡 Intellectual property", "fta": "🤝 Free-trade agreements", "khcn": "🔬 Science and technology",
        "nhan-luc": "🎓 Human resources, vocational training",
    },
}  # fmt: skip


def topic_label(topic: str, lang: str) -> str:
    """A topic's button label in the language."""
    return TOPIC_LABELS.get(lang, TOPIC_LABELS["vi"]).get(topic) or TOPIC_LABELS["vi"].get(topic, topic)


# The SME service writes its sizes, sectors and conditions in Vietnamese (app.sme); these are their English names.
_SME_EN = {
    "sieu-nho": "micro enterprise", "nho": "small enterprise", "vua": "medium-sized enterprise",
    "khong-phai-dnnvv": "not a small or medium-sized enterprise",
    "nong-lam-thuy-san": "agriculture, forestry and fisheries", "cong-nghiep-xay-dung": "industry and construction",
    "thuong-mai-dich-vu": "trade and services",
    "doanh nghiệp chuyển đổi từ hộ kinh doanh": "a firm converted from a household business",
    "doanh nghiệp khởi nghiệp sáng tạo": "an innovative start-up",
    "doanh nghiệp tham gia cụm liên kết ngành, chuỗi giá trị": "a firm in an industry cluster or value chain",
    "doanh nghiệp khởi nghiệp sáng tạo hoặc tham gia cụm liên kết ngành, chuỗi giá trị":
        "an innovative start-up or a firm in an industry cluster or value chain",
    "doanh nghiệp trong lĩnh vực sản xuất, chế biến": "a firm that makes or processes goods",
}  # fmt: skip
# /sme buttons: the decree's three sectors (Điều 5), then the facts SmeFlags records.
SME_BUTTONS: dict[str, dict[str, str]] = {
    "vi": {
        "nong-lam-thuy-san": "🌾 Nông, lâm nghiệp, thủy sản", "cong-nghiep-xay-dung": "🏭 Công nghiệp, xây dựng",
        "thuong-mai-dich-vu": "🛒 Thương mại, dịch vụ", "ho_kinh_doanh": "Chuyển đổi từ hộ kinh doanh",
        "khoi_nghiep": "Khởi nghiệp sáng tạo", "cum_lien_ket": "Trong cụm liên kết ngành",
        "chuoi_gia_tri": "Trong chuỗi giá trị", "nu_lam_chu": "Nữ làm chủ, nhiều lao động nữ, DN xã hội",
    },
    "en": {
        "nong-lam-thuy-san": "🌾 Farming, forestry, fishing", "cong-nghiep-xay-dung": "🏭 Industry, construction",
        "thuong-mai-dich-vu": "🛒 Trade, services", "ho_kinh_doanh": "Converted household business",
        "khoi_nghiep": "Innovative start-up", "cum_lien_ket": "In an industry cluster",
        "chuoi_gia_tri": "In a value chain", "nu_lam_chu": "Women-owned, many women workers, social enterprise",
    },
}  # fmt: skip


def sme_label(vietnamese: str, lang: str, key: str | None = None) -> str:
    """An SME size, sector or condition in the reply's language; `key` looks it up when it differs from the text."""
    if lang != "en":
        return vietnamese
    return _SME_EN.get(key or vietnamese, vietnamese)
