"""What the books are waiting for, above the Money tabs: recurring entries due and funders'
deadlines coming up, each a link to the tab where it is done. A new treasurer sees at once what
the last one left pending."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QWidget

from communitydesk.core.i18n import format_number, ngettext
from communitydesk.services.funds import UPCOMING_DAYS, FundService
from communitydesk.services.recurring import RecurringService
from communitydesk.ui.tasks import Task, TaskRunner
from communitydesk.ui.widgets.messages import report_problem

# The same horizon as the Funds and grants tab's list of what is due.
DEADLINE_DAYS = UPCOMING_DAYS


@dataclass(frozen=True)
class Waiting:
    recurring_entries: int
    deadlines: int
    late: int


def _link(target: str, text: str) -> str:
    return f'<a href="{target}">{escape(text)}</a>'


class MoneyReminders(QLabel):
    """Emits `go_to` with "recurring" or "funds" when a reminder is clicked."""

    go_to = Signal(str)

    def __init__(
        self,
        recurring: RecurringService,
        funds: FundService,
        tasks: TaskRunner,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._recurring = recurring
        self._funds = funds
        self._tasks = tasks
        self._today = today
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)
        self.linkActivated.connect(self.go_to.emit)
        self.hide()

    def refresh(self) -> None:
        today = self._today

        def count(_task: Task) -> Waiting:
            due = self._recurring.due(today)
            deadlines = self._funds.upcoming_deadlines(today, DEADLINE_DAYS)
            return Waiting(
                len(due),
                len(deadlines),
                sum(1 for deadline in deadlines if deadline.due_on < today),
            )

        self._tasks.run(count, self.show_waiting, lambda error: report_problem(self, error))

    def show_waiting(self, waiting: Waiting) -> None:
        # Rich text takes its direction from its words: the line is told to start on the right
        # in a right-to-left window, as the rest of the window does.
        parts = []
        if waiting.recurring_entries:
            parts.append(
                _link(
                    "recurring",
                    ngettext(
                        "{count} recurring entry is due to be recorded",
                        "{count} recurring entries are due to be recorded",
                        waiting.recurring_entries,
                    ).format(count=format_number(waiting.recurring_entries)),
                )
            )
        if waiting.deadlines and waiting.late:
            parts.append(
                _link(
                    "funds",
                    ngettext(
                        "{count} report or claim for a funder is due within {days} days, "
                        "{late} of them late",
                        "{count} reports or claims for funders are due within {days} days, "
                        "{late} of them late",
                        waiting.deadlines,
                    ).format(
                        count=format_number(waiting.deadlines),
                        days=format_number(DEADLINE_DAYS),
                        late=format_number(waiting.late),
                    ),
                )
            )
        elif waiting.deadlines:
            parts.append(
                _link(
                    "funds",
                    ngettext(
                        "{count} report or claim for a funder is due within {days} days",
                        "{count} reports or claims for funders are due within {days} days",
                        waiting.deadlines,
                    ).format(
                        count=format_number(waiting.deadlines), days=format_number(DEADLINE_DAYS)
                    ),
                )
            )
        where = 'dir="rtl" align="right"' if self.isRightToLeft() else 'dir="ltr"'
        self.setText(f"<div {where}>" + " · ".join(parts) + "</div>")
        self.setVisible(bool(parts))
