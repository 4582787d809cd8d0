"""Turn encryption of the data on (a passphrase typed twice) or off (the passphrase once)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.i18n import _
from communitydesk.ui.widgets.fields import error_label

SHORTEST = 8


class EncryptionDialog(QDialog):
    def __init__(self, turn_on: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.turn_on = turn_on
        self.setWindowTitle(_("Encrypt the data") if turn_on else _("Turn encryption off"))
        self.setMinimumWidth(520)
        text = (
            _(
                "Encrypted, the data and its backups cannot be read without the passphrase, "
                "even if the laptop is lost. Choose a passphrase of a few words that the group "
                "leaders will remember. A recovery key is shown once afterwards: write it on "
                "paper and keep it apart from the laptop."
            )
            if turn_on
            else _(
                "Without encryption, anyone who gets the laptop or a backup can read the data. "
                "Type the passphrase to turn it off."
            )
        )
        explanation = QLabel(text)
        explanation.setWordWrap(True)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit()
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = error_label()
        form = QFormLayout()
        form.addRow(_("Passphrase"), self.passphrase)
        if turn_on:
            form.addRow(_("The same again"), self.again)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def accept(self) -> None:
        typed = self.passphrase.text()
        problem = ""
        if self.turn_on and len(typed) < SHORTEST:
            problem = _("Choose a passphrase of at least 8 characters.")
        elif self.turn_on and self.again.text() != typed:
            problem = _("The two passphrases differ; type them again.")
        if problem:
            self.error.setText(problem)
            self.error.show()
            return
        super().accept()
