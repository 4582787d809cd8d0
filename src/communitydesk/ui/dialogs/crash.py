"""What a bug looks like to a volunteer: an apology, a report to copy, and the log file."""

from __future__ import annotations

import logging
import platform
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from communitydesk import __version__
from communitydesk.core.errors import CommunityDeskError
from communitydesk.core.i18n import _, isolate

log = logging.getLogger(__name__)


def crash_report(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> str:
    lines = [
        f"CommunityDesk {__version__}",
        f"Python {platform.python_version()}, PySide6 {pyside_version}, {platform.platform()}",
        "",
        *traceback.format_exception(kind, value, tb),
    ]
    return "\n".join(line.rstrip("\n") for line in lines)


class CrashDialog(QDialog):
    def __init__(self, report: str, log_file: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("CommunityDesk ran into a problem"))
        self.resize(640, 420)
        self.report = report
        intro = QLabel(
            _(
                "Something went wrong inside CommunityDesk. What you had saved is safe: every "
                "change is saved whole or not at all. Please copy this report and send it to "
                "whoever helps you with the app."
            )
        )
        intro.setWordWrap(True)
        self.text = QPlainTextEdit(report)
        self.text.setReadOnly(True)
        self.log_label = QLabel(_("Log file: {path}").format(path=isolate(str(log_file))))
        self.log_label.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(_("Copy report"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        open_log = QPushButton(_("Open log folder"))
        buttons.addButton(open_log, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_report)
        open_log.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_file.parent)))
        )
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.text)
        layout.addWidget(self.log_label)
        layout.addWidget(buttons)

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report)
        self.copy_button.setText(_("Copied"))


def install_crash_handler(log_file: Path) -> None:
    """Unexpected exceptions (in slots and finished tasks) open the crash dialog."""
    showing = False

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        nonlocal showing
        log.critical("Unexpected error", exc_info=(kind, value, tb))
        if isinstance(value, CommunityDeskError):
            from communitydesk.ui.widgets.messages import show_error

            show_error(QApplication.activeWindow(), value)
            return
        if showing or QApplication.instance() is None:
            sys.__excepthook__(kind, value, tb)
            return
        showing = True
        try:
            CrashDialog(crash_report(kind, value, tb), log_file, QApplication.activeWindow()).exec()
        finally:
            showing = False

    sys.excepthook = hook
