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
# Book-length inputs: overlapping windows of rows searched together as one batch (see _windowed).
WINDOWED_CELLS = 4_000_000
WINDOW_ROWS = 384  # rows per window
WINDOW_OVERLAP = 128  # rows shared by neighbouring windows; they are stitched in the middle of it
WINDOW_HALF_WIDTH = 24
# Widening stops here (memory grows with the width); beyond it the path may be cut by the edge,
# which only happens when one text has a long run without counterpart far from any anchor.
WINDOW_MAX_HALF_WIDTH = 96


class _Band:
    def __init__(self, n: int, m: int, half_width: int, centre: np.ndarray | None = None):
        self.n, self.m = n, m
        self.half_width = half_width
        if centre is None:
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
    if (n + 1) * (m + 1) > WINDOWED_CELLS and n > 2 * WINDOW_ROWS:
        beads = _windowed(scorer)
        if beads is not None:
            return beads
    half_width = _initial_half_width(n, m)
    while True:
        band = _Band(n, m, half_width)
        beads, touched_edge = _search(scorer, band)
        if not touched_edge or half_width > max(n, m):
            return beads
        half_width *= 2


def _shape_costs(
    scorer: Scorer, band: _Band, dtype=np.float64, block: int = 4096
) -> dict[tuple[int, int], np.ndarray]:
    """For each shape, a padded (n+1, width+2*pad) array of the cost of the bead ending at each node.

    Built in blocks of rows so that temporaries stay small on book-length inputs.
    """
    n, width, pad = band.n, band.width, band.pad
    match = scorer.match_band(band.lo, width)
    costs = {}
    for a, b in (*SHAPES, (0, 1)):
        out = np.full((n + 1, width + 2 * pad), np.inf, dtype=dtype)
        for start in range(a, n + 1, block):
            stop = min(n + 1, start + block)
            out[start:stop, pad : pad + width] = _cost_rows(scorer, band, match, a, b, start, stop)
        costs[(a, b)] = out
    return costs


def _cost_rows(scorer, band, match, a, b, start, stop) -> np.ndarray:
    """Costs of the (a, b) beads ending at nodes of rows start..stop-1 (start ≥ a)."""
    m, width, lo = band.m, band.width, band.lo
    rows = np.arange(start, stop)[:, None]
    cols = band.cols[start:stop]
    ok = band.valid[start:stop] & (cols >= b)
    safe_cols = np.clip(cols, b, m)
    pair = {}
    for p in range(a):
        for q in range(b):
            source_rows = rows - p
            k = safe_cols - q - lo[source_rows]
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
    return np.where(ok, cost, OUTSIDE_STEP if a == 0 else np.inf)


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


# -- book-length inputs ------------------------------------------------------------------------------


def centre_line(scorer: Scorer) -> np.ndarray:
    """Where the path is expected to cross each row: a monotone line through confident anchors.

    An anchor token that occurs equally often on both sides pairs its occurrences in order; the
    longest chain of such points that is increasing on both sides (the rest are chance) is
    interpolated. Without anchors it is the diagonal.
    """
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
    points = np.unique(np.array(points, dtype=np.int64), axis=0)  # sorted by row, then column
    chain = _longest_increasing(points[:, 0], points[:, 1])
    rows = np.concatenate([[0], points[chain, 0] + 0.5, [n]])
    cols = np.concatenate([[0], points[chain, 1] + 0.5, [m]])
    return np.rint(np.interp(np.arange(n + 1), rows, cols)).astype(np.int64)


def _longest_increasing(rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Indices of a longest chain with strictly increasing rows and columns (patience sorting)."""
    import bisect

    tails: list[int] = []  # tails[k]: smallest column ending a chain of length k+1
    tail_index: list[int] = []
    parent = np.full(len(rows), -1, dtype=np.int64)
    k = 0
    while k < len(rows):
        # Points of one row may not chain with each other: place them against the previous rows.
        end = k
        while end < len(rows) and rows[end] == rows[k]:
            end += 1
        placed = []
        for index in range(k, end):
            position = bisect.bisect_left(tails, cols[index])
            placed.append((position, index))
            parent[index] = tail_index[position - 1] if position else -1
        for position, index in placed:
            if position == len(tails):
                tails.append(int(cols[index]))
                tail_index.append(index)
            elif cols[index] < tails[position]:
                tails[position] = int(cols[index])
                tail_index[position] = index
        k = end
    out = []
    index = tail_index[-1] if tail_index else -1
    while index >= 0:
        out.append(index)
        index = parent[index]
    return np.array(out[::-1], dtype=np.int64)


def _windowed(scorer: Scorer) -> list[Bead] | None:
    """Near-linear search for long inputs: a narrow band around the anchor line, cut into
    overlapping windows of rows that are searched together as one numpy batch.

    Each window starts and ends anywhere on its first and last rows; the best paths of two
    neighbouring windows meet in their overlap (alignment paths converge quickly), and they are
    joined at a node they share near its middle. A path along the band edge widens the band.
    Returns None when no join is found, and the caller falls back to the exact search.
    """
    n, m = scorer.n, scorer.m
    centre = centre_line(scorer)
    half_width = WINDOW_HALF_WIDTH
    while True:
        band = _Band(n, m, half_width, centre)
        costs = _shape_costs(scorer, band, dtype=np.float32)
        last_try = 2 * half_width > min(WINDOW_MAX_HALF_WIDTH, max(n, m))
        beads = _window_search(costs, band, check_edge=not last_try)
        if beads is None or beads is not False:
            return beads
        half_width *= 2


def _window_search(costs, band: _Band, check_edge: bool = True):
    n, m, width, pad, lo = band.n, band.m, band.width, band.pad, band.lo
    rows_per = WINDOW_ROWS
    stride = WINDOW_ROWS - WINDOW_OVERLAP
    starts = np.array(sorted({*range(0, n - rows_per, stride), n - rows_per}), dtype=np.int64)
    count = len(starts)
    t = TEMPERATURE
    full = width + 2 * pad
    span = np.arange(width)
    hard = np.full((count, rows_per + 1, full), np.inf)
    soft = np.full((count, rows_per + 1, full), np.inf)
    back = np.full((count, rows_per + 1, width), -1, dtype=np.int8)
    scan = costs[(0, 1)]
    first = starts == 0
    with np.errstate(all="ignore"):
        for r in range(rows_per + 1):
            i = starts + r
            best = np.full((count, width), np.inf)
            terms = np.full((count, width), -np.inf)
            shape_of = np.full((count, width), -1, dtype=np.int8)
            if r == 0:  # free start, except at the very beginning of the texts
                start_ok = band.valid[i]
                start_ok[first] = False
                start_ok[first, -lo[0]] = True
                best[start_ok] = 0.0
                terms[start_ok] = 0.0
            for shape_id, (a, b) in enumerate(SHAPES):
                if r < a:
                    continue
                index = (pad + lo[i] - lo[i - a] - b)[:, None] + span
                step = costs[(a, b)][i, pad : pad + width].astype(np.float64)
                candidate = np.take_along_axis(hard[:, r - a], index, 1) + step
                better = candidate < best
                best = np.where(better, candidate, best)
                shape_of = np.where(better, shape_id, shape_of)
                previous = np.take_along_axis(soft[:, r - a], index, 1)
                terms = np.logaddexp(terms, -(previous + step) / t)
            steps = scan[i, pad : pad + width].astype(np.float64)
            steps[:, 0] = 0.0
            chain = np.cumsum(steps, axis=1)
            shifted = best - chain
            running = np.minimum.accumulate(shifted, axis=1)
            shape_of = np.where(running < shifted, SCAN, shape_of)
            hard[:, r, pad : pad + width] = chain + running
            soft[:, r, pad : pad + width] = chain - t * np.logaddexp.accumulate(
                terms + chain / t, axis=1
            )
            back[:, r] = shape_of

        # Backward soft scores, with a free end except at the very end of the texts.
        backward = np.full((count, rows_per + 1, full), np.inf)
        last = starts + rows_per == n
        for r in range(rows_per, -1, -1):
            i = starts + r
            terms = np.full((count, width), -np.inf)
            if r == rows_per:
                end_ok = band.valid[i]
                end_ok[last] = False
                end_ok[last, m - lo[n]] = True
                terms[end_ok] = 0.0
            for a, b in SHAPES:
                if r + a > rows_per:
                    continue
                index = (pad + lo[i] - lo[i + a] + b)[:, None] + span
                step = np.take_along_axis(costs[(a, b)][i + a], index, 1).astype(np.float64)
                following = np.take_along_axis(backward[:, r + a], index, 1)
                terms = np.logaddexp(terms, -(following + step) / t)
            steps = scan[i, pad : pad + width].astype(np.float64)
            chain = np.cumsum(np.concatenate([steps[:, 1:], np.zeros((count, 1))], 1)[:, ::-1], 1)
            row = chain - t * np.logaddexp.accumulate(terms[:, ::-1] + chain / t, axis=1)
            backward[:, r, pad : pad + width] = row[:, ::-1]

    paths = []
    for w in range(count):
        s0 = int(starts[w])
        end_row = hard[w, rows_per, pad : pad + width]
        k = m - lo[n] if last[w] else int(np.argmin(end_row))
        total = backward[w, 0, pad : pad + width][band.valid[s0]]
        total = -t * np.logaddexp.reduce(-total / t)
        if first[w]:
            total = backward[w, 0, pad - lo[0]]
        r, j = rows_per, int(lo[s0 + rows_per] + k)
        nodes, beads = [(s0 + r, j)], []
        while r > 0 or (first[w] and j > 0):
            i = s0 + r
            k = j - lo[i]
            shape_id = int(back[w, r, k])
            if shape_id < 0:
                break  # reached the free start
            a, b = (0, 1) if shape_id == SCAN else SHAPES[shape_id]
            if r == 0 and a == 0 and not first[w]:
                break
            cost = float(costs[(a, b)][i, pad + k])
            start = soft[w, r - a, pad + (j - b) - lo[i - a]]
            end = backward[w, r, pad + k]
            posterior = math.exp(min(0.0, -(start + cost + end - total) / t))
            bead = Bead(tuple(range(i - a, i)), tuple(range(j - b, j)), round(posterior, 4))
            beads.append(bead)
            r, j = r - a, j - b
            nodes.append((s0 + r, j))
        beads.reverse()
        nodes.reverse()
        paths.append((nodes, beads))

    # Join window w to w+1 at a node both paths visit, as near the middle of the overlap as can be.
    out: list[Bead] = []
    node_from = (0, 0)
    for w in range(count):
        nodes, beads = paths[w]
        if w + 1 < count:
            middle = (int(starts[w + 1]) + int(starts[w]) + rows_per) // 2
            shared = set(nodes) & set(paths[w + 1][0])
            shared = [node for node in shared if node > node_from]
            if not shared:
                return None
            node_to = min(shared, key=lambda node: (abs(node[0] - middle), node))
        else:
            node_to = (n, m)
        position = nodes.index(node_from) if node_from in nodes else None
        if position is None or node_to not in nodes:
            return None
        stop = nodes.index(node_to)
        out.extend(beads[position:stop])
        node_from = node_to
    # A used bead ending on the band edge may be cut short by it: widen and search again.
    i = j = 0
    for bead in out if check_edge else ():
        i, j = i + len(bead.source), j + len(bead.target)
        if (i, j) != (n, m) and not 1 < j - lo[i] < width - 2:
            return False
    return out
