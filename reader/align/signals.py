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

import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from reader.align.lexicon import concepts
from reader.text.folding import fold, strip_marks

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


def null_cue(text: str, kind: int) -> float:
    """How much a sentence looks like one-sided material (caption, link, title): a cost discount."""
    if kind == KIND_BRACKETED:
        return 3.0
    if kind == KIND_CAPTION:
        return 2.5
    if kind == KIND_HEADLINE:
        return 1.0
    return 0.0


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


_INNER_END = re.compile(r"(?:\b(\w+)\.|[!?…])(?=[\"”’)\]]*\s+[\"“‘(\[]*[^\W\d_a-zà-ỹ])", re.UNICODE)
# Periods that do not end a sentence ("Sen. Lt. Gen. Vinh", "Mr. Smith", "David F. Helvey").
_NOT_AN_END = frozenset(
    "adm brig capt cdr col cpl dr gen gov hon jr lt lieut maj messrs mr mrs ms no prof rep rev "
    "sen sgt sr st vs dept est fig inc ltd co corp".split()
)
_DOUBLE_QUOTES = re.compile(r"[\"“”«»„]")


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


def _prefix_rows(rows: list, features: int) -> np.ndarray:
    table = np.zeros((len(rows) + 1, features))
    if features and rows:
        table[1:] = np.cumsum(np.asarray(rows, dtype=np.float64).reshape(len(rows), features), 0)
    return table


def _paragraph_starts(paragraphs: Sequence[int] | None, count: int) -> np.ndarray:
    """Prefix sums of "sentence k starts a new paragraph" (k ≥ 1); all zero when unknown."""
    starts = np.zeros(count, dtype=np.int64)
    if paragraphs is not None and count > 1:
        para = np.asarray(paragraphs)
        starts[1:] = para[1:] != para[:-1]
    return np.concatenate([[0], np.cumsum(starts)])


def _adjacent_overlap(tokens: list[dict[str, float]]) -> np.ndarray:
    overlap = np.zeros(len(tokens) + 1)
    for k in range(1, len(tokens)):
        previous, current = tokens[k - 1], tokens[k]
        if len(previous) > len(current):
            previous, current = current, previous
        overlap[k] = sum(min(v, current[t]) for t, v in previous.items() if t in current)
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
            kinds_a = [sentence_kind(s) for s in source]
            kinds_b = [sentence_kind(t) for t in target]
            self.kind_a = np.array(kinds_a, dtype=np.int8)
            self.kind_b = np.array(kinds_b, dtype=np.int8)
            self.cue_a = np.array([null_cue(s, k) for s, k in zip(source, kinds_a, strict=True)])
            self.cue_b = np.array([null_cue(t, k) for t, k in zip(target, kinds_b, strict=True)])
        else:
            self.kind_a = np.zeros(self.n, dtype=np.int8)
            self.kind_b = np.zeros(self.m, dtype=np.int8)
            self.cue_a = np.zeros(self.n)
            self.cue_b = np.zeros(self.m)

        self.tokens_a: list[dict[str, float]] = [{} for _ in range(self.n)]
        self.tokens_b: list[dict[str, float]] = [{} for _ in range(self.m)]
        if weights.use_anchors:
            self._build_anchors(source, target, terms)
        self.anchor_a = (
            np.array([sum(t.values()) for t in self.tokens_a]) if self.n else np.zeros(0)
        )
        self.anchor_b = (
            np.array([sum(t.values()) for t in self.tokens_b]) if self.m else np.zeros(0)
        )
        self.prefix_anchor_a = np.concatenate([[0.0], np.cumsum(self.anchor_a)])
        self.prefix_anchor_b = np.concatenate([[0.0], np.cumsum(self.anchor_b)])
        self.shape_prior = dict(weights.shape_prior)
        # overlap_a[i]: anchor weight source sentences i-1 and i share (0 for i = 0).
        self.overlap_a = _adjacent_overlap(self.tokens_a)
        self.overlap_b = _adjacent_overlap(self.tokens_b)
        self.odd_prefix_a = np.concatenate([[0.0], np.cumsum(ODD_COST[self.kind_a])])
        self.break_prefix_a = _paragraph_starts(source_paragraphs, self.n)
        self.break_prefix_b = _paragraph_starts(target_paragraphs, self.m)
        self.odd_prefix_b = np.concatenate([[0.0], np.cumsum(ODD_COST[self.kind_b])])
        features = 4 if weights.use_punctuation else 0
        self.punct_prefix_a = _prefix_rows([punctuation(s)[:features] for s in source], features)
        self.punct_prefix_b = _prefix_rows([punctuation(t)[:features] for t in target], features)

    def _build_anchors(self, source, target, terms) -> None:
        w = self.weights
        term_index = TermIndex(terms) if (terms and w.use_terms) else None
        raw_a = [
            anchors(s, "en", w) + (term_index.find(s, "en") if term_index else []) for s in source
        ]
        raw_b = [
            anchors(t, "vi", w) + (term_index.find(t, "vi") if term_index else []) for t in target
        ]
        if w.use_lexicon:
            for raw, texts, lang in ((raw_a, source, "en"), (raw_b, target, "vi")):
                for tokens, text in zip(raw, texts, strict=True):
                    tokens.extend(f"x:{c}" for c in concepts(text, lang))
        df_a: dict[str, int] = defaultdict(int)
        df_b: dict[str, int] = defaultdict(int)
        for tokens in raw_a:
            for token in set(tokens):
                df_a[token] += 1
        for tokens in raw_b:
            for token in set(tokens):
                df_b[token] += 1
        shared = df_a.keys() & df_b.keys()
        # Rare anchors say more: one that occurs in a single sentence on each side pins them.
        weight = {}
        for token in shared:
            base = 1.0 / math.sqrt(max(df_a[token], df_b[token]))
            if token.startswith("#"):
                base *= w.number_boost
            elif token.startswith("x:"):
                base *= w.lexicon_weight
            weight[token] = base
        for raw, table in ((raw_a, self.tokens_a), (raw_b, self.tokens_b)):
            for tokens, counts in zip(raw, table, strict=True):
                for token in tokens:
                    if token in weight:
                        counts[token] = counts.get(token, 0.0) + weight[token]

    # -- costs (vectorised over a band of DP nodes) ------------------------------------------------

    def match_band(self, lo: np.ndarray, width: int) -> np.ndarray:
        """``M[i, k]``: matched anchor weight of source sentence i-1 with target sentence j-1,
        where node (i, j) has j = lo[i] + k. Zero outside the band or without shared anchors."""
        band = np.zeros((self.n + 1, width))
        vocabulary: dict[str, int] = {}
        entries = []
        for side in (self.tokens_a, self.tokens_b):
            rows, ids, values = [], [], []
            for index, counts in enumerate(side):
                for token, value in counts.items():
                    rows.append(index)
                    ids.append(vocabulary.setdefault(token, len(vocabulary)))
                    values.append(value)
            entries.append((np.array(rows, np.int64), np.array(ids, np.int64), np.array(values)))
        (a_row, a_id, a_value), (b_row, b_id, b_value) = entries
        if not len(a_row) or not len(b_row):
            return band
        # Postings sorted by (token, target sentence): each source anchor looks up the target
        # sentences inside its band row with two binary searches, so the work is linear in the band.
        stride = self.m + 1
        key_b = b_id * stride + b_row
        order = np.argsort(key_b, kind="stable")
        key_b, b_row, b_value = key_b[order], b_row[order], b_value[order]
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

    def null_costs_a(self) -> np.ndarray:
        """Cost of leaving each source sentence without a counterpart."""
        w = self.weights
        return w.null_base - self.cue_a + w.null_miss * w.miss_penalty * self.anchor_a

    def null_costs_b(self) -> np.ndarray:
        w = self.weights
        return w.null_base - self.cue_b + w.null_miss * w.miss_penalty * self.anchor_b

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
        len_a = self.prefix_a[rows] - self.prefix_a[rows - a]
        len_b = self.prefix_b[cols] - self.prefix_b[cols - b]
        expected = self.ratio * len_a
        # Gale–Church: the difference grows with length; the variance is per character.
        delta = (len_b - expected) / np.sqrt(w.length_variance * (expected + len_b) / 2.0)
        cost = 0.5 * delta * delta + self.shape_prior[(a, b)]
        anchor_a = self.prefix_anchor_a[rows] - self.prefix_anchor_a[rows - a]
        anchor_b = self.prefix_anchor_b[cols] - self.prefix_anchor_b[cols - b]
        unmatched = np.maximum(anchor_a + anchor_b - 2.0 * matched, 0.0)
        cost += w.miss_penalty * unmatched - w.match_reward * matched
        if w.use_punctuation:
            mismatch = np.zeros(np.broadcast_shapes(rows.shape, cols.shape))
            for f in range(self.punct_prefix_a.shape[1]):
                pa, pb = self.punct_prefix_a[:, f], self.punct_prefix_b[:, f]
                # Each extra sentence in a merged side accounts for one sentence end in the other.
                extra = (a - b) if f == 0 else 0
                mismatch += np.abs((pa[rows] - pa[rows - a] + extra) - (pb[cols] - pb[cols - b]))
            cost = cost + w.punctuation * mismatch
        if a > 1:  # a merged bead rarely spans a paragraph break
            breaks = self.break_prefix_a[rows - 1] - self.break_prefix_a[rows - a]
            cost = cost + w.paragraph_break * breaks
        if b > 1:
            breaks = self.break_prefix_b[cols - 1] - self.break_prefix_b[cols - b]
            cost = cost + w.paragraph_break * breaks
        if w.use_kinds:
            if a == 1 and b == 1:
                kind_a = self.kind_a[rows - 1]
                kind_b = self.kind_b[cols - 1]
                cost += np.where(kind_a != kind_b, w.kind_mismatch, 0.0)
                both_bracketed = (kind_a == KIND_BRACKETED) & (kind_b == KIND_BRACKETED)
                cost -= np.where(both_bracketed, w.kind_mismatch, 0.0)
            else:
                # Bracketed lines and headlines stand alone; they are not half of a merged bead.
                odd_a = self.odd_prefix_a[rows] - self.odd_prefix_a[rows - a]
                odd_b = self.odd_prefix_b[cols] - self.odd_prefix_b[cols - b]
                cost += w.odd_in_merge * (odd_a + odd_b)
        return cost
