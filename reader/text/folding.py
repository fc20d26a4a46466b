"""Vietnamese-aware folding for matching and search: tone and vowel marks off, đ → d, case folded.

"Thượng tướng" folds to "thuong tuong" and "Đại sứ" to "dai su", which is how Vietnamese users
type when they leave the diacritics out. SQLite's own diacritic removal keeps đ, so we fold here.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import lru_cache

_SPECIAL = {"đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O"}


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in _SPECIAL:
        return _SPECIAL[ch]
    decomposed = unicodedata.normalize("NFD", ch)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    return base or ch


def strip_marks(text: str) -> str:
    """Remove diacritics (keeping case): "Nguyễn Chí Vịnh" → "Nguyen Chi Vinh"."""
    if text.isascii():
        return text
    return "".join(_fold_char(ch) for ch in unicodedata.normalize("NFC", text))


def fold(text: str) -> str:
    """Diacritics off, đ → d, case folded: the key for search and matching."""
    return strip_marks(text).casefold()


def fold_many(texts: Sequence[str]) -> list[str]:
    """``[fold(t) for t in texts]``, with one translation table for all their characters.

    A book-length side folds in a fraction of the time that folding each sentence takes.
    """
    if not texts or any("\0" in text for text in texts):
        return [fold(text) for text in texts]
    # NUL composes with nothing and folds to itself, so it keeps the texts apart.
    joined = unicodedata.normalize("NFC", "\0".join(texts))
    table = {ord(ch): _fold_char(ch) for ch in set(joined) if not ch.isascii()}
    return joined.translate(table).casefold().split("\0")


def fold_same_length(text: str) -> str:
    """Like :func:`fold` but one output character per input character, so offsets carry over.

    The input must be NFC; a character whose folding is not a single character is kept folded
    only by case.
    """
    out = []
    for ch in text:
        folded = _fold_char(ch).casefold() if not ch.isascii() else ch.lower()
        out.append(folded if len(folded) == 1 else ch.lower()[:1] or ch)
    return "".join(out)
