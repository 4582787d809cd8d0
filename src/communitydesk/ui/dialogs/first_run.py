"""The first-run assistant: name the organization, pick a language, a currency, a fiscal year,
and start empty or with a sample organization to explore."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QProgressBar,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.errors import CommunityDeskError, ValidationError
from communitydesk.core.i18n import _, available_languages, current_language
from communitydesk.services.demo import DemoService, sample_profile
from communitydesk.services.organization import OrganizationProfile, OrganizationService
from communitydesk.ui.tasks import TaskRunner
from communitydesk.ui.widgets.messages import show_error
from communitydesk.ui.widgets.organization_form import OrganizationForm


class FirstRunDialog(QDialog):
    """Creates the organization when accepted. Changing the language re-labels the dialog."""

    language_chosen = Signal(str)

    def __init__(
        self,
        organization: OrganizationService,
        demo: DemoService,
        apply_language: Callable[[str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._organization = organization
        self._demo = demo
        self._apply_language = apply_language
        self.created: OrganizationProfile | None = None
        self._tasks = TaskRunner(parent=self)
        self.setMinimumWidth(560)
        self._layout = QVBoxLayout(self)
        self._content: QWidget | None = None
        self.working = QProgressBar()
        self.working.setRange(0, 0)  # busy: the sample is made in one transaction
        self.working.setTextVisible(False)
        self.working.hide()
        self._layout.addWidget(self.working)
        self._build(OrganizationProfile(name=""), sample=False)

    def _build(self, typed: OrganizationProfile, sample: bool) -> None:
        if self._content is not None:
            self._layout.removeWidget(self._content)
            self._content.deleteLater()
        content = QWidget(self)
        self._content = content
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        self.setWindowTitle(_("Welcome to CommunityDesk"))
        welcome = QLabel(
            "<h2>{}</h2><p>{}</p>".format(
                _("Welcome to CommunityDesk"),
                _(
                    "A few questions to set up your organization. "
                    "You can change every answer later under Settings."
                ),
            )
        )
        welcome.setWordWrap(True)
        layout.addWidget(welcome)

        self.language = QComboBox()
        for language in available_languages():
            self.language.addItem(language.native_name, language.code)
        self.language.setCurrentIndex(max(0, self.language.findData(current_language().code)))
        self.language.currentIndexChanged.connect(self._language_changed)
        self.form = OrganizationForm(essentials_only=True)
        self.form.set_profile(typed)
        form_layout = self.form.layout()
        assert isinstance(form_layout, QFormLayout)
        form_layout.insertRow(0, _("Language"), self.language)  # aligned with the other rows
        layout.addWidget(self.form)

        self.start_empty = QRadioButton(_("Start empty, with our own organization"))
        self.start_sample = QRadioButton(
            _("Start with a sample organization, to explore the app first")
        )
        group = QButtonGroup(content)
        group.addButton(self.start_empty)
        group.addButton(self.start_sample)
        (self.start_sample if sample else self.start_empty).setChecked(True)
        self.start_sample.toggled.connect(self._sample_toggled)
        layout.addWidget(self.start_empty)
        layout.addWidget(self.start_sample)
        self.sample_hint = QLabel(
            _(
                "The sample is made-up: about 300 people in families of several generations, "
                "with volunteers. Every name and phone number in it is fictional."
            )
        )
        self.sample_hint.setWordWrap(True)
        self.sample_hint.setVisible(sample)
        layout.addWidget(self.sample_hint)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("Create the organization"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._layout.insertWidget(0, content)
        self._sample_toggled(sample)

    def _sample_toggled(self, sample: bool) -> None:
        self.sample_hint.setVisible(sample)
        if sample and not self.form.name.text().strip():
            self.form.name.setText(sample_profile().name)

    def _language_changed(self) -> None:
        code = str(self.language.currentData())
        typed = self.form.profile()
        sample = self.start_sample.isChecked()
        if sample and typed.name == sample_profile().name:
            typed = replace(typed, name="")  # re-filled in the new language
        self._apply_language(code)
        self.language_chosen.emit(code)
        self._build(typed, sample)

    def accept(self) -> None:
        typed = self.form.profile()
        self.form.clear_validation()
        if not self.start_sample.isChecked():
            try:
                self.created = self._organization.create(typed)
            except CommunityDeskError as error:
                self._show_problem(error)
                return
            super().accept()
            return
        # Making the sample takes longer than a screen refresh: it runs off the UI thread.
        profile = replace(
            sample_profile(),
            name=typed.name,
            currency=typed.currency,
            fiscal_year_start_month=typed.fiscal_year_start_month,
        )
        self._set_working(True)
        self._tasks.run(
            lambda _task: self._demo.generate(profile=profile),
            self._sample_created,
            self._sample_failed,
        )

    def _sample_created(self, _result: object) -> None:
        self._set_working(False)
        self.created = self._organization.require()
        super().accept()

    def _sample_failed(self, error: BaseException) -> None:
        self._set_working(False)
        if not isinstance(error, CommunityDeskError):
            raise error
        self._show_problem(error)

    def _set_working(self, working: bool) -> None:
        assert self._content is not None
        self._content.setEnabled(not working)
        self.working.setVisible(working)

    def _show_problem(self, error: CommunityDeskError) -> None:
        if not (isinstance(error, ValidationError) and self.form.show_validation(error)):
            show_error(self, error)
