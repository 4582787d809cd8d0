"""Choose one service of the directory by typing (e.g. for a person's referral card)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from communitydesk.services.directory import ServiceDirectory
from communitydesk.ui.tasks import TaskRunner
from communitydesk.ui.widgets.service_picker import ServicePicker


class ChooseServiceDialog(QDialog):
    def __init__(
        self,
        directory: ServiceDirectory,
        tasks: TaskRunner,
        title: str,
        explanation: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self.picker = ServicePicker(directory, tasks)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(False)
        self.picker.chosen.connect(lambda uid: ok.setEnabled(bool(uid)))
        label = QLabel(explanation)
        label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.picker)
        layout.addWidget(self.buttons)

    def chosen(self) -> str:
        """The chosen service's uid ("" for none)."""
        return self.picker.uid()
