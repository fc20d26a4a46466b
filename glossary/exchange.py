"""Glossary export (CSV, OmegaT TSV, TBX-Basic) and CSV import with a preview.

CSV is the exchange format people open in Excel, LibreOffice and Anki, so it is written as
UTF-8 with a BOM (Excel then reads the diacritics correctly), CRLF line ends and RFC 4180 quoting
(the ``csv`` module), with a header row, the English term first (Anki's front side) and one row
per entry. Variants are joined with " | ".

Formula injection: a cell that starts with ``= + - @``, a tab or a CR is prefixed with ``'`` so a
spreadsheet shows it as text. A cell that already starts with ``'`` gets one more, which makes the
rule reversible: reading our own export back removes exactly one leading ``'`` from such cells,
so a round trip gives the same entries.

Import accepts our own export (any column order, recognised by its header) and a plain
two-column file (English, Vietnamese) with or without a header, comma, semicolon or tab
separated. :func:`read_csv` only reads and checks, returning an :class:`ImportPreview` (entries,
duplicates, bad rows with line numbers); :func:`apply_import` writes it in one transaction and
refuses a file with bad rows, so nothing is ever half-imported.
"""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from glossary.model import CATEGORIES, STATUSES, Term, category_display, category_key, pair_key
from glossary.store import GlossaryError, GlossaryStore, SaveReport

__all__ = [
    "CSV_COLUMNS",
    "FORMATS",
    "ImportPreview",
    "RowError",
    "apply_import",
    "export_csv",
    "export_store_csv",
    "export_tbx",
    "export_terms",
    "export_tsv",
    "import_csv",
    "neutralise",
    "read_csv",
    "unneutralise",
]

FORMATS = ("csv", "tsv", "tbx")
VARIANT_SEP = " | "
# (header label, Term attribute) in file order; the English term first for Anki.
CSV_COLUMNS: tuple[tuple[str, str], ...] = (
    ("English", "english"),
    ("Vietnamese", "vietnamese"),
    ("Category", "category"),
    ("English variants", "english_variants"),
    ("Vietnamese variants", "vietnamese_variants"),
    ("Branch", "branch"),
    ("Notes", "notes"),
    ("Example (English)", "example_en"),
    ("Example (Vietnamese)", "example_vi"),
    ("Source title", "source_title"),
    ("Source date", "source_date"),
    ("Status", "status"),
    ("Created (UTC)", "created_at"),
    ("Updated (UTC)", "updated_at"),
)
_DANGEROUS = ("=", "+", "-", "@", "\t", "\r", "'")

# Header names accepted on import (case-insensitive): our labels, attribute names, short forms.
_HEADER_ALIASES: dict[str, str] = {}
for _label, _attr in CSV_COLUMNS:
    _HEADER_ALIASES[_label.casefold()] = _attr
    _HEADER_ALIASES[_attr] = _attr
_HEADER_ALIASES.update(
    {
        "en": "english",
        "vi": "vietnamese",
        "source": "english",
        "target": "vietnamese",
        "term": "english",
        "translation": "vietnamese",
        "tiếng anh": "english",
        "tiếng việt": "vietnamese",
    }
)


class ImportFileError(GlossaryError):
    """The file cannot be read as a glossary at all (encoding, empty, not CSV)."""


def neutralise(cell: str) -> str:
    """Make a cell safe for spreadsheets: prefix ``'`` to a leading = + - @ tab CR or '."""
    return "'" + cell if cell.startswith(_DANGEROUS) else cell


def unneutralise(cell: str) -> str:
    """Undo :func:`neutralise` (only for files we wrote ourselves)."""
    if cell.startswith("'") and len(cell) > 1 and cell[1] in _DANGEROUS:
        return cell[1:]
    return cell


def _cell(term: Term, attr: str) -> str:
    value = getattr(term, attr)
    if attr.endswith("_variants"):
        return VARIANT_SEP.join(value)
    if attr == "category":
        return category_display(value)
    return value or ""


# --- export -------------------------------------------------------------------------------------


def export_csv(terms: Iterable[Term], path: str | Path) -> int:
    """Write ``terms`` as CSV (BOM, CRLF, header); returns the number of entries written."""
    n = 0
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        # Every cell quoted: valid RFC 4180, and byte-identical to export_store_csv's SQL path.
        writer = csv.writer(fh, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
        writer.writerow(label for label, _ in CSV_COLUMNS)
        attrs = [attr for _, attr in CSV_COLUMNS]
        rows = []
        for term in terms:
            rows.append([neutralise(_cell(term, a)) for a in attrs])
            n += 1
            if len(rows) >= 5000:  # write in batches: fast, and memory stays flat
                writer.writerows(rows)
                rows.clear()
        writer.writerows(rows)
    return n


_CELL, _ROW = "\x1f", "\x1e"  # separators for the SQL fast path (control characters)
_NEUTRAL_AT_CELL_START = re.compile("(^|[\x1e\x1f])([=+\\-@\t\r'])")


def export_store_csv(store: GlossaryStore, path: str | Path, category: str | None = None) -> int:
    """Export a whole store (or one category) as CSV: the same bytes as :func:`export_csv`.

    Fast path for big glossaries: SQLite joins each entry's cells into one string, and quoting
    and neutralisation run as a few C-level string operations per 5,000 entries instead of
    per cell. If a cell contains one of the separator control characters, the entry set is
    exported the ordinary way instead, so the output is always exact.
    """
    values = []
    for _, attr in CSV_COLUMNS:
        if attr.endswith("_variants"):
            value = (
                f"(CASE WHEN {attr} = '[]' THEN '' ELSE coalesce("
                f"(SELECT group_concat(value, ' | ') FROM json_each({attr})), '') END)"
            )
        elif attr == "category":
            whens = " ".join(f"WHEN '{k}' THEN '{v}'" for k, v in CATEGORIES.items())
            value = f"(CASE category {whens} ELSE category END)"
        else:
            value = attr
        values.append(value)
    where = "WHERE category = ?" if category else ""
    sql = (
        f"SELECT {' || char(31) || '.join(values)} FROM terms {where} "
        "ORDER BY english COLLATE NOCASE, id"
    )
    n = 0
    per_row = len(CSV_COLUMNS) - 1
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        fh.write(",".join(f'"{label}"' for label, _ in CSV_COLUMNS) + "\r\n")
        cursor = store.db.conn.execute(sql, [category] if category else [])
        while rows := cursor.fetchmany(5000):
            text = _ROW.join(r[0] for r in rows)
            if text.count(_ROW) != len(rows) - 1 or text.count(_CELL) != per_row * len(rows):
                fh.close()
                return export_csv(store.iter_terms(category), path)
            text = _NEUTRAL_AT_CELL_START.sub(r"\1'\2", text.replace('"', '""'))
            text = text.replace(_CELL, '","').replace(_ROW, '"\r\n"')
            fh.write('"' + text + '"\r\n')
            n += len(rows)
    return n


def _flat(text: str) -> str:
    return " ".join(text.split())


def export_tsv(terms: Iterable[Term], path: str | Path) -> int:
    """Write an OmegaT glossary: UTF-8, tab separated: source (en), target (vi), comment.

    OmegaT has no quoting, so tabs and line breaks inside cells become spaces. The comment holds
    the category, branch, variants and notes.
    """
    n = 0
    with open(path, "w", encoding="utf-8", newline="") as fh:
        for term in terms:
            parts = [category_display(term.category)]
            if term.branch:
                parts.append(term.branch)
            if term.english_variants:
                parts.append("EN: " + ", ".join(term.english_variants))
            if term.vietnamese_variants:
                parts.append("VI: " + ", ".join(term.vietnamese_variants))
            if term.notes:
                parts.append(term.notes)
            row = [_flat(term.english), _flat(term.vietnamese), _flat("; ".join(parts))]
            fh.write("\t".join(row) + "\n")
            n += 1
    return n


TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def export_tbx(terms: Iterable[Term], path: str | Path) -> int:
    """Write TBX-Basic (TBX v3, DCA style): one conceptEntry per entry, en and vi langSec.

    The main term of each side is ``preferredTerm-admn-sts``; variants are further termSec with
    ``admittedTerm-admn-sts`` (and ``abbreviation`` when they end with a dot). ElementTree does
    all escaping.
    """
    ET.register_namespace("", TBX_NS)
    q = f"{{{TBX_NS}}}"
    root = ET.Element(q + "tbx", {"type": "TBX-Basic", "style": "dca", XML_LANG: "en"})
    header = ET.SubElement(root, q + "tbxHeader")
    file_desc = ET.SubElement(header, q + "fileDesc")
    source_desc = ET.SubElement(file_desc, q + "sourceDesc")
    ET.SubElement(source_desc, q + "p").text = "Exported from the Duet glossary"
    body = ET.SubElement(ET.SubElement(root, q + "text"), q + "body")
    n = 0
    for term in terms:
        n += 1
        entry = ET.SubElement(body, q + "conceptEntry", {"id": f"c{term.id or n}"})
        ET.SubElement(entry, q + "descrip", {"type": "subjectField"}).text = category_display(
            term.category
        )
        notes = [x for x in (term.branch and f"Branch: {term.branch}", term.notes) if x]
        if term.source_title or term.source_date:
            notes.append(
                "Source: " + ", ".join(x for x in (term.source_title, term.source_date) if x)
            )
        for note in notes:
            ET.SubElement(entry, q + "note").text = note
        for lang, main, variants, example in (
            ("en", term.english, term.english_variants, term.example_en),
            ("vi", term.vietnamese, term.vietnamese_variants, term.example_vi),
        ):
            lang_sec = ET.SubElement(entry, q + "langSec", {XML_LANG: lang})
            for k, form in enumerate([main, *variants]):
                term_sec = ET.SubElement(lang_sec, q + "termSec")
                ET.SubElement(term_sec, q + "term").text = form
                if k == 0 and example:
                    ET.SubElement(term_sec, q + "descrip", {"type": "context"}).text = example
                status = "preferredTerm-admn-sts" if k == 0 else "admittedTerm-admn-sts"
                ET.SubElement(
                    term_sec, q + "termNote", {"type": "administrativeStatus"}
                ).text = status
                if k > 0 and form.endswith("."):
                    ET.SubElement(
                        term_sec, q + "termNote", {"type": "termType"}
                    ).text = "abbreviation"
    tree = ET.ElementTree(root)
    ET.indent(tree, space="  ")
    with open(path, "wb") as fh:
        tree.write(fh, encoding="UTF-8", xml_declaration=True)
    return n


def export_terms(terms: Iterable[Term], path: str | Path, fmt: str = "csv") -> int:
    """Export in ``fmt`` ("csv", "tsv" or "tbx"); returns the number of entries."""
    writers = {"csv": export_csv, "tsv": export_tsv, "tbx": export_tbx}
    if fmt not in writers:
        raise GlossaryError(f'Unknown export format "{fmt}"; use csv, tsv or tbx.')
    return writers[fmt](terms, path)


# --- import -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RowError:
    """A row that cannot be imported: its line number in the file (1-based) and why."""

    line: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


@dataclass(slots=True)
class ImportPreview:
    """What an import would do; nothing has been written yet."""

    path: Path | None
    own_format: bool = False
    has_header: bool = False
    entries: list[tuple[int, Term]] = field(default_factory=list)  # (line, term), new pairs
    duplicates: list[tuple[int, Term, int | None]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    columns: int = 0  # cells in the header row (0: no header)

    @property
    def rows_parsed(self) -> int:
        return len(self.entries) + len(self.duplicates)

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        text = (
            f"{self.rows_parsed} rows read: {len(self.entries)} new, "
            f"{len(self.duplicates)} already in the glossary or repeated"
        )
        if self.errors:
            text += f", {len(self.errors)} bad rows"
        return text + "."


_BINARY_MAGIC = (b"\x89PNG", b"%PDF", b"PK\x03\x04", b"\xff\xd8\xff", b"GIF8", b"\x7fELF")
_SNIFF_BYTES = 65536  # the separator is guessed from the first line within this much


def _encoding_of(head: bytes) -> str:
    """The codec for a file starting with ``head``; ImportFileError if it is not text at all."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if head.startswith(_BINARY_MAGIC):
        raise ImportFileError(
            "This is not a CSV file (it looks like an image, PDF, spreadsheet or archive); "
            "in Excel use Save As > CSV UTF-8."
        )
    if head.count(0) > max(8, len(head) // 100):  # a stray NUL in a cell is still text
        raise ImportFileError("This is not a CSV text file (it contains binary data).")
    return "utf-8-sig"


def _not_utf8(path: Path) -> ImportFileError:
    """Name the line of the first byte that is not UTF-8, and what the file probably is."""
    from reader.text.loading import TextLoadError, decode_bytes

    data = path.read_bytes()
    try:
        data.decode("utf-8")
        bad = len(data)
    except UnicodeDecodeError as exc:
        bad = exc.start
    line = data.count(b"\n", 0, bad) + 1
    try:
        decode_bytes(data)  # the article loader recognises legacy Vietnamese Windows-1258
        likely = " (it looks like Vietnamese saved as Windows-1258)"
    except TextLoadError:
        likely = ""
    return ImportFileError(
        f"The file is not UTF-8 text: line {line} has a byte that is not UTF-8 (byte {bad})"
        f"{likely}. Nothing was imported; save it as CSV UTF-8 and try again."
    )


def _delimiter(text: str) -> str:
    """Comma, semicolon (Excel in many locales) or tab: whichever splits the first line most.

    Only the delimiter is guessed; quoting is always RFC 4180 (csv.Sniffer also guesses the
    quote character and gets it wrong on notes with apostrophes).
    """
    first = next((line for line in text[:_SNIFF_BYTES].splitlines() if line.strip()), "")
    best, best_n = ",", 1
    for delimiter in (",", ";", "\t"):
        n = len(next(csv.reader([first], delimiter=delimiter), []))
        if n > best_n:
            best, best_n = delimiter, n
    return best


def _header_map(row: list[str]) -> dict[int, str] | None:
    """Column index → Term attribute if ``row`` is a header naming both sides, else None."""
    mapping = {}
    for i, cell in enumerate(row):
        attr = _HEADER_ALIASES.get(" ".join(cell.split()).casefold())
        if attr and attr not in mapping.values():
            mapping[i] = attr
    if "english" in mapping.values() and "vietnamese" in mapping.values():
        return mapping
    return None


def read_csv(path: str | Path, store: GlossaryStore | None = None) -> ImportPreview:
    """Read and check a CSV file; with ``store``, entries already stored count as duplicates.

    The file is streamed (decoded and parsed row by row), so a 50 MB file costs the entries it
    holds, not several copies of its text.
    """
    path = Path(path)
    try:
        with open(path, "rb") as raw:
            head = raw.read(_SNIFF_BYTES)
            encoding = _encoding_of(head)
            raw.seek(0)
            with io.TextIOWrapper(raw, encoding=encoding, newline="") as fh:
                first = fh.read(_SNIFF_BYTES)
                if not first.strip():
                    raise ImportFileError("The file is empty.")
                rest = iter(lambda: fh.read(1 << 20), "")
                chunks = _chain_lines(first, rest)
                return _read_rows(chunks, _delimiter(first), store, ImportPreview(path=path))
    except UnicodeDecodeError:
        raise _not_utf8(path) from None
    except OSError as exc:
        raise ImportFileError(f"Cannot read {path}: {exc.strerror or exc}.") from exc


def _chain_lines(first: str, rest) -> Iterator[str]:
    """Lines (ends kept) of ``first`` followed by the chunks in ``rest``, streamed."""
    pending = first
    for chunk in rest:
        pending += chunk
        lines = pending.splitlines(keepends=True)
        # The last piece may be an incomplete line (or a CR whose LF is in the next chunk).
        pending = lines.pop() if lines else ""
        yield from lines
    yield from pending.splitlines(keepends=True)


def read_csv_text(
    text: str, store: GlossaryStore | None = None, *, path: Path | None = None
) -> ImportPreview:
    """:func:`read_csv` on text already in memory."""
    if not text.strip():
        raise ImportFileError("The file is empty.")
    lines = io.StringIO(text, newline="")
    return _read_rows(lines, _delimiter(text), store, ImportPreview(path=path))


def _read_rows(
    lines: Iterable[str], delimiter: str, store: GlossaryStore | None, preview: ImportPreview
) -> ImportPreview:
    # strict: a quote that is never closed is an error, not the rest of the file in one cell.
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    own_labels = [label.casefold() for label, _ in CSV_COLUMNS]
    mapping: dict[int, str] | None = None
    seen: dict[str, int] = {}  # pair key → line, for repeats inside the file
    start = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            preview.errors.append(RowError(start, _csv_problem(str(exc))))
            start = reader.line_num + 1
            continue
        line, start = start, reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        if mapping is None:
            header = _header_map(row)
            if header is not None:
                mapping = header
                preview.has_header = True
                preview.columns = len(row)
                preview.own_format = [c.strip().casefold() for c in row] == own_labels
                continue
            mapping = {0: "english", 1: "vietnamese"}
        term, error = _parse_row(row, mapping, preview, line)
        if error:
            preview.errors.append(RowError(line, error))
            continue
        key = pair_key(term.english, term.vietnamese)
        existing = store.find_pair(term.english, term.vietnamese) if store else None
        if existing is not None or key in seen:
            preview.duplicates.append((line, term, existing.id if existing else None))
        else:
            preview.entries.append((line, term))
        seen.setdefault(key, line)
    return preview


def _csv_problem(message: str) -> str:
    if "unexpected end of data" in message:
        return (
            'a quote (") opens a cell here that is never closed, so the rest of the file would '
            "be one cell"
        )
    if "expected after" in message:
        return 'text follows a closing quote (") in a cell; put the whole cell in quotes'
    if "NUL" in message:
        return "the line contains a NUL character (binary data)"
    if "field larger" in message:
        return "a cell is too long (probably a quote that is never closed)"
    return f"not valid CSV ({message})"


def _parse_row(
    row: list[str], mapping: dict[int, str], preview: ImportPreview, line: int
) -> tuple[Term | None, str | None]:
    if not preview.has_header:
        filled = [c for c in row if c.strip()]
        if len(row) > 2 and len(filled) > 2:
            return None, f"expected 2 columns (English, Vietnamese), found {len(filled)}"
    values: dict[str, str] = {}
    for i, attr in mapping.items():
        cell = row[i] if i < len(row) else ""
        values[attr] = unneutralise(cell) if preview.own_format else cell
    columns = preview.columns or 2
    if len(row) > columns and any(c.strip() for c in row[columns:]):
        return None, f"{len(row)} cells, but the header has {columns} columns"
    sides = [i for i, attr in mapping.items() if attr in ("english", "vietnamese")]
    if preview.has_header and len(row) <= max(sides):
        missing = "the Vietnamese term" if len(row) > min(sides) else "both terms"
        return None, (
            f"{len(row)} cell{'s' if len(row) != 1 else ''}, but the header has {columns} "
            f"columns: {missing} missing (another separator than the header's?)"
        )
    english = values.get("english", "").strip()
    vietnamese = values.get("vietnamese", "").strip()
    if not english and not vietnamese:
        return None, "both the English and the Vietnamese term are empty"
    if not english:
        return None, "the English term is empty"
    if not vietnamese:
        return None, "the Vietnamese term is empty"
    status = values.get("status", "").strip().casefold() or "draft"
    if status not in STATUSES:
        return None, f'status must be "draft" or "approved", not "{values["status"]}"'
    term = Term(
        english=english,
        vietnamese=vietnamese,
        category=category_key(values.get("category", "") or "other"),
        english_variants=_split_variants(values.get("english_variants", "")),
        vietnamese_variants=_split_variants(values.get("vietnamese_variants", "")),
        branch=values.get("branch", ""),
        notes=values.get("notes", ""),
        example_en=values.get("example_en", ""),
        example_vi=values.get("example_vi", ""),
        source_title=values.get("source_title", ""),
        source_date=values.get("source_date", ""),
        status=status,
        created_at=values.get("created_at", "").strip(),
        updated_at=values.get("updated_at", "").strip(),
    ).normalised()
    return term, None


def _split_variants(cell: str) -> list[str]:
    return [v.strip() for v in cell.split("|") if v.strip()]


def apply_import(
    store: GlossaryStore, preview: ImportPreview, *, on_duplicate: str = "skip"
) -> SaveReport:
    """Write a checked preview in one transaction; duplicates are "skip"ped or "merge"d.

    A preview with bad rows is refused (nothing is written): fix the file and read it again.
    """
    if preview.errors:
        first = "; ".join(str(e) for e in preview.errors[:3])
        more = f" (and {len(preview.errors) - 3} more)" if len(preview.errors) > 3 else ""
        raise GlossaryError(f"Nothing was imported: {len(preview.errors)} bad rows: {first}{more}.")
    rows = sorted(
        [(line, t) for line, t in preview.entries]
        + [(line, t) for line, t, _ in preview.duplicates],
        key=lambda item: item[0],
    )
    return store.add_many(
        (t for _, t in rows), on_duplicate=on_duplicate, keep_times=preview.own_format
    )


def import_csv(
    store: GlossaryStore, path: str | Path, *, on_duplicate: str = "skip"
) -> tuple[ImportPreview, SaveReport]:
    """Read, check and write a CSV file in one go (all or nothing)."""
    preview = read_csv(path, store)
    return preview, apply_import(store, preview, on_duplicate=on_duplicate)
