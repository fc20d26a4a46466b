"""Banded monotone dynamic programming over bead shapes, with posterior confidences.

Nodes (i, j) mean "the first i source and j target sentences are aligned". Only nodes within a band
around a centre line are visited; the band is widened and the search redone when the best path
runs along its edge, so the result is the same as a full search whenever the band was wide enough.
All bead costs are computed up front as arrays (one per shape), so the sequential part is a few
numpy operations per row.

Confidence of a bead is its posterior probability under the soft (log-sum-exp) version of the same
costs: forward score to its start + its cost + backward score from its end, against the total.
"""

from __future__ import annotations

import math

import numpy as np

from reader.align.model import Bead
from reader.align.signals import Scorer

# Shapes with at least one source sentence; the 0-1 bead is handled by a scan along each row.
SHAPES = ((1, 1), (1, 0), (2, 1), (1, 2), (2, 2), (3, 1), (1, 3))
SCAN = len(SHAPES)  # back-pointer id of the 0-1 bead
# A 0-1 step into a node outside the texts costs nothing: such nodes are unreachable from (0, 0)
# (everything left of j = 0 is infinite) and lead nowhere but outside, and keeping the step finite
# keeps the running sums along a row small and exact.
OUTSIDE_STEP = 0.0
TEMPERATURE = 1.0
FULL_SEARCH_CELLS = 400_000


class _Band:
    def __init__(self, n: int, m: int, half_width: int):
        self.n, self.m = n, m
        self.half_width = half_width
        centre = np.rint(np.arange(n + 1) * (m / n)).astype(np.int64)
        self.lo = centre - half_width
        self.width = 2 * half_width + 1
        self.cols = self.lo[:, None] + np.arange(self.width)[None, :]
        self.valid = (self.cols >= 0) & (self.cols <= m)
        steps = np.abs(np.diff(self.lo)).max(initial=0)
        self.pad = int(3 * steps + 4)


def _initial_half_width(n: int, m: int) -> int:
    if (n + 1) * (m + 1) <= FULL_SEARCH_CELLS:
        return max(n, m) + 1
    return min(max(n, m) + 1, max(32, int(1.5 * abs(n - m)) + 32))


def best_beads(scorer: Scorer) -> list[Bead]:
    """The lowest-cost sequence of beads covering both sentence lists, each with a confidence."""
    n, m = scorer.n, scorer.m
    if n == 0 or m == 0:
        return [Bead((i,), (), 1.0) for i in range(n)] + [Bead((), (j,), 1.0) for j in range(m)]
    half_width = _initial_half_width(n, m)
    while True:
        band = _Band(n, m, half_width)
        beads, touched_edge = _search(scorer, band)
        if not touched_edge or half_width > max(n, m):
            return beads
        half_width *= 2


def _shape_costs(scorer: Scorer, band: _Band) -> dict[tuple[int, int], np.ndarray]:
    """For each shape, a padded (n+1, width+2*pad) array of the cost of the bead ending at each node."""
    n, m, width, pad = band.n, band.m, band.width, band.pad
    match = scorer.match_band(band.lo, width)
    costs = {}
    for a, b in (*SHAPES, (0, 1)):
        out = np.full((n + 1, width + 2 * pad), np.inf)
        if a > n:
            costs[(a, b)] = out
            continue
        rows = np.arange(a, n + 1)[:, None]
        cols = band.cols[a:]
        ok = band.valid[a:] & (cols >= b)
        safe_cols = np.clip(cols, b, m)
        pair = {}
        for p in range(a):
            for q in range(b):
                source_rows = rows - p
                k = safe_cols - q - band.lo[source_rows]
                inside = (k >= 0) & (k < width)
                pair[p, q] = np.where(inside, match[source_rows, np.clip(k, 0, width - 1)], 0.0)
        matched = sum(pair.values()) if pair else np.zeros(cols.shape)
        # An anchor that two adjacent sentences of one side share was matched once per sentence
        # against the same counterpart: count it once, or merges look better than they are.
        for p in range(a - 1):
            row_p = sum(pair[p, q] for q in range(b))
            row_next = sum(pair[p + 1, q] for q in range(b))
            shared = scorer.overlap_a[rows - p - 1]
            matched = matched - np.minimum(shared, np.minimum(row_p, row_next))
        for q in range(b - 1):
            col_q = sum(pair[p, q] for p in range(a))
            col_next = sum(pair[p, q + 1] for p in range(a))
            shared = scorer.overlap_b[safe_cols - q - 1]
            matched = matched - np.minimum(shared, np.minimum(col_q, col_next))
        cost = scorer.bead_costs(a, b, rows, safe_cols, matched)
        out[a:, pad : pad + width] = np.where(ok, cost, OUTSIDE_STEP if a == 0 else np.inf)
        costs[(a, b)] = out
    return costs


def _search(scorer: Scorer, band: _Band) -> tuple[list[Bead], bool]:
    n, m, width, pad, lo = band.n, band.m, band.width, band.pad, band.lo
    costs = _shape_costs(scorer, band)
    scan_cost = costs[(0, 1)][:, pad : pad + width]
    t = TEMPERATURE
    hard = np.full((n + 1, width + 2 * pad), np.inf)
    soft = np.full((n + 1, width + 2 * pad), np.inf)
    back = np.full((n + 1, width), -1, dtype=np.int8)
    start_col = int(-lo[0])  # node (0, 0)

    with np.errstate(all="ignore"):
        for i in range(n + 1):
            best = np.full(width, np.inf)
            soft_terms = np.full(width, -np.inf)
            shape_of = np.full(width, -1, dtype=np.int8)
            if i == 0:
                best[start_col] = 0.0
                soft_terms[start_col] = 0.0
            for shape_id, (a, b) in enumerate(SHAPES):
                if i < a:
                    continue
                offset = pad + int(lo[i] - lo[i - a]) - b
                step = costs[(a, b)][i, pad : pad + width]
                candidate = hard[i - a, offset : offset + width] + step
                better = candidate < best
                best = np.where(better, candidate, best)
                shape_of = np.where(better, shape_id, shape_of)
                soft_terms = np.logaddexp(
                    soft_terms, -(soft[i - a, offset : offset + width] + step) / t
                )
            # 0-1 beads chain along the row: D[k] = C[k] + min_{k' ≤ k} (E[k'] - C[k']).
            steps = scan_cost[i].copy()
            steps[0] = 0.0
            chain = np.cumsum(steps)
            shifted = best - chain
            running = np.minimum.accumulate(shifted)
            row_hard = chain + running
            # Compare in the shifted domain: the same floats, so no rounding can fake a 0-1 step.
            shape_of = np.where(running < shifted, SCAN, shape_of)
            row_soft = chain - t * np.logaddexp.accumulate(soft_terms + chain / t)
            hard[i, pad : pad + width] = row_hard
            soft[i, pad : pad + width] = row_soft
            back[i] = shape_of

        backward = _backward(costs, band)
    total = soft[n, pad + m - lo[n]]

    beads: list[Bead] = []
    touched_edge = False
    i, j = n, m
    while i > 0 or j > 0:
        k = j - lo[i]
        if band.half_width <= max(n, m) and (k <= 1 or k >= width - 2):
            touched_edge = True
        shape_id = int(back[i, k])
        a, b = (0, 1) if shape_id == SCAN else SHAPES[shape_id]
        cost = costs[(a, b)][i, pad + k]
        start = soft[i - a, pad + (j - b) - lo[i - a]]
        end = backward[i, pad + k]
        posterior = math.exp(min(0.0, -(start + cost + end - total) / t))
        beads.append(Bead(tuple(range(i - a, i)), tuple(range(j - b, j)), round(posterior, 4)))
        i, j = i - a, j - b
    beads.reverse()
    return beads, touched_edge


def _backward(costs, band: _Band) -> np.ndarray:
    """Soft cost of the best completions from each node to (n, m)."""
    n, m, width, pad, lo = band.n, band.m, band.width, band.pad, band.lo
    t = TEMPERATURE
    scan_cost = costs[(0, 1)][:, pad : pad + width]
    backward = np.full((n + 1, width + 2 * pad), np.inf)
    for i in range(n, -1, -1):
        terms = np.full(width, -np.inf)
        if i == n:
            terms[m - lo[n]] = 0.0
        for a, b in SHAPES:
            if i + a > n:
                continue
            # node (i, j) → (i+a, j+b): column k maps to k + lo[i] + b - lo[i+a] in row i+a.
            offset = pad + int(lo[i] - lo[i + a]) + b
            step = costs[(a, b)][i + a, offset : offset + width]
            terms = np.logaddexp(terms, -(backward[i + a, offset : offset + width] + step) / t)
        # 0-1 beads chain rightwards: B[k] = softmin(E[k], step[k+1] + B[k+1]).
        # In reversed order, position r is column width-1-r and the step into it is step[k+1].
        chain = np.cumsum(np.append(scan_cost[i][1:], 0.0)[::-1])
        reversed_terms = terms[::-1]
        row = chain - t * np.logaddexp.accumulate(reversed_terms + chain / t)
        backward[i, pad : pad + width] = row[::-1]
    return backward
