"""Sentence splitting: abbreviations, news endings, captions, offsets."""

from __future__ import annotations

import pytest

from reader.text.loading import load_document
from reader.text.sentences import split_document


def sentences(text: str, lang: str = "en") -> list[str]:
    return split_document(text, lang).sentence_texts


@pytest.mark.parametrize(
    "text",
    [
        "Sen. Lt. Gen. Nguyen Chi Vinh held talks with David F. Helvey on July 1.",
        "Maj. Gen. Tran Van Nam met Col. John A. Smith in Hanoi.",
        "Rear Adm. Jane Doe and Brig. Gen. Le Van Hai attended.",
    ],
)
def test_abbreviated_ranks_and_initials_do_not_split(text):
    assert sentences(text) == [text]


def test_two_sentences_split():
    text = "The two sides reviewed the results. They agreed to push cooperation."
    assert sentences(text) == [
        "The two sides reviewed the results.",
        "They agreed to push cooperation.",
    ]


def test_vietnamese_news_ending_is_glued_to_the_last_sentence():
    text = "Hai bên đã trao đổi về tình hình khu vực và thế giới./."
    assert sentences(text, "vi") == [text]


def test_caption_stays_in_its_paragraph():
    text = "Deputy Defence Minister, Sen. Lt. Gen. Nguyen Chi Vinh. (Photo: VNA)\nPrior to the talks, Vinh hosted a reception."
    doc = split_document(text, "en")
    caption = [s for s in doc.sentences if s.paragraph == 0]
    assert " ".join(s.text for s in caption).endswith("(Photo: VNA)")
    assert all("Prior" not in s.text for s in caption)


def test_offsets_slice_back_to_the_sentence(sample_paths):
    for path, lang in zip(sample_paths, ("en", "vi"), strict=True):
        doc = load_document(path, lang)
        assert len(doc.sentences) > 5
        for sentence in doc.sentences:
            assert doc.text[sentence.start : sentence.end] == sentence.text
            paragraph = doc.paragraphs[sentence.paragraph]
            assert paragraph.start <= sentence.start < sentence.end <= paragraph.end


def test_lines_mode_takes_each_line_as_a_sentence():
    doc = split_document("One. Two.\n\n  Three  \n", "en", lines=True)
    assert doc.sentence_texts == ["One. Two.", "Three"]


def test_huge_line_without_sentence_end_is_split_in_bounded_pieces():
    text = "word " * 20_000  # 100,000 characters, no sentence end
    doc = split_document(text, "en")
    assert "".join(s.text for s in doc.sentences).replace(" ", "") == text.replace(" ", "")


def test_unicode_line_separators_after_an_initial_do_not_crash_the_splitter():
    for separator in ("\x85", "\u2028", "\u2029"):
        text = f"Talks with David F{separator}. Helvey ended."
        doc = split_document(text, "en")
        assert "".join(s.text for s in doc.sentences).replace(" ", "") == text.replace(" ", "")
        for sentence in doc.sentences:
            assert doc.text[sentence.start : sentence.end] == sentence.text


def test_quoted_speech_is_split_sentence_by_sentence_with_the_reporting_clause_last():
    text = (
        'Macron said: "We have to act. We need to put a brake on it. Now!" he added. Then he left.'
    )
    assert sentences(text) == [
        'Macron said: "We have to act.',
        "We need to put a brake on it.",
        'Now!" he added.',
        "Then he left.",
    ]
    vietnamese = "“Tôi yêu cầu các bạn ở nhà. Xin hãy ở nhà,” bà nói."
    assert sentences(vietnamese, "vi") == ["“Tôi yêu cầu các bạn ở nhà.", "Xin hãy ở nhà,” bà nói."]


def test_quotation_is_not_split_after_a_rank_an_initial_or_before_lower_case():
    text = '"Sen. Lt. Gen. Vinh met David F. Helvey. it was fine," she said.'
    assert sentences(text) == [text]


def test_vietnamese_sentence_ending_in_a_lower_case_word_such_as_ca_is_split():
    text = "Số ca nhiễm đã vọt lên hơn 780 ca. Thứ trưởng Bộ Y tế cho biết đại dịch sẽ đạt đỉnh."
    assert sentences(text, "vi") == [
        "Số ca nhiễm đã vọt lên hơn 780 ca.",
        "Thứ trưởng Bộ Y tế cho biết đại dịch sẽ đạt đỉnh.",
    ]
    # Vietnamese abbreviations are capitals and keep the name with its title.
    assert sentences(
        "Theo PGS. TS Đoàn Lệ Giang, trưởng khoa, 50% sinh viên chưa quay lại.", "vi"
    ) == ["Theo PGS. TS Đoàn Lệ Giang, trưởng khoa, 50% sinh viên chưa quay lại."]


def test_agency_tag_after_the_news_ending_stays_with_the_last_sentence():
    text = "Testing is critical in responding to COVID-19./.VNA"
    assert sentences(text) == [text]


def test_an_opening_quote_starts_the_sentence_it_opens():
    # A quotation that goes on into the next paragraph is never closed in this one.
    text = "Ông giả định điều đó sẽ xảy ra trong 15 năm nữa. “Ở lúc nào đó, miễn dịch sẽ không còn."
    assert sentences(text, "vi") == [
        "Ông giả định điều đó sẽ xảy ra trong 15 năm nữa.",
        "“Ở lúc nào đó, miễn dịch sẽ không còn.",
    ]
