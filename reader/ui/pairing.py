"""The open pair as plain data, and the Qt-free steps that produce it.

A :class:`Pair` is what the reading window shows: the English document, the Vietnamese document and
their alignment. :func:`load_pair` is the one core call the window makes to open files (it runs in a
worker for large inputs); :func:`order_as_english_vietnamese` decides which of two dropped files is
the English one. Nothing here imports Qt, so it is cheap to test and could move into the core.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reader.align import Alignment, align
from reader.text.document import Document
from reader.text.loading import TextLoadError, load_document

# Above this many bytes on disk (both files together) a pair is loaded and aligned in a worker
# thread. A few hundred kilobytes of text take well under half a second; beyond that the window
# would visibly stall, so the work moves off the UI thread.
BACKGROUND_BYTES = 200_000

Aligner = Callable[..., Alignment]


@dataclass(frozen=True, slots=True)
class Pair:
    """An English article, its Vietnamese translation, and how their sentences align."""

    source: Document
    target: Document
    alignment: Alignment

    def document(self, side: str) -> Document:
        """``side`` is "source" (English) or "target" (Vietnamese)."""
        return self.source if side == "source" else self.target


def load_pair(
    english: Path,
    vietnamese: Path,
    *,
    terms: Sequence[tuple[str, str]] = (),
    aligner: Aligner = align,
) -> Pair:
    """Load, split and align two files; raises TextLoadError with a user-facing reason."""
    if Path(english).resolve() == Path(vietnamese).resolve():
        raise TextLoadError("the English and the Vietnamese file are the same file.", english)
    source = load_document(english, "en")
    target = load_document(vietnamese, "vi")
    alignment = aligner(source.sentence_texts, target.sentence_texts, terms=terms)
    return Pair(source, target, alignment)


def is_large(english: Path, vietnamese: Path) -> bool:
    """Whether loading this pair is slow enough to need a worker thread."""
    total = 0
    for path in (english, vietnamese):
        try:
            total += Path(path).stat().st_size
        except OSError:
            pass  # the loader reports missing files with a proper message
    return total > BACKGROUND_BYTES


_ENGLISH_NAME = re.compile(r"(?:^|[._\-\s])(en|eng|english)(?:[._\-\s]|$)", re.IGNORECASE)
_VIETNAMESE_NAME = re.compile(r"(?:^|[._\-\s])(vi|vn|vie|vietnamese)(?:[._\-\s]|$)", re.IGNORECASE)
# Letters that occur in Vietnamese and hardly ever in English prose.
_VIETNAMESE_LETTERS = set("ăâđêôơưáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")


def _name_says(path: Path) -> str | None:
    stem = Path(path).name
    english, vietnamese = _ENGLISH_NAME.search(stem), _VIETNAMESE_NAME.search(stem)
    if english and not vietnamese:
        return "en"
    if vietnamese and not english:
        return "vi"
    return None


def vietnamese_letter_share(path: Path, sample_bytes: int = 16_384) -> float:
    """Share of letters in the start of a file that are Vietnamese-only (0 when unreadable)."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(sample_bytes)
    except OSError:
        return 0.0
    # UTF-16 shows up as NULs between Latin letters; everything else is read as UTF-8.
    encoding = "utf-16" if data.count(0) > len(data) // 4 else "utf-8"
    text = data.decode(encoding, errors="ignore").lower()
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 0.0
    return sum(ch in _VIETNAMESE_LETTERS for ch in letters) / len(letters)


def order_as_english_vietnamese(first: Path, second: Path) -> tuple[Path, Path]:
    """Return (English, Vietnamese) for two files in any order.

    The file names decide when they say it (``article.en.txt``, ``bai-vi.txt``); otherwise the
    file with more Vietnamese-only letters is the Vietnamese one.
    """
    said_first, said_second = _name_says(first), _name_says(second)
    if said_first == "vi" or said_second == "en":
        return second, first
    if said_first == "en" or said_second == "vi":
        return first, second
    if vietnamese_letter_share(first) > vietnamese_letter_share(second):
        return second, first
    return first, second
