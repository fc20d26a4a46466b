"""Article pairs with a known alignment, for the window tests.

The pair is generated from a list of bead shapes, written to files, loaded by the real loader and
paired with exactly those beads, so the tests exercise the window rather than the aligner.
"""

from __future__ import annotations

from pathlib import Path

from reader.align.model import Alignment, Bead
from reader.text.loading import load_document
from reader.ui.pairing import Pair

ENGLISH_WORDS = "river market bridge summer harbour garden window letter station morning".split()
VIETNAMESE_WORDS = "sông chợ cầu mùa hè cảng vườn cửa sổ thư ga buổi sáng".split()

# A short pair: a title on its own, 1-1, a 2-1 bead, a Vietnamese-only line, a doubtful 1-1.
SHORT_SHAPES = [(1, 0), (1, 1), (2, 1), (0, 1), (1, 1)]
SHORT_CONFIDENCES = [0.9, 0.95, 0.9, 0.8, 0.3]
# Long enough to scroll a few screens, with every kind of bead scattered through it.
LONG_SHAPES = [(1, 1), (1, 0), (1, 1), (2, 1), (1, 1), (0, 1), (1, 2), (1, 1), (1, 1), (3, 1)] * 5


def _sentence(words: list[str], number: int, length: int, opener: str) -> str:
    body = " ".join(words[(number + k) % len(words)] for k in range(length))
    return f"{opener} {number} {body}."


def write_pair(
    folder: Path, shapes, confidences=None, name: str = "article"
) -> tuple[Path, Path, list]:
    """Write an English and a Vietnamese file whose sentences align as ``shapes`` says.

    Every bead is one paragraph on each side that has sentences in it; Vietnamese sentences are
    longer than English ones, so the two panes scroll at different speeds.
    """
    english_lines, vietnamese_lines, beads = [], [], []
    source_count = target_count = 0
    for number, (a, b) in enumerate(shapes):
        english = [
            _sentence(ENGLISH_WORDS, source_count + k, 6 + (number * 7 + k * 3) % 17, "Sentence")
            for k in range(a)
        ]
        vietnamese = [
            _sentence(VIETNAMESE_WORDS, target_count + k, 14 + (number * 5 + k * 11) % 29, "Câu")
            for k in range(b)
        ]
        if english:
            english_lines.append(" ".join(english))
        if vietnamese:
            vietnamese_lines.append(" ".join(vietnamese))
        confidence = confidences[number] if confidences else 0.9
        beads.append(
            Bead(
                tuple(range(source_count, source_count + a)),
                tuple(range(target_count, target_count + b)),
                confidence,
            )
        )
        source_count += a
        target_count += b
    english_path = folder / f"{name}.en.txt"
    vietnamese_path = folder / f"{name}.vi.txt"
    english_path.write_text("\n".join(english_lines) + "\n", encoding="utf-8")
    vietnamese_path.write_text("\n".join(vietnamese_lines) + "\n", encoding="utf-8")
    return english_path, vietnamese_path, beads


def make_pair(folder: Path, shapes, confidences=None, name: str = "article") -> Pair:
    english_path, vietnamese_path, beads = write_pair(folder, shapes, confidences, name)
    source = load_document(english_path, "en")
    target = load_document(vietnamese_path, "vi")
    alignment = Alignment(beads, sum(a for a, _ in shapes), sum(b for _, b in shapes))
    # The generated text must split exactly as planned, or the tests would test nothing.
    assert len(source.sentences) == alignment.source_count
    assert len(target.sentences) == alignment.target_count
    return Pair(source, target, alignment)
