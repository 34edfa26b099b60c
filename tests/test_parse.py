"""Markdown legal structure -> passages, and every way a document can be refused."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from knowledge.errors import DocumentError
from knowledge.markdown import decode_text, load_documents, parse_document
from tests.documents import markdown


def doc(
    body: str,
    *,
    id: str = "nd-80",
    number: str = "80/2021/NĐ-CP",
    title: str = "Nghị định mẫu",
    type: str = "nghi-dinh",
    kind: str = "summary",
) -> str:
    return markdown(
        body,
        id=id,
        number=number,
        title=title,
        type=type,
        kind=kind,
        issued="2021-08-26",
        effective="2021-10-15",
        url="https://vbpl.vn/example",
    )


LEGAL = doc("""Tổng quan về nghị định.

## Chương I. QUY ĐỊNH CHUNG

### Điều 1. Phạm vi điều chỉnh
Nghị định quy định
chi tiết Luật.

### Điều 5. Tiêu chí xác định
Căn cứ lao động và doanh thu.

1. Doanh nghiệp siêu nhỏ:

a) Nông nghiệp: không quá 10 lao động.

b) Thương mại, dịch vụ: không quá 10 lao động.

2. Doanh nghiệp nhỏ.
""")


def test_every_legal_level_becomes_a_cited_passage() -> None:
    parsed = parse_document(LEGAL, "nd.md")
    ids = [p.id for p in parsed.passages]
    assert ids == ["nd-80/tong-quan", "nd-80/dieu-1", "nd-80/dieu-5"]
    article_1 = parsed.passages[1]
    assert article_1.text == "Nghị định quy định chi tiết Luật."  # wrapped lines join
    article_5 = parsed.passages[2]
    assert article_5.heading == "Tiêu chí xác định"
    assert article_5.marks == [(None, None), ("1", None), ("1", "a"), ("1", "b"), ("2", None)]
    assert parsed.citation(article_5, 2).text() == "Điểm a Khoản 1 Điều 5 Nghị định 80/2021/NĐ-CP"
    assert parsed.citation(article_5).text() == "Điều 5 Nghị định 80/2021/NĐ-CP"


def test_law_citation_names_the_law() -> None:
    law = parse_document(
        doc(
            "### Điều 4. Giải thích\nNội dung.",
            id="luat-04",
            number="04/2017/QH14",
            title="Luật Hỗ trợ doanh nghiệp nhỏ và vừa",
            type="luat",
        ),
        "l.md",
    )
    assert law.citation(law.passages[0]).text() == "Điều 4 Luật Hỗ trợ doanh nghiệp nhỏ và vừa số 04/2017/QH14"


def test_long_article_is_split_at_clauses_with_its_title() -> None:
    clauses = "\n\n".join(f"{n}. " + "nội dung dài " * 60 for n in range(1, 4))
    parsed = parse_document(doc(f"### Điều 3. Điều dài\n\n{clauses}\n"), "long.md")
    assert [p.id for p in parsed.passages] == [f"nd-80/dieu-3/khoan-{n}" for n in (1, 2, 3)]
    assert all(p.heading == "Điều dài" and p.clause for p in parsed.passages)
    assert parsed.citation(parsed.passages[1]).text() == "Khoản 2 Điều 3 Nghị định 80/2021/NĐ-CP"


def test_plan_sections_items_and_points() -> None:
    plan = parse_document(
        doc(
            "## I. KHOA HỌC\n\nMở đầu mục.\n\n1. Sàn giao dịch.\n\na) Kết nối.\n\n"
            "2. Doanh nghiệp KH&CN.\n\n## II. NHÂN LỰC\n\n1. Đào tạo.\n",
            id="kh-33",
            number="33/KH-UBND",
            type="ke-hoach",
        ),
        "kh.md",
    )
    assert [p.id for p in plan.passages] == ["kh-33/muc-i", "kh-33/muc-i-1", "kh-33/muc-i-2", "kh-33/muc-ii-1"]
    item = plan.passages[1]
    assert item.section == "I.1" and item.heading == "KHOA HỌC"
    assert plan.citation(item, 1).text() == "Điểm a Mục I.1 Kế hoạch 33/KH-UBND"


def test_ids_are_stable_when_other_articles_change() -> None:
    before = {p.id for p in parse_document(LEGAL, "a.md").passages}
    edited = LEGAL.replace("Nghị định quy định", "Nghị định này quy định rất")
    assert {p.id for p in parse_document(edited, "a.md").passages} == before


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("no front matter\n### Điều 1. A\nx", 1, "missing YAML front matter"),
        ("---\nid: x\n### Điều 1. A\n", 1, "not closed"),
        ("---\nid: [unclosed\n---\n### Điều 1. A\nx", 2, "not valid YAML"),
        (doc("### Điều 1. A\nx").replace("type: nghi-dinh", "type: blog"), 5, "front matter 'type'"),
        (doc("### Điều 1. A\nx").replace("id: nd-80\n", ""), 1, "front matter 'id'"),
        (doc("### Điều 1. A\nx").replace("kind: summary", "kind: summary\ncolor: red"), 13, "'color'"),
        (doc("### Điều 1. A\nx").replace("url: https://vbpl.vn/example", "url: not-a-link"), 10, "'url'"),
        (doc("### Điều 1. A\nx\n\n### Điều 1. B\ny"), 17, "duplicate Điều 1"),
        (doc("### Điều 2. A\nx\n\n### Điều 1. B\ny"), 17, "broken numbering: Điều 1 follows Điều 2"),
        (doc("### Điều 1. A\n\n### Điều 2. B\ny"), 14, "Điều 1 has no content"),
        (doc("### Điều 1. A\n1. x\n\n3. y\n\n2. z"), 19, "clause 2 follows clause 3"),
        (doc("### Điều 1. A\n1. x\n\nb) y\n\na) z"), 19, "point a) follows b"),
        (doc("### Điều 1. A\n1. x\n\n3. y", kind="official"), 17, "clause 3 follows clause 1"),
        (doc("### Điều 1. A\n1. x\n\nb) y", kind="official"), 17, "point b) follows nothing"),
        (doc("Chỉ có đoạn văn, không có điều nào.\n"), 14, "no articles"),
        # A terminal escape sequence pasted into a title or the text: it would rewrite the admin's screen in `kb`
        (
            doc("### Điều 1. A\nx").replace("title: Nghị định mẫu", 'title: "Nghị định \\u001b[2J mẫu"'),
            4,
            "front matter 'title' has a control character (U+001B)",
        ),
        (doc("### Điều 1. A\nx \x1b[31m y"), 15, "a control character (U+001B) in the text"),
    ],
)
def test_malformed_documents_are_refused_with_file_and_line(text: str, line: int, message: str) -> None:
    with pytest.raises(DocumentError) as caught:
        parse_document(text, "bad.md")
    problem = caught.value.problems[0]
    assert (problem.file, problem.line) == ("bad.md", line), caught.value.problems
    assert message in problem.message


def test_empty_and_binary_files_are_refused() -> None:
    with pytest.raises(DocumentError, match=re.escape("bad.md:1: the file is empty")):
        decode_text(b"  \n", "bad.md")
    with pytest.raises(DocumentError, match="binary"):
        decode_text(b"\x89PNG\r\n\x1a\n\x00\x00", "bad.md")
    with pytest.raises(DocumentError, match=re.escape("bad.md:2: the file is not valid UTF-8")):
        decode_text(b"---\n\xff\xfe", "bad.md")


def test_duplicate_document_ids_across_files_are_refused(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(doc("### Điều 1. A\nx"), encoding="utf-8")
    (tmp_path / "b.md").write_text(doc("### Điều 1. B\ny"), encoding="utf-8")
    with pytest.raises(DocumentError, match=re.escape("also used by a.md")):
        load_documents(tmp_path.glob("*.md"))


def test_shipped_documents_validate() -> None:
    from knowledge.seed import shipped_documents

    documents = shipped_documents()
    numbers = {d.meta.number for d in documents}
    assert {
        "33/KH-UBND",
        "04/2017/QH14",
        "80/2021/NĐ-CP",
        "50/2005/QH11",
        "CPTPP",
        "EVFTA",
        "UKVFTA",
        "RCEP",
        "13/2019/NĐ-CP",
    } <= numbers
    articles = {d.meta.number: {p.article for p in d.passages if p.article} for d in documents}
    assert articles["04/2017/QH14"] == {str(n) for n in range(1, 36)}
    assert articles["80/2021/NĐ-CP"] == {str(n) for n in range(1, 36)}
    assert len(articles["50/2005/QH11"]) >= 40


def test_a_note_after_the_clauses_of_our_summary_is_cited_as_the_article() -> None:
    body = "\n### Điều 3. Hỗ trợ thử\n1. Khoản một.\n\n2. Khoản hai.\n\nLưu ý: Luật đã sửa đổi năm 2025.\n"
    for kind, cited in (("summary", "Điều 3 "), ("official", "Khoản 2 Điều 3 ")):
        doc = parse_document(markdown(body, kind=kind), "99-2025-nd-cp.md")
        passage = doc.passages[0]
        assert doc.citation(passage, len(passage.marks) - 1).text().startswith(cited), kind
