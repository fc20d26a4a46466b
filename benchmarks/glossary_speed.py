"""Glossary speed: search latency, term marking and CSV export, printed as figures.

    .venv/bin/python benchmarks/glossary_speed.py [--entries 100000] [--terms 10000]

* search: 100,000 synthetic entries in a temporary database; median and p95 over varied queries
  (folded, prefix, either side, no hits, punctuation). Target: p95 < 20 ms.
* marking: the sample pair repeated to about 5,000 sentences per side, a 10,000-term glossary
  (starter set + synthetic); time to find all terms in both texts. Target: < 300 ms.
* export: CSV of all 100,000 entries. Target: < 1 s.

Not part of the test suite; it only prints.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from glossary.exchange import export_csv, export_store_csv
from glossary.matcher import TermMatcher
from glossary.model import Term
from glossary.starter import load_starter
from glossary.store import GlossaryStore

EN_HEADS = (
    "Senior Lieutenant General, Lieutenant General, Major General, Senior Colonel, Colonel, "
    "Deputy Minister, Minister, Ambassador, Consul General, Director, Deputy Director, "
    "Commander, Political Commissar, Chief of Staff, Secretary, Deputy Secretary, Chairman, "
    "Inspector, Attaché, Head"
).split(", ")
EN_TAILS = (
    "of Logistics, of the Navy, of the Air Force, of Military Region, of the Border Guard, "
    "of Foreign Relations, of Planning, of Training, of Defence Industry, of Engineering, "
    "of Intelligence, of Operations, of the Coast Guard, of Personnel, of Finance"
).split(", ")
VI_SYLLABLES = (
    "thượng tướng trung thiếu đại tá úy bộ trưởng thứ quốc phòng đô đốc hải quân không cục "
    "chính trị tổng tham mưu hậu cần kỹ thuật đối ngoại biên tư lệnh ủy viên sứ lãnh sự "
    "quân khu vùng học viện nhân dân việt nam hoa kỳ cảnh sát biển tài kế hoạch huấn luyện"
).split()


def synthetic_terms(n: int, seed: int = 7) -> list[Term]:
    rng = random.Random(seed)
    terms = []
    for i in range(n):
        en = f"{rng.choice(EN_HEADS)} {rng.choice(EN_TAILS)} {i}"
        vi = " ".join(rng.choice(VI_SYLLABLES) for _ in range(rng.randint(2, 5))) + f" {i}"
        terms.append(
            Term(
                english=en,
                vietnamese=vi,
                category=rng.choice(["rank", "title", "organisation", "other"]),
                english_variants=[f"V{i}. {en.split()[0][:3]}."] if i % 3 == 0 else [],
                branch=rng.choice(["Vietnam People's Army", "US Army", "US Navy", ""]),
                notes="synthetic entry for the benchmark",
            )
        )
    return terms


QUERIES = [
    "thuong tuong",
    "Thượng tướng",
    "dai su",
    "dai",
    "general",
    "lieutenant gen",
    "sen lt",
    "deputy minister of",
    "bo truong quoc phong",
    "hai quan",
    "t",
    "ng",
    "commander of the navy",
    "12345",
    "zzzz nothing",
    "\" * NEAR - % '",
    "chief of staff of logistics 777",
    "uy vien",
    "cuc doi ngoai",
    "attaché",
]


def bench_search(store: GlossaryStore, rounds: int = 5) -> tuple[float, float, float]:
    times = []
    for _ in range(rounds):
        for q in QUERIES:
            t0 = time.perf_counter()
            store.search(q, limit=50)
            times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    return statistics.median(times), p95, times[-1]


def sample_sentences() -> tuple[list[str], list[str]]:
    from reader.paths import sample_pair

    en_path, vi_path = sample_pair()
    en = [line for line in en_path.read_text(encoding="utf-8").splitlines()[1:] if line.strip()]
    vi = [line for line in vi_path.read_text(encoding="utf-8").splitlines()[1:] if line.strip()]
    return en, vi


def bench_marking(store: GlossaryStore, n_terms: int, n_sentences: int = 5000) -> dict:
    terms = store.list(limit=n_terms)
    t0 = time.perf_counter()
    matcher = TermMatcher(terms)
    build = time.perf_counter() - t0
    en_lines, vi_lines = sample_sentences()
    # The sample's paragraphs hold several sentences; ~2.5 sentences a line on average.
    reps = max(1, n_sentences // max(1, len(en_lines)) // 2)
    en_text = "\n".join(en_lines * reps)
    vi_text = "\n".join(vi_lines * reps)
    runs = []
    for _ in range(3):
        t0 = time.perf_counter()
        en_matches = matcher.find(en_text, "en")
        vi_matches = matcher.find(vi_text, "vi")
        runs.append(time.perf_counter() - t0)
    return {
        "terms": len(terms),
        "forms": matcher.size,
        "build_ms": build * 1000,
        "mark_ms": min(runs) * 1000,
        "chars": len(en_text) + len(vi_text),
        "sentences_approx": en_text.count(". ") + en_text.count(".\n") + 1,
        "matches": (len(en_matches), len(vi_matches)),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--entries", type=int, default=100_000)
    ap.add_argument("--terms", type=int, default=10_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.sqlite3"
        store = GlossaryStore(db)
        load_starter(store)
        t0 = time.perf_counter()
        report = store.add_many(synthetic_terms(args.entries - store.count()))
        insert = time.perf_counter() - t0
        print(f"entries: {store.count():,} (inserted {report.added:,} in {insert:.1f} s)")

        median, p95, worst = bench_search(store)
        verdict = "OK" if p95 < 20 else "SLOW"
        print(
            f"search over {store.count():,} entries, {len(QUERIES)} queries x 5: "
            f"median {median:.2f} ms, p95 {p95:.2f} ms, max {worst:.2f} ms  [target p95 < 20 ms: "
            f"{verdict}]"
        )

        m = bench_marking(store, args.terms)
        verdict = "OK" if m["mark_ms"] < 300 else "SLOW"
        print(
            f"marking: {m['terms']:,} terms ({m['forms']:,} forms), ~{m['sentences_approx']:,} "
            f"sentences per side, {m['chars']:,} characters: {m['mark_ms']:.0f} ms for both "
            f"texts ({m['matches'][0]:,} + {m['matches'][1]:,} marks); matcher built in "
            f"{m['build_ms']:.0f} ms  [target < 300 ms: {verdict}]"
        )

        out = Path(tmp) / "export.csv"
        t0 = time.perf_counter()
        n = export_store_csv(store, out)
        export = time.perf_counter() - t0
        verdict = "OK" if export < 1 else "SLOW"
        print(
            f"CSV export (whole store, export_store_csv): {n:,} entries, "
            f"{out.stat().st_size / 1e6:.1f} MB in {export:.2f} s  [target < 1 s: {verdict}]"
        )
        t0 = time.perf_counter()
        n = export_csv(store.iter_terms(), Path(tmp) / "export2.csv")
        print(
            f"CSV export (a list of Term objects, export_csv): {n:,} entries in "
            f"{time.perf_counter() - t0:.2f} s  (for reference: the UI's filtered export)"
        )
        store.close()


if __name__ == "__main__":
    main()
