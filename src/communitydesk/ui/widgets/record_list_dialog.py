"""A small window listing one kind of record, with New, Edit, Delete and Undo under the list
(the venues of the programs, the organizations of the directory). Subclasses read the list on
the task runner in `refresh` and act in `new_record`, `edit_selected` and `delete_selected`."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.i18n import _
from communitydesk.ui.tasks import Task, TaskRunner
from communitydesk.ui.undo import OrderedWrites, undo_stack
from communitydesk.ui.widgets.tables import read_only_table


class RecordListDialog(QDialog):
    def __init__(
        self,
        tasks: TaskRunner,
        title: str,
        headers: list[str],
        new_label: str,
        delete_tip: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self.pending: Task | None = None
        self.changed = False  # True once a record was added, changed or deleted
        self.setWindowTitle(title)
        self.count = QLabel()
        self.table = read_only_table(headers)
        self.table.setWordWrap(False)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.new_button = QPushButton(new_label)
        self.new_button.clicked.connect(self.new_record)
        self.edit_button = QPushButton(_("Edit…"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton(_("Delete"))
        self.delete_button.setToolTip(delete_tip)
        self.delete_button.clicked.connect(self.delete_selected)
        self.undo_stack, self.undo_button = undo_stack(self)
        self.writes = OrderedWrites(self, self.refresh)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.delete_button, self.undo_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.count)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(close)

    @property
    def busy(self) -> bool:
        return self.pending is not None or self.writes.busy

    def refresh(self) -> None:
        raise NotImplementedError

    def new_record(self) -> None:
        raise NotImplementedError

    def edit_selected(self) -> None:
        raise NotImplementedError

    def delete_selected(self) -> None:
        raise NotImplementedError
