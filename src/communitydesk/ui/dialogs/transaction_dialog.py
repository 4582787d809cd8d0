"""One entry in the books, typed quickly from the keyboard: money in, money out or a transfer,
its payee, how its amount is shared across categories, programs and funds, and its receipts.

The amount is typed as text and read with `parse_money`, in the window's language. A single line
takes the whole amount by itself; with several, "left to share" must come down to zero before
Save is offered. A payee typed before is completed, and its last category offered.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Final

from PySide6.QtCore import QEvent, QObject, QSize, QStringListModel, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.errors import CommunityDeskError, FundOverspentError, ValidationError
from communitydesk.core.i18n import N_, _, embedded, format_amount, format_date, format_money
from communitydesk.core.money import parse_money
from communitydesk.services.accounts import AccountRecord, AccountService
from communitydesk.services.categories import CategoryRecord, CategoryService
from communitydesk.services.funds import FundRecord, FundService
from communitydesk.services.people import PeopleService
from communitydesk.services.programs import ProgramRecord, ProgramService
from communitydesk.services.transactions import (
    LARGEST_ATTACHMENT,
    AttachmentRecord,
    SplitInput,
    SplitRecord,
    TransactionInput,
    TransactionRecord,
    TransactionService,
    check_input,
)
from communitydesk.ui.tasks import Task, TaskRunner
from communitydesk.ui.widgets.dates import date_edit, to_date
from communitydesk.ui.widgets.fields import ERROR_STYLE, FieldWithError
from communitydesk.ui.widgets.messages import report_problem, show_error
from communitydesk.ui.widgets.person_picker import PersonPicker
from communitydesk.ui.widgets.saving_dialog import SavingDialog

KIND_NAMES: Final = {
    "income": N_("Money in"),
    "expense": N_("Money out"),
    "transfer": N_("Transfer"),
}
PAYEES_OFFERED: Final = 2000  # the names completed as one types; a small group has far fewer
PAYEE_DELAY_MS: Final = 300
RECEIPT_SUFFIXES: Final = "*.pdf *.png *.jpg *.jpeg *.gif *.bmp *.tif *.tiff *.webp *.heic *.heif"
HINT_STYLE: Final = "color: #5f6368;"
KEPT, NEW = "kept", "new"  # a receipt already with the entry, or a file chosen for a new one


@dataclass(frozen=True)
class MoneyChoices:
    """What an entry can point at, loaded together off the UI thread."""

    accounts: tuple[AccountRecord, ...]  # closed ones too: an older entry may use one
    categories: tuple[CategoryRecord, ...]  # live ones, income then expense, in tree order
    programs: tuple[ProgramRecord, ...]
    funds: tuple[FundRecord, ...]  # closed ones too
    payees: tuple[str, ...]


def load_money_choices(
    accounts: AccountService,
    categories: CategoryService,
    programs: ProgramService,
    funds: FundService,
    transactions: TransactionService,
) -> MoneyChoices:
    return MoneyChoices(
        accounts=accounts.accounts(include_closed=True),
        categories=categories.tree(),
        programs=programs.programs(),
        funds=funds.funds(include_closed=True),
        payees=transactions.payees(limit=PAYEES_OFFERED),
    )


def _choose(combo: QComboBox, data: str) -> None:
    combo.setCurrentIndex(combo.findData(data) if data else max(0, combo.findData("")))


def _amount_or_none(text: str, empty: int | None = None) -> int | None:
    """The cents typed, `empty` for nothing typed, None for text that is not an amount."""
    if not text.strip():
        return empty
    try:
        return parse_money(text)
    except ValidationError:
        return None


class SplitLine:
    """One line of the shares: category, amount, program, fund and memo."""

    def __init__(self, choices: MoneyChoices, split: SplitRecord | None) -> None:
        self.category = QComboBox()
        self.category.setMinimumContentsLength(16)
        self.category.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.category.setPlaceholderText(_("Choose a category"))
        # Sub-categories are indented with spaces: typing "supp" still finds "    Supplies".
        self.category.view().setKeyboardSearchFlags(
            Qt.MatchFlag.MatchContains | Qt.MatchFlag.MatchWrap
        )
        self.amount = QLineEdit()
        self.amount.setMinimumWidth(90)
        self.program = QComboBox()
        self.program.setMinimumContentsLength(10)
        self.program.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.fund = QComboBox()
        self.fund.setMinimumContentsLength(10)
        self.fund.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.memo = QLineEdit()
        self.follows = False  # the amount copies the entry's total as it is typed
        # A retired category the entry still uses: shown as it is, so nothing changes unseen.
        self.kept_category: tuple[str, str] | None = None
        today = date.today()
        self.program.addItem(_("No program"), "")
        for program in choices.programs:
            if not program.has_ended(today) or (split and split.program_uid == program.uid):
                self.program.addItem(program.name, program.uid)
        self.fund.addItem(_("Unrestricted"), "")
        for fund in choices.funds:
            if not fund.closed or (split and split.fund_uid == fund.uid):
                self.fund.addItem(fund.name, fund.uid)
        if split is not None:
            if split.program_uid and self.program.findData(split.program_uid) < 0:
                self.program.addItem(split.program_name, split.program_uid)
            if split.fund_uid and self.fund.findData(split.fund_uid) < 0:
                self.fund.addItem(split.fund_name, split.fund_uid)
            _choose(self.program, split.program_uid)
            _choose(self.fund, split.fund_uid)
            self.amount.setText(format_amount(split.amount_cents))
            self.memo.setText(split.memo)
            self.kept_category = (split.category_uid, split.category_name)

    def widgets(self) -> tuple[QWidget, ...]:
        return (self.category, self.amount, self.program, self.fund, self.memo)

    def fill_categories(self, categories: Sequence[CategoryRecord], chosen: str) -> None:
        self.category.blockSignals(True)
        self.category.clear()
        for category in categories:
            self.category.addItem(category.indented_name, category.uid)
        kept = self.kept_category
        if kept and chosen == kept[0] and self.category.findData(chosen) < 0:
            self.category.addItem(_("{name} (retired)").format(name=kept[1]), chosen)
        self.category.setCurrentIndex(self.category.findData(chosen) if chosen else -1)
        self.category.blockSignals(False)

    def category_uid(self) -> str:
        return str(self.category.currentData() or "")


class _LinesArea(QScrollArea):
    """As tall as `height()` says (its lines, up to four; more scroll), asked when laid out so
    that the fonts of every language are counted."""

    def __init__(self, height: Callable[[], int]) -> None:
        super().__init__()
        self._height = height

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(super().sizeHint().width(), self._height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(super().minimumSizeHint().width(), self._height())


class SplitsEditor(QWidget):
    """The lines an amount is shared across; `changed` on any amount, `touched` on user edits."""

    changed = Signal()
    touched = Signal()

    def __init__(self, choices: MoneyChoices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._choices = choices
        self._kind = "expense"
        self.lines: list[SplitLine] = []
        self.user_touched = False
        self._current: SplitLine | None = None
        self.grid = QGridLayout()
        self.headers: list[QLabel] = []
        self.grid.setContentsMargins(0, 0, 0, 0)
        for column, title in enumerate(
            (_("Category"), _("Amount"), _("Program"), _("Fund"), _("Memo"))
        ):
            header = QLabel(title)
            header.setStyleSheet(HINT_STYLE)
            self.grid.addWidget(header, 0, column)
            self.headers.append(header)
        for column, stretch in enumerate((4, 1, 2, 2, 3)):
            self.grid.setColumnStretch(column, stretch)
        self.inner = QWidget()
        inner_layout = QVBoxLayout(self.inner)
        inner_layout.setContentsMargins(0, 0, 0, 0)
        inner_layout.addLayout(self.grid)
        inner_layout.addStretch(1)
        self.area = _LinesArea(self._lines_height)
        self.area.setWidget(self.inner)
        self.area.setWidgetResizable(True)
        self.area.setFrameShape(QFrame.Shape.NoFrame)
        self.area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the lines, not around them
        self.area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.area)

    # --- lines -----------------------------------------------------------------------------------

    def categories(self) -> list[CategoryRecord]:
        return [c for c in self._choices.categories if c.kind == self._kind]

    def set_kind(self, kind: str) -> None:
        """Income and expense have their own categories: the chosen ones are kept when they fit."""
        self._kind = kind
        for line in self.lines:
            kept = line.category_uid()
            fits = any(c.uid == kept for c in self.categories())
            retired = line.kept_category is not None and kept == line.kept_category[0]
            line.fill_categories(self.categories(), kept if fits or retired else "")

    def add_line(self, split: SplitRecord | None = None, amount_text: str = "") -> SplitLine:
        line = SplitLine(self._choices, split)
        line.fill_categories(self.categories(), split.category_uid if split else "")
        if amount_text:
            line.amount.setText(amount_text)
        line.amount.textChanged.connect(self.changed)
        line.amount.textEdited.connect(lambda _text, line=line: self._amount_edited(line))
        for combo in (line.category, line.program, line.fund):
            combo.activated.connect(self._user_edit)
        line.memo.textEdited.connect(self._user_edit)
        for widget in line.widgets():
            widget.installEventFilter(self)
        self.lines.append(line)
        self._place()
        for widget in line.widgets():
            widget.show()  # now, not on the next turn of the event loop: it takes the focus
        self.changed.emit()
        return line

    def remove_line(self, line: SplitLine) -> None:
        if len(self.lines) <= 1:
            return
        self.lines.remove(line)
        for widget in line.widgets():
            self.grid.removeWidget(widget)
            widget.deleteLater()
        if self._current is line:
            self._current = None
        if len(self.lines) == 1:
            self.lines[0].follows = True  # alone again, it can only take the whole amount
        self._place()
        self.changed.emit()

    def current_line(self) -> SplitLine:
        """The line last worked in (Remove line removes it), else the last one."""
        if self._current is not None and self._current in self.lines:
            return self._current
        return self.lines[-1]

    def _place(self) -> None:
        for row, line in enumerate(self.lines, start=1):
            for column, widget in enumerate(line.widgets()):
                self.grid.addWidget(widget, row, column)
        self.area.updateGeometry()

    def _lines_height(self) -> int:
        shown = min(len(self.lines), 4)
        spacing = max(0, self.grid.verticalSpacing())
        line = (
            max((widget.sizeHint().height() for widget in self.lines[0].widgets()), default=0)
            if self.lines
            else 0
        )
        header = max(label.sizeHint().height() for label in self.headers)
        return header + shown * (line + spacing) + spacing

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.FocusIn:
            for line in self.lines:
                if watched in line.widgets():
                    self._current = line
        return False

    def _amount_edited(self, line: SplitLine) -> None:
        line.follows = False
        self._user_edit()

    def _user_edit(self) -> None:
        self.user_touched = True
        self.touched.emit()

    def follow_total(self, text: str) -> None:
        for line in self.lines:
            if line.follows and len(self.lines) == 1:
                line.amount.setText(text)

    # --- reading ---------------------------------------------------------------------------------

    def amounts(self) -> list[int | None]:
        """Each line's cents (0 when empty), None when its text is not an amount."""
        return [_amount_or_none(line.amount.text(), empty=0) for line in self.lines]

    def problem(self) -> str:
        """What is wrong with a line's amount as typed, or ""."""
        for number, line in enumerate(self.lines, start=1):
            text = line.amount.text()
            if text.strip():
                try:
                    parse_money(text)
                except ValidationError as error:
                    return _("Line {number}: {problem}").format(
                        number=number, problem=error.message
                    )
        return ""

    def splits(self) -> tuple[SplitInput, ...]:
        found = []
        for number, line in enumerate(self.lines, start=1):
            text = line.amount.text()
            if not text.strip():
                raise ValidationError(
                    "splits", _("Line {number}: type an amount above zero.").format(number=number)
                )
            try:
                cents = parse_money(text, "splits")
            except ValidationError as error:
                raise ValidationError(
                    "splits",
                    _("Line {number}: {problem}").format(number=number, problem=error.message),
                ) from None
            found.append(
                SplitInput(
                    category_uid=line.category_uid(),
                    amount_cents=cents,
                    program_uid=str(line.program.currentData() or ""),
                    fund_uid=str(line.fund.currentData() or ""),
                    memo=line.memo.text(),
                )
            )
        return tuple(found)

    def tab_chain(self) -> list[QWidget]:
        return [widget for line in self.lines for widget in line.widgets()]


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
        self._currency = currency
        self._choices = choices
        self._record = record
        self._allow_overspend = False
        self._line_problem_shown = False
        self._payee_task: Task | None = None
        self._receipt_task: Task | None = None
        self._pending_files: list[Path] = []
        self._temporary: list[Path] = []
        self._known_payees = {name.casefold() for name in choices.payees}
        self.saved: TransactionRecord | None = None
        self.attach_problems: tuple[str, ...] = ()
        self.attachments_changed = False
        kind = record.kind if record else kind

        self.kind = QComboBox()
        for key, name in KIND_NAMES.items():
            self.kind.addItem(_(name), key)
        _choose(self.kind, kind)
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

        self.splits = SplitsEditor(choices)
        self.add_line_button = QPushButton(_("Add line"))
        self.add_line_button.clicked.connect(self.add_line)
        self.remove_line_button = QPushButton(_("Remove line"))
        self.remove_line_button.clicked.connect(self.remove_line)
        self.left_to_share = QLabel()
        self.quick_hint = QLabel()
        self.quick_hint.setStyleSheet(HINT_STYLE)
        self.quick_hint.hide()

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

        self.receipts = QListWidget()
        self.receipts.setMaximumHeight(88)
        self.receipts.currentRowChanged.connect(self._receipt_chosen)
        self.receipts.itemDoubleClicked.connect(lambda _item: self.open_receipt())
        self.attach_button = QPushButton(_("Attach…"))
        self.attach_button.setToolTip(_("A photo or a PDF of the receipt or invoice"))
        self.attach_button.clicked.connect(self.attach_files)
        self.open_button = QPushButton(_("Open"))
        self.open_button.clicked.connect(self.open_receipt)
        self.remove_receipt_button = QPushButton(_("Remove"))
        self.remove_receipt_button.clicked.connect(self.remove_receipt)
        for button in (
            self.add_line_button,
            self.remove_line_button,
            self.attach_button,
            self.open_button,
            self.remove_receipt_button,
        ):
            button.setAutoDefault(False)  # Enter in a field saves; it never adds a line

        for key, widget in (
            ("kind", self.kind),
            ("entry_date", self.entry_date),
            ("amount", self.amount),
            ("account", self.account),
            ("to_account", self.to_account),
            ("payee", self.payee),
            ("splits", self.splits),
            ("memo", self.memo),
            ("reference", self.reference),
            ("cleared", self.cleared),
            ("attachment", self.receipts),
        ):
            self.fields[key] = FieldWithError(widget)
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

        self.splits_box = QGroupBox(_("How the amount is shared"))
        line_buttons = QHBoxLayout()
        line_buttons.addWidget(self.add_line_button)
        line_buttons.addWidget(self.remove_line_button)
        line_buttons.addSpacing(12)
        line_buttons.addWidget(self.quick_hint)
        line_buttons.addStretch(1)
        line_buttons.addWidget(self.left_to_share)
        splits_layout = QVBoxLayout(self.splits_box)
        splits_layout.addWidget(self.fields["splits"], 1)
        splits_layout.addLayout(line_buttons)

        details = QFormLayout()
        details.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        details.addRow(_("Memo"), self.fields["memo"])
        details.addRow(_("Reference"), self.fields["reference"])
        details.addRow("", self.fields["cleared"])
        receipt_buttons = QVBoxLayout()
        for button in (self.attach_button, self.open_button, self.remove_receipt_button):
            receipt_buttons.addWidget(button)
        receipt_buttons.addStretch(1)
        receipts_row = QHBoxLayout()
        receipts_row.addWidget(self.fields["attachment"], 1)
        receipts_row.addLayout(receipt_buttons)
        details.addRow(_("Receipts"), receipts_row)

        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.splits_box, 1)
        layout.addLayout(details)
        layout.addWidget(self.buttons)

        if record is not None and record.splits:
            for split in record.splits:
                self.splits.add_line(split)
        else:
            self.splits.add_line().follows = True
        self.splits.lines[0].follows = len(self.splits.lines) == 1
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
        self._show_receipts(attachments)

        self._payee_debounce = QTimer(self)
        self._payee_debounce.setSingleShot(True)
        self._payee_debounce.setInterval(PAYEE_DELAY_MS)
        self._payee_debounce.timeout.connect(self._payee_typed)
        self.payee.search.textChanged.connect(self._payee_debounce.start)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.amount.textChanged.connect(self._total_changed)
        self.amount.textEdited.connect(self._check_amount)
        self.splits.changed.connect(self._update_share)
        self.splits.touched.connect(self.quick_hint.hide)
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
            self._receipt_task is not None
            or self._payee_task is not None
            or self._payee_debounce.isActive()
            or self.payee.busy
        )

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
        self.splits_box.setVisible(not transfer)
        self.splits.set_kind(kind)
        self._order_tabs()
        self._update_share()

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
            self.add_line_button,
            self.remove_line_button,
            self.memo,
            self.reference,
            self.cleared,
            self.receipts,
            self.attach_button,
            self.open_button,
            self.remove_receipt_button,
            *self.buttons.buttons(),
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _total_changed(self, text: str) -> None:
        self.splits.follow_total(text)
        self._update_share()

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

    def _update_share(self) -> None:
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.remove_line_button.setEnabled(len(self.splits.lines) > 1)
        splits_field = self.fields["splits"]
        problem = self.splits.problem()
        if problem:
            splits_field.error.setText(problem)
            splits_field.error.show()
        elif self._line_problem_shown:
            splits_field.clear_error()
        self._line_problem_shown = bool(problem)
        if self.current_kind() == "transfer":
            save.setEnabled(True)
            save.setToolTip("")
            return
        total = _amount_or_none(self.amount.text())
        amounts = self.splits.amounts()
        if total is None or None in amounts:
            self.left_to_share.setText("")
            save.setEnabled(True)  # Save then says next to the field what is not an amount
            save.setToolTip("")
            return
        left = total - sum(a or 0 for a in amounts)
        if left >= 0:
            text = _("Left to share: {amount}").format(
                amount=embedded(format_money(left, self._currency))
            )
        else:
            text = _("The lines add up to {amount} more than the amount.").format(
                amount=embedded(format_money(-left, self._currency))
            )
        self.left_to_share.setText(text)
        self.left_to_share.setStyleSheet("" if left == 0 else ERROR_STYLE)
        save.setEnabled(left == 0)
        save.setToolTip("" if left == 0 else _("Share the whole amount across the lines to save."))

    # --- lines -----------------------------------------------------------------------------------

    def add_line(self) -> None:
        total = _amount_or_none(self.amount.text())
        amounts = self.splits.amounts()
        left = total - sum(a or 0 for a in amounts) if total is not None else 0
        for line in self.splits.lines:
            line.follows = False
        self.splits.user_touched = True
        self.quick_hint.hide()
        line = self.splits.add_line(amount_text=format_amount(left) if left > 0 else "")
        self._order_tabs()
        line.category.setFocus()

    def remove_line(self) -> None:
        self.splits.user_touched = True
        index = self.splits.lines.index(self.splits.current_line())
        self.splits.remove_line(self.splits.current_line())
        self.splits.follow_total(self.amount.text())
        self._order_tabs()
        self.splits.lines[min(index, len(self.splits.lines) - 1)].category.setFocus()

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
            or self.splits.user_touched
            or len(self.splits.lines) != 1
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
            or self.splits.user_touched
            or len(self.splits.lines) != 1
            or self.payee.search.text().strip() != name
        ):
            return
        line = self.splits.lines[0]
        uid = last.splits[0].category_uid
        if line.category.findData(uid) < 0:
            return  # retired since: nothing to offer
        line.category.setCurrentIndex(line.category.findData(uid))
        self.quick_hint.setText(
            _("Category as in the last entry for {payee}.").format(payee=embedded(name))
        )
        self.quick_hint.show()

    # --- receipts --------------------------------------------------------------------------------

    def _show_receipts(self, kept: Sequence[AttachmentRecord]) -> None:
        self.receipts.clear()
        for attachment in kept:
            item = QListWidgetItem(attachment.file_name)
            item.setData(Qt.ItemDataRole.UserRole, (KEPT, attachment.uid))
            self.receipts.addItem(item)
        for path in self._pending_files:
            item = QListWidgetItem(path.name)
            item.setData(Qt.ItemDataRole.UserRole, (NEW, str(path)))
            self.receipts.addItem(item)
        if self.receipts.count():
            self.receipts.setCurrentRow(self.receipts.count() - 1)
        self._receipt_chosen()

    def _receipt_chosen(self, _row: int = -1) -> None:
        chosen = self.receipts.currentItem() is not None
        self.open_button.setEnabled(chosen)
        self.remove_receipt_button.setEnabled(chosen)

    def receipt_names(self) -> list[str]:
        return [self.receipts.item(row).text() for row in range(self.receipts.count())]

    def attach_files(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(
            self,
            _("Attach receipts"),
            "",
            _("Images and PDF files") + f" ({RECEIPT_SUFFIXES})",
        )
        self.add_files([Path(name) for name in names])

    def add_files(self, paths: Sequence[Path]) -> None:
        """Keep these files with the entry: at once for an entry already saved, else on Save."""
        self.fields["attachment"].clear_error()
        wanted = []
        for path in paths:
            try:
                too_large = path.stat().st_size > LARGEST_ATTACHMENT
            except OSError as error:
                self._receipt_problem(
                    _("{name} could not be read: {error}").format(
                        name=path.name, error=error.strerror or error
                    )
                )
                continue
            if too_large:
                self._receipt_problem(
                    _("{name} is larger than {size} MB: scan or photograph it smaller.").format(
                        name=path.name, size=LARGEST_ATTACHMENT // (1024 * 1024)
                    )
                )
                continue
            wanted.append(path)
        if not wanted:
            return
        if self._record is None:
            self._pending_files.extend(wanted)
            kept = [self._kept(row) for row in range(self.receipts.count())]
            self._show_receipts([k for k in kept if k is not None])
            return
        uid, transactions = self._record.uid, self._transactions

        def attach(_task: Task) -> tuple[tuple[AttachmentRecord, ...], tuple[str, ...]]:
            problems = []
            for path in wanted:
                try:
                    transactions.attach(uid, path)
                except CommunityDeskError as error:
                    problems.append(error.message)
            return transactions.attachments(uid), tuple(problems)

        self._run_receipts(attach)

    def _kept(self, row: int) -> AttachmentRecord | None:
        kind, value = self.receipts.item(row).data(Qt.ItemDataRole.UserRole)
        if kind != KEPT:
            return None
        return AttachmentRecord(value, self.receipts.item(row).text(), "", 0)

    def _run_receipts(
        self, work: Callable[[Task], tuple[tuple[AttachmentRecord, ...], tuple[str, ...]]]
    ) -> None:
        for button in (self.attach_button, self.open_button, self.remove_receipt_button):
            button.setEnabled(False)
        self._receipt_task = self._tasks.run(work, self._receipts_done, self._receipts_failed)

    def _receipts_done(self, result: tuple[tuple[AttachmentRecord, ...], tuple[str, ...]]) -> None:
        self._receipt_task = None
        self.attachments_changed = True
        self.attach_button.setEnabled(True)
        kept, problems = result
        self._show_receipts(kept)
        if problems:
            self._receipt_problem("\n".join(problems))

    def _receipts_failed(self, error: BaseException) -> None:
        self._receipt_task = None
        self.attach_button.setEnabled(True)
        self._receipt_chosen()
        report_problem(self, error)

    def _receipt_problem(self, message: str) -> None:
        field = self.fields["attachment"]
        field.error.setText(message)
        field.error.show()

    def open_receipt(self) -> None:
        item = self.receipts.currentItem()
        if item is None or self._receipt_task is not None:
            return
        kind, value = item.data(Qt.ItemDataRole.UserRole)
        if kind == NEW:
            QDesktopServices.openUrl(QUrl.fromLocalFile(value))
            return
        transactions = self._transactions

        def copy(_task: Task) -> Path:
            name, content = transactions.attachment_content(value)
            # Readable by this user only; deleted when the form closes.
            handle, path = tempfile.mkstemp(
                prefix="communitydesk-receipt-", suffix=Path(name).suffix[:10]
            )
            with os.fdopen(handle, "wb") as file:
                file.write(content)
            return Path(path)

        self.open_button.setEnabled(False)
        self._receipt_task = self._tasks.run(copy, self._opened, self._receipts_failed)

    def _opened(self, path: Path) -> None:
        self._receipt_task = None
        self._temporary.append(path)
        self._receipt_chosen()
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def remove_receipt(self) -> None:
        item = self.receipts.currentItem()
        if item is None or self._receipt_task is not None:
            return
        kind, value = item.data(Qt.ItemDataRole.UserRole)
        if kind == NEW:
            self._pending_files = [p for p in self._pending_files if str(p) != value]
            kept = [self._kept(row) for row in range(self.receipts.count())]
            self._show_receipts([k for k in kept if k is not None])
            return
        answer = QMessageBox.question(
            self,
            _("Remove a receipt"),
            _("Remove {name} from this entry?").format(name=embedded(item.text())),
        )
        if answer != QMessageBox.StandardButton.Yes or self._record is None:
            return
        uid, transactions = self._record.uid, self._transactions

        def remove(_task: Task) -> tuple[tuple[AttachmentRecord, ...], tuple[str, ...]]:
            transactions.remove_attachment(value)
            return transactions.attachments(uid), ()

        self._run_receipts(remove)

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
        files = tuple(self._pending_files)

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
        self.attach_problems = problems
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
        for path in self._temporary:
            with contextlib.suppress(OSError):  # still open in a viewer on Windows
                path.unlink(missing_ok=True)
        self._temporary.clear()
