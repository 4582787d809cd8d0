"""A person's volunteer record: since when, skills, availability, emergency contact, the roles
they hold (with who backs them up), and their screenings and trainings."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.errors import CommunityDeskError, ValidationError
from communitydesk.core.i18n import _, format_date
from communitydesk.services.people import PeopleService
from communitydesk.services.volunteers import (
    CHECK_KINDS,
    VolunteerDetail,
    VolunteerInput,
    VolunteerService,
)
from communitydesk.ui.widgets.dates import date_edit, to_date
from communitydesk.ui.widgets.fields import error_label
from communitydesk.ui.widgets.messages import show_error
from communitydesk.ui.widgets.person_picker import PersonPicker


class VolunteerDialog(QDialog):
    def __init__(
        self,
        volunteers: VolunteerService,
        people: PeopleService,
        person_uid: str,
        person_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._volunteers = volunteers
        self._people = people
        self._person_uid = person_uid
        self.detail = volunteers.get(person_uid)
        self.setWindowTitle(_("Volunteer record: {name}").format(name=person_name))
        self.resize(780, 640)  # room for the French and Arabic placeholders
        current = self.detail.volunteer if self.detail else VolunteerInput(date.today())
        self.start_date = date_edit(current.start_date)
        self.start_date.setMaximumDate(QDate.currentDate())
        self.skills = QLineEdit(current.skills)
        self.availability = QLineEdit(current.availability)
        self.availability.setPlaceholderText(_("e.g. Saturday mornings, evenings"))
        self.emergency_name = QLineEdit(current.emergency_name)
        self.emergency_phone = QLineEdit(current.emergency_phone)
        self.emergency_phone.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.error = error_label()
        form = QFormLayout()
        form.addRow(_("Volunteering since"), self.start_date)
        form.addRow(_("Skills"), self.skills)
        form.addRow(_("Availability"), self.availability)
        form.addRow(_("Emergency contact"), self.emergency_name)
        form.addRow(_("Emergency phone"), self.emergency_phone)

        self.roles_box = QGroupBox(_("Roles and who backs them up"))
        roles = QVBoxLayout(self.roles_box)
        self.roles = QListWidget()
        self.roles.setFixedHeight(80)
        roles.addWidget(self.roles)
        add_role = QHBoxLayout()
        self.role = QLineEdit()
        self.role.setPlaceholderText(_("Role, e.g. phone tree"))
        self.backup = PersonPicker(
            people, _("Backup: type a name"), none_label=_("no backup yet"), exclude=person_uid
        )
        self.add_role_button = QPushButton(_("Add role"))
        self.add_role_button.clicked.connect(self._add_role)
        role_widgets: list[QWidget] = [
            self.role,
            self.backup,
            self.add_role_button,
        ]
        for role_widget in role_widgets:
            add_role.addWidget(role_widget)
        roles.addLayout(add_role)

        self.checks_box = QGroupBox(_("Screenings and trainings"))
        checks = QVBoxLayout(self.checks_box)
        self.checks = QListWidget()
        self.checks.setFixedHeight(90)
        checks.addWidget(self.checks)
        add_check = QHBoxLayout()
        self.check_kind = QComboBox()
        for code, label in CHECK_KINDS.items():
            self.check_kind.addItem(_(label), code)
        self.check_name = QLineEdit()
        self.check_name.setPlaceholderText(_("e.g. Police / vulnerable-sector check"))
        self.done_on = date_edit(date.today())
        self.expires = QCheckBox(_("expires on"))
        self.expires_on = date_edit(date.today().replace(year=date.today().year + 3))
        self.add_check_button = QPushButton(_("Add"))
        self.add_check_button.clicked.connect(self._add_check)
        for widget in (
            self.check_kind,
            self.check_name,
            self.done_on,
            self.expires,
            self.expires_on,
            self.add_check_button,
        ):
            add_check.addWidget(widget)
        checks.addLayout(add_check)
        self.remove_button = QPushButton(_("Remove the selected role or check"))
        self.remove_button.clicked.connect(self._remove_selected)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.roles_box)
        layout.addWidget(self.checks_box)
        layout.addWidget(self.remove_button)
        layout.addWidget(self.buttons)
        self._show(self.detail)

    def _show(self, detail: VolunteerDetail | None) -> None:
        self.detail = detail
        for widget in (self.roles_box, self.checks_box, self.remove_button):
            widget.setEnabled(detail is not None)  # roles and checks belong to a volunteer
        self.roles.clear()
        self.checks.clear()
        if detail is None:
            return
        for role in detail.roles:
            text = (
                role.role
                + " — "
                + (
                    _("backup: {name}").format(name=role.backup)
                    if role.backup
                    else _("no backup yet")
                )
            )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, role.uid)
            self.roles.addItem(item)
        for check in detail.checks:
            text = _("{kind}: {name}, done {date}").format(
                kind=_(CHECK_KINDS[check.kind]), name=check.name, date=format_date(check.done_on)
            )
            if check.expires_on:
                text += " — " + _("expires {date}").format(date=format_date(check.expires_on))
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, check.uid)
            self.checks.addItem(item)

    def _problem(self, error: CommunityDeskError) -> None:
        if isinstance(error, ValidationError):
            self.error.setText(error.message)
            self.error.show()
        else:
            show_error(self, error)

    def save(self) -> None:
        self.error.hide()
        volunteer = VolunteerInput(
            to_date(self.start_date),
            self.skills.text(),
            self.availability.text(),
            self.emergency_name.text(),
            self.emergency_phone.text(),
        )
        try:
            self._show(self._volunteers.enroll(self._person_uid, volunteer))
        except CommunityDeskError as error:
            self._problem(error)
            return
        self.emergency_phone.setText(self.detail.volunteer.emergency_phone if self.detail else "")

    def _add_role(self) -> None:
        self.error.hide()
        try:
            detail = self._volunteers.add_role(
                self._person_uid, self.role.text(), self.backup.uid()
            )
        except CommunityDeskError as error:
            self._problem(error)
            return
        self.role.clear()
        self.backup.clear()
        self._show(detail)

    def _add_check(self) -> None:
        self.error.hide()
        try:
            detail = self._volunteers.add_check(
                self._person_uid,
                str(self.check_kind.currentData()),
                self.check_name.text(),
                to_date(self.done_on),
                to_date(self.expires_on) if self.expires.isChecked() else None,
            )
        except CommunityDeskError as error:
            self._problem(error)
            return
        self.check_name.clear()
        self._show(detail)

    def _remove_selected(self) -> None:
        item = self.roles.currentItem() or self.checks.currentItem()
        if item is None:
            return
        try:
            self._volunteers.remove(str(item.data(Qt.ItemDataRole.UserRole)))
        except CommunityDeskError as error:
            self._problem(error)
            return
        self._show(self._volunteers.get(self._person_uid))
