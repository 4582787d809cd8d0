"""Merging two records of one person, field by field, with everything attached; and undoing it."""

from __future__ import annotations

from datetime import date

import pytest

from communitydesk.core.errors import ValidationError
from communitydesk.services.attendance import AttendanceState
from communitydesk.services.context import Services
from communitydesk.services.feedback import FeedbackInput
from communitydesk.services.households import HouseholdInput
from communitydesk.services.people import ConsentInput, PersonInput
from communitydesk.services.programs import ProgramInput
from communitydesk.services.sessions import SessionInput
from communitydesk.services.support import ContactInput
from communitydesk.services.volunteer_hours import HoursInput
from communitydesk.services.volunteers import VolunteerInput

TODAY = date(2026, 11, 20)


def test_merge_moves_everything_to_the_survivor_then_undo(organized: Services) -> None:
    people = organized.people
    first = people.create(PersonInput("Mohamed", "Al Hassan", phone="6135550101")).uid
    second = people.create(
        PersonInput(
            "محمد",
            "الحسن",
            "Mohammed Al-Hassan",
            phone="6135550199",
            email="m@example.org",
            birth_year=1975,
            languages=("ar",),
        )
    ).uid
    people.add_consent(second, ConsentInput("verbal", TODAY, ("contact_phone",)))
    kind = organized.membership.add_kind("Family", 2500)
    organized.membership.record(second, kind.uid, TODAY)
    organized.support.log(ContactInput(TODAY, "orientation", person_uid=second), today=TODAY)
    organized.volunteers.enroll(second, VolunteerInput(TODAY, skills="Interpretation"))
    home = organized.households.create(HouseholdInput("Al-Hassan")).uid
    organized.households.add_member(home, second, "main_contact")

    result = organized.merge.merge(first, second, take={"phone", "given_name", "family_name"})

    kept = people.get(first)
    assert (kept.person.given_name, kept.person.family_name) == ("محمد", "الحسن")
    assert kept.person.phone == "(613) 555-0199"  # taken from the other record
    assert kept.person.email == "m@example.org" and kept.person.birth_year == 1975  # filled in
    assert kept.person.latin_name == "Mohammed Al-Hassan"
    assert kept.household == "Al-Hassan"
    assert organized.households.get(home).main_contact_uid == first
    assert [c.scopes for c in kept.consents] == [("contact_phone",)]
    assert [m.person_uid for m in organized.membership.current()] == [first]
    assert len(organized.support.for_person(first)) == 1
    volunteer = organized.volunteers.get(first)
    assert volunteer is not None and volunteer.volunteer.skills == "Interpretation"
    assert people.search("Mohammed").total == 1  # the other is in the Trash
    assert result.name == "محمد الحسن"

    organized.merge.undo(result.uid)
    assert people.get(first).person.phone == "(613) 555-0101"
    assert people.get(first).person.email == ""
    assert people.get(second).deleted_at is None
    assert [c.scopes for c in people.get(second).consents] == [("contact_phone",)]
    assert organized.households.get(home).main_contact_uid == second
    assert organized.volunteers.get(first) is None and organized.volunteers.get(second) is not None
    with pytest.raises(ValidationError, match="already undone"):
        organized.merge.undo(result.uid)


def test_a_person_is_not_merged_with_themselves(organized: Services) -> None:
    uid = organized.people.create(PersonInput("Ana", "Núñez")).uid
    with pytest.raises(ValidationError, match="two different people"):
        organized.merge.merge(uid, uid)


def test_merge_moves_attendance_hours_and_feedback_and_undo_puts_them_back(
    organized: Services,
) -> None:
    program = organized.programs.create(ProgramInput("Seniors' circle")).uid
    sessions = [
        organized.sessions.create(SessionInput(program, date(2026, 1, day))).uid
        for day in (6, 13, 20)
    ]
    lan = organized.people.create(PersonInput("Lan", "Tran")).uid
    twin = organized.people.create(PersonInput("Lan", "Tran", phone="613-555-0100")).uid
    organized.attendance.save(sessions[0], AttendanceState(frozenset({lan})))
    organized.attendance.save(sessions[1], AttendanceState(frozenset({lan, twin})))
    organized.attendance.save(sessions[2], AttendanceState(frozenset({twin})))
    organized.volunteer_hours.log(HoursInput(twin, date(2026, 1, 20), 60))
    organized.feedback.record(FeedbackInput(date(2026, 1, 20), "Lovely.", program, twin))

    merge = organized.merge.merge(lan, twin)

    def present(session: str) -> set[str]:
        return {a.person_uid for a in organized.attendance.sheet(session).present}

    # The session both records attended is counted once, under the survivor.
    assert [present(s) for s in sessions] == [{lan}, {lan}, {lan}]
    assert organized.volunteer_hours.totals()[0].person_uid == lan
    assert organized.feedback.feedback()[0].person_uid == lan
    organized.merge.undo(merge.uid)
    assert [present(s) for s in sessions] == [{lan}, {lan, twin}, {twin}]
    assert organized.volunteer_hours.totals()[0].person_uid == twin
    assert organized.feedback.feedback()[0].person_uid == twin
