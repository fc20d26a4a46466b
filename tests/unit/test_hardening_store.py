"""Issue 5, the glossary file: newer, older, damaged and foreign files; backups; busy; search input.

What the user would notice: the message they read, the file left untouched (bytes and mtime),
the set-aside copy that still holds their entries, the backup that brings them back.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlite_utils
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossary.backup import (
    BackupError,
    backup_dir,
    list_backups,
    make_daily_backup,
    restore_backup,
)
from glossary.model import Term
from glossary.store import (
    CorruptDatabaseError,
    GlossaryBusyError,
    GlossaryStore,
    NewerDatabaseError,
    NotAGlossaryError,
    _row,
    migrations,
    open_store_safely,
)

DAY = datetime(2024, 5, 1, 9, 30, tzinfo=UTC)


def make_glossary(path: Path, *pairs: tuple[str, str]) -> Path:
    with GlossaryStore(path) as store:
        for en, vi in pairs:
            store.add(Term(en, vi))
    return path


def snapshot(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


# --- a file from a newer Duet -------------------------------------------------------------------


@pytest.mark.parametrize("how", ["unknown-migration", "higher-user-version"])
def test_newer_database_is_refused_and_left_untouched(tmp_path, how):
    path = make_glossary(tmp_path / "db" / "glossary.sqlite3", ("Ambassador", "Đại sứ"))
    db = sqlite3.connect(path)
    if how == "unknown-migration":
        db.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
            "VALUES ('duet_glossary', '0003_from_the_future', 'x')"
        )
        db.execute("PRAGMA user_version = 3")
    else:
        db.execute("PRAGMA user_version = 9")
    db.commit()
    db.execute("PRAGMA journal_mode = delete")  # a clean single file, as a copy would be
    db.close()
    before = snapshot(path)
    for opener in (GlossaryStore, open_store_safely):
        with pytest.raises(NewerDatabaseError) as caught:
            opener(path)
        assert snapshot(path) == before
    message = str(caught.value)
    assert message.startswith("The glossary glossary.sqlite3 was saved by a newer version of Duet")
    assert message.endswith("Update Duet to open it; the file was not changed.")
    assert not backup_dir(path).exists()  # not treated as an upgrade or as damage
    assert sorted(p.name for p in path.parent.iterdir()) == ["glossary.sqlite3"]


# --- an older schema ----------------------------------------------------------------------------


def test_upgrading_an_older_schema_keeps_a_copy_first(tmp_path):
    path = tmp_path / "glossary.sqlite3"
    db = sqlite_utils.Database(path)
    migrations.apply(db, stop_before="0002_term_keys")
    row = _row(Term("Ambassador", "Đại sứ", created_at="2020-01-01T00:00:00Z").normalised())
    row["updated_at"] = "2020-01-01T00:00:00Z"
    db["terms"].insert(row)
    db.execute("PRAGMA user_version = 1")
    db.close()

    with GlossaryStore(path) as store:
        assert store.schema_version == 2
        assert [t.english for t in store.search("dai su")] == ["Ambassador"]
    (copy,) = list_backups(path)
    assert copy.name.startswith("glossary-") and copy.name.endswith("-before-v2.sqlite3")
    old = sqlite3.connect(copy)
    assert old.execute("PRAGMA user_version").fetchone()[0] == 1
    assert old.execute("SELECT name FROM _sqlite_migrations").fetchall() == [("0001_terms",)]
    assert old.execute("SELECT english FROM terms").fetchall() == [("Ambassador",)]
    old.close()
    with GlossaryStore(path):
        pass
    assert len(list_backups(path)) == 1  # a current file is not copied again


# --- damaged and foreign files ------------------------------------------------------------------


def test_random_bytes_are_set_aside_and_a_fresh_glossary_starts(tmp_path):
    path = tmp_path / "glossary.sqlite3"
    junk = os.urandom(64 * 1024)
    path.write_bytes(junk)
    make_daily_backup(make_glossary(tmp_path / "other.sqlite3"))  # someone else's backups
    store, notice = open_store_safely(path, now=DAY)
    with store:
        assert store.count() == 0
        store.add(Term("General", "Đại tướng"))
    aside = tmp_path / "glossary.sqlite3.corrupt-20240501T093000Z"
    assert notice == (
        "The glossary file was damaged; it was kept as glossary.sqlite3.corrupt-20240501T093000Z "
        "and a new, empty glossary was created."
    )
    assert aside.read_bytes() == junk
    with pytest.raises(CorruptDatabaseError, match="is damaged"):
        GlossaryStore(aside)


def test_damaged_pages_are_found_and_the_notice_points_to_the_backup(tmp_path):
    path = make_glossary(
        tmp_path / "glossary.sqlite3", *[(f"Term {i}", f"Thuật ngữ {i}") for i in range(300)]
    )
    make_daily_backup(path, now=DAY)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page = conn.execute("PRAGMA page_size").fetchone()[0]
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.close()
    assert pages > 6
    with open(path, "r+b") as fh:  # the header is fine; index and table pages are not
        for n in range(2, pages, 2):
            fh.seek(n * page + 8)
            fh.write(b"\xa5" * 200)
    store, notice = open_store_safely(path, now=DAY + timedelta(days=1))
    store.close()
    assert notice.startswith("The glossary file was damaged; it was kept as glossary.sqlite3.")
    assert notice.endswith('Use "Restore backup…" to bring back the backup from 2024-05-01.')
    with open_store_safely(path)[0] as fresh:
        assert fresh.count() == 0
    restore_backup(path, list_backups(path)[-1])
    with GlossaryStore(path) as store:
        assert store.count() == 300


def test_a_foreign_sqlite_file_is_refused_untouched(tmp_path):
    path = tmp_path / "photos.db"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    db.commit()
    db.close()
    before = snapshot(path)
    with pytest.raises(NotAGlossaryError, match="not a Duet glossary; it was not changed"):
        open_store_safely(path)
    assert snapshot(path) == before


# --- rolling backups and restore ----------------------------------------------------------------


def test_one_daily_backup_a_day_and_the_last_seven_kept(tmp_path):
    path = make_glossary(tmp_path / "glossary.sqlite3", ("General", "Đại tướng"))
    made = []
    for day in range(10):
        now = DAY + timedelta(days=day)
        made.append(make_daily_backup(path, now=now))
        assert make_daily_backup(path, now=now + timedelta(hours=3)) is None
    assert all(made)
    kept = list_backups(path)
    assert kept == made[:2:-1]  # the newest seven, newest first
    assert kept[0].name == "glossary-20240510T093000Z-daily.sqlite3"
    assert backup_dir(path) == tmp_path / "backups"
    with GlossaryStore(kept[-1]) as copy:
        assert [t.english for t in copy.list()] == ["General"]


def test_no_backup_of_a_missing_or_damaged_database(tmp_path):
    path = tmp_path / "glossary.sqlite3"
    assert make_daily_backup(path, now=DAY) is None
    path.write_bytes(b"SQLite format 3\x00" + os.urandom(8000))
    with pytest.raises(BackupError):
        make_daily_backup(path, now=DAY)
    assert list_backups(path) == []
    assert not any(p.name.endswith(".partial") for p in tmp_path.rglob("*"))


def test_restore_replaces_the_entries_live_and_keeps_the_current_file(tmp_path):
    path = make_glossary(tmp_path / "glossary.sqlite3", ("General", "Đại tướng"))
    backup = make_daily_backup(path, now=DAY)
    with GlossaryStore(path) as window:  # the window keeps its store open during the restore
        window.add(Term("Colonel", "Thượng tá"))
        window.delete(window.find_pair("General", "Đại tướng").id)
        safety = restore_backup(path, backup)
        assert [t.english for t in window.list()] == ["General"]
        window.add(Term("Major", "Thiếu tá"))  # and can go on writing
    assert safety.name.endswith("-before-restore.sqlite3")
    assert safety in list_backups(path)
    with GlossaryStore(safety) as kept:
        assert [t.english for t in kept.list()] == ["Colonel"]
    check = sqlite3.connect(path)
    assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert check.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    check.close()


def test_a_damaged_or_foreign_backup_is_refused_and_nothing_changes(tmp_path):
    path = make_glossary(tmp_path / "glossary.sqlite3", ("General", "Đại tướng"))
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(os.urandom(4096))
    with pytest.raises(BackupError, match="cannot be restored: it cannot be read"):
        restore_backup(path, bad)
    foreign = tmp_path / "foreign.sqlite3"
    sqlite3.connect(foreign).execute("CREATE TABLE x (y)").connection.close()
    with pytest.raises(BackupError, match="it is not a Duet glossary"):
        restore_backup(path, foreign)
    assert list_backups(path) == []
    with GlossaryStore(path) as store:
        assert store.count() == 1


# --- a busy database never says "database is locked" -------------------------------------------


def test_a_write_lock_held_too_long_gives_a_clear_busy_error(tmp_path):
    path = make_glossary(tmp_path / "glossary.sqlite3")
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with GlossaryStore(path, busy_timeout_ms=50, retry_seconds=0.3) as store:
            with pytest.raises(GlossaryBusyError) as caught:
                store.add(Term("General", "Đại tướng"))
            assert "locked" not in str(caught.value)
            assert str(caught.value).startswith("The glossary is busy in another Duet window")
            assert store.count() == 0  # reading still works while another program writes
    finally:
        holder.execute("ROLLBACK")
        holder.close()


# --- search input is text -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def searchable(tmp_path_factory):
    store = GlossaryStore(tmp_path_factory.mktemp("search") / "g.sqlite3")
    for en, vi in [
        ('Say "NEAR" me', "Nói gần"),
        ("AND OR NOT", "và hoặc không"),
        ("50% rate", "tỉ lệ 50%"),
        ("O'Brien", "Ô-Brai-ần"),
        ("col:umn ^start (group) -minus *star", "ký hiệu"),
    ]:
        store.add(Term(en, vi))
    yield store
    store.close()


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ('"NEAR"', 'Say "NEAR" me'),
        ("NEAR", 'Say "NEAR" me'),
        ("AND OR", "AND OR NOT"),
        ("50%", "50% rate"),
        ("O'Brien", "O'Brien"),
        ("col:umn", "col:umn ^start (group) -minus *star"),
        ("^start", "col:umn ^start (group) -minus *star"),
        ("(group)", "col:umn ^start (group) -minus *star"),
        ("-minus", "col:umn ^start (group) -minus *star"),
    ],
)
def test_query_syntax_characters_are_searched_as_text(searchable, query, found):
    assert found in [t.english for t in searchable.search(query)]


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.text(max_size=40)
    | st.lists(
        st.sampled_from(['"', "*", "NEAR", "-", "'", "%", "AND", "OR", "(", ")", "^", ":", " "]),
        max_size=12,
    ).map("".join)
)
def test_search_never_raises_for_any_text(searchable, query):
    results = searchable.search(query)
    assert isinstance(results, list)
    assert all(isinstance(t, Term) for t in results)
