"""A person's record: names in any script, contact, background, notes, and consent at a glance."""

from __future__ import annotations

from datetime import date
from typing import Final

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.errors import CommunityDeskError, ValidationError
from communitydesk.core.i18n import _, country_names, format_date, language_name
from communitydesk.services.people import (
    AGE_BANDS,
    CONSENT_SCOPES,
    SCOPE_LABELS,
    ConsentInput,
    PeopleService,
    PersonDetail,
    PersonInput,
)
from communitydesk.ui.widgets.fields import FieldWithError, clear_errors, error_label
from communitydesk.ui.widgets.messages import show_error

# The languages offered first; any other code already on the record is shown too.
COMMON_LANGUAGES: Final = (
    "en",
    "fr",
    "ar",
    "so",
    "es",
    "vi",
    "fa",
    "ps",
    "ti",
    "am",
    "sw",
    "ht",
    "uk",
    "ru",
    "sr",
    "zh",
    "pa",
    "ur",
    "tl",
    "pt",
)
NO_YEAR = 0  # the spin boxes' "not known" value


def _year_box(first: int) -> QSpinBox:
    box = QSpinBox()
    box.setRange(NO_YEAR, date.today().year)
    box.setSpecialValueText(_("not known"))
    box.setValue(NO_YEAR)
    box.setMinimum(NO_YEAR)
    box.lineEdit().setPlaceholderText(str(first))
    box.setLocale(QLocale.c())  # a year is written 2024 in every language, as Babel shows it
    box.setGroupSeparatorShown(False)
    return box


class PersonDialog(QDialog):
    """New person (no `detail`) or an existing one. `saved` holds the result when accepted."""

    def __init__(
        self,
        people: PeopleService,
        detail: PersonDetail | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._people = people
        self.detail = detail
        self.saved: PersonDetail | None = None
        self.setWindowTitle(detail.display_name if detail else _("New person"))
        self.resize(720, 640)

        self.given_name = QLineEdit()
        self.family_name = QLineEdit()
        self.latin_name = QLineEdit()
        self.latin_name.setPlaceholderText(_("e.g. Mohammed Al-Hassan, for sorting and search"))
        self.preferred_name = QLineEdit()
        self.phone = QLineEdit()
        self.other_phone = QLineEdit()
        self.email = QLineEdit()
        self.address = QPlainTextEdit()
        self.address.setFixedHeight(56)
        self.birth_year = _year_box(1960)
        self.age_band = QComboBox()
        self.age_band.addItem(_("not known"), "")
        for band in AGE_BANDS:
            self.age_band.addItem(band, band)
        self.gender = QLineEdit()
        self.gender.setPlaceholderText(_("as the person describes it (optional)"))
        self.languages = QListWidget()
        self.languages.setFixedHeight(110)
        self.country = QComboBox()
        self.country.addItem(_("not known"), "")
        for code, name in country_names():
            self.country.addItem(name, code)
        self.arrival_year = _year_box(2022)
        self.community = QLineEdit()
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(56)
        self.sensitive_notes = QPlainTextEdit()
        self.sensitive_notes.setFixedHeight(56)

        for field in (self.phone, self.other_phone, self.email):
            field.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # numbers read the same way
        self.fields: dict[str, FieldWithError] = {}
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(
            self._group(
                _("Name"),
                [
                    ("given_name", _("First name"), self.given_name),
                    ("family_name", _("Family name"), self.family_name),
                    ("latin_name", _("Latin spelling"), self.latin_name),
                    ("preferred_name", _("Preferred name"), self.preferred_name),
                ],
            )
        )
        layout.addWidget(
            self._group(
                _("Contact"),
                [
                    ("phone", _("Phone"), self.phone),
                    ("other_phone", _("Other phone"), self.other_phone),
                    ("email", _("E-mail"), self.email),
                    ("address", _("Address"), self.address),
                ],
            )
        )
        layout.addWidget(
            self._group(
                _("About"),
                [
                    ("birth_year", _("Year of birth"), self.birth_year),
                    ("age_band", _("Age band"), self.age_band),
                    ("gender", _("Gender"), self.gender),
                    ("languages", _("Languages"), self.languages),
                    ("country_of_origin", _("Country of origin"), self.country),
                    ("arrival_year", _("Year of arrival"), self.arrival_year),
                    ("community", _("Community"), self.community),
                ],
            )
        )
        notes: list[tuple[str, str, QWidget]] = [("notes", _("Notes"), self.notes)]
        # Not shown at all to a profile that may not read them (the service leaves them out).
        self.shows_sensitive = people.shows_sensitive()
        if self.shows_sensitive:
            notes.append(
                (
                    "sensitive_notes",
                    _("Sensitive notes (coordinators only)"),
                    self.sensitive_notes,
                )
            )
        layout.addWidget(self._group(_("Notes"), notes))
        self.consent_box = self._consent_group()
        layout.addWidget(self.consent_box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.addWidget(scroll)
        outer.addWidget(self.buttons)
        self._fill(detail.person if detail else PersonInput(""))
        self._show_consents()

    def _group(self, title: str, rows: list[tuple[str, str, QWidget]]) -> QGroupBox:
        box = QGroupBox(title)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key, label, widget in rows:
            wrapped = FieldWithError(widget)
            self.fields[key] = wrapped
            form.addRow(label, wrapped)
        return box

    # --- consent -----------------------------------------------------------------------------

    def _consent_group(self) -> QGroupBox:
        box = QGroupBox(_("Consent"))
        layout = QVBoxLayout(box)
        self.allowed_grid = QGridLayout()
        self.allowed_labels: dict[str, QLabel] = {}
        for index, scope in enumerate(CONSENT_SCOPES):
            label = QLabel()
            self.allowed_labels[scope] = label
            self.allowed_grid.addWidget(label, index // 2, index % 2)
        layout.addLayout(self.allowed_grid)
        self.consent_list = QListWidget()
        self.consent_list.setFixedHeight(80)
        layout.addWidget(self.consent_list)
        self.withdraw_button = QPushButton(_("Withdraw the selected consent"))
        self.withdraw_button.clicked.connect(self._withdraw)
        layout.addWidget(self.withdraw_button)

        add = QGroupBox(_("Record a consent"))
        form = QFormLayout(add)
        self.consent_kind = QComboBox()
        self.consent_kind.addItem(_("Signed"), "signed")
        self.consent_kind.addItem(_("Given aloud (read to the person)"), "verbal")
        self.consent_date = QDateEdit(QDate.currentDate())
        self.consent_date.setCalendarPopup(True)
        self.consent_date.setMaximumDate(QDate.currentDate())
        self.consent_scopes: dict[str, QCheckBox] = {}
        scopes = QWidget()
        scope_grid = QGridLayout(scopes)
        scope_grid.setContentsMargins(0, 0, 0, 0)
        for index, scope in enumerate(CONSENT_SCOPES):
            check = QCheckBox(_(SCOPE_LABELS[scope]))
            self.consent_scopes[scope] = check
            scope_grid.addWidget(check, index // 2, index % 2)
        self.consent_witness = QLineEdit()
        self.consent_error = error_label()
        self.add_consent_button = QPushButton(_("Record the consent"))
        self.add_consent_button.clicked.connect(self._add_consent)
        form.addRow(_("How"), self.consent_kind)
        form.addRow(_("Date"), self.consent_date)
        form.addRow(_("Agrees to"), scopes)
        form.addRow(_("Witness"), self.consent_witness)
        row = QHBoxLayout()
        row.addWidget(self.consent_error, 1)
        row.addWidget(self.add_consent_button)
        form.addRow(row)
        layout.addWidget(add)
        box.setVisible(self.detail is not None)  # consent is recorded once the person exists
        return box

    def _show_consents(self) -> None:
        allowed = self.detail.allowed if self.detail else frozenset()
        for scope, label in self.allowed_labels.items():
            mark = "✔" if scope in allowed else "✘"
            color = "#1b5e20" if scope in allowed else "#8a1c1c"
            label.setText(f"<span style='color:{color}'>{mark}</span> {_(SCOPE_LABELS[scope])}")
            label.setAccessibleName(
                (_("Allowed: {what}") if scope in allowed else _("Not allowed: {what}")).format(
                    what=_(SCOPE_LABELS[scope])
                )
            )
        self.consent_list.clear()
        for consent in self.detail.consents if self.detail else ():
            what = ", ".join(_(SCOPE_LABELS[s]) for s in consent.scopes)
            kind = _("signed") if consent.kind == "signed" else _("given aloud")
            text = _("{date}, {kind}: {what}").format(
                date=format_date(consent.given_on), kind=kind, what=what
            )
            if consent.witness:
                text += " — " + _("witness: {name}").format(name=consent.witness)
            if consent.withdrawn_on:
                text += " — " + _("withdrawn on {date}").format(
                    date=format_date(consent.withdrawn_on)
                )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, consent.uid)
            if consent.withdrawn_on:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsSelectable)
            self.consent_list.addItem(item)

    def _add_consent(self) -> None:
        assert self.detail is not None
        consent = ConsentInput(
            kind=str(self.consent_kind.currentData()),
            given_on=self.consent_date.date().toPython(),  # type: ignore[arg-type]
            scopes=tuple(s for s, check in self.consent_scopes.items() if check.isChecked()),
            witness=self.consent_witness.text(),
        )
        try:
            self._people.add_consent(self.detail.uid, consent)
        except ValidationError as error:
            self.consent_error.setText(error.message)
            self.consent_error.show()
            return
        self.consent_error.hide()
        for check in self.consent_scopes.values():
            check.setChecked(False)
        self.consent_witness.clear()
        self.detail = self._people.get(self.detail.uid)
        self._show_consents()

    def _withdraw(self) -> None:
        item = self.consent_list.currentItem()
        if item is None or self.detail is None:
            return
        self._people.withdraw_consent(str(item.data(Qt.ItemDataRole.UserRole)))
        self.detail = self._people.get(self.detail.uid)
        self._show_consents()

    # --- the person ----------------------------------------------------------------------------

    def _fill(self, person: PersonInput) -> None:
        self.given_name.setText(person.given_name)
        self.family_name.setText(person.family_name)
        self.latin_name.setText(person.latin_name)
        self.preferred_name.setText(person.preferred_name)
        self.phone.setText(person.phone)
        self.other_phone.setText(person.other_phone)
        self.email.setText(person.email)
        self.address.setPlainText(person.address)
        self.birth_year.setValue(person.birth_year or NO_YEAR)
        self.age_band.setCurrentIndex(max(0, self.age_band.findData(person.age_band)))
        self.gender.setText(person.gender)
        codes = list(COMMON_LANGUAGES) + [c for c in person.languages if c not in COMMON_LANGUAGES]
        for code in codes:
            item = QListWidgetItem(language_name(code))
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = code in person.languages
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.languages.addItem(item)
        self.country.setCurrentIndex(max(0, self.country.findData(person.country_of_origin)))
        self.arrival_year.setValue(person.arrival_year or NO_YEAR)
        self.community.setText(person.community)
        self.notes.setPlainText(person.notes)
        self.sensitive_notes.setPlainText(person.sensitive_notes)

    def person(self) -> PersonInput:
        languages = tuple(
            str(self.languages.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(self.languages.count())
            if self.languages.item(row).checkState() == Qt.CheckState.Checked
        )
        return PersonInput(
            given_name=self.given_name.text(),
            family_name=self.family_name.text(),
            latin_name=self.latin_name.text(),
            preferred_name=self.preferred_name.text(),
            phone=self.phone.text(),
            other_phone=self.other_phone.text(),
            email=self.email.text(),
            address=self.address.toPlainText(),
            birth_year=self.birth_year.value() or None,
            age_band=str(self.age_band.currentData()),
            gender=self.gender.text(),
            languages=languages,
            country_of_origin=str(self.country.currentData()),
            arrival_year=self.arrival_year.value() or None,
            community=self.community.text(),
            notes=self.notes.toPlainText(),
            sensitive_notes=self.sensitive_notes.toPlainText(),
        )

    def accept(self) -> None:
        clear_errors(self.fields)
        try:
            if self.detail is None:
                self.saved = self._people.create(self.person())
            else:
                self.saved = self._people.update(self.detail.uid, self.person())
        except ValidationError as error:
            field = self.fields.get(error.field)
            if field is None:
                show_error(self, error)
            else:
                field.show_error(error.message)
            return
        except CommunityDeskError as error:
            show_error(self, error)
            return
        super().accept()
