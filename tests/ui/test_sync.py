"""Synchronised scrolling keeps counterparts level, bead by bead, and can be turned off."""

from __future__ import annotations

import pytest

LEVEL_PIXELS = 3


def first_two_sided_beads(pair, count: int) -> list[int]:
    beads = pair.alignment.beads
    return [index for index, bead in enumerate(beads) if not bead.one_sided][:count]


def scroll_so_sentence_is_at_top(pane, sentence: int) -> None:
    pane.scroll_to_y(pane.sentence_top(sentence))
    assert abs(pane.sentence_top_in_viewport(sentence)) <= 1  # the pane could scroll that far


@pytest.mark.parametrize("leader_name", ["left_pane", "right_pane"])
def test_scrolling_one_pane_brings_counterpart_level(window, session, long_pair, leader_name):
    session.set_pair(long_pair)
    leader = getattr(window, leader_name)
    follower = window.right_pane if leader is window.left_pane else window.left_pane
    # Beads a few screens down, of several shapes (1-1, 2-1, 1-2, 3-1), but not so far that the
    # last screenful stops the follower from scrolling.
    checked = 0
    for bead in range(4, len(long_pair.alignment.beads) - 12):
        mine, theirs = leader.sentences_of_bead(bead), follower.sentences_of_bead(bead)
        if not mine or not theirs:
            continue
        scroll_so_sentence_is_at_top(leader, mine[0])
        counterpart_y = follower.sentence_top_in_viewport(theirs[0])
        assert abs(counterpart_y) <= LEVEL_PIXELS, (bead, counterpart_y)
        assert follower.top_y() > 0
        checked += 1
    assert checked >= 20


def test_scrolling_past_a_one_sided_bead_keeps_order(window, session, long_pair):
    """Between two aligned beads, the follower stays between their counterparts too."""
    session.set_pair(long_pair)
    left, right = window.left_pane, window.right_pane
    one_sided = next(
        index
        for index, bead in enumerate(long_pair.alignment.beads)
        if bead.source and not bead.target and index > 8
    )
    english = long_pair.alignment.beads[one_sided].source[0]
    scroll_so_sentence_is_at_top(left, english)
    before = long_pair.alignment.beads[one_sided - 1].target[-1]
    after = long_pair.alignment.beads[one_sided + 1].target[0]
    assert right.sentence_bottom(before) - LEVEL_PIXELS <= right.top_y()
    assert right.top_y() <= right.sentence_top(after) + LEVEL_PIXELS


def test_following_does_not_echo_back(window, session, long_pair):
    session.set_pair(long_pair)
    left = window.left_pane
    for y in (137, 611, 902, 1450):
        left.scroll_to_y(y)
        assert left.top_y() == y  # the follower's reaction did not move the leader


def test_sync_can_be_turned_off(window, session, long_pair):
    session.set_pair(long_pair)
    window.sync_action.setChecked(False)
    left, right = window.left_pane, window.right_pane
    left.scroll_to_y(800)
    assert right.top_y() == 0
    # Turning it back on levels the panes again.
    window.sync_action.setChecked(True)
    assert right.top_y() > 0
