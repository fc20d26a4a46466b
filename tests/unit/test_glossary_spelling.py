"""Spelling in the term editor: British and rank vocabulary accepted, typos flagged."""

from __future__ import annotations

import pytest

from glossary.spelling import EnglishChecker, VietnameseChecker, edit_distance


@pytest.fixture(scope="module")
def english():
    return EnglishChecker(["Senior Lieutenant General", "Thượng tướng"])


def words(flags):
    return [w for _, _, w, _ in flags]


@pytest.mark.parametrize(
    "text",
    [
        "Deputy Minister of Defence",
        "ministerial-level meetings organised by Vietnam",
        "the organisation honours its programme at the centre",
        "modernised, recognised, realise, defence cooperation",
        "Sen. Lt. Gen., Lt. Col., Maj. Gen., Brig. Gen., Capt., Cmdr., Adm.",
        "Political Commissar, Politburo, Chargé d'affaires, Attaché",
        "VPA and US officials",
    ],
)
def test_british_and_rank_vocabulary_not_flagged(english, text):
    assert english.unknown_words(text) == []


def test_typo_flagged_with_suggestion(english):
    flags = english.unknown_words("Senior Lieutnant General")
    assert words(flags) == ["Lieutnant"]
    start, end, word, suggestions = flags[0]
    assert "Senior Lieutnant General"[start:end] == "Lieutnant"
    assert suggestions[0] == "lieutenant"


def test_more_english_typos(english):
    assert words(english.unknown_words("Ambasador of the Minstry")) == ["Ambasador", "Minstry"]


def test_vietnamese_typo_flagged_with_suggestion():
    checker = VietnameseChecker(
        ["Thượng tướng Nguyễn Chí Vịnh, Thứ trưởng Bộ Quốc phòng", "Đại sứ Hoa Kỳ"]
    )
    flags = checker.unknown_words("Thượng tuớng Nguyễn Chí Vịnh, Bộ Quốc phòg")
    assert words(flags) == ["tuớng", "phòg"]
    assert flags[0][3][0] == "tướng" and flags[1][3][0] == "phòng"


def test_vietnamese_known_and_far_words_not_flagged():
    checker = VietnameseChecker(["Đại sứ Hoa Kỳ tại Việt Nam"])
    assert checker.unknown_words("đại sứ hoa kỳ") == []  # case does not matter
    assert checker.unknown_words("Washington") == []  # far from everything: a new word
    checker.add_texts(["Thượng tướng"])
    assert words(checker.unknown_words("Thuợng tướng")) == ["Thuợng"]
    assert checker.unknown_words("Thuợng tướng")[0][3] == ["Thượng"]  # case kept


def test_edit_distance():
    assert edit_distance("tướng", "tuớng") == 1
    assert edit_distance("phòng", "phòg") == 1
    assert edit_distance("abc", "xyzabc", 2) == 3
