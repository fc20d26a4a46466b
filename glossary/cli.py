"""``duet glossary ...``: the command-line face of the glossary (no Qt anywhere).

``reader/cli.py`` wires it in with :func:`add_glossary_parser` and :func:`run_glossary`::

    duet glossary [--db PATH] list [--category C]
    duet glossary [--db PATH] search QUERY [--category C] [--limit N]
    duet glossary [--db PATH] add EN VI [--category C] [--en-variant V]... [--vi-variant V]...
    duet glossary [--db PATH] export PATH [--format csv|tsv|tbx] [--category C]
    duet glossary [--db PATH] import PATH [--skip-duplicates | --merge] [--dry-run]
    duet glossary [--db PATH] import --starter

The database is ``--db``, else ``DUET_DB``, else the user's data folder
(``reader.paths.default_glossary_path``). Listing and search print one entry per line:
English, Vietnamese, category, separated by tabs. Errors are one sentence on stderr and a
non-zero exit status, never a traceback.

The database is opened with :func:`glossary.store.open_store_safely`, like the window does: a
damaged file is set aside and a fresh one created (the notice goes to stderr, the command still
runs), a file from a newer Duet is refused untouched, and a daily backup is taken before the
first command of the day that changes something.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from pathlib import Path

from glossary.model import CATEGORIES, STATUSES, Term, category_display, category_key
from glossary.store import DuplicateTermError, GlossaryError, GlossaryStore, open_store_safely

__all__ = ["add_glossary_parser", "build_parser", "main", "run_glossary"]

EXIT_OK, EXIT_ERROR = 0, 1


def _add_db(parser: argparse.ArgumentParser, *, top: bool) -> None:
    # --db belongs right after "glossary"; it is also accepted after the subcommand. The
    # subcommand copy uses SUPPRESS so it never overwrites a value given earlier.
    parser.add_argument(
        "--db",
        metavar="PATH",
        type=Path,
        default=None if top else argparse.SUPPRESS,
        help="glossary database file (default: $DUET_DB or the user's data folder)",
    )


def add_glossary_parser(subparsers) -> argparse.ArgumentParser:
    """Add the ``glossary`` command to an ``add_subparsers()`` object and return its parser."""
    categories = ", ".join(CATEGORIES)
    p = subparsers.add_parser(
        "glossary",
        help="list, search, add, export and import glossary terms",
        description="Work with the glossary of ranks and titles.",
    )
    _add_db(p, top=True)
    p.set_defaults(glossary_handler=run_glossary)
    sub = p.add_subparsers(dest="glossary_command", metavar="COMMAND")
    sub.required = True

    s = sub.add_parser("list", help="print every entry (English, Vietnamese, category)")
    _add_db(s, top=False)
    s.add_argument("--category", help=f"only this category ({categories})")

    s = sub.add_parser("search", help="search either side, diacritics optional")
    _add_db(s, top=False)
    s.add_argument("query", metavar="QUERY", help="text to look for (taken literally)")
    s.add_argument("--category", help=f"only this category ({categories})")
    s.add_argument("--limit", type=int, default=200, help="at most this many results")

    s = sub.add_parser("add", help="add one entry")
    _add_db(s, top=False)
    s.add_argument("english", metavar="EN")
    s.add_argument("vietnamese", metavar="VI")
    s.add_argument("--category", default="other", help=f"one of {categories} (or a new one)")
    s.add_argument("--en-variant", action="append", default=[], metavar="TEXT")
    s.add_argument("--vi-variant", action="append", default=[], metavar="TEXT")
    s.add_argument("--branch", default="")
    s.add_argument("--notes", default="")
    s.add_argument("--status", choices=STATUSES, default="draft")

    s = sub.add_parser("export", help="write the glossary to a CSV, TSV (OmegaT) or TBX file")
    _add_db(s, top=False)
    s.add_argument("path", metavar="PATH", type=Path)
    s.add_argument("--format", choices=("csv", "tsv", "tbx"), help="default: from the file name")
    s.add_argument("--category", help=f"only this category ({categories})")

    s = sub.add_parser("import", help="import a CSV file, or the starter set with --starter")
    _add_db(s, top=False)
    s.add_argument("path", metavar="PATH", type=Path, nargs="?")
    s.add_argument("--starter", action="store_true", help="load the shipped starter set")
    dup = s.add_mutually_exclusive_group()
    dup.add_argument("--skip-duplicates", action="store_true", help="keep existing (default)")
    dup.add_argument("--merge", action="store_true", help="merge into existing entries")
    s.add_argument("--dry-run", action="store_true", help="only report what would happen")
    return p


def build_parser() -> argparse.ArgumentParser:
    """A stand-alone parser (``python -m glossary.cli glossary ...``) for tests and scripts."""
    parser = argparse.ArgumentParser(prog="duet")
    add_glossary_parser(parser.add_subparsers(dest="command", required=True))
    return parser


def _say(text: str = "") -> None:
    print(text, flush=False)


def _fail(message: str) -> int:
    print(f"duet glossary: {message}", file=sys.stderr)
    return EXIT_ERROR


def _line(term: Term) -> str:
    # Tabs or line breaks inside a field would break the one-entry-per-line contract.
    cells = (term.english, term.vietnamese, category_display(term.category))
    return "\t".join(" ".join(c.split()) for c in cells)


def _db_path(args: argparse.Namespace) -> Path:
    if getattr(args, "db", None):
        return Path(args.db)
    from reader.paths import default_glossary_path

    return default_glossary_path()


def _format_for(path: Path, explicit: str | None) -> str:
    if explicit:
        return explicit
    suffix = path.suffix.casefold()
    return {".tsv": "tsv", ".txt": "tsv", ".utf8": "tsv", ".tbx": "tbx"}.get(suffix, "csv")


def run_glossary(args: argparse.Namespace) -> int:
    """Run a parsed ``glossary`` command; returns the process exit status."""
    _utf8_stdout()
    try:
        db_path = _db_path(args)
        store, notice = open_store_safely(db_path)
        if notice:
            print(f"duet glossary: {notice}", file=sys.stderr)
        with store:
            if args.glossary_command in ("add", "import") and not getattr(args, "dry_run", False):
                _daily_backup(db_path)  # before the day's first change, so it can be undone
            return _dispatch(store, args)
    except DuplicateTermError as exc:
        return _fail(f"{exc} Nothing was added.")
    except GlossaryError as exc:
        return _fail(str(exc))
    except sqlite3.DatabaseError as exc:
        return _fail(f"cannot use the glossary database ({exc}).")
    except OSError as exc:
        where = f" {exc.filename}" if exc.filename else ""
        return _fail(f"cannot open{where}: {exc.strerror or exc}.")
    except ValueError as exc:
        return _fail(str(exc))


def _daily_backup(db_path: Path) -> None:
    from glossary.backup import BackupError, make_daily_backup

    try:
        make_daily_backup(db_path)
    except BackupError as exc:  # the command itself succeeded; say so, but warn
        print(f"duet glossary: warning: no daily backup was made: {exc}", file=sys.stderr)


def _dispatch(store: GlossaryStore, args: argparse.Namespace) -> int:
    command = args.glossary_command
    category = category_key(args.category) if getattr(args, "category", None) else None
    if command == "list":
        for term in store.iter_terms(category):
            _say(_line(term))
        return EXIT_OK
    if command == "search":
        for term in store.search(args.query, category=category, limit=max(1, args.limit)):
            _say(_line(term))
        return EXIT_OK  # no match is not an error
    if command == "add":
        term = store.add(
            Term(
                english=args.english,
                vietnamese=args.vietnamese,
                category=category or "other",
                english_variants=args.en_variant,
                vietnamese_variants=args.vi_variant,
                branch=args.branch,
                notes=args.notes,
                status=args.status,
            )
        )
        _say(f"Added entry {term.id}: {_line(term)}")
        return EXIT_OK
    if command == "export":
        from glossary.exchange import export_store_csv, export_terms

        fmt = _format_for(args.path, args.format)
        if fmt == "csv":
            n = export_store_csv(store, args.path, category)
        else:
            n = export_terms(store.iter_terms(category), args.path, fmt)
        _say(f"Exported {n} entries to {args.path} ({fmt.upper()}).")
        return EXIT_OK
    if command == "import":
        return _import(store, args)
    return _fail(f"unknown command {command!r}.")  # argparse normally prevents this


def _import(store: GlossaryStore, args: argparse.Namespace) -> int:
    from glossary.exchange import apply_import, read_csv
    from glossary.starter import starter_path

    if args.starter and args.path:
        return _fail("give either a file or --starter, not both.")
    if not args.starter and not args.path:
        return _fail("give a CSV file to import, or --starter.")
    path = starter_path() if args.starter else args.path
    preview = read_csv(path, store)
    if preview.errors:
        for error in preview.errors:
            print(f"{path}: {error}", file=sys.stderr)
        return _fail(f"nothing was imported: {len(preview.errors)} bad rows in {path}.")
    if args.dry_run:
        _say(preview.summary())
        return EXIT_OK
    report = apply_import(store, preview, on_duplicate="merge" if args.merge else "skip")
    what = "the starter set" if args.starter else str(path)
    _say(
        f"Imported {report.added} new entries from {what}; "
        f"{report.merged} merged, {report.skipped} already there (skipped)."
    )
    return EXIT_OK


def _utf8_stdout() -> None:
    # Vietnamese must survive a console with a legacy code page.
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", "") or "").replace("-", "").casefold()
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(encoding="utf-8", errors="replace")
            except (ValueError, OSError):
                pass


def main(argv: list[str] | None = None) -> int:
    """``python -m glossary.cli glossary ...`` (the real entry point is ``duet``)."""
    args = build_parser().parse_args(argv)
    return run_glossary(args)


if __name__ == "__main__":
    raise SystemExit(main())
