"""Banded monotone dynamic programming over bead shapes, with posterior confidences.

Nodes (i, j) mean "the first i source and j target sentences are aligned". Only nodes within a band
around a centre line are visited; the band is widened and the search redone when the best path
runs along its edge, so the result is the same as a full search whenever the band was wide enough.
All bead costs are computed up front as one array (shapes side by side), so the sequential part is
a few numpy operations per row, each over every shape at once (and, on book-length inputs, over
every window of rows at once).

Confidence of a bead is its posterior probability under the soft (log-sum-exp) version of the same
costs: forward score to its start + its cost + backward score from its end, against the total.
"""

from __future__ import annotations

import math

import numpy as np

from reader.align.model import Bead
from reader.align.signals import Scorer, sorted_unique

# Shapes with at least one source sentence; the 0-1 bead is handled by a scan along each row.
SHAPES = ((1, 1), (1, 0), (2, 1), (1, 2), (2, 2), (3, 1), (1, 3))
SCAN = len(SHAPES)  # back-pointer id of the 0-1 bead
ALL_SHAPES = (*SHAPES, (0, 1))  # the layout of the cost stack: the 0-1 bead at SCAN
# A 0-1 step into a node outside the texts costs nothing: such nodes are unreachable from (0, 0)
# (everything left of j = 0 is infinite) and lead nowhere but outside, and keeping the step finite
# keeps the running sums along a row small and exact.
OUTSIDE_STEP = 0.0
TEMPERATURE = 1.0
FULL_SEARCH_CELLS = 400_000
# The common merges, whose anchor match is counted exactly per anchor (a heading joined to the
# sentence that repeats its words on the other side is then recognised as one bead).
EXACT_MERGES = ((2, 1), (1, 2))
# Book-length inputs: overlapping windows of rows searched together as one batch (see _windowed).
WINDOWED_CELLS = 4_000_000
WINDOW_ROWS = 384  # rows per window
WINDOW_OVERLAP = 128  # rows shared by neighbouring windows; they are stitched in the middle of it
WINDOW_HALF_WIDTH = 24
# Widening stops here (memory grows with the width); beyond it the path may be cut by the edge,
# which only happens when one text has a long run without counterpart far from any anchor.
WINDOW_MAX_HALF_WIDTH = 96
_LARGEST = np.finfo(np.float64).max  # a finite stand-in for +inf in the soft minimum


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
    scorer: Scorer, band: _Band, dtype=np.float64, block_cells: int = 1 << 15
) -> dict[tuple[int, int], np.ndarray]:
    """For each shape, a padded (n+1, width+2*pad) array of the cost of the bead ending at each node.

    The arrays are views into one (n+1, shapes, width+2*pad) stack (``_stack_of`` returns it), so
    that the windowed search reads every shape of a row with one gather. Built in blocks of about
    ``block_cells`` nodes, whose float64 temporaries (a few hundred kB) stay in the CPU cache: about
    twice as fast as large blocks, and memory stays small on book-length inputs.
    """
    n, width, pad = band.n, band.width, band.pad
    block = max(1, block_cells // width)
    deepest = max(a for a, _ in ALL_SHAPES)
    match = scorer.match_band(band.lo, width)
    # A block's rows of ``match``, from deepest - 1 rows above it, with zero margins: a shifted
    # read off the band is "no shared anchors", with no mask. The margins are never written, so
    # it is reused.
    local = np.zeros((block + deepest - 1, width + 2 * pad))
    stack = np.empty((n + 1, len(ALL_SHAPES), width + 2 * pad), dtype=dtype)
    excess = {shape: scorer.merge_excess_band(*shape, band.lo, width) for shape in EXACT_MERGES}
    for start in range(0, n + 1, block):
        stop = min(n + 1, start + block)
        stack[start:stop] = np.inf  # margins, and rows above a for a-row shapes
        above = max(0, start - deepest + 1)
        local[: stop - above, pad : pad + width] = match[above:stop]
        _cost_block(scorer, band, local, above, start, stop, stack, excess)
    return {shape: stack[:, shape_id] for shape_id, shape in enumerate(ALL_SHAPES)}


def _stack_of(costs: dict[tuple[int, int], np.ndarray]) -> np.ndarray:
    """The (n+1, shapes, width+2*pad) stack whose views :func:`_shape_costs` returned."""
    return costs[ALL_SHAPES[0]].base


def _cost_block(scorer, band, match, above, start, stop, stack, excess) -> None:
    """Costs of every shape's beads ending at nodes of rows start..stop-1, into ``stack``.

    ``match`` holds the band's anchor matches from row ``above`` on, with zero margins of
    ``band.pad`` columns; ``excess`` the over-count of the shapes in ``EXACT_MERGES``.
    """
    width, lo, pad = band.width, band.lo, band.pad
    deepest = max(a for a, _ in ALL_SHAPES)
    widest = max(b for _, b in ALL_SHAPES)
    # pair[p, q][i, k]: the match of source sentence i-1-p with target sentence j-1-q at node
    # (i, j = lo[i] + k); in row i-p of the band that is column k + lo[i] - lo[i-p] - q. One gather
    # per p, a slice per q. Rows before a (where no bead ends) read row 0 and are not used.
    rows = np.arange(start, stop)
    flat = match.reshape(-1)
    reach = np.arange(width + widest - 1) - (widest - 1) + pad
    pair = {}
    for p in range(deepest):
        source = np.maximum(rows - p, 0)
        shift = (source - above) * match.shape[1] + lo[rows] - lo[source]
        slab = flat.take(shift[:, None] + reach)
        for q in range(widest):
            pair[p, q] = slab[:, widest - 1 - q : widest - 1 - q + width]
    for shape_id, (a, b) in enumerate(ALL_SHAPES):
        first = max(start, a)  # no bead of a source sentences ends above row a
        if first == stop:
            continue
        skip = first - start
        part = {key: value[skip:] for key, value in pair.items()}
        out = stack[first:stop, shape_id, pad : pad + width]
        over = excess[a, b][first:stop] if (a, b) in excess else None
        _cost_rows(scorer, band, part, a, b, first, stop, out, over)


def _cost_rows(scorer, band, pair, a, b, start, stop, out, excess=None) -> None:
    """Costs of the (a, b) beads ending at nodes of rows start..stop-1 (start ≥ a), into ``out``;
    ``pair`` as in :func:`_cost_block`, for these rows; ``excess``, when given, what the pairwise
    sum over-counts at these nodes (exact matching, see ``Scorer.merge_excess_band``)."""
    m = band.m
    rows = np.arange(start, stop)[:, None]
    cols = band.cols[start:stop]
    ok = band.valid[start:stop] & (cols >= b)
    safe_cols = np.clip(cols, b, m)
    # Summed in the order of the plain loops, so the costs do not depend on the layout.
    matched = np.zeros(cols.shape)
    for p in range(a):
        for q in range(b):
            matched = matched + pair[p, q] if p or q else pair[p, q].copy()
    if excess is not None:
        matched = matched - excess
    else:
        # (2-2, 3-1, 1-3) An anchor that two adjacent sentences of one side share was matched
        # once per sentence against the same counterpart: count it once, or merges look better
        # than they are. (Counting 2-2 beads exactly lets matches across the two pairs count,
        # which made 2-2 beads win over two 1-1 beads.)
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
    out[...] = OUTSIDE_STEP if a == 0 else np.inf
    np.copyto(out, cost, where=ok, casting="same_kind")


# Window tables are indexed [window row, window, padded column]. The forward ones hold window row r
# at r + LEAD, the backward one at r: the rows before (forward) or after (backward) a window stay
# infinite, so every shape is read on every row, and one reaching outside the window adds nothing.
LEAD = max(a for a, _ in SHAPES)
_SHAPE_A = np.array([a for a, _ in SHAPES])
_SHAPE_B = np.array([b for _, b in SHAPES])


def _runs(table: np.ndarray, width: int) -> np.ndarray:
    """Every run of ``width`` consecutive floats of a table, indexed by the flat offset of its
    first: a read of all shapes and windows of a row is then one gather of (shapes, windows)."""
    return np.lib.stride_tricks.sliding_window_view(table.reshape(-1), width)


def _forward_pass(stack, band: _Band, starts, rows_per: int, fast: bool):
    """Best (hard) and soft costs from the start of each window to every node of its rows, with
    the shape of the last bead of the best path (``back``; SCAN for 0-1, -1 for none).

    Windows of rows starts..starts+rows_per are searched together. Each starts anywhere on its
    first row, except one starting at row 0, which starts at (0, 0). ``fast`` takes the soft
    minimum's exponentials in float32.
    """
    width, pad, lo = band.width, band.pad, band.lo
    count, full, shapes, t = len(starts), width + 2 * pad, len(SHAPES), TEMPERATURE
    window = np.arange(count)
    first = starts == 0
    # 0-1 beads chain along a row: D[k] = C[k] + min_{k' ≤ k} (E[k'] - C[k']), C the running sum
    # of their costs.
    chains = stack[:, shapes, pad : pad + width].astype(np.float64)
    chains[:, 0] = 0.0
    chains = np.cumsum(chains, axis=1)
    hard = np.full((rows_per + 1 + LEAD, count, full), np.inf)
    soft = np.full((rows_per + 1 + LEAD, count, full), np.inf)
    back = np.full((rows_per + 1, count, width), -1, dtype=np.int8)
    hard_runs, soft_runs, cost_runs = (_runs(table, width) for table in (hard, soft, stack))
    # Offsets per window row, shape and window of node (i-a, j-b) for j = lo[i] + k in the tables,
    # and of the cost of that bead at (i, j). Rows above the texts are clamped: their table rows
    # are infinite.
    r_all = np.arange(rows_per + 1)[:, None, None]
    i = starts + r_all  # (rows, 1, windows)
    a, b = _SHAPE_A[:, None], _SHAPE_B[:, None]
    before = np.maximum(i - a, 0)
    read_node = ((r_all - a + LEAD) * count + window) * full + pad + lo[i] - lo[before] - b
    read_cost = (i * (shapes + 1) + np.arange(shapes)[:, None]) * full + pad
    del i, before

    with np.errstate(all="ignore"):
        for r in range(rows_per + 1):
            i = starts + r
            shape_of = back[r]
            if r == 0:
                best = np.full((count, width), np.inf)
                terms = np.full((count, width), -np.inf)
                start_ok = band.valid[i]
                start_ok[first] = False
                start_ok[first, -lo[0]] = True
                best[start_ok] = 0.0
                terms[start_ok] = 0.0
            else:
                step = cost_runs[read_cost[r]]  # (shapes, windows, width)
                candidate = hard_runs[read_node[r]] + step
                best = candidate.min(axis=0)
                # argmin keeps the first of equally cheap shapes, as a strict < in shape order;
                # an unreachable node keeps -1, so that no trace walks through it.
                shape_of[...] = candidate.reshape(shapes, -1).argmin(axis=0).reshape(count, width)
                np.copyto(shape_of, -1, where=best == np.inf)
                np.add(soft_runs[read_node[r]], step, out=candidate)
                terms = _soft_min(candidate, t, fast)
            chain = chains[i]
            shifted = best - chain
            running = np.minimum.accumulate(shifted, axis=1)
            # Compare in the shifted domain: the same floats, so no rounding can fake a 0-1 step.
            np.copyto(shape_of, SCAN, where=running < shifted)
            np.add(chain, running, out=hard[r + LEAD, :, pad : pad + width])
            terms += chain / t
            np.logaddexp.accumulate(terms, axis=1, out=terms)
            np.subtract(chain, t * terms, out=soft[r + LEAD, :, pad : pad + width])
    return hard, soft, back


def _backward_pass(stack, band: _Band, starts, rows_per: int, fast: bool) -> np.ndarray:
    """Soft costs from every node of each window's rows to its end: anywhere on its last row,
    except for a window ending at row n, which ends at (n, m). As :func:`_forward_pass`."""
    n, m, width, pad, lo = band.n, band.m, band.width, band.pad, band.lo
    count, full, shapes, t = len(starts), width + 2 * pad, len(SHAPES), TEMPERATURE
    window = np.arange(count)
    last = starts + rows_per == n
    # 0-1 beads chain rightwards: B[k] = softmin(E[k], step[k+1] + B[k+1]). In reversed order,
    # position r is column width-1-r and the step into it is step[k+1].
    chains = np.zeros((n + 1, width))
    chains[:, :-1] = stack[:, shapes, pad + 1 : pad + width]
    chains = np.cumsum(chains[:, ::-1], axis=1)
    backward = np.full((rows_per + 1 + LEAD, count, full), np.inf)
    backward_runs, cost_runs = _runs(backward, width), _runs(stack, width)
    # Offsets per window row, shape and window of node (i+a, j+b) for j = lo[i] + k in the table,
    # and of the cost of that bead there. Rows below the texts are clamped: their table rows are
    # infinite.
    r_all = np.arange(rows_per + 1)[:, None, None]
    i = starts + r_all
    a, b = _SHAPE_A[:, None], _SHAPE_B[:, None]
    after = np.minimum(i + a, n)
    read_node = ((r_all + a) * count + window) * full + pad + lo[i] - lo[after] + b
    read_cost = (after * (shapes + 1) + np.arange(shapes)[:, None]) * full
    read_cost = read_cost + pad + lo[i] - lo[after] + b
    del i, after

    with np.errstate(all="ignore"):
        for r in range(rows_per, -1, -1):
            i = starts + r
            if r == rows_per:
                terms = np.full((count, width), -np.inf)
                end_ok = band.valid[i]
                end_ok[last] = False
                end_ok[last, m - lo[n]] = True
                terms[end_ok] = 0.0
            else:
                following = backward_runs[read_node[r]] + cost_runs[read_cost[r]]
                terms = _soft_min(following, t, fast)
            chain = chains[i]
            terms = terms[:, ::-1] + chain / t
            np.logaddexp.accumulate(terms, axis=1, out=terms)
            backward[r, :, pad : pad + width] = (chain - t * terms)[:, ::-1]
    return backward


def _soft_min(values: np.ndarray, t: float, fast: bool) -> np.ndarray:
    """log Σ exp(-values / t) over axis 0 (the shapes).

    Shifted by the smallest value, so only differences ≤ 0 are exponentiated: with ``fast``, in
    float32, exact enough for those (1e-7 relative) and several times faster. Clamping the shift
    keeps a column of infinities at -inf rather than nan (the caller silences log(0)).
    """
    low = values.min(axis=0)
    np.minimum(low, _LARGEST, out=low)
    scaled = np.empty(values.shape, dtype=np.float32 if fast else np.float64)
    np.subtract(low, values, out=scaled, casting="same_kind")
    if t != 1.0:
        scaled /= t
    np.exp(scaled, out=scaled)
    total = scaled.sum(axis=0, dtype=np.float64)
    np.log(total, out=total)
    total -= low / t
    return total


def _search(scorer: Scorer, band: _Band) -> tuple[list[Bead], bool]:
    n, m, width, pad, lo = band.n, band.m, band.width, band.pad, band.lo
    costs = _shape_costs(scorer, band)
    stack, whole = _stack_of(costs), np.zeros(1, dtype=np.int64)  # one window: all rows
    _, soft, back = _forward_pass(stack, band, whole, n, fast=False)
    soft, back = soft[LEAD:, 0], back[:, 0]
    backward = _backward_pass(stack, band, whole, n, fast=False)[: n + 1, 0]
    t = TEMPERATURE
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
    whole = np.zeros(1, dtype=np.int64)
    return _backward_pass(_stack_of(costs), band, whole, band.n, fast=False)[: band.n + 1, 0]


# -- book-length inputs ------------------------------------------------------------------------------


def centre_line(scorer: Scorer) -> np.ndarray:
    """Where the path is expected to cross each row: a monotone line through confident anchors.

    An anchor token that occurs equally often on both sides pairs its occurrences in order; the
    longest chain of such points that is increasing on both sides (the rest are chance) is
    interpolated. Without anchors it is the diagonal.
    """
    n, m = scorer.n, scorer.m
    diagonal = np.rint(np.arange(n + 1) * (m / n)).astype(np.int64)
    # The scorer's entries are one per (token, sentence), sorted by token, then sentence: each
    # token's sentences in order.
    (row_a, key_a, _), (row_b, key_b, _) = scorer.entries_a, scorer.entries_b
    size = int(max(key_a.max(initial=-1), key_b.max(initial=-1))) + 1
    count_a, count_b = np.bincount(key_a, minlength=size), np.bincount(key_b, minlength=size)
    paired = count_a == count_b  # tokens on one side only have a count of 0 on the other
    # The k-th occurrence of a paired token on one side faces its k-th on the other.
    rows, cols = row_a[paired[key_a]], row_b[paired[key_b]]
    if len(rows) < 2:
        return diagonal
    code = sorted_unique(rows * (m + 1) + cols)  # sorted by row, then column
    rows, cols = code // (m + 1), code % (m + 1)
    chain = _longest_increasing(rows, cols)
    rows = np.concatenate([[0], rows[chain] + 0.5, [n]])
    cols = np.concatenate([[0], cols[chain] + 0.5, [m]])
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
    Paths that have not met within an overlap (an input with long stretches that say nothing,
    such as unrelated texts) get longer windows with longer overlaps; returns None when even the
    longest that fit find no join, and the caller falls back to the exact search.
    """
    n, m = scorer.n, scorer.m
    centre = centre_line(scorer)
    half_width = WINDOW_HALF_WIDTH
    while True:
        band = _Band(n, m, half_width, centre)
        costs = _shape_costs(scorer, band, dtype=np.float32)
        last_try = 2 * half_width > min(WINDOW_MAX_HALF_WIDTH, max(n, m))
        rows, overlap = WINDOW_ROWS, WINDOW_OVERLAP
        beads = _window_search(costs, band, not last_try, rows, overlap)
        while beads is None and n > 4 * rows:
            rows, overlap = 2 * rows, 2 * overlap
            beads = _window_search(costs, band, not last_try, rows, overlap)
        if beads is None or beads is not False:
            return beads
        half_width *= 2


def _window_search(
    costs, band: _Band, check_edge: bool = True, rows_per=WINDOW_ROWS, overlap=WINDOW_OVERLAP
):
    """The beads of :func:`_windowed` for one band and window length; None when two neighbouring
    windows' paths do not meet, False when a used bead ends on the band edge (and
    ``check_edge``)."""
    n, m, width, pad, lo = band.n, band.m, band.width, band.pad, band.lo
    stride = rows_per - overlap
    starts = np.array(sorted({*range(0, n - rows_per, stride), n - rows_per}), dtype=np.int64)
    count = len(starts)
    t = TEMPERATURE
    stack = _stack_of(costs)  # (n+1, shapes + 1, width+2*pad); the 0-1 bead last
    window = np.arange(count)
    first = starts == 0
    last = starts + rows_per == n
    hard, soft, back = _forward_pass(stack, band, starts, rows_per, fast=True)
    backward = _backward_pass(stack, band, starts, rows_per, fast=True)

    # Each window's soft total: everything from its free start (or from (0, 0)).
    totals = np.empty(count)
    for w in range(count):
        if first[w]:
            totals[w] = backward[0, w, pad - lo[0]]
        else:
            total = backward[0, w, pad : pad + width][band.valid[starts[w]]]
            totals[w] = -t * np.logaddexp.reduce(-total / t)

    # The best path of every window, traced back in step: from the cheapest node of its last row
    # (the end of the texts for the last window) to its first row (to (0, 0) for the first).
    shape_a = np.array([*_SHAPE_A, 0, 0])  # by shape id; the 0-1 bead, then -1 (no bead)
    shape_b = np.array([*_SHAPE_B, 1, 0])
    end_row = hard[rows_per + LEAD, :, pad : pad + width]
    r = np.full(count, rows_per)
    j = lo[starts + rows_per] + np.where(last, m - lo[n], np.argmin(end_row, axis=1))
    trail_r, trail_j, trail_id, trail_on = [], [], [], []
    active = np.ones(count, dtype=bool)
    while True:
        active &= (r > 0) | (first & (j > 0))
        shape_id = back[r, window, j - lo[starts + r]].astype(np.int64)
        a, b = shape_a[shape_id], shape_b[shape_id]
        # Stop at the free start: no bead there, or a 0-1 bead along a window's first row.
        active &= (shape_id >= 0) & ((r > 0) | (a > 0) | first)
        if not active.any():
            break
        trail_r.append(r)
        trail_j.append(j)
        trail_id.append(shape_id)
        trail_on.append(active.copy())
        r, j = r - a * active, j - b * active
    # (windows, steps), earliest bead first; a bead is its end node and shape.
    trail_on = np.array(trail_on[::-1]).T
    trail_r, trail_j, trail_id = (np.array(x[::-1]).T for x in (trail_r, trail_j, trail_id))

    # Join window w to w+1 at a node both paths visit, as near the middle of the overlap as can be.
    # Nodes are coded i*(m+1) + j, which orders them like (i, j).
    paths = []  # per window: its nodes (first node, then each bead's end), window rows, shapes
    for w in range(count):
        on = trail_on[w]
        ends_r, ends_j = trail_r[w, on], trail_j[w, on]
        nodes = np.concatenate(
            [[(starts[w] + r[w]) * (m + 1) + j[w]], (starts[w] + ends_r) * (m + 1) + ends_j]
        )
        paths.append((nodes, ends_r, trail_id[w, on]))
    chosen = []
    node_from = 0
    for w in range(count):
        nodes = paths[w][0]
        if w + 1 < count:
            middle = (int(starts[w + 1]) + int(starts[w]) + rows_per) // 2
            shared = np.intersect1d(nodes, paths[w + 1][0], assume_unique=True)
            shared = shared[shared > node_from]
            if not len(shared):
                return None
            node_to = shared[np.lexsort((shared, np.abs(shared // (m + 1) - middle)))[0]]
        else:
            node_to = n * (m + 1) + m
        position, stop = np.searchsorted(nodes, [node_from, node_to])
        if position >= len(nodes) or nodes[position] != node_from:
            return None
        if stop >= len(nodes) or nodes[stop] != node_to:
            return None
        chosen.append((w, position, stop))
        node_from = node_to
    window_of = np.concatenate([np.full(stop - position, w) for w, position, stop in chosen])
    ends = np.concatenate([paths[w][0][position + 1 : stop + 1] for w, position, stop in chosen])
    r = np.concatenate([paths[w][1][position:stop] for w, position, stop in chosen])
    shape_id = np.concatenate([paths[w][2][position:stop] for w, position, stop in chosen])
    i, j = ends // (m + 1), ends % (m + 1)
    k = j - lo[i]
    # A used bead ending on the band edge may be cut short by it: widen and search again.
    if check_edge and np.any(((k <= 1) | (k >= width - 2)) & (ends != n * (m + 1) + m)):
        return False
    a, b = shape_a[shape_id], shape_b[shape_id]
    cost = stack[i, shape_id, pad + k].astype(np.float64)
    start = soft[r - a + LEAD, window_of, pad + (j - b) - lo[i - a]]
    end = backward[r, window_of, pad + k]
    posterior = np.exp(np.minimum(0.0, -(start + cost + end - totals[window_of]) / t))
    return [
        Bead(tuple(range(i - a, i)), tuple(range(j - b, j)), round(p, 4))
        for i, j, a, b, p in zip(
            i.tolist(), j.tolist(), a.tolist(), b.tolist(), posterior.tolist(), strict=True
        )
    ]
