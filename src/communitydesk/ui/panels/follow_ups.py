"""The coordinator's call list: referrals to follow up today or overdue, the oldest first, with
the number to call. Recording what came of one takes it off the list ("Waiting" puts it back a
week on); each outcome recorded here can be undone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.i18n import (
    _,
    embedded,
    format_date,
    format_number,
    left_to_right,
    ngettext,
)
from communitydesk.services.directory import ServiceDirectory
from communitydesk.services.households import HouseholdService
from communitydesk.services.lookups import LookupService
from communitydesk.services.people import PeopleService
from communitydesk.services.referrals import ReferralLog, ReferralRecord
from communitydesk.ui.dialogs.outcome_dialog import OutcomeDialog
from communitydesk.ui.dialogs.referral_dialog import ReferralDialog
from communitydesk.ui.item_models.rows_model import Index, RowsTableModel
from communitydesk.ui.tasks import Task, TaskRunner
from communitydesk.ui.undo import OrderedWrites, undo_stack
from communitydesk.ui.widgets.messages import report_problem
from communitydesk.ui.widgets.service_picker import service_label
from communitydesk.ui.widgets.tables import select_row

OVERDUE_COLOUR = "#b00020"
WIDEST_COLUMN = 260  # a long reason is read in its tooltip


@dataclass(frozen=True)
class DueRow:
    referral: ReferralRecord
    phone: str


@dataclass(frozen=True)
class CallList:
    rows: tuple[DueRow, ...]
    next_follow_up: date | None


def due_text(follow_up_on: date, today: date) -> str:
    """'Today', '1 day overdue', '3 days overdue'."""
    late = (today - follow_up_on).days
    if late <= 0:
        return _("Today")
    return ngettext("{count} day overdue", "{count} days overdue", late).format(
        count=format_number(late)
    )


class FollowUpColumn(IntEnum):
    WHO = 0
    PHONE = 1
    SERVICE = 2
    CONTACT = 3
    REFERRED_ON = 4
    DUE = 5
    REASON = 6


class FollowUpsModel(RowsTableModel[DueRow]):
    columns = FollowUpColumn

    def __init__(self) -> None:
        super().__init__()
        self.today = date.today()

    def headers(self) -> dict[Any, str]:
        return {
            FollowUpColumn.WHO: _("Who"),
            FollowUpColumn.PHONE: _("Phone"),
            FollowUpColumn.SERVICE: _("Service"),
            FollowUpColumn.CONTACT: _("Contact person"),
            FollowUpColumn.REFERRED_ON: _("Referred on"),
            FollowUpColumn.DUE: _("Due"),
            FollowUpColumn.REASON: _("Reason"),
        }

    def display(self, row: DueRow, column: Any) -> str:
        referral = row.referral
        if column == FollowUpColumn.WHO:
            return referral.who
        if column == FollowUpColumn.PHONE:
            return left_to_right(row.phone)
        if column == FollowUpColumn.SERVICE:
            return service_label(referral.service_name, referral.organization_name)
        if column == FollowUpColumn.CONTACT:
            return referral.contact_name
        if column == FollowUpColumn.REFERRED_ON:
            return format_date(referral.referred_on)
        if column == FollowUpColumn.DUE:
            assert referral.follow_up_on is not None
            return due_text(referral.follow_up_on, self.today)
        return referral.reason

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        referral = self.row_at(index.row()).referral
        overdue = referral.follow_up_on is not None and referral.follow_up_on < self.today
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == FollowUpColumn.DUE:
            return QBrush(QColor(OVERDUE_COLOUR)) if overdue else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if index.column() == FollowUpColumn.DUE and referral.follow_up_on is not None:
                return _("Follow-up planned for {date}").format(
                    date=embedded(format_date(referral.follow_up_on, "long"))
                )
            text = self.display(self.row_at(index.row()), self.columns(index.column()))
            return text or None
        return super().data(index, role)


class FollowUpsPanel(QWidget):
    def __init__(
        self,
        referrals: ReferralLog,
        directory: ServiceDirectory,
        people: PeopleService,
        households: HouseholdService,
        lookups: LookupService,
        tasks: TaskRunner,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._referrals = referrals
        self._directory = directory
        self._people = people
        self._households = households
        self._lookups = lookups
        self._tasks = tasks
        self._fixed_today = today
        self._pending: Task | None = None
        self._shown_before = False
        self._to_select = ""

        self.title = QLabel("<h2>{}</h2>".format(_("Follow-ups due")))
        self.count = QLabel()
        self.count.setWordWrap(True)
        self.model = FollowUpsModel()
        self.model.setParent(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.doubleClicked.connect(self._record_index)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self.record_outcome)

        self.outcome_button = QPushButton(_("Record outcome…"))
        self.outcome_button.setToolTip(_("What came of the referral: connected, waiting…"))
        self.outcome_button.clicked.connect(self.record_outcome)
        self.open_button = QPushButton(_("Open referral…"))
        self.open_button.clicked.connect(self.open_referral)
        self.undo_stack, self.undo_button = undo_stack(self)
        self.writes = OrderedWrites(self, self.refresh)

        buttons = QHBoxLayout()
        for button in (self.outcome_button, self.open_button, self.undo_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.count)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self._selection_changed()
        self.refresh()

    @property
    def today(self) -> date:
        return self._fixed_today or date.today()

    @property
    def busy(self) -> bool:
        return self._pending is not None or self.writes.busy

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        # Referrals made on the People screen or in the log are due here too.
        super().showEvent(event)
        if self._shown_before and not event.spontaneous():
            self.refresh()
        self._shown_before = True

    def refresh(self) -> None:
        if self._pending is not None:
            self._pending.cancel()
        referrals, today = self._referrals, self.today

        def load(_task: Task) -> CallList:
            due = referrals.due(today)
            phones = referrals.phones([r.uid for r in due])
            return CallList(
                tuple(DueRow(r, phones.get(r.uid, "")) for r in due),
                referrals.next_follow_up(today),
            )

        self._pending = self._tasks.run(load, self.show_list, self._failed)

    def _failed(self, error: BaseException) -> None:
        self._pending = None
        report_problem(self, error)

    def show_list(self, calls: CallList) -> None:
        self._pending = None
        selected = self.selected()
        chosen = self._to_select or (selected.uid if selected else "")
        self._to_select = ""
        self.model.today = self.today
        self.model.set_rows(calls.rows)
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for column in FollowUpColumn:
            if header.sectionSize(column) > WIDEST_COLUMN:
                header.resizeSection(column, WIDEST_COLUMN)
        self.count.setText(self._count_text(calls))
        uids = [row.referral.uid for row in calls.rows]
        if chosen in uids:
            select_row(self.table, uids.index(chosen))
        elif uids:
            select_row(self.table, 0)
        self._selection_changed()

    def _count_text(self, calls: CallList) -> str:
        if calls.rows:
            overdue = sum(
                1
                for row in calls.rows
                if row.referral.follow_up_on is not None and row.referral.follow_up_on < self.today
            )
            text = ngettext(
                "{count} follow-up to make", "{count} follow-ups to make", len(calls.rows)
            ).format(count=format_number(len(calls.rows)))
            if overdue:
                text = ngettext(
                    "{count} follow-up to make, {overdue} overdue.",
                    "{count} follow-ups to make, {overdue} overdue.",
                    len(calls.rows),
                ).format(count=format_number(len(calls.rows)), overdue=format_number(overdue))
            return text
        if calls.next_follow_up is not None:
            return _("Nothing is due today. The next follow-up is on {date}.").format(
                date=embedded(format_date(calls.next_follow_up, "full"))
            )
        return _("Nothing is due, and no follow-up is planned.")

    def selected(self) -> ReferralRecord | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= self.model.rowCount():
            return None
        return self.model.row_at(rows[0].row()).referral

    def _selection_changed(self) -> None:
        chosen = self.selected() is not None
        self.outcome_button.setEnabled(chosen)
        self.open_button.setEnabled(chosen)

    def _record_index(self, index: QModelIndex) -> None:
        if index.isValid():
            select_row(self.table, index.row())
            self.record_outcome()

    def record_outcome(self) -> None:
        referral = self.selected()
        if referral is None:
            return
        dialog = OutcomeDialog(
            referral, self._referrals, self._lookups, self._tasks, self.today, parent=self
        )
        if not dialog.exec() or dialog.saved is None:
            return
        self._push(referral, dialog.saved, _("record what came of {who}'s referral"))

    def open_referral(self) -> None:
        referral = self.selected()
        if referral is None:
            return
        dialog = ReferralDialog(
            self._referrals,
            self._directory,
            self._people,
            self._households,
            self._lookups,
            self._tasks,
            referral_uid=referral.uid,
            parent=self,
            today=self.today,
        )
        if not dialog.exec() or dialog.saved is None or dialog.record is None:
            return
        self._push(dialog.record, dialog.saved, _("edit {who}'s referral"))

    def _push(self, before: ReferralRecord, after: ReferralRecord, text: str) -> None:
        if before == after:
            return
        uid, referrals, today = before.uid, self._referrals, self.today
        old, new = before.as_input(), after.as_input()
        self._to_select = uid
        self.undo_stack.push(
            self.writes.change(
                text.format(who=after.who),
                redo=lambda: referrals.update(uid, new, today),
                undo=lambda: referrals.update(uid, old, today),
            )
        )
