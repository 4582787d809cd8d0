"""One household: its name, address and phone, who lives in it, and the contacts with them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.errors import CommunityDeskError, ValidationError
from communitydesk.core.i18n import _
from communitydesk.services.households import (
    HOUSEHOLD_ROLES,
    HouseholdDetail,
    HouseholdInput,
    HouseholdService,
    Placement,
)
from communitydesk.services.people import PeopleService
from communitydesk.services.support import SupportService
from communitydesk.ui.dialogs.contact_dialog import ContactDialog, contact_line
from communitydesk.ui.widgets.fields import FieldWithError
from communitydesk.ui.widgets.messages import show_error
from communitydesk.ui.widgets.person_picker import PersonPicker


class HouseholdDialog(QDialog):
    def __init__(
        self,
        households: HouseholdService,
        people: PeopleService,
        support: SupportService,
        detail: HouseholdDetail | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._households = households
        self._people = people
        self._support = support
        self.detail = detail
        # Where each person added here lived before, so that undo can take them back there.
        self.touched: dict[str, Placement] = {}
        self.setWindowTitle(detail.household.name if detail else _("New household"))
        self.resize(700, 780)
        self.name = QLineEdit()
        self.address = QPlainTextEdit()
        self.address.setFixedHeight(56)
        self.phone = QLineEdit()
        self.phone.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.name_field = FieldWithError(self.name)
        form = QFormLayout()
        form.addRow(_("Household name"), self.name_field)
        form.addRow(_("Address"), self.address)
        form.addRow(_("Phone"), self.phone)

        self.members_box = QGroupBox(_("Who lives here"))
        members = QVBoxLayout(self.members_box)
        self.members = QListWidget()
        members.addWidget(self.members)
        actions = QHBoxLayout()
        self.main_contact_button = QPushButton(_("Make main contact"))
        self.main_contact_button.clicked.connect(self._make_main_contact)
        self.remove_button = QPushButton(_("Remove from the household"))
        self.remove_button.clicked.connect(self._remove)
        actions.addWidget(self.main_contact_button)
        actions.addWidget(self.remove_button)
        actions.addStretch(1)
        members.addLayout(actions)
        add = QHBoxLayout()
        self.picker = PersonPicker(people, _("Find a person to add, by name"))
        self.role = QComboBox()
        for code, label in HOUSEHOLD_ROLES.items():
            self.role.addItem(_(label), code)
        self.add_button = QPushButton(_("Add"))
        self.add_button.clicked.connect(self._add)
        add.addWidget(self.picker, 4)
        add.addWidget(self.role, 1)
        add.addWidget(self.add_button)
        members.addLayout(add)
        self.members_box.setVisible(detail is not None)  # members join a saved household

        self.contacts_box = QGroupBox(_("Contacts with this family"))
        contacts = QVBoxLayout(self.contacts_box)
        self.contacts = QListWidget()
        contacts.addWidget(self.contacts)
        contact_actions = QHBoxLayout()
        self.log_button = QPushButton(_("Log a contact…"))
        self.log_button.clicked.connect(self._log_contact)
        self.take_back_button = QPushButton(_("Take back"))
        self.take_back_button.setToolTip(_("Remove a contact logged by mistake"))
        self.take_back_button.clicked.connect(self._take_back_contact)
        contact_actions.addWidget(self.log_button)
        contact_actions.addWidget(self.take_back_button)
        contact_actions.addStretch(1)
        contacts.addLayout(contact_actions)
        self.contacts_box.setVisible(detail is not None)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.members_box, 3)
        layout.addWidget(self.contacts_box, 2)
        layout.addWidget(self.buttons)
        if detail is not None:
            self.name.setText(detail.household.name)
            self.address.setPlainText(detail.household.address)
            self.phone.setText(detail.household.phone)
            self._show_members(detail)
            self._show_contacts()

    def _show_members(self, detail: HouseholdDetail) -> None:
        self.detail = detail
        self.members.clear()
        for member in detail.members:
            role = _(HOUSEHOLD_ROLES.get(member.role, HOUSEHOLD_ROLES["other"]))
            text = f"{member.display_name} — {role}"
            if member.birth_year:
                text += " " + _("(born {year})").format(year=member.birth_year)
            if member.uid == detail.main_contact_uid:
                text = "★ " + text
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, member.uid)
            self.members.addItem(item)

    def _show_contacts(self) -> None:
        self.contacts.clear()
        if self.detail is None:
            return
        try:
            records = self._support.for_household(self.detail.uid)
        except CommunityDeskError as error:
            show_error(self, error)
            return
        for record in records:
            item = QListWidgetItem(contact_line(record))
            item.setData(Qt.ItemDataRole.UserRole, record.uid)
            self.contacts.addItem(item)

    def _log_contact(self) -> None:
        if self.detail is None:
            return
        dialog = ContactDialog(self._support, self._people, household=self.detail, parent=self)
        if dialog.exec():
            self._show_contacts()

    def _take_back_contact(self) -> None:
        item = self.contacts.currentItem()
        if item is None:
            return
        try:
            self._support.remove(str(item.data(Qt.ItemDataRole.UserRole)))
        except CommunityDeskError as error:
            show_error(self, error)
        self._show_contacts()

    def _selected_member(self) -> str | None:
        item = self.members.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else None

    def _run(self, step: object) -> None:
        try:
            detail = step()  # type: ignore[operator]
        except CommunityDeskError as error:
            show_error(self, error)
            return
        assert isinstance(detail, HouseholdDetail)
        self._show_members(detail)

    def _make_main_contact(self) -> None:
        person = self._selected_member()
        if person and self.detail:
            uid = self.detail.uid
            self._run(lambda: self._households.set_main_contact(uid, person))

    def _remove(self) -> None:
        person = self._selected_member()
        if person and self.detail:
            uid = self.detail.uid
            self._run(lambda: self._households.remove_member(uid, person))

    def _add(self) -> None:
        person = self.picker.uid()
        if person and self.detail:
            if person not in self.touched:
                try:
                    self.touched[person] = self._households.placements((person,))[0]
                except CommunityDeskError as error:
                    show_error(self, error)
                    return
            uid, role = self.detail.uid, str(self.role.currentData())
            self._run(lambda: self._households.add_member(uid, person, role))

    def accept(self) -> None:
        self.name_field.clear_error()
        household = HouseholdInput(self.name.text(), self.address.toPlainText(), self.phone.text())
        try:
            if self.detail is None:
                self.detail = self._households.create(household)
            else:
                self.detail = self._households.update(self.detail.uid, household)
        except ValidationError as error:
            self.name_field.show_error(error.message)
            return
        except CommunityDeskError as error:
            show_error(self, error)
            return
        super().accept()
