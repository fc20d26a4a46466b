"""Aligner quality helpers: the book-scale windowed search, the lexicon and punctuation parity."""

from __future__ import annotations

import numpy as np

from reader.align import align, dp
from reader.align.lexicon import concepts
from reader.align.signals import Scorer, punctuation


def _pair(n: int, seed: int):
    rng = np.random.default_rng(seed)
    words = "Hanoi ASEAN talks July cooperation Vinh defence health minister 12 45 2020".split()
    source = [" ".join(rng.choice(words, rng.integers(3, 14))) + "." for _ in range(n)]
    # Drop about 3% on the target side so that the path leaves the diagonal.
    target = [s for s in source if rng.random() > 0.03]
    return source, target


def test_windowed_search_matches_the_exact_search(monkeypatch):
    source, target = _pair(1000, 5)
    scorer = Scorer(source, target)
    band = dp._Band(len(source), len(target), dp._initial_half_width(len(source), len(target)))
    exact, _ = dp._search(scorer, band)
    monkeypatch.setattr(dp, "WINDOWED_CELLS", 0)
    windowed = dp.best_beads(scorer)
    assert [(b.source, b.target) for b in windowed] == [(b.source, b.target) for b in exact]
    assert np.allclose([b.confidence for b in windowed], [b.confidence for b in exact], atol=1e-3)


def test_lexicon_finds_the_same_concepts_in_both_languages():
    english = concepts("The health minister said hospitals reopened on Monday.", "en")
    vietnamese = concepts("Bộ trưởng y tế cho biết các bệnh viện mở cửa lại vào thứ Hai.", "vi")
    assert set(english) & set(vietnamese) >= set(concepts("minister hospital monday", "en"))


def test_punctuation_counts_inner_sentence_ends_but_not_abbreviations():
    assert punctuation("Sen. Lt. Gen. Nguyen Chi Vinh met Mr. Smith in the U.S. Army.")[0] == 0
    assert punctuation("Vietnam records first deaths. Vietnam has recorded deaths.")[0] == 1
    assert punctuation("Why? Nobody knows.")[:2] == (1, 1)


def test_an_unrelated_extra_sentence_is_left_alone():
    source = [
        "The health minister said hospitals will reopen on Monday.",
        "Schools will stay closed until next month, the government said.",
    ]
    target = [
        "Bộ trưởng y tế cho biết các bệnh viện sẽ mở cửa lại vào thứ Hai.",
        "Nhóm máu O có thể tự coi là may mắn.",
        "Chính phủ cho biết trường học sẽ tiếp tục đóng cửa cho đến tháng sau.",
    ]
    shapes = [(b.source, b.target) for b in align(source, target).beads]
    assert shapes == [((0,), (0,)), ((), (1,)), ((1,), (2,))]


def test_a_heading_joined_to_the_sentence_that_repeats_it_is_one_bead():
    """Scraped pages often glue a section heading to its first sentence on one side only."""
    english = [
        "Vietnam's coast draws record numbers of visitors.",
        "Tourism officials said arrivals rose by 20 percent in July.",
        "Da Nang",
        "Da Nang is known for its long beaches and the Dragon Bridge.",
        "Hotels there were fully booked for the whole summer.",
        "Hoi An",
        "Hoi An is famous for its old town and lantern festival.",
    ]
    vietnamese = [
        "Bờ biển Việt Nam thu hút lượng du khách kỷ lục.",
        "Các quan chức du lịch cho biết lượng khách tăng 20% trong tháng 7.",
        "Đà Nẵng Đà Nẵng được biết đến với những bãi biển dài và cầu Rồng.",
        "Các khách sạn ở đó đã kín phòng suốt mùa hè.",
        "Hội An",
        "Hội An nổi tiếng với phố cổ và lễ hội đèn lồng.",
    ]
    beads = [(b.source, b.target) for b in align(english, vietnamese).beads]
    assert ((2, 3), (2,)) in beads  # heading and sentence against the joined line
    assert ((5,), (4,)) in beads  # a heading on both sides stays a bead of its own
