"""Scroll synchronisation by alignment: the other pane follows bead by bead, not by percentage.

When one pane (the leader) scrolls, the document y at its top edge is located inside a bead (or in
the gap between two beads), as a fraction of that bead's height on the leader's side. The follower
is scrolled to the same fraction of the same bead on its side, so the counterpart of the sentence at
the leader's top edge sits at the top edge of the follower. A bead that has no sentence on the
follower's side maps onto the gap between its neighbours there.

The mapping is not exactly invertible, so following must not echo back: a guard flag ignores the
scroll signals that our own scrolling causes.
"""

from __future__ import annotations

from contextlib import contextmanager

from PySide6.QtCore import QObject

from reader.ui.pane import SentencePane

# Where a revealed bead is placed, as a share of the viewport height from the top.
REVEAL_AT = 0.3


class ScrollSync(QObject):
    """Keeps two panes level by alignment while enabled; also reveals a bead in both panes."""

    def __init__(self, left: SentencePane, right: SentencePane, parent: QObject | None = None):
        super().__init__(parent)
        self.left, self.right = left, right
        self.enabled = True
        self._following = False
        self._last_leader = left
        for pane in (left, right):
            bar = pane.verticalScrollBar()
            bar.valueChanged.connect(lambda _value, leader=pane: self._on_scrolled(leader))
            # A relayout (resize, zoom) moves text under a fixed scroll value; level them again.
            bar.rangeChanged.connect(lambda *_: self.resync())

    def set_enabled(self, enabled: bool) -> None:
        self.enabled = enabled
        if enabled:
            self.resync()

    def resync(self) -> None:
        if self.enabled and not self._following:
            self.follow(self._last_leader)

    @contextmanager
    def _guard(self):
        self._following = True
        try:
            yield
        finally:
            self._following = False

    def _on_scrolled(self, leader: SentencePane) -> None:
        if self._following:
            return  # our own scrolling of the follower; following it back would oscillate
        self._last_leader = leader
        if self.enabled:
            self.follow(leader)

    def follower_of(self, leader: SentencePane) -> SentencePane:
        return self.right if leader is self.left else self.left

    def follow(self, leader: SentencePane) -> None:
        """Scroll the other pane so it shows, at its top, what the leader shows at its top."""
        follower = self.follower_of(leader)
        if leader.pair is None or leader.pair is not follower.pair or not leader.sentence_count:
            return
        if not follower.sentence_count:
            return
        target = self.map_y(leader, follower, leader.top_y())
        with self._guard():
            follower.scroll_to_y(target)

    # -- the mapping -------------------------------------------------------------------------------

    def map_y(self, leader: SentencePane, follower: SentencePane, y: float) -> float:
        """The follower's document y that corresponds to the leader's document y."""
        sentence = leader.last_sentence_above(y)
        if sentence < 0:  # above the first sentence: keep the same distance to it
            return follower.sentence_top(0) - (leader.sentence_top(0) - y)
        bead = leader.bead_of_sentence(sentence)
        own = leader.sentences_of_bead(bead)
        top, bottom = leader.sentence_top(own[0]), leader.sentence_bottom(own[-1])
        span_low, span_high = self._follower_span(follower, bead)
        if y <= bottom:
            fraction = (y - top) / (bottom - top) if bottom > top else 0.0
            return span_low + fraction * (span_high - span_low)
        # In the gap after this bead (paragraph spacing): move through the follower's gap.
        if own[-1] + 1 >= leader.sentence_count:
            return span_high + (y - bottom)
        next_bead = leader.bead_of_sentence(own[-1] + 1)
        next_top = leader.sentence_top(own[-1] + 1)
        next_low, _ = self._follower_span(follower, next_bead)
        fraction = (y - bottom) / (next_top - bottom) if next_top > bottom else 0.0
        return span_high + fraction * (next_low - span_high)

    def _follower_span(self, follower: SentencePane, bead: int) -> tuple[float, float]:
        """Top and bottom of a bead on the follower's side; for a bead with no sentence there,
        the gap between the follower's previous and next sentences."""
        mine = follower.sentences_of_bead(bead)
        if mine:
            return follower.sentence_top(mine[0]), follower.sentence_bottom(mine[-1])
        before = self._neighbour_sentence(follower, bead, -1)
        after = self._neighbour_sentence(follower, bead, +1)
        low = follower.sentence_bottom(before) if before >= 0 else 0.0
        high = follower.sentence_top(after) if after >= 0 else low
        return low, max(low, high)

    @staticmethod
    def _neighbour_sentence(follower: SentencePane, bead: int, direction: int) -> int:
        """The follower's nearest sentence in a bead before (-1) or after (+1) ``bead``."""
        beads = follower.pair.alignment.beads
        index = bead + direction
        while 0 <= index < len(beads):
            mine = follower.sentences_of_bead(index)
            if mine:
                return mine[-1] if direction < 0 else mine[0]
            index += direction
        return -1

    # -- revealing ---------------------------------------------------------------------------------

    def reveal_bead(self, bead: int) -> None:
        """Bring a bead into view in both panes; with sync on, at the same height in both."""
        panes = (self.left, self.right)
        if any(pane.pair is None for pane in panes):
            return
        with self._guard():
            if not self.enabled:
                for pane in panes:
                    top, bottom = self._bead_extent(pane, bead)
                    if not self._fully_visible(pane, top, bottom):
                        pane.scroll_to_y(top - REVEAL_AT * pane.viewport().height())
                return
            # Keep the height at which the bead already shows in the leading pane, if it does.
            leader = self._last_leader
            top, bottom = self._bead_extent(leader, bead)
            if self._fully_visible(leader, top, bottom):
                offset = top - leader.top_y()
            else:
                offset = REVEAL_AT * leader.viewport().height()
            for pane in panes:
                pane.scroll_to_y(self._bead_extent(pane, bead)[0] - offset)

    def _bead_extent(self, pane: SentencePane, bead: int) -> tuple[float, float]:
        mine = pane.sentences_of_bead(bead)
        if mine:
            return pane.sentence_top(mine[0]), pane.sentence_bottom(mine[-1])
        low, high = self._follower_span(pane, bead)
        return low, high

    @staticmethod
    def _fully_visible(pane: SentencePane, top: float, bottom: float) -> bool:
        view_top = pane.top_y()
        return top >= view_top and bottom <= view_top + pane.viewport().height()
