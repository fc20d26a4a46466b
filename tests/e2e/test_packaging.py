"""Packaging: one identity everywhere, valid desktop metadata, and a wheel that runs on its own."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from reader import APP_ID, APP_NAME, __version__
from reader.paths import resource_path

REPO = Path(__file__).resolve().parents[2]
PACKAGING = REPO / "packaging"
DESKTOP = PACKAGING / f"{APP_ID}.desktop"
METAINFO = PACKAGING / f"{APP_ID}.metainfo.xml"


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive in desktop files
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_file_uses_the_package_identity():
    entry = desktop_entry()
    assert entry["Name"] == APP_NAME
    assert entry["Icon"] == APP_ID  # the icon is installed as <APP_ID>.svg
    assert entry["Exec"].split()[0] == "duet"  # the console script in pyproject.toml
    # X11 matches windows by WM_CLASS, whose class Qt takes from the application name.
    assert entry["StartupWMClass"] == APP_NAME
    assert entry["Categories"] == "Education;Languages;Office;"
    assert entry["MimeType"] == "text/plain;"


def test_metainfo_uses_the_package_identity_and_lists_this_version():
    root = ET.parse(METAINFO).getroot()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("name") == APP_NAME
    assert root.find("launchable").text == DESKTOP.name
    assert root.find("provides/binary").text == "duet"
    releases = [release.get("version") for release in root.iter("release")]
    assert releases[0] == __version__, "add a <release> for the new version to the metainfo"


def test_icon_ships_in_the_package():
    icon = resource_path("icons", f"{APP_ID}.svg")
    root = ET.parse(icon).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("viewBox") == "0 0 128 128"


@pytest.mark.skipif(not shutil.which("appstreamcli"), reason="appstreamcli not installed")
def test_metainfo_passes_appstreamcli_validate():
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(METAINFO)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    problems = [line for line in result.stdout.splitlines() if line[:2] in ("E:", "W:")]
    assert not problems


@pytest.mark.skipif(not shutil.which("desktop-file-validate"), reason="desktop-file-utils missing")
def test_desktop_file_passes_desktop_file_validate():
    result = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in result.stdout.lower()


def test_bundle_spec_leaves_out_qt_modules_duet_does_not_use():
    spec = (PACKAGING / "duet.spec").read_text(encoding="utf-8")
    for unused in ("QtWebEngineCore", "QtQml", "QtQuick", "Qt3DCore", "QtMultimedia"):
        assert unused in spec
    assert "from reader import" in spec  # name and version are imported, not restated


@pytest.mark.slow
def test_wheel_installs_and_runs_outside_the_checkout(tmp_path):
    """Build the wheel, install it with its dependencies into a fresh venv, run it elsewhere.

    Needs the package index for the dependencies (about 10-30 s here); see packaging/wheel_check.py.
    """
    result = subprocess.run(
        [sys.executable, str(PACKAGING / "wheel_check.py"), "--workdir", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"(Duet {__version__})" in result.stdout
