"""The Settings box where the group leader adds and removes the laptop's profiles."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.errors import CommunityDeskError
from communitydesk.core.i18n import _
from communitydesk.services.access import ROLE_HELP, ROLES, can_manage_settings
from communitydesk.services.profiles import ProfileService
from communitydesk.ui.widgets.fields import error_label
from communitydesk.ui.widgets.messages import show_error


class ProfilesBox(QGroupBox):
    changed = Signal()  # a profile was added or removed (the first one signs its maker in)

    def __init__(self, profiles: ProfileService, parent: QWidget | None = None) -> None:
        super().__init__(_("Who uses this laptop"), parent)
        self._profiles = profiles
        explanation = QLabel(
            _(
                "Give each volunteer a profile with their role: the app then opens on “who is "
                "using the app?”, and each role sees and changes only its part. It is a "
                "safeguard between honest people; encrypting the data is the real protection."
            )
        )
        explanation.setWordWrap(True)
        self.list = QListWidget()
        self.list.setMaximumHeight(120)
        self.name = QLineEdit()
        self.name.setPlaceholderText(_("Name"))
        self.role = QComboBox()
        for code, label in ROLES.items():
            self.role.addItem(_(label), code)
            self.role.setItemData(
                self.role.count() - 1, _(ROLE_HELP[code]), Qt.ItemDataRole.ToolTipRole
            )
        self.pin = QLineEdit()
        self.pin.setPlaceholderText(_("PIN (optional, 4 to 8 digits)"))
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(8)
        self.add_button = QPushButton(_("Add the profile"))
        self.add_button.clicked.connect(self.add)
        self.remove_button = QPushButton(_("Remove the profile"))
        self.remove_button.clicked.connect(self.remove)
        self.error = error_label()
        add_row = QHBoxLayout()
        for widget, stretch in ((self.name, 2), (self.role, 2), (self.pin, 2)):
            add_row.addWidget(widget, stretch)
        add_row.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.list)
        layout.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(add_row)
        layout.addWidget(self.error)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        for profile in self._profiles.list():
            item = QListWidgetItem(f"{profile.name} — {_(ROLES[profile.role])}")
            item.setData(Qt.ItemDataRole.UserRole, profile.uid)
            self.list.addItem(item)
        current = self._profiles.current
        self.setEnabled(can_manage_settings(current.role if current else None))
        if self.list.count() == 0:
            self.role.setCurrentIndex(self.role.findData("leader"))

    def add(self) -> None:
        self.error.hide()
        try:
            self._profiles.add(self.name.text(), str(self.role.currentData()), self.pin.text())
        except CommunityDeskError as error:
            self.error.setText(error.message)
            self.error.show()
            return
        self.name.clear()
        self.pin.clear()
        self.refresh()
        self.changed.emit()

    def remove(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        try:
            self._profiles.remove(str(item.data(Qt.ItemDataRole.UserRole)))
        except CommunityDeskError as error:
            show_error(self, error)
            return
        self.refresh()
        self.changed.emit()
