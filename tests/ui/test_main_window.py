from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication, QMenu, QTabWidget
from pytestqt.qtbot import QtBot

from communitydesk.ui.app import Session
from communitydesk.ui.main_window import AREAS, MainWindow
from communitydesk.ui.panels.area import AreaPanel
from communitydesk.ui.panels.dashboard import DashboardPanel
from communitydesk.ui.panels.money_area import MoneyArea
from communitydesk.ui.panels.money_closing import ClosedPeriodsPanel
from communitydesk.ui.panels.money_register import RegisterPanel
from communitydesk.ui.panels.people import PeoplePanel
from communitydesk.ui.panels.practices_area import PracticesArea
from communitydesk.ui.panels.referrals_area import ReferralsArea
from communitydesk.ui.panels.settings import SettingsPanel


def _nav_texts(window: MainWindow) -> list[str]:
    return [window.nav.item(row).text() for row in range(window.nav.count())]


def test_the_window_opens_on_the_dashboard(window: MainWindow) -> None:
    assert window.windowTitle().startswith("Riverside Newcomer Families Association")
    assert _nav_texts(window) == [
        "Dashboard",
        "People",
        "Activities",
        "Money",
        "Referrals",
        "Practices & funding",
        "Partner hub",
        "Settings",
    ]
    dashboard = window.stack.currentWidget()
    assert isinstance(dashboard, DashboardPanel)
    assert dashboard.cards["people"].value.text() == "120"
    assert dashboard.sample_banner.isVisibleTo(window)
    assert [m.text() for m in window.menuBar().actions()] == ["&File", "&Go", "&Help"]


def test_navigation_by_click_and_shortcut(window: MainWindow, qtbot: QtBot) -> None:
    window.nav.setCurrentRow(1)
    tabs = window.stack.currentWidget()
    assert isinstance(tabs, QTabWidget)
    assert [tabs.tabText(i) for i in range(tabs.count())] == [
        "People",
        "Households",
        "Volunteers",
        "Membership",
    ]
    assert isinstance(tabs.widget(0), PeoplePanel)
    go_menu = window.menuBar().actions()[1].menu()
    assert isinstance(go_menu, QMenu)
    referrals = next(a for a in go_menu.actions() if a.text() == "Referrals")
    assert referrals.shortcut().toString() == "Ctrl+5"
    referrals.trigger()
    assert window.current_area() == "referrals"
    area = window.stack.currentWidget()
    assert isinstance(area, ReferralsArea)
    assert [area.tabs.tabText(i) for i in range(area.tabs.count())] == [
        "Follow-ups due",
        "Referral log",
        "Service directory",
        "Groundwork report",
    ]
    window.show_area("practices")
    practices = window.stack.currentWidget()
    assert isinstance(practices, PracticesArea)
    assert [practices.tabs.tabText(i) for i in range(practices.tabs.count())] == [
        "Practices",
        "Funding applications",
        "Partners",
    ]
    qtbot.waitUntil(lambda: len(practices.practices.rows) == 2)  # the sample's two practices
    window.show_area("hub")
    panel = window.stack.currentWidget()
    assert isinstance(panel, AreaPanel)
    qtbot.waitUntil(lambda: panel.lists["collaboration_level"].count() == 5)


def test_the_dashboard_follow_ups_open_the_call_list(window: MainWindow, qtbot: QtBot) -> None:
    window.show_area("dashboard")
    dashboard = window.panels["dashboard"]
    assert isinstance(dashboard, DashboardPanel)
    qtbot.waitUntil(lambda: dashboard.follow_ups.value.text() not in ("", "0"))
    dashboard.referrals_requested.emit()
    assert window.current_area() == "referrals"
    area = window.panels["referrals"]
    assert isinstance(area, ReferralsArea)
    assert area.tabs.currentWidget() is area.follow_ups


def test_people_search_as_you_type(window: MainWindow, qtbot: QtBot) -> None:
    window.show_area("people")
    tabs = window.panels["people"]
    assert isinstance(tabs, QTabWidget)
    panel = tabs.widget(0)
    assert isinstance(panel, PeoplePanel)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 120)
    assert panel.count.text() == "120 people"
    QAbstractItemModelTester(panel.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    first = panel.model.row_at(0)
    word = (first.latin_name or first.display_name).split()[0]
    qtbot.keyClicks(panel.search, word.upper())
    qtbot.waitUntil(lambda: 0 < panel.model.rowCount() < 120, timeout=3000)
    shown = [panel.model.row_at(r) for r in range(panel.model.rowCount())]
    assert all(word.lower() in (r.display_name + " " + r.latin_name).lower() for r in shown)
    panel.search.clear()
    qtbot.keyClicks(panel.search, "zzzz-nobody")
    qtbot.waitUntil(lambda: panel.count.text() == "0 people", timeout=3000)


def test_the_money_area_opens_on_the_sample_books(window: MainWindow, qtbot: QtBot) -> None:
    window.show_area("money")
    area = window.stack.currentWidget()
    assert isinstance(area, MoneyArea)
    tabs = area.tabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == [
        "Money in and out",
        "Accounts",
        "Budget",
        "Funds and grants",
        "Bank statements",
        "Recurring",
        "Donation receipts",
        "Reports",
        "Categories",
        "Closed periods",
    ]
    register = tabs.widget(0)
    assert isinstance(register, RegisterPanel)
    # The sample organization's books: this fiscal year's entries are listed.
    qtbot.waitUntil(lambda: register.model.rowCount() > 10, timeout=5000)
    tabs.setCurrentIndex(tabs.count() - 1)  # closed periods: last fiscal year is closed
    closing = tabs.currentWidget()
    assert isinstance(closing, ClosedPeriodsPanel)
    qtbot.waitUntil(lambda: closing.table.model().rowCount() >= 1, timeout=5000)


def test_language_switch_changes_text_and_direction(
    window: MainWindow, session: Session, qtbot: QtBot, qapp: QApplication
) -> None:
    window.show_area("settings")
    settings = window.panels["settings"]
    assert isinstance(settings, SettingsPanel)
    settings.language.setCurrentIndex(settings.language.findData("fr"))
    assert _nav_texts(window)[0] == "Tableau de bord"
    assert qapp.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert window.current_area() == "settings"  # still where the user was

    settings = window.panels["settings"]
    assert isinstance(settings, SettingsPanel)
    settings.language.setCurrentIndex(settings.language.findData("ar"))
    assert _nav_texts(window)[0] == "لوحة المتابعة"
    assert qapp.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.isRightToLeft()
    # Qt's own buttons follow too.
    from PySide6.QtWidgets import QDialogButtonBox

    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    cancel = box.button(QDialogButtonBox.StandardButton.Cancel).text()
    assert cancel != "Cancel" and "\u0600" <= cancel[0] <= "\u06ff"
    # The choice is remembered for the next start.
    from communitydesk.core.settings import load_settings

    assert load_settings(session.services.paths.settings_file).language == "ar"


def test_window_size_and_area_are_remembered(session: Session, qtbot: QtBot) -> None:
    first = session.open_window()
    qtbot.addWidget(first)
    # The smallest screen there is (the offscreen one, 800 × 600), and larger than the window's
    # smallest size (the Money area needs about 750 × 520).
    first.resize(780, 560)
    first.show_area("money")
    first.close()
    second = session.open_window()
    qtbot.addWidget(second)
    assert second.current_area() == "money"
    assert (second.width(), second.height()) == (780, 560)
    second.close()


def test_about_box_shows_the_version(window: MainWindow, qtbot: QtBot) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    from communitydesk import __version__

    seen: list[str] = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        box.accept()

    QTimer.singleShot(0, read_and_close)
    window.show_about()
    assert seen and f"CommunityDesk {__version__}" in seen[0]


def test_every_area_has_a_panel_made_when_first_shown(window: MainWindow) -> None:
    assert list(window.panels) == ["dashboard"]
    for row, area in enumerate(AREAS):
        window.nav.setCurrentRow(row)
        assert window.stack.currentWidget() is window.panels[area.key]
    assert list(window.panels) == [area.key for area in AREAS]
