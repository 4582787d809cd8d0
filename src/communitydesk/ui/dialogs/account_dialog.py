"""One account where the group's money sits: a bank account, the cash box, a payment app."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.i18n import _, embedded, format_amount
from communitydesk.core.money import parse_money
from communitydesk.services.accounts import (
    KIND_NAMES,
    AccountInput,
    AccountRecord,
    AccountService,
)
from communitydesk.ui.tasks import TaskRunner
from communitydesk.ui.widgets.dates import date_edit, to_date
from communitydesk.ui.widgets.fields import FieldWithError
from communitydesk.ui.widgets.saving_dialog import SavingDialog


class AccountDialog(SavingDialog):
    """A new account (no `account`) or an existing one; `saved` holds the result when accepted."""

    def __init__(
        self,
        accounts: AccountService,
        tasks: TaskRunner,
        currency: str,
        account: AccountRecord | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(tasks, parent)
        self._accounts = accounts
        self._currency = currency
        self._account = account
        self.saved: AccountRecord | None = None
        self.setWindowTitle(account.name if account else _("New account"))
        self.setMinimumWidth(560)
        self.name = QLineEdit(account.name if account else "")
        self.name.setPlaceholderText(_("e.g. Main chequing, Cash box"))
        self.kind = QComboBox()
        for key, name in KIND_NAMES.items():
            self.kind.addItem(_(name), key)
        self.kind.setCurrentIndex(max(0, self.kind.findData(account.kind if account else "bank")))
        self.institution = QLineEdit(account.institution if account else "")
        self.institution.setPlaceholderText(_("The bank or credit union, if any"))
        self.number_hint = QLineEdit(account.number_hint if account else "")
        self.number_hint.setPlaceholderText(_("e.g. 4821"))
        self.number_hint.setMaxLength(12)
        self.number_hint.setMaximumWidth(160)
        self.number_hint.setToolTip(
            _("Enough to tell the accounts apart; the full number is not needed")
        )
        self.opening = QLineEdit(format_amount(account.opening_cents) if account else "")
        self.opening.setPlaceholderText(
            _("e.g. {amount}; empty for zero").format(amount=embedded(format_amount(125000)))
        )
        self.opening.setMaximumWidth(260)
        self.opening_on = date_edit(account.opening_on if account else date.today())
        self.opening_on.setToolTip(_("The day the books start counting from this balance"))
        self.notes = QPlainTextEdit(account.notes if account else "")
        self.notes.setFixedHeight(72)
        self.notes.setTabChangesFocus(True)
        self.closed = QCheckBox(_("Closed: no new entries; its history stays"))
        self.closed.setChecked(account.closed if account else False)
        for short in (self.kind, self.opening_on):
            short.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key, label, widget in (
            ("name", _("Name"), self.name),
            ("kind", _("Kind"), self.kind),
            ("institution", _("Institution"), self.institution),
            ("number_hint", _("Last digits"), self.number_hint),
            ("opening_cents", _("Opening balance"), self.opening),
            ("opening_on", _("On"), self.opening_on),
            ("notes", _("Notes"), self.notes),
            ("closed", "", self.closed),
        ):
            self.fields[key] = FieldWithError(widget)
            form.addRow(label, self.fields[key])
        if account is None:
            form.setRowVisible(self.fields["closed"], False)  # a new account is open
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.name.setFocus()

    def account_input(self) -> AccountInput:
        """What the form says; raises ValidationError for an amount that is not one."""
        opening = self.opening.text()
        return AccountInput(
            name=self.name.text(),
            opening_on=to_date(self.opening_on),
            kind=str(self.kind.currentData()),
            institution=self.institution.text(),
            number_hint=self.number_hint.text(),
            opening_cents=parse_money(opening, "opening_cents") if opening.strip() else 0,
            notes=self.notes.toPlainText(),
            closed=self.closed.isChecked(),
        )

    def save_step(self) -> Callable[[], AccountRecord]:
        account, accounts = self.account_input(), self._accounts
        if self._account is None:
            return lambda: accounts.create(account)
        uid = self._account.uid
        return lambda: accounts.update(uid, account)

    def saved_result(self, result: Any) -> None:
        assert isinstance(result, AccountRecord)
        self.saved = result
