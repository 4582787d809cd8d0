"""Form helpers: a field with its own error line, so a problem is shown next to where it is,
and combo boxes that fit a small screen."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QSizePolicy, QVBoxLayout, QWidget

ERROR_STYLE = "color: #b00020;"


def error_label() -> QLabel:
    """A hidden red line for a form's problem, shown in the volunteer's language when needed."""
    label = QLabel()
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


class FieldWithError(QWidget):
    def __init__(self, field: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.error = error_label()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(field)
        layout.addWidget(self.error)
        self.setFocusProxy(field)

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        self.field.setFocus()

    def clear_error(self) -> None:
        self.error.clear()
        self.error.hide()


def clear_errors(fields: dict[str, FieldWithError]) -> None:
    for field in fields.values():
        field.clear_error()


def narrowable(combo: QComboBox, characters: int = 8, widest: int = 0) -> None:
    """Let a combo box shrink to `characters` on a small screen and grow up to its longest entry
    (or `widest` pixels, for entries read later) where there is room; give it a stretch factor
    in its row so that it does grow."""
    longest = widest or combo.sizeHint().width()
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(characters)
    combo.setMaximumWidth(max(longest, combo.minimumSizeHint().width()))
    combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
