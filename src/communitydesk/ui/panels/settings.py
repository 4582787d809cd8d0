"""Settings: the language of this laptop, the organization profile, and the data folder."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.errors import CommunityDeskError, ValidationError
from communitydesk.core.i18n import _, available_languages, current_language, isolate
from communitydesk.services.access import can_manage_settings
from communitydesk.services.maintenance import MaintenanceService
from communitydesk.services.organization import OrganizationProfile, OrganizationService
from communitydesk.services.profiles import ProfileService
from communitydesk.services.retention import RetentionService
from communitydesk.ui.tasks import TaskRunner
from communitydesk.ui.widgets.messages import show_error
from communitydesk.ui.widgets.organization_form import OrganizationForm
from communitydesk.ui.widgets.profiles_box import ProfilesBox
from communitydesk.ui.widgets.retention_box import RetentionBox


class SettingsPanel(QScrollArea):
    language_changed = Signal(str)
    profile_saved = Signal(object)
    start_over_requested = Signal()
    reopen_requested = Signal()  # the data was replaced by a restored copy
    encryption_requested = Signal(str, bool)  # the passphrase; True to turn it on
    profiles_changed = Signal()

    def __init__(
        self,
        profile: OrganizationProfile,
        organization: OrganizationService,
        maintenance: MaintenanceService,
        profiles: ProfileService,
        retention: RetentionService,
        data_folder: Path,
        tasks: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._organization = organization
        self._maintenance = maintenance
        self._data_folder = data_folder
        self._tasks = tasks
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(QLabel("<h2>{}</h2>".format(_("Settings"))))

        language_box = QGroupBox(_("Language"))
        language_form = QFormLayout(language_box)
        self.language = QComboBox()
        for language in available_languages():
            self.language.addItem(language.native_name, language.code)
        self.language.setCurrentIndex(max(0, self.language.findData(current_language().code)))
        self.language.currentIndexChanged.connect(
            lambda: self.language_changed.emit(str(self.language.currentData()))
        )
        language_form.addRow(_("Language of the app on this computer"), self.language)
        layout.addWidget(language_box)

        profile_box = QGroupBox(_("Organization profile"))
        profile_layout = QVBoxLayout(profile_box)
        hint = QLabel(_("Reused in reports and funding applications."))
        hint.setWordWrap(True)
        profile_layout.addWidget(hint)
        self.form = OrganizationForm()
        self.form.set_profile(profile)
        profile_layout.addWidget(self.form)
        save_row = QHBoxLayout()
        self.saved_label = QLabel()
        self.save_button = QPushButton(_("Save the profile"))
        self.save_button.clicked.connect(self.save_profile)
        save_row.addWidget(self.saved_label, 1)
        save_row.addWidget(self.save_button)
        profile_layout.addLayout(save_row)
        layout.addWidget(profile_box)

        data_box = QGroupBox(_("Data folder"))
        data_layout = QVBoxLayout(data_box)
        folder = QLabel(
            _("Everything is kept on this computer, in {folder}").format(
                folder=isolate(str(data_folder))
            )
        )
        folder.setWordWrap(True)
        folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        data_layout.addWidget(folder)
        buttons = QHBoxLayout()
        self.backup_button = QPushButton(_("Back up now…"))
        self.backup_button.setToolTip(_("A verified copy on a USB key or in another folder"))
        self.backup_button.clicked.connect(self.back_up)
        buttons.addWidget(self.backup_button)
        self.backups_button = QPushButton(_("Backups and restore…"))
        self.backups_button.clicked.connect(self.show_backups)
        buttons.addWidget(self.backups_button)
        self.start_over_button = QPushButton(_("Replace the sample with our own organization…"))
        self.start_over_button.setVisible(profile.is_sample)
        self.start_over_button.clicked.connect(self._confirm_start_over)
        buttons.addWidget(self.start_over_button)
        buttons.addStretch(1)
        data_layout.addLayout(buttons)
        encryption_row = QHBoxLayout()
        self.encryption_label = QLabel()
        self.encryption_button = QPushButton()
        self.encryption_button.clicked.connect(self.change_encryption)
        encryption_row.addWidget(self.encryption_label, 1)
        encryption_row.addWidget(self.encryption_button)
        data_layout.addLayout(encryption_row)
        self._show_encryption()
        self.backup_label = QLabel()
        self.backup_label.setWordWrap(True)
        data_layout.addWidget(self.backup_label)
        layout.addWidget(data_box)
        # The organization's profile is the group leader's to change (the service says so too).
        current = profiles.current
        leader = can_manage_settings(current.role if current else None)
        profile_box.setEnabled(leader)
        if not leader:
            profile_box.setToolTip(_("Only a group leader changes the organization's profile."))
        self.profiles_box = ProfilesBox(profiles)
        self.profiles_box.changed.connect(self.profiles_changed.emit)
        layout.addWidget(self.profiles_box)
        self.retention_box = RetentionBox(retention)
        self.retention_box.setEnabled(leader)
        layout.addWidget(self.retention_box)
        layout.addStretch(1)
        self.setWidget(body)

    def save_profile(self) -> None:
        self.form.clear_validation()
        try:
            saved = self._organization.update(self.form.profile())
        except ValidationError as error:
            if not self.form.show_validation(error):
                show_error(self, error)
            self.saved_label.clear()
            return
        except CommunityDeskError as error:
            show_error(self, error)
            return
        self.form.set_profile(saved)
        self.saved_label.setText(_("Saved."))
        self.profile_saved.emit(saved)

    def back_up(self) -> None:
        suggested = str(Path.home() / f"communitydesk-{date.today().isoformat()}.sqlite3")
        target, _filter = QFileDialog.getSaveFileName(
            self, _("Back up the database"), suggested, _("CommunityDesk backup (*.sqlite3)")
        )
        if target:
            self.backup_to(Path(target))

    def backup_to(self, target: Path) -> None:
        self.backup_button.setEnabled(False)
        self.backup_label.setText(_("Writing the backup…"))

        def done(path: Path) -> None:
            self.backup_button.setEnabled(True)
            self.backup_label.setText(
                _("Backup written and verified: {path}").format(path=isolate(str(path)))
            )

        def failed(error: BaseException) -> None:
            self.backup_button.setEnabled(True)
            self.backup_label.clear()
            if not isinstance(error, CommunityDeskError):
                raise error
            show_error(self, error)

        self._tasks.run(lambda _task: self._maintenance.backup(target), done, failed)

    def _show_encryption(self) -> None:
        on = self._maintenance.is_encrypted()
        self.encryption_label.setText(
            _("The data is encrypted: it cannot be read without the passphrase.")
            if on
            else _("The data is not encrypted. Encrypting it is recommended on a shared laptop.")
        )
        self.encryption_button.setText(_("Turn encryption off…") if on else _("Encrypt the data…"))

    def change_encryption(self) -> None:
        from communitydesk.ui.dialogs.encryption_dialog import EncryptionDialog

        turn_on = not self._maintenance.is_encrypted()
        dialog = EncryptionDialog(turn_on, self)
        if dialog.exec():
            self.encryption_requested.emit(dialog.passphrase.text(), turn_on)

    def show_backups(self) -> None:
        from communitydesk.ui.dialogs.backups_dialog import BackupsDialog

        self.backups_dialog = BackupsDialog(
            self._maintenance, self.reopen_requested.emit, parent=self
        )
        self.backups_dialog.open()

    def _confirm_start_over(self) -> None:
        answer = QMessageBox.question(
            self,
            _("Replace the sample"),
            _(
                "Remove the sample organization and all its made-up people, and set up your own? "
                "A backup of the sample is kept in the data folder."
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.start_over_requested.emit()
