"""The funder's activity report: its figures, small counts hidden, only consented quotes."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from communitydesk.core.i18n import set_language
from communitydesk.services.activity_report import ActivityReportService
from communitydesk.services.activity_stats import Period
from communitydesk.services.attendance import AttendanceState
from communitydesk.services.context import Services
from communitydesk.services.feedback import FeedbackInput
from communitydesk.services.people import ConsentInput, PersonInput
from communitydesk.services.programs import ProgramInput
from communitydesk.services.sessions import SessionInput
from communitydesk.services.volunteer_hours import HoursInput

TODAY = date(2026, 11, 20)
YEAR = Period(date(2026, 1, 1), date(2026, 12, 31))


def _organization(services: Services) -> tuple[str, str]:
    circle = services.programs.create(ProgramInput("Seniors' circle", category="seniors")).uid
    cooking = services.programs.create(ProgramInput("Cooking together", category="recreation"))
    people = [
        services.people.create(PersonInput(name, "Tran", arrival_year=2024)).uid
        for name in ("Lan", "Minh", "Thi", "Hoa", "Bao", "Duc")
    ]
    for day, present in ((6, people), (13, people[:4])):
        session = services.sessions.create(SessionInput(circle, date(2026, 1, day))).uid
        services.attendance.save(session, AttendanceState(frozenset(present)))
    session = services.sessions.create(SessionInput(cooking.uid, date(2026, 3, 2))).uid
    services.attendance.save(session, AttendanceState(frozenset(people[:2])))
    services.volunteer_hours.log(HoursInput(people[0], date(2026, 1, 6), 90), TODAY)
    services.people.add_consent(people[0], ConsentInput("verbal", date(2026, 1, 6), ("quoting",)))
    services.feedback.record(
        FeedbackInput(date(2026, 2, 1), "Here I am not alone.", circle, people[0]), TODAY
    )
    services.feedback.record(
        FeedbackInput(date(2026, 2, 1), "Private words.", circle, people[1]), TODAY
    )
    return circle, cooking.uid


def test_the_report_counts_people_once_and_hides_small_counts(organized: Services) -> None:
    _organization(organized)
    service = ActivityReportService(organized.database)
    report = service.build(YEAR, today=TODAY)
    assert (report.totals.sessions_held, report.totals.unique_participants) == (3, 6)
    text = service.document(report).text()
    assert "Activity report" in text and "Cercle des aînés" in text
    assert "Unique participants\n6" in text
    assert "Participations (all attendance)\n12" in text
    # Cooking together had two people: the report says fewer than 5, never 2.
    cooking = text[text.index("Cooking together") :].split("\n")
    assert cooking[2:5] == ["1", "fewer than 5", "fewer than 5"]
    assert "“Here I am not alone.”" in text
    assert "Private words." not in text
    assert "Attendance by month" in text and "Jan 2026" in text


def test_the_spreadsheet_has_one_row_per_program_and_a_total(
    organized: Services, tmp_path: Path
) -> None:
    _organization(organized)
    service = ActivityReportService(organized.database)
    target = service.write_csv(service.build(YEAR, today=TODAY), tmp_path / "report.csv")
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:5] == [
        "Program",
        "Category",
        "Sessions held",
        "Participations",
        "Unique participants",
    ]
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["Cooking together"][2:5] == ["1", "fewer than 5", "fewer than 5"]
    assert by_name["Seniors' circle"][2:5] == ["2", "10", "6"]
    assert by_name["All programs"][2:5] == ["3", "12", "6"]


def test_one_program_and_french(organized: Services) -> None:
    circle, _cooking = _organization(organized)
    set_language("fr")
    service = ActivityReportService(organized.database)
    report = service.build(YEAR, circle, today=TODAY)
    text = service.document(report).text()
    assert report.program_name == "Seniors' circle"
    assert [p.name for p in report.programs] == ["Seniors' circle"]
    assert "Cooking together" not in text
    assert "janv. 2026" in text
