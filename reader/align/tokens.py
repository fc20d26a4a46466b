"""Whole-side tokenisation for the aligner's features, done once per distinct word.

Running a regular expression over every word of a book-length side is most of what feature
extraction costs, yet a side has far fewer distinct words than words. A side is split at white
space (none of the token patterns used here matches across white space, so this changes no
match), each distinct word goes through the pattern once, and the tokens of every occurrence are
gathered with numpy. The result is exactly that of ``pattern.findall`` on each sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from itertools import chain

import numpy as np


class SideWords:
    """One side's sentences split at white space: each distinct word once, and where it occurs."""

    def __init__(self, texts: Sequence[str]):
        per_sentence = [text.split() for text in texts]
        counts = np.fromiter(map(len, per_sentence), dtype=np.int64, count=len(per_sentence))
        words = list(chain.from_iterable(per_sentence))
        self.distinct = list(dict.fromkeys(words))
        index = {word: k for k, word in enumerate(self.distinct)}
        self.word_ids = np.fromiter(map(index.__getitem__, words), dtype=np.int64, count=len(words))
        self.sentence = np.repeat(np.arange(len(texts)), counts)

    def tokens(
        self,
        pattern: re.Pattern[str],
        prepare: Callable[[str], str] | None = None,
        is_whole_token: Callable[[str], bool] | None = None,
    ) -> tuple[list[str], np.ndarray, np.ndarray]:
        """(distinct tokens, token id of every occurrence in text order, sentence of each).

        ``prepare`` maps a word before matching (``str.lower``); ``is_whole_token(word)``, when
        given, must be true only for a word the pattern matches whole in one match, which then
        skips the pattern (``str.isalpha`` for a word pattern).
        """
        vocabulary: dict[str, int] = {}
        data: list[int] = []
        lengths = np.zeros(len(self.distinct), dtype=np.int64)
        for k, word in enumerate(self.distinct):
            if prepare is not None:
                word = prepare(word)
            found = [word] if is_whole_token and is_whole_token(word) else pattern.findall(word)
            lengths[k] = len(found)
            data.extend(vocabulary.setdefault(token, len(vocabulary)) for token in found)
        # Gather each occurrence's run of token ids from the per-word table.
        per_occurrence = lengths[self.word_ids]
        total = int(per_occurrence.sum())
        first = np.cumsum(lengths) - lengths
        run_start = np.cumsum(per_occurrence) - per_occurrence
        position = np.repeat(first[self.word_ids] - run_start, per_occurrence) + np.arange(total)
        ids = np.asarray(data, dtype=np.int64)[position] if total else np.zeros(0, np.int64)
        return list(vocabulary), ids, np.repeat(self.sentence, per_occurrence)
