"""The aligner: the sample pair's full expected result, invariants, optimality, confidence."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.align import align, align_documents, dp
from reader.align.signals import Scorer
from reader.text.loading import load_document


def shapes_and_members(alignment):
    return [(list(b.source), list(b.target)) for b in alignment.beads]


def test_sample_pair_aligns_as_a_translator_would(sample_paths):
    en_path, vi_path = sample_paths
    en, vi = load_document(en_path, "en"), load_document(vi_path, "vi")
    alignment = align_documents(en, vi)
    assert shapes_and_members(alignment) == [
        ([0], []),  # the title has no counterpart
        ([1], [0]),
        ([2], []),  # the photo caption
        ([3], [1]),
        ([4], [2]),
        ([], [3]),  # the bracketed related-article line
        ([5], [4]),
        ([6], [5]),
        ([7, 8], [6]),  # two English sentences, one Vietnamese
        ([9], [7]),
    ]
    assert en.sentences[2].text.endswith("(Photo: VNA)")
    assert vi.sentences[3].text.startswith("[Nỗ lực hơn nữa")


def check_invariants(alignment, n, m):
    sources = [i for bead in alignment.beads for i in bead.source]
    targets = [j for bead in alignment.beads for j in bead.target]
    assert sources == list(range(n)), "every source sentence once, in order"
    assert targets == list(range(m)), "every target sentence once, in order"
    for bead in alignment.beads:
        assert bead.source or bead.target
        assert 0.0 <= bead.confidence <= 1.0


sentence_text = st.text(min_size=0, max_size=80)


@settings(max_examples=60, deadline=None)
@given(st.lists(sentence_text, max_size=12), st.lists(sentence_text, max_size=12))
def test_cover_order_and_determinism_for_any_unicode(source, target):
    first = align(source, target)
    check_invariants(first, len(source), len(target))
    assert align(source, target).beads == first.beads


def test_invariants_hold_for_a_large_unbalanced_pair():
    rng = np.random.default_rng(7)
    words = ["Hanoi", "ASEAN", "2020", "talks", "the", "July", "cooperation", "Vinh", "defence"]
    source = [" ".join(rng.choice(words, rng.integers(3, 15))) + "." for _ in range(900)]
    target = [" ".join(rng.choice(words, rng.integers(3, 15))) + "." for _ in range(700)]
    check_invariants(align(source, target), 900, 700)


def _all_paths(costs, band, n, m):
    """Brute force over every monotone path: (best cost, soft total)."""
    shapes = [*dp.SHAPES, (0, 1)]
    totals = []

    def walk(i, j, acc):
        if (i, j) == (n, m):
            totals.append(acc)
            return
        for a, b in shapes:
            if i + a <= n and j + b <= m:
                cost = costs[(a, b)][i + a, band.pad + j + b - band.lo[i + a]]
                if np.isfinite(cost):
                    walk(i + a, j + b, acc + cost)

    walk(0, 0, 0.0)
    totals = np.array(totals)
    return totals.min(), -np.log(np.exp(-totals).sum())


def test_dynamic_programme_finds_the_cheapest_path_and_exact_posteriors():
    rng = np.random.default_rng(3)
    words = "Vinh ASEAN 2020 July talks Hanoi COVID-19 sides [link] (Photo: VNA)".split()
    for _ in range(15):
        n, m = int(rng.integers(1, 5)), int(rng.integers(1, 5))
        source = [" ".join(rng.choice(words, rng.integers(1, 8))) + "." for _ in range(n)]
        target = [" ".join(rng.choice(words, rng.integers(1, 8))) for _ in range(m)]
        scorer = Scorer(source, target)
        band = dp._Band(n, m, dp._initial_half_width(n, m))
        costs = dp._shape_costs(scorer, band)
        best, soft_total = _all_paths(costs, band, n, m)
        beads, _ = dp._search(scorer, band)
        path_cost = 0.0
        i = j = 0
        for bead in beads:
            a, b = len(bead.source), len(bead.target)
            i, j = i + a, j + b
            path_cost += costs[(a, b)][i, band.pad + j - band.lo[i]]
        assert math.isclose(path_cost, best, rel_tol=1e-9, abs_tol=1e-9)
        backward = dp._backward(costs, band)
        assert math.isclose(backward[0, band.pad - band.lo[0]], soft_total, abs_tol=1e-6)


def test_narrow_band_widens_to_the_same_result():
    rng = np.random.default_rng(11)
    words = ["Hanoi", "ASEAN", "2020", "talks", "July", "cooperation", "Vinh", "12", "45"]
    source = [" ".join(rng.choice(words, rng.integers(3, 12))) + "." for _ in range(60)]
    # The target drops a block of 25 sentences: the path leaves any narrow band around the diagonal.
    target = source[:10] + source[35:]
    scorer = Scorer(source, target)
    wide, _ = dp._search(scorer, dp._Band(60, 35, 61))
    original = dp._initial_half_width
    try:
        dp._initial_half_width = lambda n, m: 2
        narrow = dp.best_beads(scorer)
    finally:
        dp._initial_half_width = original
    assert shapes_and_members_of(narrow) == shapes_and_members_of(wide)


def shapes_and_members_of(beads):
    return [(b.source, b.target) for b in beads]


def test_glossary_terms_are_evidence():
    source = [
        "The general spoke about the plan for the coming year.",
        "The colonel answered questions.",
        "Reporters asked about the budget and the schedule of the exercise.",
    ]
    target = [
        "Đại tướng phát biểu về kế hoạch năm tới.",
        "Đại tá trả lời câu hỏi của phóng viên về ngân sách và lịch trình diễn tập.",
    ]
    terms = [("general", "Đại tướng"), ("colonel", "Đại tá")]
    plain = align(source, target)
    with_terms = align(source, target, terms=terms)
    assert ([0], [0]) in shapes_and_members(with_terms)
    assert ([1, 2], [1]) in shapes_and_members(with_terms)

    def confidence(alignment):
        return min(b.confidence for b in alignment.beads)

    assert confidence(with_terms) > confidence(plain)


def test_empty_sides():
    assert [b.shape for b in align([], ["Một.", "Hai."]).beads] == ["0-1", "0-1"]
    assert [b.shape for b in align(["One."], []).beads] == ["1-0"]
    assert align([], []).beads == []
