"""The copies kept in the data folder, newest first, with what each holds; restore one of them.

Restoring keeps the current state as a backup first; then the data folder is opened afresh in a
new window (an older copy is brought up to this version on opening).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.errors import CommunityDeskError
from communitydesk.core.i18n import _, format_datetime, format_number, isolate
from communitydesk.services.maintenance import BackupInfo, MaintenanceService
from communitydesk.ui.tasks import Task, TaskRunner
from communitydesk.ui.widgets.messages import show_error
from communitydesk.ui.widgets.tables import read_only_table, select_row


def kind_label(kind: str) -> str:
    if kind == "auto":
        return _("automatic")
    if kind.startswith("before-upgrade"):
        return _("before an upgrade")
    if kind == "before-restore":
        return _("before a restore")
    if kind == "before-discard-sample":
        return _("the sample, before it was removed")
    return kind


class BackupsDialog(QDialog):
    def __init__(
        self,
        maintenance: MaintenanceService,
        restart: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._maintenance = maintenance
        self._restart = restart
        self._tasks = TaskRunner(parent=self)
        self.pending: Task | None = None
        self.backups: list[BackupInfo] = []
        self.restored_from: Path | None = None
        self.setWindowTitle(_("Backups"))
        self.resize(820, 480)
        explanation = QLabel(
            _(
                "CommunityDesk keeps a verified copy every few hours of use: all of the last "
                "day, one a day for a week, one a week for two months. Restoring one keeps "
                "today's data as a copy first."
            )
        )
        explanation.setWordWrap(True)
        self.table = read_only_table([_("Made"), _("Kind"), _("People"), _("Households")])
        self.table.doubleClicked.connect(lambda *_args: self.restore_selected())
        self.restore_button = QPushButton(_("Restore this copy…"))
        self.restore_button.clicked.connect(self.restore_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        self.pending = self._tasks.run(lambda _task: self._maintenance.backups(), self._show)

    def _show(self, backups: list[BackupInfo]) -> None:
        self.pending = None
        self.backups = backups
        self.table.setRowCount(len(backups))
        for row, info in enumerate(backups):
            unreadable = _("cannot be read")
            cells = [
                format_datetime(info.made_at, "short"),
                kind_label(info.kind),
                format_number(info.people) if info.people is not None else unreadable,
                format_number(info.households) if info.households is not None else "",
            ]
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.restore_button.setEnabled(bool(backups))
        if backups:
            select_row(self.table, 0)

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def restore_selected(self) -> None:
        info = self.selected()
        if info is None:
            return
        answer = QMessageBox.question(
            self,
            _("Restore a backup"),
            _(
                "Replace today's data with the copy made {when}? Today's data is kept as a "
                "copy first, then CommunityDesk opens the restored copy."
            ).format(when=format_datetime(info.made_at, "short")),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.restore(info)

    def restore(self, info: BackupInfo) -> None:
        self.restore_button.setEnabled(False)

        def done(_safety: Path) -> None:
            self.restored_from = info.path
            QMessageBox.information(
                self,
                _("Restored"),
                _("The copy {path} was restored. CommunityDesk opens it now.").format(
                    path=isolate(info.path.name)
                ),
            )
            self.accept()
            self._restart()

        def failed(error: BaseException) -> None:
            self.restore_button.setEnabled(True)
            if not isinstance(error, CommunityDeskError):
                raise error
            show_error(self, error)

        self.pending = self._tasks.run(
            lambda _task: self._maintenance.restore(info.path), done, failed
        )
