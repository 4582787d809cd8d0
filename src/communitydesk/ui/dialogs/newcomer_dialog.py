"""A first-time participant added at the door: a minimal record, ticked present at once."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.errors import ValidationError
from communitydesk.core.i18n import (
    _,
)
from communitydesk.services.attendance import (
    AttendanceService,
    Attendee,
)
from communitydesk.services.people import PersonInput
from communitydesk.ui.tasks import Task, TaskRunner
from communitydesk.ui.widgets.attendance_parts import (
    expected_problem,
)
from communitydesk.ui.widgets.fields import FieldWithError, error_label


class NewcomerDialog(QDialog):
    """A first-time participant: a first name at least; they are added to the roster, present."""

    def __init__(
        self,
        session_uid: str,
        attendance: AttendanceService,
        tasks: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._session_uid = session_uid
        self._attendance = attendance
        self._tasks = tasks
        self.attendee: Attendee | None = None
        self.pending: Task | None = None
        self.setWindowTitle(_("Add a newcomer"))
        self.setMinimumWidth(420)
        self.given_name = QLineEdit()
        self.family_name = QLineEdit()
        self.phone = QLineEdit()
        self.phone.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.given_field = FieldWithError(self.given_name)
        form = QFormLayout()
        form.addRow(_("First name"), self.given_field)
        form.addRow(_("Family name"), self.family_name)
        form.addRow(_("Phone (optional)"), self.phone)
        note = QLabel(_("They are added to the roster and ticked present; more details later."))
        note.setWordWrap(True)
        self.error = error_label()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.add_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.add_button.setText(_("Add"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def person(self) -> PersonInput:
        return PersonInput(
            given_name=self.given_name.text(),
            family_name=self.family_name.text(),
            phone=self.phone.text(),
        )

    def accept(self) -> None:
        if self.pending is not None:
            return
        self.given_field.clear_error()
        self.error.hide()
        person = self.person()
        if not person.given_name.strip():  # said at once, without asking the database
            self.given_field.show_error(_("Write at least a first name."))
            return
        self.add_button.setEnabled(False)
        uid = self._session_uid
        self.pending = self._tasks.run(
            lambda _task: self._attendance.add_newcomer(uid, person), self._added, self._failed
        )

    def _added(self, attendee: Attendee) -> None:
        self.pending = None
        self.attendee = attendee
        super().accept()

    def _failed(self, error: BaseException) -> None:
        self.pending = None
        self.add_button.setEnabled(True)
        problem = expected_problem(error)
        if isinstance(problem, ValidationError) and problem.field == "given_name":
            self.given_field.show_error(problem.message)
            return
        self.error.setText(problem.message)
        self.error.show()
