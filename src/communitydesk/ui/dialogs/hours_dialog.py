"""Log a volunteer's hours: who, when, how long (typed as "2", "1.5" or "1:30"), doing what,
for which program or at which of its sessions.

Loading sessions and saving run on the task runner; the dialog stays responsive meanwhile.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.errors import CommunityDeskError, ValidationError
from communitydesk.core.i18n import _, format_date
from communitydesk.services.hours_statement import format_duration
from communitydesk.services.people import PeopleService
from communitydesk.services.programs import ProgramRecord
from communitydesk.services.sessions import SessionRecord, SessionService
from communitydesk.services.volunteer_hours import (
    HoursInput,
    HoursRecord,
    VolunteerHoursService,
    parse_hours,
)
from communitydesk.ui.tasks import Task, TaskRunner
from communitydesk.ui.widgets.dates import from_qdate, qdate
from communitydesk.ui.widgets.fields import ERROR_STYLE, error_label
from communitydesk.ui.widgets.person_picker import PersonPicker

HINT_STYLE = "color: #444444;"


def session_label(record: SessionRecord) -> str:
    """'Mar 3, 2026 — Homework help' (the topic when there is one)."""
    return " — ".join(part for part in (format_date(record.held_on), record.topic) if part)


class HoursDialog(QDialog):
    """`volunteers` (uid, name) are offered before anyone types, `chosen` among them first."""

    def __init__(
        self,
        hours: VolunteerHoursService,
        people: PeopleService,
        sessions: SessionService,
        tasks: TaskRunner,
        programs: tuple[ProgramRecord, ...] = (),
        volunteers: tuple[tuple[str, str], ...] = (),
        chosen: str = "",
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._hours = hours
        self._sessions = sessions
        self._tasks = tasks
        self._today = today or date.today()
        self._sessions_task: Task | None = None
        self._session_dates: dict[str, date] = {}
        self.saving = False
        self.saved: HoursRecord | None = None
        self.setWindowTitle(_("Log volunteer hours"))
        self.setMinimumWidth(620)

        self.volunteer = PersonPicker(people, _("Volunteer: type a name"))
        for uid, name in volunteers:
            self.volunteer.choices.addItem(name, uid)
        if volunteers:
            index = self.volunteer.choices.findData(chosen)
            self.volunteer.choices.setCurrentIndex(max(index, 0))
        self.worked_on = QDateEdit(qdate(self._today))
        self.worked_on.setCalendarPopup(True)
        self.worked_on.setMaximumDate(qdate(self._today))
        self.time_given = QLineEdit()
        self.time_given.setPlaceholderText(_("2, 1.5 or 1:30"))
        self.time_given.setMaximumWidth(140)
        self.time_read = QLabel()
        self.time_read.setWordWrap(True)
        self.time_given.textChanged.connect(self._read_time)
        time_row = QWidget()
        time_layout = QHBoxLayout(time_row)
        time_layout.setContentsMargins(0, 0, 0, 0)
        time_layout.addWidget(self.time_given)
        time_layout.addWidget(self.time_read, 1)
        self.role = QLineEdit()
        self.role.setMaxLength(120)
        self.role.setPlaceholderText(_("What they did, e.g. set-up, tutoring, driving"))
        self.program = QComboBox()
        self.program.addItem(_("No program"), "")
        for record in programs:
            self.program.addItem(record.name, record.uid)
        self.program.currentIndexChanged.connect(self._load_sessions)
        self.session = QComboBox()
        self.session.currentIndexChanged.connect(self._session_chosen)
        self._fill_sessions(())
        self.note = QLineEdit()
        self.note.setMaxLength(300)
        self.note.setPlaceholderText(_("Optional: anything the coordinator should know"))
        self.error = error_label()

        form = QFormLayout()
        form.addRow(_("Volunteer"), self.volunteer)
        form.addRow(_("Date"), self.worked_on)
        form.addRow(_("Time given"), time_row)
        form.addRow(_("Role"), self.role)
        form.addRow(_("Program"), self.program)
        form.addRow(_("Session"), self.session)
        form.addRow(_("Note"), self.note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._read_time()

    # --- what was typed -----------------------------------------------------------------------

    def minutes(self) -> int | None:
        """The minutes typed, None while the box is empty or unreadable."""
        try:
            return parse_hours(self.time_given.text())
        except ValidationError:
            return None

    def _read_time(self) -> None:
        text = self.time_given.text().strip()
        minutes = self.minutes()
        if minutes is not None:
            self.time_read.setStyleSheet(HINT_STYLE)
            self.time_read.setText("= " + format_duration(minutes))
        elif text:
            self.time_read.setStyleSheet(ERROR_STYLE)
            self.time_read.setText(_("Write 2, 1.5 or 1:30"))
        else:
            self.time_read.setStyleSheet(HINT_STYLE)
            self.time_read.setText(_("hours, or hours:minutes"))

    def hours_input(self) -> HoursInput:
        """What the form says; raises ValidationError for a time that cannot be read."""
        return HoursInput(
            person_uid=self.volunteer.uid(),
            worked_on=from_qdate(self.worked_on.date()),
            minutes=parse_hours(self.time_given.text()),
            role=self.role.text(),
            session_uid=str(self.session.currentData() or ""),
            program_uid=str(self.program.currentData() or ""),
            note=self.note.text(),
        )

    # --- sessions of the chosen program --------------------------------------------------------

    def _fill_sessions(self, records: tuple[SessionRecord, ...]) -> None:
        self.session.blockSignals(True)
        self.session.clear()
        self.session.addItem(_("Not at a particular session"), "")
        self._session_dates = {}
        for record in records:
            self.session.addItem(session_label(record), record.uid)
            self._session_dates[record.uid] = record.held_on
        self.session.setEnabled(bool(records))
        self.session.blockSignals(False)

    def _load_sessions(self) -> None:
        if self._sessions_task is not None:
            self._sessions_task.cancel()
        self._fill_sessions(())
        program_uid = str(self.program.currentData() or "")
        if not program_uid:
            self._sessions_task = None
            return
        today = self._today

        def done(records: tuple[SessionRecord, ...]) -> None:
            self._sessions_task = None
            self._fill_sessions(records)

        self._sessions_task = self._tasks.run(
            lambda _task: self._sessions.sessions(program_uid, end=today, limit=200),
            done,
            self._failed,
        )

    @property
    def busy(self) -> bool:
        return self.saving or self._sessions_task is not None or self.volunteer.busy

    def _session_chosen(self) -> None:
        held_on = self._session_dates.get(str(self.session.currentData() or ""))
        if held_on is not None:
            self.worked_on.setDate(qdate(held_on))

    # --- saving --------------------------------------------------------------------------------

    def save(self) -> None:
        try:
            wanted = self.hours_input()
        except CommunityDeskError as error:
            self._show_error(error)
            return
        self.saving = True
        self.buttons.setEnabled(False)
        self.error.hide()
        today = self._today

        def done(record: HoursRecord) -> None:
            self.saving = False
            self.buttons.setEnabled(True)
            self.saved = record
            self.accept()

        self._tasks.run(lambda _task: self._hours.log(wanted, today), done, self._failed)

    def _failed(self, error: BaseException) -> None:
        self.saving = False
        self._sessions_task = None
        self.buttons.setEnabled(True)
        if not isinstance(error, CommunityDeskError):
            raise error
        self._show_error(error)

    def _show_error(self, error: CommunityDeskError) -> None:
        self.error.setText(error.message)
        self.error.show()
        field = getattr(error, "field", "")
        focus = {"person": self.volunteer.search, "minutes": self.time_given}.get(field)
        if focus is not None:
            focus.setFocus()
