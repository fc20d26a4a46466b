"""CSV/TSV/TBX export and CSV import: bytes on disk, round trips, neutralisation, bad rows."""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET

import pytest

from glossary.exchange import (
    CSV_COLUMNS,
    apply_import,
    export_csv,
    export_store_csv,
    export_tbx,
    export_tsv,
    import_csv,
    neutralise,
    read_csv,
    unneutralise,
)
from glossary.model import Term
from glossary.store import GlossaryError, GlossaryStore


@pytest.fixture
def store(tmp_path):
    s = GlossaryStore(tmp_path / "g.sqlite3")
    yield s
    s.close()


TRICKY = [
    Term(
        "Senior Lieutenant General",
        "Thượng tướng",
        "rank",
        ["Sen. Lt. Gen.", "Col. Gen."],
        [],
        "Vietnam People's Army",
        'Notes with "quotes", commas, and\na line break',
        "Sen. Lt. Gen. Nguyen Chi Vinh, Deputy Minister of Defence",
        "Thượng tướng Nguyễn Chí Vịnh, Thứ trưởng Bộ Quốc phòng",
        "Vietnam, US intensify exchange",
        "2020-07-01",
        "approved",
    ),
    Term(
        '=HYPERLINK("http://x")',
        "+Đại sứ",
        "title",
        ["-Amb."],
        ["@Đại sứ Mỹ"],
        notes="'quoted already",
        example_en="-5 degrees",
    ),
    Term("Ủy viên", "Uỷ viên", "other", notes="\tstarts with a tab"),
]


def test_csv_bytes_have_bom_crlf_and_a_header(store, tmp_path):
    store.add_many(TRICKY)
    out = tmp_path / "out.csv"
    export_csv(store.list(), out)
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\r\n") >= 4
    assert b"\n" not in data.replace(b"\r\n", b"").replace(b"and\na line", b"")
    assert "Thượng tướng".encode() in data  # UTF-8, diacritics intact, NFC
    with open(out, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == [label for label, _ in CSV_COLUMNS]
    assert rows[0][:2] == ["English", "Vietnamese"]  # term first, for Anki
    assert len(rows) == 1 + len(TRICKY)


def test_formula_cells_are_neutralised(store, tmp_path):
    store.add_many(TRICKY)
    out = tmp_path / "out.csv"
    export_csv(store.list(), out)
    with open(out, encoding="utf-8-sig", newline="") as fh:
        cells = [c for row in csv.reader(fh) for c in row]
    assert '\'=HYPERLINK("http://x")' in cells
    assert "'+Đại sứ" in cells
    assert "'-Amb." in cells and "'@Đại sứ Mỹ" in cells and "'-5 degrees" in cells
    assert not any(c[:1] in ("=", "+", "-", "@", "\t", "\r") for c in cells)


@pytest.mark.parametrize("cell", ["=1+1", "+x", "-", "@a", "\tx", "\rx", "'", "'=x", "''", "x"])
def test_neutralise_is_reversible(cell):
    assert unneutralise(neutralise(cell)) == cell
    assert neutralise(cell)[:1] not in ("=", "+", "-", "@", "\t", "\r")


def test_round_trip_gives_the_same_entries(store, tmp_path):
    store.add_many(TRICKY)
    out = tmp_path / "out.csv"
    export_csv(store.list(), out)
    with GlossaryStore(tmp_path / "other.sqlite3") as other:
        preview, report = import_csv(other, out)
        assert preview.own_format and preview.ok and report.added == len(TRICKY)
        before = {t.english: t for t in store.list()}
        after = {t.english: t for t in other.list()}
        assert before.keys() == after.keys()
        for key, term in before.items():
            assert after[key].content() == term.content()
            assert after[key].created_at == term.created_at  # own export keeps the times


def test_filtered_export(store, tmp_path):
    store.add_many(TRICKY)
    out = tmp_path / "ranks.csv"
    assert export_csv(store.list("rank"), out) == 1
    assert "Thượng tướng" in out.read_text(encoding="utf-8-sig")
    assert "Uỷ viên" not in out.read_text(encoding="utf-8-sig")


def test_plain_two_column_file_with_and_without_header(store, tmp_path):
    plain = tmp_path / "plain.csv"
    plain.write_text("General,Đại tướng\r\nMajor General,Thiếu tướng\r\n", encoding="utf-8")
    preview, report = import_csv(store, plain)
    assert not preview.has_header and report.added == 2
    headed = tmp_path / "headed.csv"
    headed.write_text("en;vi\nColonel;Thượng tá\n", encoding="utf-8-sig")  # Excel, semicolons
    preview, report = import_csv(store, headed)
    assert preview.has_header and report.added == 1
    assert store.find_pair("Colonel", "Thượng tá") is not None
    tabbed = tmp_path / "tabbed.txt"
    tabbed.write_text("Captain\tĐại úy\n", encoding="utf-8")
    assert import_csv(store, tabbed)[1].added == 1


def test_plain_file_cells_are_taken_literally(store, tmp_path):
    plain = tmp_path / "plain.csv"
    plain.write_text("'=x,'y\n", encoding="utf-8")
    import_csv(store, plain)
    assert store.find_pair("'=x", "'y") is not None


def test_duplicates_skipped_or_merged(store, tmp_path):
    store.add(Term("General", "Đại tướng", notes="mine"))
    src = tmp_path / "in.csv"
    with GlossaryStore(tmp_path / "src.sqlite3") as other:
        other.add(Term("General", "Đại tướng", english_variants=["Gen."], notes="theirs"))
        other.add(Term("Major", "Thiếu tá"))
        export_csv(other.list(), src)
    preview = read_csv(src, store)
    assert [t.english for _, t, existing in preview.duplicates if existing] == ["General"]
    assert [t.english for _, t in preview.entries] == ["Major"]
    report = apply_import(store, preview, on_duplicate="skip")
    assert (report.added, report.skipped) == (1, 1)
    assert store.find_pair("General", "Đại tướng").english_variants == []
    report = apply_import(store, read_csv(src, store), on_duplicate="merge")
    merged = store.find_pair("General", "Đại tướng")
    assert merged.english_variants == ["Gen."] and merged.notes.startswith("mine")


def test_bad_rows_are_reported_by_line_and_nothing_is_written(store, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "English,Vietnamese,Status\r\n"
        "General,Đại tướng,approved\r\n"
        ",Thiếu tá,draft\r\n"
        "Major General,,draft\r\n"
        "Colonel,Thượng tá,final\r\n"
        "\r\n"
        '"Multi\nline",Đại tá,draft\r\n'
        "Captain,Đại úy,draft\r\n",
        encoding="utf-8",
    )
    preview = read_csv(bad, store)
    lines = {e.line: e.reason for e in preview.errors}
    assert sorted(lines) == [3, 4, 5]
    assert "English" in lines[3] and "Vietnamese" in lines[4] and "status" in lines[5]
    assert [line for line, _ in preview.entries] == [2, 7, 9]
    with pytest.raises(GlossaryError, match="Nothing was imported"):
        apply_import(store, preview)
    assert store.count() == 0


def test_too_many_columns_in_a_plain_file_is_a_bad_row(store, tmp_path):
    f = tmp_path / "three.csv"
    f.write_text("General,Đại tướng\nMajor,Thiếu tá,extra\n", encoding="utf-8")
    preview = read_csv(f, store)
    assert [e.line for e in preview.errors] == [2]


def test_not_utf8_is_one_clear_error(store, tmp_path):
    f = tmp_path / "latin1.csv"
    f.write_bytes("Général,Đ".encode()[:-1] + b"\xff\n")
    with pytest.raises(GlossaryError, match="not UTF-8"):
        read_csv(f, store)


def test_tsv_has_omegat_columns(store, tmp_path):
    store.add_many(TRICKY)
    out = tmp_path / "g.tsv"
    export_tsv(store.list(), out)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(TRICKY)  # the notes' line break did not split an entry
    cols = [line.split("\t") for line in lines]
    assert all(len(c) == 3 for c in cols)
    row = next(c for c in cols if c[0] == "Senior Lieutenant General")
    assert row[1] == "Thượng tướng" and "Sen. Lt. Gen." in row[2]


def test_tbx_is_well_formed_tbx_basic(store, tmp_path):
    store.add_many(TRICKY)
    out = tmp_path / "g.tbx"
    export_tbx(store.list(), out)
    root = ET.parse(out).getroot()
    ns = {"t": "urn:iso:std:iso:30042:ed-2"}
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    assert root.get("type") == "TBX-Basic"
    entries = root.findall(".//t:conceptEntry", ns)
    assert len(entries) == len(TRICKY)
    for entry in entries:
        assert [ls.get(lang) for ls in entry.findall("t:langSec", ns)] == ["en", "vi"]
    terms = [t.text for t in root.iter("{urn:iso:std:iso:30042:ed-2}term")]
    assert "Thượng tướng" in terms and "Sen. Lt. Gen." in terms
    assert '=HYPERLINK("http://x")' in terms  # escaped by ElementTree, read back intact


def test_store_export_is_byte_identical_to_term_export(store, tmp_path):
    store.add_many(TRICKY)
    store.add(Term("Major", "Thiếu tá", "rank", ["Maj."], ["Thiếu tá QĐND"]))
    for category in (None, "rank"):
        a, b = tmp_path / "a.csv", tmp_path / "b.csv"
        export_csv(store.iter_terms(category), a)
        export_store_csv(store, b, category)
        assert a.read_bytes() == b.read_bytes()


def test_store_export_with_control_characters_falls_back_exactly(store, tmp_path):
    store.add(Term("Odd\x1fcell", "Ô\x1ekhác"))
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    export_csv(store.iter_terms(), a)
    assert export_store_csv(store, b) == 1
    assert a.read_bytes() == b.read_bytes()
