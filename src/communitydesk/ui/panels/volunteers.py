"""Volunteers at a glance: who volunteers, and which checks or trainings come due; with undo."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.errors import CommunityDeskError
from communitydesk.core.i18n import _, format_date, format_list, format_number, ngettext
from communitydesk.services.people import PeopleService
from communitydesk.services.volunteers import (
    CHECK_KINDS,
    EXPIRY_WINDOW_DAYS,
    ExpiringCheck,
    VolunteerRow,
    VolunteerService,
    VolunteerSnapshot,
)
from communitydesk.ui.tasks import TaskRunner
from communitydesk.ui.undo import Change, undo_stack
from communitydesk.ui.widgets.messages import show_error
from communitydesk.ui.widgets.tables import read_only_table

EXPIRED = QColor("#b00020")


class VolunteersPanel(QWidget):
    def __init__(
        self,
        volunteers: VolunteerService,
        people: PeopleService,
        tasks: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._volunteers = volunteers
        self._people = people
        self._tasks = tasks
        self._rows: tuple[VolunteerRow, ...] = ()
        self.due_title = QLabel()
        self.due = read_only_table([_("Volunteer"), _("What"), _("Expires"), _("Days left")])
        self.count = QLabel()
        self.list = read_only_table([_("Volunteer"), _("Since"), _("Roles"), _("Skills")])
        self.list.doubleClicked.connect(lambda *_args: self.open_selected())
        self.new_button = QPushButton(_("New volunteer…"))
        self.new_button.clicked.connect(self.new_volunteer)
        self.open_button = QPushButton(_("Volunteer record…"))
        self.open_button.clicked.connect(self.open_selected)
        self.stop_button = QPushButton(_("No longer volunteers"))
        self.stop_button.setToolTip(_("Their record and history stay; undo brings them back"))
        self.stop_button.clicked.connect(self.stop_selected)
        self.undo_stack, self.undo_button = undo_stack(self)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.open_button, self.stop_button, self.undo_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.due_title)
        layout.addWidget(self.due, 1)
        layout.addWidget(self.count)
        layout.addLayout(buttons)
        layout.addWidget(self.list, 2)
        self.refresh()

    def refresh(self) -> None:
        self._tasks.run(
            lambda _task: (self._volunteers.expiring(), self._volunteers.list()), self._show
        )

    def _show(self, result: tuple[tuple[ExpiringCheck, ...], tuple[VolunteerRow, ...]]) -> None:
        due, rows = result
        self.due_title.setText(
            "<b>{}</b>".format(
                _("Screenings and trainings expired or expiring within {days} days").format(
                    days=EXPIRY_WINDOW_DAYS
                )
            )
        )
        self.due.setRowCount(len(due))
        for index, check in enumerate(due):
            left = _("expired") if check.days_left < 0 else format_number(check.days_left)
            cells = [
                check.display_name,
                f"{_(CHECK_KINDS[check.kind])}: {check.name}",
                format_date(check.expires_on),
                left,
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if check.days_left < 0:
                    item.setForeground(QBrush(EXPIRED))
                self.due.setItem(index, column, item)
        self.due.resizeColumnsToContents()
        self._rows = rows
        self.count.setText(
            ngettext("{count} volunteer", "{count} volunteers", len(rows)).format(
                count=format_number(len(rows))
            )
        )
        self.list.setRowCount(len(rows))
        for index, row in enumerate(rows):
            cells = [
                row.display_name,
                format_date(row.start_date),
                format_list(list(row.roles)),
                row.skills,
            ]
            for column, text in enumerate(cells):
                self.list.setItem(index, column, QTableWidgetItem(text))
        self.list.resizeColumnsToContents()

    def selected(self) -> VolunteerRow | None:
        rows = self.list.selectionModel().selectedRows()
        return self._rows[rows[0].row()] if rows else None

    def new_volunteer(self) -> None:
        from communitydesk.ui.dialogs.choose_person import ChoosePersonDialog

        choose = ChoosePersonDialog(
            self._people,
            _("New volunteer"),
            _("Who is the new volunteer? Add them to the roster first if they are not in it."),
            self,
        )
        if choose.exec():
            self.edit(*choose.chosen())

    def open_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self.edit(row.person_uid, row.display_name)

    def edit(self, person_uid: str, name: str) -> None:
        from communitydesk.ui.dialogs.volunteer_dialog import VolunteerDialog

        try:
            before = self._volunteers.snapshot(person_uid)
        except CommunityDeskError as error:
            show_error(self, error)
            self.refresh()
            return
        VolunteerDialog(self._volunteers, self._people, person_uid, name, parent=self).exec()
        try:
            after = self._volunteers.snapshot(person_uid)
        except CommunityDeskError as error:
            show_error(self, error)
            return
        if after == before:
            self.refresh()
            return
        text = _("edit {name}") if before.volunteer else _("add {name}")
        self._push(text.format(name=name), after, before)

    def stop_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        try:
            before = self._volunteers.snapshot(row.person_uid)
        except CommunityDeskError as error:
            show_error(self, error)
            return
        after = replace(before, volunteer=None)
        self._push(_("{name} no longer volunteers").format(name=row.display_name), after, before)

    def _push(self, text: str, after: VolunteerSnapshot, before: VolunteerSnapshot) -> None:
        self.undo_stack.push(
            Change(
                text,
                self,
                redo=lambda: self._volunteers.put_back(after),
                undo=lambda: self._volunteers.put_back(before),
                after=self.refresh,
            )
        )
