"""The aligner's public face: Bead and Alignment (plain dataclasses) and ``align``.

``align(source, target, terms=...)`` takes two lists of sentence texts (English, Vietnamese) and
returns a monotone alignment in which every sentence is in exactly one bead, beads in order.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Bead:
    """Source (English) and target (Vietnamese) sentence indices aligned together."""

    source: tuple[int, ...]
    target: tuple[int, ...]
    confidence: float

    @property
    def shape(self) -> str:
        return f"{len(self.source)}-{len(self.target)}"

    @property
    def one_sided(self) -> bool:
        return not self.source or not self.target


@dataclass(slots=True)
class Alignment:
    """Beads in reading order, with look-ups from a sentence to its bead."""

    beads: list[Bead]
    source_count: int
    target_count: int
    _source_bead: list[int] = field(default_factory=list, repr=False)
    _target_bead: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._source_bead = [-1] * self.source_count
        self._target_bead = [-1] * self.target_count
        for index, bead in enumerate(self.beads):
            for i in bead.source:
                self._source_bead[i] = index
            for j in bead.target:
                self._target_bead[j] = index

    def bead_of_source(self, sentence: int) -> int:
        return self._source_bead[sentence]

    def bead_of_target(self, sentence: int) -> int:
        return self._target_bead[sentence]

    def bead_of(self, side: str, sentence: int) -> int:
        """``side`` is "source" or "target"."""
        return self.bead_of_source(sentence) if side == "source" else self.bead_of_target(sentence)

    def __len__(self) -> int:
        return len(self.beads)


def align(
    source: Sequence[str],
    target: Sequence[str],
    *,
    terms: Iterable[tuple[str, str]] = (),
    source_paragraphs: Sequence[int] | None = None,
    target_paragraphs: Sequence[int] | None = None,
    weights=None,
) -> Alignment:
    """Align English sentences (source) with Vietnamese sentences (target).

    ``terms`` are known (English, Vietnamese) term pairs, e.g. from the user's glossary; a pair
    found on both sides of a candidate bead is evidence for it. Paragraph numbers, when given, make
    a bead that merges sentences across a paragraph break unlikely. ``weights`` (a
    ``signals.Weights``) switches signals off for ablation studies.
    """
    from reader.align.dp import best_beads
    from reader.align.signals import Scorer, Weights

    scorer = Scorer(
        list(source),
        list(target),
        terms=list(terms),
        weights=weights or Weights(),
        source_paragraphs=source_paragraphs,
        target_paragraphs=target_paragraphs,
    )
    beads = best_beads(scorer)
    return Alignment(beads, len(source), len(target))


def align_documents(source, target, *, terms: Iterable[tuple[str, str]] = (), lines: bool = False):
    """Align two loaded Documents; paragraph breaks count unless every line is a sentence."""
    return align(
        source.sentence_texts,
        target.sentence_texts,
        terms=terms,
        source_paragraphs=None if lines else [s.paragraph for s in source.sentences],
        target_paragraphs=None if lines else [s.paragraph for s in target.sentences],
    )
