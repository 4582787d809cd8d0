"""Start-up: process start to the main window shown (with its first data loaded), against a bare
PySide6 QMainWindow in the same run; plus peak memory of each.

    .venv/bin/python benchmarks/startup.py [--people 10000] [--rounds 7]

Both run offscreen, in fresh processes, alternately, so the disk cache treats them alike.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = r"""
import resource, sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1100, 720)
window.show()
def done():
    print(time.time(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)
    app.quit()
QTimer.singleShot(0, done)
app.exec()
"""

# The same bare window in a process that has also imported the libraries the product card names
# (SQLAlchemy's ORM and Babel): how much of the start-up is theirs, not ours.
LIBRARIES = "import sqlalchemy.orm, babel.dates\n" + BARE

# The real command, with one addition: when the main window has been shown and its first
# background queries are answered, print peak memory and quit.
APP = r"""
import resource, sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from communitydesk.ui import main_window

shown = main_window.MainWindow.showEvent
def show_event(self, event):
    shown(self, event)
    def check():
        if self.tasks.busy:
            QTimer.singleShot(1, check)
            return
        print(time.time(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)
        QApplication.quit()
    QTimer.singleShot(0, check)
main_window.MainWindow.showEvent = show_event

from communitydesk.cli import main
sys.exit(main(["--data-dir", sys.argv[1], "--lang", "en"]))
"""


def _run(code: str, *args: str) -> tuple[float, int]:
    """Seconds from process start to the window shown (the exit is not counted), peak KB."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    start = time.time()
    result = subprocess.run(
        [sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, check=True
    )
    shown_at, peak = result.stdout.strip().splitlines()[-1].split()
    return float(shown_at) - start, int(peak)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "data"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "communitydesk",
                "--data-dir",
                str(data),
                "demo",
                "--people",
                str(args.people),
            ],
            check=True,
            capture_output=True,
        )
        _run(APP, str(data))  # first start: the settings file and the disk cache
        bare_times, app_times, bare_memory, app_memory = [], [], [], []
        library_times = []
        for _round in range(args.rounds):
            seconds, kilobytes = _run(BARE)
            bare_times.append(seconds)
            bare_memory.append(kilobytes)
            library_times.append(_run(LIBRARIES)[0])
            seconds, kilobytes = _run(APP, str(data))
            app_times.append(seconds)
            app_memory.append(kilobytes)

    figures = {
        "people": args.people,
        "bare_window_s": statistics.median(bare_times),
        "communitydesk_s": statistics.median(app_times),
        "time_ratio": statistics.median(app_times) / statistics.median(bare_times),
        "bare_window_with_libraries_s": statistics.median(library_times),
        "time_ratio_to_libraries": statistics.median(app_times) / statistics.median(library_times),
        "bare_window_peak_mb": max(bare_memory) / 1024,
        "communitydesk_peak_mb": max(app_memory) / 1024,
        "memory_ratio": max(app_memory) / max(bare_memory),
    }
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    print(f"Start-up to the main window, {args.people:,} people, median of {args.rounds} runs")
    print(
        f"  bare QMainWindow   {figures['bare_window_s'] * 1000:7.0f} ms"
        f"   peak {figures['bare_window_peak_mb']:6.1f} MB"
    )
    print(
        f"  bare + SQLAlchemy  {figures['bare_window_with_libraries_s'] * 1000:7.0f} ms"
        "   (the same window after importing SQLAlchemy's ORM and Babel)"
    )
    print(
        f"  CommunityDesk      {figures['communitydesk_s'] * 1000:7.0f} ms"
        f"   peak {figures['communitydesk_peak_mb']:6.1f} MB"
    )
    print(
        f"  ratio              {figures['time_ratio']:7.2f} x"
        f"      {figures['memory_ratio']:6.2f} x   (goal: at most 4x and under 150 MB)"
    )
    print(f"  ratio to the window with the libraries  {figures['time_ratio_to_libraries']:5.2f} x")


if __name__ == "__main__":
    main()
