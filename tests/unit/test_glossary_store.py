"""The glossary store: migrations, uniqueness, NFC, folded search, literal queries, CRUD/undo."""

from __future__ import annotations

import sqlite3
import unicodedata

import pytest

from glossary.model import Term
from glossary.store import DuplicateTermError, GlossaryStore, TermNotFoundError, migrations


@pytest.fixture
def store(tmp_path):
    s = GlossaryStore(tmp_path / "g.sqlite3")
    yield s
    s.close()


@pytest.fixture
def filled(store):
    for term in [
        Term("Senior Lieutenant General", "Thượng tướng", "rank", ["Sen. Lt. Gen."]),
        Term("Lieutenant General", "Trung tướng", "rank", ["Lt. Gen."]),
        Term("General", "Đại tướng", "rank", ["Gen."]),
        Term("Ambassador", "Đại sứ", "title"),
        Term("US Ambassador", "Đại sứ Hoa Kỳ", "title", [], ["Đại sứ Mỹ"]),
        Term("Senior Colonel", "Đại tá", "rank"),
        Term("Ministry of National Defence", "Bộ Quốc phòng", "organisation", ["MND"]),
    ]:
        store.add(term)
    return store


def english(results):
    return [t.english for t in results]


# --- migrations ---------------------------------------------------------------------------------


def test_migrations_create_schema_in_an_empty_file(tmp_path):
    path = tmp_path / "new" / "g.sqlite3"
    with GlossaryStore(path) as store:
        assert migrations.pending(store.db) == []
        assert store.schema_version == len(migrations.applied(store.db)) >= 2
        assert store.count() == 0
    db = sqlite3.connect(path)
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"terms", "terms_fts", "term_keys", "_sqlite_migrations"} <= tables
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()


def test_reopening_keeps_entries_and_applies_nothing_twice(tmp_path):
    path = tmp_path / "g.sqlite3"
    with GlossaryStore(path) as store:
        store.add(Term("Ambassador", "Đại sứ"))
        version = store.schema_version
    with GlossaryStore(path) as store:
        assert store.schema_version == version
        assert store.count() == 1
        assert english(store.search("dai su")) == ["Ambassador"]
        applied = store.db.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0]
        assert applied == version


def test_upgrade_from_version_1_fills_the_key_index(tmp_path):
    """A file made by the first release (only migration 0001) is upgraded with its data."""
    import sqlite_utils

    path = tmp_path / "old.sqlite3"
    db = sqlite_utils.Database(path)
    migrations.apply(db, stop_before="0002_term_keys")
    db.close()
    # Write one entry the way version 1 did (through the store code path, minus term_keys).
    from glossary.store import _row

    db = sqlite_utils.Database(path)
    term = Term("Ambassador", "Đại sứ", created_at="2020-01-01T00:00:00Z", updated_at="x")
    row = _row(term.normalised())
    db["terms"].insert(row)
    db.close()
    with GlossaryStore(path) as store:
        assert store.schema_version == 2
        assert english(store.search("dai su")) == ["Ambassador"]


# --- uniqueness, NFC ----------------------------------------------------------------------------


def test_same_pair_twice_raises_with_the_existing_id(store):
    first = store.add(Term("Ambassador", "Đại sứ", "title"))
    with pytest.raises(DuplicateTermError) as info:
        store.add(Term("  ambassador ", "ĐẠI SỨ"))
    assert info.value.existing_id == first.id
    assert store.count() == 1


def test_same_english_with_another_translation_is_allowed(store):
    store.add(Term("Colonel", "Thượng tá", branch="Vietnam People's Army"))
    store.add(Term("Colonel", "Đại tá", branch="US Army"))
    assert store.count() == 2


def test_nfd_input_is_stored_and_found_as_nfc(store):
    nfd = unicodedata.normalize("NFD", "Thượng tướng")
    assert nfd != "Thượng tướng"
    saved = store.add(Term("Senior Lieutenant General", nfd, vietnamese_variants=[nfd + " QĐND"]))
    got = store.get(saved.id)
    assert got.vietnamese == "Thượng tướng"
    assert unicodedata.is_normalized("NFC", got.vietnamese_variants[0])
    assert english(store.search("Thượng tướng")) == ["Senior Lieutenant General"]
    assert english(store.search(nfd)) == ["Senior Lieutenant General"]
    with pytest.raises(DuplicateTermError):  # the NFC twin is the same pair
        store.add(Term("Senior Lieutenant General", "Thượng tướng"))


def test_empty_side_is_refused(store):
    with pytest.raises(ValueError):
        store.add(Term("General", "  "))


# --- search -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("thuong tuong", "Senior Lieutenant General"),
        ("dai su", "Ambassador"),
        ("DAI SU", "Ambassador"),
        ("Đại sứ", "Ambassador"),
        ("dai ta", "Senior Colonel"),
        ("bo quoc phong", "Ministry of National Defence"),
    ],
)
def test_folded_search(filled, query, first):
    assert english(filled.search(query))[0] == first


def test_prefix_while_typing(filled):
    assert "Senior Lieutenant General" in english(filled.search("thuong tu"))
    assert "Senior Lieutenant General" in english(filled.search("senior lieut"))
    assert english(filled.search("amb"))[:2] == ["Ambassador", "US Ambassador"]


def test_either_side_and_variants(filled):
    assert english(filled.search("Sen. Lt. Gen.")) == ["Senior Lieutenant General"]
    assert english(filled.search("sen lt gen")) == ["Senior Lieutenant General"]
    assert english(filled.search("dai su my")) == ["US Ambassador"]
    assert english(filled.search("mnd")) == ["Ministry of National Defence"]
    assert english(filled.search("trung tuong")) == ["Lieutenant General"]


def test_exact_match_comes_first(filled):
    # "general" occurs in three entries; the one that IS "General" comes first.
    results = english(filled.search("general"))
    assert results[0] == "General"
    assert set(results) == {"General", "Lieutenant General", "Senior Lieutenant General"}
    # "dai su" is exactly "Đại sứ"; "Đại sứ Hoa Kỳ" only starts with it.
    assert english(filled.search("dai su")) == ["Ambassador", "US Ambassador"]


def test_category_filter_on_search_and_list(filled):
    assert english(filled.search("dai", category="title")) == ["Ambassador", "US Ambassador"]
    assert {t.category for t in filled.list("rank")} == {"rank"}
    assert filled.count("rank") == 4
    assert set(filled.categories()) == {"rank", "title", "organisation"}


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '""',
        "*",
        "NEAR",
        "NEAR(a b)",
        "-",
        "'",
        "%",
        "a OR b",
        'sen" OR "x',
        "^",
        "(",
        ")",
        ":",
        "dai*",
        "AND",
        "NOT dai",
        "{en}: x",
        "\\",
        "",
        "   ",
        "🙂",
        "%_%",
        "a\x00b",
    ],
)
def test_special_characters_never_raise(filled, query):
    results = filled.search(query)
    assert isinstance(results, list)


def test_query_words_are_literal_not_fts_syntax(filled):
    # "OR" is a word here, not an operator: nothing contains "dai" AND "or" AND "ta".
    assert filled.search("dai OR ta") == []
    assert english(filled.search("dai* ta")) == ["Senior Colonel"]


# --- CRUD ---------------------------------------------------------------------------------------


def test_update_changes_fields_and_search(filled):
    term = filled.search("dai ta")[0]
    term.notes = "VPA: highest field-grade rank"
    term.english_variants = ["Sen. Col."]
    saved = filled.update(term)
    assert filled.get(term.id).notes == "VPA: highest field-grade rank"
    assert english(filled.search("sen col")) == ["Senior Colonel"]
    assert saved.updated_at >= saved.created_at


def test_update_into_an_existing_pair_is_a_duplicate(filled):
    term = filled.search("dai ta")[0]
    term.english, term.vietnamese = "General", "Đại tướng"
    with pytest.raises(DuplicateTermError):
        filled.update(term)


def test_delete_returns_the_entry_and_restore_undoes_it(filled):
    term = filled.search("thuong tuong")[0]
    deleted = filled.delete(term.id)
    assert deleted == term
    assert filled.search("thuong tuong") == []
    with pytest.raises(TermNotFoundError):
        filled.get(term.id)
    restored = filled.restore(deleted)
    assert restored == term  # same id, same times, same data
    assert english(filled.search("sen lt gen")) == ["Senior Lieutenant General"]


def test_merge_unites_variants_and_keeps_user_data(filled):
    term = filled.search("dai su")[0]
    merged = filled.merge(term.id, Term("Ambassador", "Đại sứ", notes="diplomatic", branch="X"))
    assert merged.notes == "diplomatic" and merged.branch == "X"
    again = filled.merge(term.id, Term("Ambassador", "Đại sứ", english_variants=["Amb."]))
    assert again.english_variants == ["Amb."] and again.notes == "diplomatic"


def test_add_many_is_all_or_nothing(store):
    store.add(Term("General", "Đại tướng"))
    terms = [Term("Major", "Thiếu tá"), Term("General", "Đại tướng"), Term("Captain", "")]
    with pytest.raises(ValueError):
        store.add_many(terms, on_duplicate="skip")
    assert store.count() == 1
    report = store.add_many(terms[:2], on_duplicate="skip")
    assert (report.added, report.skipped) == (1, 1)
    with pytest.raises(DuplicateTermError):
        store.add_many(
            [Term("Colonel", "Thượng tá"), Term("General", "Đại tướng")], on_duplicate="error"
        )
    assert store.count() == 2


def test_times_are_utc_iso(store):
    term = store.add(Term("Major", "Thiếu tá"))
    assert term.created_at.endswith("Z") and "T" in term.created_at
