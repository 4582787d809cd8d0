"""The accounts where the group's money sits, with what each holds today and the total; add, edit,
close, or send an unused one to the Trash, with undo."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
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

from communitydesk.core.i18n import _, embedded, format_money, format_number, ngettext
from communitydesk.services.accounts import KIND_NAMES, AccountRecord, AccountService
from communitydesk.ui.dialogs.account_dialog import AccountDialog
from communitydesk.ui.item_models.rows_model import Index, RowsTableModel
from communitydesk.ui.tasks import Task, TaskRunner
from communitydesk.ui.undo import OrderedWrites, guarded, undo_stack
from communitydesk.ui.widgets.messages import report_problem
from communitydesk.ui.widgets.tables import select_row

CLOSED_COLOR = QColor("#5f6368")  # a closed account's row, greyed like a planned session


class AccountColumn(IntEnum):
    NAME = 0
    KIND = 1
    INSTITUTION = 2
    NUMBER = 3
    BALANCE = 4
    CLOSED = 5


class AccountsTableModel(RowsTableModel[AccountRecord]):
    columns = AccountColumn

    def __init__(self, currency: str) -> None:
        super().__init__()
        self.currency = currency

    def headers(self) -> dict[Any, str]:
        return {
            AccountColumn.NAME: _("Account"),
            AccountColumn.KIND: _("Kind"),
            AccountColumn.INSTITUTION: _("Institution"),
            AccountColumn.NUMBER: _("Last digits"),
            AccountColumn.BALANCE: _("Balance"),
            AccountColumn.CLOSED: _("Closed"),
        }

    def display(self, row: AccountRecord, column: Any) -> str:
        if column == AccountColumn.NAME:
            return row.name
        if column == AccountColumn.KIND:
            return _(KIND_NAMES.get(row.kind, row.kind))
        if column == AccountColumn.INSTITUTION:
            return row.institution
        if column == AccountColumn.NUMBER:
            return row.number_hint
        if column == AccountColumn.BALANCE:
            return format_money(row.balance_cents, self.currency)
        return "✓" if row.closed else ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and index.isValid():
            if index.column() == AccountColumn.BALANCE:
                return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            if index.column() == AccountColumn.CLOSED:
                return Qt.AlignmentFlag.AlignCenter
            return None
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid():
            closed = index.row() < self.rowCount() and self.row_at(index.row()).closed
            return QBrush(CLOSED_COLOR) if closed else None
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():
            notes = self.row_at(index.row()).notes if index.row() < self.rowCount() else ""
            return notes or None
        return super().data(index, role)


class AccountsPanel(QWidget):
    """Emits `changed` once an account was added, edited, deleted or put back: lists of
    accounts elsewhere (the register's filter) read them again."""

    changed = Signal()

    def __init__(
        self,
        accounts: AccountService,
        tasks: TaskRunner,
        currency: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._accounts = accounts
        self._tasks = tasks
        self._currency = currency
        self._pending: Task | None = None
        self._shown_before = False
        self._to_select = ""
        self.count = QLabel()
        self.total = QLabel()
        self.model = AccountsTableModel(currency)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(AccountColumn.NAME, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(self._open_index)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self.edit_selected)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete_selected)
        self.new_button = QPushButton(_("New account…"))
        self.new_button.clicked.connect(self.new_account)
        self.edit_button = QPushButton(_("Edit…"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton(_("Delete"))
        self.delete_button.setToolTip(
            _("An account without entries goes to the Trash; one with entries is closed instead")
        )
        self.delete_button.clicked.connect(self.delete_selected)
        self.undo_stack, self.undo_button = undo_stack(self)
        self.writes = OrderedWrites(self, self._written)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.delete_button, self.undo_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.total)
        self._selection_changed()
        self.refresh()

    @property
    def busy(self) -> bool:
        return self._pending is not None or self.writes.busy

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        # Entries recorded in the register change the balances: shown again, they are read again.
        super().showEvent(event)
        if self._shown_before and not event.spontaneous():
            self.refresh()
        self._shown_before = True

    def refresh(self) -> None:
        if self._pending is not None:
            self._pending.cancel()
        accounts = self._accounts
        self._pending = self._tasks.run(
            lambda _task: accounts.accounts(include_closed=True), self.show_accounts, self._failed
        )

    def _failed(self, error: BaseException) -> None:
        self._pending = None
        report_problem(self, error)

    def _written(self) -> None:
        self.refresh()
        self.changed.emit()

    def show_accounts(self, records: tuple[AccountRecord, ...]) -> None:
        self._pending = None
        current = self.selected()
        chosen = self._to_select or (current.uid if current else "")
        self.model.set_rows(records)
        self.table.resizeColumnsToContents()
        if records:
            self.count.setText(
                ngettext("{count} account", "{count} accounts", len(records)).format(
                    count=format_number(len(records))
                )
            )
        else:
            self.count.setText(
                _("No accounts yet: add the bank account or the cash box with “New account…”.")
            )
        total = sum(record.balance_cents for record in records)
        self.total.setText(
            _("Total of the balances: {amount}").format(
                amount=embedded(format_money(total, self._currency))
            )
        )
        uids = [record.uid for record in records]
        if chosen in uids:
            self._to_select = ""
            select_row(self.table, uids.index(chosen))
        elif records:
            select_row(self.table, 0)
        self._selection_changed()

    def selected(self) -> AccountRecord | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _selection_changed(self) -> None:
        chosen = self.selected() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            select_row(self.table, index.row())
            self.edit_selected()

    def new_account(self) -> None:
        dialog = AccountDialog(self._accounts, self._tasks, self._currency, parent=self)
        if not dialog.exec() or dialog.saved is None:
            return
        uid, accounts = dialog.saved.uid, self._accounts
        self._to_select = uid
        self.undo_stack.push(
            self.writes.change(
                _("add {name}").format(name=dialog.saved.name),
                redo=lambda: accounts.restore(uid),
                undo=lambda: accounts.delete(uid),
            )
        )

    def edit_selected(self) -> None:
        account = self.selected()
        if account is None:
            return
        dialog = AccountDialog(self._accounts, self._tasks, self._currency, account, parent=self)
        if not dialog.exec() or dialog.saved is None:
            return
        uid, accounts = account.uid, self._accounts
        before, after = account.as_input(), dialog.saved.as_input()
        if before == after:
            return
        self.undo_stack.push(
            self.writes.change(
                _("edit {name}").format(name=dialog.saved.name),
                redo=lambda: accounts.update(uid, after),
                undo=lambda: accounts.update(uid, before),
            )
        )

    def delete_selected(self) -> None:
        account = self.selected()
        if account is None:
            return
        uid, accounts = account.uid, self._accounts
        # An account with entries is refused with the service's message; Undo then has nothing
        # to put back.
        redo, undo = guarded(lambda: accounts.delete(uid), lambda: accounts.restore(uid))
        self.undo_stack.push(
            self.writes.change(_("delete {name}").format(name=account.name), redo=redo, undo=undo)
        )
