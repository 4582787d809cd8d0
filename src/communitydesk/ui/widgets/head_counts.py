"""People counted without names, by age band, gender group and language, as rows to edit; and
which named people were first counted in which row."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.i18n import (
    _,
    format_number,
    language_name,
)
from communitydesk.core.text import fold
from communitydesk.services.attendance import (
    HEAD_COUNT_GENDERS,
    LARGEST_HEAD_COUNT,
    HeadCountLine,
)
from communitydesk.services.people import AGE_BANDS
from communitydesk.ui.dialogs.person_dialog import COMMON_LANGUAGES

# Gender groups in the order of the list; "not noted" first, as for the age band.
GENDER_ORDER = ("", "woman", "man", "another")


class HeadCountRow:
    """The widgets of one group counted without names."""

    def __init__(self, parent: QWidget) -> None:
        self.number = QLabel(parent)
        self.age_band = QComboBox(parent)
        self.age_band.addItem(_("not noted"), "")
        for band in AGE_BANDS:
            self.age_band.addItem(band, band)
        self.gender = QComboBox(parent)
        for code in GENDER_ORDER:
            # Lower case "not noted" like the boxes beside it.
            self.gender.addItem(_(HEAD_COUNT_GENDERS[code]) if code else _("not noted"), code)
        self.language = QComboBox(parent)
        self.language.addItem(_("not noted"), "")
        for code in sorted(COMMON_LANGUAGES, key=lambda c: fold(language_name(c))):
            self.language.addItem(language_name(code), code)
        self.people = QSpinBox(parent)
        self.people.setRange(0, LARGEST_HEAD_COUNT)
        self.people.setGroupSeparatorShown(True)
        self.remaining = QLabel(parent)
        self.remove = QPushButton(_("Remove"), parent)

    def widgets(self) -> tuple[QWidget, ...]:
        return (
            self.number,
            self.age_band,
            self.gender,
            self.language,
            self.people,
            self.remaining,
            self.remove,
        )

    def line(self) -> HeadCountLine:
        return HeadCountLine(
            str(self.age_band.currentData()),
            str(self.gender.currentData()),
            str(self.language.currentData()),
            self.people.value(),
        )

    def set_line(self, line: HeadCountLine) -> None:
        self.age_band.setCurrentIndex(max(0, self.age_band.findData(line.age_band)))
        self.gender.setCurrentIndex(max(0, self.gender.findData(line.gender)))
        if line.language and self.language.findData(line.language) < 0:
            self.language.addItem(language_name(line.language), line.language)
        self.language.setCurrentIndex(max(0, self.language.findData(line.language)))
        self.people.setValue(line.people)

    def describe(self) -> str:
        """'Group 2: 65+ · Women and girls · Vietnamese' (parts not noted left out)."""
        line = self.line()
        parts = [
            line.age_band,
            _(HEAD_COUNT_GENDERS[line.gender]) if line.gender else "",
            language_name(line.language) if line.language else "",
        ]
        # A middle dot reads the same in every language, unlike a comma.
        details = " · ".join(part for part in parts if part) or _("no details noted")
        return _("Group {number}: {details}").format(number=self.number.text(), details=details)


class HeadCountTable(QWidget):
    """Rows of people counted without names: age band, gender group, language, how many."""

    changed = Signal()
    removed = Signal(object)  # the HeadCountRow taken away

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[HeadCountRow] = []
        self.add_button = QPushButton(_("Add a &row"))
        self.add_button.clicked.connect(lambda: self.add_row(focus=True))
        explanation = QLabel(
            _("People counted without their names, e.g. a crowd at a festival, by group.")
        )
        explanation.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(explanation, 1)
        top.addWidget(self.add_button)
        self._headers = [
            QLabel(text)
            for text in (
                _("Group"),
                _("Age band"),
                _("Gender group"),
                _("Language"),
                _("People"),
                _("Not named"),
                "",
            )
        ]
        for header in self._headers:
            font = QFont(header.font())
            font.setBold(True)
            header.setFont(font)
        self._headers[5].setToolTip(_("People of the group not named in the list of present"))
        self.grid = QGridLayout()
        self.grid.setColumnStretch(1, 1)
        self.grid.setColumnStretch(2, 2)
        self.grid.setColumnStretch(3, 2)
        self.total = QLabel()
        self.total.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(self.grid)
        layout.addWidget(self.total)
        self._lay_out()

    def lines(self) -> tuple[HeadCountLine, ...]:
        return tuple(row.line() for row in self.rows)

    def set_lines(self, lines: tuple[HeadCountLine, ...]) -> list[HeadCountRow]:
        for row in list(self.rows):
            self._drop(row)
        for line in lines:
            self.add_row(line)
        return list(self.rows)

    def add_row(self, line: HeadCountLine | None = None, focus: bool = False) -> HeadCountRow:
        row = HeadCountRow(self)
        if line is not None:
            row.set_line(line)
        for combo in (row.age_band, row.gender, row.language):
            combo.currentIndexChanged.connect(self.changed)
        row.people.valueChanged.connect(self.changed)
        row.remove.clicked.connect(lambda: self.remove_row(row))
        self.rows.append(row)
        self._lay_out()
        if focus:
            row.age_band.setFocus()
        self.changed.emit()
        return row

    def remove_row(self, row: HeadCountRow) -> None:
        index = self.rows.index(row)
        self._drop(row)
        self._lay_out()
        following = self.rows[index] if index < len(self.rows) else None
        (following.age_band if following else self.add_button).setFocus()
        self.removed.emit(row)
        self.changed.emit()

    def show_counts(self, remaining: list[int], total: str) -> None:
        for row, count in zip(self.rows, remaining, strict=True):
            row.remaining.setText(format_number(count))
        self.total.setText(total)

    def _drop(self, row: HeadCountRow) -> None:
        self.rows.remove(row)
        for widget in row.widgets():
            self.grid.removeWidget(widget)
            widget.hide()
            widget.deleteLater()

    def _lay_out(self) -> None:
        for header in self._headers:
            self.grid.removeWidget(header)
            header.setVisible(bool(self.rows))
        for column, header in enumerate(self._headers):
            self.grid.addWidget(header, 0, column)
        previous: QWidget = self.add_button
        for number, row in enumerate(self.rows, start=1):
            row.number.setText(format_number(number))
            for column, widget in enumerate(row.widgets()):
                self.grid.removeWidget(widget)
                self.grid.addWidget(widget, number, column)
                widget.show()  # now, not later: a new row's first box takes the focus at once
            # Rows come after "Add a row" in Tab order, whenever they were made.
            for widget in (row.age_band, row.gender, row.language, row.people, row.remove):
                QWidget.setTabOrder(previous, widget)
                previous = widget
