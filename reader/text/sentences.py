"""Split a document into paragraphs (lines) and sentences (sentencex), keeping character offsets.

sentencex does the boundary work; on top of it we only repair what matters for news in this domain:
punctuation-only tails such as the ``./.`` ending of Vietnamese news are glued to the sentence before,
a bracketed credit such as ``(Photo: VNA)`` stays with its caption, and a sentence never ends on an
abbreviated rank or an initial ("Sen. Lt. Gen.", "David F. Helvey").
"""

from __future__ import annotations

import re
from pathlib import Path

from sentencex import segment

from reader.text.document import Document, Paragraph, Sentence
from reader.text.loading import parse_header

# Abbreviations after which a period does not end a sentence (ranks, titles, honorifics).
ABBREVIATIONS = frozenset(
    """
    adm brig capt cdr cmdr col cpl gen gov lt lieut maj pfc pte sen sgt spc sr jr rep sen
    dr mr mrs ms prof rev st no vs etc hon amb pres gov.-gen dep asst
    """.split()
)
_LAST_WORD = re.compile(r"(?:^|[\s(\[\"'“‘])([A-Za-z][A-Za-z.\-]*)\.$")
_HAS_WORD_CHAR = re.compile(r"\w")
# A short bracketed credit with no sentence inside, e.g. "(Photo: VNA)" or "(Source: Reuters)".
_BRACKETED_CREDIT = re.compile(r"^[(\[][^()\[\].!?]{1,60}[)\]]$")
# Sentence splitting per paragraph is linear, but sentencex is slow on a single huge line;
# cut such lines at white space first so that one pathological file cannot stall the app.
_MAX_CHUNK = 20_000


def _ends_with_abbreviation(sentence: str) -> bool:
    match = _LAST_WORD.search(sentence.rstrip())
    if not match:
        return False
    word = match.group(1)
    if len(word) == 1 and word.isupper():
        return True  # an initial: "David F."
    return word.lower().rstrip(".") in ABBREVIATIONS


def _chunks(paragraph: str) -> list[str]:
    """Cut an enormous paragraph into pieces sentencex can handle, at white space."""
    if len(paragraph) <= _MAX_CHUNK:
        return [paragraph]
    pieces, start = [], 0
    while start < len(paragraph):
        end = min(len(paragraph), start + _MAX_CHUNK)
        if end < len(paragraph):
            cut = paragraph.rfind(" ", start + _MAX_CHUNK // 2, end)
            end = cut + 1 if cut > start else end
        pieces.append(paragraph[start:end])
        start = end
    return pieces


# sentencex (Rust) panics on an initial followed by a Unicode line separator ("A\u2028."); such
# characters end a line anyway, so the splitter sees a space of the same length instead.
_LINE_SEPARATORS = str.maketrans({"\x85": " ", "\u2028": " ", "\u2029": " "})


def _segment(lang: str, chunk: str) -> list[str]:
    try:
        return list(segment(lang, chunk))
    except BaseException as error:  # pyo3's PanicException derives from BaseException
        if isinstance(error, KeyboardInterrupt | SystemExit | MemoryError):
            raise
        return [chunk]  # one sentence rather than a crash


def split_paragraph(paragraph: str, lang: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) inside one paragraph, stripped of surrounding white space."""
    raw: list[tuple[int, int]] = []
    position = 0
    for original in _chunks(paragraph):
        chunk_start = paragraph.find(original, position)
        # Same length as the original, so offsets found in it hold for the paragraph.
        chunk = original.translate(_LINE_SEPARATORS)
        cursor = 0
        for piece in _segment(lang, chunk):
            stripped = piece.strip()
            if not stripped:
                continue
            found = chunk.find(stripped, cursor)
            if found < 0:
                # sentencex altered the text: the rest of the chunk becomes one sentence, so
                # nothing is lost or shown twice.
                rest = chunk[cursor:]
                if rest.strip():
                    found = cursor + len(rest) - len(rest.lstrip())
                    raw.append((chunk_start + found, chunk_start + found + len(rest.strip())))
                cursor = len(chunk)
                break
            raw.append((chunk_start + found, chunk_start + found + len(stripped)))
            cursor = found + len(stripped)
        if chunk[cursor:].strip():  # text sentencex dropped at the end of a chunk
            rest = chunk[cursor:]
            found = cursor + len(rest) - len(rest.lstrip())
            raw.append((chunk_start + found, chunk_start + found + len(rest.strip())))
        position = chunk_start + len(chunk)
    merged: list[tuple[int, int]] = []
    for start, end in raw:
        text = paragraph[start:end]
        if merged:
            previous = paragraph[merged[-1][0] : merged[-1][1]]
            glue = (
                not _HAS_WORD_CHAR.search(text)
                or _BRACKETED_CREDIT.match(text)
                or _ends_with_abbreviation(previous)
            )
            if glue:
                merged[-1] = (merged[-1][0], end)
                continue
        merged.append((start, end))
    return merged


def split_document(
    text: str, lang: str, *, path: Path | None = None, lines: bool = False
) -> Document:
    """Paragraphs are non-empty lines; sentences come from sentencex, or are the lines themselves.

    A header line ``date YYYY-MM-DD <title>`` gives the document's date and title; the title is
    kept as a sentence of its own so that it is shown and aligned like any other.
    """
    date, title, title_start, title_end = parse_header(text)
    document = Document(text=text, lang=lang, path=path, date=date, title=title)
    offset = 0
    for line in text.split("\n"):
        line_start, offset = offset, offset + len(line) + 1
        stripped = line.strip()
        if not stripped:
            continue
        start = line_start + line.index(stripped[0])
        end = start + len(stripped)
        if title is not None and line_start == 0:
            start, end = title_start, title_end
        index = len(document.paragraphs)
        document.paragraphs.append(Paragraph(start, end))
        if lines or (title is not None and line_start == 0):
            spans = [(0, end - start)]
        else:
            spans = split_paragraph(text[start:end], lang)
        for s, e in spans:
            document.sentences.append(
                Sentence(text[start + s : start + e], start + s, start + e, index)
            )
    return document
