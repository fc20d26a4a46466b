"""Evidence for the aligner: what each sentence carries and how strongly two groups of sentences match.

Signals, all cheap and language-pair aware (English ↔ Vietnamese news):

* length: Gale–Church style, with the Vietnamese/English character ratio estimated from the pair;
* anchors: numbers (month names become numbers, so "July 1" meets "1/7"), names and acronyms that
  reappear with or without Vietnamese diacritics ("Nguyen Chi Vinh" = "Nguyễn Chí Vịnh"), long
  loanwords ("remdesivir"), and the user's glossary term pairs. Only anchors present in both texts
  count, weighted by rarity; an anchor on one side of a bead and not the other is evidence against it;
* kind parity: a bracketed line ("[Related article]") or a line without a sentence end (a title,
  a caption) rarely matches a full sentence, and is the usual one-sided material.

The scorer works on numpy arrays so that the banded dynamic programme in ``dp.py`` stays fast.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from reader.align.lexicon import concept_occurrences
from reader.align.tokens import SideWords
from reader.text.folding import fold, fold_many, strip_marks

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
# English words that also spell a Vietnamese syllable once marks are off ("the" ~ "thế"), or that
# are too common to say anything: never anchors.
ENGLISH_STOPWORDS = frozenset(
    """
    a an the and or but if of to in on at by for with from as is are was were be been being it its
    this that these those he she they we you i me my our your his her their them us do does did
    not no so than then there here when where who whom which what why how all any each both more
    most other some such only own same too very can will just should now also into over under
    after before about against between through during without within while again further once
    up down out off new said says say one two three four five six seven eight nine ten first
    last year years day days month week people mr mrs ms
    ban ca cho con dan gia hai han hoa hon la lam le mai man minh nam nhan phan quan sang tan
    than thanh tin tra trong van viet
    """.split()
)
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_][\w'’\-]*", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?…:;\"”’»)\]]\s*$")
_BRACKETED = re.compile(r"^\s*[\[(].*[\])]\s*$", re.DOTALL)
_CREDIT = re.compile(
    # "(Photo: VNA)" anywhere, or a line that is only a credit: "Ảnh: Reuters", "Source: AFP".
    r"[(\[]\s*(?:photo|ảnh|source|nguồn|video|clip|graphic|đồ họa|đồ hoạ)\b"
    r"|^\s*(?:photo|ảnh|source|nguồn|video|graphic|đồ họa|đồ hoạ)\s*:",
    re.IGNORECASE,
)
KIND_SENTENCE, KIND_HEADLINE, KIND_BRACKETED, KIND_CAPTION = 0, 1, 2, 3
# Columns of Scorer._span_table; punctuation counts take the last four.
_LEN, _ANCHOR, _BREAKS, _ODD, _KIND, _PUNCT = range(6)
# Words repeat a lot within a text: fold each distinct token once.
_fold = lru_cache(maxsize=1 << 16)(fold)
# A headline merged into a bead is unusual but happens when a title and the lead share a line;
# a bracketed link or a caption almost never is part of a merged bead. (Factors of odd_in_merge.)
ODD_COST = np.array([0.0, 0.5, 1.0, 1.0])


@dataclass(frozen=True, slots=True)
class Weights:
    """How much each signal counts; costs are in nats-like units (lower is better)."""

    use_anchors: bool = True
    use_numbers: bool = True
    use_names: bool = True
    use_terms: bool = True
    use_kinds: bool = True
    use_lexicon: bool = True
    lexicon_weight: float = 0.5
    # Share of the miss penalty a one-sided bead pays for its anchors: an anchor that found no
    # partner is evidence the sentence has no counterpart, so a null bead pays less for it.
    null_miss: float = 0.25
    use_punctuation: bool = True
    punctuation: float = 1.0
    length_variance: float = 6.0
    match_reward: float = 2.5
    miss_penalty: float = 2.0
    number_boost: float = 1.5
    kind_mismatch: float = 2.5
    paragraph_break: float = 4.0
    odd_in_merge: float = 3.5
    null_base: float = 3.0
    shape_prior: tuple[tuple[tuple[int, int], float], ...] = (
        ((1, 1), 0.0),
        ((1, 0), 0.0),
        ((0, 1), 0.0),
        ((2, 1), 2.3),
        ((1, 2), 2.3),
        ((2, 2), 4.5),
        ((3, 1), 4.6),
        ((1, 3), 4.6),
    )


LENGTH_ONLY = Weights(use_anchors=False, use_kinds=False, use_punctuation=False)


def sentence_kind(text: str) -> int:
    if _BRACKETED.match(text):
        return KIND_BRACKETED
    if _CREDIT.search(text):
        return KIND_CAPTION
    if not _SENTENCE_END.search(text):
        return KIND_HEADLINE
    return KIND_SENTENCE


_END_MARKS = frozenset('.!?…:;"”’»)]')  # the characters of _SENTENCE_END
# _CREDIT in two: the bracketed credit, searched over a whole side at once (it starts with a
# bracket, which the regex engine scans for quickly), and the credit line, tried at each start.
_CREDIT_BRACKETED, _CREDIT_LINE = (
    re.compile(part.replace("^", ""), re.IGNORECASE) for part in _CREDIT.pattern.split("|^")
)


def _joined(texts: Sequence[str]) -> tuple[str, np.ndarray]:
    """A side as one string, sentences separated by NUL (which no pattern here matches across),
    and where each sentence starts in it."""
    return "\0".join(texts), np.cumsum([0] + [len(text) + 1 for text in texts[:-1]])


def _sentence_at(starts: np.ndarray, positions) -> np.ndarray:
    """The sentence of each position in a side joined by :func:`_joined`."""
    return np.searchsorted(starts, positions, side="right") - 1


def sentence_kinds(texts: Sequence[str]) -> np.ndarray:
    """:func:`sentence_kind` for a whole side, with one regex pass for the credits."""
    kinds = np.full(len(texts), KIND_SENTENCE, dtype=np.int8)
    if not texts:
        return kinds
    kinds[[text.rstrip()[-1:] not in _END_MARKS for text in texts]] = KIND_HEADLINE
    joined, starts = _joined(texts)
    credits = [match.start() for match in _CREDIT_BRACKETED.finditer(joined)]
    kinds[_sentence_at(starts, credits)] = KIND_CAPTION
    kinds[[_CREDIT_LINE.match(text) is not None for text in texts]] = KIND_CAPTION
    bracketed = [
        k for k, text in enumerate(texts) if text.lstrip()[:1] in "([" and _BRACKETED.match(text)
    ]
    kinds[bracketed] = KIND_BRACKETED
    return kinds


# How much a sentence of each kind looks like one-sided material (caption, link, title): a
# discount on the cost of leaving it without counterpart. Indexed by KIND_*.
NULL_CUE = np.array([0.0, 1.0, 3.0, 2.5])


_VI_MONTH = re.compile(
    r"\btháng\s+(Mười\s+Một|Mười\s+Hai|Giêng|Một|Hai|Ba|Tư|Năm|Sáu|Bảy|Tám|Chín|Mười|Chạp)\b"
)
_VI_MONTHS = {
    "Giêng": 1, "Một": 1, "Hai": 2, "Ba": 3, "Tư": 4, "Năm": 5, "Sáu": 6, "Bảy": 7, "Tám": 8,
    "Chín": 9, "Mười": 10, "Mười Một": 11, "Mười Hai": 12, "Chạp": 12,
}  # fmt: skip


@lru_cache(maxsize=1 << 16)
def _classify(token: str, lang: str) -> tuple[str | None, str | None, bool]:
    """(number or month anchor, name/loanword anchor, capitalised) for one token, cached."""
    if token[0].isdigit():
        return "#" + re.sub(r"[.,]", "", token).lstrip("0"), None, False
    folded = _fold(token)
    capitalised = token[0].isupper()
    if lang == "en" and capitalised and folded in MONTHS:
        return f"#{MONTHS[folded]}", None, False
    word = None
    if folded not in ENGLISH_STOPWORDS:
        if capitalised and len(folded) >= 2:
            word = "w:" + folded
        elif len(token) >= 5 and token.isascii() and (lang == "en" or strip_marks(token) == token):
            word = "w:" + folded
    return None, word, capitalised


def anchors(text: str, lang: str, weights: Weights = Weights()) -> list[str]:
    """The anchor tokens of one sentence (before restriction to those both texts share)."""
    out: list[str] = []
    run: list[str] = []  # consecutive capitalised words: a multi-word name ("Nguyen Chi Vinh")
    numbers, names = weights.use_numbers, weights.use_names
    for token in _TOKEN.findall(text):
        number, word, capitalised = _classify(token, lang)
        if number is not None or not capitalised:
            if len(run) >= 2:
                out.append("w:" + "".join(run))
            run.clear()
        if number is not None:
            if numbers:
                out.append(number)
            continue
        if not names:
            continue
        if capitalised:
            run.append(_fold(token))
        if word is not None:
            out.append(word)
    if len(run) >= 2 and names:
        out.append("w:" + "".join(run))
    if lang == "vi" and numbers and "tháng" in text:
        out.extend(f"#{_VI_MONTHS[' '.join(m.split())]}" for m in _VI_MONTH.findall(text))
    return out


def sorted_unique(values: np.ndarray) -> np.ndarray:
    """np.unique by sorting: numpy 2's hashing unique is several times slower on these codes."""
    values = np.sort(values)
    keep = np.ones(len(values), dtype=bool)
    keep[1:] = values[1:] != values[:-1]
    return values[keep]


def _is_whole_token(word: str) -> bool:
    """A word that ``_TOKEN`` matches whole: all letters, or all digits."""
    return word.isalpha() or word.isdecimal()


def anchor_occurrences(
    texts: Sequence[str],
    lang: str,
    keys: dict[str, int],
    weights: Weights = Weights(),
    words: SideWords | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`anchors` for a whole side at once: (sentence index, key id) of every anchor.

    ``keys`` maps anchor strings to ids and is shared by both sides (new anchors are added).
    Tokens are classified once per distinct token and the rest is array work, so a book-length
    side costs a few hundred milliseconds rather than seconds.
    """
    vocabulary, ids, sentence = (words or SideWords(texts)).tokens(_TOKEN, None, _is_whole_token)
    found_sentences: list[np.ndarray] = []
    found_keys: list[np.ndarray] = []

    def key_ids(values) -> np.ndarray:
        return np.array(
            [-1 if v is None else keys.setdefault(v, len(keys)) for v in values], dtype=np.int64
        )

    def emit(where: np.ndarray, key: np.ndarray) -> None:
        found_sentences.append(where)
        found_keys.append(key)

    if len(ids) and (weights.use_numbers or weights.use_names):
        classes = [_classify(token, lang) for token in vocabulary]
        if weights.use_numbers:
            number = key_ids([c[0] for c in classes])[ids]
            emit(sentence[number >= 0], number[number >= 0])
        if weights.use_names:
            word = key_ids([c[1] for c in classes])[ids]
            emit(sentence[word >= 0], word[word >= 0])
            # Runs of two or more capitalised words in one sentence are a name ("Nguyen Chi Vinh").
            capital = np.array([c[2] for c in classes], dtype=bool)[ids]
            follows = np.zeros(len(ids), dtype=bool)
            follows[1:] = capital[1:] & capital[:-1] & (sentence[1:] == sentence[:-1])
            run_starts = np.flatnonzero(capital & ~follows)
            # A run ends at the first token after its start that does not follow the one before.
            breaks = np.append(np.flatnonzero(~follows), len(ids))
            run_stops = breaks[np.searchsorted(breaks, run_starts, side="right")]
            folded = [_fold(token) for token in vocabulary]
            names, where = [], []
            for start, stop in zip(run_starts.tolist(), run_stops.tolist(), strict=True):
                if stop - start >= 2:
                    names.append("w:" + "".join(folded[i] for i in ids[start:stop].tolist()))
                    where.append(sentence[start])
            if names:
                emit(np.array(where, dtype=np.int64), key_ids(names))
    if lang == "vi" and weights.use_numbers:
        months, where = [], []
        for index, text in enumerate(texts):
            if "tháng" in text:
                for found in _VI_MONTH.findall(text):
                    months.append(f"#{_VI_MONTHS[' '.join(found.split())]}")
                    where.append(index)
        if months:
            emit(np.array(where, dtype=np.int64), key_ids(months))
    if not found_sentences:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate(found_sentences), np.concatenate(found_keys)


_INNER_END = re.compile(r"(?:\b(\w+)\.|[!?…])(?=[\"”’)\]]*\s+[\"“‘(\[]*[^\W\d_a-zà-ỹ])", re.UNICODE)
# Periods that do not end a sentence ("Sen. Lt. Gen. Vinh", "Mr. Smith", "David F. Helvey").
_NOT_AN_END = frozenset(
    "adm brig capt cdr col cpl dr gen gov hon jr lt lieut maj messrs mr mrs ms no prof rep rev "
    "sen sgt sr st vs dept est fig inc ltd co corp".split()
)
_DOUBLE_QUOTES = re.compile(r"[\"“”«»„]")
# The same ends found from the punctuation mark, which the regex engine can scan for quickly; the
# word before a period is then read backwards (``_WORD_BEFORE`` searched up to the period).
_INNER_END_MARK = re.compile(_INNER_END.pattern.replace(r"(?:\b(\w+)\.|[!?…])", "[.!?…]"))
_WORD_BEFORE = re.compile(r"\w+\Z")


def punctuation(text: str) -> tuple[int, int, int, int]:
    """What translators carry over: sentences inside a line, questions, quotations, brackets.

    A line that holds two sentences ("… Covid-19. Việt Nam …") usually faces two lines on the
    other side; a question faces a question; a quotation faces a quotation.
    """
    ends = 0
    for match in _INNER_END.finditer(text):
        word = match.group(1)
        if word is None or not (word.lower() in _NOT_AN_END or (len(word) == 1 and word.isupper())):
            ends += 1
    return (
        ends,
        text.count("?"),
        min(len(_DOUBLE_QUOTES.findall(text)), 2),
        min(text.count("(") + text.count("["), 2),
    )


def punctuation_rows(texts: Sequence[str], features: int = 4) -> np.ndarray:
    """:func:`punctuation` for a whole side: one row of ``features`` counts per sentence.

    The inner-end pattern runs once over the side joined by NUL, which neither a word nor the
    white space the pattern looks for can cross, so the counts are those of each sentence alone.
    """
    rows = np.zeros((len(texts), 4))
    if not texts or not features:
        return rows[:, :features]
    joined, starts = _joined(texts)
    ends = []
    for match in _INNER_END_MARK.finditer(joined):
        mark = match.start()
        if joined[mark] == ".":
            # A period ends a sentence after a word that is not an abbreviation or an initial;
            # a long word is cut at 40 characters, which changes neither test.
            word = _WORD_BEFORE.search(joined, max(0, mark - 40), mark)
            if word is None:
                continue
            word = word.group(0)
            if word.lower() in _NOT_AN_END or (len(word) == 1 and word.isupper()):
                continue
        ends.append(mark)
    if ends:
        np.add.at(rows[:, 0], _sentence_at(starts, ends), 1)
    rows[:, 1] = [text.count("?") for text in texts]
    quotes = [match.start() for match in _DOUBLE_QUOTES.finditer(joined)]
    if quotes:
        np.add.at(rows[:, 2], _sentence_at(starts, quotes), 1)
    rows[:, 2] = np.minimum(rows[:, 2], 2)
    rows[:, 3] = np.minimum([text.count("(") + text.count("[") for text in texts], 2)
    return rows[:, :features]


def _prefix_rows(rows: np.ndarray) -> np.ndarray:
    return np.concatenate([np.zeros((1, rows.shape[1])), np.cumsum(rows, 0)])


def _paragraph_starts(paragraphs: Sequence[int] | None, count: int) -> np.ndarray:
    """Prefix sums of "sentence k starts a new paragraph" (k ≥ 1); all zero when unknown."""
    starts = np.zeros(count, dtype=np.int64)
    if paragraphs is not None and count > 1:
        para = np.asarray(paragraphs)
        starts[1:] = para[1:] != para[:-1]
    return np.concatenate([[0], np.cumsum(starts)])


def _adjacent_overlap(entries, count: int) -> np.ndarray:
    """overlap[k]: anchor weight sentences k-1 and k share (the smaller of the two weights)."""
    overlap = np.zeros(count + 1)
    row, key, value = entries
    if len(row):
        code = key * (count + 1) + row  # sorted, as the entries are
        same_key_next_row = code[1:] == code[:-1] + 1
        later = np.flatnonzero(same_key_next_row) + 1
        np.add.at(overlap, row[later], np.minimum(value[later], value[later - 1]))
    return overlap


class TermIndex:
    """Finds known (English, Vietnamese) term pairs in sentences, as shared anchor tokens."""

    def __init__(self, terms: Sequence[tuple[str, str]]):
        self.patterns: dict[str, re.Pattern[str] | None] = {}
        self.ids: dict[str, dict[str, list[int]]] = {"en": {}, "vi": {}}
        for index, (english, vietnamese) in enumerate(terms):
            for lang, term in (("en", english), ("vi", vietnamese)):
                key = fold(term).strip()
                if len(key) >= 2:
                    self.ids[lang].setdefault(key, []).append(index)
        for lang, table in self.ids.items():
            if not table:
                self.patterns[lang] = None
                continue
            alternatives = sorted(table, key=len, reverse=True)
            self.patterns[lang] = re.compile(
                r"(?<!\w)(?:" + "|".join(re.escape(a) for a in alternatives) + r")(?!\w)"
            )

    def find(self, text: str, lang: str) -> list[str]:
        pattern = self.patterns.get(lang)
        if pattern is None:
            return []
        found = []
        for match in pattern.finditer(fold(text)):
            found.extend(f"g:{i}" for i in self.ids[lang][match.group(0)])
        return found

    def occurrences(
        self, texts: Sequence[str], lang: str, keys: dict[str, int]
    ) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`find` for a whole side: (sentence index, key id) of every term found."""
        pattern = self.patterns.get(lang)
        if pattern is None or not texts:
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        folded, starts = _joined(fold_many(texts))  # a term never contains NUL
        where, found = [], []
        for match in pattern.finditer(folded):
            for index in self.ids[lang][match.group(0)]:
                where.append(match.start())
                found.append(keys.setdefault(f"g:{index}", len(keys)))
        return _sentence_at(starts, np.array(where, dtype=np.int64)), np.array(found, np.int64)


class Scorer:
    """Per-sentence features of a pair of texts and the cost of any candidate bead."""

    def __init__(
        self,
        source: Sequence[str],
        target: Sequence[str],
        *,
        terms: Sequence[tuple[str, str]] = (),
        weights: Weights = Weights(),
        source_paragraphs: Sequence[int] | None = None,
        target_paragraphs: Sequence[int] | None = None,
    ):
        self.weights = weights
        self.n, self.m = len(source), len(target)
        self.len_a = np.array([max(1, len(s)) for s in source], dtype=np.float64)
        self.len_b = np.array([max(1, len(t)) for t in target], dtype=np.float64)
        self.prefix_a = np.concatenate([[0.0], np.cumsum(self.len_a)])
        self.prefix_b = np.concatenate([[0.0], np.cumsum(self.len_b)])
        total_a, total_b = self.prefix_a[-1], self.prefix_b[-1]
        self.ratio = total_b / total_a if total_a and total_b else 1.0

        if weights.use_kinds:
            self.kind_a = sentence_kinds(source)
            self.kind_b = sentence_kinds(target)
            self.cue_a = NULL_CUE[self.kind_a]
            self.cue_b = NULL_CUE[self.kind_b]
        else:
            self.kind_a = np.zeros(self.n, dtype=np.int8)
            self.kind_b = np.zeros(self.m, dtype=np.int8)
            self.cue_a = np.zeros(self.n)
            self.cue_b = np.zeros(self.m)

        # Anchors as sparse (sentence, key id, weight) entries per side, one per distinct anchor
        # of a sentence, sorted by key id, then sentence (the order every look-up below wants:
        # code ``key * (count + 1) + sentence`` is then sorted); key ids are shared by both sides.
        self.keys: dict[str, int] = {}
        empty = (np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0))
        self.entries_a, self.entries_b = empty, empty
        if weights.use_anchors:
            self._build_anchors(source, target, terms)
        self.anchor_a = np.bincount(self.entries_a[0], self.entries_a[2], minlength=self.n)
        self.anchor_b = np.bincount(self.entries_b[0], self.entries_b[2], minlength=self.m)
        self.prefix_anchor_a = np.concatenate([[0.0], np.cumsum(self.anchor_a)])
        self.prefix_anchor_b = np.concatenate([[0.0], np.cumsum(self.anchor_b)])
        self.shape_prior = dict(weights.shape_prior)
        self._span_tables: dict[tuple[str, int], np.ndarray] = {}
        # overlap_a[i]: anchor weight source sentences i-1 and i share (0 for i = 0).
        self.overlap_a = _adjacent_overlap(self.entries_a, self.n)
        self.overlap_b = _adjacent_overlap(self.entries_b, self.m)
        self.odd_prefix_a = np.concatenate([[0.0], np.cumsum(ODD_COST[self.kind_a])])
        self.break_prefix_a = _paragraph_starts(source_paragraphs, self.n)
        self.break_prefix_b = _paragraph_starts(target_paragraphs, self.m)
        self.odd_prefix_b = np.concatenate([[0.0], np.cumsum(ODD_COST[self.kind_b])])
        features = 4 if weights.use_punctuation else 0
        self.punct_prefix_a = _prefix_rows(punctuation_rows(source, features))
        self.punct_prefix_b = _prefix_rows(punctuation_rows(target, features))

    @property
    def tokens_a(self) -> list[dict[str, float]]:
        """Per source sentence, its shared anchors and their weights (for inspection and tests)."""
        return self._token_dicts(self.entries_a, self.n)

    @property
    def tokens_b(self) -> list[dict[str, float]]:
        return self._token_dicts(self.entries_b, self.m)

    def _token_dicts(self, entries, count: int) -> list[dict[str, float]]:
        names = list(self.keys)
        out: list[dict[str, float]] = [{} for _ in range(count)]
        for row, key, value in zip(*(column.tolist() for column in entries), strict=True):
            out[row][names[key]] = value
        return out

    def _build_anchors(self, source, target, terms) -> None:
        w = self.weights
        keys = self.keys
        term_index = TermIndex(terms) if (terms and w.use_terms) else None
        found = []
        for texts, lang in ((source, "en"), (target, "vi")):
            words = SideWords(texts)
            parts = [anchor_occurrences(texts, lang, keys, w, words)]
            if term_index is not None:
                parts.append(term_index.occurrences(texts, lang, keys))
            if w.use_lexicon:
                where, entry = concept_occurrences(texts, lang, words)
                present = sorted_unique(entry)
                names = np.zeros(int(entry.max(initial=-1)) + 1, dtype=np.int64)
                names[present] = [keys.setdefault(f"x:{e}", len(keys)) for e in present.tolist()]
                parts.append((where, names[entry]))
            found.append(
                (np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts]))
            )
        size = len(keys)
        # Document frequency: in how many sentences of each side an anchor occurs.
        df = []
        for (where, key), count in zip(found, (self.n, self.m), strict=True):
            distinct = sorted_unique(key * (count + 1) + where)
            df.append(np.bincount(distinct // (count + 1), minlength=size))
        df_a, df_b = df
        # Rare anchors say more: one that occurs in a single sentence on each side pins them;
        # only anchors present in both texts count at all.
        shared = (df_a > 0) & (df_b > 0)
        weight = np.zeros(size)
        weight[shared] = 1.0 / np.sqrt(np.maximum(df_a, df_b)[shared])
        kind = np.array([name[0] for name in keys])
        weight[kind == "#"] *= w.number_boost
        weight[kind == "x"] *= w.lexicon_weight
        entries = []
        for (where, key), count in zip(found, (self.n, self.m), strict=True):
            keep = weight[key] > 0
            code = key[keep] * (count + 1) + where[keep]
            # An anchor that occurs twice in a sentence counts twice.
            order = np.argsort(code, kind="stable")
            code = code[order]
            first = np.ones(len(code), dtype=bool)
            first[1:] = code[1:] != code[:-1]
            distinct = code[first]
            # Summed in text order within each (sentence, anchor), as counting one by one would.
            value = np.bincount(np.cumsum(first) - 1, weight[key[keep]][order], len(distinct))
            entries.append((distinct % (count + 1), distinct // (count + 1), value))
        self.entries_a, self.entries_b = entries

    # -- costs (vectorised over a band of DP nodes) ------------------------------------------------

    def match_band(self, lo: np.ndarray, width: int) -> np.ndarray:
        """``M[i, k]``: matched anchor weight of source sentence i-1 with target sentence j-1,
        where node (i, j) has j = lo[i] + k. Zero outside the band or without shared anchors."""
        band = np.zeros((self.n + 1, width))
        (a_row, a_id, a_value), (b_row, b_id, b_value) = self.entries_a, self.entries_b
        if not len(a_row) or not len(b_row):
            return band
        # Target postings are sorted by (token, sentence): each source anchor looks up the target
        # sentences inside its band row with two binary searches, so the work is linear in the band.
        stride = self.m + 1
        key_b = b_id * stride + b_row
        first = lo[a_row + 1] - 1  # target sentence j-1 for k = 0
        low = a_id * stride + np.clip(first, 0, stride)
        high = a_id * stride + np.clip(first + width, 0, stride)
        start = np.searchsorted(key_b, low)
        counts = np.searchsorted(key_b, high) - start
        total = int(counts.sum())
        if total == 0:
            return band
        source = np.repeat(np.arange(len(a_row)), counts)
        offsets = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
        target = start[source] + offsets
        k = b_row[target] - first[source]
        flat = (a_row[source] + 1) * width + k
        weights = np.minimum(a_value[source], b_value[target])
        band += np.bincount(flat, weights, minlength=band.size).reshape(band.shape)
        return band

    def merge_excess_band(self, a: int, b: int, lo: np.ndarray, width: int) -> np.ndarray:
        """For a bead with one sentence on one side (shapes 2-1, 3-1, 1-2, 1-3), at node
        (i, j = lo[i] + k): how much the sum of the pairwise matches over-counts the exact match.

        The exact match of a merged bead is, per anchor, the smaller of its weight on the two sides
        (``min(A1 + A2, B)``); the pairwise sum is ``min(A1, B) + min(A2, B)``, too much when an
        anchor of the single sentence ("Ho Chi Minh City") appears in both merged sentences but
        only once opposite — or too little after a blanket correction, when it appears twice
        opposite too (a heading joined to the sentence that repeats it). Only anchors shared by two
        of the merged sentences can differ, so this is sparse work.
        """
        band = np.zeros((self.n + 1, width))
        if b == 1 and a > 1:
            span, single, size, count, other = self.entries_a, self.entries_b, a, self.n, self.m
        elif a == 1 and b > 1:
            span, single, size, count, other = self.entries_b, self.entries_a, b, self.m, self.n
        else:
            raise ValueError(f"not a one-to-many shape: {a}-{b}")
        row, key, value = span
        if not len(row) or not len(single[0]):
            return band
        stride = count + 1
        code = key * stride + row  # sorted, as the entries are
        # Spans (ending at node e: sentences e-size..e-1) holding one anchor in two sentences.
        ends, keys = [], []
        for distance in range(1, size):
            later = np.searchsorted(code, code + distance)
            hit = later < len(code)
            hit[hit] = code[later[hit]] == code[hit] + distance
            for extra in range(size - distance):
                end = row[hit] + distance + 1 + extra
                keep = (end >= size) & (end <= count)
                ends.append(end[keep])
                keys.append(key[hit][keep])
        candidate = sorted_unique(
            np.concatenate(ends) * (int(key.max()) + 1) + np.concatenate(keys)
        )
        if not len(candidate):
            return band
        end, token = np.divmod(candidate, int(key.max()) + 1)
        values = np.zeros((len(candidate), size))
        for p in range(size):
            wanted = token * stride + (end - 1 - p)
            at = np.clip(np.searchsorted(code, wanted), 0, len(code) - 1)
            values[:, p] = np.where((code[at] == wanted) & (end - 1 - p >= 0), value[at], 0.0)
        # The single sentences opposite, within the band, that hold the anchor too.
        s_row, s_key, s_value = single
        s_stride = other + 1
        s_code = s_key * s_stride + s_row  # sorted too
        if b == 1:  # span of source sentences: node row e, target sentence j-1 in the band row
            first = lo[end] - 1
            low = token * s_stride + np.clip(first, 0, s_stride)
            high = token * s_stride + np.clip(first + width, 0, s_stride)
        elif np.all(lo[1:] >= lo[:-1]):  # span of target sentences ending at j = e: the source
            # rows i-1 whose band holds e are a run, as the band only moves right
            lowest = np.searchsorted(lo, end - width, side="right")
            highest = np.searchsorted(lo, end, side="right") - 1
            low = token * s_stride + np.clip(lowest - 1, 0, s_stride)
            high = token * s_stride + np.clip(highest, 0, s_stride)
        else:  # every source row holding the anchor; the band test below keeps the right ones
            low, high = token * s_stride, token * s_stride + other
        start = np.searchsorted(s_code, low)
        counts = np.maximum(np.searchsorted(s_code, high) - start, 0)
        total = int(counts.sum())
        if total == 0:
            return band
        which = np.repeat(np.arange(len(candidate)), counts)
        posting = start[which] + np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
        opposite = s_value[posting]
        if b == 1:
            node_row, column = end[which], s_row[posting] + 1 - lo[end[which]]
        else:
            node_row = s_row[posting] + 1
            column = end[which] - lo[node_row]
        inside = (column >= 0) & (column < width)
        spread = values[which]
        excess = np.minimum(spread, opposite[:, None]).sum(1) - np.minimum(spread.sum(1), opposite)
        flat = node_row[inside] * width + column[inside]
        band += np.bincount(flat, excess[inside], minlength=band.size).reshape(band.shape)
        return band

    def null_costs_a(self) -> np.ndarray:
        """Cost of leaving each source sentence without a counterpart."""
        w = self.weights
        return w.null_base - self.cue_a + w.null_miss * w.miss_penalty * self.anchor_a

    def null_costs_b(self) -> np.ndarray:
        w = self.weights
        return w.null_base - self.cue_b + w.null_miss * w.miss_penalty * self.anchor_b

    def _span_table(self, side: str, size: int) -> np.ndarray:
        """Column k: what the ``size`` sentences ending before position k of a side add up to
        (characters, anchor weight, paragraph breaks inside, odd kinds, kind of the last one,
        punctuation counts), one feature per row. Columns before ``size`` are zero; the DP
        never uses them."""
        table = self._span_tables.get((side, size))
        if table is None:
            if side == "a":
                lengths, anchor, breaks, odd, kind, punct = (
                    self.prefix_a, self.prefix_anchor_a, self.break_prefix_a,
                    self.odd_prefix_a, self.kind_a, self.punct_prefix_a,
                )  # fmt: skip
            else:
                lengths, anchor, breaks, odd, kind, punct = (
                    self.prefix_b, self.prefix_anchor_b, self.break_prefix_b,
                    self.odd_prefix_b, self.kind_b, self.punct_prefix_b,
                )  # fmt: skip
            end = np.arange(size, len(lengths))
            # Feature-major, so that each feature of a gathered band is contiguous.
            table = np.zeros((_PUNCT + punct.shape[1], len(lengths)))
            table[_LEN, size:] = lengths[end] - lengths[end - size]
            table[_ANCHOR, size:] = anchor[end] - anchor[end - size]
            table[_BREAKS, size:] = breaks[end - 1] - breaks[end - size]
            table[_ODD, size:] = odd[end] - odd[end - size]
            table[_KIND, size:] = kind[end - 1]
            table[_PUNCT:, size:] = (punct[end] - punct[end - size]).T
            self._span_tables[(side, size)] = table
        return table

    def bead_costs(self, a: int, b: int, rows: np.ndarray, cols: np.ndarray, matched) -> np.ndarray:
        """Cost of beads source[i-a:i] × target[j-b:j] for node arrays i = rows (r, 1), j = cols (r, w).

        ``cols`` must already be clipped to valid node positions (a ≤ i, b ≤ j ≤ m); the caller
        masks the rest. ``matched`` is the summed anchor weight shared by the two sides.
        """
        w = self.weights
        if b == 0:
            return np.broadcast_to(self.null_costs_a()[rows - 1], cols.shape).copy()
        if a == 0:
            return self.null_costs_b()[cols - 1]
        # Everything a span of sentences contributes, for spans ending at each position: one
        # gather per side instead of one per feature (the DP asks for millions of beads).
        span_a = self._span_table("a", a)[:, rows]
        span_b = self._span_table("b", b)[:, cols]
        len_a, len_b = span_a[_LEN], span_b[_LEN]
        expected = self.ratio * len_a
        # Gale–Church: the difference grows with length; the variance is per character.
        # (In place where it can be: these are band-sized arrays, built millions of cells a time.)
        spread = expected + len_b
        spread *= w.length_variance
        spread /= 2.0
        np.sqrt(spread, out=spread)
        delta = len_b - expected
        delta /= spread
        cost = delta
        cost *= delta
        cost *= 0.5
        cost += self.shape_prior[(a, b)]
        unmatched = span_b[_ANCHOR] + span_a[_ANCHOR]
        unmatched -= 2.0 * matched
        np.maximum(unmatched, 0.0, out=unmatched)
        unmatched *= w.miss_penalty
        unmatched -= w.match_reward * matched
        cost += unmatched
        if w.use_punctuation:
            # Each extra sentence in a merged side accounts for one sentence end in the other.
            mismatch = span_a[_PUNCT] + (a - b) - span_b[_PUNCT]
            np.abs(mismatch, out=mismatch)
            differs = np.empty_like(mismatch)
            for f in range(_PUNCT + 1, _PUNCT + self.punct_prefix_a.shape[1]):
                np.subtract(span_a[f], span_b[f], out=differs)
                mismatch += np.abs(differs, out=differs)
            mismatch *= w.punctuation
            cost += mismatch
        if a > 1:  # a merged bead rarely spans a paragraph break
            cost = cost + w.paragraph_break * span_a[_BREAKS]
        if b > 1:
            cost = cost + w.paragraph_break * span_b[_BREAKS]
        if w.use_kinds:
            if a == 1 and b == 1:
                kind_a = span_a[_KIND]
                kind_b = span_b[_KIND]
                cost += np.where(kind_a != kind_b, w.kind_mismatch, 0.0)
                both_bracketed = (kind_a == KIND_BRACKETED) & (kind_b == KIND_BRACKETED)
                cost -= np.where(both_bracketed, w.kind_mismatch, 0.0)
            else:
                # Bracketed lines and headlines stand alone; they are not half of a merged bead.
                cost += w.odd_in_merge * (span_a[_ODD] + span_b[_ODD])
        return cost
