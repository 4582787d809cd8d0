"""Bank statements and reconciliation for one account: bring the bank's CSV in, match each bank
line the books do not know yet to its entry (or record it as a new one), then check the books
against the statement's closing balance, ticking the entries the bank shows until nothing
differs, and finish.

Every read and write runs off the UI thread. Writes go one after the other (a tick, then Finish),
so that Finish always sees every tick made before it; matches and new entries can be undone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Final

from PySide6.QtCore import Qt, QThreadPool, Signal
from PySide6.QtGui import QColor, QFont, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.errors import CommunityDeskError, ValidationError
from communitydesk.core.i18n import (
    _,
    embedded,
    format_amount,
    format_date,
    format_money,
    format_number,
    left_to_right,
    ngettext,
)
from communitydesk.core.money import parse_money
from communitydesk.services.accounts import AccountRecord, AccountService
from communitydesk.services.categories import CategoryRecord, CategoryService
from communitydesk.services.reconciliation import (
    ProposedMatch,
    ReconciliationState,
    StatementImportRecord,
    StatementLineRecord,
    StatementService,
)
from communitydesk.services.transactions import TransactionService
from communitydesk.ui.dialogs.statement_dialog import StatementImportDialog
from communitydesk.ui.tasks import Task, TaskRunner
from communitydesk.ui.undo import Change, guarded, undo_stack
from communitydesk.ui.widgets.dates import date_edit, qdate, to_date
from communitydesk.ui.widgets.fields import error_label
from communitydesk.ui.widgets.messages import report_problem, show_error
from communitydesk.ui.widgets.tables import read_only_table, select_row

TRAILING: Final = Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter
UID_ROLE: Final = Qt.ItemDataRole.UserRole
BALANCED: Final = QColor("#1b7f3b")
PROBLEM: Final = QColor("#b00020")
NOTE_STYLE: Final = "color: #5f6368;"
CATEGORY, TRANSFER = "category:", "account:"


@dataclass(frozen=True)
class ReconcileView:
    """What the panel shows for one account, read together off the UI thread."""

    accounts: tuple[AccountRecord, ...]
    account_uid: str  # "" when there is no account yet
    categories: tuple[CategoryRecord, ...] = ()
    lines: tuple[StatementLineRecord, ...] = ()  # not matched to an entry yet
    state: ReconciliationState | None = None  # the reconciliation under way
    imports: tuple[StatementImportRecord, ...] = ()  # newest first


def parse_balance(text: str, field: str = "statement_balance") -> int:
    """A statement's closing balance in cents; unlike an entry's amount it may be below zero
    (an overdraft, a credit card): '-120.50', '−120,50' and '(120.50)' are all negative."""
    stripped = text.strip()
    negative = stripped.startswith(("-", "\u2212", "(")) or stripped.endswith(("-", "\u2212"))
    cleaned = stripped.translate({ord(ch): None for ch in "-\u2212()"})
    cents = parse_money(cleaned, field)
    return -cents if negative else cents


def money_cells(cents: int, currency: str) -> tuple[str, str]:
    """(money in, money out) as two cells, one of them empty."""
    text = left_to_right(format_money(abs(cents), currency))
    return (text, "") if cents > 0 else ("", text)


def fit_columns(table: QTableWidget, stretched: int) -> None:
    """Each column as wide as its content, but the one that takes the room left: sizing that
    one too would stop it from stretching."""
    for column in range(table.columnCount()):
        if column != stretched:
            table.resizeColumnToContents(column)


def _item(text: str, trailing: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if trailing:
        item.setTextAlignment(TRAILING)
    return item


class MatchDialog(QDialog):
    """Choose which entry of the books a bank line records; `chosen` is its uid."""

    def __init__(
        self,
        line: StatementLineRecord,
        candidates: tuple[ProposedMatch, ...],
        currency: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._candidates = candidates
        self.chosen = ""
        self.setWindowTitle(_("Match a bank line"))
        about = QLabel(
            _("The bank shows {amount} on {date}: “{description}”. Which entry is it?").format(
                amount=embedded(format_money(line.amount_cents, currency)),
                date=embedded(format_date(line.posted_on)),
                description=line.description,
            )
        )
        about.setWordWrap(True)
        self.table = read_only_table(
            [_("Date"), _("Paid to or received from"), _("Reference"), _("Memo"), _("Amount")]
        )
        self.table.setWordWrap(False)
        self.table.setRowCount(len(candidates))
        for row, found in enumerate(candidates):
            cells = [
                format_date(found.entry_date),
                found.payee,
                found.reference,
                found.memo,
            ]
            for column, text in enumerate(cells):
                self.table.setItem(row, column, _item(text))
            self.table.setItem(
                row, 4, _item(left_to_right(format_money(found.signed_cents, currency)), True)
            )
        self.table.resizeColumnsToContents()
        self.table.doubleClicked.connect(lambda _index: self.accept())
        if candidates:
            select_row(self.table, 0)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Match"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.resize(760, 360)

    def accept(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        self.chosen = self._candidates[rows[0].row()].transaction_uid
        super().accept()


class NewEntryDialog(QDialog):
    """Record the entry a bank line shows (a fee, interest, a forgotten deposit): a category, or
    a transfer with another account; the date and amount are the bank's."""

    def __init__(
        self,
        line: StatementLineRecord,
        categories: tuple[CategoryRecord, ...],
        other_accounts: tuple[AccountRecord, ...],
        currency: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        money_in = line.amount_cents > 0
        self.setWindowTitle(_("Record a bank line as a new entry"))
        about = QLabel(
            _("{date}: “{description}”, {amount}").format(
                date=embedded(format_date(line.posted_on)),
                description=line.description,
                amount=embedded(format_money(line.amount_cents, currency)),
            )
        )
        about.setWordWrap(True)
        self.category = QComboBox()
        self.category.setPlaceholderText(_("Choose a category"))
        self.category.setMinimumContentsLength(28)
        self.category.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        # Sub-categories are indented with spaces: typing "supp" still finds "    Supplies".
        self.category.view().setKeyboardSearchFlags(
            Qt.MatchFlag.MatchContains | Qt.MatchFlag.MatchWrap
        )
        for category in categories:
            self.category.addItem(category.indented_name, CATEGORY + category.uid)
        if other_accounts:
            self.category.insertSeparator(self.category.count())
        for account in other_accounts:
            label = (
                _("Transfer from {account}") if money_in else _("Transfer to {account}")
            ).format(account=account.name)
            self.category.addItem(label, TRANSFER + account.uid)
        self.category.setCurrentIndex(-1)
        self.payee = QLineEdit(line.description[:200])
        self.payee.setMaxLength(200)
        self.memo = QLineEdit()
        self.memo.setPlaceholderText(_("What it was for, if the category does not say"))
        self.error = error_label()
        self.form = QFormLayout()
        self.form.addRow(_("Category"), self.category)
        self.form.addRow(_("Received from") if money_in else _("Paid to"), self.payee)
        self.form.addRow(_("Memo"), self.memo)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Record"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.category.currentIndexChanged.connect(self._chosen)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self.category.setFocus()

    def _chosen(self) -> None:
        self.error.hide()
        self.form.setRowVisible(self.payee, not self.transfer_account_uid())

    def _data(self) -> str:
        return str(self.category.currentData() or "")

    def category_uid(self) -> str:
        data = self._data()
        return data.removeprefix(CATEGORY) if data.startswith(CATEGORY) else ""

    def transfer_account_uid(self) -> str:
        data = self._data()
        return data.removeprefix(TRANSFER) if data.startswith(TRANSFER) else ""

    def accept(self) -> None:
        if not self.category_uid() and not self.transfer_account_uid():
            self.error.setText(_("Choose a category, or the account of a transfer."))
            self.error.show()
            self.category.setFocus()
            return
        super().accept()


class ReconcilePanel(QWidget):
    """Emits `changed` after anything is written, for the lists of other tabs to read again."""

    changed = Signal()

    def __init__(
        self,
        statements: StatementService,
        transactions: TransactionService,
        accounts: AccountService,
        categories: CategoryService,
        tasks: TaskRunner,
        currency: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._statements = statements
        self._transactions = transactions
        self._accounts = accounts
        self._categories = categories
        self._tasks = tasks
        self._currency = currency
        self._pending: Task | None = None
        self._opening: Task | None = None
        self._shown_before = False
        self._account_uid = ""
        self._dates_for = ""  # the account whose statement date was last filled in
        self._filling = False
        self.view = ReconcileView((), "")
        self.state: ReconciliationState | None = None
        self.ticks: dict[str, bool] = {}  # the entries shown and whether each is ticked
        # One thread for writes: a tick is written before the Finish that follows it.
        pool = QThreadPool(self)
        pool.setMaxThreadCount(1)
        self._writer = TaskRunner(pool=pool, parent=self)

        self.account = QComboBox()
        self.account.setMinimumContentsLength(20)
        self.account.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.account.activated.connect(self._account_chosen)
        self.import_button = QPushButton(_("Import a statement…"))
        self.import_button.clicked.connect(self.import_statement)
        self.undo_stack, self.undo_button = undo_stack(self)
        self.last_import = QLabel()
        self.last_import.setWordWrap(True)
        self.last_import.setStyleSheet(NOTE_STYLE)

        # --- bank lines without an entry ---
        self.lines_box = QGroupBox(_("Bank lines the books do not show yet"))
        self.lines_count = QLabel()
        self.lines_count.setWordWrap(True)
        self.lines = read_only_table(
            [_("Date"), _("Description"), _("Reference"), _("Money in"), _("Money out")]
        )
        self.lines.setWordWrap(False)
        lines_header = self.lines.horizontalHeader()
        lines_header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # The description takes the room left, so that the amounts stay next to each other.
        lines_header.setStretchLastSection(False)
        lines_header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.lines.itemSelectionChanged.connect(self._update_buttons)
        self.lines.doubleClicked.connect(lambda _index: self.match_selected())
        self.match_button = QPushButton(_("Match…"))
        self.match_button.setToolTip(_("Choose the entry of the books this bank line records"))
        self.match_button.clicked.connect(self.match_selected)
        self.record_button = QPushButton(_("Record as new entry…"))
        self.record_button.setToolTip(
            _("A bank fee, interest, a deposit not recorded yet: record it with a category")
        )
        self.record_button.clicked.connect(self.record_selected)
        line_buttons = QHBoxLayout()
        line_buttons.addWidget(self.match_button)
        line_buttons.addWidget(self.record_button)
        line_buttons.addStretch(1)
        lines_layout = QVBoxLayout(self.lines_box)
        lines_layout.addWidget(self.lines_count)
        lines_layout.addWidget(self.lines, 1)
        lines_layout.addLayout(line_buttons)

        # --- reconciling ---
        self.reconcile_box = QGroupBox(_("Reconcile with a statement"))
        self.pages = QStackedWidget()
        self.pages.addWidget(self._start_page())
        self.pages.addWidget(self._work_page())
        reconcile_layout = QVBoxLayout(self.reconcile_box)
        reconcile_layout.addWidget(self.pages)

        top = QHBoxLayout()
        top.addWidget(QLabel(_("Account")))
        top.addWidget(self.account)
        top.addWidget(self.import_button)
        top.addStretch(1)
        top.addWidget(self.undo_button)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.lines_box)
        splitter.addWidget(self.reconcile_box)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.last_import)
        layout.addWidget(splitter, 1)
        self._update_buttons()
        self.refresh()

    def _start_page(self) -> QWidget:
        page = QWidget()
        self.start_hint = QLabel(
            _(
                "Type the date and the closing balance printed on the bank statement, then tick "
                "the entries it shows until the difference is zero."
            )
        )
        self.start_hint.setWordWrap(True)
        self.statement_on = date_edit(date.today())
        self.statement_balance = QLineEdit()
        self.statement_balance.setPlaceholderText(
            _("e.g. {amount}").format(amount=embedded(format_amount(123456)))
        )
        self.statement_balance.setMaximumWidth(220)
        self.statement_balance.returnPressed.connect(self.start)
        self.start_button = QPushButton(_("Start reconciling"))
        self.start_button.clicked.connect(self.start)
        self.start_error = error_label()
        self.finished_note = QLabel()
        self.finished_note.setWordWrap(True)
        self.finished_note.setStyleSheet(f"color: {BALANCED.name()};")
        self.finished_note.hide()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(_("Statement date"), self.statement_on)
        form.addRow(_("Ending balance"), self.statement_balance)
        row = QHBoxLayout()
        row.addWidget(self.start_button)
        row.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addWidget(self.start_hint)
        layout.addLayout(form)
        layout.addLayout(row)
        layout.addWidget(self.start_error)
        layout.addWidget(self.finished_note)
        layout.addStretch(1)
        return page

    def _work_page(self) -> QWidget:
        page = QWidget()
        self.work_title = QLabel()
        self.work_title.setWordWrap(True)
        self.entries = QTableWidget(0, 7)
        self.entries.setHorizontalHeaderLabels(
            [
                _("Cleared"),
                _("Date"),
                _("Paid to or received from"),
                _("Reference"),
                _("Memo"),
                _("Money in"),
                _("Money out"),
            ]
        )
        self.entries.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.entries.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.entries.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.entries.verticalHeader().hide()
        self.entries.setWordWrap(False)
        entries_header = self.entries.horizontalHeader()
        entries_header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        entries_header.setStretchLastSection(False)
        entries_header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)  # the memo
        self.entries.itemChanged.connect(self._ticked)
        self.statement_total = QLabel()
        self.cleared_total = QLabel()
        self.difference = QLabel()
        for label in (self.statement_total, self.cleared_total, self.difference):
            label.setAlignment(TRAILING)
        bold = QFont(self.difference.font())
        bold.setBold(True)
        self.difference.setFont(bold)
        self.difference_title = QLabel(_("Difference"))
        self.difference_title.setFont(bold)
        totals = QGridLayout()
        totals.addWidget(QLabel(_("Statement balance")), 0, 0)
        totals.addWidget(self.statement_total, 0, 1)
        totals.addWidget(QLabel(_("Cleared balance")), 1, 0)
        totals.addWidget(self.cleared_total, 1, 1)
        totals.addWidget(self.difference_title, 2, 0)
        totals.addWidget(self.difference, 2, 1)
        totals.setColumnMinimumWidth(1, 140)
        self.finish_button = QPushButton(_("Finish"))
        self.finish_button.setToolTip(_("Offered once the difference is zero"))
        self.finish_button.clicked.connect(self.finish)
        self.cancel_button = QPushButton(_("Cancel"))
        self.cancel_button.setToolTip(_("Give up this reconciliation; the ticks stay"))
        self.cancel_button.clicked.connect(self.cancel)
        buttons = QVBoxLayout()
        buttons.addWidget(self.finish_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addLayout(totals)
        bottom.addStretch(1)
        bottom.addLayout(buttons)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.work_title)
        layout.addWidget(self.entries, 1)
        layout.addLayout(bottom)
        return page

    # --- state -----------------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self._pending is not None or self._opening is not None or self._writer.busy

    @property
    def account_uid(self) -> str:
        return self.view.account_uid

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        # Entries recorded on another tab are candidates here: shown again, read again.
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
        wanted = self._account_uid
        statements, accounts, categories = self._statements, self._accounts, self._categories

        def load(_task: Task) -> ReconcileView:
            found = accounts.accounts()
            uids = [account.uid for account in found]
            # Statements come from banks: a bank account is the likely one at first.
            banks = [account.uid for account in found if account.kind == "bank"]
            uid = wanted if wanted in uids else next(iter(banks + uids), "")
            if not uid:
                return ReconcileView(found, "")
            return ReconcileView(
                found,
                uid,
                categories.tree(),
                statements.unmatched_lines(uid),
                statements.current(uid),
                statements.imports(uid),
            )

        self._pending = self._tasks.run(load, self._loaded, self._failed)

    def _failed(self, error: BaseException) -> None:
        self._pending = None
        report_problem(self, error)

    def _loaded(self, view: ReconcileView) -> None:
        self._pending = None
        if self._writer.busy:
            return  # read before a write still under way: the read after it follows
        self.view = view
        self._account_uid = view.account_uid
        self.account.blockSignals(True)
        self.account.clear()
        for account in view.accounts:
            self.account.addItem(account.name, account.uid)
        self.account.setCurrentIndex(self.account.findData(view.account_uid))
        self.account.blockSignals(False)
        if view.imports:
            latest = view.imports[0]
            text = _("Last statement brought in: {file}").format(file=embedded(latest.file_name))
            if latest.first_on is not None and latest.last_on is not None:
                text = _("Last statement brought in: {file}, {first} to {last}").format(
                    file=embedded(latest.file_name),
                    first=embedded(format_date(latest.first_on)),
                    last=embedded(format_date(latest.last_on)),
                )
            self.last_import.setText(text)
        elif view.account_uid:
            self.last_import.setText(_("No statement brought in for this account yet."))
        else:
            self.last_import.setText(
                _("No account yet: add the group's bank account under Accounts first.")
            )
        self._show_lines(view.lines)
        self._show_state(view.state)
        if view.account_uid and self._dates_for != view.account_uid:
            # A new account: its last statement's date is the likely one to reconcile.
            self._dates_for = view.account_uid
            last = view.imports[0].last_on if view.imports else None
            self.statement_on.setDate(qdate(last or date.today()))
            self.statement_balance.clear()
            self.start_error.hide()
        self._update_buttons()

    def _show_lines(self, lines: tuple[StatementLineRecord, ...]) -> None:
        chosen = self.selected_line()
        if not self.view.account_uid:
            self.lines_count.setText("")
        elif lines:
            self.lines_count.setText(
                ngettext(
                    "{count} bank line has no entry in the books: match it, or record it.",
                    "{count} bank lines have no entry in the books: match each, or record it.",
                    len(lines),
                ).format(count=format_number(len(lines)))
            )
        elif self.view.imports:
            self.lines_count.setText(_("Every bank line is matched to an entry of the books."))
        else:
            self.lines_count.setText(
                _("Import the bank's statement (CSV) to see its lines here next to the books.")
            )
        self.lines.setRowCount(len(lines))
        for row, line in enumerate(lines):
            money_in, money_out = money_cells(line.amount_cents, self._currency)
            cells = [
                (format_date(line.posted_on), False),
                (line.description, False),
                (line.reference, False),
                (money_in, True),
                (money_out, True),
            ]
            for column, (text, trailing) in enumerate(cells):
                item = _item(text, trailing)
                item.setData(UID_ROLE, line.id)
                self.lines.setItem(row, column, item)
        fit_columns(self.lines, stretched=1)
        ids = [line.id for line in lines]
        if chosen is not None and chosen.id in ids:
            select_row(self.lines, ids.index(chosen.id))

    def _show_state(self, state: ReconciliationState | None) -> None:
        self.state = state
        if state is None:
            self.ticks = {}
            self.entries.setRowCount(0)
            self.pages.setCurrentIndex(0)
            return
        self.pages.setCurrentIndex(1)
        title = _("Statement of {date}: tick each entry the statement shows.").format(
            date=embedded(format_date(state.statement_on))
        )
        if state.last_reconciled_on is not None:
            title += " " + _("Reconciled before up to {date}.").format(
                date=embedded(format_date(state.last_reconciled_on))
            )
        self.work_title.setText(title)
        uids = [entry.uid for entry in state.entries]
        self._filling = True
        if uids == list(self.ticks):
            # The same entries: only the ticks change, and the list keeps its place.
            for row, entry in enumerate(state.entries):
                item = self.entries.item(row, 0)
                if item is not None:
                    item.setCheckState(
                        Qt.CheckState.Checked if entry.cleared else Qt.CheckState.Unchecked
                    )
        else:
            self.entries.setRowCount(len(state.entries))
            for row, entry in enumerate(state.entries):
                tick = QTableWidgetItem()
                tick.setFlags(
                    Qt.ItemFlag.ItemIsEnabled
                    | Qt.ItemFlag.ItemIsSelectable
                    | Qt.ItemFlag.ItemIsUserCheckable
                )
                tick.setCheckState(
                    Qt.CheckState.Checked if entry.cleared else Qt.CheckState.Unchecked
                )
                tick.setData(UID_ROLE, entry.uid)
                self.entries.setItem(row, 0, tick)
                money_in, money_out = money_cells(entry.signed_cents, self._currency)
                cells = [
                    (format_date(entry.entry_date), False),
                    (entry.payee, False),
                    (entry.reference, False),
                    (entry.memo, False),
                    (money_in, True),
                    (money_out, True),
                ]
                for column, (text, trailing) in enumerate(cells, start=1):
                    self.entries.setItem(row, column, _item(text, trailing))
            fit_columns(self.entries, stretched=4)
            header = self.entries.horizontalHeader()
            header.resizeSection(2, min(max(header.sectionSize(2), 160), 320))
        self._filling = False
        self.ticks = {entry.uid: entry.cleared for entry in state.entries}
        self._show_totals()

    def cleared_cents(self) -> int:
        """The cleared balance with the ticks on the screen, some perhaps not written yet."""
        state = self.state
        if state is None:
            return 0
        change = 0
        for entry in state.entries:
            ticked = self.ticks.get(entry.uid, entry.cleared)
            if ticked != entry.cleared:
                change += entry.signed_cents if ticked else -entry.signed_cents
        return state.cleared_balance_cents + change

    def _show_totals(self) -> None:
        state = self.state
        if state is None:
            return
        cleared = self.cleared_cents()
        difference = state.statement_balance_cents - cleared
        self.statement_total.setText(self._money(state.statement_balance_cents))
        self.cleared_total.setText(self._money(cleared))
        # A word as well as the colour: green or red alone says nothing to a colour-blind eye.
        if difference == 0:
            self.difference.setText(_("Balanced"))
            color = BALANCED
        else:
            self.difference.setText(self._money(difference))
            color = PROBLEM
        self.difference.setStyleSheet(f"color: {color.name()};")
        self.finish_button.setEnabled(difference == 0)

    def selected_line(self) -> StatementLineRecord | None:
        rows = self.lines.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.view.lines):
            return None
        return self.view.lines[rows[0].row()]

    def _update_buttons(self) -> None:
        has_account = bool(self.view.account_uid)
        chosen = self.selected_line() is not None
        self.import_button.setEnabled(has_account)
        self.match_button.setEnabled(chosen)
        self.record_button.setEnabled(chosen)
        self.start_button.setEnabled(has_account)

    # --- writing ---------------------------------------------------------------------------------

    def _write(
        self,
        step: Callable[[], object],
        done: Callable[[object], None] | None = None,
        failed: Callable[[CommunityDeskError], None] | None = None,
    ) -> None:
        """Run a service call after the writes asked before it; read everything again after."""

        def succeeded(result: object) -> None:
            if done is not None:
                done(result)
            self.changed.emit()
            self.refresh()

        def refused(error: BaseException) -> None:
            if failed is not None and isinstance(error, CommunityDeskError):
                failed(error)
            else:
                report_problem(self, error)
            self.refresh()

        self._writer.run(lambda _task: step(), succeeded, refused)

    def _push(self, text: str, redo: Callable[[], object], undo: Callable[[], object]) -> None:
        """An undoable change; pushing it makes it (its refusal shown, and nothing to undo)."""
        do, take_back = guarded(redo, undo)
        self.undo_stack.push(
            Change(
                text,
                self,
                redo=lambda: self._write(do),
                undo=lambda: self._write(take_back),
                after=lambda: None,  # the lists are read again once the write is done
            )
        )

    def _account_chosen(self) -> None:
        self._account_uid = str(self.account.currentData() or "")
        self.refresh()

    def import_statement(self) -> None:
        uid = self.view.account_uid
        if not uid:
            return
        dialog = StatementImportDialog(
            self._statements,
            uid,
            self.account.currentText(),
            self._tasks,
            self._currency,
            parent=self,
        )
        dialog.exec()
        if dialog.changed:
            self.changed.emit()
        self.refresh()

    def match_selected(self) -> None:
        line = self.selected_line()
        if line is None or self._opening is not None:
            return
        statements = self._statements
        self._opening = self._tasks.run(
            lambda _task: statements.candidates(line.id),
            lambda found: self._choose_match(line, found),
            self._open_failed,
        )

    def _open_failed(self, error: BaseException) -> None:
        self._opening = None
        report_problem(self, error)
        self.refresh()

    def _choose_match(self, line: StatementLineRecord, found: tuple[ProposedMatch, ...]) -> None:
        self._opening = None
        if not found:
            show_error(
                self,
                _(
                    "No entry of {amount} in {account} is waiting for a bank line. If the books "
                    "do not have it yet, record it as a new entry."
                ).format(
                    amount=embedded(format_money(line.amount_cents, self._currency)),
                    account=self.account.currentText(),
                ),
            )
            return
        dialog = MatchDialog(line, found, self._currency, parent=self)
        if not dialog.exec() or not dialog.chosen:
            return
        statements, line_id, uid = self._statements, line.id, dialog.chosen
        self._push(
            _("match the bank line of {date}").format(date=embedded(format_date(line.posted_on))),
            redo=lambda: statements.match(line_id, uid),
            undo=lambda: statements.unmatch(line_id),
        )

    def record_selected(self) -> None:
        line = self.selected_line()
        if line is None:
            return
        kind = "income" if line.amount_cents > 0 else "expense"
        categories = tuple(c for c in self.view.categories if c.kind == kind)
        others = tuple(a for a in self.view.accounts if a.uid != self.view.account_uid)
        dialog = NewEntryDialog(line, categories, others, self._currency, parent=self)
        if not dialog.exec():
            return
        statements, transactions, line_id = self._statements, self._transactions, line.id
        category, transfer = dialog.category_uid(), dialog.transfer_account_uid()
        payee, memo = dialog.payee.text(), dialog.memo.text()
        made: list[str] = []  # the entry's uid once recorded: undo and redo use it

        def record() -> None:
            if made:
                transactions.restore(made[0])
                return
            entry = statements.create_entry_from_line(
                line_id, category, payee, memo, transfer_account_uid=transfer
            )
            made.append(entry.uid)

        def take_back() -> None:
            if made:
                transactions.delete(made[0])

        self._push(
            _("record the bank line of {date}").format(date=embedded(format_date(line.posted_on))),
            redo=record,
            undo=take_back,
        )

    def start(self) -> None:
        uid = self.view.account_uid
        if not uid or self.state is not None:
            return
        self.start_error.hide()
        self.finished_note.hide()
        try:
            cents = parse_balance(self.statement_balance.text())
        except ValidationError as error:
            self._start_refused(error)
            return
        statements, day = self._statements, to_date(self.statement_on)
        self.start_button.setEnabled(False)
        self._write(
            lambda: statements.start(uid, day, cents),
            done=lambda _state: self.statement_balance.clear(),
            failed=self._start_refused,
        )

    def _start_refused(self, error: CommunityDeskError) -> None:
        self.start_button.setEnabled(bool(self.view.account_uid))
        self.start_error.setText(error.message)
        self.start_error.show()
        if isinstance(error, ValidationError) and error.field == "statement_on":
            self.statement_on.setFocus()
        else:
            self.statement_balance.setFocus()

    def _ticked(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() != 0:
            return
        uid = str(item.data(UID_ROLE) or "")
        if uid not in self.ticks:
            return
        cleared = item.checkState() == Qt.CheckState.Checked
        if self.ticks[uid] == cleared:
            return
        self.ticks[uid] = cleared
        self._show_totals()
        transactions = self._transactions
        self._write(lambda: transactions.set_cleared((uid,), cleared))

    def tick(self, row: int, cleared: bool = True) -> None:
        """Tick (or untick) the entry on this row, as a click on its box does."""
        item = self.entries.item(row, 0)
        if item is not None:
            item.setCheckState(Qt.CheckState.Checked if cleared else Qt.CheckState.Unchecked)

    def finish(self) -> None:
        state = self.state
        if state is None or not self.finish_button.isEnabled():
            return
        statements, uid = self._statements, state.account_uid
        self.finish_button.setEnabled(False)
        self.cancel_button.setEnabled(False)
        self._write(
            lambda: statements.finish(uid),
            done=lambda _state: self._finished(state.statement_on),
            failed=self._finish_refused,
        )

    def _finished(self, statement_on: date) -> None:
        self.cancel_button.setEnabled(True)
        self._dates_for = ""  # the next statement's date is offered afresh
        self.finished_note.setText(
            _(
                "The books agree with the statement of {date}: its entries are reconciled and "
                "stay as they are."
            ).format(date=embedded(format_date(statement_on)))
        )
        self.finished_note.show()

    def _finish_refused(self, error: CommunityDeskError) -> None:
        self.cancel_button.setEnabled(True)
        show_error(self, error)

    def cancel(self) -> None:
        state = self.state
        if state is None:
            return
        statements, uid = self._statements, state.account_uid
        self._write(lambda: statements.cancel(uid))
