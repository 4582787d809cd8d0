"""The printed sign-in sheet: who is expected, headings in two languages, room for more."""

from __future__ import annotations

from datetime import date, time

from communitydesk.core.i18n import set_language, without_isolates
from communitydesk.services.attendance import AttendanceState
from communitydesk.services.context import Services
from communitydesk.services.people import PersonInput
from communitydesk.services.programs import ProgramInput, VenueInput
from communitydesk.services.sessions import SessionInput
from communitydesk.services.sign_in_sheet import BLANK_ROWS, SignInSheetService


def _sessions(services: Services) -> tuple[str, str]:
    hall = services.programs.create_venue(VenueInput("St. Mark's hall"))
    program = services.programs.create(ProgramInput("Seniors' circle", venue_uid=hall.uid)).uid
    before = services.sessions.create(SessionInput(program, date(2026, 1, 6))).uid
    today = services.sessions.create(
        SessionInput(program, date(2026, 1, 13), time(14), time(16), topic="Flu clinic")
    ).uid
    return before, today


def test_the_sheet_lists_who_came_lately_with_room_for_more(organized: Services) -> None:
    before, today = _sessions(organized)
    lan = organized.people.create(PersonInput("Lan", "Tran")).uid
    amal = organized.people.create(PersonInput("أمل", "حداد", latin_name="Amal Haddad")).uid
    organized.people.create(PersonInput("Never", "Came"))
    organized.attendance.save(before, AttendanceState(frozenset({lan, amal})))

    document = SignInSheetService(organized.database).document(today)

    assert document.title == "Seniors' circle"
    # Babel puts narrow no-break spaces in times; any space will do here.
    subtitle = " ".join(document.subtitle.split())
    assert subtitle == "Tuesday, January 13, 2026 · 2:00 p.m. – 4:00 p.m. · St. Mark's hall"
    assert not document.right_to_left
    [section] = document.sections
    assert section.table is not None
    assert [row[0] for row in section.table.rows] == ["Lan Tran", "أمل حداد\nAmal Haddad"]
    assert all(row[1:] == ("", "") for row in section.table.rows)
    assert section.table.blank_rows == BLANK_ROWS == 15
    # Headings in the window's language, then in French below each.
    assert without_isolates(section.table.headers[0]) == "Name\nNom"
    text = document.text()
    assert "Never Came" not in text
    assert "Topic: Flu clinic" in text
    assert "shred it once attendance is entered" in text


def test_in_french_the_second_language_is_english_and_arabic_reads_from_the_right(
    organized: Services,
) -> None:
    _before, today = _sessions(organized)
    sheets = SignInSheetService(organized.database)
    set_language("fr")
    french = sheets.document(today)
    assert " ".join(french.subtitle.split()).startswith("mardi 13 janvier 2026 · 14 h 00 – 16 h 00")
    assert french.sections[0].table is not None
    assert without_isolates(french.sections[0].table.headers[0]) == "Nom\nName"
    set_language("ar")
    arabic = sheets.document(today)
    assert arabic.right_to_left
    assert arabic.sections[0].table is not None
    assert without_isolates(arabic.sections[0].table.headers[0]) == "الاسم\nName"
    # A second language that is the window's own is printed once.
    once = sheets.document(today, second_language="ar").sections[0].table
    assert once is not None
    assert once.headers[0] == "الاسم"
