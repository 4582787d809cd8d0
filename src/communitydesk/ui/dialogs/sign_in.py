""" "Who is using the app?": choose your profile and type its PIN, when the laptop has profiles."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.errors import CommunityDeskError
from communitydesk.core.i18n import _
from communitydesk.services.access import ROLES
from communitydesk.services.profiles import ProfileRow, ProfileService
from communitydesk.ui.widgets.fields import error_label


class SignInDialog(QDialog):
    def __init__(self, profiles: ProfileService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._profiles = profiles
        self.signed_in: ProfileRow | None = None
        self.setWindowTitle(_("Who is using the app?"))
        self.setMinimumWidth(460)
        self.people = QListWidget()
        for profile in profiles.list():
            item = QListWidgetItem(f"{profile.name} — {_(ROLES[profile.role])}")
            item.setData(Qt.ItemDataRole.UserRole, profile)
            self.people.addItem(item)
        self.people.setCurrentRow(0)
        self.pin_label = QLabel(_("PIN"))
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(8)
        self.people.currentItemChanged.connect(lambda *_args: self._chosen())
        self.people.itemActivated.connect(lambda *_args: self.pin.setFocus())
        self.error = error_label()
        note = QLabel(
            _(
                "Profiles keep each volunteer to their own part of the work on this shared "
                "laptop. They are a safeguard between honest people, not a lock: encrypting "
                "the data folder is what protects it."
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #555555;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Sign in"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.people)
        layout.addWidget(self.pin_label)
        layout.addWidget(self.pin)
        layout.addWidget(self.error)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self._chosen()

    def chosen(self) -> ProfileRow | None:
        item = self.people.currentItem()
        profile = item.data(Qt.ItemDataRole.UserRole) if item else None
        return profile if isinstance(profile, ProfileRow) else None

    def _chosen(self) -> None:
        profile = self.chosen()
        needs_pin = profile is not None and profile.has_pin
        self.pin_label.setVisible(needs_pin)
        self.pin.setVisible(needs_pin)
        self.pin.clear()
        self.error.hide()

    def accept(self) -> None:
        profile = self.chosen()
        if profile is None:
            return
        try:
            self.signed_in = self._profiles.sign_in(profile.uid, self.pin.text())
        except CommunityDeskError as error:
            self.error.setText(error.message)
            self.error.show()
            self.pin.selectAll()
            self.pin.setFocus()
            return
        super().accept()
