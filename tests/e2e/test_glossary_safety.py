"""Issue 5, data safety with real processes: SIGKILL mid-import, two writers, the CLI's start-up.

The child processes are ``tests/e2e/glossary_child.py``; coordination is by lines on pipes.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from glossary.exchange import export_csv
from glossary.model import Term
from glossary.store import GlossaryStore

CHILD = Path(__file__).with_name("glossary_child.py")
REPO = Path(__file__).resolve().parents[2]


def child(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(CHILD), *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        cwd=REPO,
    )


def check_database(path: Path) -> int:
    """integrity_check ok, search index and key index consistent; returns the entry count."""
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.execute("INSERT INTO terms_fts(terms_fts) VALUES ('integrity-check')")
        count = conn.execute("SELECT count(*) FROM terms").fetchone()[0]
        keyed = conn.execute("SELECT count(DISTINCT term_id) FROM term_keys").fetchone()[0]
        assert keyed == count
        conn.rollback()
        return count
    finally:
        conn.close()


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_during_a_10000_row_import_leaves_before_or_after_never_half(tmp_path):
    db = tmp_path / "glossary.sqlite3"
    with GlossaryStore(db) as store:
        store.add_many(Term(f"Existing {k}", f"Có sẵn {k}") for k in range(100))
    rng = random.Random(20240501)
    outcomes = []
    for run in range(20):
        csv_path = tmp_path / f"run{run}.csv"
        export_csv(
            (Term(f"Run {run} term {k}", f"Lượt {run} mục {k}") for k in range(10_000)), csv_path
        )
        before = check_database(db)
        proc = child("import", str(db), str(csv_path))
        if run % 4 == 3:  # at a random moment: before, during, at the commit, or after
            trigger = "started"
            delay = rng.uniform(0.0, 1.5)
        else:  # right after a given row was written, up to the last one before COMMIT
            trigger = f"row {rng.randrange(500, 10_001, 500)}"
            delay = 0.0
        for line in proc.stdout:
            if line.strip() == trigger:
                break
        else:
            pytest.fail(f"run {run}: the child ended early: {proc.stderr.read()}")
        if delay:
            time.sleep(delay)  # timing variety only; correctness never depends on it
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        proc.stdout.close(), proc.stderr.close(), proc.stdin.close()
        after = check_database(db)
        conn = sqlite3.connect(db)
        this_run = conn.execute(
            "SELECT count(*) FROM terms WHERE english LIKE ?", [f"Run {run} term %"]
        ).fetchone()[0]
        conn.close()
        assert (after, this_run) in ((before, 0), (before + 10_000, 10_000)), f"run {run}"
        outcomes.append("after" if this_run else "before")
        with GlossaryStore(db) as store:  # and the app opens it as usual
            assert store.count() == after
    assert outcomes.count("before") >= 10  # the row-triggered kills all land before COMMIT


@pytest.mark.slow
def test_two_processes_adding_1000_terms_each_lose_nothing(tmp_path):
    db = tmp_path / "glossary.sqlite3"
    GlossaryStore(db).close()
    procs = [child("add", str(db), name, "1000") for name in ("first", "second")]
    for proc in procs:
        assert proc.stdout.readline().strip() == "ready", proc.stderr.read()
    for proc in procs:  # both start writing at the same moment
        proc.stdin.write("go\n")
        proc.stdin.flush()
    results = [proc.communicate(timeout=240) for proc in procs]
    for proc, (out, err) in zip(procs, results, strict=True):
        assert proc.returncode == 0, err
        assert "locked" not in err and "busy" not in err
        assert out.strip().endswith("done")
    assert check_database(db) == 2000
    with GlossaryStore(db) as store:
        assert len(store.search("first term 999")) >= 1
        assert store.find_pair("second term 0", "thuật ngữ second 0") is not None


def duet_glossary(*args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "reader", "glossary", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        cwd=REPO,
    )


def test_cli_sets_a_damaged_glossary_aside_and_goes_on(tmp_path):
    db = tmp_path / "glossary.sqlite3"
    db.write_bytes(os.urandom(20_000))
    result = duet_glossary("--db", db, "add", "General", "Đại tướng")
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith("duet glossary: The glossary file was damaged; it was kept as")
    assert "Added entry 1: General\tĐại tướng" in result.stdout
    assert len(list(tmp_path.glob("glossary.sqlite3.corrupt-*"))) == 1
    assert len(list((tmp_path / "backups").glob("glossary-*-daily.sqlite3"))) == 1


def test_cli_refuses_a_newer_glossary_without_touching_it(tmp_path):
    db = tmp_path / "glossary.sqlite3"
    GlossaryStore(db).close()
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 7")
    conn.commit()
    conn.close()
    before = db.read_bytes()
    result = duet_glossary("--db", db, "list")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "duet glossary: The glossary glossary.sqlite3 was saved by a newer version of Duet "
        "(schema version 7; this version knows up to 2). Update Duet to open it; the file was "
        "not changed."
    )
    assert db.read_bytes() == before
