"""Restricted funds and grants: what each received, spent and has left, the unrestricted rest,
and the reports funders expect soon (or late), with "Mark done"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.i18n import (
    _,
    embedded,
    format_date,
    format_money,
    format_number,
    left_to_right,
    ngettext,
)
from communitydesk.services.funds import UPCOMING_DAYS, DeadlineRecord, FundRecord, FundService
from communitydesk.ui.dialogs.fund_dialog import FundDialog
from communitydesk.ui.tasks import Task, TaskRunner
from communitydesk.ui.undo import BackgroundChanges
from communitydesk.ui.widgets.messages import report_problem
from communitydesk.ui.widgets.tables import read_only_table, select_row

PROBLEM = QColor("#b00020")
UID_ROLE = Qt.ItemDataRole.UserRole
TRAILING = Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True)
class FundsView:
    """Everything the panel shows, read together off the UI thread."""

    funds: tuple[FundRecord, ...]  # closed ones included: the total counts their money too
    unrestricted_cents: int
    deadlines: tuple[DeadlineRecord, ...]


def period_text(starts_on: date | None, ends_on: date | None) -> str:
    if starts_on and ends_on:
        return _("{start} to {end}").format(
            start=embedded(format_date(starts_on)), end=embedded(format_date(ends_on))
        )
    if starts_on:
        return _("From {date}").format(date=embedded(format_date(starts_on)))
    if ends_on:
        return _("Until {date}").format(date=embedded(format_date(ends_on)))
    return ""


def when_due(due_on: date, today: date) -> tuple[str, bool]:
    """("Late by 3 days", True), ("Today", False), ("In 12 days", False)."""
    days = (due_on - today).days
    if days < 0:
        late = -days
        return (
            ngettext("Late by {count} day", "Late by {count} days", late).format(
                count=format_number(late)
            ),
            True,
        )
    if days == 0:
        return _("Due today"), False
    return (
        ngettext("In {count} day", "In {count} days", days).format(count=format_number(days)),
        False,
    )


class FundsPanel(QWidget):
    def __init__(
        self,
        funds: FundService,
        tasks: TaskRunner,
        currency: str,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._funds = funds
        self._tasks = tasks
        self._currency = currency
        self._fixed_today = today
        self._pending: Task | None = None
        self._shown_before = False
        self._view = FundsView((), 0, ())
        self._rows: tuple[FundRecord, ...] = ()
        self._deadline_rows: tuple[DeadlineRecord, ...] = ()
        self._to_select = ""

        self.count = QLabel()
        self.count.setWordWrap(True)
        self.show_closed = QCheckBox(_("Show closed funds"))
        self.show_closed.toggled.connect(lambda _checked: self._show(self._view))
        self.table = read_only_table(
            [
                _("Fund or grant"),
                _("Funder"),
                _("Awarded"),
                _("Period"),
                _("Received"),
                _("Spent"),
                _("Balance"),
            ]
        )
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self.edit_selected)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete_selected)

        self.new_button = QPushButton(_("New fund or grant…"))
        self.new_button.clicked.connect(self.new_fund)
        self.edit_button = QPushButton(_("Edit…"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton(_("Delete"))
        self.delete_button.setToolTip(
            _(
                "To the Trash; a fund with entries or a budget is closed instead. "
                "Undo brings it back"
            )
        )
        self.delete_button.clicked.connect(self.delete_selected)
        self.changes = BackgroundChanges(self, after=self.refresh)
        self.undo_stack, self.undo_button = self.changes.stack, self.changes.button

        self.deadlines_title = QLabel()
        self.deadlines_title.setWordWrap(True)
        self.deadlines = read_only_table([_("Due"), _("When"), _("Fund or grant"), _("What")])
        self.deadlines.setWordWrap(False)
        self.deadlines.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.deadlines.itemSelectionChanged.connect(self._update_buttons)
        self.done_button = QPushButton(_("Mark done"))
        self.done_button.setToolTip(_("The report or claim was sent; Undo puts it back"))
        self.done_button.clicked.connect(self.mark_done)

        top = QHBoxLayout()
        top.addWidget(self.count, 1)
        top.addWidget(self.show_closed)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.delete_button, self.undo_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addLayout(top)
        upper_layout.addLayout(buttons)
        upper_layout.addWidget(self.table, 1)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        deadline_top = QHBoxLayout()
        deadline_top.addWidget(self.deadlines_title, 1)
        deadline_top.addWidget(self.done_button)
        lower_layout.addLayout(deadline_top)
        lower_layout.addWidget(self.deadlines, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(upper)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self._update_buttons()
        self.refresh()

    @property
    def today(self) -> date:
        return self._fixed_today or date.today()

    @property
    def busy(self) -> bool:
        return self._pending is not None or self.changes.busy

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        # Entries recorded on another tab change the balances: shown again, read again.
        super().showEvent(event)
        if self._shown_before and not event.spontaneous():
            self.refresh()
        self._shown_before = True

    # --- reading -------------------------------------------------------------------------------

    def refresh(self) -> None:
        if self._pending is not None:
            self._pending.cancel()
        funds, today = self._funds, self.today

        def load(_task: Task) -> FundsView:
            return FundsView(
                funds.funds(include_closed=True),
                funds.unrestricted_cents(),
                funds.upcoming_deadlines(today),
            )

        self._pending = self._tasks.run(load, self._loaded, self._failed)

    def _loaded(self, view: FundsView) -> None:
        self._pending = None
        self._show(view)

    def _failed(self, error: BaseException) -> None:
        self._pending = None
        report_problem(self, error)

    def _money(self, cents: int) -> str:
        return left_to_right(format_money(cents, self._currency))

    def _show(self, view: FundsView) -> None:
        self._view = view
        current = self.selected()
        chosen = self._to_select or (current.uid if current else "")
        self._to_select = ""
        rows = tuple(f for f in view.funds if self.show_closed.isChecked() or not f.closed)
        self._rows = rows
        self.table.setRowCount(len(rows) + 2)
        for row, fund in enumerate(rows):
            name = _("{name} (closed)").format(name=fund.name) if fund.closed else fund.name
            cells = [
                name,
                fund.funder,
                self._money(fund.awarded_cents) if fund.awarded_cents is not None else "",
                period_text(fund.starts_on, fund.ends_on),
                self._money(fund.received_cents),
                self._money(fund.spent_cents),
                self._balance_text(fund.balance_cents),
            ]
            self._fill_row(row, cells, fund.uid, overspent=fund.balance_cents < 0)
        held = sum(f.balance_cents for f in view.funds) + view.unrestricted_cents
        self._fill_row(
            len(rows),
            [_("Unrestricted"), "", "", "", "", "", self._balance_text(view.unrestricted_cents)],
            "",
            overspent=view.unrestricted_cents < 0,
        )
        self._fill_row(
            len(rows) + 1,
            [_("Total"), "", "", "", "", "", self._money(held)],
            "",
            overspent=False,
            bold=True,
        )
        self.table.resizeColumnsToContents()
        uids = [f.uid for f in rows]
        if chosen in uids:
            select_row(self.table, uids.index(chosen))
        closed = sum(1 for f in view.funds if f.closed)
        if not view.funds:
            self.count.setText(
                _(
                    "No restricted funds or grants yet: all the money is unrestricted. Add a "
                    "grant or a gift given for a purpose with “New fund or grant…”."
                )
            )
        else:
            text = ngettext("{count} fund or grant", "{count} funds and grants", len(rows)).format(
                count=format_number(len(rows))
            )
            if closed and not self.show_closed.isChecked():
                text = _("{shown} ({count} closed not shown)").format(
                    shown=text, count=format_number(closed)
                )
            self.count.setText(text)
        self._show_deadlines(view.deadlines)
        self._update_buttons()

    def _balance_text(self, cents: int) -> str:
        # A word as well as the colour: red alone says nothing to a colour-blind treasurer.
        if cents < 0:
            return _("{amount} overspent").format(amount=self._money(cents))
        return self._money(cents)

    def _fill_row(
        self, row: int, cells: list[str], uid: str, overspent: bool, bold: bool = False
    ) -> None:
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setData(UID_ROLE, uid)
            if column >= 4:
                item.setTextAlignment(
                    Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter
                )
            if overspent and column == 6:
                item.setForeground(QBrush(PROBLEM))
            if bold:
                font = QFont(item.font())
                font.setBold(True)
                item.setFont(font)
            if not uid:  # the unrestricted line and the total are not funds to edit
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.table.setItem(row, column, item)

    def _show_deadlines(self, deadlines: tuple[DeadlineRecord, ...]) -> None:
        current = self.selected_deadline()
        self._deadline_rows = deadlines
        late = sum(1 for d in deadlines if d.due_on < self.today)
        title = _("Reports and claims due in the next {days} days").format(
            days=format_number(UPCOMING_DAYS)
        )
        if late:
            title = ngettext(
                "Reports and claims due in the next {days} days; {count} is late",
                "Reports and claims due in the next {days} days; {count} are late",
                late,
            ).format(days=format_number(UPCOMING_DAYS), count=format_number(late))
        if not deadlines:
            title = _("No report or claim is due in the next {days} days.").format(
                days=format_number(UPCOMING_DAYS)
            )
        self.deadlines_title.setText(f"<b>{title}</b>")
        self.deadlines.setRowCount(len(deadlines))
        for row, deadline in enumerate(deadlines):
            when, is_late = when_due(deadline.due_on, self.today)
            cells = [format_date(deadline.due_on), when, deadline.fund_name, deadline.what]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if is_late:
                    item.setForeground(QBrush(PROBLEM))
                self.deadlines.setItem(row, column, item)
        self.deadlines.resizeColumnsToContents()
        uids = [d.uid for d in deadlines]
        if current is not None and current.uid in uids:
            select_row(self.deadlines, uids.index(current.uid))

    def selected(self) -> FundRecord | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self._rows):
            return None
        return self._rows[rows[0].row()]

    def selected_deadline(self) -> DeadlineRecord | None:
        rows = self.deadlines.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self._deadline_rows):
            return None
        return self._deadline_rows[rows[0].row()]

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)
        self.done_button.setEnabled(self.selected_deadline() is not None)

    # --- changes -------------------------------------------------------------------------------

    def _dialog(self, fund: FundRecord | None) -> FundDialog:
        return FundDialog(
            self._funds, self._tasks, self._currency, fund, today=self.today, parent=self
        )

    def new_fund(self) -> None:
        dialog = self._dialog(None)
        if not dialog.exec() or dialog.saved is None:
            return
        saved, funds = dialog.saved, self._funds
        uid = saved.uid
        self._to_select = uid
        if saved.closed:
            self.show_closed.setChecked(True)
        self.changes.push(
            _("add {name}").format(name=saved.name),
            redo=lambda: funds.restore(uid),
            undo=lambda: funds.delete(uid),
        )

    def edit_selected(self) -> None:
        fund = self.selected()
        if fund is None:
            return
        dialog = self._dialog(fund)
        if not dialog.exec() or dialog.saved is None:
            return
        saved, funds = dialog.saved, self._funds
        uid, before, after = fund.uid, fund.as_input(), saved.as_input()
        self._to_select = uid
        if after == before:
            self.refresh()  # only its deadlines changed: they are saved, nothing to undo
            return
        self.changes.push(
            _("edit {name}").format(name=saved.name),
            redo=lambda: funds.update(uid, after),
            undo=lambda: funds.update(uid, before),
        )

    def delete_selected(self) -> None:
        fund = self.selected()
        if fund is None:
            return
        uid, funds = fund.uid, self._funds
        self.changes.attempt(
            _("delete {name}").format(name=fund.name),
            do=lambda: funds.delete(uid),
            undo=lambda: funds.restore(uid),
        )

    def mark_done(self) -> None:
        deadline = self.selected_deadline()
        if deadline is None:
            return
        uid, funds, today = deadline.uid, self._funds, self.today
        self.changes.push(
            _("mark {what} done").format(what=deadline.what),
            redo=lambda: funds.set_deadline_done(uid, today),
            undo=lambda: funds.set_deadline_done(uid, None),
        )
