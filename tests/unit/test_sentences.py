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
