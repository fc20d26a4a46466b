"""Smoke test of the PyInstaller bundle: `make package` runs it on dist/duet/duet.

Runs the bundled binary the way a user's machine would, without the project's venv (no
PYTHONPATH, the checkout's folders off PATH, a scratch home), from a folder outside the checkout:
``--version``, then ``--screenshot`` offscreen in English and in Vietnamese (``LANGUAGE=vi``).
Prints the bundle's size and how long each start took.

    python packaging/smoke_test.py [dist/duet/duet]
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from wheel_check import clean_env, png_size

ROOT = Path(__file__).resolve().parent.parent


def timed(command: list, env: dict, cwd: Path) -> tuple[float, str]:
    started = time.monotonic()
    result = subprocess.run(
        [str(c) for c in command], capture_output=True, text=True, env=env, cwd=cwd
    )
    elapsed = time.monotonic() - started
    if result.returncode != 0:
        raise SystemExit(
            f"smoke test: {' '.join(map(str, command))} failed ({result.returncode}):\n"
            f"{result.stdout}{result.stderr}"
        )
    return elapsed, result.stdout


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from reader import __version__

    binary = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "dist" / "duet" / "duet").resolve()
    with tempfile.TemporaryDirectory(prefix="duet-smoke-") as scratch:
        outside, home = Path(scratch) / "outside", Path(scratch) / "home"
        outside.mkdir()
        env = clean_env(home)
        seconds, printed = timed([binary, "--version"], env, outside)
        if printed.strip() != f"Duet {__version__}":
            raise SystemExit(f"smoke test: --version printed {printed.strip()!r}")
        print(f"smoke test: {binary} --version: {seconds:.2f} s")
        for name, language in (("en", "en"), ("vi", "vi")):
            shot = outside / f"window-{name}.png"
            seconds, _ = timed(
                [binary, "--screenshot", shot], {**env, "LANGUAGE": language}, outside
            )
            if png_size(shot) != (1280, 800):
                raise SystemExit(f"smoke test: {shot} is {png_size(shot)}, not 1280x800")
            print(f"smoke test: --screenshot ({name}): {seconds:.2f} s")
    size = folder_size(binary.parent)
    print(f"smoke test: passed; bundle {binary.parent} is {size / 2**20:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
