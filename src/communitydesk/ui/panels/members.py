"""Members: who holds a membership, paid, due or lapsed, who should renew soon; with undo."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.i18n import (
    _,
    format_date,
    format_money,
    format_number,
    left_to_right,
    ngettext,
)
from communitydesk.services.membership import (
    RENEWAL_WINDOW_DAYS,
    STATUSES,
    MembershipRecord,
    MembershipService,
)
from communitydesk.services.people import PeopleService
from communitydesk.ui.tasks import TaskRunner
from communitydesk.ui.undo import Change, undo_stack
from communitydesk.ui.widgets.tables import read_only_table

STATUS_COLORS = {"lapsed": QColor("#b00020"), "due": QColor("#8a5a00")}


class MembersPanel(QWidget):
    def __init__(
        self,
        membership: MembershipService,
        people: PeopleService,
        currency: str,
        tasks: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._membership = membership
        self._people = people
        self._currency = currency
        self._tasks = tasks
        self._members: tuple[MembershipRecord, ...] = ()
        headers = [_("Member"), _("Kind"), _("Ends"), _("Dues"), _("Status")]
        self.renewals_title = QLabel()
        self.renewals = read_only_table(headers)
        self.count = QLabel()
        self.members = read_only_table(headers)
        self.record_button = QPushButton(_("Record a membership…"))
        self.record_button.clicked.connect(self.record)
        self.paid_button = QPushButton(_("Mark dues paid"))
        self.paid_button.clicked.connect(self.mark_paid)
        self.cancel_button = QPushButton(_("Take back"))
        self.cancel_button.setToolTip(_("Remove a membership recorded by mistake"))
        self.cancel_button.clicked.connect(self.cancel_selected)
        self.kinds_button = QPushButton(_("Kinds of membership…"))
        self.kinds_button.clicked.connect(self.edit_kinds)
        self.undo_stack, self.undo_button = undo_stack(self)
        buttons = QHBoxLayout()
        for button in (
            self.record_button,
            self.paid_button,
            self.cancel_button,
            self.undo_button,
            self.kinds_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.renewals_title)
        layout.addWidget(self.renewals, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.count)
        layout.addWidget(self.members, 2)
        self.refresh()

    def refresh(self) -> None:
        self._tasks.run(
            lambda _task: (self._membership.renewals(), self._membership.current()), self._show
        )

    def _fill(self, table: QTableWidget, rows: tuple[MembershipRecord, ...]) -> None:
        table.setRowCount(len(rows))
        for index, record in enumerate(rows):
            cells = [
                record.display_name,
                record.kind,
                format_date(record.end_date),
                left_to_right(format_money(record.dues_cents, self._currency)),
                _(STATUSES[record.status]),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if record.status in STATUS_COLORS:
                    item.setForeground(QBrush(STATUS_COLORS[record.status]))
                table.setItem(index, column, item)
        table.resizeColumnsToContents()

    def _show(
        self, result: tuple[tuple[MembershipRecord, ...], tuple[MembershipRecord, ...]]
    ) -> None:
        renewals, members = result
        self._members = members
        self.renewals_title.setText(
            "<b>{}</b>".format(
                _("To renew: lapsed or ending within {days} days").format(days=RENEWAL_WINDOW_DAYS)
            )
        )
        self._fill(self.renewals, renewals)
        self.count.setText(
            ngettext("{count} member", "{count} members", len(members)).format(
                count=format_number(len(members))
            )
        )
        self._fill(self.members, members)

    def selected(self) -> MembershipRecord | None:
        rows = self.members.selectionModel().selectedRows()
        return self._members[rows[0].row()] if rows else None

    def _push(self, text: str, redo: Callable[[], object], undo: Callable[[], object]) -> None:
        self.undo_stack.push(Change(text, self, redo, undo, after=self.refresh))

    def record(self) -> None:
        from communitydesk.ui.dialogs.membership_dialogs import RecordMembershipDialog

        dialog = RecordMembershipDialog(self._membership, self._people, self)
        if dialog.exec() and dialog.saved is not None:
            uid = dialog.saved.uid
            self._push(
                _("record {name}'s membership").format(name=dialog.saved.display_name),
                redo=lambda: self._membership.reinstate(uid),
                undo=lambda: self._membership.cancel(uid),
            )

    def edit_kinds(self) -> None:
        from communitydesk.ui.dialogs.membership_dialogs import KindsDialog

        KindsDialog(self._membership, self._currency, self).exec()

    def mark_paid(self) -> None:
        record = self.selected()
        if record is None:
            return
        uid, before, today = record.uid, record.paid_on, date.today()
        self._push(
            _("dues paid by {name}").format(name=record.display_name),
            redo=lambda: self._membership.set_paid(uid, before or today),
            undo=lambda: self._membership.set_paid(uid, before),
        )

    def cancel_selected(self) -> None:
        record = self.selected()
        if record is None:
            return
        uid = record.uid
        self._push(
            _("take back {name}'s membership").format(name=record.display_name),
            redo=lambda: self._membership.cancel(uid),
            undo=lambda: self._membership.reinstate(uid),
        )
