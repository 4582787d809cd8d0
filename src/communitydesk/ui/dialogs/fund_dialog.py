"""One restricted fund or grant: what it is for, who gave it, and what the funder expects when.

The deadlines are changed in the form and written with it on Save, so that Cancel leaves both
the fund and its deadlines as they were.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.errors import ValidationError
from communitydesk.core.i18n import _, embedded, format_amount, format_date, format_money
from communitydesk.core.money import parse_money
from communitydesk.services.funds import FundInput, FundRecord, FundService
from communitydesk.ui.dialogs.program_dialog import OptionalDate
from communitydesk.ui.tasks import TaskRunner
from communitydesk.ui.widgets.dates import date_edit, to_date
from communitydesk.ui.widgets.fields import FieldWithError
from communitydesk.ui.widgets.saving_dialog import SavingDialog
from communitydesk.ui.widgets.tables import read_only_table, select_row


@dataclass(frozen=True)
class DeadlineDraft:
    """A deadline as the form holds it; `uid` is empty until it is saved."""

    due_on: date
    what: str
    done_on: date | None = None
    uid: str = ""
    removed: bool = False


def _deadline_steps(
    funds: FundService, before: dict[str, DeadlineDraft], drafts: list[DeadlineDraft]
) -> Callable[[str], None]:
    """The service calls that bring the fund's deadlines from `before` to `drafts`."""

    def apply(fund_uid: str) -> None:
        for draft in drafts:
            if not draft.uid:
                if not draft.removed:
                    added = funds.add_deadline(fund_uid, draft.due_on, draft.what)
                    if draft.done_on is not None:
                        funds.set_deadline_done(added.uid, draft.done_on)
                continue
            if draft.removed:
                funds.remove_deadline(draft.uid)
            elif draft.done_on != before[draft.uid].done_on:
                funds.set_deadline_done(draft.uid, draft.done_on)

    return apply


class FundDialog(SavingDialog):
    """A new fund (no `fund`) or an existing one; `saved` holds the result when accepted."""

    def __init__(
        self,
        funds: FundService,
        tasks: TaskRunner,
        currency: str,
        fund: FundRecord | None = None,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(tasks, parent)
        self._funds = funds
        self._fund = fund
        self._today = today or date.today()
        self.saved: FundRecord | None = None
        current = fund.as_input() if fund else FundInput("")
        self.setWindowTitle(fund.name if fund else _("New fund or grant"))
        self.resize(760, 720)
        example = format_money(500000, currency)

        self.name = QLineEdit(current.name)
        self.name.setPlaceholderText(_("e.g. Seniors' lunch grant, Gift for the library"))
        self.is_grant = QCheckBox(_("This is a grant"))
        self.is_grant.setChecked(current.is_grant)
        self.funder = QLineEdit(current.funder)
        self.funder.setPlaceholderText(_("e.g. City of Ottawa, Trillium Foundation"))
        self.awarded = QLineEdit(
            format_amount(current.awarded_cents) if current.awarded_cents is not None else ""
        )
        self.awarded.setPlaceholderText(_("e.g. {amount}").format(amount=example))
        self.starts_on = OptionalDate(_("From"), current.starts_on, self._today)
        self.ends_on = OptionalDate(_("Until"), current.ends_on, self._today)
        self.purpose = QPlainTextEdit(current.purpose)
        self.purpose.setPlaceholderText(_("What the money is for, in the funder's words"))
        self.purpose.setFixedHeight(64)
        self.conditions = QPlainTextEdit(current.conditions)
        self.conditions.setPlaceholderText(
            _("What it may not pay for, receipts to keep, who must approve spending")
        )
        self.conditions.setFixedHeight(64)
        self.opening = QLineEdit(format_amount(current.opening_cents) if fund else "")
        self.opening.setPlaceholderText(_("Leave empty when nothing was held yet"))
        self.opening.setToolTip(_("Restricted money already held when the books start here"))
        self.closed = QCheckBox(_("Closed: spent and reported, no new entries"))
        self.closed.setChecked(current.closed)

        for key, widget in (
            ("name", self.name),
            ("funder", self.funder),
            ("awarded_cents", self.awarded),
            ("starts_on", self.starts_on),
            ("ends_on", self.ends_on),
            ("purpose", self.purpose),
            ("conditions", self.conditions),
            ("opening_cents", self.opening),
        ):
            self.fields[key] = FieldWithError(widget)
        period = QWidget()
        period_layout = QHBoxLayout(period)
        period_layout.setContentsMargins(0, 0, 0, 0)
        period_layout.addWidget(self.fields["starts_on"])
        period_layout.addSpacing(16)
        period_layout.addWidget(self.fields["ends_on"])
        period_layout.addStretch(1)
        self.grant_box = QGroupBox(_("The grant"))
        grant_form = QFormLayout(self.grant_box)
        grant_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        grant_form.addRow(_("Funder"), self.fields["funder"])
        grant_form.addRow(_("Amount awarded"), self.fields["awarded_cents"])
        grant_form.addRow(_("Period"), period)
        self.is_grant.toggled.connect(self.grant_box.setVisible)
        self.grant_box.setVisible(current.is_grant)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(_("Name"), self.fields["name"])
        form.addRow("", self.is_grant)
        top = QVBoxLayout()
        top.addLayout(form)
        top.addWidget(self.grant_box)
        more = QFormLayout()
        more.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        more.addRow(_("Purpose"), self.fields["purpose"])
        more.addRow(_("Conditions"), self.fields["conditions"])
        more.addRow(_("Opening balance"), self.fields["opening_cents"])
        more.addRow("", self.closed)
        top.addLayout(more)

        # --- deadlines, kept here until Save ---
        self._before = {
            d.uid: DeadlineDraft(d.due_on, d.what, d.done_on, d.uid)
            for d in (fund.deadlines if fund else ())
        }
        self.drafts: list[DeadlineDraft] = sorted(self._before.values(), key=lambda d: d.due_on)
        self.deadlines = read_only_table([_("Due"), _("What"), _("Done")])
        self.deadlines.setWordWrap(False)
        self.deadlines.itemSelectionChanged.connect(self._update_buttons)
        self.due_on = date_edit(self._today)
        self.what = QLineEdit()
        self.what.setPlaceholderText(_("e.g. Interim report, Final report and receipts"))
        # Enter in this field adds the deadline; it must not also save the whole form.
        self.what.installEventFilter(self)
        self.add_button = QPushButton(_("Add deadline"))
        self.add_button.clicked.connect(self.add_deadline)
        self.done_button = QPushButton(_("Mark done"))
        self.done_button.clicked.connect(self.toggle_done)
        self.remove_button = QPushButton(_("Remove"))
        self.remove_button.clicked.connect(self.remove_deadline)
        self.fields["what"] = FieldWithError(self.what)
        adding = QHBoxLayout()
        adding.addWidget(self.due_on)
        adding.addWidget(self.fields["what"], 1)
        adding.addWidget(self.add_button)
        acting = QHBoxLayout()
        acting.addWidget(self.done_button)
        acting.addWidget(self.remove_button)
        acting.addStretch(1)
        deadlines_box = QGroupBox(_("Reports and claims the funder expects"))
        deadlines_layout = QVBoxLayout(deadlines_box)
        deadlines_layout.addWidget(self.deadlines, 1)
        deadlines_layout.addLayout(acting)
        deadlines_layout.addLayout(adding)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(deadlines_box, 1)
        layout.addWidget(self.buttons)
        self._show_deadlines()
        self.name.setFocus()

    # --- deadlines ---------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (
            watched is self.what
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.add_deadline()
            return True
        return super().eventFilter(watched, event)

    def _shown(self) -> list[int]:
        """Indexes in `drafts` of the deadlines the table shows, in its order."""
        return [index for index, draft in enumerate(self.drafts) if not draft.removed]

    def _show_deadlines(self, chosen: int | None = None) -> None:
        shown = self._shown()
        self.deadlines.setRowCount(len(shown))
        for row, index in enumerate(shown):
            draft = self.drafts[index]
            done = (
                _("Done on {date}").format(date=embedded(format_date(draft.done_on)))
                if draft.done_on
                else ""
            )
            for column, text in enumerate((format_date(draft.due_on), draft.what, done)):
                self.deadlines.setItem(row, column, QTableWidgetItem(text))
        self.deadlines.resizeColumnsToContents()
        if chosen is not None and chosen in shown:
            select_row(self.deadlines, shown.index(chosen))
        self._update_buttons()

    def selected_deadline(self) -> int | None:
        rows = self.deadlines.selectionModel().selectedRows()
        return self._shown()[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        index = self.selected_deadline()
        self.done_button.setEnabled(index is not None)
        self.remove_button.setEnabled(index is not None)
        done = index is not None and self.drafts[index].done_on is not None
        self.done_button.setText(_("Not done yet") if done else _("Mark done"))

    def add_deadline(self) -> None:
        what = " ".join(self.what.text().split())
        self.fields["what"].clear_error()
        if not what:
            self.fields["what"].show_error(_("Say what is due, e.g. Interim report."))
            return
        added = DeadlineDraft(to_date(self.due_on), what[:200])
        self.drafts.append(added)
        self.drafts.sort(key=lambda d: d.due_on)
        index = next(i for i, draft in enumerate(self.drafts) if draft is added)
        self.what.clear()
        self._show_deadlines(index)

    def toggle_done(self) -> None:
        index = self.selected_deadline()
        if index is None:
            return
        draft = self.drafts[index]
        self.drafts[index] = replace(
            draft, done_on=None if draft.done_on is not None else self._today
        )
        self._show_deadlines(index)

    def remove_deadline(self) -> None:
        index = self.selected_deadline()
        if index is not None:
            self.drafts[index] = replace(self.drafts[index], removed=True)
            self._show_deadlines()

    # --- saving --------------------------------------------------------------------------------

    def fund_input(self) -> FundInput:
        """What the form says; raises ValidationError for an amount that is not one."""
        grant = self.is_grant.isChecked()
        awarded = self.awarded.text().strip()
        opening = self.opening.text().strip()
        return FundInput(
            name=self.name.text(),
            is_grant=grant,
            funder=self.funder.text() if grant else "",
            awarded_cents=parse_money(awarded, "awarded_cents") if grant and awarded else None,
            starts_on=self.starts_on.value() if grant else None,
            ends_on=self.ends_on.value() if grant else None,
            purpose=self.purpose.toPlainText(),
            conditions=self.conditions.toPlainText(),
            opening_cents=parse_money(opening, "opening_cents") if opening else 0,
            closed=self.closed.isChecked(),
        )

    def save_step(self) -> Callable[[], FundRecord]:
        if self.what.text().strip():
            # A deadline typed but not added: better asked than silently lost.
            raise ValidationError(
                "what", _("Add this deadline with “Add deadline”, or clear it before saving.")
            )
        fund, funds = self.fund_input(), self._funds
        deadlines = _deadline_steps(funds, self._before, list(self.drafts))
        uid = self._fund.uid if self._fund else ""

        def save() -> FundRecord:
            record = funds.update(uid, fund) if uid else funds.create(fund)
            deadlines(record.uid)
            return funds.get(record.uid)

        return save

    def saved_result(self, result: Any) -> None:
        assert isinstance(result, FundRecord)
        self.saved = result
