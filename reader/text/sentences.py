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
    dr mr mrs ms prof rev st no vs etc hon amb pres gov.-gen dep asst assoc
    pgs gs ts ths
    """.split()
)  # the last line: Vietnamese academic titles, "PGS. TS. Đoàn Lệ Giang" (assoc. prof., Dr)
_LAST_WORD = re.compile(r"(?:^|[\s(\[\"'“‘])([A-Za-z][A-Za-z.\-]*)\.$")
_HAS_WORD_CHAR = re.compile(r"\w")
# A short bracketed credit with no sentence inside, e.g. "(Photo: VNA)" or "(Source: Reuters)".
_BRACKETED_CREDIT = re.compile(r"^[(\[][^()\[\].!?]{1,60}[)\]]$")
# Sentence splitting per paragraph is linear, but sentencex is slow on a single huge line;
# cut such lines at white space first so that one pathological file cannot stall the app.
_MAX_CHUNK = 20_000


def _ends_with_abbreviation(sentence: str) -> bool:
    # The last word is all that matters; searching only the tail keeps this cheap on long lines.
    match = _LAST_WORD.search(sentence.rstrip()[-60:])
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


# A sentence end inside a quotation: the mark, closing quotes, white space, then (after any
# opening quotes or brackets) what must be a capital letter for the quotation to go on with a
# new sentence.
_QUOTED_END = re.compile(r"[.!?…][\"”’)\]]*(\s+)[\"“‘(\[]*(\w)")
_OPENING_QUOTES = "“‘«"


def _quotation_depth(text: str) -> list[int]:
    """For each position, how many double quotations are open there ('"' alternates)."""
    depth, straight, out = 0, False, []
    for ch in text:
        out.append(depth + straight)
        if ch == '"':
            straight = not straight
        elif ch == "“" or ch == "«":
            depth += 1
        elif (ch == "”" or ch == "»") and depth:
            depth -= 1
    return out


_LOWERCASE_WORD_END = re.compile(r"(?<!\w)([^\W\d_]{2,})\.$")


def _extra_cuts(text: str, lang: str) -> list[int]:
    """Sentence ends that sentencex passes over, as cut points in ``text``.

    * Inside quoted speech: '"We have to act. We need to …"' is two sentences. sentencex never
      splits inside quotation marks; translators and aligned corpora do, and a long quotation is
      best read and aligned sentence by sentence.
    * In Vietnamese, after a lower-case word: sentencex takes "ca." for the Latin "circa", but in
      Vietnamese news it is the word for a case ("… hơn 780 ca. Thứ trưởng …"), and Vietnamese
      abbreviations are written in capitals (TP., PGS.).

    A cut needs a sentence-ending mark, not after an abbreviation or an initial, and a capital.
    """
    quoted = '"' in text or "“" in text or "«" in text
    if not quoted and lang != "vi":
        return []
    depth = None
    cuts = []
    for match in _QUOTED_END.finditer(text):
        if not match.group(2).isupper():
            continue
        mark = match.start()
        # Only the last word matters: look at a short window, so long lines stay linear.
        if text[mark] == "." and _ends_with_abbreviation(text[max(0, mark - 60) : mark + 1]):
            continue
        if quoted and depth is None:
            depth = _quotation_depth(text)
        inside = quoted and depth[mark] > 0
        if not inside and not (lang == "vi" and _after_lower_case_word(text, mark)):
            continue
        cuts.append(match.end(1))
    return cuts


def _after_lower_case_word(text: str, mark: int) -> bool:
    """The mark is a period right after a lower-case word of two or more letters."""
    if text[mark] != ".":
        return False
    word = _LOWERCASE_WORD_END.search(text, max(0, mark - 60), mark + 1)
    return word is not None and word.group(1).islower()


def split_paragraph(paragraph: str, lang: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) inside one paragraph, stripped of surrounding white space."""
    raw: list[tuple[int, int]] = []
    position = 0
    for original in _chunks(paragraph):
        chunk_start = paragraph.find(original, position)
        # Same length as the original, so offsets found in it hold for the paragraph.
        chunk = original
        if "\x85" in chunk or "\u2028" in chunk or "\u2029" in chunk:
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
                # No space, no new sentence: the agency tag of "… COVID-19./.VNA".
                or (start == merged[-1][1] and previous[-1] not in _OPENING_QUOTES)
            )
            if glue:
                merged[-1] = (merged[-1][0], end)
                continue
        merged.append((start, end))
    return _move_dangling_quotes(paragraph, _with_extra_cuts(paragraph, merged, lang))


def _with_extra_cuts(
    paragraph: str, spans: list[tuple[int, int]], lang: str
) -> list[tuple[int, int]]:
    out = []
    for start, end in spans:
        piece = start
        for cut in _extra_cuts(paragraph[start:end], lang):
            out.append((piece, start + len(paragraph[start : start + cut].rstrip())))
            piece = start + cut
        out.append((piece, end))
    return out


def _move_dangling_quotes(paragraph: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """'… năm nữa. “' + 'Ở lúc nào đó …' → the opening quote starts the sentence it opens."""
    out = list(spans)
    for k in range(len(out) - 1):
        start, end = out[k]
        text = paragraph[start:end]
        if len(text) > 1 and text[-1] in _OPENING_QUOTES and text[-2].isspace():
            out[k] = (start, start + len(text[:-1].rstrip()))
            out[k + 1] = (end - 1, out[k + 1][1])
    return out


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
