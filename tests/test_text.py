"""The Vietnamese text pipeline shared by index and query."""

import unicodedata

from knowledge.folding import fold_diacritics, normalize, unify_tone_placement
from retrieval.denial import without_denied
from retrieval.query import Glossary, analyze
from retrieval.text import split_sentences, syllables, tokenize


def test_tone_placement_old_and_new_style_unify() -> None:
    assert unify_tone_placement("hoà") == unify_tone_placement("hòa") == "hòa"
    assert normalize("Khoẻ") == normalize("khỏe") == "khỏe"
    assert normalize("thuỷ sản") == "thủy sản"
    assert normalize("HOÀ BÌNH") == "hòa bình"


def test_tone_placement_leaves_other_syllables_alone() -> None:
    for word in ("quý", "hoàn", "hoài", "quạ", "toàn", "uống"):
        assert unify_tone_placement(word) == word


def test_nfd_input_is_composed() -> None:
    decomposed = unicodedata.normalize("NFD", "Nghị định đặc biệt")
    assert normalize(decomposed) == "nghị định đặc biệt"
    assert syllables(decomposed) == ["nghi", "dinh", "dac", "biet"]


def test_diacritics_fold_including_d_stroke() -> None:
    assert fold_diacritics("Đường Hồ Chí Minh") == "Duong Ho Chi Minh"
    assert syllables("Sở hữu trí tuệ") == syllables("so huu tri tue") == ["so", "huu", "tri", "tue"]


def test_punctuation_separates_syllables() -> None:
    assert syllables("doanh nghiệp, (nhỏ) và vừa!?") == ["doanh", "nghiep", "nho", "va", "vua"]
    assert syllables("...") == []


def test_document_numbers_keep_their_parts() -> None:
    tokens = tokenize("Nghị định 80/2021/NĐ-CP")
    assert tokens[:6] == ["nghi", "dinh", "80", "2021", "nd", "cp"]
    assert {"80_2021", "2021_nd", "nd_cp"} <= set(tokens)


def test_bigrams_follow_unigrams() -> None:
    assert tokenize("hỗ trợ vốn") == ["ho", "tro", "von", "ho_tro", "tro_von"]


def test_question_tail_is_dropped_and_accents_do_not_matter() -> None:
    with_marks = analyze("Doanh nghiệp có được miễn thuế không?")
    without = analyze("doanh nghiep co duoc mien thue khong")
    assert with_marks.tokens == without.tokens
    assert "khong" not in with_marks.units


def test_glossary_spells_out_abbreviations_and_adds_synonyms() -> None:
    glossary = Glossary.from_pairs({"dnnvv": ["doanh nghiệp nhỏ và vừa"], "thương hiệu": ["nhãn hiệu"]})
    query = analyze("DNNVV đăng ký thương hiệu", glossary)
    assert query.units[:5] == ["doanh", "nghiep", "nho", "va", "vua"]
    assert "nhan_hieu" in query.tokens and "dnnvv" in query.tokens


def test_an_abbreviation_written_with_an_ampersand_is_read_whole() -> None:
    glossary = Glossary.from_pairs({"kh": ["kế hoạch"], "kh&cn": ["khoa học và công nghệ"]})
    query = analyze("doanh nghiệp KH&CN được ưu đãi gì", glossary)
    assert query.units[:4] == ["doanh", "nghiep", "kh", "cn"], "KH&CN is not 'kế hoạch' and 'cn'"
    assert not any(source == "kh" or "kế hoạch" in target for source, target in query.readings)
    assert analyze("kh hội nhập 2023", glossary).units[:2] == ["ke", "hoach"]


def test_a_glossary_phrase_is_read_within_one_sentence() -> None:
    glossary = Glossary.from_pairs({"bao nhiêu chương": ["cấu trúc hiệp định"]})
    crossing = analyze("Được hỗ trợ tối đa bao nhiêu? Chương trình này do ai lập?", glossary)
    assert not crossing.extra, "the phrase would run across the end of the first sentence"
    assert analyze("EVFTA có bao nhiêu chương?", glossary).extra


def test_sentences_split_at_end_marks_and_lines() -> None:
    assert split_sentences("Câu một. Câu hai; câu ba\na) điểm") == ["Câu một.", "Câu hai;", "câu ba", "a) điểm"]


def test_only_html_tags_are_taken_out_of_a_question() -> None:
    from retrieval.text import without_markup

    assert without_markup('<p><b>nhãn hiệu</b> <a href="x">bảo hộ</a></p>') == "nhãn hiệu   bảo hộ"
    for text in ("doanh thu < 10 tỷ", "lao động <b và doanh thu >c thì là dn nhỏ", "<ten cong ty> la dn nho"):
        assert without_markup(text) == text, "text between angle brackets is the question's own"


def test_a_question_asking_what_a_term_means_also_searches_the_definitions_articles() -> None:
    def defines(question: str) -> bool:
        return any(e.alternative == ("giai", "thich", "tu", "ngu") for e in analyze(question).extra)

    assert defines("doanh nghiệp khởi nghiệp sáng tạo là gì")
    assert defines("the nao thi dc goi la dnnvv do phu nu lam chu")
    assert defines("Thế nào được coi là doanh nghiệp xã hội?")
    assert defines("Với lại thế nào mới gọi là DN do phụ nữ làm chủ, vợ mình đứng tên 40% vốn có tính ko?")
    assert not defines("thế nào thì được hỗ trợ tư vấn"), "asks how to get support, not what a term means"
    assert not defines("nộp hồ sơ thế nào")


def test_a_story_asks_in_the_sentences_with_asking_words_and_how_many_asks_only_before_what_it_counts() -> None:
    from retrieval.query import asking_sentences

    story = "Tôi có bằng sáng chế máy tách hạt. Xưởng kia làm nhái. Tôi xin tòa thu giữ hàng được không?"
    assert asking_sentences(story) == ["Tôi xin tòa thu giữ hàng được không?"], "'máy' folds to 'mấy'"
    assert asking_sentences("Xưởng có 20 người. Nộp mấy lần phí") == ["Nộp mấy lần phí"]


def test_a_story_sentence_asking_by_its_dropped_tail_still_counts_twice() -> None:
    units = analyze("Xưởng kia làm nhái máy của tôi. Tôi xin tòa niêm phong hàng được không?").units
    assert units.count("niem") == 2 and units.count("nhai") == 1


def test_a_kind_of_firm_the_asker_denies_being_is_not_searched_for() -> None:
    assert "startup" not in without_denied("Cty mình DN nhỏ bình thường, không phải startup, thuê tư vấn thì sao?")
    assert "startup" not in without_denied("We are not a startup, just a small trading firm")
    assert "hộ kinh doanh" not in without_denied("bên mình ko phải là hộ kinh doanh")
    # Not a size (the criteria it fails are the answer), nor a duty ("không phải đăng ký").
    for kept in ("ko phai dnnvv thi co dc ho tro ko", "nhãn hiệu không phải đăng ký à"):
        assert without_denied(kept) == kept
