"""The register: every entry in the books, filtered by account, dates, kind and text, sorted by a
click on a column's header. Filtering, sorting and paging happen in SQL, on the task runner; the
list reads one page at a time as it is scrolled. New entries, edits, deletions (to the Trash)
and cleared marks can each be undone with Ctrl+Z."""

from __future__ import annotations

from datetime import date
from enum import IntEnum
from typing import Any, Final

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.i18n import (
    _,
    embedded,
    format_date,
    format_money,
    format_number,
    ngettext,
)
from communitydesk.services.accounts import AccountService
from communitydesk.services.activity_stats import Period
from communitydesk.services.categories import CategoryService
from communitydesk.services.funds import FundService
from communitydesk.services.people import PeopleService
from communitydesk.services.periods import PERIODS, fiscal_year, fiscal_year_of, month, named_period
from communitydesk.services.programs import ProgramService
from communitydesk.services.transactions import (
    AttachmentRecord,
    TransactionFilter,
    TransactionPage,
    TransactionRecord,
    TransactionRow,
    TransactionService,
)
from communitydesk.ui.dialogs.transaction_dialog import (
    MoneyChoices,
    TransactionDialog,
    load_money_choices,
)
from communitydesk.ui.item_models.rows_model import Index, RowsTableModel
from communitydesk.ui.tasks import Task, TaskRunner
from communitydesk.ui.undo import OrderedWrites, guarded, undo_stack
from communitydesk.ui.widgets.dates import date_edit, qdate, to_date
from communitydesk.ui.widgets.fields import narrowable
from communitydesk.ui.widgets.messages import report_problem, show_error
from communitydesk.ui.widgets.tables import select_row

PAGE_SIZE: Final = 200
SEARCH_DELAY_MS: Final = 300
WIDEST_COLUMN: Final = 280  # a long memo or list of categories is read in its tooltip
CUSTOM: Final = "custom"


class RegisterColumn(IntEnum):
    DATE = 0
    PAYEE = 1
    CATEGORIES = 2
    MEMO = 3
    REFERENCE = 4
    ACCOUNT = 5
    MONEY_IN = 6
    MONEY_OUT = 7
    CLEARED = 8
    RECEIPTS = 9


# The columns the service sorts on (its SORTS); the others keep the order they were given.
SORT_OF: Final = {
    RegisterColumn.DATE: "date",
    RegisterColumn.PAYEE: "payee",
    RegisterColumn.REFERENCE: "reference",
    RegisterColumn.ACCOUNT: "account",
    RegisterColumn.MONEY_IN: "amount",
    RegisterColumn.MONEY_OUT: "amount",
}


def signed_money(cents: int, currency: str) -> str:
    """'+$12.00', '-$5.00' or '$0.00': the plus sign goes where the language puts the minus."""
    if cents <= 0:
        return format_money(cents, currency)
    text = format_money(-cents, currency)
    for minus in ("-", "\u2212"):
        if minus in text:
            return text.replace(minus, "+", 1)
    return "+" + format_money(cents, currency)


class RegisterModel(RowsTableModel[TransactionRow]):
    """The register's rows, read a page at a time from `TransactionService.page`.

    `loaded` when a first page (a new filter or order) is shown; `failed` with the error when a
    read fails.
    """

    loaded = Signal()
    failed = Signal(object)
    columns = RegisterColumn

    def __init__(self, transactions: TransactionService, tasks: TaskRunner, currency: str) -> None:
        super().__init__()
        self._transactions = transactions
        self._tasks = tasks
        self.currency = currency
        self.where = TransactionFilter()
        self.sort_key = "date"
        self.descending = True
        self.account_name = ""  # the account filtered on: a transfer into it is money in
        self.total = 0
        self.net_cents = 0
        self.has_loaded = False
        self._first: Task | None = None
        self._more: Task | None = None

    @property
    def busy(self) -> bool:
        return self._first is not None or self._more is not None

    def headers(self) -> dict[Any, str]:
        return {
            RegisterColumn.DATE: _("Date"),
            RegisterColumn.PAYEE: _("Payee"),
            RegisterColumn.CATEGORIES: _("Categories"),
            RegisterColumn.MEMO: _("Memo"),
            RegisterColumn.REFERENCE: _("Reference"),
            RegisterColumn.ACCOUNT: _("Account"),
            RegisterColumn.MONEY_IN: _("Money in"),
            RegisterColumn.MONEY_OUT: _("Money out"),
            RegisterColumn.CLEARED: _("Cleared"),
            RegisterColumn.RECEIPTS: _("Receipts"),
        }

    def incoming(self, row: TransactionRow) -> bool:
        if row.kind == "transfer":
            return bool(self.account_name) and row.account_name != self.account_name
        return row.kind == "income"

    def display(self, row: TransactionRow, column: Any) -> str:
        if column == RegisterColumn.DATE:
            return format_date(row.entry_date)
        if column == RegisterColumn.PAYEE:
            return row.payee
        if column == RegisterColumn.CATEGORIES:
            return row.categories
        if column == RegisterColumn.MEMO:
            return " ".join(row.memo.split())
        if column == RegisterColumn.REFERENCE:
            return row.reference
        if column == RegisterColumn.ACCOUNT:
            return row.account_name
        if column == RegisterColumn.MONEY_IN:
            return format_money(row.amount_cents, self.currency) if self.incoming(row) else ""
        if column == RegisterColumn.MONEY_OUT:
            return "" if self.incoming(row) else format_money(row.amount_cents, self.currency)
        if column == RegisterColumn.CLEARED:
            return "✓" if row.cleared else ""
        return format_number(row.attachments) if row.attachments else ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        column = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column in (RegisterColumn.MONEY_IN, RegisterColumn.MONEY_OUT):
                # Qt mirrors it: amounts line up on the left in a right-to-left window.
                return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            if column in (RegisterColumn.CLEARED, RegisterColumn.RECEIPTS):
                return Qt.AlignmentFlag.AlignCenter
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(self.row_at(index.row()), column)
        return super().data(index, role)

    def _tooltip(self, row: TransactionRow, column: int) -> str | None:
        if column == RegisterColumn.CLEARED and row.cleared:
            return (
                _("Reconciled with a bank statement")
                if row.reconciled
                else _("Cleared: seen on the bank statement")
            )
        if column == RegisterColumn.RECEIPTS and row.attachments:
            return ngettext("{count} receipt", "{count} receipts", row.attachments).format(
                count=format_number(row.attachments)
            )
        if column == RegisterColumn.MEMO and row.memo:
            return row.memo
        if column in (RegisterColumn.PAYEE, RegisterColumn.CATEGORIES):
            return self.display(row, self.columns(column)) or None
        return None

    # --- reading page by page --------------------------------------------------------------------

    def reload(self, keep: bool = True) -> None:
        """Read the first page again; with `keep`, as many rows as are shown now."""
        for task in (self._first, self._more):
            if task is not None:
                task.cancel()
        self._more = None
        transactions, where = self._transactions, self.where
        sort, descending = self.sort_key, self.descending
        limit = max(PAGE_SIZE, self.rowCount()) if keep else PAGE_SIZE
        self._first = self._tasks.run(
            lambda _task: transactions.page(where, sort, descending, limit=limit),
            self._show_first,
            self._failed,
        )

    def _show_first(self, page: TransactionPage) -> None:
        self._first = None
        self.total, self.net_cents = page.total, page.net_cents
        self.has_loaded = True
        self.set_rows(page.rows)
        self.loaded.emit()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008, N802
        return (
            not parent.isValid()
            and self.has_loaded
            and not self.busy
            and self.rowCount() < self.total
        )

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008, N802
        if not self.canFetchMore(parent):
            return
        transactions, where = self._transactions, self.where
        sort, descending, offset = self.sort_key, self.descending, self.rowCount()
        self._more = self._tasks.run(
            lambda _task: transactions.page(
                where, sort, descending, limit=PAGE_SIZE, offset=offset
            ),
            self._show_more,
            self._failed,
        )

    def _show_more(self, page: TransactionPage) -> None:
        self._more = None
        self.total, self.net_cents = page.total, page.net_cents
        if page.rows:
            first = self.rowCount()
            self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
            self._rows = self._rows + page.rows
            self.endInsertRows()

    def _failed(self, error: BaseException) -> None:
        self._first = self._more = None
        self.failed.emit(error)


class RegisterPanel(QWidget):
    def __init__(
        self,
        transactions: TransactionService,
        accounts: AccountService,
        categories: CategoryService,
        funds: FundService,
        programs: ProgramService,
        people: PeopleService,
        tasks: TaskRunner,
        currency: str,
        fiscal_start_month: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._transactions = transactions
        self._accounts = accounts
        self._categories = categories
        self._funds = funds
        self._programs = programs
        self._people = people
        self._tasks = tasks
        self._currency = currency
        self._fiscal_start_month = fiscal_start_month
        self._choices: MoneyChoices | None = None
        self._loading_choices: Task | None = None
        self._opening: Task | None = None
        self._shown_before = False
        self._to_select = ""  # an entry just added or edited: chosen once the list shows it
        self._selected_before: set[str] = set()
        self._sort_column: int = RegisterColumn.DATE

        # --- filters ---
        self.account_filter = QComboBox()
        self.account_filter.setMinimumContentsLength(18)
        self.account_filter.addItem(_("All accounts"), "")
        self.account_filter.currentIndexChanged.connect(self._filters_changed)
        self.period = QComboBox()
        for key, name in PERIODS.items():
            self.period.addItem(_(name), key)
        self.period.addItem(_("Dates chosen"), CUSTOM)
        self.period.setCurrentIndex(self.period.findData("this_fiscal_year"))
        self.period.currentIndexChanged.connect(self._period_chosen)
        shown = self.period_dates("this_fiscal_year", date.today())
        self.start = date_edit(shown.start)
        self.end = date_edit(shown.end)
        self.kind_filter = QComboBox()
        for label, key in (
            (_("Every entry"), ""),
            (_("Money in"), "income"),
            (_("Money out"), "expense"),
            (_("Transfers"), "transfer"),
        ):
            self.kind_filter.addItem(label, key)
        self.kind_filter.currentIndexChanged.connect(self._filters_changed)
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search the payee, memo or reference"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(150)
        self.uncleared = QCheckBox(_("Not cleared only"))
        self.uncleared.toggled.connect(self._filters_changed)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self._filters_changed)
        self.search.textChanged.connect(self._debounce.start)
        self.start.dateChanged.connect(self._dates_typed)
        self.end.dateChanged.connect(self._dates_typed)

        # --- the list ---
        self.model = RegisterModel(transactions, tasks, currency)
        self.model.setParent(self)  # gone with the panel: a page read late is then dropped
        self.model.loaded.connect(self._rows_loaded)
        self.model.failed.connect(lambda error: report_problem(self, error))
        self.model.rowsInserted.connect(self._rows_added)
        self.model.where = self.current_filter()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.ExtendedSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(RegisterColumn.MEMO, QHeaderView.ResizeMode.Stretch)
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(RegisterColumn.DATE, Qt.SortOrder.DescendingOrder)
        header.sortIndicatorChanged.connect(self._sort_changed)
        self.table.doubleClicked.connect(self._open_index)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        for enter in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(enter), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self.edit_selected)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete_selected)

        # --- actions ---
        self.new_income_button = QPushButton(_("New money in…"))
        self.new_income_button.clicked.connect(lambda: self.new_entry("income"))
        self.new_expense_button = QPushButton(_("New money out…"))
        self.new_expense_button.clicked.connect(lambda: self.new_entry("expense"))
        self.transfer_button = QPushButton(_("Transfer…"))
        self.transfer_button.setToolTip(_("Money moved between two of the group's accounts"))
        self.transfer_button.clicked.connect(lambda: self.new_entry("transfer"))
        for button, keys in (
            (self.new_income_button, "Ctrl+I"),
            (self.new_expense_button, "Ctrl+E"),
        ):
            sequence = QKeySequence(keys)
            shortcut = QShortcut(sequence, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(button.click)
            button.setToolTip(sequence.toString(QKeySequence.SequenceFormat.NativeText))
        self.edit_button = QPushButton(_("Edit…"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton(_("Delete"))
        self.delete_button.setToolTip(_("To the Trash; Undo brings it back"))
        self.delete_button.clicked.connect(self.delete_selected)
        self.undo_stack, self.undo_button = undo_stack(self)
        self.writes = OrderedWrites(self, self.refresh)
        self.cleared_button = QPushButton(_("Mark cleared"))
        self.cleared_button.setToolTip(_("Tick the entries seen on the bank statement"))
        self.cleared_button.clicked.connect(self.toggle_cleared)
        # As wide as its longer text, so that the row does not move when the text changes.
        self.cleared_button.setMinimumWidth(
            max(
                self.cleared_button.fontMetrics().horizontalAdvance(text)
                for text in (_("Mark cleared"), _("Mark not cleared"))
            )
            + 32
        )
        for button in (self.new_income_button, self.new_expense_button, self.transfer_button):
            button.setEnabled(False)  # until the accounts and categories are loaded

        self.summary = QLabel()
        self.note = QLabel()  # an entry saved that the filters hide
        self.note.setWordWrap(True)
        self.note.hide()

        # The combos' first entries say what they choose ("All accounts", "This fiscal
        # year"), so they need no labels, and the rows stay narrow enough for a small screen.
        filters = QHBoxLayout()
        filters.addWidget(self.period, 1)
        filters.addWidget(self.start)
        filters.addWidget(QLabel(_("to")))
        filters.addWidget(self.end)
        filters.addSpacing(12)
        filters.addWidget(self.uncleared)
        filters.addStretch(1)
        self.account_filter.setToolTip(_("Account"))
        self.period.setToolTip(_("Period"))
        narrowable(self.period)
        narrowable(self.kind_filter)
        narrowable(self.account_filter, widest=260)  # its accounts are read later
        searching = QHBoxLayout()
        searching.addWidget(self.account_filter, 1)
        searching.addWidget(self.kind_filter, 1)
        searching.addWidget(self.search, 1)
        # New entries above the list, what acts on the chosen ones below it: two short rows fit
        # a small laptop screen where one long row would not.
        buttons = QHBoxLayout()
        for button in (self.new_income_button, self.new_expense_button, self.transfer_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        acting = QHBoxLayout()
        for button in (self.edit_button, self.delete_button, self.cleared_button):
            acting.addWidget(button)
        acting.addWidget(self.undo_button)
        acting.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(searching)
        layout.addLayout(buttons)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addLayout(acting)
        layout.addWidget(self.summary)
        self._selection_changed()
        self.refresh()

    # --- state -----------------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return (
            self.model.busy
            or self._loading_choices is not None
            or self._opening is not None
            or self.writes.busy
            or self._debounce.isActive()
        )

    def period_dates(self, key: str, today: date) -> Period:
        """The dates of a named period. Periods under way run to their end, not to today: an
        entry dated ahead (a post-dated cheque) still shows."""
        start_month = self._fiscal_start_month
        if key == "this_fiscal_year":
            return fiscal_year(fiscal_year_of(today, start_month), start_month)
        if key == "this_month":
            return month(today.year, today.month)
        if key == "this_year":
            return Period(date(today.year, 1, 1), date(today.year, 12, 31))
        return named_period(key, today, start_month)

    def current_filter(self) -> TransactionFilter:
        return TransactionFilter(
            start=to_date(self.start),
            end=to_date(self.end),
            account_uid=str(self.account_filter.currentData() or ""),
            kind=str(self.kind_filter.currentData() or ""),
            text=self.search.text(),
            uncleared_only=self.uncleared.isChecked(),
        )

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        # Dues recorded from the roster, or accounts changed, show when the list shows again.
        super().showEvent(event)
        if self._shown_before and not event.spontaneous():
            self.refresh()
        self._shown_before = True

    # --- loading ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the accounts, categories and the list again."""
        if self._loading_choices is not None:
            self._loading_choices.cancel()
        accounts, categories = self._accounts, self._categories
        programs, funds, transactions = self._programs, self._funds, self._transactions
        self._loading_choices = self._tasks.run(
            lambda _task: load_money_choices(accounts, categories, programs, funds, transactions),
            self._show_choices,
            self._choices_failed,
        )
        self._reload(keep=True)

    def _choices_failed(self, error: BaseException) -> None:
        self._loading_choices = None
        report_problem(self, error)

    def _show_choices(self, choices: MoneyChoices) -> None:
        self._loading_choices = None
        self._choices = choices
        chosen = str(self.account_filter.currentData() or "")
        self.account_filter.blockSignals(True)
        self.account_filter.clear()
        self.account_filter.addItem(_("All accounts"), "")
        for account in choices.accounts:
            label = account.name
            if account.closed:
                label = _("{name} (closed)").format(name=account.name)
            self.account_filter.addItem(label, account.uid)
        index = self.account_filter.findData(chosen)
        self.account_filter.setCurrentIndex(max(0, index))
        self.account_filter.blockSignals(False)
        if index < 0:
            self._filters_changed()  # the account filtered on is gone: show them all
        elif self.model.account_name != self._account_name(chosen):
            self._reload(keep=True)  # renamed: transfers into it are told apart by its name
        has_accounts = any(not account.closed for account in choices.accounts)
        for button in (self.new_income_button, self.new_expense_button, self.transfer_button):
            button.setEnabled(has_accounts)
        hint = "" if has_accounts else _("Add an account first, under Accounts.")
        self.transfer_button.setToolTip(
            hint or _("Money moved between two of the group's accounts")
        )

    def _reload(self, keep: bool) -> None:
        self._debounce.stop()
        self._selected_before = {row.uid for row in self.selected_rows()}
        self.model.where = self.current_filter()
        self.model.account_name = self._account_name(self.model.where.account_uid)
        self.model.reload(keep)

    def _account_name(self, uid: str) -> str:
        if not uid or self._choices is None:
            return ""
        return next((a.name for a in self._choices.accounts if a.uid == uid), "")

    def _filters_changed(self) -> None:
        self._reload(keep=False)

    def _period_chosen(self) -> None:
        key = str(self.period.currentData())
        if key == CUSTOM:
            return
        shown = self.period_dates(key, date.today())
        for edit, day in ((self.start, shown.start), (self.end, shown.end)):
            edit.blockSignals(True)
            edit.setDate(qdate(day))
            edit.blockSignals(False)
        self._filters_changed()

    def _dates_typed(self) -> None:
        self.period.blockSignals(True)
        self.period.setCurrentIndex(self.period.findData(CUSTOM))
        self.period.blockSignals(False)
        self._debounce.start()

    def _sort_changed(self, column: int, order: Qt.SortOrder) -> None:
        key = SORT_OF.get(RegisterColumn(column)) if 0 <= column < len(RegisterColumn) else None
        if key is None:
            # Not a column the books sort on: the indicator goes back to the order in force.
            header = self.table.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(
                self._sort_column,
                Qt.SortOrder.DescendingOrder
                if self.model.descending
                else Qt.SortOrder.AscendingOrder,
            )
            header.blockSignals(False)
            return
        self._sort_column = column
        self.model.sort_key = key
        self.model.descending = order == Qt.SortOrder.DescendingOrder
        self._reload(keep=False)

    def _rows_loaded(self) -> None:
        rows = [self.model.row_at(i) for i in range(self.model.rowCount())]
        uids = [row.uid for row in rows]
        wanted = {self._to_select} if self._to_select else self._selected_before
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for column in RegisterColumn:
            if column != RegisterColumn.MEMO and header.sectionSize(column) > WIDEST_COLUMN:
                header.resizeSection(column, WIDEST_COLUMN)
        chosen = [index for index, uid in enumerate(uids) if uid in wanted]
        if self._to_select and not chosen and len(rows) == self.model.total:
            self._show_note(_("Saved. The filters above hide it from the list."))
        elif self._to_select:
            self._show_note("")
        self._to_select = ""
        if chosen:
            select_row(self.table, chosen[0])
            self.table.scrollTo(self.model.index(chosen[0], 0))
        elif rows:
            select_row(self.table, 0)
        self._show_summary()
        self._selection_changed()

    def _rows_added(self, *_args: object) -> None:
        self._show_summary()

    def _show_summary(self) -> None:
        total = self.model.total
        if not total and self.model.has_loaded:
            self.summary.setText(_("No entries for these filters."))
            return
        self.summary.setText(
            ngettext(
                "{count} entry · net {amount}", "{count} entries · net {amount}", total
            ).format(
                count=format_number(total),
                amount=embedded(signed_money(self.model.net_cents, self._currency)),
            )
        )

    def _show_note(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(bool(text))

    # --- the selected entries --------------------------------------------------------------------

    def selected_rows(self) -> list[TransactionRow]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.row_at(row) for row in rows if row < self.model.rowCount()]

    def _selection_changed(self) -> None:
        rows = self.selected_rows()
        self.edit_button.setEnabled(len(rows) == 1)
        self.delete_button.setEnabled(bool(rows))
        self.cleared_button.setEnabled(bool(rows))
        all_cleared = bool(rows) and all(row.cleared for row in rows)
        self.cleared_button.setText(_("Mark not cleared") if all_cleared else _("Mark cleared"))

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            select_row(self.table, index.row())
            self.edit_selected()

    # --- actions ---------------------------------------------------------------------------------

    def _dialog(
        self,
        kind: str,
        record: TransactionRecord | None = None,
        attachments: tuple[AttachmentRecord, ...] = (),
    ) -> TransactionDialog | None:
        if self._choices is None:
            return None
        return TransactionDialog(
            self._transactions,
            self._people,
            self._tasks,
            self._currency,
            self._choices,
            kind=kind,
            record=record,
            attachments=attachments,
            account_uid=str(self.account_filter.currentData() or ""),
            parent=self,
        )

    def new_entry(self, kind: str) -> None:
        if not self.new_expense_button.isEnabled():
            return
        dialog = self._dialog(kind)
        if dialog is None or not dialog.exec() or dialog.saved is None:
            return
        saved, transactions = dialog.saved, self._transactions
        uid = saved.uid
        self._to_select = uid
        self._widen_period(saved.entry_date)
        self.undo_stack.push(
            self.writes.change(
                _("add the entry of {date}").format(date=embedded(format_date(saved.entry_date))),
                redo=lambda: transactions.restore(uid),
                undo=lambda: transactions.delete(uid),
            )
        )

    def edit_selected(self) -> None:
        rows = self.selected_rows()
        if len(rows) != 1 or self._choices is None or self._opening is not None:
            return
        uid, transactions = rows[0].uid, self._transactions

        def load(_task: Task) -> tuple[TransactionRecord, tuple[AttachmentRecord, ...]]:
            return transactions.get(uid), transactions.attachments(uid)

        self._opening = self._tasks.run(load, self._edit_loaded, self._open_failed)

    def _open_failed(self, error: BaseException) -> None:
        self._opening = None
        report_problem(self, error)
        self.refresh()  # gone meanwhile: the list says so

    def _edit_loaded(self, loaded: tuple[TransactionRecord, tuple[AttachmentRecord, ...]]) -> None:
        self._opening = None
        record, attachments = loaded
        dialog = self._dialog(record.kind, record, attachments)
        if dialog is None:
            return
        accepted = dialog.exec()
        saved = dialog.saved
        if not accepted or saved is None or saved == record:
            if dialog.attachments_changed:
                self._reload(keep=True)
            return
        uid, transactions = record.uid, self._transactions
        before, after = record.as_input(), saved.as_input()
        self._to_select = uid
        self._widen_period(saved.entry_date)
        # The treasurer already agreed to what was saved, overspending included; undoing puts
        # back what was there before, which the books held.
        self.undo_stack.push(
            self.writes.change(
                _("edit the entry of {date}").format(date=embedded(format_date(saved.entry_date))),
                redo=lambda: transactions.update(uid, after, allow_overspend=True),
                undo=lambda: transactions.update(uid, before, allow_overspend=True),
            )
        )

    def delete_selected(self) -> None:
        rows = self.selected_rows()
        if not rows:
            return
        reconciled = [row for row in rows if row.reconciled]
        if reconciled:
            show_error(
                self,
                _(
                    "An entry reconciled with a bank statement cannot be deleted. "
                    "Record a correcting entry instead."
                ),
            )
            return
        uids = tuple(row.uid for row in rows)
        transactions = self._transactions

        # All of them or none: one refused entry (a closed period) leaves every one in place.
        redo, undo = guarded(
            lambda: transactions.delete(*uids), lambda: transactions.restore(*uids)
        )

        text = (
            _("delete the entry of {date}").format(date=embedded(format_date(rows[0].entry_date)))
            if len(rows) == 1
            else ngettext("delete {count} entry", "delete {count} entries", len(rows)).format(
                count=format_number(len(rows))
            )
        )
        self.undo_stack.push(self.writes.change(text, redo=redo, undo=undo))

    def toggle_cleared(self) -> None:
        rows = self.selected_rows()
        if not rows:
            return
        cleared = not all(row.cleared for row in rows)
        if not cleared and any(row.reconciled for row in rows):
            show_error(self, _("A reconciled entry stays cleared."))
            return
        changing = tuple(row.uid for row in rows if row.cleared != cleared)
        transactions = self._transactions
        text = (
            ngettext("mark {count} entry cleared", "mark {count} entries cleared", len(changing))
            if cleared
            else ngettext(
                "mark {count} entry not cleared", "mark {count} entries not cleared", len(changing)
            )
        ).format(count=format_number(len(changing)))
        self.undo_stack.push(
            self.writes.change(
                text,
                redo=lambda: transactions.set_cleared(changing, cleared),
                undo=lambda: transactions.set_cleared(changing, not cleared),
            )
        )

    def _widen_period(self, day: date) -> None:
        """An entry saved outside the dates shown: the dates grow to show it."""
        for edit, outside in (
            (self.start, day < to_date(self.start)),
            (self.end, day > to_date(self.end)),
        ):
            if outside:
                edit.blockSignals(True)
                edit.setDate(qdate(day))
                edit.blockSignals(False)
                self.period.blockSignals(True)
                self.period.setCurrentIndex(self.period.findData(CUSTOM))
                self.period.blockSignals(False)
