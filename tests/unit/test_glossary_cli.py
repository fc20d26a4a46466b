"""``duet glossary`` through glossary.cli, and the starter set it loads."""

from __future__ import annotations

import argparse
import csv

import pytest

from glossary.cli import add_glossary_parser, run_glossary
from glossary.store import GlossaryStore


def duet(*argv):
    parser = argparse.ArgumentParser(prog="duet")
    add_glossary_parser(parser.add_subparsers(dest="command", required=True))
    return run_glossary(parser.parse_args(list(argv)))


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "g.db")


def test_starter_then_export_lists_thuong_tuong(db, tmp_path, capsys):
    assert duet("glossary", "--db", db, "import", "--starter") == 0
    out = tmp_path / "out.csv"
    assert duet("glossary", "--db", db, "export", str(out)) == 0
    with open(out, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    row = next(r for r in rows if r["Vietnamese"] == "Thượng tướng")
    assert row["English"] == "Senior Lieutenant General"
    assert "Sen. Lt. Gen." in row["English variants"].split(" | ")
    assert len(rows) >= 60


def test_starter_reload_is_idempotent(db, capsys):
    assert duet("glossary", "--db", db, "import", "--starter") == 0
    with GlossaryStore(db) as store:
        n = store.count()
    assert n >= 60
    assert duet("glossary", "--db", db, "import", "--starter") == 0
    assert "0 new entries" in capsys.readouterr().out
    with GlossaryStore(db) as store:
        assert store.count() == n


def test_search_prints_tab_separated_lines(db, capsys):
    duet("glossary", "--db", db, "import", "--starter")
    capsys.readouterr()
    assert duet("glossary", "--db", db, "search", "thuong tuong") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split("\t") == ["Senior Lieutenant General", "Thượng tướng", "Military rank"]
    assert all(len(line.split("\t")) == 3 for line in lines)


@pytest.mark.parametrize("query", ["zzzz", '"', "* NEAR -", "'%", "--", ""])
def test_search_without_hits_exits_zero(db, capsys, query):
    duet("glossary", "--db", db, "add", "General", "Đại tướng")
    capsys.readouterr()
    assert duet("glossary", "--db", db, "search", "--", query) == 0
    assert capsys.readouterr().out == ""


def test_add_with_variants_and_category(db, capsys):
    rc = duet(
        "glossary",
        "--db",
        db,
        "add",
        "Senior Colonel",
        "Đại tá",
        "--category",
        "rank",
        "--en-variant",
        "Sen. Col.",
        "--en-variant",
        "Snr Col",
    )
    assert rc == 0
    with GlossaryStore(db) as store:
        (term,) = store.list()
    assert term.category == "rank" and term.english_variants == ["Sen. Col.", "Snr Col"]
    capsys.readouterr()
    duet("glossary", "--db", db, "list", "--category", "Military rank")
    assert capsys.readouterr().out == "Senior Colonel\tĐại tá\tMilitary rank\n"


def test_duplicate_add_is_one_sentence_and_nonzero(db, capsys):
    duet("glossary", "--db", db, "add", "General", "Đại tướng")
    capsys.readouterr()
    assert duet("glossary", "--db", db, "add", "general", "Đại tướng") != 0
    err = capsys.readouterr().err
    assert "already in the glossary" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_missing_import_file_is_a_clear_error(db, tmp_path, capsys):
    assert duet("glossary", "--db", db, "import", str(tmp_path / "nope.csv")) != 0
    err = capsys.readouterr().err
    assert "nope.csv" in err and "Traceback" not in err


def test_import_with_bad_rows_writes_nothing(db, tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("General,Đại tướng\nMajor,\n", encoding="utf-8")
    assert duet("glossary", "--db", db, "import", str(bad)) != 0
    assert "line 2" in capsys.readouterr().err
    with GlossaryStore(db) as store:
        assert store.count() == 0


def test_import_merge_and_formats(db, tmp_path, capsys):
    duet("glossary", "--db", db, "import", "--starter")
    for fmt, name in (("csv", "a.csv"), ("tsv", "a.tsv"), ("tbx", "a.tbx")):
        assert duet("glossary", "--db", db, "export", str(tmp_path / name), "--format", fmt) == 0
    assert (tmp_path / "a.tbx").read_bytes().startswith(b"<?xml")
    assert "\t" in (tmp_path / "a.tsv").read_text(encoding="utf-8")
    # the starter's own CSV round-trips into a fresh db and merges into an existing one
    other = str(tmp_path / "other.db")
    assert duet("glossary", "--db", other, "import", str(tmp_path / "a.csv")) == 0
    assert duet("glossary", "--db", other, "import", "--merge", str(tmp_path / "a.csv")) == 0
    ranks = tmp_path / "ranks.csv"
    assert duet("glossary", "--db", db, "export", str(ranks), "--category", "rank") == 0
    text = ranks.read_text(encoding="utf-8-sig")
    assert "Thượng tướng" in text and "Đại sứ" not in text


def test_default_db_honours_duet_db(tmp_path, monkeypatch, capsys):
    target = tmp_path / "env.db"
    monkeypatch.setenv("DUET_DB", str(target))
    assert duet("glossary", "add", "Major", "Thiếu tá") == 0
    assert target.exists()


def test_default_db_is_in_the_redirected_data_folder(isolated_user_folders):
    assert duet("glossary", "add", "Major", "Thiếu tá") == 0
    assert (isolated_user_folders / "data" / "glossary.sqlite3").exists()


def test_import_needs_a_file_or_starter(db, capsys):
    assert duet("glossary", "--db", db, "import") != 0
    assert "--starter" in capsys.readouterr().err


def test_no_qt_imported():
    import subprocess
    import sys

    code = (
        "import sys, glossary.cli, glossary.store, glossary.exchange, glossary.matcher, "
        "glossary.spelling, glossary.starter; print('PySide6' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
