"""Start the window: the database is already upgraded when Qt starts (Vorta's order)."""

from __future__ import annotations

import gc
import logging
import sys

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QProgressDialog, QWidget

from communitydesk import __version__
from communitydesk.core.errors import (
    CommunityDeskError,
    PassphraseNeededError,
    WrongPassphraseError,
)
from communitydesk.core.i18n import _
from communitydesk.core.instance import FolderInUseError, FolderLock
from communitydesk.core.paths import DataPaths
from communitydesk.core.settings import MachineSettings, load_settings, save_settings
from communitydesk.services.context import Services, open_data_folder
from communitydesk.services.maintenance import MaintenanceService
from communitydesk.services.profiles import ProfileRow
from communitydesk.ui.dialogs.crash import install_crash_handler
from communitydesk.ui.main_window import MainWindow
from communitydesk.ui.qt_language import apply_language, load_bundled_fonts
from communitydesk.ui.single_instance import ShowRequests, ask_running_window_to_show
from communitydesk.ui.widgets.messages import show_error

log = logging.getLogger(__name__)


def create_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("CommunityDesk")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("CommunityDesk")
    app.setDesktopFileName("communitydesk")
    load_bundled_fonts()
    return app


class Session:
    """What the running app holds: the open data folder and its window."""

    def __init__(self, app: QApplication, services: Services, language: str) -> None:
        self.app = app
        self.services = services
        self.language = language
        self.window: MainWindow | None = None

    def change_language(self, code: str) -> None:
        if code == self.language:
            return
        self.language = apply_language(self.app, code).code
        save_settings(self.services.paths.settings_file, MachineSettings(language=self.language))
        if self.window is not None:
            self.window.build()

    def ask_for_organization(self) -> bool:
        from communitydesk.ui.dialogs.first_run import FirstRunDialog

        dialog = FirstRunDialog(
            self.services.organization, self.services.demo, self.change_language, self.window
        )
        return dialog.exec() == QDialog.DialogCode.Accepted

    def sign_in(self) -> bool:
        """ "Who is using the app?" when the laptop has profiles; False if nobody signed in."""
        from communitydesk.ui.dialogs.sign_in import SignInDialog

        return bool(SignInDialog(self.services.profiles, self.window).exec())

    def open_window(self) -> MainWindow:
        self.window = MainWindow(
            self.services,
            self.change_language,
            self.start_over,
            reopen=self.reopen,
            change_encryption=self.change_encryption,
        )
        self.window.show()
        ShowRequests(self.services.paths.root, self.window)
        return self.window

    def reopen(self) -> None:
        """Open the data folder afresh (after a restore replaced its database) in a new window."""
        old = self.window
        paths = self.services.paths
        if old is not None:
            old.tasks.wait_for_done()
        signed_in = self.services.profiles.current
        self.services.close()
        self.services = open_data_folder(paths)  # brings an older restored copy up to date
        if self.services.profiles.list() and not self._still_signed_in(signed_in):
            self.app.quit()  # nobody signed in on the restored data
            return
        self.open_window()  # first, so that the app never finds itself without a window
        if old is not None:
            old.close()
            old.deleteLater()

    def change_encryption(self, passphrase: str, turn_on: bool) -> None:
        """Convert the data with nothing else open on it, then open it afresh."""
        window = self.window
        assert window is not None
        window.tasks.wait_for_done()
        self.services.close()
        maintenance = MaintenanceService(self.services.paths)
        progress = QProgressDialog(_("Converting the data and its backups…"), "", 0, 0, window)
        progress.setCancelButton(None)  # a conversion is not cut short
        progress.setWindowModality(Qt.WindowModality.ApplicationModal)
        progress.setMinimumDuration(0)
        progress.show()

        def done(recovery: str | None) -> None:
            progress.close()
            if recovery:
                show_recovery_key(window, recovery)
            self.reopen()

        def failed(error: BaseException) -> None:
            progress.close()
            if not isinstance(error, CommunityDeskError):
                raise error
            show_error(window, error)  # the data was left as it was
            self.reopen()

        def convert(_task: object) -> str | None:
            if turn_on:
                return maintenance.encrypt(passphrase)
            maintenance.decrypt(passphrase)
            return None

        window.tasks.run(convert, done, failed)

    def _still_signed_in(self, before: ProfileRow | None) -> bool:
        """After a restore: the same profile if the restored copy has it, else ask again."""
        if before is not None and any(p.uid == before.uid for p in self.services.profiles.list()):
            self.services.profiles.sign_in_trusted(before.uid)
            return True
        return self.sign_in()

    def start_over(self) -> None:
        """Remove the sample (a backup is kept), then ask for the group's own organization."""
        if self.window is not None:
            self.window.tasks.run(
                lambda _task: self.services.demo.discard_sample(), self._sample_discarded
            )

    def _sample_discarded(self, _backup: object) -> None:
        assert self.window is not None
        self.window.hide()
        if not self.ask_for_organization():
            self.app.quit()
            return
        self.window.profile = self.services.organization.require()
        self.window.build()
        self.window.show_area("dashboard")
        self.window.show()


FREEZE_AFTER_MS = 3000


def _freeze_long_lived() -> None:
    gc.collect()
    gc.freeze()


def show_recovery_key(parent: QWidget, recovery: str) -> None:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(_("Write down the recovery key"))
    box.setText(
        _(
            "The data is now encrypted. This recovery key opens it if the passphrase is "
            "forgotten. It is shown only this once: write it on paper now and keep it apart "
            "from the laptop."
        )
    )
    box.setInformativeText(f"<p style='font-size:16pt'><b>{recovery}</b></p>")
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.exec()


def run_app(paths: DataPaths, language: str, language_forced: bool) -> int:
    lock = FolderLock(paths.lock_file)
    try:
        lock.acquire()
    except FolderInUseError as error:
        create_application()
        if ask_running_window_to_show(paths.root):
            return 0
        apply_language(QApplication.instance(), language)  # type: ignore[arg-type]
        QMessageBox.warning(None, _("CommunityDesk is already open"), error.message)
        return 1
    try:
        return _run_locked(paths, language, language_forced)
    finally:
        lock.release()


def _open(paths: DataPaths, language: str) -> Services | None:
    """Open the data folder, asking for the passphrase while the data is encrypted."""
    passphrase: str | None = None
    problem = ""
    while True:
        try:
            return open_data_folder(paths, passphrase)
        except (PassphraseNeededError, WrongPassphraseError) as error:
            create_application()
            apply_language(QApplication.instance(), language)  # type: ignore[arg-type]
            from communitydesk.ui.dialogs.passphrase import PassphraseDialog

            problem = error.message if isinstance(error, WrongPassphraseError) else problem
            passphrase = PassphraseDialog.ask(problem)
            if passphrase is None:
                return None
        except CommunityDeskError as error:
            create_application()
            apply_language(QApplication.instance(), language)  # type: ignore[arg-type]
            QMessageBox.critical(None, _("CommunityDesk cannot open this data"), error.message)
            return None


def _run_locked(paths: DataPaths, language: str, language_forced: bool) -> int:
    services = _open(paths, language)
    if services is None:
        return 2
    app = create_application()
    install_crash_handler(paths.log_file)
    session = Session(app, services, apply_language(app, language).code)
    if not language_forced and not load_settings(paths.settings_file).language:
        save_settings(paths.settings_file, MachineSettings(language=session.language))
    if services.upgrade.backup is not None:
        log.info("Database upgraded; previous version kept in %s", services.upgrade.backup)
    if services.organization.get() is None and not session.ask_for_organization():
        services.close()
        return 0
    if services.profiles.list() and not session.sign_in():
        services.close()
        return 0
    session.open_window()
    # The libraries loaded by now stay for the whole run; left to the garbage collector, each
    # full pass over them froze the window for about 100 ms while a volunteer typed. Done once
    # the first screen is up, so that it does not delay it.
    QTimer.singleShot(FREEZE_AFTER_MS, _freeze_long_lived)
    try:
        return app.exec()
    finally:
        session.services.close()
