"""The budget of a fiscal year, for the whole group, one program or one fund: typed in line by
line, then set against what the books say over the year, the year to date, a month or any dates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import IntEnum

from PySide6.QtCore import QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.errors import ValidationError
from communitydesk.core.i18n import (
    _,
    embedded,
    format_amount,
    format_date,
    format_money,
    left_to_right,
    month_name,
)
from communitydesk.core.money import parse_money
from communitydesk.services.activity_stats import Period
from communitydesk.services.budgets import (
    BudgetLineInput,
    BudgetLineRecord,
    BudgetService,
    Comparison,
    ComparisonRow,
    Scope,
    Totals,
)
from communitydesk.services.categories import CategoryRecord, CategoryService
from communitydesk.services.funds import FundRecord, FundService
from communitydesk.services.money_report_tables import percent_text, percent_used
from communitydesk.services.periods import fiscal_label, fiscal_year, fiscal_year_of, month
from communitydesk.services.programs import ProgramRecord, ProgramService
from communitydesk.ui.tasks import Task, TaskRunner
from communitydesk.ui.undo import BackgroundChanges
from communitydesk.ui.widgets.dates import from_qdate, qdate
from communitydesk.ui.widgets.messages import report_problem, show_error

OVER = QColor("#b00020")
SECTION = QColor("#f0f0f0")
UID_ROLE = Qt.ItemDataRole.UserRole
KINDS = ("income", "expense")
YEARS_AROUND = 3  # years offered before the current one (and one after, to plan ahead)
TRAILING = Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter


def fiscal_year_label(year: int, start_month: int) -> str:
    """'2025' or '2025–2026', kept left to right: in an Arabic line the years would swap."""
    return left_to_right(fiscal_label(year, start_month))


def used_text(part: int, whole: int) -> str:
    """How much of `whole` `part` is, as a percentage ('' without a budget)."""
    percent = percent_used(part, whole)
    return percent_text(percent) if percent is not None else ""


class PeriodChoice(IntEnum):
    YEAR = 0
    TO_DATE = 1
    MONTH = 2
    CUSTOM = 3


class CompareColumn(IntEnum):
    CATEGORY = 0
    BUDGET = 1
    ACTUAL = 2
    VARIANCE = 3
    USED = 4


@dataclass(frozen=True)
class Choices:
    """What the budget can be for, read once off the UI thread."""

    programs: tuple[ProgramRecord, ...]
    funds: tuple[FundRecord, ...]
    years: tuple[int, ...]


@dataclass(frozen=True)
class BudgetView:
    year: int
    scope: Scope
    categories: tuple[CategoryRecord, ...]
    lines: tuple[BudgetLineRecord, ...]  # every line of the year inside the scope


def _bold(item: QTableWidgetItem) -> QTableWidgetItem:
    font = QFont(item.font())
    font.setBold(True)
    item.setFont(font)
    return item


def _fixed(text: str, bold: bool = False, trailing: bool = False) -> QTableWidgetItem:
    """A cell that is read, never edited."""
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if trailing:
        item.setTextAlignment(TRAILING)
    return _bold(item) if bold else item


class BudgetPanel(QWidget):
    """Emits `print_requested` with "budget" or "budget-vs-actual" for the view to print."""

    print_requested = Signal(str)

    def __init__(
        self,
        budgets: BudgetService,
        categories: CategoryService,
        funds: FundService,
        programs: ProgramService,
        tasks: TaskRunner,
        currency: str,
        fiscal_start_month: int,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._budgets = budgets
        self._categories = categories
        self._funds = funds
        self._programs = programs
        self._tasks = tasks
        self._currency = currency
        self._start_month = fiscal_start_month
        self._today = today
        self._choices_task: Task | None = None
        self._budget_task: Task | None = None
        self._compare_task: Task | None = None
        self._copying: Task | None = None
        self._shown_before = False
        # What the views show, for printing them.
        self.budget_view: BudgetView | None = None
        self.comparison: Comparison | None = None
        self._filling = False
        self._started = False  # the views are read once the years and scopes are known
        self._keep_row = ""  # the category whose amount was just typed: stays current

        # --- what to look at ---
        self.year = QComboBox()
        self.scope = QComboBox()
        self.scope.setMinimumContentsLength(24)
        self.scope.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._fill_years(())
        self._fill_scopes(Choices((), (), ()))
        self.year.currentIndexChanged.connect(self._year_changed)
        self.scope.currentIndexChanged.connect(lambda _index: self.refresh_views())
        self.print_button = QPushButton(_("Print…"))
        self.print_button.clicked.connect(self._print)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Fiscal year")))
        top.addWidget(self.year)
        top.addSpacing(12)
        top.addWidget(QLabel(_("For")))
        top.addWidget(self.scope)
        top.addStretch(1)
        top.addWidget(self.print_button)

        # --- the budget ---
        self.budget_note = QLabel()
        self.budget_note.setWordWrap(True)
        self.copy_button = QPushButton(_("Copy last year's budget"))
        self.copy_button.clicked.connect(self.copy_last_year)
        self.changes = BackgroundChanges(self, after=self.refresh_views)
        self.undo_stack, self.undo_button = self.changes.stack, self.changes.button
        self.budget_table = QTableWidget(0, 3)
        self.budget_table.setHorizontalHeaderLabels(
            [_("Category"), _("Budget"), _("Program and fund budgets")]
        )
        self.budget_table.verticalHeader().hide()
        self.budget_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.budget_table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.budget_table.setWordWrap(False)
        header = self.budget_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        # Room to type a large amount without the digits scrolling out of sight.
        self.budget_table.setColumnWidth(1, self.fontMetrics().horizontalAdvance("0" * 16))
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.budget_table.itemChanged.connect(self._amount_typed)
        budget_buttons = QHBoxLayout()
        budget_buttons.addWidget(self.copy_button)
        budget_buttons.addWidget(self.undo_button)
        budget_buttons.addStretch(1)
        budget_page = QWidget()
        budget_layout = QVBoxLayout(budget_page)
        budget_layout.addWidget(self.budget_note)
        budget_layout.addLayout(budget_buttons)
        budget_layout.addWidget(self.budget_table, 1)

        # --- budget against actual ---
        self.period = QComboBox()
        self.period.addItem(_("The whole year"), PeriodChoice.YEAR)
        self.period.addItem(_("The year to date"), PeriodChoice.TO_DATE)
        self.period.addItem(_("A month"), PeriodChoice.MONTH)
        self.period.addItem(_("From… to…"), PeriodChoice.CUSTOM)
        self.month = QComboBox()
        self.start = QDateEdit()
        self.end = QDateEdit()
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(300)
        self._debounce.timeout.connect(self.refresh_comparison)
        self.period.currentIndexChanged.connect(self._period_changed)
        self.month.currentIndexChanged.connect(lambda _index: self.refresh_comparison())
        self.start.dateChanged.connect(self._debounce.start)
        self.end.dateChanged.connect(self._debounce.start)
        self.to_label = QLabel(_("to"))
        period_row = QHBoxLayout()
        period_row.addWidget(QLabel(_("Period")))
        period_row.addWidget(self.period)
        period_row.addWidget(self.month)
        period_row.addWidget(self.start)
        period_row.addWidget(self.to_label)
        period_row.addWidget(self.end)
        period_row.addStretch(1)
        self.compare_note = QLabel()
        self.compare_note.setWordWrap(True)
        self.compare_table = QTableWidget(0, len(CompareColumn))
        self.compare_table.setHorizontalHeaderLabels(
            [_("Category"), _("Budget"), _("Actual"), _("Difference"), _("% used")]
        )
        self.compare_table.verticalHeader().hide()
        self.compare_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.compare_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.compare_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.compare_table.setWordWrap(False)
        compare_header = self.compare_table.horizontalHeader()
        compare_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in list(CompareColumn)[1:]:
            compare_header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        compare_page = QWidget()
        compare_layout = QVBoxLayout(compare_page)
        compare_layout.addLayout(period_row)
        compare_layout.addWidget(self.compare_note)
        compare_layout.addWidget(self.compare_table, 1)

        self.tabs = QTabWidget()
        self.tabs.addTab(budget_page, _("Budget"))
        self.tabs.addTab(compare_page, _("Budget vs actual"))
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self._year_changed()
        self._show_period_fields()
        self.refresh()

    # --- state ---------------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return (
            self._choices_task is not None
            or self._budget_task is not None
            or self._compare_task is not None
            or self._copying is not None
            or self._debounce.isActive()
            or self.changes.busy
        )

    @property
    def current_year(self) -> int:
        return fiscal_year_of(self._today, self._start_month)

    def chosen_year(self) -> int:
        data = self.year.currentData()
        return int(data) if data is not None else self.current_year

    def chosen_scope(self) -> Scope:
        kind, _colon, uid = str(self.scope.currentData() or "").partition(":")
        if kind == "program":
            return Scope(program_uid=uid)
        if kind == "fund":
            return Scope(fund_uid=uid)
        return Scope()

    def chosen_period(self) -> Period:
        """The period the comparison covers, inside the chosen fiscal year."""
        whole = fiscal_year(self.chosen_year(), self._start_month)
        choice = self.period.currentData()
        if choice == PeriodChoice.TO_DATE:
            return Period(whole.start, min(self._today, whole.end))
        if choice == PeriodChoice.MONTH:
            chosen = int(self.month.currentData() or whole.start.year * 100 + whole.start.month)
            return month(chosen // 100, chosen % 100)
        if choice == PeriodChoice.CUSTOM:
            return Period(from_qdate(self.start.date()), from_qdate(self.end.date()))
        return whole

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._shown_before and not event.spontaneous():
            self.refresh()
        self._shown_before = True

    def _print(self) -> None:
        self.print_requested.emit("budget" if self.tabs.currentIndex() == 0 else "budget-vs-actual")

    # --- choices -------------------------------------------------------------------------------

    def _fill_years(self, with_budget: tuple[int, ...]) -> None:
        chosen = self.year.currentData()
        current = self.current_year
        years = set(range(current - YEARS_AROUND, current + 2)) | set(with_budget)
        with QSignalBlocker(self.year):
            self.year.clear()
            for year in sorted(years, reverse=True):
                self.year.addItem(fiscal_year_label(year, self._start_month), year)
            wanted = chosen if chosen is not None else current
            self.year.setCurrentIndex(max(0, self.year.findData(wanted)))

    def _fill_scopes(self, choices: Choices) -> None:
        chosen = self.scope.currentData()
        with QSignalBlocker(self.scope):
            self.scope.clear()
            # "program:uid" or "fund:uid": plain text survives Qt's item data unchanged.
            self.scope.addItem(_("The whole organization"), "")
            for program in choices.programs:
                label = _("Program: {name}").format(name=program.name)
                self.scope.addItem(label, f"program:{program.uid}")
            for fund in choices.funds:
                label = _("Grant: {name}") if fund.is_grant else _("Fund: {name}")
                self.scope.addItem(label.format(name=fund.name), f"fund:{fund.uid}")
            self.scope.setCurrentIndex(max(0, self.scope.findData(chosen)))

    def _year_changed(self) -> None:
        whole = fiscal_year(self.chosen_year(), self._start_month)
        with QSignalBlocker(self.month), QSignalBlocker(self.start), QSignalBlocker(self.end):
            chosen_month = self.month.currentIndex()
            self.month.clear()
            first = whole.start
            for offset in range(12):
                number = (first.month - 1 + offset) % 12 + 1
                year = first.year + (first.month - 1 + offset) // 12
                self.month.addItem(
                    _("{month} {year}").format(month=month_name(number), year=year),
                    year * 100 + number,
                )
            if chosen_month < 0:  # first time: the month of today when it is in the year
                today = self._today.year * 100 + self._today.month
                chosen_month = max(0, self.month.findData(today))
            self.month.setCurrentIndex(chosen_month)
            for edit in (self.start, self.end):
                edit.setDateRange(qdate(whole.start), qdate(whole.end))
            self.start.setDate(qdate(whole.start))
            self.end.setDate(qdate(min(max(self._today, whole.start), whole.end)))
        self.refresh_views()

    def _period_changed(self) -> None:
        self._show_period_fields()
        self.refresh_comparison()

    def _show_period_fields(self) -> None:
        choice = self.period.currentData()
        self.month.setVisible(choice == PeriodChoice.MONTH)
        for widget in (self.start, self.to_label, self.end):
            widget.setVisible(choice == PeriodChoice.CUSTOM)

    # --- reading -------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the choices (years, programs, funds), then both views."""
        if self._choices_task is not None:
            self._choices_task.cancel()
        budgets, funds, programs = self._budgets, self._funds, self._programs

        def load(_task: Task) -> Choices:
            return Choices(programs.programs(), funds.funds(include_closed=True), budgets.years())

        self._choices_task = self._tasks.run(load, self._choices_loaded, self._failed)

    def _choices_loaded(self, choices: Choices) -> None:
        self._choices_task = None
        self._fill_years(choices.years)
        self._fill_scopes(choices)
        self._started = True
        self.refresh_views()

    def refresh_views(self) -> None:
        if not self._started:
            return
        self.refresh_budget()
        self.refresh_comparison()

    def _failed(self, error: BaseException) -> None:
        self._choices_task = self._budget_task = self._compare_task = self._copying = None
        report_problem(self, error)

    def refresh_budget(self) -> None:
        if self._budget_task is not None:
            self._budget_task.cancel()
        year, scope = self.chosen_year(), self.chosen_scope()
        budgets, categories = self._budgets, self._categories

        def load(_task: Task) -> BudgetView:
            return BudgetView(year, scope, categories.tree(), budgets.lines(year, scope))

        self._budget_task = self._tasks.run(load, self._show_budget, self._failed)

    def refresh_comparison(self) -> None:
        self._debounce.stop()
        if not self._started:
            return
        if self._compare_task is not None:
            self._compare_task.cancel()
        year, scope, period = self.chosen_year(), self.chosen_scope(), self.chosen_period()
        whole = fiscal_year(year, self._start_month)
        if period.start > period.end:
            self._compare_task = None
            self._show_comparison(None)
            if period.start > self._today and period.start == whole.start:
                self.compare_note.setText(
                    _("The fiscal year {year} has not started yet.").format(
                        year=fiscal_year_label(year, self._start_month)
                    )
                )
            else:
                self.compare_note.setText(_("The start of the period is after its end."))
            return
        budgets, start_month = self._budgets, self._start_month

        def load(_task: Task) -> Comparison:
            return budgets.compare(year, start_month, period, scope)

        self._compare_task = self._tasks.run(load, self._comparison_loaded, self._failed)

    def _comparison_loaded(self, comparison: Comparison) -> None:
        self._compare_task = None
        self._show_comparison(comparison)

    # --- the budget ----------------------------------------------------------------------------

    def _money(self, cents: int) -> str:
        return left_to_right(format_money(cents, self._currency))

    def _own(self, line: BudgetLineRecord, scope: Scope) -> bool:
        """A line of the scope itself (not of a program or fund inside the whole organization)."""
        return line.program_uid == scope.program_uid and line.fund_uid == scope.fund_uid

    def _show_budget(self, view: BudgetView) -> None:
        self._budget_task = None
        self.budget_view = view
        own: dict[str, BudgetLineRecord] = {}
        others: dict[str, int] = {}
        for line in view.lines:
            if self._own(line, view.scope):
                own[line.category_uid] = line
            else:
                others[line.category_uid] = others.get(line.category_uid, 0) + line.amount_cents
        show_others = bool(others)
        current = self.budget_table.currentItem()
        keep = self._keep_row or (str(current.data(UID_ROLE) or "") if current else "")
        self._keep_row = ""
        rows: list[tuple[str, list[QTableWidgetItem]]] = []
        totals: dict[str, tuple[int, int]] = {}
        for kind in KINDS:
            section = _fixed(_("Income") if kind == "income" else _("Expenses"), bold=True)
            rows.append(("", [section, _fixed(""), _fixed("")]))
            mine = [c for c in view.categories if c.kind == kind]
            own_total = other_total = 0
            for category in mine:
                planned = own.get(category.uid)
                cents = planned.amount_cents if planned else None
                name = _fixed(category.indented_name)
                name.setData(UID_ROLE, category.uid)
                amount = QTableWidgetItem(format_amount(cents) if cents is not None else "")
                amount.setData(UID_ROLE, category.uid)
                amount.setData(UID_ROLE + 1, planned.uid if planned else "")
                amount.setData(UID_ROLE + 2, cents)
                amount.setTextAlignment(TRAILING)
                amount.setToolTip(_("Type an amount, then Enter; leave it empty for no budget"))
                other = others.get(category.uid, 0)
                rows.append(
                    (
                        category.uid,
                        [name, amount, _fixed(self._money(other) if other else "", trailing=True)],
                    )
                )
                own_total += cents or 0
                other_total += other
            totals[kind] = (own_total, other_total)
            total_name = _("Total income") if kind == "income" else _("Total expenses")
            rows.append(
                (
                    "",
                    [
                        _fixed(total_name, bold=True),
                        _fixed(self._money(own_total), bold=True, trailing=True),
                        _fixed(self._money(other_total), bold=True, trailing=True),
                    ],
                )
            )
        net_own = totals["income"][0] - totals["expense"][0]
        net_other = totals["income"][1] - totals["expense"][1]
        rows.append(
            (
                "",
                [
                    _fixed(_("Net (income less expenses)"), bold=True),
                    _fixed(self._money(net_own), bold=True, trailing=True),
                    _fixed(self._money(net_other), bold=True, trailing=True),
                ],
            )
        )
        self._filling = True
        try:
            self.budget_table.setRowCount(len(rows))
            keep_row = -1
            for row, (uid, items) in enumerate(rows):
                for column, item in enumerate(items):
                    if not uid:
                        item.setBackground(QBrush(SECTION))
                    self.budget_table.setItem(row, column, item)
                if uid and uid == keep:
                    keep_row = row
            if keep_row >= 0:
                self.budget_table.setCurrentCell(keep_row, 1)
        finally:
            self._filling = False
        self.budget_table.setColumnHidden(2, not show_others)
        label = fiscal_year_label(view.year, self._start_month)
        scope_name = self.scope.currentText()
        if view.scope == Scope():
            text = _(
                "The budget of {year} for the whole organization. Type an amount beside a "
                "category and press Enter."
            ).format(year=label)
            if show_others:
                text += " " + _(
                    "Programs and funds have budgets of their own, shown beside; Budget vs "
                    "actual adds them all together."
                )
        else:
            text = _(
                "The budget of {year} for {scope}. Type an amount beside a category and press "
                "Enter."
            ).format(year=label, scope=embedded(scope_name))
        self.budget_note.setText(text)

    def _amount_typed(self, item: QTableWidgetItem) -> None:
        if self._filling or self.budget_view is None or item.column() != 1:
            return
        uid = str(item.data(UID_ROLE) or "")
        if not uid:
            return
        line_uid = str(item.data(UID_ROLE + 1) or "")
        before = item.data(UID_ROLE + 2)
        before_cents = int(before) if before is not None else None
        text = item.text().strip()
        try:
            cents = parse_money(text, "amount") if text else None
        except ValidationError as error:
            self._put_back(item, before_cents)
            show_error(self, error)
            return
        if cents == before_cents:
            self._put_back(item, before_cents)  # "1200" shown again as "1,200.00"
            return
        view, budgets = self.budget_view, self._budgets
        year, scope = view.year, view.scope
        name_item = self.budget_table.item(item.row(), 0)
        name = name_item.text().strip() if name_item is not None else ""
        self._keep_row = uid
        made: list[str] = [line_uid]  # the line's uid once written, for undo and redo

        def line(amount: int) -> BudgetLineInput:
            return BudgetLineInput(uid, amount, scope.program_uid, scope.fund_uid)

        def redo() -> None:
            if cents is None:
                budgets.remove_line(made[0])
            else:
                made[0] = budgets.set_line(year, line(cents))

        def undo() -> None:
            if before_cents is None:
                budgets.remove_line(made[0])
            elif cents is None:
                budgets.restore_line(made[0])
            else:
                budgets.set_line(year, line(before_cents))

        self.changes.push(_("budget of {name}").format(name=name), redo=redo, undo=undo)

    def _put_back(self, item: QTableWidgetItem, cents: int | None) -> None:
        self._filling = True
        try:
            item.setText(format_amount(cents) if cents is not None else "")
        finally:
            self._filling = False

    def copy_last_year(self) -> None:
        if self._copying is not None:
            return
        target, budgets = self.chosen_year(), self._budgets

        def check(_task: Task) -> tuple[int, bool]:
            return target, bool(budgets.lines(target))

        self._copying = self._tasks.run(check, self._copy_checked, self._failed)

    def _copy_checked(self, checked: tuple[int, bool]) -> None:
        self._copying = None
        (target, has_budget), budgets = checked, self._budgets
        source = target - 1
        if has_budget:
            answer = QMessageBox.question(
                self,
                _("Copy last year's budget"),
                _(
                    "{target} already has a budget. Replace all of it, programs and funds "
                    "included, with the budget of {source}?"
                ).format(
                    source=fiscal_year_label(source, self._start_month),
                    target=fiscal_year_label(target, self._start_month),
                ),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self._copying = self._tasks.run(
            lambda _task: budgets.copy_year(source, target, has_budget), self._copied, self._failed
        )

    def _copied(self, _count: int) -> None:
        self._copying = None
        self.refresh()

    # --- budget against actual -----------------------------------------------------------------

    def _show_comparison(self, comparison: Comparison | None) -> None:
        self.comparison = comparison
        table = self.compare_table
        table.setRowCount(0)
        if comparison is None:
            return
        period = comparison.period
        self.compare_note.setText(
            _("From {start} to {end}. {scope}.").format(
                start=embedded(format_date(period.start)),
                end=embedded(format_date(period.end)),
                scope=embedded(self.scope.currentText()),
            )
        )
        rows: list[list[QTableWidgetItem]] = []
        for kind, lines, total in (
            ("income", comparison.income, comparison.income_total),
            ("expense", comparison.expense, comparison.expense_total),
        ):
            title = _("Income") if kind == "income" else _("Expenses")
            rows.append([_fixed(title, bold=True)] + [_fixed("") for _c in range(4)])
            if not lines:
                rows.append(
                    [_fixed(_("Nothing budgeted or recorded"))] + [_fixed("") for _c in range(4)]
                )
            for line in lines:
                rows.append(self._comparison_cells(line, kind))
            total_name = _("Total income") if kind == "income" else _("Total expenses")
            rows.append(self._total_cells(total_name, total, kind))
        rows.append(self._total_cells(_("Net (income less expenses)"), comparison.net, "net"))
        table.setRowCount(len(rows))
        for row, items in enumerate(rows):
            bold = items[0].font().bold()
            for column, item in enumerate(items):
                if bold:
                    item.setBackground(QBrush(SECTION))
                table.setItem(row, column, item)

    def _over(self, kind: str, budget: int, actual: int) -> bool:
        return kind == "expense" and actual > budget

    def _variance_text(self, kind: str, budget: int, actual: int) -> str:
        variance = actual - budget
        amount = self._money(variance)
        if variance > 0:
            amount = left_to_right("+" + format_money(variance, self._currency))
        if self._over(kind, budget, actual):
            # A word and a sign as well as the colour, for whoever cannot tell red apart.
            return _("▲ {amount} over budget").format(amount=amount)
        return amount

    def _comparison_cells(self, line: ComparisonRow, kind: str) -> list[QTableWidgetItem]:
        cells = [
            _fixed("    " * line.depth + line.name),
            _fixed(self._money(line.budget_cents), trailing=True),
            _fixed(self._money(line.actual_cents), trailing=True),
            _fixed(self._variance_text(kind, line.budget_cents, line.actual_cents), trailing=True),
            _fixed(used_text(line.actual_cents, line.budget_cents), trailing=True),
        ]
        cells[0].setData(UID_ROLE, line.category_uid)
        if self._over(kind, line.budget_cents, line.actual_cents):
            for column in (CompareColumn.VARIANCE, CompareColumn.USED):
                cells[column].setForeground(QBrush(OVER))
        return cells

    def _total_cells(self, name: str, total: Totals, kind: str) -> list[QTableWidgetItem]:
        cells = [
            _fixed(name, bold=True),
            _fixed(self._money(total.budget_cents), bold=True, trailing=True),
            _fixed(self._money(total.actual_cents), bold=True, trailing=True),
            _fixed(
                self._variance_text(kind, total.budget_cents, total.actual_cents),
                bold=True,
                trailing=True,
            ),
            _fixed(
                used_text(total.actual_cents, total.budget_cents) if kind != "net" else "",
                bold=True,
                trailing=True,
            ),
        ]
        if self._over(kind, total.budget_cents, total.actual_cents):
            for column in (CompareColumn.VARIANCE, CompareColumn.USED):
                cells[column].setForeground(QBrush(OVER))
        return cells
