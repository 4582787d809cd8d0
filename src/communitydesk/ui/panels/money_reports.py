"""The treasurer's reports: choose one, its year or period and what part of the books, then
preview it as it will print, print it, or save it as PDF or CSV.

Reports are made on the task runner: a year's transaction list can take seconds to lay out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Final

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.i18n import N_, _, left_to_right
from communitydesk.reports.document import Document
from communitydesk.services.activity_stats import Period
from communitydesk.services.budgets import Scope
from communitydesk.services.funds import FundService
from communitydesk.services.money_reports import MoneyReport, MoneyReportService
from communitydesk.services.periods import fiscal_label, fiscal_year, fiscal_year_of
from communitydesk.services.programs import ProgramService
from communitydesk.services.transactions import TransactionFilter
from communitydesk.ui.printing import PdfPreview, draft_file
from communitydesk.ui.tasks import Task, TaskRunner
from communitydesk.ui.widgets.dates import from_qdate, qdate
from communitydesk.ui.widgets.messages import report_problem

YEARS_BACK: Final = 6


@dataclass(frozen=True)
class ReportKind:
    key: str
    title: str
    purpose: str
    uses_scope: bool = False  # a program or a fund may narrow it
    uses_period: bool = True  # part of the year, not only the whole of it


REPORTS: Final = (
    ReportKind(
        "treasurer",
        N_("Treasurer's annual report"),
        N_(
            "For the members' meeting: budget against actual, income and expenses, funds and "
            "grants, accounts and volunteer time, in one document."
        ),
        uses_period=False,
    ),
    ReportKind(
        "budget",
        N_("Budget"),
        N_("The year's budget beside last year's actual, with room for notes on paper."),
        uses_scope=True,
        uses_period=False,
    ),
    ReportKind(
        "budget_vs_actual",
        N_("Budget against actual"),
        N_("Each category's budget, what the books show, the difference and how much is used."),
        uses_scope=True,
    ),
    ReportKind(
        "income_expense",
        N_("Income and expenses"),
        N_("What came in and went out, by category, with the surplus or deficit."),
        uses_scope=True,
    ),
    ReportKind(
        "funds",
        N_("Funds and grants"),
        N_("What each restricted fund and grant received, spent and holds, apart from the rest."),
    ),
    ReportKind(
        "grant",
        N_("Grant report"),
        N_("One grant for its funder: the award, its budget against spending, every entry."),
    ),
    ReportKind(
        "accounts",
        N_("Account balances"),
        N_("What each account held at the start, what came in and went out, and what it holds."),
    ),
    ReportKind(
        "transactions",
        N_("Transaction list"),
        N_("Every entry of the period, with its categories, reference and account."),
    ),
    ReportKind(
        "in_kind",
        N_("Volunteer time as an in-kind contribution"),
        N_("Volunteer hours valued at what the organization counts an hour as worth."),
    ),
)
PERIODS: Final = {
    "year": N_("The whole fiscal year"),
    "to_date": N_("The fiscal year to date"),
    "custom": N_("From … to …"),
}


@dataclass(frozen=True)
class ReportChoice:
    key: str
    year: int
    period: Period
    scope: Scope = field(default_factory=Scope)
    by_program: bool = False


def make_report(
    reports: MoneyReportService, choice: ReportChoice, fiscal_start_month: int
) -> MoneyReport:
    """The report asked for (on the task runner: it reads the books)."""
    key, year, period, scope = choice.key, choice.year, choice.period, choice.scope
    whole = fiscal_year(year, fiscal_start_month)
    part = None if period == whole else period
    if key == "treasurer":
        return reports.treasurer(year, fiscal_start_month)
    if key == "budget":
        return reports.budget(year, fiscal_start_month, scope, by_program=choice.by_program)
    if key == "budget_vs_actual":
        return reports.budget_vs_actual(year, fiscal_start_month, part, scope)
    if key == "income_expense":
        return reports.income_expense(year, fiscal_start_month, part, scope)
    if key == "funds":
        return reports.funds(period.end, period.start)
    if key == "accounts":
        return reports.accounts(period.end, period.start)
    if key == "grant":
        return reports.grant(scope.fund_uid, period)
    if key == "transactions":
        return reports.transactions(TransactionFilter(start=period.start, end=period.end))
    if key == "in_kind":
        return reports.in_kind(period)
    raise ValueError(f"unknown report {key!r}")


class ReportsPanel(QWidget):
    def __init__(
        self,
        reports: MoneyReportService,
        funds: FundService,
        programs: ProgramService,
        tasks: TaskRunner,
        fiscal_start_month: int,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._reports = reports
        self._funds = funds
        self._programs = programs
        self._tasks = tasks
        self._fiscal_start_month = fiscal_start_month
        self._today = today or date.today()
        self.preview_dialog: PdfPreview | None = None
        self.saved_to: Path | None = None

        self.choices = QListWidget()
        for kind in REPORTS:
            item = QListWidgetItem(_(kind.title))
            item.setData(Qt.ItemDataRole.UserRole, kind.key)
            item.setToolTip(_(kind.purpose))
            self.choices.addItem(item)
        self.choices.setMaximumWidth(340)
        self.choices.setWordWrap(True)  # long titles in French and Arabic wrap, never cut
        self.choices.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.purpose = QLabel()
        self.purpose.setWordWrap(True)

        current = fiscal_year_of(self._today, fiscal_start_month)
        self.year = QComboBox()
        for year in range(current, current - YEARS_BACK, -1):
            self.year.addItem(left_to_right(fiscal_label(year, fiscal_start_month)), year)
        self.period = QComboBox()
        for key, label in PERIODS.items():
            self.period.addItem(_(label), key)
        self.start = QDateEdit()
        self.end = QDateEdit()
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
        self.program = QComboBox()
        self.fund = QComboBox()
        self.by_program = QCheckBox(_("One column per program, across the page"))

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(_("Fiscal year"), self.year)
        form.addRow(_("Period"), self.period)
        dates = QHBoxLayout()
        dates.addWidget(self.start)
        dates.addWidget(QLabel(_("to")))
        dates.addWidget(self.end)
        dates.addStretch(1)
        self.dates_row = QWidget()
        self.dates_row.setLayout(dates)
        dates.setContentsMargins(0, 0, 0, 0)
        form.addRow("", self.dates_row)
        form.addRow(_("Program"), self.program)
        form.addRow(_("Fund or grant"), self.fund)
        form.addRow("", self.by_program)
        self.form = form

        self.preview_button = QPushButton(_("Preview and print…"))
        self.preview_button.setDefault(True)
        self.csv_button = QPushButton(_("Save as CSV…"))
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.csv_button)
        buttons.addStretch(1)

        options = QVBoxLayout()
        options.addWidget(self.purpose)
        options.addLayout(form)
        options.addLayout(buttons)
        options.addWidget(self.notice)
        options.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addWidget(self.choices)
        layout.addLayout(options, 1)

        self.choices.currentRowChanged.connect(self._chosen)
        self.year.currentIndexChanged.connect(self._year_changed)
        self.period.currentIndexChanged.connect(self._period_changed)
        self.fund.currentIndexChanged.connect(self._chosen)
        self.preview_button.clicked.connect(self.preview)
        self.csv_button.clicked.connect(self.ask_and_save_csv)
        self.choices.setCurrentRow(0)
        self._year_changed()

    # --- choosing ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the programs and funds again (they may have changed in their own tabs)."""

        def load(_task: Task) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
            programs = [(p.uid, p.name) for p in self._programs.programs()]
            funds = [(f.uid, f.name) for f in self._funds.funds(include_closed=True)]
            return programs, funds

        def show(found: tuple[list[tuple[str, str]], list[tuple[str, str]]]) -> None:
            programs, funds = found
            for combo, rows, everything in (
                (self.program, programs, _("Every program")),
                (self.fund, funds, _("Every fund")),
            ):
                chosen = combo.currentData()
                combo.clear()
                combo.addItem(everything, "")
                for uid, name in rows:
                    combo.addItem(name, uid)
                combo.setCurrentIndex(max(combo.findData(chosen), 0))
            self._chosen()

        self._tasks.run(load, show, self._failed)

    def kind(self) -> ReportKind:
        key = self.choices.currentItem().data(Qt.ItemDataRole.UserRole)
        return next(kind for kind in REPORTS if kind.key == key)

    def choice(self) -> ReportChoice:
        year = int(self.year.currentData())
        whole = fiscal_year(year, self._fiscal_start_month)
        period = whole
        chosen = self.period.currentData()
        kind = self.kind()
        if kind.uses_period and chosen == "to_date":
            period = Period(whole.start, min(max(self._today, whole.start), whole.end))
        elif kind.uses_period and chosen == "custom":
            period = Period(from_qdate(self.start.date()), from_qdate(self.end.date()))
        return ReportChoice(
            kind.key,
            year,
            period,
            Scope(
                program_uid=str(self.program.currentData() or "") if kind.uses_scope else "",
                fund_uid=str(self.fund.currentData() or "")
                if kind.uses_scope or kind.key == "grant"
                else "",
            ),
            by_program=self.by_program.isChecked() and kind.key == "budget",
        )

    def choose(self, choice: ReportChoice) -> None:
        """Show these options (the budget tab's Print asks for its own year and scope)."""
        for row in range(self.choices.count()):
            if self.choices.item(row).data(Qt.ItemDataRole.UserRole) == choice.key:
                self.choices.setCurrentRow(row)
        self.year.setCurrentIndex(max(self.year.findData(choice.year), 0))
        whole = fiscal_year(choice.year, self._fiscal_start_month)
        if choice.period == whole:
            self.period.setCurrentIndex(self.period.findData("year"))
        else:
            self.period.setCurrentIndex(self.period.findData("custom"))
            self.start.setDate(qdate(choice.period.start))
            self.end.setDate(qdate(choice.period.end))
        for combo, uid in (
            (self.program, choice.scope.program_uid),
            (self.fund, choice.scope.fund_uid),
        ):
            index = combo.findData(uid)
            if index < 0 and uid:
                combo.addItem(uid, uid)  # shown properly once the lists are read
                index = combo.count() - 1
            combo.setCurrentIndex(max(index, 0))
        self.by_program.setChecked(choice.by_program)

    def _chosen(self) -> None:
        if self.choices.currentItem() is None:
            return
        kind = self.kind()
        self.purpose.setText(_(kind.purpose))
        self.form.setRowVisible(self.period, kind.uses_period)
        self.form.setRowVisible(self.program, kind.uses_scope)
        self.form.setRowVisible(self.fund, kind.uses_scope or kind.key == "grant")
        self.form.setRowVisible(self.by_program, kind.key == "budget")
        self._period_changed()
        grant_missing = kind.key == "grant" and not self.fund.currentData()
        self.preview_button.setEnabled(not grant_missing)
        self.csv_button.setEnabled(not grant_missing)
        self.notice.setText(_("Choose the grant to report on.") if grant_missing else "")

    def _year_changed(self) -> None:
        if self.year.currentData() is None:
            return
        whole = fiscal_year(int(self.year.currentData()), self._fiscal_start_month)
        for edit in (self.start, self.end):
            edit.setDateRange(qdate(whole.start), qdate(whole.end))
        self.start.setDate(qdate(whole.start))
        self.end.setDate(qdate(min(max(self._today, whole.start), whole.end)))

    def _period_changed(self) -> None:
        custom = self.period.currentData() == "custom" and self.kind().uses_period
        self.form.setRowVisible(self.dates_row, custom)

    # --- making ---------------------------------------------------------------------------------

    def preview(self) -> None:
        """Make the PDF on the task runner, then show it as it will print."""
        choice = self.choice()
        self._busy(_("Preparing the report…"))

        def make(_task: Task) -> tuple[Document, Path]:
            report = make_report(self._reports, choice, self._fiscal_start_month)
            draft = draft_file(lambda target: self._reports.write(report, target))
            return report.document(), draft

        def show(made: tuple[Document, Path]) -> None:
            self._done("")
            self.preview_dialog = PdfPreview(*made, parent=self)
            self.preview_dialog.open()

        self._tasks.run(make, show, self._failed)

    def ask_and_save_csv(self) -> None:
        choice = self.choice()
        target, _filter = QFileDialog.getSaveFileName(
            self,
            _("Save as CSV"),
            str(Path.home() / f"{choice.key.replace('_', '-')}-{choice.year}.csv"),
            _("CSV file (*.csv)"),
        )
        if target:
            self.save_csv(choice, Path(target))

    def save_csv(self, choice: ReportChoice, target: Path) -> None:
        if target.suffix.lower() != ".csv":
            target = target.with_suffix(".csv")
        self._busy(_("Preparing the report…"))

        def make(_task: Task) -> Path:
            report = make_report(self._reports, choice, self._fiscal_start_month)
            return self._reports.write(report, target)

        def saved(path: Path) -> None:
            self.saved_to = path
            self._done(_("Saved to {path}").format(path=path))

        self._tasks.run(make, saved, self._failed)

    def _busy(self, text: str) -> None:
        self.preview_button.setEnabled(False)
        self.csv_button.setEnabled(False)
        self.notice.setText(text)

    def _done(self, text: str) -> None:
        self.preview_button.setEnabled(True)
        self.csv_button.setEnabled(True)
        self.notice.setText(text)

    def _failed(self, error: BaseException) -> None:
        self._done("")
        report_problem(self, error)
