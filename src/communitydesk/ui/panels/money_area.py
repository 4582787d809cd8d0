"""The Money area: the treasurer's tabs, in the order of the work (entries first, the settings
of the books last), under a line of what the books are waiting for.

Each tab reads the books again when shown: another tab may have changed them.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from communitydesk.core.i18n import _
from communitydesk.services.access import can_keep_books, can_reopen_books
from communitydesk.services.context import Services
from communitydesk.services.organization import OrganizationProfile
from communitydesk.services.periods import fiscal_year
from communitydesk.ui.panels.money_accounts import AccountsPanel
from communitydesk.ui.panels.money_budget import BudgetPanel
from communitydesk.ui.panels.money_categories import CategoriesPanel
from communitydesk.ui.panels.money_closing import ClosedPeriodsPanel
from communitydesk.ui.panels.money_funds import FundsPanel
from communitydesk.ui.panels.money_receipts import ReceiptsPanel
from communitydesk.ui.panels.money_reconcile import ReconcilePanel
from communitydesk.ui.panels.money_recurring import RecurringPanel
from communitydesk.ui.panels.money_register import RegisterPanel
from communitydesk.ui.panels.money_reports import ReportChoice, ReportsPanel
from communitydesk.ui.tasks import TaskRunner
from communitydesk.ui.widgets.money_reminders import MoneyReminders


class MoneyArea(QWidget):
    def __init__(
        self,
        services: Services,
        tasks: TaskRunner,
        profile: OrganizationProfile,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        s = services
        currency = profile.currency
        self._fiscal_month = profile.fiscal_year_start_month
        today = today or date.today()
        current = s.profiles.current
        self.register = RegisterPanel(
            s.transactions,
            s.accounts,
            s.categories,
            s.funds,
            s.programs,
            s.people,
            tasks,
            currency,
            self._fiscal_month,
        )
        self.budget = BudgetPanel(
            s.budgets, s.categories, s.funds, s.programs, tasks, currency, self._fiscal_month, today
        )
        self.funds = FundsPanel(s.funds, tasks, currency)
        self.recurring = RecurringPanel(
            s.recurring,
            s.transactions,
            s.accounts,
            s.categories,
            s.funds,
            s.programs,
            s.people,
            tasks,
            currency,
            today,
        )
        self.reports = ReportsPanel(s.money_reports, s.funds, s.programs, tasks, self._fiscal_month)
        self.tabs = QTabWidget()
        for panel, title in (
            (self.register, _("Money in and out")),
            (AccountsPanel(s.accounts, tasks, currency), _("Accounts")),
            (self.budget, _("Budget")),
            (self.funds, _("Funds and grants")),
            (
                ReconcilePanel(
                    s.statements, s.transactions, s.accounts, s.categories, tasks, currency
                ),
                _("Bank statements"),
            ),
            (self.recurring, _("Recurring")),
            (ReceiptsPanel(s.donation_receipts, tasks, currency), _("Donation receipts")),
            (self.reports, _("Reports")),
            (CategoriesPanel(s.categories, tasks), _("Categories")),
            (
                ClosedPeriodsPanel(
                    s.closed_periods,
                    tasks,
                    self._fiscal_month,
                    can_reopen_books(current.role if current else None),
                ),
                _("Closed periods"),
            ),
        ):
            self.tabs.addTab(panel, title)
        self.reminders = MoneyReminders(s.recurring, s.funds, tasks, today)
        places = {"recurring": self.recurring, "funds": self.funds}
        self.reminders.go_to.connect(lambda key: self.tabs.setCurrentWidget(places[key]))
        self.tabs.currentChanged.connect(self.refresh_shown)
        self.budget.print_requested.connect(self.print_budget)
        # The books refuse anyone else's changes anyway; this says so before anyone tries.
        self.look_only = QLabel(
            _(
                "You can look at the books; the treasurer and the group leader change them. "
                "Switch user (File menu) to keep the books."
            )
        )
        self.look_only.setWordWrap(True)
        self.look_only.setVisible(not can_keep_books(current.role if current else None))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.look_only)
        layout.addWidget(self.reminders)
        layout.addWidget(self.tabs, 1)
        self.refresh_shown(0)

    def refresh_shown(self, index: int) -> None:
        refresh = getattr(self.tabs.widget(index), "refresh", None)
        if callable(refresh):
            refresh()
        self.reminders.refresh()  # what was just done in a tab may settle a reminder

    def print_budget(self, key: str) -> None:
        """The Budget tab's Print: the same report, previewed from the Reports tab."""
        year, scope = self.budget.chosen_year(), self.budget.chosen_scope()
        period = self.budget.chosen_period() if key == "budget-vs-actual" else None
        self.tabs.setCurrentWidget(self.reports)
        self.reports.choose(
            ReportChoice(
                key.replace("-", "_"),
                year,
                period or fiscal_year(year, self._fiscal_month),
                scope,
            )
        )
        self.reports.preview()
