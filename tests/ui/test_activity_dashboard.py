"""The dashboard's activity figures: they follow the period and the program chosen, and the
report for funders is written as CSV and PDF."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from communitydesk.services.attendance import AttendanceState, HeadCountLine
from communitydesk.services.context import Services
from communitydesk.services.people import PersonInput
from communitydesk.services.programs import ProgramInput
from communitydesk.services.sessions import SessionInput
from communitydesk.services.volunteer_hours import HoursInput
from communitydesk.ui.panels.activity_dashboard import ActivityDashboard
from communitydesk.ui.tasks import TaskRunner


def _dashboard(services: Services, qtbot: QtBot) -> ActivityDashboard:
    tasks = TaskRunner()
    dashboard = ActivityDashboard(
        services.activity_stats,
        services.programs,
        services.activity_report,
        "CAD",
        4,
        tasks,
    )
    qtbot.addWidget(dashboard)
    dashboard.resize(1100, 700)
    dashboard.show()
    qtbot.waitUntil(lambda: not tasks.busy)
    return dashboard


def _value(dashboard: ActivityDashboard, key: str) -> str:
    return dashboard.figures[key].value.text()


def test_figures_follow_what_was_recorded_and_the_program_chosen(
    organized: Services, qtbot: QtBot
) -> None:
    today = date.today()
    circle = organized.programs.create(ProgramInput("Seniors' circle")).uid
    festival = organized.programs.create(ProgramInput("Festival")).uid
    lan = organized.people.create(PersonInput("Lan", "Tran", arrival_year=today.year)).uid
    minh = organized.people.create(PersonInput("Minh", "Pham")).uid
    dashboard = _dashboard(organized, qtbot)
    dashboard.period.setCurrentIndex(dashboard.period.findData("last_30_days"))
    qtbot.waitUntil(lambda: _value(dashboard, "sessions") == "0")

    held = organized.sessions.create(SessionInput(circle, today - timedelta(days=2))).uid
    organized.attendance.save(held, AttendanceState(frozenset({lan, minh})))
    party = organized.sessions.create(SessionInput(festival, today - timedelta(days=1))).uid
    organized.attendance.save(
        party, AttendanceState(frozenset({lan}), (HeadCountLine("", "", "", 30),))
    )
    organized.volunteer_hours.log(HoursInput(minh, today, 90))
    dashboard.refresh()
    qtbot.waitUntil(lambda: _value(dashboard, "sessions") == "2")
    assert _value(dashboard, "participations") == "33"
    assert _value(dashboard, "unique") == "32"  # Lan came twice, counted once
    assert _value(dashboard, "newcomers") == "1"
    assert _value(dashboard, "hours") == "1.5"
    assert "$37.50" in dashboard.figures["hours"].detail.text()
    assert dashboard.top.item(0).text().startswith("Festival")
    qtbot.waitUntil(lambda: len(dashboard._chart_views) == 3)

    qtbot.waitUntil(lambda: dashboard.program.count() == 3)
    dashboard.program.setCurrentIndex(dashboard.program.findData(circle))
    qtbot.waitUntil(lambda: _value(dashboard, "participations") == "2")
    assert _value(dashboard, "sessions") == "1"

    # Dates typed by hand become a period "of my choice".
    dashboard.start.setDate(QDate(today.year - 5, 1, 1))
    assert dashboard.period.currentData() == "custom"


def test_the_report_is_written_as_csv_and_pdf(
    organized: Services, qtbot: QtBot, tmp_path: Path
) -> None:
    today = date.today()
    circle = organized.programs.create(ProgramInput("Seniors' circle")).uid
    people = [organized.people.create(PersonInput(f"Person{n}")).uid for n in range(6)]
    held = organized.sessions.create(SessionInput(circle, today)).uid
    organized.attendance.save(held, AttendanceState(frozenset(people)))
    dashboard = _dashboard(organized, qtbot)
    period = dashboard.chosen_period()

    dashboard.write_report(period, "", tmp_path / "report.csv")
    qtbot.waitUntil(lambda: getattr(dashboard, "written", None) is not None)
    with (tmp_path / "report.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert rows[1][:5] == ["Seniors' circle", "", "1", "6", "6"]

    dashboard.written = None
    dashboard.write_report(period, "", tmp_path / "report.pdf")
    qtbot.waitUntil(lambda: dashboard.written is not None, timeout=10000)
    pages = PdfReader(tmp_path / "report.pdf").pages
    text = " ".join(" ".join(page.extract_text().split()) for page in pages)
    assert "Activity report" in text
    assert "Seniors' circle" in text
    assert "Participations by month" not in text  # the dashboard's title, not the report's
    assert "Attendance by month" in text


def test_attendance_taken_by_keyboard_shows_on_the_dashboard(
    organized: Services, qtbot: QtBot
) -> None:
    from PySide6.QtCore import Qt

    from communitydesk.ui.dialogs.attendance_dialog import AttendanceDialog

    today = date.today()
    circle = organized.programs.create(ProgramInput("Seniors' circle")).uid
    held = organized.sessions.create(SessionInput(circle, today)).uid
    for given, family in (("Lan", "Tran"), ("Minh", "Pham")):
        organized.people.create(PersonInput(given, family))
    dashboard = _dashboard(organized, qtbot)
    dashboard.period.setCurrentIndex(dashboard.period.findData("this_month"))
    qtbot.waitUntil(lambda: _value(dashboard, "sessions") == "1")
    assert _value(dashboard, "participations") == "0"

    tasks = TaskRunner()
    dialog = AttendanceDialog(held, organized.attendance, organized.people, tasks)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.busy)
    for name in ("Lan", "Minh"):  # a few letters, Enter: ticked, and the box is empty again
        qtbot.keyClicks(dialog.search.box, name)
        qtbot.waitUntil(lambda: not dialog.busy)
        qtbot.keyClick(dialog.search.box, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: dialog.search.box.text() == "")
    with qtbot.waitSignal(dialog.saved):
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    dialog.done(0)
    tasks.wait_for_done()

    dashboard.refresh()
    qtbot.waitUntil(lambda: _value(dashboard, "participations") == "2")
    assert _value(dashboard, "unique") == "2"
