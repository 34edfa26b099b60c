"""Official-text importers on the real Pháp điển files, plain text, .docx, and malformed input."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from knowledge.errors import DocumentError, ImportFormatError
from knowledge.importers import import_bytes
from tests.conftest import shared_path
from tests.documents import make_docx


@pytest.fixture(scope="module")
def sme_topic() -> tuple[str, list]:
    path = shared_path("reference", "phapdien", "ho-tro-doanh-nghiep-nho-va-vua.md")
    text = path.read_text(encoding="utf-8")
    return text, import_bytes(text.encode(), path.name)


@pytest.mark.parametrize("number", ["04/2017/QH14", "80/2021/NĐ-CP"])
def test_phapdien_articles_cite_their_source_document_exactly_once(sme_topic: tuple[str, list], number: str) -> None:
    _, documents = sme_topic
    (doc,) = [d for d in documents if d.meta.number == number]
    assert doc.meta.kind == "official"
    assert sorted({p.article for p in doc.passages}, key=int) == [str(n) for n in range(1, 36)]
    pieces = Counter((p.article, p.clause) for p in doc.passages)
    assert max(pieces.values()) == 1, "an article or clause appears twice (the index block must add nothing)"
    first = doc.citation(doc.passages[0]).text()
    assert first.startswith("Điều 1 ") and number in first and "12.3" not in first


def test_phapdien_keeps_the_official_text(sme_topic: tuple[str, list]) -> None:
    text, documents = sme_topic
    (decree,) = [d for d in documents if d.meta.number == "55/2019/NĐ-CP"]
    article = " ".join(p.text for p in decree.article_passages("9"))
    source = text.split("(Điều 9 Nghị định số 55/2019/NĐ-CP", 1)[1].split("Điều 12.3.", 1)[0]
    source = source.split(")", 1)[1].split("(Điều này có nội dung liên quan", 1)[0]  # the code's own note
    assert " ".join(article.split()) == " ".join(source.split())
    assert decree.citation(decree.article_passages("9")[0]).text().endswith("Điều 9 Nghị định 55/2019/NĐ-CP")


def test_phapdien_glued_headings_are_split(sme_topic: tuple[str, list]) -> None:
    _, documents = sme_topic
    (law,) = [d for d in documents if d.meta.number == "04/2017/QH14"]
    for article in ("9", "10", "19"):
        assert law.article_passages(article), article
    assert all("Điều 12.3." not in p.text for d in documents for p in d.passages)
    assert law.meta.issued and law.meta.issued.isoformat() == "2017-06-12"
    assert law.meta.title == "Luật Hỗ trợ doanh nghiệp nhỏ và vừa"


def test_ip_law_export_gives_222_articles() -> None:
    path = shared_path("reference", "phapdien", "so-huu-tri-tue_50-2005-QH11_original.md")
    (law,) = import_bytes(path.read_bytes(), path.name)
    assert law.meta.number == "50/2005/QH11"
    assert len({p.article for p in law.passages}) == 222
    assert law.meta.effective and law.meta.effective.isoformat() == "2006-07-01"
    assert "Nguyễn Văn An" not in law.passages[-1].text  # the signature block is not article text


PLAIN = """CHÍNH PHỦ
Số: 99/2024/NĐ-CP
Hà Nội, ngày 05 tháng 3 năm 2024

NGHỊ ĐỊNH
Quy định thử nghiệm hỗ trợ doanh nghiệp

Điều 1. Phạm vi điều chỉnh
Nghị định này quy định việc thử nghiệm.

Điều 2. Mức hỗ trợ
1. Hỗ trợ 50% chi phí.
a) Doanh nghiệp siêu nhỏ.
b) Doanh nghiệp nhỏ.
2. Nghị định này có hiệu lực từ ngày 01 tháng 5 năm 2024.
"""


@pytest.mark.parametrize("kind", ["txt", "docx"])
def test_plain_text_and_docx_import(kind: str) -> None:
    data = PLAIN.encode() if kind == "txt" else make_docx(PLAIN.splitlines())
    (doc,) = import_bytes(data, f"nd99.{kind}")
    assert (doc.meta.number, doc.meta.type, doc.meta.kind) == ("99/2024/NĐ-CP", "nghi-dinh", "official")
    assert doc.meta.issued and doc.meta.issued.isoformat() == "2024-03-05"
    assert doc.meta.title.startswith("Nghị định Quy định thử nghiệm")
    article_2 = doc.article_passages("2")[0]
    assert doc.citation(article_2, 2).text() == "Điểm b Khoản 1 Điều 2 Nghị định 99/2024/NĐ-CP"


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "empty.md", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "photo.md", "binary"),
        (b"Just some notes\nwithout structure", "notes.txt", "no document number"),
        (make_docx(["Số: 12/2024/QĐ-UBND", "Một văn bản", "không có điều khoản nào"]), "x.docx", "no articles"),
        (b"not a zip", "fake.docx", "not a valid .docx"),
    ],
)
def test_malformed_uploads_are_refused_with_a_line(data: bytes, name: str, message: str) -> None:
    with pytest.raises(DocumentError) as caught:
        import_bytes(data, name)
    problem = caught.value.problems[0]
    assert problem.file == name and problem.line >= 1 and message in problem.message


def test_unsupported_type_is_refused() -> None:
    with pytest.raises(ImportFormatError, match=re.escape("unsupported file type '.pdf'")):
        import_bytes(b"%PDF-1.4", "decree.pdf")


@pytest.mark.parametrize(
    ("articles", "message"),
    [
        ([{"id": "1", "text": "Tên\nA"}, {"id": "1", "text": "Tên\nB"}], "article #2 repeats an earlier id"),
        ([{"id": "1", "text": "Tên\nA"}, {"id": "2", "text": "  "}], "article #2 is empty"),
        ([{"text": "Tên\nA"}], "article #1 has no id"),
    ],
)
def test_an_alqac_corpus_meets_the_rules_of_an_article_too(articles: list[dict[str, str]], message: str) -> None:
    corpus = json.dumps([{"id": "99/2099/QH99", "articles": articles}]).encode()
    with pytest.raises(ImportFormatError, match=re.escape(message)):
        import_bytes(corpus, "corpus.json")
