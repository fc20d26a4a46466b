"""The aligner's dynamic programme: its vectorised pieces against plain definitions of the same.

The cost stack, the soft minimum, the centre line and the windowed search are written for speed
(one gather for all shapes, shifted reads, float32 exponentials, sorted codes); each is checked
here against the obvious loop it replaces, so that a faster version cannot change alignments.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from reader.align import dp
from reader.align.signals import Scorer

WORDS = "Hanoi ASEAN talks July cooperation Vinh defence health minister 12 45 2020".split()


def _pair(n: int, seed: int, drop: float = 0.05):
    rng = np.random.default_rng(seed)
    source = [" ".join(rng.choice(WORDS, rng.integers(2, 12))) + "." for _ in range(n)]
    target = [s for s in source if rng.random() > drop]
    return source, target


def _naive_cost(scorer: Scorer, match, lo, width, a, b, i, j) -> float:
    """The cost of one bead from the pairwise anchor matches, read one by one."""

    def pair(p, q):  # match of source sentence i-1-p with target sentence j-1-q
        k = j - q - lo[i - p]
        return match[i - p, k] if 0 <= k < width else 0.0

    matched = 0.0
    for p in range(a):
        for q in range(b):
            matched += pair(p, q)
    if (a, b) in dp.EXACT_MERGES:
        # Per anchor, what the pairwise sum counts beyond min(weight on each side).
        rows = [scorer.tokens_a[i - 1 - p] for p in range(a)]
        cols = [scorer.tokens_b[j - 1 - q] for q in range(b)]
        many, (one,) = (rows, cols) if b == 1 else (cols, rows)
        for token, weight in one.items():
            held = [sentence.get(token, 0.0) for sentence in many]
            matched -= sum(min(h, weight) for h in held) - min(sum(held), weight)
        node = np.array([[i]]), np.array([[j]])
        return float(scorer.bead_costs(a, b, *node, np.array([[matched]]))[0, 0])
    for p in range(a - 1):
        row_p = sum(pair(p, q) for q in range(b))
        row_next = sum(pair(p + 1, q) for q in range(b))
        matched -= min(scorer.overlap_a[i - p - 1], min(row_p, row_next))
    for q in range(b - 1):
        col_q = sum(pair(p, q) for p in range(a))
        col_next = sum(pair(p, q + 1) for p in range(a))
        matched -= min(scorer.overlap_b[j - q - 1], min(col_q, col_next))
    node = np.array([[i]]), np.array([[j]])
    return float(scorer.bead_costs(a, b, *node, np.array([[matched]]))[0, 0])


@pytest.mark.parametrize("block_cells", [1, 40, 1 << 15])
def test_cost_stack_equals_each_bead_costed_alone(block_cells):
    source, target = _pair(40, 1, drop=0.15)
    scorer = Scorer(source, target)
    # A centre line that bends (as one through anchors does), so that the rows of a bead read
    # shifted columns of each other.
    centre = np.rint(np.linspace(0, scorer.m, scorer.n + 1)).astype(np.int64)
    centre[10:25] = np.maximum.accumulate(np.clip(centre[10:25] + 3, 0, scorer.m))
    centre = np.maximum.accumulate(centre)
    band = dp._Band(scorer.n, scorer.m, 3, centre)
    costs = dp._shape_costs(scorer, band, block_cells=block_cells)
    match = scorer.match_band(band.lo, band.width)
    for a, b in dp.ALL_SHAPES:
        table = costs[(a, b)]
        assert table.shape == (scorer.n + 1, band.width + 2 * band.pad)
        assert np.all(np.isinf(table[:, : band.pad])) and np.all(np.isinf(table[:, -band.pad :]))
        for i in range(scorer.n + 1):
            for k in range(band.width):
                j = band.lo[i] + k
                got = table[i, band.pad + k]
                if i >= a and b <= j <= scorer.m:
                    want = _naive_cost(scorer, match, band.lo, band.width, a, b, i, j)
                    assert math.isclose(got, want, rel_tol=1e-12, abs_tol=1e-12), (a, b, i, j)
                else:  # off the texts: a 0-1 step is free there (see OUTSIDE_STEP)
                    assert got == (dp.OUTSIDE_STEP if a == 0 else np.inf), (a, b, i, j)


def _cost_at(table, band, i, j):
    return table[i, band.pad + j - band.lo[i]]


def test_cost_outside_the_texts_follows_the_shape():
    scorer = Scorer(*_pair(12, 2))
    band = dp._Band(scorer.n, scorer.m, 4)
    costs = dp._shape_costs(scorer, band)
    # No bead of a source sentences ends above row a, nor one of b target sentences left of
    # column b; off the texts a 0-1 step is free (see OUTSIDE_STEP), every other bead impossible.
    assert np.isinf(costs[(1, 1)][0]).all() and np.isinf(costs[(2, 1)][1]).all()
    assert np.isinf(_cost_at(costs[(1, 1)], band, 5, 0))
    assert _cost_at(costs[(0, 1)], band, scorer.n, scorer.m + 1) == dp.OUTSIDE_STEP


@pytest.mark.parametrize("fast, tolerance", [(False, 1e-12), (True, 1e-6)])
def test_soft_min_is_log_sum_exp_over_the_shapes(fast, tolerance):
    rng = np.random.default_rng(4)
    values = rng.normal(50.0, 20.0, (7, 3, 9))
    values[rng.random(values.shape) < 0.3] = np.inf
    values[:, 1, 4] = np.inf  # no shape reaches this node
    values[:, 2, 0] = [1e-3, 800.0, np.inf, 1e-3, 30.0, 1e4, np.inf]  # wide spread, a tie
    with np.errstate(all="ignore"):  # as in the search: log(0) for a column of infinities
        got = dp._soft_min(values.copy(), 1.0, fast)
    want = np.full(values.shape[1:], -np.inf)
    for shape in range(values.shape[0]):
        want = np.logaddexp(want, -values[shape])
    assert got[1, 4] == -np.inf
    finite = np.isfinite(want)
    assert np.array_equal(finite, np.isfinite(got))
    assert np.allclose(got[finite], want[finite], rtol=tolerance, atol=tolerance)


def _plain_centre_line(scorer: Scorer) -> np.ndarray:
    """The centre line from per-sentence token dictionaries, as first written."""
    n, m = scorer.n, scorer.m
    where_a: dict[str, list[int]] = {}
    where_b: dict[str, list[int]] = {}
    for side, table in ((scorer.tokens_a, where_a), (scorer.tokens_b, where_b)):
        for index, counts in enumerate(side):
            for token in counts:
                table.setdefault(token, []).append(index)
    points = []
    for token, rows in where_a.items():
        cols = where_b.get(token)
        if cols is not None and len(cols) == len(rows):
            points.extend(zip(rows, cols, strict=True))
    diagonal = np.rint(np.arange(n + 1) * (m / n)).astype(np.int64)
    if len(points) < 2:
        return diagonal
    points = np.unique(np.array(points, dtype=np.int64), axis=0)
    chain = dp._longest_increasing(points[:, 0], points[:, 1])
    rows = np.concatenate([[0], points[chain, 0] + 0.5, [n]])
    cols = np.concatenate([[0], points[chain, 1] + 0.5, [m]])
    return np.rint(np.interp(np.arange(n + 1), rows, cols)).astype(np.int64)


@pytest.mark.parametrize("seed", range(4))
def test_centre_line_pairs_equally_frequent_anchors_in_order(seed):
    source, target = _pair(120, seed, drop=0.1)
    scorer = Scorer(source, target)
    assert np.array_equal(dp.centre_line(scorer), _plain_centre_line(scorer))


def test_centre_line_without_anchors_is_the_diagonal():
    scorer = Scorer(["One two three."] * 5, ["Một hai ba."] * 4)
    assert np.array_equal(dp.centre_line(scorer), np.rint(np.arange(6) * 0.8).astype(np.int64))


def test_windows_whose_paths_do_not_meet_are_retried_longer(monkeypatch):
    # Thirty sentences with nothing to go by, in a pair otherwise easy to align: the windows'
    # paths wander apart across them, so short windows find no node to join at.
    rng = np.random.default_rng(0)
    source, target = _pair(300, 0)
    noise_en = [" ".join(["word"] * int(rng.integers(3, 20))) + "." for _ in range(30)]
    noise_vi = [" ".join(["từ"] * int(rng.integers(3, 20))) + "." for _ in range(33)]
    scorer = Scorer(source[:150] + noise_en + source[150:], target[:145] + noise_vi + target[145:])
    band = dp._Band(scorer.n, scorer.m, dp._initial_half_width(scorer.n, scorer.m))
    exact, _ = dp._search(scorer, band)

    monkeypatch.setattr(dp, "WINDOWED_CELLS", 0)
    monkeypatch.setattr(dp, "WINDOW_ROWS", 32)
    monkeypatch.setattr(dp, "WINDOW_OVERLAP", 8)
    tried = []
    window_search = dp._window_search

    def recording(costs, band, check_edge, rows_per, overlap):
        beads = window_search(costs, band, check_edge, rows_per, overlap)
        tried.append((rows_per, overlap, beads is None))
        return beads

    def no_exact_search(*args):
        raise AssertionError("fell back to the exact search")

    monkeypatch.setattr(dp, "_window_search", recording)
    monkeypatch.setattr(dp, "_search", no_exact_search)
    windowed = dp.best_beads(scorer)
    assert tried[0] == (32, 8, True) and tried[-1][:2] == (64, 16)
    # (Confidences differ across the thirty: a 16-row overlap is too short for posteriors.)
    assert [(b.source, b.target) for b in windowed] == [(b.source, b.target) for b in exact]


def _plain_forward(costs, band, start: int, rows: int):
    """Forward pass of one window, shape by shape with a strict <, as first written."""
    width, pad, lo = band.width, band.pad, band.lo
    full = width + 2 * pad
    hard = np.full((rows + 1, full), np.inf)
    soft = np.full((rows + 1, full), np.inf)
    back = np.full((rows + 1, width), -1)
    for r in range(rows + 1):
        i = start + r
        best = np.full(width, np.inf)
        terms = np.full(width, -np.inf)
        shape_of = np.full(width, -1)
        if r == 0:
            begin = band.valid[i].copy() if start else np.arange(width) == -lo[0]
            best[begin] = terms[begin] = 0.0
        for shape_id, (a, b) in enumerate(dp.SHAPES):
            if r < a:
                continue
            offset = pad + lo[i] - lo[i - a] - b
            step = costs[(a, b)][i, pad : pad + width]
            candidate = hard[r - a, offset : offset + width] + step
            better = candidate < best
            best = np.where(better, candidate, best)
            shape_of = np.where(better, shape_id, shape_of)
            terms = np.logaddexp(terms, -(soft[r - a, offset : offset + width] + step))
        steps = costs[(0, 1)][i, pad : pad + width].astype(np.float64)
        steps[0] = 0.0
        chain = np.cumsum(steps)
        shifted = best - chain
        running = np.minimum.accumulate(shifted)
        back[r] = np.where(running < shifted, dp.SCAN, shape_of)
        hard[r, pad : pad + width] = chain + running
        soft[r, pad : pad + width] = chain - np.logaddexp.accumulate(terms + chain)
    return hard, soft, back


def _plain_backward(costs, band, start: int, rows: int):
    n, m, width, pad, lo = band.n, band.m, band.width, band.pad, band.lo
    backward = np.full((rows + 1 + 3, width + 2 * pad), np.inf)
    for r in range(rows, -1, -1):
        i = start + r
        terms = np.full(width, -np.inf)
        if r == rows:
            terms[band.valid[i] if i < n else np.arange(width) == m - lo[n]] = 0.0
        for a, b in dp.SHAPES:
            if r + a > rows:
                continue
            offset = pad + lo[i] - lo[i + a] + b
            step = costs[(a, b)][i + a, offset : offset + width]
            terms = np.logaddexp(terms, -(backward[r + a, offset : offset + width] + step))
        steps = np.append(costs[(0, 1)][i, pad + 1 : pad + width], 0.0)
        chain = np.cumsum(steps[::-1])
        backward[r, pad : pad + width] = (chain - np.logaddexp.accumulate(terms[::-1] + chain))[
            ::-1
        ]
    return backward[: rows + 1]


@pytest.mark.parametrize("dtype, fast", [(np.float64, False), (np.float32, True)])
def test_row_passes_break_ties_as_the_plain_loops(dtype, fast):
    # Costs in steps of 0.5 tie all the time; the batched passes must pick the first cheapest
    # shape and take a 0-1 bead only when strictly cheaper, as the plain loops do.
    rng = np.random.default_rng(5)
    n, m = 13, 11
    centre = np.maximum.accumulate(np.rint(np.arange(n + 1) * m / n + rng.integers(-1, 2, n + 1)))
    band = dp._Band(n, m, 3, np.clip(centre, 0, m).astype(np.int64))
    stack = rng.integers(0, 5, (n + 1, len(dp.ALL_SHAPES), band.width + 2 * band.pad)) / 2
    impossible = rng.random(stack.shape) < 0.1
    impossible[:, dp.SCAN] = False  # 0-1 steps are finite everywhere (see OUTSIDE_STEP)
    stack[impossible] = np.inf
    stack[:, :, : band.pad] = stack[:, :, band.pad + band.width :] = np.inf
    stack = stack.astype(dtype)
    costs = {shape: stack[:, s] for s, shape in enumerate(dp.ALL_SHAPES)}
    starts, rows = np.array([0, 5]), 8  # the second window starts anywhere and ends at (n, m)
    with np.errstate(all="ignore"):
        hard, soft, back = dp._forward_pass(stack, band, starts, rows, fast)
        backward = dp._backward_pass(stack, band, starts, rows, fast)
        for w, start in enumerate(starts):
            plain_hard, plain_soft, plain_back = _plain_forward(costs, band, start, rows)
            assert np.array_equal(hard[dp.LEAD :, w], plain_hard)
            assert np.array_equal(back[:, w], plain_back)
            assert np.allclose(soft[dp.LEAD :, w], plain_soft, rtol=1e-6, equal_nan=False)
            plain = _plain_backward(costs, band, start, rows)
            assert np.allclose(backward[: rows + 1, w], plain, rtol=1e-6)


def test_a_window_that_cannot_reach_its_last_row_finds_no_join():
    # A centre line that jumps further than the band is wide leaves rows that no path reaches;
    # their windows must report "no join" (the caller then searches otherwise), not trace a path.
    scorer = Scorer(*_pair(300, 0))
    centre = np.rint(np.arange(scorer.n + 1) * scorer.m / scorer.n).astype(np.int64)
    centre[150:] = np.minimum(centre[150:] + 40, scorer.m)
    band = dp._Band(scorer.n, scorer.m, 4, centre)
    costs = dp._shape_costs(scorer, band, dtype=np.float32)
    assert dp._window_search(costs, band, False, 64, 16) is None
