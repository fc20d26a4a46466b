"""Loading files the way users hand them over: encodings, BOMs, line ends, NFC, bad files."""

from __future__ import annotations

import codecs
import unicodedata

import pytest

from reader.text.loading import TextLoadError, load_document, parse_header, read_text

VIETNAMESE = "Thượng tướng Nguyễn Chí Vịnh đã có cuộc điện đàm.\nĐại sứ Hoa Kỳ tham dự."


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("utf-8"),
        lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
        lambda t: t.encode("utf-16"),  # with BOM, native order
        lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
        lambda t: t.replace("\n", "\r\n").encode("utf-8"),
        lambda t: t.replace("\n", "\r").encode("utf-8"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16be-bom", "crlf", "cr"],
)
def test_accepted_encodings_give_the_same_text(tmp_path, encode):
    path = tmp_path / "a.txt"
    path.write_bytes(encode(VIETNAMESE))
    assert read_text(path) == VIETNAMESE


def test_utf16_without_bom_is_recognised(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("Deputy Minister of Defence met the Ambassador.".encode("utf-16-le"))
    assert read_text(path) == "Deputy Minister of Defence met the Ambassador."


def test_decomposed_vietnamese_is_normalised_to_nfc(tmp_path):
    path = tmp_path / "nfd.txt"
    path.write_bytes(unicodedata.normalize("NFD", VIETNAMESE).encode("utf-8"))
    text = read_text(path)
    assert text == VIETNAMESE
    assert unicodedata.is_normalized("NFC", text)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"   \n\r\n\t ", "empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "not a text file"),
        (b"Vi\xe1\xbb\x87t Nam \xff\xfe broken", "not UTF-8"),
        (bytes(range(1, 32)) * 50, "not a text file"),
    ],
    ids=["empty", "whitespace", "png", "invalid-utf8", "control-bytes"],
)
def test_bad_files_raise_one_clear_error(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(TextLoadError) as caught:
        read_text(path)
    message = str(caught.value)
    assert reason in message
    assert message.startswith("bad.txt: ")
    assert "Traceback" not in message


def test_missing_file_says_so(tmp_path):
    with pytest.raises(TextLoadError, match="does not exist"):
        read_text(tmp_path / "nowhere.txt")


def test_header_gives_date_and_title_and_title_is_a_sentence(sample_paths):
    en, _ = sample_paths
    doc = load_document(en, "en")
    assert doc.date == "2020-07-01"
    assert doc.title == "Vietnam, US intensify exchange of experience in peacekeeping activities"
    first = doc.sentences[0]
    assert first.text == doc.title
    assert doc.text[first.start : first.end] == doc.title


def test_a_line_that_only_starts_with_date_is_not_a_header():
    assert parse_header("dated text without a header\nSecond line.")[0] is None
    assert parse_header("date 2020-07-01")[0] is None  # no title


def test_markup_is_kept_literally(tmp_path):
    path = tmp_path / "html.txt"
    path.write_text("<b>Bold</b> & <script>alert(1)</script> stays text.", encoding="utf-8")
    doc = load_document(path, "en")
    assert doc.sentences[0].text.startswith("<b>Bold</b> &")
