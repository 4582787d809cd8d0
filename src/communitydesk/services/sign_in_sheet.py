"""A printed sign-in sheet for one session: the names expected, a box to tick, room to sign.

Participants read it, not only the coordinator, so its column headings are printed in two
languages: the window's and a second one (English, or French when the window is English).
The sheet holds names: it says so, and asks to be shredded once attendance is entered.
"""

from __future__ import annotations

from typing import Final

from communitydesk.core.i18n import (
    N_,
    _,
    current_language,
    embedded,
    format_date,
    format_time,
    is_right_to_left,
    second_language_for,
    translated_in,
)
from communitydesk.core.text import fold
from communitydesk.db.session import Database
from communitydesk.reports.document import Document, Section, Table
from communitydesk.services.attendance import AttendanceService, Attendee
from communitydesk.services.sessions import SessionRecord, SessionService

# Lines left empty for people not listed: newcomers, people back after a long while.
BLANK_ROWS: Final = 15
COLUMN_WIDTHS: Final = (45, 15, 40)


def session_when(record: SessionRecord) -> str:
    """'Tuesday, January 6, 2026 · 2:00 p.m. – 4:00 p.m. · St. Mark's hall'."""
    hours = ""
    if record.starts_at is not None:
        hours = format_time(record.starts_at)
        if record.ends_at is not None:
            hours += " – " + format_time(record.ends_at)
    parts = (format_date(record.held_on, "full"), hours, record.venue_name)
    return " · ".join(part for part in parts if part)


def attendee_name(attendee: Attendee) -> str:
    # The Latin spelling helps whoever cannot read the script the name is written in.
    if attendee.latin_name and fold(attendee.latin_name) != fold(attendee.name):
        return f"{attendee.name}\n{attendee.latin_name}"
    return attendee.name


class SignInSheetService:
    def __init__(self, db: Database) -> None:
        self._sessions = SessionService(db)
        self._attendance = AttendanceService(db)

    def document(self, session_uid: str, second_language: str = "") -> Document:
        record = self._sessions.get(session_uid)
        expected = self._attendance.expected(session_uid)
        window = current_language().code
        second = second_language or second_language_for(window)

        def both(message: str) -> str:
            first = _(message)
            other = translated_in(second, message)
            if second == window or other == first:
                return first
            # Isolated, an English line keeps its full stop at its end on an Arabic sheet.
            return f"{first}\n{embedded(other)}"

        headers = (
            both(N_("Name")),
            both(N_("Present (✓)")),
            both(N_("Signature or initials")),
        )
        introduction = []
        if record.topic:
            introduction.append(_("Topic: {topic}").format(topic=embedded(record.topic)))
        introduction.append(both(N_("Tick your name, or write it on an empty line below.")))
        return Document(
            title=record.program_name,
            subtitle=session_when(record),
            right_to_left=is_right_to_left(),
            introduction=tuple(introduction),
            sections=(
                Section(
                    table=Table(
                        headers=headers,
                        rows=tuple((attendee_name(a), "", "") for a in expected),
                        widths=COLUMN_WIDTHS,
                        blank_rows=BLANK_ROWS,
                        tall_rows=True,
                    )
                ),
            ),
            footnotes=(
                _(
                    "This sheet holds names: keep it with the group's records and shred it "
                    "once attendance is entered."
                ),
            ),
            name=_("sign-in-sheet"),
        )
