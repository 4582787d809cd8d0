"""A recurring entry (the monthly rent): its name, how often it comes back, its next and last
dates, and the entry to record each time, typed in the same form as any entry of the books.

The form is the entry form itself (`TransactionDialog`) with the recurring fields added on top;
its Save keeps the entry as the recurring entry's template instead of recording it. Receipts and
the cleared mark belong to each recorded entry, not to the template, and are not shown.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from communitydesk.core.i18n import _
from communitydesk.services.people import PeopleService
from communitydesk.services.recurring import EVERY_NAMES, RecurringRecord, RecurringService
from communitydesk.services.transactions import (
    SplitRecord,
    TransactionRecord,
    TransactionService,
    check_input,
)
from communitydesk.ui.dialogs.transaction_dialog import MoneyChoices, TransactionDialog
from communitydesk.ui.tasks import TaskRunner
from communitydesk.ui.widgets.dates import date_edit, qdate, to_date
from communitydesk.ui.widgets.fields import FieldWithError


def template_record(
    entry: RecurringRecord, choices: MoneyChoices, payee_name: str = ""
) -> TransactionRecord:
    """The template as an entry the form can show, dated on the next date due; names come
    from the lists the form offers (`payee_name` is the person's, for someone on the roster)."""
    template = entry.template
    accounts = {account.uid: account.name for account in choices.accounts}
    categories = {category.uid: category.name for category in choices.categories}
    programs = {program.uid: program.name for program in choices.programs}
    funds = {fund.uid: fund.name for fund in choices.funds}
    return TransactionRecord(
        uid="",
        entry_date=entry.next_on,
        kind=template.kind,
        amount_cents=template.amount_cents,
        account_uid=template.account_uid,
        account_name=accounts.get(template.account_uid, ""),
        to_account_uid=template.to_account_uid,
        to_account_name=accounts.get(template.to_account_uid, ""),
        person_uid=template.person_uid,
        payee=payee_name if template.person_uid else template.payee,
        memo=template.memo,
        reference=template.reference,
        cleared=template.cleared,
        splits=tuple(
            SplitRecord(
                category_uid=split.category_uid,
                amount_cents=split.amount_cents,
                program_uid=split.program_uid,
                fund_uid=split.fund_uid,
                memo=split.memo,
                category_name=categories.get(split.category_uid, _("a retired category")),
                program_name=programs.get(split.program_uid, ""),
                fund_name=funds.get(split.fund_uid, ""),
            )
            for split in template.splits
        ),
    )


class RecurringDialog(TransactionDialog):
    """A new recurring entry (no `entry`) or an existing one; `saved_entry` holds the result
    when accepted."""

    _recurring_title = ""  # read by _kind_changed, which the entry form calls while it is built

    def __init__(
        self,
        recurring: RecurringService,
        transactions: TransactionService,
        people: PeopleService,
        tasks: TaskRunner,
        currency: str,
        choices: MoneyChoices,
        entry: RecurringRecord | None = None,
        payee_name: str = "",
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            transactions,
            people,
            tasks,
            currency,
            choices,
            kind=entry.kind if entry else "expense",
            record=template_record(entry, choices, payee_name) if entry else None,
            parent=parent,
        )
        self._recurring = recurring
        self._entry = entry
        self.saved_entry: RecurringRecord | None = None
        if entry is None:
            self.entry_date.setDate(qdate(today or date.today()))

        self.name = QLineEdit(entry.name if entry else "")
        self.name.setPlaceholderText(_("e.g. Monthly hall rent"))
        self.name.setMaxLength(200)
        self.name.setMinimumWidth(360)
        self.every = QComboBox()
        for key, label in EVERY_NAMES.items():
            self.every.addItem(_(label), key)
        self.every.setCurrentIndex(self.every.findData(entry.every if entry else "monthly"))
        self.has_end = QCheckBox(_("Last date"))
        self.has_end.setToolTip(_("Leave unticked for an entry that comes back until stopped"))
        first = entry.next_on if entry else (today or date.today())
        self.ends_on = date_edit(entry.ends_on if entry and entry.ends_on else first)
        self.has_end.setChecked(entry is not None and entry.ends_on is not None)
        self.ends_on.setEnabled(self.has_end.isChecked())
        self.has_end.toggled.connect(self.ends_on.setEnabled)
        ends = QWidget()
        ends_row = QHBoxLayout(ends)
        ends_row.setContentsMargins(0, 0, 0, 0)
        ends_row.addWidget(self.has_end)
        ends_row.addWidget(self.ends_on)
        ends_row.addStretch(1)
        self.active = QCheckBox(_("Active: offered when due (untick to pause it)"))
        self.active.setChecked(entry.active if entry else True)

        self.fields["name"] = FieldWithError(self.name)
        self.fields["every"] = FieldWithError(self.every)
        self.fields["ends_on"] = FieldWithError(ends)
        self.fields["active"] = FieldWithError(self.active)
        self.fields["next_on"] = self.fields["entry_date"]  # the service's name for the date
        self.form.insertRow(0, _("Name"), self.fields["name"])
        self.form.insertRow(1, _("How often"), self.fields["every"])
        date_label = self.form.labelForField(self.fields["entry_date"])
        if isinstance(date_label, QLabel):
            date_label.setText(_("Next date"))
        row = self._row_of(self.fields["entry_date"])
        self.form.insertRow(row + 1, "", self.fields["ends_on"])
        self.form.insertRow(row + 2, "", self.fields["active"])
        self.form.setRowVisible(self.fields["active"], entry is not None)
        self._hide_entry_only_rows()

        self._recurring_title = (
            _("Recurring entry: {name}").format(name=entry.name)
            if entry
            else _("New recurring entry")
        )
        self.setWindowTitle(self._recurring_title)
        QWidget.setTabOrder(self.name, self.every)
        QWidget.setTabOrder(self.every, self.kind)
        self.resize(self.width(), self.sizeHint().height())
        self.name.setFocus()

    def _row_of(self, field: QWidget) -> int:
        for row in range(self.form.rowCount()):
            item = self.form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if item is not None and item.widget() is field:
                return row
        return self.form.rowCount() - 1

    def _hide_entry_only_rows(self) -> None:
        """The cleared mark and the receipts are each recorded entry's own."""
        hidden = (self.fields["cleared"], self.receipts)
        layout = self.layout()
        for index in range(layout.count() if layout is not None else 0):
            item = layout.itemAt(index) if layout is not None else None
            form = item.layout() if item is not None else None
            if not isinstance(form, QFormLayout) or form is self.form:
                continue
            for row in range(form.rowCount()):
                item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
                inner = item.layout() if item is not None else None
                widget = item.widget() if item is not None else None
                if widget in hidden or (
                    inner is not None and any(inner.indexOf(w) >= 0 for w in hidden)
                ):
                    form.setRowVisible(row, False)
        for field in hidden:  # whatever the entry form's layout becomes, they stay out of sight
            field.hide()

    def _kind_changed(self) -> None:
        super()._kind_changed()
        if self._recurring_title:
            self.setWindowTitle(self._recurring_title)

    def save_step(self) -> Callable[[], Any]:
        entry = check_input(self.entry())
        name, every = self.name.text(), str(self.every.currentData())
        ends_on = to_date(self.ends_on) if self.has_end.isChecked() else None
        recurring, next_on = self._recurring, entry.entry_date
        if self._entry is None:
            return lambda: recurring.create(name, every, next_on, entry, ends_on)
        uid, active = self._entry.uid, self.active.isChecked()
        return lambda: recurring.update(uid, name, every, next_on, entry, ends_on, active)

    def saved_result(self, result: Any) -> None:
        assert isinstance(result, RecurringRecord)
        self.saved_entry = result
