"""The layers of DESIGN.md, kept by import-linter's contracts in pyproject.toml."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_layer_contracts_hold() -> None:
    linter = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(linter), "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 3 kept, 0 broken." in result.stdout


def test_starting_the_command_line_does_not_load_qt() -> None:
    code = (
        "import sys; from communitydesk import cli; cli.build_parser(); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'PySide6'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_the_window_opens_without_loading_the_report_printers() -> None:
    # reportlab and the Arabic shaping take a noticeable time to import: only a report loads them.
    code = (
        "import sys, tempfile\n"
        "from pathlib import Path\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from communitydesk.core.paths import DataPaths\n"
        "from communitydesk.services.context import open_data_folder\n"
        "from communitydesk.ui.app import Session\n"
        "app = QApplication([])\n"
        "services = open_data_folder(DataPaths(Path(tempfile.mkdtemp())).ensure())\n"
        "services.demo.generate(people=30, seed=2)\n"
        "window = Session(app, services, 'en').open_window()\n"
        "window.show_area('money')\n"
        "window.tasks.wait_for_done()\n"
        "heavy = ('reportlab', 'bidi', 'arabic_reshaper')\n"
        "print(sorted({m.split('.')[0] for m in sys.modules if m.split('.')[0] in heavy}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.stdout.strip().splitlines()[-1] == "[]"
