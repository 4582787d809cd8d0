"""One session of a program, or a repeating series of them (every week, every two weeks, the same
weekday of each month) with the number of sessions shown as the dates change."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time, timedelta
from typing import Any

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.errors import ValidationError
from communitydesk.core.i18n import _, embedded, format_date, format_number, ngettext
from communitydesk.services.programs import ProgramRecord, VenueRecord
from communitydesk.services.sessions import (
    REPEATS,
    SessionInput,
    SessionRecord,
    SessionService,
    series_dates,
)
from communitydesk.ui.tasks import TaskRunner
from communitydesk.ui.widgets.dates import date_edit, qdate, to_date
from communitydesk.ui.widgets.fields import ERROR_STYLE, FieldWithError
from communitydesk.ui.widgets.saving_dialog import SavingDialog

SERIES_WEEKS = 12  # a new series runs this long unless the program ends sooner


class OptionalTime(QWidget):
    """A time that may be left out: a box to tick, then the time."""

    def __init__(self, label: str, value: time | None, default: time) -> None:
        super().__init__()
        shown = value or default
        self.check = QCheckBox(label)
        self.edit = QTimeEdit(QTime(shown.hour, shown.minute))
        self.check.toggled.connect(self.edit.setEnabled)
        self.check.setChecked(value is not None)
        self.edit.setEnabled(value is not None)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.edit)
        self.setFocusProxy(self.check)

    def value(self) -> time | None:
        if not self.check.isChecked():
            return None
        chosen = self.edit.time()
        return time(chosen.hour(), chosen.minute())


class SessionDialog(SavingDialog):
    """A new session or series (no `session`), or one existing session, which cannot become a
    series. `saved` holds the sessions saved (none skipped), `planned` how many were asked."""

    def __init__(
        self,
        sessions: SessionService,
        tasks: TaskRunner,
        programs: tuple[ProgramRecord, ...],
        venues: tuple[VenueRecord, ...],
        session: SessionRecord | None = None,
        program_uid: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(tasks, parent)
        self._sessions = sessions
        self._session = session
        self._programs = {program.uid: program for program in programs}
        self.saved: tuple[SessionRecord, ...] = ()
        self.planned = 1
        current = session.as_input() if session else SessionInput(program_uid, date.today())
        self.setWindowTitle(_("Session") if session else _("New session"))
        self.setMinimumWidth(620)

        today = date.today()
        self.program = QComboBox()
        self.program.setMinimumContentsLength(24)
        for program in programs:
            ended = program.has_ended(today) and program.uid != current.program_uid
            label = _("{name} (ended)").format(name=program.name) if ended else program.name
            self.program.addItem(label, program.uid)
        if current.program_uid:
            self.program.setCurrentIndex(max(0, self.program.findData(current.program_uid)))
        else:  # the first program still running
            running = [p.uid for p in programs if not p.has_ended(today)]
            self.program.setCurrentIndex(self.program.findData(running[0]) if running else 0)
        self.held_on = date_edit(current.held_on)
        self.day_name = QLabel()  # "Tuesday, January 6, 2026": a series repeats on this weekday
        self.starts_at = OptionalTime(_("Starts at"), current.starts_at, time(18, 0))
        self.ends_at = OptionalTime(_("Ends at"), current.ends_at, time(20, 0))
        self.venue = QComboBox()
        self.venue.addItem("", "")  # the program's usual venue, named when the program is chosen
        for venue in venues:
            self.venue.addItem(venue.name, venue.uid)
        if current.venue_uid and self.venue.findData(current.venue_uid) < 0 and session:
            self.venue.addItem(
                _("{name} (deleted)").format(name=session.venue_name), current.venue_uid
            )
        self.venue.setCurrentIndex(max(0, self.venue.findData(current.venue_uid)))
        self.topic = QLineEdit(current.topic)
        self.topic.setPlaceholderText(_("e.g. Filling in the school forms; guest: a nurse"))
        self.notes = QPlainTextEdit(current.notes)
        self.notes.setFixedHeight(64)

        self.repeat = QComboBox()
        self.repeat.addItem(_("Just this date"), "")
        for code, label in REPEATS.items():
            self.repeat.addItem(_(label), code)
        self.until = date_edit(current.held_on + timedelta(weeks=SERIES_WEEKS))
        self.until_label = QLabel(_("until"))
        self.series_count = QLabel()
        self.series_count.setWordWrap(True)

        times = QWidget()
        times_layout = QHBoxLayout(times)
        times_layout.setContentsMargins(0, 0, 0, 0)
        times_layout.addWidget(self.starts_at)
        times_layout.addSpacing(12)
        times_layout.addWidget(self.fields_for("ends_at", self.ends_at))
        times_layout.addStretch(1)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(_("Program"), self.fields_for("program_uid", self.program))
        day = QWidget()
        day_layout = QHBoxLayout(day)
        day_layout.setContentsMargins(0, 0, 0, 0)
        day_layout.addWidget(self.held_on)
        day_layout.addWidget(self.day_name, 1)
        day.setFocusProxy(self.held_on)
        form.addRow(_("Date"), self.fields_for("held_on", day))
        form.addRow(_("Time"), times)
        form.addRow(_("Venue"), self.fields_for("venue_uid", self.venue))
        form.addRow(_("Topic"), self.fields_for("topic", self.topic))
        form.addRow(_("Notes"), self.fields_for("notes", self.notes))

        self.repeat_box = QGroupBox(_("Repeat"))
        repeat = QHBoxLayout()
        repeat.addWidget(self.repeat)
        repeat.addWidget(self.until_label)
        repeat.addWidget(self.fields_for("until", self.until))
        repeat.addStretch(1)
        repeat_layout = QVBoxLayout(self.repeat_box)
        repeat_layout.addLayout(repeat)
        repeat_layout.addWidget(self.series_count)
        self.repeat_box.setVisible(session is None)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.repeat_box)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        self.program.currentIndexChanged.connect(self._program_changed)
        self.held_on.dateChanged.connect(self.show_series)
        self.until.dateChanged.connect(self.show_series)
        self.repeat.currentIndexChanged.connect(self.show_series)
        self._program_changed()

    def fields_for(self, key: str, widget: QWidget) -> FieldWithError:
        self.fields[key] = FieldWithError(widget)
        return self.fields[key]

    def _program_changed(self) -> None:
        program = self._programs.get(str(self.program.currentData() or ""))
        if program is not None and program.venue_name:
            usual = _("Usual venue: {name}").format(name=program.venue_name)
        else:
            usual = _("No set venue")
        self.venue.setItemText(0, usual)
        ends = program.ends_on if program is not None else None
        if self._session is None and ends is not None and ends >= to_date(self.held_on):
            self.until.setDate(qdate(ends))  # a series runs to the program's end by default

    def repeat_code(self) -> str:
        return str(self.repeat.currentData() or "")

    def show_series(self) -> None:
        """How many sessions the series will make, and the last date, or what is wrong."""
        self.day_name.setText(format_date(to_date(self.held_on), "full"))
        repeating = bool(self.repeat_code())
        self.until_label.setEnabled(repeating)
        self.until.setEnabled(repeating)
        self.series_count.setStyleSheet("")
        if not repeating:
            self.series_count.setText(
                _("One session, on {date}.").format(
                    date=embedded(format_date(to_date(self.held_on), "long"))
                )
            )
            return
        try:
            dates = series_dates(to_date(self.held_on), to_date(self.until), self.repeat_code())
        except ValidationError as error:
            self.series_count.setStyleSheet(ERROR_STYLE)
            self.series_count.setText(error.message)
            return
        self.series_count.setText(
            ngettext(
                "{count} session, on {date}.",
                "{count} sessions, the last on {date}.",
                len(dates),
            ).format(count=format_number(len(dates)), date=embedded(format_date(dates[-1], "long")))
            + " "
            + _("Dates the program already meets are skipped.")
        )

    def session_input(self) -> SessionInput:
        return SessionInput(
            program_uid=str(self.program.currentData() or ""),
            held_on=to_date(self.held_on),
            starts_at=self.starts_at.value(),
            ends_at=self.ends_at.value(),
            venue_uid=str(self.venue.currentData() or ""),
            topic=self.topic.text(),
            notes=self.notes.toPlainText(),
        )

    def save_step(self) -> Callable[[], tuple[SessionRecord, ...]]:
        entered, sessions = self.session_input(), self._sessions
        if not entered.program_uid:
            raise ValidationError("program_uid", _("Choose the program, or create it first."))
        if self._session is not None:
            uid = self._session.uid
            self.planned = 1
            return lambda: (sessions.update(uid, entered),)
        repeat = self.repeat_code()
        if not repeat:
            self.planned = 1
            return lambda: (sessions.create(entered),)
        until = to_date(self.until)
        self.planned = len(series_dates(entered.held_on, until, repeat))
        return lambda: sessions.create_series(entered, until, repeat)

    def saved_result(self, result: Any) -> None:
        assert isinstance(result, tuple)
        self.saved = result
