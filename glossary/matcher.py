"""Find glossary terms in a text: built once per glossary, then asked per document and language.

How matching works (and why):

* The text is cut into tokens: words (letters, digits and combining marks, so NFD text is cut
  the same way as NFC) and single punctuation marks; whitespace only separates. A term form is cut
  the same way, so "Sen. Lt. Gen." is the six tokens ``sen . lt . gen .`` and matches as one
  term, and a term can never match inside a longer word ("General" does not match "Generals"):
  word boundaries come for free.
* Forms are kept in a token trie (one per language). The text is walked once, left to right; at
  each token the trie is followed as far as it goes and the longest complete form wins. Matches do
  not overlap. This is linear in the text and independent of the glossary size, which keeps a
  5,000-sentence pair with 10,000 terms well under the 300 ms budget (see benchmarks/).
* Case rule: matching is case-insensitive (Unicode case folding), except for acronym words. A
  word of the form written in capitals with at least two letters ("US", "UN", "VPA") must appear in
  capitals in the text, so the variant "US" matches "US" but never the pronoun "us"; "Us" and "us"
  are not "US". An English one-word form written with a capital ("General", "Ambassador") must
  start with a capital in the text too, so the phrase "in general" is not marked as the rank;
  longer forms ignore case ("deputy minister of defence" matches "Deputy Minister of Defence").
* NFC-safe: tokens are compared in NFC and "’" counts as "'"; offsets always refer to the text
  that was passed in, even when it is not NFC.
* When several entries share a form (e.g. "Trung úy" = "Lieutenant" and = "First Lieutenant"),
  one :class:`Match` carries all their ids in ``term_ids`` (lowest id first in ``term_id``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from glossary.model import Term

__all__ = ["Match", "TermMatcher", "tokenize"]

_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_TOKEN = re.compile(rf"[\w{_MARKS}]+|[^\w\s{_MARKS}]")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})
_CAPITALISED = None  # a check meaning "this token starts with a capital letter"
_END = ""  # trie key for "a form ends here" (never a token: tokens are non-empty)


@dataclass(frozen=True, slots=True)
class Match:
    """One occurrence: ``text[start:end] == matched_text``; ``term_ids`` all share this form."""

    start: int
    end: int
    term_id: int
    matched_text: str
    term_ids: tuple[int, ...] = ()


def _norm_token(token: str) -> str:
    if not token.isascii():
        token = unicodedata.normalize("NFC", token.translate(_APOSTROPHES))
    return token.casefold()


def _is_acronym(token: str) -> bool:
    letters = [c for c in token if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def tokenize(text: str) -> list[str]:
    """The raw tokens of a text (words and single punctuation marks)."""
    return _TOKEN.findall(text)


class TermMatcher:
    """All forms (terms and variants) of a set of terms, ready to be found in text."""

    def __init__(self, terms: Iterable[Term]):
        self._tries: dict[str, dict] = {"en": {}, "vi": {}}
        self.size = 0
        for term in terms:
            if term.id is None:
                continue
            for lang, forms in (("en", term.all_english()), ("vi", term.all_vietnamese())):
                for form in forms:
                    self._add(lang, form, term.id)

    def _add(self, lang: str, form: str, term_id: int) -> None:
        raw = tokenize(unicodedata.normalize("NFC", form))
        if not raw:
            return
        node = self._tries[lang]
        for tok in raw:
            node = node.setdefault(_norm_token(tok), {})
        # The exact spellings that must be checked: (token index, required text).
        checks = tuple((i, tok) for i, tok in enumerate(raw) if _is_acronym(tok))
        if lang == "en" and len(raw) == 1 and raw[0][:1].isupper() and not checks:
            checks = ((0, _CAPITALISED),)
        entries = node.setdefault(_END, {})
        entries.setdefault(checks, set()).add(term_id)
        self.size += 1

    def find(self, text: str, lang: str) -> list[Match]:
        """Non-overlapping occurrences in ``text`` ("en" or "vi"), left to right, longest first."""
        root = self._tries.get(lang)
        if root is None:
            raise ValueError(f'lang must be "en" or "vi", not {lang!r}')
        if not root or not text:
            return []
        spans = [m.span() for m in _TOKEN.finditer(text)]
        raws = [text[a:b] for a, b in spans]
        # One casefold for the whole text when it keeps the length (almost always), else per token.
        folded = text.casefold()
        if len(folded) == len(text) and (text.isascii() or unicodedata.is_normalized("NFC", text)):
            folded = folded.translate(_APOSTROPHES)  # one character for one: offsets hold
            toks = [folded[a:b] for a, b in spans]
        else:
            toks = [_norm_token(r) for r in raws]

        out: list[Match] = []
        n = len(toks)
        i = 0
        get_root = root.get
        while i < n:
            node = get_root(toks[i])
            if node is None:
                i += 1
                continue
            best: tuple[int, tuple[int, ...]] | None = None
            j = i
            while True:
                ends = node.get(_END)
                if ends is not None:
                    ids = self._accept(ends, raws, i)
                    if ids:
                        best = (j, ids)
                j += 1
                if j >= n:
                    break
                node = node.get(toks[j])
                if node is None:
                    break
            if best is None:
                i += 1
                continue
            last, ids = best
            start, end = spans[i][0], spans[last][1]
            out.append(Match(start, end, ids[0], text[start:end], ids))
            i = last + 1
        return out

    @staticmethod
    def _accept(ends: dict, raws: list[str], i: int) -> tuple[int, ...]:
        ids: set[int] = set()
        for checks, term_ids in ends.items():
            if all(
                raws[i + k][:1].isupper() if required is _CAPITALISED else raws[i + k] == required
                for k, required in checks
            ):
                ids |= term_ids
        return tuple(sorted(ids))

    def find_term(self, text: str, lang: str, term_id: int) -> list[Match]:
        """Occurrences of one entry (e.g. the translation to mark in the counterpart sentence)."""
        return [m for m in self.find(text, lang) if term_id in m.term_ids]
