"""One service of the directory, with everything a referral card holds: who offers it, what it
is and for whom (in several languages), where and when, the people to call, and when someone
last checked that it is still so."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.errors import CommunityDeskError, ValidationError
from communitydesk.core.i18n import _, embedded
from communitydesk.services.directory import (
    LocationInput,
    OrganizationRecord,
    ServiceDirectory,
    ServiceInput,
    ServiceRecord,
)
from communitydesk.services.lookups import LookupList, LookupService
from communitydesk.ui.dialogs.organization_dialog import (
    ContactPeopleEditor,
    OrganizationDialog,
    left_to_right_field,
)
from communitydesk.ui.tasks import TaskRunner
from communitydesk.ui.widgets.dates import date_edit, qdate, to_date
from communitydesk.ui.widgets.fields import FieldWithError
from communitydesk.ui.widgets.language_choice import LanguageChecks
from communitydesk.ui.widgets.multilingual_text import MultilingualText
from communitydesk.ui.widgets.saving_dialog import SavingDialog

NEW_ORGANIZATION = "\0new"  # the combo item that opens a new organization's form
_YES, _NO, _UNKNOWN = "yes", "no", ""


@dataclass(frozen=True)
class ServiceChoices:
    """What a service form chooses from, read together off the UI thread."""

    organizations: tuple[OrganizationRecord, ...]
    categories: LookupList
    # Who checked services last: volunteers check in batches, the next check is likely theirs.
    checker: str = ""


def load_service_choices(
    directory: ServiceDirectory, lookups: LookupService, language: str
) -> ServiceChoices:
    return ServiceChoices(
        organizations=directory.organizations(),
        categories=lookups.get_list("referral_category", language),
        checker=directory.last_checker(),
    )


def yes_no_unknown() -> QComboBox:
    combo = QComboBox()
    combo.addItem(_("Not known"), _UNKNOWN)
    combo.addItem(_("Yes"), _YES)
    combo.addItem(_("No"), _NO)
    return combo


def set_yes_no(combo: QComboBox, value: bool | None) -> None:
    code = _UNKNOWN if value is None else (_YES if value else _NO)
    combo.setCurrentIndex(max(0, combo.findData(code)))


def yes_no(combo: QComboBox) -> bool | None:
    code = combo.currentData()
    return None if code == _UNKNOWN else code == _YES


def _lines(edit: QPlainTextEdit, count: int) -> QPlainTextEdit:
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * count + 2 * edit.frameWidth() + 8)
    return edit


def _page(body: QWidget) -> QScrollArea:
    """A tab that scrolls rather than pushing the dialog past a small screen."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setWidget(body)
    return scroll


class ServiceDialog(SavingDialog):
    """A new service (no `service`) or an existing one; `saved` holds the result when accepted.
    `organization_uid` preselects the organization of a new service."""

    def __init__(
        self,
        directory: ServiceDirectory,
        tasks: TaskRunner,
        choices: ServiceChoices,
        service: ServiceRecord | None = None,
        organization_uid: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(tasks, parent)
        self._directory = directory
        self._service = service
        self._checker = choices.checker
        self._organizations = list(choices.organizations)
        self.saved: ServiceRecord | None = None
        self._tab_of: dict[str, int] = {}  # field name -> the tab it is on
        current = service or ServiceRecord(organization_uid=organization_uid, name="")
        self.setWindowTitle(current.name or _("New service"))
        self.resize(760, 560)

        # --- Service
        self.organization = QComboBox()
        self.organization.setMinimumContentsLength(20)
        self.organization.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self._fill_organizations(current.organization_uid, current.organization_name)
        self._organization_index = self.organization.currentIndex()
        self.organization.activated.connect(self._organization_chosen)
        self.name = QLineEdit(current.name)
        self.name.setPlaceholderText(_("e.g. Walk-in clinic, Homework help, Food bank"))
        self.category = QComboBox()
        self.category.addItem(_("Not chosen"), "")
        for entry in choices.categories.entries:
            if entry.is_active or entry.code == current.category:
                self.category.addItem(entry.label, entry.code)
        self.category.setCurrentIndex(max(0, self.category.findData(current.category)))
        self.description = MultilingualText(
            current.description, lines=5, placeholder=_("What the service does, in plain words")
        )
        self.phone = left_to_right_field(QLineEdit(current.phone))
        self.email = left_to_right_field(QLineEdit(current.email))
        self.website = left_to_right_field(QLineEdit(current.website))

        # --- For the family
        self.eligibility = MultilingualText(
            current.eligibility, placeholder=_("Who can use it, in words a family understands")
        )
        self.what_to_bring = MultilingualText(
            current.what_to_bring,
            lines=2,
            placeholder=_("e.g. Health card, proof of address; none needed"),
        )
        self.languages = LanguageChecks(current.languages)
        self.languages.list.setMinimumHeight(self.fontMetrics().lineSpacing() * 6)
        self.in_french = QCheckBox(_("Service available in French"))
        self.in_french.setChecked(current.in_french)
        self.childcare = QCheckBox(_("Childcare on site"))
        self.childcare.setChecked(current.childcare)
        self.regardless_of_status = yes_no_unknown()
        self.regardless_of_status.setToolTip(
            _("The service's own policy. Never write down anyone's status.")
        )
        set_yes_no(self.regardless_of_status, current.regardless_of_status)
        self.cost = QLineEdit(current.cost)
        self.cost.setPlaceholderText(_("e.g. Free; $5 a visit; sliding scale"))
        self.how_to_refer = _lines(QPlainTextEdit(current.how_to_refer), 3)
        self.how_to_refer.setPlaceholderText(
            _("e.g. Call the intake line and ask for Nadia; walk in; fill the online form")
        )

        # --- Where and when
        place = current.location
        self._place = place  # what the form does not show (a place name, the country) stays
        self.address_1 = QLineEdit(place.address_1)
        self.address_1.setPlaceholderText(_("Number and street"))
        self.address_2 = QLineEdit(place.address_2)
        self.address_2.setPlaceholderText(_("Suite, floor, entrance"))
        self.city = QLineEdit(place.city)
        self.province = QLineEdit(place.province)
        self.province.setMaximumWidth(self.fontMetrics().horizontalAdvance("MMMMMM") + 16)
        self.postal_code = left_to_right_field(QLineEdit(place.postal_code))
        self.postal_code.setMaximumWidth(self.fontMetrics().horizontalAdvance("M0M 0M0M") + 16)
        self.transit = _lines(QPlainTextEdit(place.transit), 2)
        self.transit.setPlaceholderText(_("e.g. Bus 7 to Main St.; 5 minutes from the metro"))
        self.wheelchair = yes_no_unknown()
        set_yes_no(self.wheelchair, place.wheelchair_accessible)
        self.accessibility = _lines(QPlainTextEdit(place.accessibility), 2)
        self.accessibility.setPlaceholderText(
            _("e.g. Elevator at the back door; quiet room on request")
        )
        self.hours = QLineEdit(current.hours)
        self.hours.setPlaceholderText(_("e.g. Mon–Fri 9:00–17:00, Thu until 20:00"))
        self.open_evenings = QCheckBox(_("Open evenings"))
        self.open_evenings.setChecked(current.open_evenings)
        self.open_weekends = QCheckBox(_("Open weekends"))
        self.open_weekends.setChecked(current.open_weekends)

        # --- Contact people
        self.contacts = ContactPeopleEditor()
        self.contacts.set_contacts(current.contacts)

        # --- Checking
        self.verified = QCheckBox(_("Last verified on"))
        self.verified_on = date_edit(current.verified_on or date.today())
        self.verified.toggled.connect(self.verified_on.setEnabled)
        self.verified.setChecked(current.verified_on is not None)
        self.verified_on.setEnabled(current.verified_on is not None)
        self.verified_today = QPushButton(_("Verified today"))
        self.verified_today.setToolTip(_("Someone called or read the website today"))
        self.verified_today.clicked.connect(self.mark_verified_today)
        self.verified_by = QLineEdit(current.verified_by)
        self.verified_by.setPlaceholderText(_("Who checked"))
        self.is_active = QCheckBox(_("Active: families can still be referred here"))
        self.is_active.setChecked(current.is_active)
        self.notes = _lines(QPlainTextEdit(current.notes), 4)
        self.notes.setPlaceholderText(_("For the group only; not printed on cards"))

        self.tabs = QTabWidget()
        self.tabs.setUsesScrollButtons(True)
        self._add_tab(
            _("Service"),
            [
                ("organization", _("Organization"), self.organization),
                ("name", _("Service"), self.name),
                ("category", _("Category"), self.category),
                ("description", _("Description"), self.description),
                ("phone", _("Phone"), self.phone),
                ("email", _("E-mail"), self.email),
                ("website", _("Website"), self.website),
            ],
        )
        self._add_tab(
            _("For the family"),
            [
                ("eligibility", _("Who it is for"), self.eligibility),
                ("what_to_bring", _("What to bring"), self.what_to_bring),
                ("how_to_refer", _("How to refer"), self.how_to_refer),
                ("cost", _("Cost"), self.cost),
                (
                    "regardless_of_status",
                    _("Served regardless of immigration status"),
                    self.regardless_of_status,
                ),
                ("languages", _("Languages offered"), self.languages),
                ("in_french", "", self.in_french),
                ("childcare", "", self.childcare),
            ],
        )
        town = QWidget()
        town_row = QHBoxLayout(town)
        town_row.setContentsMargins(0, 0, 0, 0)
        self.fields["city"] = FieldWithError(self.city)
        self.fields["province"] = FieldWithError(self.province)
        self.fields["postal_code"] = FieldWithError(self.postal_code)
        town_row.addWidget(self.fields["city"], 1)
        town_row.addWidget(QLabel(_("Province")))
        town_row.addWidget(self.fields["province"])
        town_row.addWidget(QLabel(_("Postal code")))
        town_row.addWidget(self.fields["postal_code"])
        when = QWidget()
        when_row = QHBoxLayout(when)
        when_row.setContentsMargins(0, 0, 0, 0)
        when_row.addWidget(self.open_evenings)
        when_row.addWidget(self.open_weekends)
        when_row.addStretch(1)
        where = self._add_tab(
            _("Where and when"),
            [
                ("address_1", _("Address"), self.address_1),
                ("address_2", "", self.address_2),
                ("", _("City"), town),
                ("transit", _("Transit"), self.transit),
                ("wheelchair_accessible", _("Wheelchair accessible"), self.wheelchair),
                ("accessibility", _("Accessibility notes"), self.accessibility),
                ("hours", _("Hours"), self.hours),
                ("", "", when),
            ],
        )
        for key in ("city", "province", "postal_code"):
            self._tab_of[key] = where
        people = QWidget()
        people_layout = QVBoxLayout(people)
        hint = QLabel(
            _(
                "The people to call for this service; a referral works best as a call to a "
                "person. People who answer for all the organization's services are entered "
                "with the organization."
            )
        )
        hint.setWordWrap(True)
        self.organization_contacts = QLabel()
        self.organization_contacts.setWordWrap(True)
        self.organization_contacts.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self._show_organization_contacts(current)
        self.fields["contacts"] = FieldWithError(self.contacts)
        people_layout.addWidget(hint)
        people_layout.addWidget(self.fields["contacts"], 1)
        people_layout.addWidget(self.organization_contacts)
        self._tab_of["contacts"] = self.tabs.addTab(people, _("Contact people"))
        checked = QWidget()
        checked_row = QHBoxLayout(checked)
        checked_row.setContentsMargins(0, 0, 0, 0)
        checked_row.addWidget(self.verified)
        checked_row.addWidget(self.verified_on)
        checked_row.addWidget(self.verified_today)
        checked_row.addStretch(1)
        self._add_tab(
            _("Checking"),
            [
                ("verified_on", "", checked),
                ("verified_by", _("By"), self.verified_by),
                ("is_active", "", self.is_active),
                ("notes", _("Notes"), self.notes),
            ],
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)
        (self.organization if not current.organization_uid else self.name).setFocus()

    def _add_tab(self, title: str, rows: list[tuple[str, str, QWidget]]) -> int:
        body = QWidget()
        column = QVBoxLayout(body)
        form = QFormLayout()
        column.addLayout(form)
        column.addStretch(1)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        index = self.tabs.count()
        for key, label, widget in rows:
            shown: QWidget = widget
            if key:
                shown = self.fields[key] = FieldWithError(widget)
                self._tab_of[key] = index
            form.addRow(label, shown)  # an empty label keeps a box in line with the others
        return self.tabs.addTab(_page(body), title)

    # --- organizations ----------------------------------------------------------------------

    def _fill_organizations(self, chosen: str, chosen_name: str = "") -> None:
        self.organization.clear()
        self.organization.addItem(_("Choose the organization"), "")
        for organization in self._organizations:
            self.organization.addItem(organization.name, organization.uid)
        if chosen and self.organization.findData(chosen) < 0:
            self.organization.addItem(_("{name} (deleted)").format(name=chosen_name), chosen)
        self.organization.addItem(_("New organization…"), NEW_ORGANIZATION)
        self.organization.setCurrentIndex(max(0, self.organization.findData(chosen)))

    def _organization_chosen(self, index: int) -> None:
        if self.organization.itemData(index) != NEW_ORGANIZATION:
            self._organization_index = index
            return
        dialog = OrganizationDialog(self._directory, self._tasks, parent=self)
        if dialog.exec() and dialog.saved is not None:
            self._organizations.append(dialog.saved.record)
            self._organizations.sort(key=lambda organization: organization.name.casefold())
            self._fill_organizations(dialog.saved.record.uid)
            self._organization_index = self.organization.currentIndex()
        else:
            self.organization.setCurrentIndex(self._organization_index)

    def _show_organization_contacts(self, service: ServiceRecord) -> None:
        people = service.organization_contacts
        self.organization_contacts.setVisible(bool(people))
        if people:
            names = "; ".join(
                _("{name}, {phone}").format(name=c.name, phone=embedded(c.phone))
                if c.phone
                else c.name
                for c in people
            )
            self.organization_contacts.setText(
                _("Also reached through the organization: {people}").format(people=names)
            )

    # --- checking ---------------------------------------------------------------------------

    def mark_verified_today(self) -> None:
        self.verified.setChecked(True)
        self.verified_on.setDate(qdate(date.today()))
        if not self.verified_by.text().strip():
            self.verified_by.setText(self._checker)
        self.verified_by.setFocus()

    # --- saving -----------------------------------------------------------------------------

    def service_input(self) -> ServiceInput:
        organization = str(self.organization.currentData() or "")
        return ServiceInput(
            organization_uid="" if organization == NEW_ORGANIZATION else organization,
            name=self.name.text(),
            category=str(self.category.currentData() or ""),
            description=self.description.texts(),
            eligibility=self.eligibility.texts(),
            what_to_bring=self.what_to_bring.texts(),
            languages=self.languages.checked(),
            in_french=self.in_french.isChecked(),
            hours=self.hours.text(),
            open_evenings=self.open_evenings.isChecked(),
            open_weekends=self.open_weekends.isChecked(),
            childcare=self.childcare.isChecked(),
            regardless_of_status=yes_no(self.regardless_of_status),
            cost=self.cost.text(),
            how_to_refer=self.how_to_refer.toPlainText(),
            phone=self.phone.text(),
            email=self.email.text(),
            website=self.website.text(),
            verified_on=to_date(self.verified_on) if self.verified.isChecked() else None,
            verified_by=self.verified_by.text(),
            is_active=self.is_active.isChecked(),
            notes=self.notes.toPlainText(),
            location=LocationInput(
                name=self._place.name,
                address_1=self.address_1.text(),
                address_2=self.address_2.text(),
                city=self.city.text(),
                province=self.province.text(),
                postal_code=self.postal_code.text(),
                country=self._place.country,
                transit=self.transit.toPlainText(),
                wheelchair_accessible=yes_no(self.wheelchair),
                accessibility=self.accessibility.toPlainText(),
            ),
            contacts=self.contacts.contacts(),
        )

    def save_step(self) -> Callable[[], ServiceRecord]:
        service, directory = self.service_input(), self._directory
        uid = self._service.uid if self._service else ""

        def save() -> ServiceRecord:
            return directory.service(directory.save_service(service, uid))

        return save

    def show_problem(self, error: CommunityDeskError) -> None:
        if isinstance(error, ValidationError) and error.field in self._tab_of:
            self.tabs.setCurrentIndex(self._tab_of[error.field])
        super().show_problem(error)

    def saved_result(self, result: Any) -> None:
        assert isinstance(result, ServiceRecord)
        self.saved = result
