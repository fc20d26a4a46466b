"""The real ``duet`` command as a subprocess: align output formats, errors, start-up without Qt."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


def duet(*args, cwd=None, env=None):
    return subprocess.run(
        [sys.executable, "-m", "reader", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env=env,
        timeout=120,
    )


def test_version():
    from reader import __version__

    result = duet("--version")
    assert result.returncode == 0
    assert __version__ in result.stdout


def test_align_json_has_the_documented_shape(sample_paths):
    en, vi = sample_paths
    result = duet("align", en, vi, "--format", "json")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert set(payload) == {"source", "target", "beads"}
    assert payload["source"]["lang"] == "en" and payload["target"]["lang"] == "vi"
    assert payload["source"]["path"] == str(en)
    # Vietnamese is printed as is, not as \u escapes.
    assert "Thượng tướng" in result.stdout
    text = en.read_text(encoding="utf-8")
    for sentence in payload["source"]["sentences"]:
        assert set(sentence) == {"text", "start", "end"}
        assert text[sentence["start"] : sentence["end"]] == sentence["text"]
    shapes = [(len(b["source"]), len(b["target"])) for b in payload["beads"]]
    assert shapes == [
        (1, 0),
        (1, 1),
        (1, 0),
        (1, 1),
        (1, 1),
        (0, 1),
        (1, 1),
        (1, 1),
        (2, 1),
        (1, 1),
    ]
    assert all(0.0 <= b["confidence"] <= 1.0 for b in payload["beads"])


def test_align_tsv_is_one_bead_per_line(sample_paths):
    en, vi = sample_paths
    result = duet("align", en, vi, "--format", "tsv")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 10
    confidence, english, vietnamese = lines[8].split("\t")
    assert 0.0 <= float(confidence) <= 1.0
    assert english.startswith("On the bilateral ties") and "They agreed to" in english
    assert vietnamese.startswith("Về quan hệ song phương")
    assert lines[5].split("\t")[1] == ""  # the related-article line has no English side


def test_align_lines_takes_each_line_as_a_sentence(tmp_path):
    en = tmp_path / "a.en.txt"
    vi = tmp_path / "a.vi.txt"
    en.write_text("One sentence. Another one.\nSecond line.\n", encoding="utf-8")
    vi.write_text("Một câu. Câu khác.\nDòng thứ hai.\n", encoding="utf-8")
    payload = json.loads(duet("align", en, vi, "--lines").stdout)
    assert [s["text"] for s in payload["source"]["sentences"]] == [
        "One sentence. Another one.",
        "Second line.",
    ]


@pytest.mark.parametrize("content", [b"", b"\x89PNG\r\n\x1a\n\x00\x00\x00"])
def test_bad_file_gives_one_sentence_not_a_traceback(tmp_path, sample_paths, content):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    result = duet("align", sample_paths[0], bad)
    assert result.returncode == 2
    assert result.stderr.startswith("duet: bad.txt: ")
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_align_and_version_never_import_qt(sample_paths):
    en, vi = sample_paths
    code = (
        "import sys; from reader.cli import main; "
        f"main(['align', {str(en)!r}, {str(vi)!r}]); "
        "sys.stderr.write(str(any(m.startswith('PySide6') for m in sys.modules)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.stderr.strip() == "False"


def test_screenshot_writes_a_png(tmp_path, sample_paths):
    out = tmp_path / "shot.png"
    result = duet("--screenshot", out, *sample_paths)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert out.stat().st_size > 20_000


def test_one_file_from_a_file_manager_opens_with_its_partner(tmp_path, sample_paths):
    from reader.cli import partner_file

    en, vi = sample_paths
    assert partner_file(vi) == en
    assert partner_file(en) == vi
    lonely = tmp_path / "notes.txt"
    lonely.write_text("Just one file.", encoding="utf-8")
    assert partner_file(lonely) is None
    result = duet(lonely)
    assert result.returncode == 2
    assert "no partner found for notes.txt" in result.stderr
