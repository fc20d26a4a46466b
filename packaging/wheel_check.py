"""Check that the built wheel installs and runs on its own: `make wheel-check`, and the slow e2e test.

Builds the wheel from the checkout, installs it into a fresh virtual environment outside the
checkout (dependencies from the package index, as ``pipx install`` would), then, from a folder
outside the checkout, runs ``duet --version`` and ``duet --screenshot`` and checks that the code,
the sample pair and the starter glossary are all loaded from the installed package.

    python packaging/wheel_check.py [--workdir DIR]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Run inside the fresh venv: where the code and resources come from, and that the files exist.
PROBE = """
import json, reader, duet_resources
from reader.paths import resource_path, sample_pair
from glossary.starter import *  # noqa: the starter set must import from the wheel
files = [*sample_pair(), resource_path("starter_glossary.csv"),
         resource_path("icons", reader.APP_ID + ".svg"), resource_path("i18n", "duet_vi.qm")]
print(json.dumps({"reader": reader.__file__, "resources": str(resource_path()),
                  "missing": [str(f) for f in files if not f.is_file()]}))
"""


def clean_env(home: Path) -> dict[str, str]:
    """No PYTHONPATH, no project venv on PATH, user folders in a scratch home."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME") and not key.startswith("DUET_")
    }
    env["PATH"] = os.pathsep.join(
        part for part in env.get("PATH", "").split(os.pathsep) if not part.startswith(str(ROOT))
    )
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
        QT_QPA_PLATFORM="offscreen",
    )
    return env


def run(command: list, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run([str(c) for c in command], capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        raise SystemExit(
            f"wheel-check: {' '.join(map(str, command))} failed ({result.returncode}):\n"
            f"{result.stdout}{result.stderr}"
        )
    return result


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    if header[:8] != b"\x89PNG\r\n\x1a\n":
        raise SystemExit(f"wheel-check: {path} is not a PNG")
    return int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")


def check(workdir: Path) -> dict:
    """Build, install, run; returns what was found (raises SystemExit on any failure)."""
    import json

    from reader import __version__

    dist, env_dir, outside, home = (workdir / n for n in ("dist", "venv", "outside", "home"))
    for folder in (dist, outside, home):
        folder.mkdir(parents=True, exist_ok=True)
    timings = {}
    started = time.monotonic()
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", dist, ROOT])
    wheels = sorted(dist.glob(f"duet_reader-{__version__}-*.whl"))
    if not wheels:
        raise SystemExit(f"wheel-check: no wheel for version {__version__} in {dist}")
    timings["build wheel"] = time.monotonic() - started

    started = time.monotonic()
    venv.create(env_dir, with_pip=True)
    python, duet = env_dir / "bin" / "python", env_dir / "bin" / "duet"
    run([python, "-m", "pip", "install", "--quiet", wheels[-1]])
    timings["install with dependencies"] = time.monotonic() - started

    env = clean_env(home)
    version = run([duet, "--version"], cwd=outside, env=env).stdout.strip()
    if version != f"Duet {__version__}":
        raise SystemExit(f"wheel-check: duet --version printed {version!r}")
    probe = json.loads(run([python, "-c", PROBE], cwd=outside, env=env).stdout)
    for key in ("reader", "resources"):
        if not Path(probe[key]).resolve().is_relative_to(env_dir.resolve()):
            raise SystemExit(f"wheel-check: {key} loaded from {probe[key]}, not the fresh venv")
    if probe["missing"]:
        raise SystemExit(f"wheel-check: not in the wheel: {probe['missing']}")

    started = time.monotonic()
    shot = outside / "window.png"
    run([duet, "--screenshot", shot], cwd=outside, env=env)
    timings["screenshot"] = time.monotonic() - started
    if png_size(shot) != (1280, 800):
        raise SystemExit(f"wheel-check: screenshot is {png_size(shot)}, not 1280x800")
    return {"wheel": wheels[-1].name, "version": version, "timings": timings, **probe}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", type=Path, help="scratch folder (default: a temporary one)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="duet-wheel-check-") as scratch:
        found = check((args.workdir or Path(scratch)).resolve())
    print(
        f"wheel-check: {found['wheel']} installs and runs outside the checkout ({found['version']})"
    )
    for step, seconds in found["timings"].items():
        print(f"  {step}: {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
