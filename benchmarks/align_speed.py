"""Aligner speed and memory on book-sized pairs, with Gale–Church timed on the same input.

    .venv/bin/python benchmarks/align_speed.py [--sizes 5000 50000] [--seed 1]

The pair is built from real text read at run time: the sample pair in ``resources/samples`` and,
when present, the development articles in ``../shared/eval/align-dev/clean`` (read, never copied).
Articles are drawn in a random order (the same order on both sides) and about 3% of the Vietnamese
sentences are dropped, so the path is not the diagonal and the aligner has to find the gaps.

Printed per size: split+align time (the files written to a temporary folder, loaded with duet's own
sentence splitting, as ``duet align`` does), align-only time, peak memory of the align-only run
(``ru_maxrss`` of a fresh subprocess, minus the same process before aligning), the share of the
known 1-1 links recovered, and Gale–Church (PyPI ``galechurch``) time on the same sentences.
Targets: 5,000 × 5,000 under 1 s, 50,000 × 50,000 under 15 s and 1 GB.

``open_pair_hook(en_path, vi_path)`` returns (documents, alignment) the way the window needs them,
so the window's own benchmark can time it without depending on this file's internals.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from reader.text.loading import load_document  # noqa: E402

EVAL = REPO.parent / "shared" / "eval" / "align-dev" / "clean"


def articles() -> list[tuple[list[str], list[str]]]:
    samples = REPO / "resources" / "samples"
    out = []
    for en in sorted(samples.glob("*.en.txt")):
        vi = en.with_name(en.name.replace(".en.", ".vi."))
        out.append((load_document(en, "en").sentence_texts, load_document(vi, "vi").sentence_texts))
    for en in sorted(EVAL.glob("*.en.txt")) if EVAL.is_dir() else ():
        vi = en.with_name(en.name.replace(".en.", ".vi."))
        out.append(
            (
                load_document(en, "en", lines=True).sentence_texts,
                load_document(vi, "vi", lines=True).sentence_texts,
            )
        )
    return out


def build_pair(size: int, seed: int):
    """About ``size`` sentences a side; returns (en, vi, known links as (en, vi) index pairs).

    Known links are the 1-1 positions of articles whose line counts match (the sample's are not
    1-1, the clean set's nearly all are); dropped Vietnamese sentences take their link with them.
    """
    pool = articles()
    rng = random.Random(seed)
    en: list[str] = []
    vi: list[str] = []
    links = []
    while len(en) < size:
        source, target = pool[rng.randrange(len(pool))]
        parallel = len(source) == len(target)
        base = len(en)
        en.extend(source)
        for k, sentence in enumerate(target):
            if rng.random() < 0.03:
                continue  # the translator dropped it: its English sentence is left one-sided
            if parallel:
                links.append((base + k, len(vi)))
            vi.append(sentence)
    return en, vi, links


def _child(args: list[str]) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", *args], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def child_align(size: int, seed: int) -> dict:
    """Runs in a fresh process so that peak memory belongs to this alignment alone."""
    from reader.align import align

    en, vi, links = build_pair(size, seed)
    import numpy  # noqa: F401  (imported before the baseline, like the aligner's own imports)

    from reader.align import dp, signals  # noqa: F401

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    alignment = align(en, vi)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    found = {
        (i, j)
        for b in alignment.beads
        if len(b.source) == 1 == len(b.target)
        for i in b.source
        for j in b.target
    }
    recovered = sum(link in found for link in links) / len(links) if links else float("nan")
    return {
        "n": len(en),
        "m": len(vi),
        "seconds": seconds,
        "peak_mb": (peak - before) / 1024,
        "total_mb": peak / 1024,
        "links": recovered,
    }


def child_split_align(size: int, seed: int) -> dict:
    en, vi, _ = build_pair(size, seed)
    with tempfile.TemporaryDirectory() as folder:
        en_path, vi_path = Path(folder) / "a.en.txt", Path(folder) / "a.vi.txt"
        # One paragraph per sentence-group of five, so the splitter has real work to do.
        en_path.write_text(_paragraphs(en), "utf-8")
        vi_path.write_text(_paragraphs(vi), "utf-8")
        started = time.perf_counter()
        documents, alignment = open_pair_hook(en_path, vi_path)
        seconds = time.perf_counter() - started
    return {
        "n": len(documents[0].sentences),
        "m": len(documents[1].sentences),
        "seconds": seconds,
        "beads": len(alignment),
    }


def _paragraphs(sentences: list[str]) -> str:
    return "\n".join(" ".join(sentences[k : k + 5]) for k in range(0, len(sentences), 5)) + "\n"


def child_gale_church(size: int, seed: int) -> dict:
    import galechurch
    from galechurch._lengths import char_length

    en, vi, _ = build_pair(size, seed)
    ratio = sum(map(char_length, vi)) / sum(map(char_length, en))
    started = time.perf_counter()
    try:
        galechurch.align(en, vi, mean_xy=ratio, max_block_size=(len(en) + 1) * (len(vi) + 1))
    except (ValueError, MemoryError) as error:
        return {"seconds": None, "error": str(error)[:80]}
    return {"seconds": time.perf_counter() - started}


def open_pair_hook(en_path, vi_path):
    """Load and align a pair exactly as the window does (split + align), for its benchmark."""
    from reader.align import align_documents

    en = load_document(en_path, "en")
    vi = load_document(vi_path, "vi")
    return (en, vi), align_documents(en, vi)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 50000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        kind, size, seed = args.child
        run = {"align": child_align, "split": child_split_align, "gc": child_gale_church}[kind]
        print(json.dumps(run(int(size), int(seed))))
        return 0
    if not EVAL.is_dir():
        print(f"({EVAL} not found: building the pair from the sample pair alone)")
    print(f"{'size':>7} {'task':34} {'seconds':>8} {'peak MB':>8} {'1-1 links':>9}")
    for size in args.sizes:
        seed = str(args.seed)
        if size <= 10000:
            split = _child(["split", str(size), seed])
            print(f"{size:>7} {'duet split + align':34} {split['seconds']:8.2f}")
        result = _child(["align", str(size), seed])
        label = f"duet align only ({result['n']}×{result['m']})"
        print(
            f"{size:>7} {label:34} {result['seconds']:8.2f} {result['peak_mb']:8.0f} "
            f"{result['links']:9.4f}"
        )
        try:
            gc = _child(["gc", str(size), seed])
        except subprocess.CalledProcessError as error:
            gc = {"seconds": None, "error": (error.stderr or "failed").strip().splitlines()[-1]}
        if gc.get("seconds") is None:
            print(f"{size:>7} {'Gale-Church (galechurch)':34} {'—':>8}  {gc.get('error', '')}")
        else:
            print(f"{size:>7} {'Gale-Church (galechurch)':34} {gc['seconds']:8.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
