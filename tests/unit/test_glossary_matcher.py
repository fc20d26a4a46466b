"""Finding glossary terms in text: abbreviations, word boundaries, longest match, case, NFC."""

from __future__ import annotations

import unicodedata

import pytest

from glossary.matcher import TermMatcher
from glossary.model import Term

TERMS = [
    Term("Senior Lieutenant General", "Thượng tướng", english_variants=["Sen. Lt. Gen."], id=1),
    Term("Lieutenant General", "Trung tướng", english_variants=["Lt. Gen."], id=2),
    Term("General", "Đại tướng", english_variants=["Gen."], id=3),
    Term("Ambassador", "Đại sứ", id=4),
    Term("US Ambassador", "Đại sứ Hoa Kỳ", english_variants=["U.S. Ambassador"], id=5),
    Term("United States", "Hoa Kỳ", english_variants=["US"], vietnamese_variants=["Mỹ"], id=6),
    Term("Deputy Minister of Defence", "Thứ trưởng Bộ Quốc phòng", id=7),
    Term(
        "Ministry of National Defence", "Bộ Quốc phòng", english_variants=["Defence Ministry"], id=8
    ),
    Term("Lieutenant", "Trung úy", id=9),
    Term("First Lieutenant", "Trung úy", id=10),
]


@pytest.fixture(scope="module")
def matcher():
    return TermMatcher(TERMS)


def found(matcher, text, lang):
    return [(m.matched_text, m.term_id) for m in matcher.find(text, lang)]


def test_dotted_abbreviation_matches_as_one_term(matcher):
    text = "Sen. Lt. Gen. Nguyen Chi Vinh met Lt. Gen. Smith and Gen. Jones."
    assert found(matcher, text, "en") == [
        ("Sen. Lt. Gen.", 1),
        ("Lt. Gen.", 2),
        ("Gen.", 3),
    ]


def test_offsets_point_into_the_text(matcher):
    text = "Yesterday, Sen. Lt. Gen. Vinh spoke."
    (m,) = matcher.find(text, "en")
    assert text[m.start : m.end] == m.matched_text == "Sen. Lt. Gen."


def test_word_boundaries(matcher):
    assert found(matcher, "Generals and generalised Generality", "en") == []
    assert found(matcher, "the General's car", "en") == [("General", 3)]
    assert found(matcher, "Ambassadors", "en") == []
    assert found(matcher, "Đại sứquán", "vi") == []  # no match inside a longer word


def test_longest_match_wins(matcher):
    assert found(matcher, "the US Ambassador to Vietnam", "en") == [("US Ambassador", 5)]
    assert found(matcher, "Senior Lieutenant General Vinh", "en") == [
        ("Senior Lieutenant General", 1)
    ]
    assert found(matcher, "Đại sứ Hoa Kỳ tại Việt Nam", "vi") == [("Đại sứ Hoa Kỳ", 5)]
    assert found(matcher, "Thứ trưởng Bộ Quốc phòng", "vi") == [("Thứ trưởng Bộ Quốc phòng", 7)]
    assert found(matcher, "tại Bộ Quốc phòng", "vi") == [("Bộ Quốc phòng", 8)]


def test_case_insensitive_but_acronyms_exact(matcher):
    # A capitalised one-word rank needs its capital: "general" in running text is the adjective.
    assert found(matcher, "the GENERAL and the general", "en") == [("GENERAL", 3)]
    assert found(matcher, "the US side", "en") == [("US", 6)]
    assert found(matcher, "let us go, Us too", "en") == []
    assert found(matcher, "thượng tướng", "vi") == [("thượng tướng", 1)]


def test_nfd_text_is_matched_with_offsets_into_it(matcher):
    text = unicodedata.normalize("NFD", "Ông Thượng tướng Nguyễn Chí Vịnh, Đại sứ Mỹ")
    matches = matcher.find(text, "vi")
    assert [m.term_id for m in matches] == [1, 4, 6]
    for m in matches:
        assert text[m.start : m.end] == m.matched_text
    assert unicodedata.normalize("NFC", matches[0].matched_text) == "Thượng tướng"


def test_curly_apostrophe_matches_straight(matcher):
    m = TermMatcher([Term("People's Army", "Quân đội nhân dân", id=1)])
    assert [x.matched_text for x in m.find("Vietnam People’s Army", "en")] == ["People’s Army"]


def test_shared_form_carries_all_ids(matcher):
    (m,) = matcher.find("Trung úy Nguyen", "vi")
    assert m.term_ids == (9, 10) and m.term_id == 9


def test_find_term_for_the_counterpart(matcher):
    vi = "Thượng tướng Nguyễn Chí Vịnh, Thứ trưởng Bộ Quốc phòng"
    assert [m.matched_text for m in matcher.find_term(vi, "vi", 7)] == ["Thứ trưởng Bộ Quốc phòng"]
    assert matcher.find_term(vi, "vi", 4) == []


def test_sample_article_terms_are_marked(sample_paths):
    from glossary.starter import starter_terms

    terms = [_with_id(t, i) for i, t in enumerate(starter_terms(), 1)]
    m = TermMatcher(terms)
    en_path, vi_path = sample_paths
    en = {x.matched_text for x in m.find(en_path.read_text(encoding="utf-8"), "en")}
    vi = {x.matched_text for x in m.find(vi_path.read_text(encoding="utf-8"), "vi")}
    assert {
        "Sen. Lt. Gen.",
        "Deputy Minister of Defence",
        "US Ambassador",
        "Acting Assistant Secretary of Defense",
        "Deputy Defence Minister",
    } <= en
    assert {
        "Thượng tướng",
        "Thứ trưởng Bộ Quốc phòng",
        "Đại sứ Hoa Kỳ",
        "Quyền Trợ lý Bộ trưởng Quốc phòng Hoa Kỳ",
        "Ủy viên Trung ương Đảng",
        "Ủy viên Thường vụ Quân ủy Trung ương",
    } <= vi


def _with_id(term, i):
    term.id = i
    return term


def test_bad_language_is_an_error(matcher):
    with pytest.raises(ValueError):
        matcher.find("x", "fr")


def test_capitalised_one_word_rank_is_not_marked_in_an_everyday_phrase():
    from glossary.matcher import TermMatcher
    from glossary.model import Term

    general = Term("General", "Đại tướng", category="rank", id=1)
    matcher = TermMatcher([general])
    assert matcher.find("It supports ASEAN in general.", "en") == []
    assert [m.matched_text for m in matcher.find("General Phan Van Giang spoke.", "en")] == [
        "General"
    ]
