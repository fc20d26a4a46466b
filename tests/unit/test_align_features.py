"""The aligner's whole-side feature extraction gives exactly what reading each sentence alone gives.

The per-sentence functions (``anchors``, ``concepts``, ``punctuation``, ``sentence_kind``,
``TermIndex.find``, ``fold``) are the readable definition of each signal; the whole-side versions
are what the aligner runs on a book. Any difference would silently change alignments, so they are
compared on news-like text and on arbitrary Unicode (without NUL, which loaded text never holds).
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from reader.align.lexicon import concept_occurrences, concepts
from reader.align.signals import (
    Scorer,
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


def test_merged_bead_match_is_exact_per_anchor():
    """For one sentence facing several, an anchor counts as often as both sides hold it.

    Checked against the plain formula on random texts: pairwise sum minus the over-count equals
    sum over anchors of min(weight on the merged side, weight on the single side).
    """
    rng = np.random.default_rng(7)
    words = "Hanoi ASEAN talks July cooperation Vinh defence health minister 12 2020".split()
    for _ in range(25):
        n, m = (int(x) for x in rng.integers(3, 20, 2))
        source = [" ".join(rng.choice(words, rng.integers(1, 7))) + "." for _ in range(n)]
        target = [" ".join(rng.choice(words, rng.integers(1, 7))) + "." for _ in range(m)]
        scorer = Scorer(source, target)
        dense_a = np.zeros((n, len(scorer.keys)))
        dense_b = np.zeros((m, len(scorer.keys)))
        np.add.at(dense_a, scorer.entries_a[:2], scorer.entries_a[2])
        np.add.at(dense_b, scorer.entries_b[:2], scorer.entries_b[2])
        half = int(rng.integers(1, 10))
        lo = np.rint(np.arange(n + 1) * (m / n)).astype(np.int64) - half
        width = 2 * half + 1
        for a, b in ((2, 1), (3, 1), (1, 2), (1, 3)):
            excess = scorer.merge_excess_band(a, b, lo, width)
            for i in range(a, n + 1):
                for k in range(width):
                    j = lo[i] + k
                    if not b <= j <= m:
                        continue
                    span_a, span_b = dense_a[i - a : i], dense_b[j - b : j]
                    pairwise = np.minimum(span_a[:, None, :], span_b[None, :, :]).sum()
                    exact = np.minimum(span_a.sum(0), span_b.sum(0)).sum()
                    assert pairwise - excess[i, k] == pytest.approx(exact)
