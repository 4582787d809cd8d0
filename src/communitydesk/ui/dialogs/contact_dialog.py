"""Log one-to-one support: with whom, when, what kind, how long, in which language, by whom."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.errors import CommunityDeskError
from communitydesk.core.i18n import _, format_date, language_name
from communitydesk.core.text import fold
from communitydesk.services.households import HouseholdDetail
from communitydesk.services.people import PeopleService
from communitydesk.services.support import (
    LONGEST_MINUTES,
    NOTE_LIMIT,
    SUPPORT_KINDS,
    ContactInput,
    ContactRecord,
    SupportService,
)
from communitydesk.ui.dialogs.person_dialog import COMMON_LANGUAGES
from communitydesk.ui.widgets.fields import error_label
from communitydesk.ui.widgets.person_picker import PersonPicker

NOT_NOTED = 0  # the minutes box's "not noted" value


def contact_line(record: ContactRecord) -> str:
    """One line of a contact log: '12 Nov 2026 — Interpretation — Hodan (45 min, by Amina): …'."""
    details = []
    if record.minutes:
        details.append(_("{count} min").format(count=record.minutes))
    if record.language:
        details.append(language_name(record.language))
    if record.volunteer:
        details.append(_("by {name}").format(name=record.volunteer))
    text = " — ".join(
        (format_date(record.contact_on), _(SUPPORT_KINDS[record.kind]), record.with_whom)
    )
    if details:
        text += " (" + ", ".join(details) + ")"
    if record.note:
        text += ": " + record.note
    return text


class ContactDialog(QDialog):
    """For one person (`person` = uid and name) or a household and its members."""

    def __init__(
        self,
        support: SupportService,
        people: PeopleService,
        household: HouseholdDetail | None = None,
        person: tuple[str, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._support = support
        self._household = household
        self.saved: ContactRecord | None = None
        self.setWindowTitle(_("Log a contact"))
        self.setMinimumWidth(560)
        self.with_whom = QComboBox()
        if household is not None:
            self.with_whom.addItem(
                _("The whole household ({name})").format(name=household.household.name), ""
            )
            for member in household.members:
                self.with_whom.addItem(member.display_name, member.uid)
        if person is not None:
            self.with_whom.addItem(person[1], person[0])
        today = date.today()
        self.contact_on = QDateEdit(QDate(today.year, today.month, today.day))
        self.contact_on.setCalendarPopup(True)
        self.contact_on.setMaximumDate(QDate(today.year, today.month, today.day))
        self.kind = QComboBox()
        for code, label in SUPPORT_KINDS.items():
            self.kind.addItem(_(label), code)
        self.minutes = QSpinBox()
        self.minutes.setRange(NOT_NOTED, LONGEST_MINUTES)
        self.minutes.setSingleStep(15)
        self.minutes.setSpecialValueText(_("not noted"))
        self.minutes.setSuffix(" " + _("min"))
        self.language = QComboBox()
        self.language.addItem(_("not noted"), "")
        for code in sorted(COMMON_LANGUAGES, key=lambda c: fold(language_name(c))):
            self.language.addItem(language_name(code), code)
        self.volunteer = PersonPicker(
            people, _("Who helped: type a name"), none_label=_("not noted")
        )
        self.note = QLineEdit()
        self.note.setMaxLength(NOTE_LIMIT)
        self.note.setPlaceholderText(_("Short, and nothing sensitive: no health or status"))
        self.error = error_label()
        form = QFormLayout()
        form.addRow(_("With"), self.with_whom)
        form.addRow(_("Date"), self.contact_on)
        form.addRow(_("Kind of support"), self.kind)
        form.addRow(_("Time spent"), self.minutes)
        form.addRow(_("Language"), self.language)
        form.addRow(_("Volunteer"), self.volunteer)
        form.addRow(_("Note"), self.note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def contact(self) -> ContactInput:
        day = self.contact_on.date()
        return ContactInput(
            contact_on=date(day.year(), day.month(), day.day()),
            kind=str(self.kind.currentData()),
            person_uid=str(self.with_whom.currentData() or ""),
            household_uid=self._household.uid if self._household else "",
            minutes=self.minutes.value() or None,
            language=str(self.language.currentData() or ""),
            volunteer_uid=self.volunteer.uid(),
            note=self.note.text(),
        )

    def accept(self) -> None:
        try:
            self.saved = self._support.log(self.contact())
        except CommunityDeskError as error:
            self.error.setText(error.message)
            self.error.show()
            return
        super().accept()
