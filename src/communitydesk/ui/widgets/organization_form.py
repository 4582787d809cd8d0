"""The organization's profile as a form; the first-run assistant shows its essentials."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from communitydesk.core.errors import ValidationError
from communitydesk.core.i18n import _, currency_name, format_amount, month_name
from communitydesk.core.money import parse_money
from communitydesk.services.organization import COMMON_CURRENCIES, OrganizationProfile
from communitydesk.ui.widgets.fields import FieldWithError, clear_errors


def _split_list(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.replace(";", ",").split(",") if part.strip())


class OrganizationForm(QWidget):
    def __init__(self, essentials_only: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._profile = OrganizationProfile(name="")
        self.essentials_only = essentials_only
        self.name = QLineEdit()
        self.name.setMaxLength(200)
        self.currency = QComboBox()
        for code in COMMON_CURRENCIES:
            self.currency.addItem(f"{currency_name(code)} ({code})", code)
        self.fiscal_month = QComboBox()
        for month in range(1, 13):
            self.fiscal_month.addItem(month_name(month), month)
        self.fiscal_month.setCurrentIndex(3)  # April, as most Canadian non-profits
        self.legal_name = QLineEdit()
        self.registration_number = QLineEdit()
        self.receipt_signer = QLineEdit()
        self.receipt_signer.setPlaceholderText(_("e.g. Joseph Mensah, treasurer"))
        self.address = QPlainTextEdit()
        self.address.setFixedHeight(60)
        self.phone = QLineEdit()
        self.email = QLineEdit()
        self.website = QLineEdit()
        self.languages = QLineEdit()
        self.languages.setPlaceholderText(_("e.g. English, Français, Soomaali"))
        self.communities = QLineEdit()
        self.communities.setPlaceholderText(_("e.g. Somali, Syrian, Vietnamese"))
        self.mission = QPlainTextEdit()
        self.mission.setFixedHeight(80)
        self.history = QPlainTextEdit()
        self.history.setFixedHeight(80)
        self.history.setPlaceholderText(
            _(
                "How the group began, who it serves, what it has done: "
                "funding applications open with it"
            )
        )
        self.newcomer_years = QSpinBox()
        self.newcomer_years.setRange(1, 50)
        self.newcomer_years.setValue(5)
        self.newcomer_years.setSuffix(" " + _("years"))
        self.hour_value = QLineEdit(format_amount(2500))
        self.hour_value.setToolTip(
            _("Used for the in-kind value of volunteer time that funders ask for.")
        )

        for field in (self.phone, self.email, self.website):
            field.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # read the same way everywhere
        self.fields: dict[str, FieldWithError] = {}
        layout = QFormLayout(self)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        def row(key: str, label: str, widget: QWidget) -> None:
            wrapped = FieldWithError(widget)
            self.fields[key] = wrapped
            layout.addRow(label, wrapped)

        row("name", _("Organization name"), self.name)
        if not essentials_only:
            row("legal_name", _("Legal name"), self.legal_name)
            row(
                "registration_number",
                _("Charity or non-profit number (optional)"),
                self.registration_number,
            )
            row("receipt_signer", _("Donation receipts are signed by"), self.receipt_signer)
            row("address", _("Address"), self.address)
            row("phone", _("Phone"), self.phone)
            row("email", _("E-mail"), self.email)
            row("website", _("Website"), self.website)
            row("languages_spoken", _("Languages spoken"), self.languages)
            row("communities_served", _("Communities served"), self.communities)
            row("mission", _("Mission statement"), self.mission)
            row("history", _("History of the group"), self.history)
        row("currency", _("Currency"), self.currency)
        row("fiscal_year_start_month", _("Fiscal year starts in"), self.fiscal_month)
        if not essentials_only:
            row("newcomer_years", _("A newcomer arrived within"), self.newcomer_years)
            row("volunteer_hour_cents", _("Value of a volunteer hour"), self.hour_value)

    def set_profile(self, profile: OrganizationProfile) -> None:
        self._profile = profile
        self.name.setText(profile.name)
        self.legal_name.setText(profile.legal_name)
        self.registration_number.setText(profile.registration_number)
        self.receipt_signer.setText(profile.receipt_signer)
        self.address.setPlainText(profile.address)
        self.phone.setText(profile.phone)
        self.email.setText(profile.email)
        self.website.setText(profile.website)
        self.languages.setText(", ".join(profile.languages_spoken))
        self.communities.setText(", ".join(profile.communities_served))
        self.mission.setPlainText(profile.mission)
        self.history.setPlainText(profile.history)
        index = self.currency.findData(profile.currency)
        if index < 0:
            self.currency.addItem(profile.currency, profile.currency)
            index = self.currency.count() - 1
        self.currency.setCurrentIndex(index)
        self.fiscal_month.setCurrentIndex(profile.fiscal_year_start_month - 1)
        self.newcomer_years.setValue(profile.newcomer_years)
        self.hour_value.setText(format_amount(profile.volunteer_hour_cents))

    def profile(self) -> OrganizationProfile:
        """The profile as typed (validation is the service's job)."""
        essentials = replace(
            self._profile,
            name=self.name.text(),
            currency=str(self.currency.currentData()),
            fiscal_year_start_month=int(self.fiscal_month.currentData()),
        )
        if self.essentials_only:
            return essentials
        return replace(
            essentials,
            legal_name=self.legal_name.text(),
            registration_number=self.registration_number.text(),
            receipt_signer=self.receipt_signer.text(),
            address=self.address.toPlainText(),
            phone=self.phone.text(),
            email=self.email.text(),
            website=self.website.text(),
            languages_spoken=_split_list(self.languages.text()),
            communities_served=_split_list(self.communities.text()),
            mission=self.mission.toPlainText(),
            history=self.history.toPlainText(),
            newcomer_years=self.newcomer_years.value(),
            volunteer_hour_cents=self._hour_cents(),
        )

    def _hour_cents(self) -> int:
        try:
            return parse_money(self.hour_value.text(), "volunteer_hour_cents")
        except ValidationError:
            return -1  # the service says what to write, next to the field

    def show_validation(self, error: ValidationError) -> bool:
        """Show the message next to its field; False if the field is not on this form."""
        clear_errors(self.fields)
        field = self.fields.get(error.field)
        if field is None:
            return False
        field.show_error(error.message)
        return True

    def clear_validation(self) -> None:
        clear_errors(self.fields)
