"""The statement of a volunteer's hours: who, how many hours, when, for whom, signed."""

from __future__ import annotations

from datetime import date

import pytest

from communitydesk.core.i18n import set_language
from communitydesk.services.context import Services
from communitydesk.services.hours_statement import (
    HoursStatementService,
    format_duration,
    format_hours,
    hours_phrase,
)
from communitydesk.services.organization import OrganizationProfile
from communitydesk.services.people import PersonInput
from communitydesk.services.programs import ProgramInput
from communitydesk.services.sessions import SessionInput
from communitydesk.services.volunteer_hours import HoursInput

TODAY = date(2026, 11, 20)


@pytest.fixture
def volunteer(services: Services) -> str:
    services.organization.create(
        OrganizationProfile(
            name="Somali Families Circle",
            address="200 Rideau St\nOttawa ON K1N 5Y1",
            phone="6135550101",
        )
    )
    uid = services.people.create(PersonInput("Hodan", "Abdi")).uid
    program = services.programs.create(ProgramInput("Homework club"), TODAY).uid
    session = services.sessions.create(SessionInput(program, date(2026, 3, 3))).uid
    hours = services.volunteer_hours
    hours.log(HoursInput(uid, date(2026, 3, 3), 90, "Tutor", session_uid=session), TODAY)
    hours.log(HoursInput(uid, date(2026, 5, 9), 120, "Set-up", program_uid=program), TODAY)
    hours.log(HoursInput(uid, date(2026, 6, 1), 20, "Newsletter folding"), TODAY)
    hours.log(HoursInput(uid, date(2025, 12, 1), 600, "Food drive"), TODAY)  # before the period
    other = services.people.create(PersonInput("Yonas", "Haile")).uid
    hours.log(HoursInput(other, date(2026, 4, 1), 300, "Driver"), TODAY)
    return uid


def test_hours_read_as_hours_without_floats() -> None:
    assert [format_hours(m) for m in (90, 120, 20, 45, 1)] == [
        "1.5 h",
        "2 h",
        "0.33 h",
        "0.75 h",
        "0.02 h",
    ]
    assert [hours_phrase(m) for m in (60, 90, 600, 30)] == [
        "1 hour",
        "1.5 hours",
        "10 hours",
        "0.5 hours",
    ]
    assert [format_duration(m) for m in (90, 120, 45)] == ["1 h 30 min", "2 h", "45 min"]
    set_language("fr")
    assert format_hours(90) == "1,5 h"


def test_the_statement_names_the_volunteer_the_hours_and_the_organization(
    services: Services, volunteer: str
) -> None:
    statements = HoursStatementService(services.database)
    document = statements.document(volunteer, date(2026, 1, 1), date(2026, 11, 20), TODAY)
    text = document.text()
    assert document.title == "Statement of volunteer hours"
    assert document.subtitle == "Somali Families Circle"
    assert "200 Rideau St\nOttawa ON K1N 5Y1" in text
    assert (
        "This is to confirm that Hodan Abdi gave 3.83 hours of volunteer time to Somali Families "
        "Circle between January 1, 2026 and November 20, 2026."
    ) in text
    table = document.sections[0].table
    assert table is not None
    assert table.headers == ("Date", "Program or activity", "Role", "Hours")
    assert table.rows == (
        ("Mar 3, 2026", "Homework club", "Tutor", "1.5 h"),
        ("May 9, 2026", "Homework club", "Set-up", "2 h"),
        ("Jun 1, 2026", "General volunteering", "Newsletter folding", "0.33 h"),
        ("", "", "Total", "3.83 h"),
    )
    assert "Yonas" not in text and "Food drive" not in text
    assert "Signed for the organization: ____" in text and "Date: ____" in text
    assert "(3 entries)" in text
    assert not document.right_to_left


def test_an_open_period_runs_from_the_first_entry_to_today(
    services: Services, volunteer: str
) -> None:
    document = HoursStatementService(services.database).document(volunteer, None, None, TODAY)
    assert "gave 13.83 hours" in document.text()
    assert "between December 1, 2025 and November 20, 2026" in document.text()


def test_no_hours_in_the_period_says_so(services: Services, volunteer: str) -> None:
    document = HoursStatementService(services.database).document(
        volunteer, date(2024, 1, 1), date(2024, 12, 31), TODAY
    )
    assert "No volunteer hours of Hodan Abdi are recorded between" in document.text()
    assert [section.heading for section in document.sections] == ["Signature"]


def test_the_statement_in_arabic_reads_from_the_right(services: Services, volunteer: str) -> None:
    set_language("ar")
    document = HoursStatementService(services.database).document(
        volunteer, date(2026, 1, 1), None, TODAY
    )
    assert document.right_to_left
    assert "Hodan Abdi" in document.text()
    table = document.sections[0].table
    assert table is not None and len(table.rows) == 4
