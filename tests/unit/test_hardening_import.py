"""Issue 5, glossary CSV import: malformed files give a per-line report and import nothing.

Also the CSV round trip as a property (any entry exported and imported comes back equal), a 50 MB
file within time and memory, and the aligner's invariants under hostile input and glossary terms.
"""

from __future__ import annotations

import resource
import time
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossary.exchange import (
    ImportFileError,
    apply_import,
    export_csv,
    import_csv,
    read_csv,
)
from glossary.model import Term
from glossary.store import GlossaryError, GlossaryStore
from reader.align import align


@pytest.fixture
def store(tmp_path):
    s = GlossaryStore(tmp_path / "g.sqlite3")
    s.add(Term("Ambassador", "Đại sứ"))
    yield s
    s.close()


def preview_of(tmp_path, store, text: str | bytes):
    path = tmp_path / "in.csv"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return read_csv(path, store)


def report(preview) -> list[str]:
    return [str(e) for e in preview.errors]


def test_semicolon_separated_file_is_recognised(tmp_path, store):
    preview = preview_of(tmp_path, store, "English;Vietnamese\nGeneral;Đại tướng\nMajor;Thiếu tá\n")
    assert preview.ok and [t.vietnamese for _, t in preview.entries] == ["Đại tướng", "Thiếu tá"]


def test_file_without_header_is_english_then_vietnamese(tmp_path, store):
    preview = preview_of(tmp_path, store, "General,Đại tướng\nMajor,Thiếu tá\n")
    assert not preview.has_header and preview.ok
    assert [(line, t.english) for line, t in preview.entries] == [(1, "General"), (2, "Major")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "English,Vietnamese\nGeneral,Đại tướng,extra\nMajor,Thiếu tá\n",
            ["line 2: 3 cells, but the header has 2 columns"],
        ),
        (
            "General,Đại tướng\nMajor,Thiếu tá,extra\n",
            ["line 2: expected 2 columns (English, Vietnamese), found 3"],
        ),
        (
            "English,Vietnamese,Category\nGeneral\nMajor,Thiếu tá,rank\n",
            [
                "line 2: 1 cell, but the header has 3 columns: the Vietnamese term missing "
                "(another separator than the header's?)"
            ],
        ),
        (
            "English,Vietnamese\nGeneral;Đại tướng\n",
            [
                "line 2: 1 cell, but the header has 2 columns: the Vietnamese term missing "
                "(another separator than the header's?)"
            ],
        ),
        (
            'English,Vietnamese\nGeneral,Đại tướng\n"Major,Thiếu tá\nColonel,Thượng tá\n',
            [
                'line 3: a quote (") opens a cell here that is never closed, so the rest of the '
                "file would be one cell"
            ],
        ),
        (
            'English,Vietnamese\nGeneral,"Đại" tướng\nMajor,Thiếu tá\n',
            ['line 2: text follows a closing quote (") in a cell; put the whole cell in quotes'],
        ),
        (
            "English,Vietnamese,Status\nGeneral,Đại tướng,final\n,Thiếu tá,draft\n",
            [
                'line 2: status must be "draft" or "approved", not "final"',
                "line 3: the English term is empty",
            ],
        ),
    ],
    ids=[
        "extra-column",
        "extra-column-no-header",
        "missing-columns",
        "wrong-delimiter-in-rows",
        "quote-never-closed",
        "text-after-quote",
        "bad-values",
    ],
)
def test_malformed_rows_are_reported_by_line_and_nothing_is_imported(
    tmp_path, store, text, expected
):
    preview = preview_of(tmp_path, store, text)
    assert report(preview) == expected
    with pytest.raises(GlossaryError, match="^Nothing was imported"):
        apply_import(store, preview)
    assert store.count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty."),
        (b"\xef\xbb\xbf \r\n", "The file is empty."),
        (
            b"\x89PNG\r\n\x1a\n" + bytes(range(256)),
            "This is not a CSV file (it looks like an image, PDF, spreadsheet or archive); "
            "in Excel use Save As > CSV UTF-8.",
        ),
        (
            b"PK\x03\x04xlsx",
            "This is not a CSV file (it looks like an image, PDF, spreadsheet or archive); "
            "in Excel use Save As > CSV UTF-8.",
        ),
        (
            "English,Vietnamese\nGeneral,Đại tướng\n".encode() + b"Major,Thi\xea\xf2u t\xe1\n",
            "The file is not UTF-8 text: line 3 has a byte that is not UTF-8 (byte 52). "
            "Nothing was imported; save it as CSV UTF-8 and try again.",
        ),
    ],
    ids=["empty", "bom-and-blank", "png", "xlsx", "invalid-utf8"],
)
def test_files_that_are_not_csv_text_are_one_clear_error(tmp_path, store, data, message):
    with pytest.raises(ImportFileError) as caught:
        preview_of(tmp_path, store, data)
    assert str(caught.value) == message


def test_duplicate_rows_are_counted_once_and_skipped(tmp_path, store):
    text = (
        "English,Vietnamese\nGeneral,Đại tướng\ngeneral , ĐẠI TƯỚNG\nGeneral,Đại tướng\n"
        "ambassador,đại sứ\n"
    )
    preview = preview_of(tmp_path, store, text)
    assert [line for line, _ in preview.entries] == [2]
    assert [(line, existing) for line, _, existing in preview.duplicates] == [
        (3, None),
        (4, None),
        (5, 1),
    ]
    report_ = apply_import(store, preview)
    assert (report_.added, report_.skipped) == (1, 3)
    assert store.count() == 2


def test_formula_looking_cells_stay_text_and_are_neutralised_again_on_export(tmp_path, store):
    text = 'English,Vietnamese\n"=HYPERLINK(""http://x"")",=1+2\n+General,-Đại tướng\n@SUM(A1),x\n'
    preview = preview_of(tmp_path, store, text)
    apply_import(store, preview)
    assert store.find_pair('=HYPERLINK("http://x")', "=1+2") is not None
    out = tmp_path / "out.csv"
    export_csv(store.list(), out)
    written = out.read_text(encoding="utf-8-sig")
    assert "\"'=HYPERLINK" in written and '"\'+General"' in written and '"\'-Đại tướng"' in written


# --- 50 MB --------------------------------------------------------------------------------------


@pytest.mark.slow
def test_a_50_mb_file_imports_in_one_transaction_within_time_and_memory(tmp_path):
    path = tmp_path / "big.csv"
    # 50,000 entries of about 1 KB (notes and two-sentence examples), written like our export.
    notes = "Checked against the VNA English service and the Law on Officers of the VPA. " * 6

    def terms():
        for i in range(50_000):
            yield Term(
                f"Senior Lieutenant General {i}",
                f"Thượng tướng số {i}",
                "rank",
                [f"Sen. Lt. Gen. {i}"],
                [f"TT {i}"],
                "Army",
                notes,
                f"Sen. Lt. Gen. Nguyen Chi Vinh {i} held talks with the US Ambassador. " * 2,
                f"Thượng tướng Nguyễn Chí Vịnh {i} đã hội đàm với Đại sứ Hoa Kỳ về gìn giữ hòa bình. "
                * 2,
                "VNA",
                "2020-07-01",
                "approved",
            )

    export_csv(terms(), path)
    assert path.stat().st_size >= 50_000_000
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    with GlossaryStore(tmp_path / "g.sqlite3") as store:
        preview, saved = import_csv(store, path)
        elapsed = time.perf_counter() - started
        assert preview.ok and saved.added == 50_000 and store.count() == 50_000
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) / 1024
    # Measured ~12 s and ~200 MB on the 2-core CI machine (the preview holds every entry).
    assert elapsed < 60, f"{elapsed:.1f} s"
    assert grown_mb < 600, f"{grown_mb:.0f} MB"


# --- properties ---------------------------------------------------------------------------------

_TRICKY = st.sampled_from(
    ["=", "+", "-", "@", "'", '"', "\t", "\r\n", "\n", ",", ";", "|", " | ", "Đ", "ạ", "ươ"]
)
cell = st.lists(_TRICKY | st.text(max_size=6), max_size=6).map("".join)
nfd_or_nfc = cell.flatmap(lambda t: st.sampled_from([t, unicodedata.normalize("NFD", t)]))
term_side = nfd_or_nfc.filter(lambda t: t.strip() and unicodedata.normalize("NFC", t).strip())


@st.composite
def terms(draw):
    return Term(
        english=draw(term_side),
        vietnamese=draw(term_side),
        category=draw(st.sampled_from(["rank", "title", "organisation", "other", "Hải quân"])),
        english_variants=draw(st.lists(nfd_or_nfc, max_size=3)),
        vietnamese_variants=draw(st.lists(nfd_or_nfc, max_size=3)),
        branch=draw(nfd_or_nfc),
        notes=draw(nfd_or_nfc),
        example_en=draw(nfd_or_nfc),
        example_vi=draw(nfd_or_nfc),
        source_title=draw(nfd_or_nfc),
        source_date=draw(nfd_or_nfc),
        status=draw(st.sampled_from(["draft", "approved"])),
    )


def _comparable(term: Term) -> dict:
    data = term.normalised().content()
    # A variant cell cannot hold "|" (it separates variants): the documented CSV limitation.
    for side in ("english_variants", "vietnamese_variants"):
        data[side] = [v for v in data[side] if "|" not in v]
    return data


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(terms(), min_size=1, max_size=5))
def test_any_entry_exported_and_imported_comes_back_equal(tmp_path_factory, entries):
    folder = tmp_path_factory.mktemp("roundtrip")
    entries = [
        t
        for t in entries
        if not any("|" in v for v in (*t.english_variants, *t.vietnamese_variants))
    ]
    with GlossaryStore(":memory:") as source:
        source.add_many(entries)
        stored = source.list()
    export_csv(stored, folder / "out.csv")
    with GlossaryStore(":memory:") as target:
        preview, _ = import_csv(target, folder / "out.csv")
        assert preview.ok and preview.own_format, report(preview)
        back = target.list()
    assert [_comparable(t) for t in back] == [_comparable(t) for t in stored]
    assert [(t.created_at, t.updated_at) for t in back] == [
        (t.created_at, t.updated_at) for t in stored
    ]


hostile = st.lists(
    st.text(max_size=8)
    | st.sampled_from(["\u200b", "\u202e", "\u0301", "<script>", "\n", "Đại tá", ".", "\ufeff"]),
    max_size=8,
).map("".join)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(hostile, max_size=10),
    st.lists(hostile, max_size=10),
    st.lists(st.tuples(hostile, hostile), max_size=5),
)
def test_alignment_with_any_glossary_terms_covers_in_order_and_repeats(source, target, terms_):
    first = align(source, target, terms=terms_)
    assert [i for b in first.beads for i in b.source] == list(range(len(source)))
    assert [j for b in first.beads for j in b.target] == list(range(len(target)))
    assert all((b.source or b.target) and 0.0 <= b.confidence <= 1.0 for b in first.beads)
    assert align(list(source), list(target), terms=list(terms_)).beads == first.beads
