"""A form dialog whose Save runs off the UI thread and shows a problem next to its field."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from communitydesk.core.errors import CommunityDeskError, ValidationError
from communitydesk.ui.tasks import Task, TaskRunner
from communitydesk.ui.widgets.fields import FieldWithError, clear_errors
from communitydesk.ui.widgets.messages import report_problem, show_error


class SavingDialog(QDialog):
    """A form whose Save runs off the UI thread; a ValidationError goes next to its field.

    Subclasses fill `fields` (service field name -> field), build `buttons`, and implement
    `save_step` (returns the service call to run, or raises ValidationError for what they check
    themselves) and `saved_result` (keeps the result)."""

    def __init__(self, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self.fields: dict[str, FieldWithError] = {}
        self.pending: Task | None = None
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    @property
    def busy(self) -> bool:
        return self.pending is not None

    def save_step(self) -> Callable[[], Any]:
        raise NotImplementedError

    def saved_result(self, result: Any) -> None:
        raise NotImplementedError

    def accept(self) -> None:
        if self.busy:
            return
        clear_errors(self.fields)
        try:
            step = self.save_step()
        except ValidationError as error:
            self.show_problem(error)
            return
        self.buttons.setEnabled(False)
        self.pending = self._tasks.run(lambda _task: step(), self._saved, self._failed)

    def reject(self) -> None:
        if not self.busy:  # a save under way finishes first: nothing is half-decided
            super().reject()

    def show_problem(self, error: CommunityDeskError) -> None:
        field = self.fields.get(error.field) if isinstance(error, ValidationError) else None
        if field is None:
            show_error(self, error)
        else:
            field.show_error(error.message)

    def _saved(self, result: object) -> None:
        self.pending = None
        self.buttons.setEnabled(True)
        self.saved_result(result)
        super().accept()

    def _failed(self, error: BaseException) -> None:
        self.pending = None
        self.buttons.setEnabled(True)
        if isinstance(error, CommunityDeskError):
            self.show_problem(error)
        else:
            report_problem(self, error)
