"""Alignment quality against gold English–Vietnamese pairs, with the classic peers side by side.

    .venv/bin/python benchmarks/align_eval.py [DIR] [--verbose] [--raw] [--ablation] [--calibration]

DIR holds ``NAME.en.txt`` / ``NAME.vi.txt`` (one sentence per line) and ``NAME.gold.json`` (a list
of beads ``[[en_line_indices], [vi_line_indices]]``). Without DIR, both ``clean/`` and ``noisy/``
under ``../shared/eval/align-dev`` (relative to the repository root) are evaluated, if present.

Scores (micro-averaged over all documents):

* link P/R/F1 over (en, vi) sentence pairs that share a bead;
* strict bead F1 over two-sided beads that match exactly;
* one-sided accuracy: gold 1-0 / 0-1 sentences that end up alone (and, beside it, the precision of
  our one-sided sentences).

Rows: duet (the ``duet align --lines`` code path), duet's own scorer with length only, and
Gale–Church (PyPI ``galechurch``, mean ratio set from the gold 1-1 beads of the set, i.e. as
favourable to the peer as the data allows). ``--raw`` aligns ``*.raw.txt`` (unsplit articles) with
duet's own splitting and maps our sentences to the gold lines by text offsets, so a splitting error
shows up as a score loss. ``--ablation`` adds one row per signal, ``--calibration`` reports how
often a bead marked low (< 0.5) or high is actually right.

Nothing from the gold sets is copied anywhere; this script only reads them.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from reader.align import align_documents  # noqa: E402
from reader.align.model import align  # noqa: E402
from reader.align.signals import LENGTH_ONLY, Weights  # noqa: E402
from reader.text.loading import load_document  # noqa: E402

DEFAULT_ROOT = REPO.parent / "shared" / "eval" / "align-dev"
LOW = 0.5  # the UI marks beads below this as low confidence
# Lower edges of the confidence bands of the calibration table.
BANDS = (0.0, 0.5, 0.7, 0.8, 0.9, 0.95, 0.99)

Beads = list[tuple[tuple[int, ...], tuple[int, ...]]]


@dataclass
class Pair:
    name: str
    en: list[str]
    vi: list[str]
    gold: Beads
    en_doc: object = None
    vi_doc: object = None
    # --raw: our sentences and, for each, the gold lines it overlaps
    raw_en_doc: object = None
    raw_vi_doc: object = None
    raw_en_map: list[set[int]] = field(default_factory=list)
    raw_vi_map: list[set[int]] = field(default_factory=list)


def load_pairs(directory: Path, raw: bool = False) -> list[Pair]:
    pairs = []
    for gold_path in sorted(directory.glob("*.gold.json")):
        name = gold_path.name[: -len(".gold.json")]
        en_doc = load_document(directory / f"{name}.en.txt", "en", lines=True)
        vi_doc = load_document(directory / f"{name}.vi.txt", "vi", lines=True)
        gold = [(tuple(s), tuple(t)) for s, t in json.loads(gold_path.read_text("utf-8"))]
        pair = Pair(name, en_doc.sentence_texts, vi_doc.sentence_texts, gold, en_doc, vi_doc)
        if raw:
            raw_en = directory / f"{name}.en.raw.txt"
            raw_vi = directory / f"{name}.vi.raw.txt"
            if not (raw_en.is_file() and raw_vi.is_file()):
                continue
            pair.raw_en_doc = load_document(raw_en, "en", lines=False)
            pair.raw_vi_doc = load_document(raw_vi, "vi", lines=False)
            pair.raw_en_map = overlap_map(pair.raw_en_doc.sentence_texts, pair.en)
            pair.raw_vi_map = overlap_map(pair.raw_vi_doc.sentence_texts, pair.vi)
        pairs.append(pair)
    return pairs


def overlap_map(ours: list[str], gold: list[str]) -> list[set[int]]:
    """For each of our sentences, the gold lines whose text it overlaps (whitespace ignored).

    Both lists come from the same article, so their non-space characters line up one to one.
    """

    def spans(texts: list[str]) -> list[tuple[int, int]]:
        out, position = [], 0
        for text in texts:
            size = len(re.sub(r"\s", "", text))
            out.append((position, position + size))
            position += size
        return out

    gold_spans = spans(gold)
    mapped = []
    for start, end in spans(ours):
        hit = set()
        for g, (gs, ge) in enumerate(gold_spans):
            # A few characters of overlap (a stray quote) do not make a sentence part of another.
            if min(end, ge) - max(start, gs) > min(3, (ge - gs) // 2):
                hit.add(g)
        mapped.append(hit)
    return mapped


# -- scoring ---------------------------------------------------------------------------------------


@dataclass
class Counts:
    link_hit: int = 0
    link_pred: int = 0
    link_gold: int = 0
    bead_hit: int = 0
    bead_pred: int = 0
    bead_gold: int = 0
    alone_hit: int = 0
    alone_gold: int = 0
    alone_pred: int = 0
    alone_pred_right: int = 0
    # calibration: predicted beads by confidence band, and how many of them are right
    low: int = 0
    low_wrong: int = 0
    high: int = 0
    high_wrong: int = 0
    # the same by finer confidence band (BANDS), for the calibration table
    band: list[int] = field(default_factory=lambda: [0] * len(BANDS))
    band_wrong: list[int] = field(default_factory=lambda: [0] * len(BANDS))
    seconds: float = 0.0

    def add(self, other: Counts) -> None:
        for name in self.__dataclass_fields__:
            mine, theirs = getattr(self, name), getattr(other, name)
            if isinstance(mine, list):
                setattr(self, name, [x + y for x, y in zip(mine, theirs, strict=True)])
            else:
                setattr(self, name, mine + theirs)

    @staticmethod
    def _f(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    def link_prf(self) -> tuple[float, float, float]:
        p = self.link_hit / self.link_pred if self.link_pred else 1.0
        r = self.link_hit / self.link_gold if self.link_gold else 1.0
        return p, r, self._f(p, r)

    def bead_f(self) -> float:
        p = self.bead_hit / self.bead_pred if self.bead_pred else 1.0
        r = self.bead_hit / self.bead_gold if self.bead_gold else 1.0
        return self._f(p, r)

    def alone_acc(self) -> float:
        return self.alone_hit / self.alone_gold if self.alone_gold else 1.0

    def alone_prec(self) -> float:
        return self.alone_pred_right / self.alone_pred if self.alone_pred else 1.0


def links(beads: Beads) -> set[tuple[int, int]]:
    return {(i, j) for s, t in beads for i in s for j in t}


def score(gold: Beads, pred: Beads, confidences: list[float] | None = None) -> Counts:
    c = Counts()
    gold_links, pred_links = links(gold), links(pred)
    c.link_hit = len(gold_links & pred_links)
    c.link_pred, c.link_gold = len(pred_links), len(gold_links)
    gold_beads = {(s, t) for s, t in gold if s and t}
    pred_beads = {(s, t) for s, t in pred if s and t}
    c.bead_hit = len(gold_beads & pred_beads)
    c.bead_pred, c.bead_gold = len(pred_beads), len(gold_beads)
    gold_alone = {("en", i) for s, t in gold if not t for i in s}
    gold_alone |= {("vi", j) for s, t in gold if not s for j in t}
    pred_alone = {("en", i) for s, t in pred if not t for i in s}
    pred_alone |= {("vi", j) for s, t in pred if not s for j in t}
    c.alone_gold, c.alone_hit = len(gold_alone), len(gold_alone & pred_alone)
    c.alone_pred, c.alone_pred_right = len(pred_alone), len(gold_alone & pred_alone)
    if confidences is not None:
        exact = {(s, t) for s, t in gold}
        for bead, confidence in zip(pred, confidences, strict=True):
            right = bead in exact
            band = max(k for k, edge in enumerate(BANDS) if confidence >= edge)
            c.band[band] += 1
            c.band_wrong[band] += not right
            if confidence < LOW:
                c.low += 1
                c.low_wrong += not right
            else:
                c.high += 1
                c.high_wrong += not right
    return c


def score_raw(pair: Pair, pred: Beads, confidences: list[float]) -> Counts:
    """Score an alignment of our own sentences by mapping them onto the gold lines."""
    mapped: Beads = []
    for s, t in pred:
        en = tuple(sorted({g for i in s for g in pair.raw_en_map[i]}))
        vi = tuple(sorted({g for j in t for g in pair.raw_vi_map[j]}))
        mapped.append((en, vi))
    # A gold sentence counts as alone only if every piece of it ended up alone.
    c = score(pair.gold, [(s, t) for s, t in mapped if s or t], None)
    not_alone = {("en", i) for s, t in mapped if t for i in s}
    not_alone |= {("vi", j) for s, t in mapped if s for j in t}
    gold_alone = {("en", i) for s, t in pair.gold if not t for i in s}
    gold_alone |= {("vi", j) for s, t in pair.gold if not s for j in t}
    c.alone_hit = len(gold_alone - not_alone)
    pred_alone = {("en", i) for s, t in mapped if not t for i in s}
    pred_alone |= {("vi", j) for s, t in mapped if not s for j in t}
    c.alone_pred = len(pred_alone)
    c.alone_pred_right = len(pred_alone & gold_alone)
    exact = set(pair.gold)
    for bead, confidence in zip(mapped, confidences, strict=True):
        right = bead in exact
        if confidence < LOW:
            c.low, c.low_wrong = c.low + 1, c.low_wrong + (not right)
        else:
            c.high, c.high_wrong = c.high + 1, c.high_wrong + (not right)
    return c


# -- systems ---------------------------------------------------------------------------------------

System = Callable[[Pair, bool], tuple[Beads, list[float] | None]]


def duet_system(pair: Pair, raw: bool) -> tuple[Beads, list[float]]:
    """Exactly the ``duet align [--lines]`` code path."""
    if raw:
        alignment = align_documents(pair.raw_en_doc, pair.raw_vi_doc, lines=False)
    else:
        alignment = align_documents(pair.en_doc, pair.vi_doc, lines=True)
    return [(b.source, b.target) for b in alignment.beads], [b.confidence for b in alignment.beads]


def weighted_system(weights: Weights, terms: list[tuple[str, str]] | None = None) -> System:
    def run(pair: Pair, raw: bool) -> tuple[Beads, list[float]]:
        if raw:
            en, vi = pair.raw_en_doc, pair.raw_vi_doc
            alignment = align(
                en.sentence_texts,
                vi.sentence_texts,
                terms=terms or (),
                weights=weights,
                source_paragraphs=[s.paragraph for s in en.sentences],
                target_paragraphs=[s.paragraph for s in vi.sentences],
            )
        else:
            alignment = align(pair.en, pair.vi, terms=terms or (), weights=weights)
        beads = [(b.source, b.target) for b in alignment.beads]
        return beads, [b.confidence for b in alignment.beads]

    return run


def gale_church_system(mean_xy: float) -> System:
    import galechurch

    def run(pair: Pair, raw: bool) -> tuple[Beads, None]:
        en = pair.raw_en_doc.sentence_texts if raw else pair.en
        vi = pair.raw_vi_doc.sentence_texts if raw else pair.vi
        block = galechurch.align(en, vi, mean_xy=mean_xy)
        beads = [
            (
                tuple(range(b.source_start, b.source_end)),
                tuple(range(b.target_start, b.target_end)),
            )
            for b in block.beads
        ]
        return beads, None

    return run


def gold_mean_ratio(pairs: list[Pair]) -> float:
    """Vietnamese/English non-space characters over the gold 1-1 beads (galechurch's length unit)."""
    from galechurch._lengths import char_length

    en = vi = 0
    for pair in pairs:
        for s, t in pair.gold:
            if len(s) == 1 and len(t) == 1:
                en += char_length(pair.en[s[0]])
                vi += char_length(pair.vi[t[0]])
    return vi / en if en else 1.0


def starter_terms() -> list[tuple[str, str]]:
    try:
        from glossary.starter import starter_terms as load
    except ImportError:
        return []
    out = []
    for term in load():
        out.append((term.english, term.vietnamese))
    return out


def systems(pairs: list[Pair], ablation: bool) -> list[tuple[str, System]]:
    rows: list[tuple[str, System]] = [("duet", duet_system)]
    if ablation:
        full = Weights()
        base = replace(full, use_punctuation=False, use_terms=False)
        steps = [
            ("  length only", LENGTH_ONLY),
            ("  + kinds (brackets, captions, titles)", replace(LENGTH_ONLY, use_kinds=True)),
            ("  + numbers/dates", replace(base, use_names=False, use_lexicon=False)),
            ("  + names/folded tokens", replace(base, use_lexicon=False)),
            ("  + lexicon (own EN-VI news words)", base),
            ("  + punctuation parity (= duet)", replace(full, use_terms=False)),
        ]
        rows += [(label, weighted_system(w)) for label, w in steps]
        terms = starter_terms()
        if terms:
            rows.append(
                (f"  + starter glossary ({len(terms)} terms)", weighted_system(full, terms))
            )
    else:
        rows.append(("duet, length only", weighted_system(LENGTH_ONLY)))
    try:
        ratio = gold_mean_ratio(pairs)
        rows.append((f"Gale-Church (galechurch, c={ratio:.3f})", gale_church_system(ratio)))
    except ImportError:
        print("(galechurch not installed: pip install -e '.[bench]' for the peer row)")
    return rows


# -- report ----------------------------------------------------------------------------------------


def _or_dash(count: int, value: float) -> str:
    return f"{value:.3f}" if count else "—"


def evaluate(directory: Path, args: argparse.Namespace) -> None:
    pairs = load_pairs(directory, raw=args.raw)
    if not pairs:
        print(f"{directory}: no *.gold.json pairs{' with *.raw.txt' if args.raw else ''}; skipped")
        return
    sentences = sum(len(p.en) + len(p.vi) for p in pairs)
    mode = "raw text, duet's own splitting" if args.raw else "one sentence per line"
    print(f"\n{directory} — {len(pairs)} pairs, {sentences} gold sentences ({mode})")
    header = (
        f"{'system':44} {'link P':>7} {'link R':>7} {'link F1':>7} {'bead F1':>7} "
        f"{'alone acc':>9} {'alone P':>7} {'ms/doc':>7}"
    )
    print(header)
    print("-" * len(header))
    results = []
    for label, system in systems(pairs, args.ablation):
        total, per_doc = Counts(), []
        for pair in pairs:
            started = time.perf_counter()
            pred, confidences = system(pair, args.raw)
            elapsed = time.perf_counter() - started
            if args.raw:
                counts = score_raw(pair, pred, confidences or [1.0] * len(pred))
            else:
                counts = score(pair.gold, pred, confidences)
            counts.seconds = elapsed
            total.add(counts)
            per_doc.append((pair.name, counts))
        p, r, f = total.link_prf()
        ms = 1000 * total.seconds / len(pairs)
        print(
            f"{label:44} {p:7.4f} {r:7.4f} {f:7.4f} {total.bead_f():7.4f} "
            f"{total.alone_acc():9.3f} {_or_dash(total.alone_pred, total.alone_prec()):>7} {ms:7.1f}"
        )
        results.append((label, total, per_doc))
    duet = results[0][1]
    print(
        f"one-sided gold sentences: {duet.alone_gold}; link pairs: {duet.link_gold}; "
        f"two-sided beads: {duet.bead_gold}"
    )
    if args.calibration or args.verbose:
        c = duet
        low_rate = c.low_wrong / c.low if c.low else 0.0
        high_rate = c.high_wrong / c.high if c.high else 0.0
        print(
            f"calibration (duet): {c.low} beads marked low (< {LOW}), {c.low_wrong} wrong "
            f"({low_rate:.0%}); {c.high} high, {c.high_wrong} wrong ({high_rate:.1%})"
        )
        print("  confidence     beads  wrong")
        for k, edge in enumerate(BANDS):
            upper = f"{BANDS[k + 1]:.2f}" if k + 1 < len(BANDS) else "1   "
            print(f"  {edge:.2f}–{upper}  {c.band[k]:7d} {c.band_wrong[k]:6d}")
    if args.verbose:
        labels = [label.strip() for label, _, _ in results]
        print(f"\nper document, link F1 / alone acc: {' | '.join(labels)}")
        for k, pair in enumerate(pairs):
            cells = []
            for _, _, per_doc in results:
                counts = per_doc[k][1]
                cells.append(f"{counts.link_prf()[2]:.3f}/{counts.alone_acc():.2f}")
            print(f"  {pair.name[:40]:40} " + "  ".join(cells))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dirs", nargs="*", type=Path, help="gold set folder(s)")
    parser.add_argument("--verbose", action="store_true", help="per-document breakdown")
    parser.add_argument("--raw", action="store_true", help="align *.raw.txt with our splitting")
    parser.add_argument("--ablation", action="store_true", help="one row per signal")
    parser.add_argument("--calibration", action="store_true", help="low/high confidence figures")
    args = parser.parse_args(argv)
    dirs = args.dirs or [DEFAULT_ROOT / "clean", DEFAULT_ROOT / "noisy"]
    found = [d for d in dirs if d.is_dir()]
    for missing in set(dirs) - set(found):
        print(f"{missing}: not found; skipped (the gold sets are not part of the repository)")
    for directory in found:
        evaluate(directory, args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
