"""Ask for the passphrase of encrypted data when the app opens (or the recovery key)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from communitydesk.core.i18n import _
from communitydesk.ui.widgets.fields import error_label


class PassphraseDialog(QDialog):
    def __init__(self, problem: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Encrypted data"))
        self.setMinimumWidth(460)
        explanation = QLabel(
            _(
                "This organization's data is encrypted. Type its passphrase, or the recovery "
                "key written on paper when encryption was turned on."
            )
        )
        explanation.setWordWrap(True)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = error_label()
        if problem:
            self.error.setText(problem)
            self.error.show()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Open"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.passphrase)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    @staticmethod
    def ask(problem: str = "") -> str | None:
        dialog = PassphraseDialog(problem)
        return dialog.passphrase.text() if dialog.exec() else None
