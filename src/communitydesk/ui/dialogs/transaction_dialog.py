"""One entry in the books, typed quickly from the keyboard: money in, money out or a transfer,
its payee, how its amount is shared across categories, programs and funds, and its receipts.

The amount is typed as text and read with `parse_money`, in the window's language. A single line
takes the whole amount by itself; with several, "left to share" must come down to zero before
Save is offered. A payee typed before is completed, and its last category offered.

The lines are a `SplitLinesBox` (widgets/split_lines.py), the receipts a `ReceiptsBox`
(widgets/receipts_box.py); what an entry can point at is a `MoneyChoices` (money_choices.py).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import date
from typing import Any, Final

from PySide6.QtCore import QStringListModel, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.errors import CommunityDeskError, FundOverspentError, ValidationError
from communitydesk.core.i18n import _, embedded, format_amount, format_date
from communitydesk.core.money import parse_money
from communitydesk.services.people import PeopleService
from communitydesk.services.transactions import (
    AttachmentRecord,
    TransactionInput,
    TransactionRecord,
    TransactionService,
    check_input,
)
from communitydesk.ui.dialogs.money_choices import KIND_NAMES, MoneyChoices, load_money_choices
from communitydesk.ui.tasks import Task, TaskRunner
from communitydesk.ui.widgets.dates import date_edit, to_date
from communitydesk.ui.widgets.fields import FieldWithError
from communitydesk.ui.widgets.messages import report_problem, show_error
from communitydesk.ui.widgets.person_picker import PersonPicker
from communitydesk.ui.widgets.receipts_box import ReceiptsBox
from communitydesk.ui.widgets.saving_dialog import SavingDialog
from communitydesk.ui.widgets.split_lines import SplitLinesBox

# The panels that open this form load its choices from here too.
__all__ = ["KIND_NAMES", "MoneyChoices", "TransactionDialog", "load_money_choices"]

PAYEE_DELAY_MS: Final = 300


class TransactionDialog(SavingDialog):
    """A new entry (no `record`) or an existing one; `saved` holds the result when accepted.

    `attachments_changed` says receipts were attached or removed, even if the form was cancelled
    (for an existing entry they are kept at once, like files put in a folder).
    """

    def __init__(
        self,
        transactions: TransactionService,
        people: PeopleService,
        tasks: TaskRunner,
        currency: str,
        choices: MoneyChoices,
        kind: str = "expense",
        record: TransactionRecord | None = None,
        attachments: tuple[AttachmentRecord, ...] = (),
        account_uid: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(tasks, parent)
        self._transactions = transactions
        self._record = record
        self._allow_overspend = False
        self._payee_task: Task | None = None
        self._known_payees = {name.casefold() for name in choices.payees}
        self.saved: TransactionRecord | None = None
        kind = record.kind if record else kind

        self.kind = QComboBox()
        for key, name in KIND_NAMES.items():
            self.kind.addItem(_(name), key)
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        self.entry_date = date_edit(record.entry_date if record else date.today())
        self.account = QComboBox()
        self.to_account = QComboBox()
        for combo, chosen in (
            (self.account, record.account_uid if record else account_uid),
            (self.to_account, record.to_account_uid if record else ""),
        ):
            combo.setMinimumContentsLength(24)
            combo.setPlaceholderText(_("Choose an account"))
            for account in choices.accounts:
                if not account.closed or account.uid == chosen:
                    label = account.name
                    if account.closed:
                        label = _("{name} (closed)").format(name=account.name)
                    combo.addItem(label, account.uid)
            combo.setCurrentIndex(combo.findData(chosen) if chosen else -1)
        if self.account.currentIndex() < 0 and self.account.count():
            self.account.setCurrentIndex(0)
        self.payee = PersonPicker(
            people,
            _("Type a name"),
            none_label=_("Not on the roster: the name as typed"),
        )
        self.payee.setMinimumWidth(600)
        self.payee.search.setToolTip(
            _("Someone on the roster, chosen on the right, or any name: a shop, a funder")
        )
        self.payee.found.connect(self._people_found)
        completer = QCompleter(QStringListModel(list(choices.payees), self), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.payee.search.setCompleter(completer)
        self.amount = QLineEdit()
        self.amount.setPlaceholderText(
            _("e.g. {amount}").format(amount=embedded(format_amount(2550)))
        )
        self.amount.setMaximumWidth(220)

        self.splits = SplitLinesBox(choices, currency)

        self.memo = QLineEdit(record.memo if record else "")
        self.memo.setPlaceholderText(_("What it was for, if the categories do not say"))
        self.reference = QLineEdit(record.reference if record else "")
        self.reference.setPlaceholderText(_("Cheque or e-transfer number"))
        self.reference.setMaxLength(60)
        self.reference.setMaximumWidth(260)
        self.cleared = QCheckBox(_("Cleared: seen on the bank statement"))
        self.cleared.setChecked(record.cleared if record else False)
        if record is not None and record.reconciled:
            self.cleared.setEnabled(False)
            self.cleared.setToolTip(_("A reconciled entry stays cleared."))

        self.receipts = ReceiptsBox(
            transactions, tasks, record.uid if record is not None else None, attachments
        )

        for key, widget in (
            ("kind", self.kind),
            ("entry_date", self.entry_date),
            ("amount", self.amount),
            ("account", self.account),
            ("to_account", self.to_account),
            ("payee", self.payee),
            ("memo", self.memo),
            ("reference", self.reference),
            ("cleared", self.cleared),
        ):
            self.fields[key] = FieldWithError(widget)
        self.fields["splits"] = self.splits.field
        self.fields["attachment"] = self.receipts.field
        self.fields["amount"].error.setMaximumWidth(520)

        self.form = QFormLayout()
        # Short fields stay short; the payee's name box is the wide one.
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.form.addRow(_("Entry"), self.fields["kind"])
        self.form.addRow(_("Date"), self.fields["entry_date"])
        self.account_label = QLabel()
        self.form.addRow(self.account_label, self.fields["account"])
        self.form.addRow(_("To account"), self.fields["to_account"])
        self.payee_label = QLabel()
        self.form.addRow(self.payee_label, self.fields["payee"])
        self.form.addRow(_("Amount"), self.fields["amount"])

        details = QFormLayout()
        details.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        details.addRow(_("Memo"), self.fields["memo"])
        details.addRow(_("Reference"), self.fields["reference"])
        details.addRow("", self.fields["cleared"])
        details.addRow(_("Receipts"), self.receipts)

        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.splits, 1)
        layout.addLayout(details)
        layout.addWidget(self.buttons)

        if record is not None:
            self.amount.setText(format_amount(record.amount_cents))
            if record.person_uid:
                self.payee.choices.addItem(record.payee, record.person_uid)
                self.payee.choices.setCurrentIndex(self.payee.choices.count() - 1)
            else:
                # Quietly: an old name that now matches someone on the roster stays as it was.
                self.payee.search.blockSignals(True)
                self.payee.search.setText(record.payee)
                self.payee.search.blockSignals(False)
        self.splits.set_lines(record.splits if record is not None else (), self.amount.text())

        self._payee_debounce = QTimer(self)
        self._payee_debounce.setSingleShot(True)
        self._payee_debounce.setInterval(PAYEE_DELAY_MS)
        self._payee_debounce.timeout.connect(self._payee_typed)
        self.payee.search.textChanged.connect(self._payee_debounce.start)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.amount.textChanged.connect(self.splits.set_total)
        self.amount.textEdited.connect(self._check_amount)
        self.splits.changed.connect(self._update_save)
        self.splits.lines_changed.connect(self._order_tabs)
        self._kind_changed()
        self._people_found(0)
        self.resize(980, self.sizeHint().height())
        if record is None and kind != "transfer":
            self.payee.search.setFocus()
        else:
            self.amount.setFocus()

    # --- state -----------------------------------------------------------------------------------

    @property
    def loading(self) -> bool:
        """Looking up the payee or reading receipts; unlike `busy` (saving), Save still works."""
        return (
            self.receipts.busy
            or self._payee_task is not None
            or self._payee_debounce.isActive()
            or self.payee.busy
        )

    @property
    def attachments_changed(self) -> bool:
        return self.receipts.attachments_changed

    def current_kind(self) -> str:
        return str(self.kind.currentData())

    def _kind_changed(self) -> None:
        kind = self.current_kind()
        transfer = kind == "transfer"
        if self._record is None:
            self.setWindowTitle(
                {
                    "income": _("New money in"),
                    "expense": _("New money out"),
                    "transfer": _("New transfer"),
                }[kind]
            )
        else:
            self.setWindowTitle(
                _("Entry of {date}").format(date=embedded(format_date(self._record.entry_date)))
            )
        self.account_label.setText(_("From account") if transfer else _("Account"))
        self.payee_label.setText(_("Received from") if kind == "income" else _("Paid to"))
        self.form.setRowVisible(self.fields["to_account"], transfer)
        self.form.setRowVisible(self.fields["payee"], not transfer)
        self.splits.setVisible(not transfer)
        self.splits.set_kind(kind)
        self._order_tabs()
        self._update_save()

    def _order_tabs(self) -> None:
        chain: list[QWidget] = [
            self.kind,
            self.entry_date,
            self.account,
            self.to_account,
            self.payee.search,
            self.payee.choices,
            self.amount,
            *self.splits.tab_chain(),
            self.memo,
            self.reference,
            self.cleared,
            *self.receipts.tab_chain(),
            *self.buttons.buttons(),
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _check_amount(self, text: str) -> None:
        """The amount's problem under it as soon as it is typed wrong; gone once it is right."""
        field = self.fields["amount"]
        try:
            if text.strip():
                parse_money(text)
        except ValidationError as error:
            field.error.setText(error.message)
            field.error.show()
        else:
            field.clear_error()

    def _update_save(self) -> None:
        """Save is offered once the lines share the whole amount."""
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        left = 0 if self.current_kind() == "transfer" else self.splits.left_cents()
        # Not an amount (None): Save then says next to the field what is not one.
        shared = left is None or left == 0
        save.setEnabled(shared)
        save.setToolTip("" if shared else _("Share the whole amount across the lines to save."))

    # --- payee -----------------------------------------------------------------------------------

    def _people_found(self, count: int) -> None:
        """No one on the roster by that name: the name as typed is the payee, and says so."""
        if not count and self.payee.uid() == "" and self.payee.search.text().strip():
            self.payee.choices.setCurrentIndex(0)

    def _payee_typed(self) -> None:
        """A name used before, typed while the lines are untouched: its last category offered."""
        name = self.payee.search.text().strip()
        if (
            self.current_kind() == "transfer"
            or not self.splits.open_to_offer()
            or name.casefold() not in self._known_payees
        ):
            return
        if self._payee_task is not None:
            self._payee_task.cancel()
        transactions = self._transactions
        self._payee_task = self._tasks.run(
            lambda _task: transactions.last_for_payee(name),
            lambda last: self._offer_last(name, last),
            self._payee_failed,
        )

    def _payee_failed(self, error: BaseException) -> None:
        self._payee_task = None
        report_problem(self, error)

    def _offer_last(self, name: str, last: TransactionRecord | None) -> None:
        self._payee_task = None
        if (
            last is None
            or not last.splits
            or last.kind != self.current_kind()
            or not self.splits.open_to_offer()
            or self.payee.search.text().strip() != name
        ):
            return
        self.splits.offer_category(
            last.splits[0].category_uid,
            _("Category as in the last entry for {payee}.").format(payee=embedded(name)),
        )

    # --- saving ----------------------------------------------------------------------------------

    def entry(self) -> TransactionInput:
        """What the form says; raises ValidationError for what is not an amount."""
        kind = self.current_kind()
        transfer = kind == "transfer"
        person = "" if transfer else self.payee.uid()
        return TransactionInput(
            entry_date=to_date(self.entry_date),
            kind=kind,
            amount_cents=parse_money(self.amount.text(), "amount"),
            account_uid=str(self.account.currentData() or ""),
            splits=() if transfer else self.splits.splits(),
            to_account_uid=str(self.to_account.currentData() or "") if transfer else "",
            person_uid=person,
            payee="" if transfer or person else self.payee.search.text(),
            memo=self.memo.text(),
            reference=self.reference.text(),
            cleared=self.cleared.isChecked(),
        )

    def save_step(self) -> Callable[[], tuple[TransactionRecord, tuple[str, ...]]]:
        entry = check_input(self.entry())
        transactions, allow = self._transactions, self._allow_overspend
        record = self._record
        if record is not None:
            if entry == record.as_input():
                return lambda: (record, ())  # nothing changed: nothing written
            return lambda: (transactions.update(record.uid, entry, allow_overspend=allow), ())
        files = self.receipts.pending_files()

        def create() -> tuple[TransactionRecord, tuple[str, ...]]:
            created = transactions.create(entry, allow_overspend=allow)
            problems = []
            for path in files:
                try:
                    transactions.attach(created.uid, path)
                except CommunityDeskError as error:
                    problems.append(error.message)
            return (transactions.get(created.uid) if files else created), tuple(problems)

        return create

    def saved_result(self, result: Any) -> None:
        record, problems = result
        assert isinstance(record, TransactionRecord)
        self.saved = record
        if problems:
            show_error(
                self,
                _("The entry was saved, but not every receipt:") + "\n" + "\n".join(problems),
            )

    def show_problem(self, error: CommunityDeskError) -> None:
        if not isinstance(error, FundOverspentError):
            super().show_problem(error)
            return
        answer = QMessageBox.question(
            self,
            _("Spend restricted money"),
            error.message + "\n\n" + _("Spend anyway?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._allow_overspend = True
        try:
            self.accept()
        finally:
            self._allow_overspend = False  # a later change is asked about again

    def done(self, result: int) -> None:
        super().done(result)
        self.receipts.delete_copies()
