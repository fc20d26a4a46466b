"""Turn a file a user hands over into normalised text: decoding, line ends, NFC, the article header.

Accepted: UTF-8 with or without BOM, UTF-16/32 with BOM, UTF-16 without BOM when the NUL pattern
makes it unambiguous, and legacy Vietnamese Windows-1258 when the bytes are not UTF-8 but read as
plausible Vietnamese in that code page (its tone marks are combining characters, so the text is
NFC-normalised like everything else); CRLF, CR or LF line ends. Everything else (empty, binary,
undecodable) raises :class:`TextLoadError`, whose message is a sentence meant for the user and, for
8-bit text, names the encoding the file probably has.

Markup, right-to-left and zero-width characters are kept literally: the loader never interprets
text. :func:`looks_vietnamese` is a cheap check the window can use to warn about a file that seems
to be in the other language (it never refuses one).
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

from reader.text.document import Document

# Refuse files far beyond any article so that a wrong pick cannot exhaust memory.
MAX_FILE_BYTES = 64 * 1024 * 1024

_HEADER = re.compile(r"^[ \t\ufeff]*date[ \t]+(\d{4}-\d{2}-\d{2})[ \t]+(\S.*?)[ \t]*$")
_BINARY_MAGIC = (b"\x89PNG", b"%PDF", b"PK\x03\x04", b"\xff\xd8\xff", b"GIF8", b"\x7fELF")

# Letters that occur in Vietnamese and hardly ever in English prose (lower case, NFC).
VIETNAMESE_LETTERS = frozenset(
    "ăâđêôơưáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
)
# The subset no Western European language uses (French has é, è, â, ô ... too).
_DISTINCTIVE = frozenset("ăđơưảãạắằẳẵặấầẩẫậẻẽẹếềểễệỉĩịỏọốồổỗộớờởỡợủũụứừửữựỳỷỹỵ")


class TextLoadError(Exception):
    """A file cannot be opened as an article; ``str(error)`` says why, for the user."""

    def __init__(self, message: str, path: Path | str | None = None):
        self.path = Path(path) if path is not None else None
        prefix = f"{self.path.name}: " if self.path is not None else ""
        super().__init__(prefix + message)
        self.reason = message


def decode_bytes(data: bytes) -> str:
    """Decode a file's bytes, or raise TextLoadError with the reason."""
    if not data.strip(b" \t\r\n\x00"):
        raise TextLoadError("the file is empty.")
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as error:
                raise TextLoadError(
                    f"the file says it is {encoding.upper()} but byte {error.start} is not valid."
                ) from None
    if data.startswith(_BINARY_MAGIC):
        raise TextLoadError("this is not a text file (it looks like an image, PDF or archive).")
    if b"\x00" in data:
        guessed = _guess_utf16_without_bom(data)
        if guessed is not None:
            return guessed
        raise TextLoadError("this is not a text file (it contains binary data).")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        return _decode_legacy(data, error.start)


def _decode_legacy(data: bytes, bad_at: int) -> str:
    """Not UTF-8: take Windows-1258 if it reads as Vietnamese, else say what the file likely is."""
    # Mostly well-formed UTF-8 with a few bad bytes is a damaged UTF-8 file, not a code page.
    as_utf8 = data.decode("utf-8", errors="replace")
    replaced = as_utf8.count("\ufffd")
    valid_non_ascii = sum(1 for ch in as_utf8 if ord(ch) > 127) - replaced
    if valid_non_ascii > replaced:
        raise TextLoadError(
            f"the text is not UTF-8: byte {bad_at} is invalid although the rest is UTF-8, "
            "so the file is probably damaged. Save it as UTF-8 and open it again."
        )
    try:
        legacy = unicodedata.normalize("NFC", data.decode("cp1258"))
    except UnicodeDecodeError:
        legacy = None
    if legacy is not None and _plausible_vietnamese(legacy):
        return legacy
    high = sum(1 for b in data[:65536] if b > 127)
    letters = sum(1 for b in data[:65536] if 65 <= (b | 32) <= 122) + high
    # Western languages accent a few letters in a hundred; the Vietnamese font encodings
    # put a high byte in about every fourth letter.
    if letters and high / letters > 0.15:
        likely = (
            "it looks like Vietnamese in an old font encoding such as TCVN3 (ABC) or VNI. "
            "Convert it to Unicode (for example with Unikey's converter)"
        )
    else:
        likely = "it looks like a Western 8-bit encoding such as Windows-1252. Save it as UTF-8"
    raise TextLoadError(
        f"the text is not UTF-8 (invalid byte at position {bad_at}); {likely} and open it again."
    )


def _plausible_vietnamese(text: str) -> bool:
    """Windows-1258 accepts almost any byte, so demand text that is clearly Vietnamese."""
    sample = text[:65536].lower()
    letters = [ch for ch in sample if ch.isalpha()]
    if len(letters) < 20:
        return False
    stray_marks = sum(1 for ch in sample if unicodedata.combining(ch))  # tone with no vowel
    vietnamese = sum(1 for ch in letters if ch in VIETNAMESE_LETTERS)
    distinctive = sum(1 for ch in letters if ch in _DISTINCTIVE)
    # Letters Vietnamese never uses (ö, ï, ñ, Ṿ ...) betray another encoding, e.g. VNI.
    foreign = sum(1 for ch in letters if ord(ch) > 127 and ch not in VIETNAMESE_LETTERS)
    n = len(letters)
    return (
        vietnamese >= 0.08 * n
        and distinctive >= 0.02 * n
        and stray_marks <= 0.01 * n
        and foreign <= 0.01 * n
    )


def vietnamese_letter_share(text: str, sample_chars: int = 20_000) -> float:
    """Share of the letters at the start of ``text`` that are Vietnamese-only (0.0 if none)."""
    letters = [
        ch for ch in unicodedata.normalize("NFC", text[:sample_chars]).lower() if ch.isalpha()
    ]
    if not letters:
        return 0.0
    return sum(ch in VIETNAMESE_LETTERS for ch in letters) / len(letters)


def looks_vietnamese(text: str) -> bool:
    """Whether ``text`` reads as Vietnamese: about a fifth of its letters carry Vietnamese marks,
    English prose (even with names like "Nguyễn") has almost none. Cheap: looks at 20,000 chars."""
    return vietnamese_letter_share(text) >= 0.12


def language_warning(text: str, lang: str) -> str | None:
    """A sentence for the window when a file seems to be in the other language, else None.

    Never a reason to refuse the file: a translator may open anything side by side.
    """
    if not any(ch.isalpha() for ch in text[:20_000]):
        return None
    if lang == "vi" and not looks_vietnamese(text):
        return "The Vietnamese side does not look like Vietnamese; check the files are not swapped."
    if lang == "en" and looks_vietnamese(text):
        return "The English side looks like Vietnamese; check the files are not swapped."
    return None


def _guess_utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without BOM shows NULs in every other byte for Latin text; take it only if clear."""
    sample = data[:4096]
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) / 2
    if odd_nuls > 0.3 * half and even_nuls < 0.05 * half:
        encoding = "utf-16-le"
    elif even_nuls > 0.3 * half and odd_nuls < 0.05 * half:
        encoding = "utf-16-be"
    else:
        return None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def normalise_text(text: str) -> str:
    """LF line ends and NFC; characters are otherwise kept as they are (shown literally)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def _looks_binary(text: str) -> bool:
    """Control characters other than tab/newline/form feed in quantity mean this is not prose."""
    sample = text[:8192]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\f\v")
    return controls > max(8, len(sample) // 100)


def read_text(path: Path | str) -> str:
    """Read and decode a file; every failure becomes a TextLoadError naming the file."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise TextLoadError(
                f"the file is too large ({size // (1024 * 1024)} MB; "
                f"at most {MAX_FILE_BYTES // (1024 * 1024)} MB).",
                path,
            )
        data = path.read_bytes()
    except TextLoadError:
        raise
    except IsADirectoryError:
        raise TextLoadError("this is a folder, not a file.", path) from None
    except FileNotFoundError:
        raise TextLoadError("the file does not exist.", path) from None
    except PermissionError:
        raise TextLoadError("permission denied.", path) from None
    except OSError as error:
        raise TextLoadError(f"the file cannot be read ({error.strerror}).", path) from None
    try:
        text = normalise_text(decode_bytes(data))
    except TextLoadError as error:
        raise TextLoadError(error.reason, path) from None
    if _looks_binary(text):
        raise TextLoadError("this is not a text file (it contains binary data).", path)
    if not text.strip():
        raise TextLoadError("the file contains only white space.", path)
    return text


def parse_header(text: str) -> tuple[str | None, str | None, int, int]:
    """Recognise a first line ``date YYYY-MM-DD <title>``.

    Returns (date, title, title_start, title_end); offsets are -1 when there is no header.
    """
    first_line_end = text.find("\n")
    first = text if first_line_end < 0 else text[:first_line_end]
    match = _HEADER.match(first)
    if not match:
        return None, None, -1, -1
    return match.group(1), match.group(2), match.start(2), match.end(2)


def load_document(path: Path | str, lang: str, *, lines: bool = False) -> Document:
    """Load an article file into a Document with paragraphs and sentences.

    ``lines=True`` takes every non-empty line as one sentence (how aligners are evaluated).
    """
    from reader.text.sentences import split_document

    text = read_text(path)
    return split_document(text, lang, path=Path(path), lines=lines)
