"""Spell checking for the term editor: English with pyspellchecker, Vietnamese by vocabulary.

English: pyspellchecker's dictionary is American, so British spellings ("Defence", "organised",
"honour", "programme"...) are added, generated from the dictionary by the usual rules plus a
short list of irregular ones, together with the rank and title vocabulary (abbreviations like
"Lt", "Cmdr", words like "Thượng" from glossary terms). Acronyms in capitals ("VPA", "US") and
words with digits are never flagged.

Vietnamese has no dictionary here, so :class:`VietnameseChecker` learns the syllables of the
open articles and the glossary and flags a syllable it has not seen that is one or two edits from
one it has ("tuớng" → "tướng"). A syllable far from everything is left alone: it is more likely
a new word than a typo.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from spellchecker import SpellChecker

__all__ = ["EnglishChecker", "VietnameseChecker", "Flag", "edit_distance"]

Flag = tuple[int, int, str, list[str]]  # (start, end, word, suggestions)

_EN_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ]+(?:['’][A-Za-z]+)*")
_VI_WORD = re.compile(r"[^\W\d_]+")

# Ranks, titles and abbreviations that pyspellchecker does not know.
RANK_TITLE_WORDS = """
lt lieut gen sen col maj capt cmdr comdr adm brig sgt cpl pvt pfc jg
ensign admiral admirals lieutenant lieutenants colonel colonels general generals
commissar commissars attache attaché attachés chargé chargés plenipotentiary
politburo peacekeeping peacekeepers vpa pavn cpv mnd cmc unsc asean dod
vietnam vietnamese hanoi viet nam
""".split()

# British spellings that the -ise/-our/-re rules below do not produce.
BRITISH_WORDS = """
defence defences offence offences pretence licence licences programme programmes
catalogue catalogues dialogue dialogues analogue analogues travelled travelling traveller
travellers cancelled cancelling modelled modelling labelled labelling fuelled fuelling
counsellor counsellors councillor councillors jewellery fulfil fulfils fulfilment enrol enrols
enrolment skilful instalment grey greys aluminium manoeuvre manoeuvres manoeuvred judgement
judgements ageing sceptical sceptic towards whilst amongst learnt spelt dreamt practise
practised practising storey storeys tyre tyres kerb cosy paediatric orthopaedic
anaesthetic haemorrhage oestrogen signalled signalling levelled levelling marvellous
""".split()
_OUR = (
    "honor color favor labor behavior neighbor harbor armor rumor endeavor vigor valor flavor "
    "humor odor parlor rigor splendor tumor vapor savior clamor candor ardor"
).split()
_RE = "center theater meter liter fiber caliber saber somber specter luster".split()
_IZE_EXCLUDE = {"size", "seize", "prize", "maize", "baize", "capsize", "resize", "downsize"}


def _british_forms(words: Iterable[str]) -> set[str]:
    out: set[str] = set()
    for w in words:
        for us, gb in (
            ("ization", "isation"),
            ("izations", "isations"),
            ("izing", "ising"),
            ("ized", "ised"),
            ("izes", "ises"),
            ("izer", "iser"),
            ("izers", "isers"),
            ("ize", "ise"),
            ("yze", "yse"),
            ("yzed", "ysed"),
            ("yzing", "ysing"),
        ):
            if w.endswith(us) and len(w) - len(us) >= 3:
                base = w[: -len(us)] + "ize"
                if base not in _IZE_EXCLUDE and not base.endswith(tuple(_IZE_EXCLUDE)):
                    out.add(w[: -len(us)] + gb)
                break
    for stem in _OUR:
        gb = stem[:-2] + "our"
        for suffix in ("", "s", "ed", "ing", "able", "ite", "ites", "ful", "er", "ers", "ary"):
            if stem + suffix in words or suffix == "":
                out.add(gb + suffix)
    for stem in _RE:
        gb = stem[:-2] + "re"
        out.update({gb, gb + "s", gb + "d"})
    return out


@lru_cache(maxsize=1)
def _extra_words() -> frozenset[str]:
    """British forms and rank/title words, computed once per process."""
    words = set(SpellChecker(language="en", case_sensitive=False).word_frequency.keys())
    return frozenset(_british_forms(words) | set(BRITISH_WORDS) | set(RANK_TITLE_WORDS))


class EnglishChecker:
    """English spelling with the British forms and the rank/title vocabulary accepted.

    ``extra_words``: more words to accept (e.g. every word of the glossary's English terms).
    """

    def __init__(self, extra_words: Iterable[str] = ()):
        self._spell = SpellChecker(language="en", case_sensitive=False)
        known = set(_extra_words())
        for phrase in extra_words:
            known.update(w.casefold() for w in _EN_WORD.findall(phrase))
        self._spell.word_frequency.load_words(known)

    def add_words(self, words: Iterable[str]) -> None:
        self._spell.word_frequency.load_words(
            [w.casefold() for phrase in words for w in _EN_WORD.findall(phrase)]
        )

    def is_known(self, word: str) -> bool:
        return word.casefold().replace("’", "'") in self._spell

    def suggestions(self, word: str, limit: int = 5) -> list[str]:
        """Likely corrections, most likely first (lower case)."""
        w = word.casefold()
        candidates = self._spell.candidates(w) or set()
        best = self._spell.correction(w)
        ordered = sorted(
            (c for c in candidates if c != w), key=lambda c: -self._spell.word_usage_frequency(c)
        )
        if best and best != w and best in ordered:
            ordered.remove(best)
            ordered.insert(0, best)
        return ordered[:limit]

    def unknown_words(self, text: str) -> list[Flag]:
        """Words of ``text`` that look misspelled, with suggestions; offsets into ``text``."""
        flags: list[Flag] = []
        for m in _EN_WORD.finditer(text):
            word = m.group()
            if len(word) < 2 or (word.isupper() and len(word) >= 2):
                continue  # single letters and acronyms
            if self.is_known(word) or self.is_known(word.split("'")[0].split("’")[0]):
                continue
            flags.append((m.start(), m.end(), word, self.suggestions(word)))
        return flags


def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Levenshtein distance, or ``limit + 1`` as soon as it must exceed ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        row_min = i
        for j, cb in enumerate(b, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            current.append(cost)
            row_min = min(row_min, cost)
        if row_min > limit:
            return limit + 1
        previous = current
    return previous[-1]


def _fold_vi(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


class VietnameseChecker:
    """Vietnamese syllables checked against a vocabulary learnt from texts.

    ``vocabulary_texts``: the open articles and the glossary's Vietnamese terms (any iterable of
    strings). Comparison is NFC and case-insensitive.
    """

    def __init__(self, vocabulary_texts: Iterable[str] = ()):
        self._counts: Counter[str] = Counter()
        self._by_length: dict[int, set[str]] = {}
        self.add_texts(vocabulary_texts)

    def add_texts(self, texts: Iterable[str]) -> None:
        for text in texts:
            for w in _VI_WORD.findall(unicodedata.normalize("NFC", text)):
                key = w.casefold()
                if key not in self._counts:
                    self._by_length.setdefault(len(key), set()).add(key)
                self._counts[key] += 1

    def __contains__(self, word: str) -> bool:
        return unicodedata.normalize("NFC", word).casefold() in self._counts

    def suggestions(self, word: str, limit: int = 5) -> list[str]:
        """Vocabulary syllables 1–2 edits away: nearest first, then same letters without marks,
        then the most frequent; the case of ``word``'s first letter is kept."""
        key = unicodedata.normalize("NFC", word).casefold()
        folded = _fold_vi(key)
        scored = []
        for length in range(len(key) - 2, len(key) + 3):
            for cand in self._by_length.get(length, ()):
                d = edit_distance(key, cand, 2)
                if 1 <= d <= 2:
                    scored.append((d, _fold_vi(cand) != folded, -self._counts[cand], cand))
        scored.sort()
        out = [c for *_, c in scored[:limit]]
        if word[:1].isupper():
            out = [c[:1].upper() + c[1:] for c in out]
        return out

    def unknown_words(self, text: str) -> list[Flag]:
        """Syllables not in the vocabulary but close to one in it (likely typos)."""
        flags: list[Flag] = []
        for m in _VI_WORD.finditer(text):
            word = m.group()
            if len(word) < 2 or word.isupper() or word in self:
                continue
            suggestions = self.suggestions(word)
            if suggestions:
                flags.append((m.start(), m.end(), word, suggestions))
        return flags
