"""The aligner's whole-side feature extraction gives exactly what reading each sentence alone gives.

The per-sentence functions (``anchors``, ``concepts``, ``punctuation``, ``sentence_kind``,
``TermIndex.find``, ``fold``) are the readable definition of each signal; the whole-side versions
are what the aligner runs on a book. Any difference would silently change alignments, so they are
compared on news-like text and on arbitrary Unicode (without NUL, which loaded text never holds).
"""

from __future__ import annotations

from collections import Counter

from hypothesis import example, given, settings
from hypothesis import strategies as st

from reader.align.lexicon import concept_occurrences, concepts
from reader.align.signals import (
    TermIndex,
    Weights,
    anchor_occurrences,
    anchors,
    punctuation,
    punctuation_rows,
    sentence_kind,
    sentence_kinds,
)
from reader.text.folding import fold, fold_many

NEWS_WORDS = (
    "Sen. Lt. Gen. Nguyen Chi Vinh Nguyễn Chí Vịnh Deputy Minister of Defence Bộ trưởng Quốc phòng "
    "met Mr. Smith in Hà Nội on July 1, 2020 ngày 1 tháng Bảy tháng Mười Hai 12.5% U.S. ASEAN "
    "health minister said hospitals y tế bệnh viện cho biết nói thêm (Photo: VNA) [Related] Ảnh: "
    'Covid-19 prime minister Thủ tướng thuong tuong "quoted" “trích” why? Vậy sao! end… '
    "remdesivir Washington DC. Speaking 3,000 people người dân the of và của"
).split()
news_sentence = st.lists(st.sampled_from(NEWS_WORDS), max_size=25).map(" ".join)
any_sentence = st.text(st.characters(blacklist_characters="\0"), max_size=60)
sentences = st.lists(st.one_of(news_sentence, any_sentence), max_size=8)
TERMS = [
    ("Senior Lieutenant General", "Thượng tướng"),
    ("Deputy Minister of Defence", "Thứ trưởng Bộ Quốc phòng"),
    ("health", "y tế"),
    ("U.S.", "Hoa Kỳ"),
]


def per_sentence(where, values, count):
    out = [Counter() for _ in range(count)]
    for sentence, value in zip(where.tolist(), values, strict=True):
        out[sentence][value] += 1
    return out


@settings(max_examples=150, deadline=None)
@given(sentences, st.sampled_from(["en", "vi"]))
def test_whole_side_anchors_are_each_sentences_anchors(texts, lang):
    keys: dict[str, int] = {}
    where, key = anchor_occurrences(texts, lang, keys)
    names = list(keys)
    assert per_sentence(where, [names[k] for k in key.tolist()], len(texts)) == [
        Counter(anchors(text, lang)) for text in texts
    ]


@settings(max_examples=150, deadline=None)
@given(sentences, st.sampled_from(["en", "vi"]))
def test_whole_side_lexicon_concepts_are_each_sentences_concepts(texts, lang):
    where, entry = concept_occurrences(texts, lang)
    assert per_sentence(where, entry.tolist(), len(texts)) == [
        Counter(concepts(text, lang)) for text in texts
    ]


@settings(max_examples=150, deadline=None)
@given(sentences)
@example(
    ["Done\n. Next one", "Photo: AFP", "x (Photo: VNA)", "[Link] ", "Sen. Lt. Gen. Vinh. Then"]
)
def test_whole_side_punctuation_kinds_terms_and_folding_match(texts):
    assert punctuation_rows(texts).tolist() == [list(punctuation(text)) for text in texts]
    assert sentence_kinds(texts).tolist() == [sentence_kind(text) for text in texts]
    assert fold_many(texts) == [fold(text) for text in texts]
    index = TermIndex(TERMS)
    for lang in ("en", "vi"):
        keys: dict[str, int] = {}
        where, key = index.occurrences(texts, lang, keys)
        names = list(keys)
        assert per_sentence(where, [names[k] for k in key.tolist()], len(texts)) == [
            Counter(index.find(text, lang)) for text in texts
        ]


def test_switched_off_signals_yield_no_anchors():
    texts = ["Nguyen Chi Vinh met ASEAN envoys on July 1, 2020."]
    where, _ = anchor_occurrences(texts, "en", {}, Weights(use_numbers=False, use_names=False))
    assert len(where) == 0
    where, _ = anchor_occurrences(texts, "en", {}, Weights(use_names=False))
    assert len(where) == 3  # "#7", "#1", "#2020"
