"""Choose one person from the roster by typing their name (e.g. to make them a volunteer)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from communitydesk.core.i18n import _
from communitydesk.services.people import PeopleService
from communitydesk.ui.widgets.person_picker import PersonPicker


class ChoosePersonDialog(QDialog):
    def __init__(
        self, people: PeopleService, title: str, explanation: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self.picker = PersonPicker(people, _("Type a name"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(False)
        self.picker.found.connect(lambda count: ok.setEnabled(count > 0))
        label = QLabel(explanation)
        label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.picker)
        layout.addWidget(self.buttons)

    def chosen(self) -> tuple[str, str]:
        """The chosen person's uid and the name shown for them."""
        return self.picker.uid(), self.picker.choices.currentText()
