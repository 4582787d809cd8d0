"""How an entry's amount is shared: one line per category, each with its amount, program, fund
and memo, the Add line and Remove line buttons, and what is left to share.

A single line takes the whole amount by itself: it follows the entry's amount as it is typed.
With several, "left to share" must come down to zero before the entry can be saved.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Final

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.errors import ValidationError
from communitydesk.core.i18n import _, embedded, format_amount, format_money
from communitydesk.core.money import parse_money
from communitydesk.services.categories import CategoryRecord
from communitydesk.services.transactions import SplitInput, SplitRecord
from communitydesk.ui.dialogs.money_choices import MoneyChoices
from communitydesk.ui.widgets.fields import ERROR_STYLE, FieldWithError

HINT_STYLE: Final = "color: #5f6368;"
LINES_SHOWN: Final = 4  # more lines than this scroll


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


class SplitLinesBox(QGroupBox):
    """The lines an entry's amount is shared across, with Add line, Remove line and what is
    left to share.

    `field` holds the lines with their problem under them (the form's "splits" field).
    `changed` is emitted when what is left to share may differ (an amount typed, a line added
    or removed): `left_cents()` then says it. `lines_changed` is emitted when a line was added
    or removed, for the form's tab order (`tab_chain()`).
    """

    changed = Signal()
    lines_changed = Signal()

    def __init__(self, choices: MoneyChoices, currency: str, parent: QWidget | None = None) -> None:
        super().__init__(_("How the amount is shared"), parent)
        self._choices = choices
        self._currency = currency
        self._kind = "expense"
        self._total = ""  # the entry's amount, as typed
        self._current: SplitLine | None = None
        self._problem_shown = False
        self.lines: list[SplitLine] = []
        self.user_touched = False  # changed by hand: no category is offered any more

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
        lines = QWidget()
        lines_layout = QVBoxLayout(lines)
        lines_layout.setContentsMargins(0, 0, 0, 0)
        lines_layout.addWidget(self.area)
        self.field = FieldWithError(lines)

        self.add_line_button = QPushButton(_("Add line"))
        self.add_line_button.clicked.connect(self.add_line)
        self.remove_line_button = QPushButton(_("Remove line"))
        self.remove_line_button.clicked.connect(self.remove_line)
        for button in (self.add_line_button, self.remove_line_button):
            button.setAutoDefault(False)  # Enter in a field saves; it never adds a line
        self.left_to_share = QLabel()
        self.quick_hint = QLabel()
        self.quick_hint.setStyleSheet(HINT_STYLE)
        self.quick_hint.hide()

        line_buttons = QHBoxLayout()
        line_buttons.addWidget(self.add_line_button)
        line_buttons.addWidget(self.remove_line_button)
        line_buttons.addSpacing(12)
        line_buttons.addWidget(self.quick_hint)
        line_buttons.addStretch(1)
        line_buttons.addWidget(self.left_to_share)
        layout = QVBoxLayout(self)
        layout.addWidget(self.field, 1)
        layout.addLayout(line_buttons)

    # --- what the entry says ---------------------------------------------------------------------

    def set_lines(self, splits: Sequence[SplitRecord], total: str) -> None:
        """An entry's lines and its amount as shown; no lines gives one that takes the whole
        amount as it is typed."""
        for line in list(self.lines):
            self._drop(line)
        self._total = total
        for split in splits:
            self._add(split)
        if not splits:
            self._add().follows = True
        self.lines[0].follows = len(self.lines) == 1

    def set_total(self, text: str) -> None:
        """The entry's amount as typed: a line alone takes it."""
        self._total = text
        for line in self.lines:
            if line.follows and len(self.lines) == 1:
                line.amount.setText(text)
        self._refresh()

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

    # --- the user's buttons ----------------------------------------------------------------------

    def add_line(self) -> None:
        """A new line, offered what is left to share."""
        total = _amount_or_none(self._total)
        left = total - sum(a or 0 for a in self.amounts()) if total is not None else 0
        for line in self.lines:
            line.follows = False
        self.user_touched = True
        self.quick_hint.hide()
        line = self._add(amount_text=format_amount(left) if left > 0 else "")
        line.category.setFocus()

    def remove_line(self) -> None:
        """The line last worked in goes; a line left alone takes the whole amount again."""
        self.user_touched = True
        index = self.lines.index(self.current_line())
        if len(self.lines) > 1:
            self._drop(self.current_line())
            if len(self.lines) == 1:
                self.lines[0].follows = True  # alone again, it can only take the whole amount
            self.lines_changed.emit()
        self.set_total(self._total)
        self.lines[min(index, len(self.lines) - 1)].category.setFocus()

    def current_line(self) -> SplitLine:
        """The line last worked in (Remove line removes it), else the last one."""
        if self._current is not None and self._current in self.lines:
            return self._current
        return self.lines[-1]

    # --- offering a category ---------------------------------------------------------------------

    def open_to_offer(self) -> bool:
        """A single line no one has changed by hand: a category may be chosen for it."""
        return not self.user_touched and len(self.lines) == 1

    def offer_category(self, uid: str, hint: str) -> None:
        """`uid` chosen on the single line, with `hint` saying why; nothing for a retired one."""
        line = self.lines[0]
        if line.category.findData(uid) < 0:
            return
        line.category.setCurrentIndex(line.category.findData(uid))
        self.quick_hint.setText(hint)
        self.quick_hint.show()

    # --- reading ---------------------------------------------------------------------------------

    def amounts(self) -> list[int | None]:
        """Each line's cents (0 when empty), None when its text is not an amount."""
        return [_amount_or_none(line.amount.text(), empty=0) for line in self.lines]

    def left_cents(self) -> int | None:
        """The amount less the lines (below zero when they add up to more), None when the amount
        or a line is not an amount."""
        total = _amount_or_none(self._total)
        amounts = self.amounts()
        if total is None or None in amounts:
            return None
        return total - sum(a or 0 for a in amounts)

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
        return [
            *(widget for line in self.lines for widget in line.widgets()),
            self.add_line_button,
            self.remove_line_button,
        ]

    # --- the lines themselves --------------------------------------------------------------------

    def _add(self, split: SplitRecord | None = None, amount_text: str = "") -> SplitLine:
        line = SplitLine(self._choices, split)
        line.fill_categories(self.categories(), split.category_uid if split else "")
        if amount_text:
            line.amount.setText(amount_text)
        line.amount.textChanged.connect(self._refresh)
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
        self.lines_changed.emit()
        self._refresh()
        return line

    def _drop(self, line: SplitLine) -> None:
        self.lines.remove(line)
        for widget in line.widgets():
            self.grid.removeWidget(widget)
            widget.deleteLater()
        if self._current is line:
            self._current = None
        self._place()

    def _place(self) -> None:
        for row, line in enumerate(self.lines, start=1):
            for column, widget in enumerate(line.widgets()):
                self.grid.addWidget(widget, row, column)
        self.area.updateGeometry()

    def _lines_height(self) -> int:
        shown = min(len(self.lines), LINES_SHOWN)
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
        self.quick_hint.hide()

    def _refresh(self) -> None:
        """Remove line, a line's problem and what is left to share, as the lines now say."""
        self.remove_line_button.setEnabled(len(self.lines) > 1)
        problem = self.problem()
        if problem:
            self.field.error.setText(problem)
            self.field.error.show()
        elif self._problem_shown:
            self.field.clear_error()
        self._problem_shown = bool(problem)
        left = self.left_cents()
        if left is None:
            self.left_to_share.setText("")
        else:
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
        self.changed.emit()
