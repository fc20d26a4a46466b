"""The ``duet`` command: open the window, or align / manage the glossary from the shell.

``duet [EN_FILE VI_FILE]`` and ``duet --screenshot OUT.png`` start the GUI; ``duet align`` and
``duet glossary`` never import Qt, so they start fast and run on machines without a display.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from reader import APP_NAME, __version__

SUBCOMMANDS = ("align", "glossary")


def _gui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="duet",
        description=f"{APP_NAME}: read an English article and its Vietnamese translation side by "
        "side. Subcommands: 'duet align EN VI' prints an alignment; 'duet glossary ...' manages "
        "the term base (see 'duet align --help', 'duet glossary --help').",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument(
        "files", nargs="*", metavar="FILE", help="EN_FILE VI_FILE (default: sample)"
    )
    parser.add_argument(
        "--screenshot",
        type=Path,
        metavar="OUT.png",
        help="render the window offscreen to a PNG and exit",
    )
    parser.add_argument("--db", type=Path, help="glossary database (default: user data folder)")
    return parser


def _align_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="duet align",
        description="Print the sentence alignment "
        "of an English file and its Vietnamese translation.",
    )
    parser.add_argument("en_file", type=Path)
    parser.add_argument("vi_file", type=Path)
    parser.add_argument("--format", choices=("json", "tsv"), default="json")
    parser.add_argument(
        "--lines",
        action="store_true",
        help="take every non-empty line as one sentence (no splitting)",
    )
    return parser


def alignment_payload(en_doc, vi_doc, alignment) -> dict:
    """The JSON document ``duet align`` prints."""

    def side(doc) -> dict:
        return {
            "path": str(doc.path),
            "lang": doc.lang,
            "sentences": [{"text": s.text, "start": s.start, "end": s.end} for s in doc.sentences],
        }

    return {
        "source": side(en_doc),
        "target": side(vi_doc),
        "beads": [
            {"source": list(b.source), "target": list(b.target), "confidence": b.confidence}
            for b in alignment.beads
        ],
    }


def run_align(argv: list[str]) -> int:
    from reader.align import align_documents
    from reader.text.loading import TextLoadError, load_document

    args = _align_parser().parse_args(argv)
    try:
        en_doc = load_document(args.en_file, "en", lines=args.lines)
        vi_doc = load_document(args.vi_file, "vi", lines=args.lines)
    except TextLoadError as error:
        print(f"duet: {error}", file=sys.stderr)
        return 2
    alignment = align_documents(en_doc, vi_doc, lines=args.lines)
    out = sys.stdout
    if args.format == "json":
        json.dump(alignment_payload(en_doc, vi_doc, alignment), out, ensure_ascii=False)
        out.write("\n")
    else:
        for bead in alignment.beads:
            english = " ".join(en_doc.sentences[i].text for i in bead.source)
            vietnamese = " ".join(vi_doc.sentences[j].text for j in bead.target)
            out.write(f"{bead.confidence:.4f}\t{_tsv_cell(english)}\t{_tsv_cell(vietnamese)}\n")
    return 0


def _tsv_cell(text: str) -> str:
    return text.replace("\t", " ").replace("\n", " ")


def run_glossary_command(argv: list[str]) -> int:
    from glossary.cli import add_glossary_parser, run_glossary

    parser = argparse.ArgumentParser(prog="duet")
    subparsers = parser.add_subparsers(dest="command", required=True)
    add_glossary_parser(subparsers)
    args = parser.parse_args(["glossary", *argv])
    return run_glossary(args)


def partner_file(path: Path) -> Path | None:
    """``x.en.txt`` ↔ ``x.vi.txt`` in the same folder, when that file exists."""
    for mine, other in ((".en.", ".vi."), (".vi.", ".en.")):
        if mine in path.name:
            candidate = path.with_name(path.name.replace(mine, other, 1))
            if candidate.is_file():
                return candidate
    return None


def run_gui_command(argv: list[str]) -> int:
    parser = _gui_parser()
    args = parser.parse_args(argv)
    files = [Path(f) for f in args.files]
    if len(files) == 1:
        # A file manager hands over one file (Exec=duet %F): open it with its .en/.vi partner.
        partner = partner_file(files[0])
        if partner is None:
            parser.error(
                f"no partner found for {files[0].name}: give two files, English then "
                "Vietnamese (or name them like article.en.txt and article.vi.txt)"
            )
        files = sorted([files[0], partner], key=lambda p: ".vi." in p.name)
    if len(files) not in (0, 2):
        parser.error("give two files, English then Vietnamese, or none for the sample pair")
    en_path, vi_path = (files[0], files[1]) if files else (None, None)
    from reader.ui.app import run_gui  # the only path that imports Qt

    return run_gui(
        en_path,
        vi_path,
        screenshot=args.screenshot,
        db_path=args.db,
    )


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # Output goes to pipes and Windows consoles too: always UTF-8, never a UnicodeEncodeError.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    try:
        if argv and argv[0] == "align":
            return run_align(argv[1:])
        if argv and argv[0] == "glossary":
            return run_glossary_command(argv[1:])
        return run_gui_command(argv)
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
