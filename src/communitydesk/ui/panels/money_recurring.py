"""Recurring entries: the monthly rent, the quarterly insurance. Those due by today are listed on
top, each with "Record now" (every date due, at the treasurer's word) and "Skip one" (the hall
was closed that month); below, every recurring entry, to add, edit, or delete with undo."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.errors import FundOverspentError, NotFoundError
from communitydesk.core.i18n import (
    _,
    embedded,
    format_date,
    format_money,
    format_number,
    left_to_right,
    ngettext,
)
from communitydesk.services.accounts import AccountService
from communitydesk.services.categories import CategoryService
from communitydesk.services.funds import FundService
from communitydesk.services.people import PeopleService
from communitydesk.services.programs import ProgramService
from communitydesk.services.recurring import (
    EVERY_NAMES,
    DueEntry,
    RecurringRecord,
    RecurringService,
)
from communitydesk.services.transactions import TransactionService
from communitydesk.ui.dialogs.recurring_dialog import RecurringDialog
from communitydesk.ui.dialogs.transaction_dialog import (
    KIND_NAMES,
    MoneyChoices,
    load_money_choices,
)
from communitydesk.ui.tasks import Task, TaskRunner
from communitydesk.ui.undo import BackgroundChanges
from communitydesk.ui.widgets.messages import report_problem
from communitydesk.ui.widgets.tables import read_only_table, select_row

TRAILING: Final = Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter
NOTE_STYLE: Final = "color: #5f6368;"
DONE_STYLE: Final = "color: #1b7f3b;"


@dataclass(frozen=True)
class RecurringView:
    """Everything the panel shows, read together off the UI thread."""

    entries: tuple[RecurringRecord, ...]
    due: tuple[DueEntry, ...]
    choices: MoneyChoices


def status_text(entry: RecurringRecord) -> str:
    if entry.finished:
        return _("Finished")
    return _("Active") if entry.active else _("Paused")


def due_text(due: DueEntry) -> str:
    """'Rent — 3 dates due'."""
    return ngettext(
        "{name} — {count} date due", "{name} — {count} dates due", len(due.dates)
    ).format(name=due.name, count=format_number(len(due.dates)))


class DueRow(QWidget):
    """One entry due: what and how many dates, with its two buttons."""

    def __init__(self, due: DueEntry, currency: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.due = due
        self.title = QLabel(f"<b>{due_text(due)}</b>")
        amount = left_to_right(format_money(due.amount_cents, currency))
        if len(due.dates) == 1:
            detail = _("{date}, {amount}").format(
                date=embedded(format_date(due.dates[0])), amount=amount
            )
        else:
            detail = _("From {first} to {last}, {amount} each").format(
                first=embedded(format_date(due.dates[0])),
                last=embedded(format_date(due.dates[-1])),
                amount=amount,
            )
        self.detail = QLabel(detail)
        self.detail.setStyleSheet(NOTE_STYLE)
        self.setToolTip("\n".join(format_date(day) for day in due.dates))
        self.record_button = QPushButton(_("Record now"))
        self.record_button.setToolTip(
            ngettext(
                "Record the entry for the date due",
                "Record the entry once for each date due",
                len(due.dates),
            )
        )
        self.skip_button = QPushButton(_("Skip one"))
        self.skip_button.setToolTip(_("Pass over the oldest date due without recording it"))
        texts = QVBoxLayout()
        texts.setSpacing(0)
        texts.addWidget(self.title)
        texts.addWidget(self.detail)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.addLayout(texts, 1)
        layout.addWidget(self.record_button)
        layout.addWidget(self.skip_button)


class RecurringPanel(QWidget):
    """Emits `recorded` after entries were recorded, for the register to read them."""

    recorded = Signal()

    def __init__(
        self,
        recurring: RecurringService,
        transactions: TransactionService,
        accounts: AccountService,
        categories: CategoryService,
        funds: FundService,
        programs: ProgramService,
        people: PeopleService,
        tasks: TaskRunner,
        currency: str,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._recurring = recurring
        self._transactions = transactions
        self._accounts = accounts
        self._categories = categories
        self._funds = funds
        self._programs = programs
        self._people = people
        self._tasks = tasks
        self._currency = currency
        self.today = today
        self._pending: Task | None = None
        self._opening: Task | None = None
        self._acting: Task | None = None  # recording or skipping
        self._shown_before = False
        self._to_select = ""
        self.view: RecurringView | None = None
        self.due_rows: list[DueRow] = []

        self.due_box = QGroupBox(_("Due now"))
        self.due_layout = QVBoxLayout(self.due_box)
        self.due_box.hide()
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet(DONE_STYLE)
        self.note.hide()

        self.count = QLabel()
        self.count.setWordWrap(True)
        self.table = read_only_table(
            [
                _("Name"),
                _("How often"),
                _("Next date"),
                _("Amount"),
                _("Entry"),
                _("Last date"),
                _("Status"),
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
        self.new_button = QPushButton(_("New recurring entry…"))
        self.new_button.clicked.connect(self.new_entry)
        self.edit_button = QPushButton(_("Edit…"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton(_("Delete"))
        self.delete_button.setToolTip(
            _("To the Trash; the entries it recorded stay in the books. Undo brings it back")
        )
        self.delete_button.clicked.connect(self.delete_selected)
        self.changes = BackgroundChanges(self, after=self.refresh)
        self.undo_stack, self.undo_button = self.changes.stack, self.changes.button

        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.delete_button, self.undo_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.due_box)
        layout.addWidget(self.note)
        layout.addWidget(self.count)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self._update_buttons()
        self.refresh()

    # --- state -----------------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return (
            self._pending is not None
            or self._opening is not None
            or self._acting is not None
            or self.changes.busy
        )

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        # Accounts or categories added on another tab are offered: shown again, read again.
        super().showEvent(event)
        if self._shown_before and not event.spontaneous():
            self.refresh()
        self._shown_before = True

    def _money(self, cents: int) -> str:
        return left_to_right(format_money(cents, self._currency))

    # --- reading ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        if self._pending is not None:
            self._pending.cancel()
        recurring, today = self._recurring, self.today
        accounts, categories, programs = self._accounts, self._categories, self._programs
        funds, transactions = self._funds, self._transactions

        def load(_task: Task) -> RecurringView:
            return RecurringView(
                recurring.entries(),
                recurring.due(today),
                load_money_choices(accounts, categories, programs, funds, transactions),
            )

        self._pending = self._tasks.run(load, self._loaded, self._failed)

    def _failed(self, error: BaseException) -> None:
        self._pending = None
        report_problem(self, error)

    def _loaded(self, view: RecurringView) -> None:
        self._pending = None
        self.view = view
        self._show_due(view.due)
        current = self.selected()
        chosen = self._to_select or (current.uid if current else "")
        self._to_select = ""
        self.table.setRowCount(len(view.entries))
        for row, entry in enumerate(view.entries):
            cells = [
                (entry.name, False),
                (_(EVERY_NAMES[entry.every]), False),
                ("" if entry.finished else format_date(entry.next_on), False),
                (self._money(entry.amount_cents), True),
                (_(KIND_NAMES[entry.kind]), False),
                (format_date(entry.ends_on) if entry.ends_on else _("No end"), False),
                (status_text(entry), False),
            ]
            for column, (text, trailing) in enumerate(cells):
                item = QTableWidgetItem(text)
                if trailing:
                    item.setTextAlignment(TRAILING)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        header.resizeSection(0, min(max(header.sectionSize(0), 160), 320))
        uids = [entry.uid for entry in view.entries]
        if chosen in uids:
            select_row(self.table, uids.index(chosen))
        if view.entries:
            self.count.setText(
                ngettext(
                    "{count} recurring entry", "{count} recurring entries", len(view.entries)
                ).format(count=format_number(len(view.entries)))
            )
        else:
            self.count.setText(
                _(
                    "No recurring entries yet: add the rent or any entry that comes back with "
                    "“New recurring entry…”, and it is offered here each time it falls due."
                )
            )
        self._update_buttons()

    def _show_due(self, due: tuple[DueEntry, ...]) -> None:
        for row in self.due_rows:
            self.due_layout.removeWidget(row)
            row.deleteLater()
        self.due_rows = []
        for entry in due:
            row = DueRow(entry, self._currency)
            row.record_button.clicked.connect(lambda _checked=False, e=entry: self.record(e))
            row.skip_button.clicked.connect(lambda _checked=False, e=entry: self.skip(e))
            self.due_layout.addWidget(row)
            self.due_rows.append(row)
        self.due_box.setTitle(_("Due by {date}").format(date=embedded(format_date(self.today))))
        self.due_box.setVisible(bool(due))
        self._update_buttons()

    def selected(self) -> RecurringRecord | None:
        rows = self.table.selectionModel().selectedRows()
        if self.view is None or not rows or rows[0].row() >= len(self.view.entries):
            return None
        return self.view.entries[rows[0].row()]

    def due_row(self, name: str) -> DueRow | None:
        return next((row for row in self.due_rows if row.due.name == name), None)

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.new_button.setEnabled(self.view is not None)
        self.edit_button.setEnabled(chosen and self.view is not None)
        self.delete_button.setEnabled(chosen)
        for row in self.due_rows:
            row.record_button.setEnabled(self._acting is None)
            row.skip_button.setEnabled(self._acting is None)

    def _say(self, text: str) -> None:
        self.note.setText(text)
        self.note.show()

    # --- due entries -----------------------------------------------------------------------------

    def record(self, due: DueEntry, allow_overspend: bool = False) -> None:
        if self._acting is not None:
            return
        recurring, uid, today = self._recurring, due.uid, self.today
        self._acting = self._tasks.run(
            lambda _task: recurring.record_due(uid, today, allow_overspend),
            lambda made: self._recorded(due, made),
            lambda error: self._record_failed(due, error),
        )
        self._update_buttons()

    def _recorded(self, due: DueEntry, made: tuple[str, ...]) -> None:
        self._acting = None
        self._say(
            ngettext(
                "{count} entry recorded for {name}.",
                "{count} entries recorded for {name}.",
                len(made),
            ).format(count=format_number(len(made)), name=due.name)
        )
        self.recorded.emit()
        self.refresh()

    def _record_failed(self, due: DueEntry, error: BaseException) -> None:
        self._acting = None
        self._update_buttons()
        self.refresh()  # the dates before a refused one are recorded: the list says so
        if not isinstance(error, FundOverspentError):
            report_problem(self, error)
            return
        answer = QMessageBox.question(
            self,
            _("Spend restricted money"),
            error.message + "\n\n" + _("Record it anyway?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.record(due, allow_overspend=True)

    def skip(self, due: DueEntry) -> None:
        if self._acting is not None:
            return
        recurring, uid, today = self._recurring, due.uid, self.today
        self._acting = self._tasks.run(
            lambda _task: recurring.skip(uid, today),
            lambda day: self._skipped(due, day),
            self._skip_failed,
        )
        self._update_buttons()

    def _skipped(self, due: DueEntry, day: date) -> None:
        self._acting = None
        self._say(
            _("{name}: the date of {date} was skipped.").format(
                name=due.name, date=embedded(format_date(day))
            )
        )
        self.refresh()

    def _skip_failed(self, error: BaseException) -> None:
        self._acting = None
        report_problem(self, error)
        self.refresh()

    # --- changes ---------------------------------------------------------------------------------

    def _dialog(self, entry: RecurringRecord | None, payee_name: str = "") -> RecurringDialog:
        assert self.view is not None
        return RecurringDialog(
            self._recurring,
            self._transactions,
            self._people,
            self._tasks,
            self._currency,
            self.view.choices,
            entry,
            payee_name,
            today=self.today,
            parent=self,
        )

    def new_entry(self) -> None:
        if self.view is None:
            return
        dialog = self._dialog(None)
        if not dialog.exec() or dialog.saved_entry is None:
            return
        saved, recurring = dialog.saved_entry, self._recurring
        uid = saved.uid
        self._to_select = uid
        self.changes.push(
            _("add {name}").format(name=saved.name),
            redo=lambda: recurring.restore(uid),
            undo=lambda: recurring.delete(uid),
        )

    def edit_selected(self) -> None:
        entry = self.selected()
        if entry is None or self.view is None or self._opening is not None:
            return
        people, person = self._people, entry.template.person_uid

        def payee_name(_task: Task) -> str:
            if not person:
                return ""
            try:
                return people.get(person).display_name
            except NotFoundError:
                return ""  # gone from the roster since: the form asks for a payee again

        self._opening = self._tasks.run(
            payee_name, lambda name: self._edit(entry, name), self._open_failed
        )

    def _open_failed(self, error: BaseException) -> None:
        self._opening = None
        report_problem(self, error)

    def _edit(self, entry: RecurringRecord, payee_name: str) -> None:
        self._opening = None
        dialog = self._dialog(entry, payee_name)
        if not dialog.exec() or dialog.saved_entry is None:
            return
        saved, recurring, uid = dialog.saved_entry, self._recurring, entry.uid
        self._to_select = uid
        if saved == entry:
            self.refresh()
            return
        self.changes.push(
            _("edit {name}").format(name=saved.name),
            redo=lambda: recurring.update(
                uid,
                saved.name,
                saved.every,
                saved.next_on,
                saved.template,
                saved.ends_on,
                saved.active,
            ),
            undo=lambda: recurring.update(
                uid,
                entry.name,
                entry.every,
                entry.next_on,
                entry.template,
                entry.ends_on,
                entry.active,
            ),
        )

    def delete_selected(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        recurring, uid = self._recurring, entry.uid
        self.changes.push(
            _("delete {name}").format(name=entry.name),
            redo=lambda: recurring.delete(uid),
            undo=lambda: recurring.restore(uid),
        )
