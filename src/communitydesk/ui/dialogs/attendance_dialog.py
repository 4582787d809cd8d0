"""Take a session's attendance at the door, by keyboard alone.

Type a few letters of a name, Down/Up to the right person, Enter: they are ticked present and
the box is empty for the next name. People counted without names (a festival crowd) go in head
counts; someone later named from such a group is linked to it, so nobody is counted twice.
The whole sheet is saved in one call, and each save can be undone while the window is open.
Every query runs on the task runner: a large roster never freezes the door.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.errors import CommunityDeskError
from communitydesk.core.i18n import (
    _,
    embedded,
    format_number,
    ngettext,
)
from communitydesk.reports.document import Document
from communitydesk.services.attendance import (
    AttendanceService,
    AttendanceSheet,
    AttendanceState,
    Attendee,
)
from communitydesk.services.people import PeopleService
from communitydesk.services.sign_in_sheet import SignInSheetService, session_when
from communitydesk.ui.dialogs.newcomer_dialog import NewcomerDialog
from communitydesk.ui.printing import PdfPreview, draft_pdf
from communitydesk.ui.tasks import Task, TaskRunner
from communitydesk.ui.widgets.attendance_parts import (
    attendee_order,
    bold,
    expected_problem,
    in_window_direction,
    person_label,
)
from communitydesk.ui.widgets.fields import error_label
from communitydesk.ui.widgets.head_counts import HeadCountRow, HeadCountTable
from communitydesk.ui.widgets.messages import show_error
from communitydesk.ui.widgets.roster_search import RosterSearch


def _comparable(state: AttendanceState) -> tuple[object, ...]:
    """What a save would write, so that two states can be told apart ("unsaved changes?")."""
    counts: dict[tuple[str, str, str], int] = {}
    for line in state.head_counts:
        counts[line.key] = counts.get(line.key, 0) + line.people
    return (
        state.present,
        frozenset((key, people) for key, people in counts.items() if people),
        tuple(sorted(state.links)),
    )


class AttendanceDialog(QDialog):
    saved = Signal()

    def __init__(
        self,
        session_uid: str,
        attendance: AttendanceService,
        people: PeopleService,
        tasks: TaskRunner,
        parent: QWidget | None = None,
        *,
        sign_in: SignInSheetService | None = None,
    ) -> None:
        super().__init__(parent)
        self._session_uid = session_uid
        self._attendance = attendance
        self._tasks = tasks
        self._sign_in = sign_in
        self._sheet: AttendanceSheet | None = None
        self._saved_state = AttendanceState()
        self._names: dict[str, Attendee] = {}
        self._present: set[str] = set()
        self._links: dict[str, HeadCountRow] = {}
        # The state each save replaced, latest last: "Undo the last save" puts it back.
        self.undo_states: list[AttendanceState] = []
        self._close_after_save = False
        self.loading: Task | None = None
        self.saving: Task | None = None
        self.fetching: Task | None = None
        self.printing: Task | None = None
        self.newcomer_dialog: NewcomerDialog | None = None
        self.preview_dialog: PdfPreview | None = None
        self.setWindowTitle(_("Attendance"))
        self.resize(940, 780)

        self.head_counts = HeadCountTable()
        self.head_counts.changed.connect(self._refresh_counts)
        self.head_counts.removed.connect(self._row_removed)
        head_box = QGroupBox(_("Head counts"))
        QVBoxLayout(head_box).addWidget(self.head_counts)
        self.overall = bold(QLabel())
        self.error = error_label()

        self.body = QWidget()
        columns = QHBoxLayout()
        columns.addLayout(self._finding(people), 1)
        columns.addLayout(self._present_column(), 1)
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addLayout(columns, 1)
        body.addWidget(head_box)
        layout = QVBoxLayout(self)
        layout.addLayout(self._heading())
        layout.addWidget(self.body, 1)
        layout.addWidget(self.overall)
        layout.addWidget(self.error)
        layout.addLayout(self._bottom())
        # Enter ticks in the name box and its matches; anywhere else it presses Save, the
        # default button, which keeps the window open.
        save_keys = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        save_keys.activated.connect(lambda: self.save())

        self._set_enabled(False)
        self._refresh()
        self._load()

    def _heading(self) -> QVBoxLayout:
        self.program = bold(QLabel(), scale=1.35)
        self.program.setWordWrap(True)
        self.when = QLabel()
        self.when.setWordWrap(True)
        self.topic = QLabel()
        self.topic.setWordWrap(True)
        self.topic.hide()
        heading = QVBoxLayout()
        for label in (self.program, self.when, self.topic):
            heading.addWidget(label)
        return heading

    def _finding(self, people: PeopleService) -> QVBoxLayout:
        self.search = RosterSearch(people, self._tasks, lambda uid: uid in self._present)
        self.search.chosen.connect(self._tick)
        find_label = QLabel(_("&Find a name"))
        find_label.setBuddy(self.search.box)
        self.same_button = QPushButton(_("Same as &last session"))
        self.same_button.clicked.connect(self.same_as_last_session)
        self.newcomer_button = QPushButton(_("Add a &newcomer…"))
        self.newcomer_button.clicked.connect(self.add_newcomer)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.same_button)
        buttons.addWidget(self.newcomer_button)
        buttons.addStretch(1)
        column = QVBoxLayout()
        column.addWidget(find_label)
        column.addWidget(self.search, 1)
        column.addLayout(buttons)
        column.addWidget(self.notice)
        return column

    def _present_column(self) -> QVBoxLayout:
        present_label = QLabel(_("&Present"))
        self.present_list = QListWidget()
        self.present_list.installEventFilter(self)
        self.present_list.currentItemChanged.connect(self._show_link)
        present_label.setBuddy(self.present_list)
        self.present_count = QLabel()
        self.counted_in = QComboBox()
        self.counted_in.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.counted_in.setMinimumContentsLength(16)
        self.counted_in.activated.connect(self._link_chosen)
        counted_label = QLabel(_("Counted in &group"))
        counted_label.setBuddy(self.counted_in)
        counted_label.setToolTip(
            _("Someone first counted in a head count, then named: counted once, not twice.")
        )
        self.untick_button = QPushButton(_("Not present"))
        self.untick_button.setToolTip(_("Space or Delete in the list does the same"))
        self.untick_button.clicked.connect(self.untick_current)
        untick_row = QHBoxLayout()
        untick_row.addStretch(1)
        untick_row.addWidget(self.untick_button)
        column = QVBoxLayout()
        column.addWidget(present_label)
        column.addWidget(self.present_list, 1)
        column.addWidget(self.present_count)
        column.addWidget(counted_label)
        column.addWidget(self.counted_in)
        column.addLayout(untick_row)
        return column

    def _bottom(self) -> QHBoxLayout:
        self.print_button = QPushButton(_("Pr&int sign-in sheet…"))
        self.print_button.clicked.connect(self.print_sign_in_sheet)
        self.print_button.setVisible(self._sign_in is not None)
        self.undo_button = QPushButton(_("&Undo the last save"))
        self.undo_button.clicked.connect(self.undo_last_save)
        self.undo_button.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setToolTip(_("Save and keep taking attendance (Ctrl+S)"))
        self.save_button.clicked.connect(lambda: self.save())
        self.save_close_button = QPushButton(_("Save &and close"))
        self.buttons.addButton(self.save_close_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.print_button)
        bottom.addWidget(self.undo_button)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)
        return bottom

    # --- what the dialog holds ---------------------------------------------------------------

    @property
    def busy(self) -> bool:
        jobs = (self.loading, self.saving, self.fetching, self.printing)
        newcomer = self.newcomer_dialog is not None and self.newcomer_dialog.pending is not None
        return any(job is not None for job in jobs) or newcomer or self.search.busy

    def state(self) -> AttendanceState:
        """The attendance as shown, as a save would write it."""
        links = tuple(
            sorted(
                (uid, row.line().key)
                for uid, row in self._links.items()
                if uid in self._present and row in self.head_counts.rows
            )
        )
        return AttendanceState(frozenset(self._present), self.head_counts.lines(), links)

    def has_unsaved_changes(self) -> bool:
        return self._sheet is not None and _comparable(self.state()) != _comparable(
            self._saved_state
        )

    # --- loading -----------------------------------------------------------------------------

    def _load(self) -> None:
        uid = self._session_uid
        self.loading = self._tasks.run(
            lambda _task: self._attendance.sheet(uid), self._loaded, self._load_failed
        )

    def _loaded(self, sheet: AttendanceSheet) -> None:
        self.loading = None
        self._sheet = sheet
        self._saved_state = sheet.state
        record = sheet.session
        self.setWindowTitle(_("Attendance: {program}").format(program=record.program_name))
        self.program.setText(in_window_direction(record.program_name))
        self.when.setText(in_window_direction(session_when(record)))
        self.topic.setText(
            in_window_direction(_("Topic: {topic}").format(topic=embedded(record.topic)))
        )
        self.topic.setVisible(bool(record.topic))
        self._names.update({attendee.person_uid: attendee for attendee in sheet.present})
        self._present = set(sheet.state.present)
        rows = self.head_counts.set_lines(sheet.state.head_counts)
        by_key = {row.line().key: row for row in reversed(rows)}  # the first row of a key
        self._links = {uid: by_key[key] for uid, key in sheet.state.links if key in by_key}
        self._set_enabled(True)
        self._refresh()
        self.search.box.setFocus()

    def _load_failed(self, error: BaseException) -> None:
        self.loading = None
        show_error(self, expected_problem(error))
        super().reject()  # the session is gone: nothing here could be saved

    def _set_enabled(self, enabled: bool) -> None:
        self.body.setEnabled(enabled)
        self._set_buttons_enabled(enabled)

    def _set_buttons_enabled(self, enabled: bool) -> None:
        self.save_button.setEnabled(enabled)
        self.save_close_button.setEnabled(enabled)
        self.undo_button.setEnabled(enabled)
        self.print_button.setEnabled(enabled)

    # --- ticking -----------------------------------------------------------------------------

    def _tick(self, uid: str, name: str, latin_name: str) -> None:
        self._names[uid] = Attendee(uid, name, latin_name)
        self._present.add(uid)
        self._refresh(select=uid)
        self.notice.hide()

    def untick_current(self) -> None:
        item = self.present_list.currentItem()
        if item is None:
            return
        row = self.present_list.currentRow()
        uid = str(item.data(Qt.ItemDataRole.UserRole))
        self._present.discard(uid)
        self._links.pop(uid, None)
        self._refresh()
        # The next name is selected, so that Space after Space unticks down the list.
        self.present_list.setCurrentRow(min(row, self.present_list.count() - 1))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.present_list and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.untick_current()
                return True
        return super().eventFilter(watched, event)

    def same_as_last_session(self) -> None:
        if self.fetching is not None:
            return
        uid = self._session_uid
        self.same_button.setEnabled(False)
        self.fetching = self._tasks.run(
            lambda _task: self._attendance.previous_attendees(uid),
            self._add_previous,
            self._fetch_failed,
        )

    def _add_previous(self, attendees: tuple[Attendee, ...]) -> None:
        self.fetching = None
        self.same_button.setEnabled(True)
        added = [a for a in attendees if a.person_uid not in self._present]
        for attendee in added:
            self._names[attendee.person_uid] = attendee
            self._present.add(attendee.person_uid)
        if not attendees:
            text = _("No earlier session of this program has attendance yet.")
        else:
            text = ngettext(
                "{count} person from the last session added.",
                "{count} people from the last session added.",
                len(added),
            ).format(count=format_number(len(added)))
        self.notice.setText(text)
        self.notice.show()
        self._refresh()

    def _fetch_failed(self, error: BaseException) -> None:
        self.fetching = None
        self.same_button.setEnabled(True)
        self._show_problem(expected_problem(error))

    def add_newcomer(self) -> None:
        dialog = NewcomerDialog(self._session_uid, self._attendance, self._tasks, parent=self)
        dialog.accepted.connect(self._newcomer_added)
        dialog.finished.connect(self._back_to_names)
        self.newcomer_dialog = dialog
        dialog.open()

    def _back_to_names(self) -> None:
        # Back to this window and its name box for the next person, however the form closed.
        self.activateWindow()
        self.search.box.setFocus()

    def _newcomer_added(self) -> None:
        dialog = self.newcomer_dialog
        if dialog is None or dialog.attendee is None:
            return
        attendee = dialog.attendee
        self._names[attendee.person_uid] = attendee
        self._present.add(attendee.person_uid)
        # add_newcomer already wrote them present: the saved state has them too.
        present = self._saved_state.present | {attendee.person_uid}
        self._saved_state = replace(self._saved_state, present=present)
        self.notice.setText(
            _("{name} was added to the roster and is present.").format(name=attendee.name)
        )
        self.notice.show()
        self._refresh(select=attendee.person_uid)

    # --- head counts and the links to them ---------------------------------------------------

    def _show_link(self) -> None:
        item = self.present_list.currentItem()
        self.counted_in.clear()
        self.counted_in.addItem(_("not counted in a head count"), -1)
        for index, row in enumerate(self.head_counts.rows):
            self.counted_in.addItem(row.describe(), index)
        linked = None
        if item is not None:
            link = self._links.get(str(item.data(Qt.ItemDataRole.UserRole)))
            if link is not None and link in self.head_counts.rows:
                linked = self.head_counts.rows.index(link)
        self.counted_in.setCurrentIndex(0 if linked is None else linked + 1)
        self.counted_in.setEnabled(item is not None and bool(self.head_counts.rows))
        self.untick_button.setEnabled(item is not None)

    def _link_chosen(self) -> None:
        item = self.present_list.currentItem()
        if item is None:
            return
        uid = str(item.data(Qt.ItemDataRole.UserRole))
        index = int(self.counted_in.currentData())
        if index < 0:
            self._links.pop(uid, None)
        else:
            self._links[uid] = self.head_counts.rows[index]
        self._refresh(select=uid)

    def _row_removed(self, row: HeadCountRow) -> None:
        self._links = {uid: linked for uid, linked in self._links.items() if linked is not row}

    def _refresh_counts(self) -> None:
        if self._sheet is None:
            return
        state = self.state()
        # The service's own rule for who in a group is still unnamed.
        sheet = replace(self._sheet, state=state)
        remaining = [sheet.anonymous(line) for line in state.head_counts]
        counted = sum(line.people for line in state.head_counts)
        named = counted - sum(remaining)
        total = (
            ngettext(
                "{count} person counted in these groups, {named} of them named in the list.",
                "{count} people counted in these groups, {named} of them named in the list.",
                counted,
            ).format(count=format_number(counted), named=format_number(named))
            if state.head_counts
            else _("No head counts: everyone present is named in the list.")
        )
        self.head_counts.show_counts(remaining, total)
        by_name, anonymous = len(state.present), sum(remaining)
        self.overall.setText(
            ngettext(
                "In all: {count} person present ({named} by name, {anonymous} without names)",
                "In all: {count} people present ({named} by name, {anonymous} without names)",
                by_name + anonymous,
            ).format(
                count=format_number(by_name + anonymous),
                named=format_number(by_name),
                anonymous=format_number(anonymous),
            )
        )
        self._label_present()
        self._show_link()

    # --- showing -----------------------------------------------------------------------------

    def _refresh(self, select: str = "") -> None:
        current = self.present_list.currentItem()
        keep = select or (str(current.data(Qt.ItemDataRole.UserRole)) if current else "")
        self.present_list.blockSignals(True)
        self.present_list.clear()
        attendees = sorted(
            (self._names.get(uid, Attendee(uid, "?")) for uid in self._present), key=attendee_order
        )
        for attendee in attendees:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, attendee.person_uid)
            self.present_list.addItem(item)
            if attendee.person_uid == keep:
                self.present_list.setCurrentItem(item)
        self.present_list.blockSignals(False)
        count = len(self._present)
        self.present_count.setText(
            ngettext("{count} present by name", "{count} present by name", count).format(
                count=format_number(count)
            )
        )
        self._refresh_counts()
        self.search.refresh_marks()
        if select:
            self.present_list.scrollToItem(self.present_list.currentItem())

    def _label_present(self) -> None:
        rows = self.head_counts.rows
        for index in range(self.present_list.count()):
            item = self.present_list.item(index)
            uid = str(item.data(Qt.ItemDataRole.UserRole))
            attendee = self._names.get(uid, Attendee(uid, "?"))
            text = person_label(attendee.name, attendee.latin_name)
            row = self._links.get(uid)
            if row is not None and row in rows:
                text = _("{name} — counted in group {number}").format(
                    name=text, number=row.number.text()
                )
            item.setText(text)

    def _show_problem(self, error: CommunityDeskError) -> None:
        self.error.setText(error.message)
        self.error.show()

    # --- saving, undoing, closing ------------------------------------------------------------

    def save(self, close_after: bool = False) -> None:
        if self._sheet is None or self.saving is not None:
            return
        self._close_after_save = close_after
        self.error.hide()
        state = self.state()
        uid = self._session_uid
        # Only the buttons wait: names typed meanwhile stay, as changes not saved yet.
        self._set_buttons_enabled(False)
        self.saving = self._tasks.run(
            lambda _task: (state, self._attendance.save(uid, state)),
            self._saved,
            self._save_failed,
        )

    def _saved(self, result: tuple[AttendanceState, AttendanceState]) -> None:
        self.saving = None
        written, before = result
        self._saved_state = written
        self.undo_states.append(before)
        self._set_buttons_enabled(True)
        self.undo_button.show()
        self.notice.setText(_("Saved."))
        self.notice.show()
        self.saved.emit()
        if self._close_after_save:
            super().accept()

    def _save_failed(self, error: BaseException) -> None:
        self.saving = None
        self._set_enabled(True)
        self._show_problem(expected_problem(error))

    def undo_last_save(self) -> None:
        if not self.undo_states or self.saving is not None:
            return
        if self.has_unsaved_changes():
            answer = QMessageBox.question(
                self,
                _("Undo the last save"),
                _("The changes made since the last save will be lost too. Undo anyway?"),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        before = self.undo_states[-1]
        uid = self._session_uid
        self._set_enabled(False)

        def put_back(_task: Task) -> AttendanceSheet:
            self._attendance.save(uid, before)
            return self._attendance.sheet(uid)

        self.saving = self._tasks.run(put_back, self._undone, self._save_failed)

    def _undone(self, sheet: AttendanceSheet) -> None:
        self.saving = None
        self.undo_states.pop()
        self.undo_button.setVisible(bool(self.undo_states))
        self._loaded(sheet)
        self.notice.setText(_("The last save was undone."))
        self.notice.show()
        self.saved.emit()

    def accept(self) -> None:
        self.save(close_after=True)

    def reject(self) -> None:
        if self.saving is not None:
            return  # closing waits for the save to finish
        if not self.has_unsaved_changes():
            super().reject()
            return
        answer = QMessageBox.question(
            self,
            _("Attendance"),
            _("Save the attendance before closing?"),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            self.save(close_after=True)
        elif answer == QMessageBox.StandardButton.Discard:
            super().reject()

    # --- printing ----------------------------------------------------------------------------

    def print_sign_in_sheet(self) -> None:
        sheets = self._sign_in
        if sheets is None or self.printing is not None:
            return
        uid = self._session_uid
        self.print_button.setEnabled(False)

        def make(_task: Task) -> tuple[Document, Path]:
            document = sheets.document(uid)
            return document, draft_pdf(document)

        self.printing = self._tasks.run(make, self._show_preview, self._print_failed)

    def _show_preview(self, made: tuple[Document, Path]) -> None:
        self.printing = None
        self.print_button.setEnabled(True)
        document, draft = made
        self.preview_dialog = PdfPreview(document, draft, parent=self)
        self.preview_dialog.open()

    def _print_failed(self, error: BaseException) -> None:
        self.printing = None
        self.print_button.setEnabled(True)
        self._show_problem(expected_problem(error))
