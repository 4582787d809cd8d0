"""A text written in several languages ({"en": ..., "fr": ..., "ar": ...}): one box per
language on its own tab, English, French and Arabic always there, any other added on demand.
A family reads the description or the eligibility in its own language on a referral card."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QTextOption
from PySide6.QtWidgets import (
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.i18n import _, current_language, language_name
from communitydesk.ui.widgets.language_choice import choose_language, writes_right_to_left

ALWAYS_OFFERED = ("en", "fr", "ar")


class _Box(QPlainTextEdit):
    def sizeHint(self) -> QSize:  # noqa: N802
        # Its set height, not Qt's roomy default, so that the tabs around it stay this tall.
        return QSize(super().sizeHint().width(), self.minimumHeight())


def _editor(code: str, lines: int) -> QPlainTextEdit:
    edit = _Box()
    edit.setTabChangesFocus(True)
    edit.setAccessibleName(language_name(code))
    rows = edit.fontMetrics().lineSpacing() * lines
    edit.setFixedHeight(rows + 2 * edit.frameWidth() + 8)
    # Typed Arabic starts at the right and the cursor moves leftwards even in an English window
    # (and English stays left to right in an Arabic one), a Latin word keeping its place.
    rtl = writes_right_to_left(code)
    direction = Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
    edit.setLayoutDirection(direction)
    option = QTextOption(edit.document().defaultTextOption())
    option.setTextDirection(direction)
    # The plain text layout does not mirror a relative alignment by itself.
    side = Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
    option.setAlignment(side | Qt.AlignmentFlag.AlignAbsolute)
    edit.document().setDefaultTextOption(option)
    return edit


class MultilingualText(QWidget):
    """Tabs of text boxes by language; `texts()` gives the filled ones."""

    def __init__(
        self,
        texts: dict[str, str] | None = None,
        lines: int = 3,
        placeholder: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._lines = lines
        self._placeholder = placeholder
        self._editors: dict[str, QPlainTextEdit] = {}
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setUsesScrollButtons(True)
        self.add_button = QPushButton(_("Add language…"))
        self.add_button.setToolTip(_("Write this text in one more language"))
        self.add_button.clicked.connect(self.add_language)
        self.tabs.setCornerWidget(self.add_button, Qt.Corner.TopRightCorner)
        # As tall as its boxes: a form's spare room goes below it, not into empty tabs.
        self.tabs.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.set_texts(texts or {})

    def languages(self) -> list[str]:
        return list(self._editors)

    def editor(self, code: str) -> QPlainTextEdit:
        """The box for `code`, added when it is not there yet."""
        if code not in self._editors:
            edit = _editor(code, self._lines)
            edit.setPlaceholderText(self._placeholder)
            self._editors[code] = edit
            self.tabs.addTab(edit, language_name(code))
        return self._editors[code]

    def set_texts(self, texts: dict[str, str]) -> None:
        codes: Iterable[str] = dict.fromkeys([*ALWAYS_OFFERED, *texts])
        for code in codes:
            self.editor(code).setPlainText(texts.get(code, ""))
        self.show_language(current_language().code)

    def texts(self) -> dict[str, str]:
        return {
            code: edit.toPlainText()
            for code, edit in self._editors.items()
            if edit.toPlainText().strip()
        }

    def show_language(self, code: str) -> None:
        edit = self._editors.get(code)
        if edit is not None:
            self.tabs.setCurrentWidget(edit)
            self.setFocusProxy(edit)

    def add_language(self) -> None:
        code = choose_language(self, self.languages())
        if code:
            self.editor(code)
            self.show_language(code)
            self._editors[code].setFocus()
