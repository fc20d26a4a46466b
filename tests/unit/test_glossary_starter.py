"""The shipped starter set: size, well-formed rows, key facts, references noted."""

from __future__ import annotations

from glossary.exchange import read_csv
from glossary.model import CATEGORIES, pair_key
from glossary.starter import load_starter, starter_path, starter_terms
from glossary.store import GlossaryStore


def test_file_is_our_csv_format_without_bad_rows():
    preview = read_csv(starter_path())
    assert preview.own_format and preview.errors == [] and preview.duplicates == []


def test_at_least_60_distinct_entries_with_references():
    terms = starter_terms()
    assert len(terms) >= 60
    assert len({pair_key(t.english, t.vietnamese) for t in terms}) == len(terms)
    assert all(t.category in CATEGORIES for t in terms)
    assert all("Checked:" in t.notes for t in terms)


def test_key_facts():
    pairs = {(t.english, t.vietnamese): t for t in starter_terms()}
    assert "Sen. Lt. Gen." in pairs["Senior Lieutenant General", "Thượng tướng"].english_variants
    assert ("Senior Colonel", "Đại tá") in pairs  # VPA
    assert ("Colonel", "Thượng tá") in pairs  # VPA
    assert ("Colonel", "Đại tá") in pairs  # US
    assert ("Admiral", "Đô đốc") in pairs and ("Vice Admiral", "Phó Đô đốc") in pairs
    assert ("Rear Admiral", "Chuẩn Đô đốc") in pairs
    assert ("Brigadier General", "Chuẩn tướng") in pairs
    assert ("Minister of National Defence", "Bộ trưởng Bộ Quốc phòng") in pairs
    assert ("Deputy Minister of National Defence", "Thứ trưởng Bộ Quốc phòng") in pairs
    assert ("Acting Assistant Secretary of Defense", "Quyền Trợ lý Bộ trưởng Quốc phòng") in pairs
    assert ("Chief of the General Staff", "Tổng Tham mưu trưởng") in pairs
    assert ("Ambassador", "Đại sứ") in pairs


def test_load_starter_is_idempotent(tmp_path):
    with GlossaryStore(tmp_path / "g.db") as store:
        first = load_starter(store)
        second = load_starter(store)
        assert first.added == store.count() >= 60
        assert (second.added, second.skipped) == (0, first.added)
