"""The main window: a navigation list of areas, the area shown beside it, menus, status bar.

Panels receive the services they need. On a language switch the window is rebuilt, so every
label, menu and list is shown again in the new language and direction.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QTime, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QTabWidget,
    QWidget,
)

from communitydesk import __version__
from communitydesk.core.errors import CommunityDeskError
from communitydesk.core.i18n import (
    N_,
    _,
    format_number,
    isolate,
    ngettext,
)
from communitydesk.services.access import ROLES
from communitydesk.services.context import Services
from communitydesk.services.organization import OrganizationProfile
from communitydesk.ui.panels.area import AreaPanel
from communitydesk.ui.panels.dashboard import DashboardPanel
from communitydesk.ui.tasks import TaskRunner
from communitydesk.ui.widgets.messages import show_error

log = logging.getLogger(__name__)
FIRST_BACKUP_CHECK_MS = 10_000
BACKUP_CHECK_MS = 15 * 60_000
BACKUP_MESSAGE_MS = 10_000


@dataclass(frozen=True)
class Area:
    key: str
    title: str  # marked with N_, translated when shown


AREAS: tuple[Area, ...] = (
    Area("dashboard", N_("Dashboard")),
    Area("people", N_("People")),
    Area("activities", N_("Activities")),
    Area("money", N_("Money")),
    Area("referrals", N_("Referrals")),
    Area("practices", N_("Practices & funding")),
    Area("hub", N_("Partner hub")),
    Area("settings", N_("Settings")),
)


class MainWindow(QMainWindow):
    def __init__(
        self,
        services: Services,
        change_language: Callable[[str], None],
        start_over: Callable[[], None],
        reopen: Callable[[], None] | None = None,
        change_encryption: Callable[[str, bool], None] | None = None,
    ) -> None:
        super().__init__()
        self._services = services
        self._change_language = change_language
        self._start_over = start_over
        self._reopen = reopen
        self._change_encryption = change_encryption
        self.tasks = TaskRunner(default_failure=lambda error: show_error(self, error), parent=self)
        self._state = QSettings(
            str(services.paths.window_state_file), QSettings.Format.IniFormat, self
        )
        self.profile = services.organization.require()
        self.nav = QListWidget()
        self.stack = QStackedWidget()
        self.panels: dict[str, QWidget] = {}
        self.busy_label = QLabel()
        self.statusBar().addPermanentWidget(self.busy_label)
        self.tasks.busy_changed.connect(
            lambda busy: self.busy_label.setText(_("Working…") if busy else "")
        )
        self.build()
        geometry = self._state.value("geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1100, 720)
        self.show_area(str(self._state.value("area", "dashboard")))
        self.who = QLabel()
        self.statusBar().addPermanentWidget(self.who)
        self._show_who()
        self.backup_warning = QLabel()
        self.backup_warning.setStyleSheet("color: #b00020;")
        self.statusBar().addPermanentWidget(self.backup_warning)
        # Automatic backups: checked soon after opening, then every quarter of an hour; one is
        # made when the last is a few hours old (services.maintenance decides).
        self._backup_timer = QTimer(self)
        self._backup_timer.setInterval(BACKUP_CHECK_MS)
        self._backup_timer.timeout.connect(self.backup_if_due)
        self._backup_timer.start()
        QTimer.singleShot(FIRST_BACKUP_CHECK_MS, self, self.backup_if_due)

    # --- who is using the app -------------------------------------------------------------------

    def _show_who(self) -> None:
        current = self._services.profiles.current
        self.who.setText(
            _("{name} ({role})").format(name=current.name, role=_(ROLES[current.role]))
            if current
            else ""
        )
        self.switch_action.setVisible(current is not None)

    def switch_user(self) -> None:
        from communitydesk.ui.dialogs.sign_in import SignInDialog

        if SignInDialog(self._services.profiles, self).exec():
            self.build()  # what the new role may see and change
            self._show_who()

    # --- automatic backups ----------------------------------------------------------------------

    def backup_if_due(self) -> None:
        def done(made: Path | None) -> None:
            self.backup_warning.clear()
            if made is not None:
                self.statusBar().showMessage(
                    _("Backed up automatically at {time}.").format(
                        time=QTime.currentTime().toString("HH:mm")
                    ),
                    BACKUP_MESSAGE_MS,
                )

        def failed(error: BaseException) -> None:
            if not isinstance(error, CommunityDeskError):
                raise error
            # Not a dialog: it would interrupt the work; the warning stays until one succeeds.
            self.backup_warning.setText(_("The automatic backup failed"))
            self.backup_warning.setToolTip(error.message)
            log.warning("Automatic backup failed: %s", error.message)

        self.tasks.run(lambda _task: self._services.maintenance.backup_if_due(), done, failed)

    # --- building -----------------------------------------------------------------------------

    def build(self) -> None:
        """(Re)create menus, navigation and panels in the current language."""
        current = self.current_area() if self.nav.count() else None
        self.setWindowTitle(f"{self.profile.name} — CommunityDesk")
        self._build_menus()
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setMinimumWidth(180)
        self.nav.setMaximumWidth(220)
        self.stack = QStackedWidget()
        self.panels = {}
        for area in AREAS:
            self.nav.addItem(_(area.title))
            self.stack.addWidget(QWidget())  # the panel is made when first shown
        self.nav.currentRowChanged.connect(self._show_row)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        old = self.centralWidget()
        self.setCentralWidget(central)
        if old is not None:
            old.deleteLater()
        self.statusBar().showMessage(
            _("Data folder: {folder}").format(folder=isolate(str(self._services.paths.root)))
        )
        if current:
            self.show_area(current)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        bar.clear()
        file_menu = bar.addMenu(_("&File"))
        backup = QAction(_("&Back up the database…"), self)
        backup.triggered.connect(self._back_up)
        file_menu.addAction(backup)
        import_people = QAction(_("&Import people from a spreadsheet…"), self)
        import_people.triggered.connect(self.import_people)
        file_menu.addAction(import_people)
        duplicates = QAction(_("Find &duplicates…"), self)
        duplicates.triggered.connect(self.find_duplicates)
        file_menu.addAction(duplicates)
        export_people = QAction(_("&Export the whole roster…"), self)
        export_people.triggered.connect(self.export_people)
        file_menu.addAction(export_people)
        self.switch_action = QAction(_("&Switch user…"), self)
        self.switch_action.triggered.connect(self.switch_user)
        self.switch_action.setVisible(self._services.profiles.current is not None)
        file_menu.addAction(self.switch_action)
        history = QAction(_("Change &history…"), self)
        history.setShortcut(QKeySequence("Ctrl+H"))
        history.triggered.connect(self.show_history)
        file_menu.addAction(history)
        file_menu.addSeparator()
        quit_action = QAction(_("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        go_menu = bar.addMenu(_("&Go"))
        for number, area in enumerate(AREAS, start=1):
            action = QAction(_(area.title).replace("&", "&&"), self)  # "&" is no mnemonic
            shortcuts = [QKeySequence(f"Ctrl+{number}")]
            if area.key == "settings":
                shortcuts += QKeySequence.keyBindings(QKeySequence.StandardKey.Preferences)
            action.setShortcuts(shortcuts)
            action.triggered.connect(lambda _checked=False, key=area.key: self.show_area(key))
            go_menu.addAction(action)

        help_menu = bar.addMenu(_("&Help"))
        about = QAction(_("&About CommunityDesk"), self)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)
        about_qt = QAction(_("About &Qt"), self)
        about_qt.triggered.connect(QApplication.aboutQt)
        help_menu.addAction(about_qt)

    def import_people(self) -> None:
        from communitydesk.ui.dialogs.import_dialog import ImportDialog

        self.import_dialog = ImportDialog(self._services.imports, self)
        self.import_dialog.finished.connect(lambda _result: self._refresh_people())
        self.import_dialog.open()

    def find_duplicates(self) -> None:
        from communitydesk.ui.dialogs.duplicates_dialog import DuplicatesDialog

        s = self._services
        self.duplicates_dialog = DuplicatesDialog(s.duplicates, s.merge, s.people, self)
        self.duplicates_dialog.finished.connect(lambda _result: self._refresh_people())
        self.duplicates_dialog.open()

    def export_people(self) -> None:

        from PySide6.QtWidgets import QFileDialog

        suggested = Path.home() / f"{_('roster')}-{date.today().isoformat()}.xlsx"
        target, _filter = QFileDialog.getSaveFileName(
            self,
            _("Export the whole roster"),
            str(suggested),
            _("Excel workbook (*.xlsx);;CSV file (*.csv)"),
        )
        if target:
            self.export_roster_to(Path(target))

    def export_roster_to(self, target: Path) -> None:
        def done(count: int) -> None:
            self.statusBar().showMessage(
                ngettext(
                    "Exported {count} person to {path}.",
                    "Exported {count} people to {path}.",
                    count,
                ).format(count=format_number(count), path=isolate(str(target))),
                BACKUP_MESSAGE_MS,
            )

        self.tasks.run(lambda _task: self._services.people_export.export(target), done)

    def _refresh_people(self) -> None:
        tabs = self.panels.get("people")
        if isinstance(tabs, QTabWidget):
            for index in range(tabs.count()):
                refresh = getattr(tabs.widget(index), "refresh", None)
                if callable(refresh):
                    refresh()

    def show_history(self) -> None:
        from communitydesk.ui.dialogs.history_dialog import HistoryDialog

        self.history_dialog = HistoryDialog(self._services.history, parent=self)
        self.history_dialog.show()

    def _show_row(self, row: int) -> None:
        if not 0 <= row < len(AREAS):
            return
        key = AREAS[row].key
        if key == "dashboard" and key in self.panels:
            # Attendance, hours or people may have changed elsewhere since it was last shown.
            refresh = getattr(self.panels[key], "refresh", None)
            if callable(refresh):
                refresh()
        if key not in self.panels:
            panel = self._make_panel(key)
            self.panels[key] = panel
            placeholder = self.stack.widget(row)
            self.stack.insertWidget(row, panel)
            if placeholder is not None:
                self.stack.removeWidget(placeholder)
                placeholder.deleteLater()
        self.stack.setCurrentIndex(row)

    def _make_panel(self, key: str) -> QWidget:
        s = self._services
        if key == "dashboard":
            from communitydesk.ui.panels.activity_dashboard import ActivityDashboard

            activities = ActivityDashboard(
                s.activity_stats,
                s.programs,
                s.activity_report,
                self.profile.currency,
                self.profile.fiscal_year_start_month,
                self.tasks,
            )
            dashboard = DashboardPanel(self.profile, s.dashboard, self.tasks, activities)
            dashboard.referrals_requested.connect(self.show_follow_ups)
            return dashboard
        # Panels other than the first screen are imported when first shown: start-up stays short.
        if key == "people":
            from communitydesk.ui.panels.households import HouseholdsPanel
            from communitydesk.ui.panels.members import MembersPanel
            from communitydesk.ui.panels.people import PeoplePanel
            from communitydesk.ui.panels.volunteers import VolunteersPanel

            tabs = QTabWidget()
            tabs.addTab(
                PeoplePanel(
                    s.people,
                    s.roster_export,
                    s.contact_sheets,
                    s.support,
                    s.history,
                    self.tasks,
                    referrals=s.referrals,
                    directory=s.directory,
                    households=s.households,
                    lookups=s.lookups,
                    cards=lambda: s.referral_cards,  # reportlab loads at the first card
                ),
                _("People"),
            )
            tabs.addTab(
                HouseholdsPanel(s.households, s.people, s.support, self.tasks), _("Households")
            )
            tabs.addTab(VolunteersPanel(s.volunteers, s.people, self.tasks), _("Volunteers"))
            tabs.addTab(
                MembersPanel(s.membership, s.people, self.profile.currency, self.tasks),
                _("Membership"),
            )
            return tabs
        if key == "settings":
            from communitydesk.ui.panels.settings import SettingsPanel

            panel = SettingsPanel(
                self.profile,
                s.organization,
                s.maintenance,
                s.profiles,
                s.retention,
                s.paths.root,
                self.tasks,
            )
            panel.profiles_changed.connect(self._show_who)
            panel.language_changed.connect(self._change_language)
            panel.profile_saved.connect(self._profile_saved)
            panel.start_over_requested.connect(self._start_over)
            if self._reopen is not None:
                panel.reopen_requested.connect(self._reopen)
            if self._change_encryption is not None:
                panel.encryption_requested.connect(self._change_encryption)
            return panel
        if key == "activities":
            return self._activities_panel()
        if key == "money":
            from communitydesk.ui.panels.money_area import MoneyArea

            return MoneyArea(s, self.tasks, self.profile)
        if key == "referrals":
            from communitydesk.ui.panels.referrals_area import ReferralsArea

            return ReferralsArea(s, self.tasks)
        if key == "practices":
            from communitydesk.ui.panels.practices_area import PracticesArea

            return PracticesArea(s, self.tasks, self.profile.currency)
        return AreaPanel(
            _("Partner hub"),
            _(
                "An optional exchange of CSV files with a partner hub: the organization profile, "
                "counts with small numbers hidden, and the hub's service directory."
            ),
            ("collaboration_level", "service_stream"),
            s.lookups,
            self.tasks,
        )

    def _activities_panel(self) -> QTabWidget:
        from communitydesk.ui.panels.feedback import FeedbackPanel
        from communitydesk.ui.panels.hours import HoursPanel
        from communitydesk.ui.panels.programs import ProgramsPanel
        from communitydesk.ui.panels.sessions import SessionsPanel

        s = self._services
        tabs = QTabWidget()
        programs = ProgramsPanel(s.programs, s.lookups, s.people, self.tasks, self.profile.currency)
        sessions = SessionsPanel(
            s.sessions, s.programs, s.attendance, s.people, self.tasks, sign_in=s.sign_in_sheets
        )
        tabs.addTab(sessions, _("Sessions and attendance"))
        tabs.addTab(programs, _("Programs"))
        tabs.addTab(
            HoursPanel(
                s.volunteer_hours,
                s.hours_statements,
                s.programs,
                s.sessions,
                s.people,
                self.tasks,
                self.profile.currency,
            ),
            _("Volunteer hours"),
        )
        tabs.addTab(FeedbackPanel(s.feedback, s.programs, s.people, self.tasks), _("Feedback"))

        def show_sessions(uid: str) -> None:
            tabs.setCurrentWidget(sessions)
            sessions.show_program(uid)

        programs.program_chosen.connect(show_sessions)
        return tabs

    # --- navigation and actions ----------------------------------------------------------------

    def current_area(self) -> str:
        row = self.nav.currentRow()
        return AREAS[row].key if 0 <= row < len(AREAS) else "dashboard"

    def show_area(self, key: str) -> None:
        keys = [area.key for area in AREAS]
        row = keys.index(key) if key in keys else 0
        if self.nav.currentRow() == row:
            self._show_row(row)  # after a rebuild the row is current but not made yet
        else:
            self.nav.setCurrentRow(row)

    def show_follow_ups(self) -> None:
        """The dashboard's follow-ups figure opens the coordinator's call list."""
        self.show_area("referrals")
        from communitydesk.ui.panels.referrals_area import ReferralsArea

        area = self.panels.get("referrals")
        if isinstance(area, ReferralsArea):
            area.show_follow_ups()

    def _profile_saved(self, profile: OrganizationProfile) -> None:
        self.profile = profile
        self.build()

    def _back_up(self) -> None:
        self.show_area("settings")
        panel = self.stack.currentWidget()
        from communitydesk.ui.panels.settings import SettingsPanel

        assert isinstance(panel, SettingsPanel)
        panel.back_up()

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            _("About CommunityDesk"),
            "<h3>CommunityDesk {version}</h3><p>{text}</p><p>{folder}</p>".format(
                version=__version__,
                text=_(
                    "Records, books and reports for small volunteer-run community "
                    "organizations. Everything stays on this computer."
                ),
                folder=_("Data folder: {folder}").format(
                    folder=isolate(str(self._services.paths.root))
                ),
            ),
        )

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self._state.setValue("geometry", self.saveGeometry())
        self._state.setValue("area", self.current_area())
        self._state.sync()
        self.tasks.wait_for_done(5000)
        super().closeEvent(event)

    @property
    def data_folder(self) -> Path:
        return self._services.paths.root
