"""Time to open a ~5,000-sentence pair in the window until it is interactive, and the longest
stall of the event loop meanwhile (the window must never freeze). Prints figures; not a test.

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/window_open.py [--size 5000]``
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from align_speed import _paragraphs, build_pair  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=5000)
    args = parser.parse_args()
    english, vietnamese, _ = build_pair(args.size, 1)

    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        for name in ("DUET_DATA_DIR", "DUET_CONFIG_DIR", "DUET_CACHE_DIR"):
            os.environ[name] = str(folder / name)
        en_path, vi_path = folder / "a.en.txt", folder / "a.vi.txt"
        en_path.write_text(_paragraphs(english), encoding="utf-8")
        vi_path.write_text(_paragraphs(vietnamese), encoding="utf-8")

        from PySide6.QtCore import QElapsedTimer, QSettings, QTimer
        from PySide6.QtWidgets import QApplication

        from reader.ui.main_window import MainWindow
        from reader.ui.session import PairSession

        app = QApplication.instance() or QApplication([])
        settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(PairSession(), settings, db_path=folder / "glossary.sqlite3")
        window.resize(1280, 800)
        window.show()
        app.processEvents()

        clock, gaps = QElapsedTimer(), []
        last = [0]
        heartbeat = QTimer()
        heartbeat.setInterval(10)

        def beat() -> None:
            now = clock.elapsed()
            gaps.append(now - last[0])
            last[0] = now

        heartbeat.timeout.connect(beat)
        clock.start()
        heartbeat.start()
        started = time.perf_counter()
        window.open_pair(en_path, vi_path, background=True)

        def interactive() -> bool:
            pair = window.session.pair
            if pair is None or pair.source.path != en_path:
                return False
            expected = len(pair.source.text) // 2
            return len(window.pane_for("source").toPlainText()) >= expected

        while not interactive():
            app.processEvents()
            if time.perf_counter() - started > 120:
                print("gave up after 120 s")
                return 1
        app.processEvents()
        seconds = time.perf_counter() - started
        heartbeat.stop()
        pair = window.session.pair
        print(f"pair: {len(pair.source.sentences)} x {len(pair.target.sentences)} sentences")
        print(f"open until interactive: {seconds:.2f} s (target < 3 s)")
        print(f"longest event-loop stall meanwhile: {max(gaps, default=0)} ms (target < 200 ms)")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak memory of the process: {peak:.0f} MB (target < 500 MB)")
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
