"""Programs, venues, sessions (one or a series), attendance with head counts, hours, feedback
and suggestions: what the coordinator records, and what comes back."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from communitydesk.core.errors import NotAllowedError, NotFoundError, ValidationError
from communitydesk.services.attendance import AttendanceState, HeadCountLine
from communitydesk.services.context import Services
from communitydesk.services.feedback import FeedbackInput, SuggestionInput
from communitydesk.services.people import ConsentInput, PersonInput
from communitydesk.services.programs import ProgramInput, VenueInput
from communitydesk.services.sessions import SessionInput, series_dates
from communitydesk.services.volunteer_hours import (
    HoursInput,
    hour_value_cents,
    hours_number,
    parse_hours,
)

TODAY = date(2026, 11, 20)


def _program(services: Services, name: str = "Seniors' circle") -> str:
    hall = services.programs.create_venue(
        VenueInput("St. Mark's hall", address="12 Elm St", rental_cents=4500)
    )
    return services.programs.create(
        ProgramInput(
            name,
            category="seniors",
            populations=("seniors",),
            languages=("vi", "fr"),
            venue_uid=hall.uid,
            starts_on=date(2026, 1, 6),
        )
    ).uid


def test_a_program_keeps_its_tags_venue_and_leader(organized: Services) -> None:
    leader = organized.people.create(PersonInput("Lan", "Tran")).uid
    hall = organized.programs.create_venue(VenueInput("  Library   room ", transit="Bus 7"))
    program = organized.programs.create(
        ProgramInput(
            "Homework club",
            category="school_success",
            populations=("school_age", "school_age"),
            issues=("school_success",),
            service_stream="community",
            languages=("so", "en"),
            leader_uid=leader,
            venue_uid=hall.uid,
        )
    )
    again = organized.programs.get(program.uid)
    assert again.populations == ("school_age",)
    assert (again.leader_name, again.venue_name) == ("Lan Tran", "Library room")
    assert organized.programs.venues()[0].transit == "Bus 7"
    with pytest.raises(ValidationError) as error:
        organized.programs.create(ProgramInput("Choir", category="no-such-category"))
    assert error.value.field == "category"
    with pytest.raises(ValidationError, match="end before"):
        organized.programs.create(
            ProgramInput("Choir", starts_on=date(2026, 5, 1), ends_on=date(2026, 4, 1))
        )


def test_series_dates_follow_the_rhythm_asked() -> None:
    tuesdays = series_dates(date(2026, 1, 6), date(2026, 6, 30), "weekly")
    assert len(tuesdays) == 26 and {day.weekday() for day in tuesdays} == {1}
    assert series_dates(date(2026, 1, 6), date(2026, 2, 3), "fortnightly") == [
        date(2026, 1, 6),
        date(2026, 1, 20),
        date(2026, 2, 3),
    ]
    # The second Tuesday of each month.
    assert series_dates(date(2026, 1, 13), date(2026, 4, 30), "monthly") == [
        date(2026, 1, 13),
        date(2026, 2, 10),
        date(2026, 3, 10),
        date(2026, 4, 14),
    ]
    with pytest.raises(ValidationError, match="up to 200"):
        series_dates(date(2026, 1, 1), date(2030, 1, 1), "weekly")


def test_a_series_skips_dates_the_program_already_meets(organized: Services) -> None:
    program = _program(organized)
    organized.sessions.create(SessionInput(program, date(2026, 1, 13), topic="Flu clinic"))
    created = organized.sessions.create_series(
        SessionInput(program, date(2026, 1, 6), time(14), time(16)), date(2026, 1, 27), "weekly"
    )
    assert [s.held_on.day for s in created] == [6, 20, 27]
    listed = organized.sessions.sessions(program)
    assert [s.held_on.day for s in listed] == [27, 20, 13, 6]
    assert listed[0].venue_name == "St. Mark's hall"  # the program's own venue
    assert listed[2].topic == "Flu clinic"
    with pytest.raises(ValidationError, match="end after"):
        organized.sessions.create(SessionInput(program, date(2026, 2, 3), time(16), time(14)))


def test_attendance_is_saved_whole_and_the_old_state_comes_back(organized: Services) -> None:
    program = _program(organized)
    first = organized.sessions.create(SessionInput(program, date(2026, 1, 6))).uid
    second = organized.sessions.create(SessionInput(program, date(2026, 1, 13))).uid
    lan = organized.people.create(PersonInput("Lan", "Tran")).uid
    minh = organized.people.create(PersonInput("Minh", "Pham")).uid
    organized.attendance.save(first, AttendanceState(frozenset({lan, minh})))
    # "Same as last session" offers the people of the session before.
    assert {a.name for a in organized.attendance.previous_attendees(second)} == {
        "Lan Tran",
        "Minh Pham",
    }
    before = organized.attendance.save(
        second,
        AttendanceState(frozenset({lan}), (HeadCountLine("65+", "woman", "vi", 3),)),
    )
    assert before == AttendanceState()
    sheet = organized.attendance.sheet(second)
    assert [a.name for a in sheet.present] == ["Lan Tran"]
    assert organized.sessions.get(second).present == 4
    # Undo: the state returned is put back exactly.
    organized.attendance.save(second, before)
    assert organized.sessions.get(second).present == 0


def test_naming_people_from_a_head_count_never_counts_them_twice(organized: Services) -> None:
    program = _program(organized, "Community festival")
    festival = organized.sessions.create(SessionInput(program, date(2026, 7, 1))).uid
    amal = organized.people.create(PersonInput("Amal", "Haddad")).uid
    group = HeadCountLine("25-44", "woman", "ar", 40)
    organized.attendance.save(festival, AttendanceState(frozenset(), (group,)))
    assert organized.sessions.get(festival).present == 40
    organized.attendance.save(
        festival, AttendanceState(frozenset({amal}), (group,), ((amal, group.key),))
    )
    record = organized.sessions.get(festival)
    assert (record.named, record.anonymous, record.present) == (1, 39, 40)
    sheet = organized.attendance.sheet(festival)
    assert sheet.anonymous(group) == 39
    sami = organized.people.create(PersonInput("Sami", "Haddad")).uid
    elder = HeadCountLine("65+", "", "", 1)
    with pytest.raises(ValidationError, match="than it counted"):
        organized.attendance.save(
            festival,
            AttendanceState(
                frozenset({amal, sami}), (elder,), ((amal, elder.key), (sami, elder.key))
            ),
        )
    with pytest.raises(ValidationError, match="ticked present"):
        organized.attendance.save(
            festival, AttendanceState(frozenset(), (group,), ((amal, group.key),))
        )


def test_a_newcomer_added_on_the_spot_is_in_the_roster_and_present(organized: Services) -> None:
    program = _program(organized)
    session = organized.sessions.create(SessionInput(program, date(2026, 1, 6))).uid
    newcomer = organized.attendance.add_newcomer(session, PersonInput(" Thi ", "Nguyen"))
    assert newcomer.name == "Thi Nguyen"
    assert organized.people.get(newcomer.person_uid).person.given_name == "Thi"
    assert [a.name for a in organized.attendance.sheet(session).present] == ["Thi Nguyen"]
    assert [a.name for a in organized.attendance.expected(session)] == ["Thi Nguyen"]


def test_a_deleted_session_leaves_the_list_and_comes_back(organized: Services) -> None:
    program = _program(organized)
    session = organized.sessions.create(SessionInput(program, date(2026, 1, 6))).uid
    organized.sessions.delete(session)
    assert organized.sessions.sessions(program) == ()
    with pytest.raises(NotFoundError):
        organized.attendance.sheet(session)
    organized.sessions.restore(session)
    assert len(organized.sessions.sessions(program)) == 1


def test_hours_are_whole_minutes_and_valued_in_cents(organized: Services) -> None:
    assert [parse_hours(text) for text in ("2", "1,5", "1.25", "1:30", "2h15", "90 min")] == [
        120,
        90,
        75,
        90,
        135,
        90,
    ]
    with pytest.raises(ValidationError):
        parse_hours("1:75")
    assert hour_value_cents(90, 2501) == 3752  # 3751.5 rounds half up
    # Shown the same on the dashboard, the report and the statement: hundredths, no float.
    assert [hours_number(m) for m in (90, 20, 120)] == ["1.5", "0.33", "2"]
    program = _program(organized)
    session = organized.sessions.create(SessionInput(program, date(2026, 1, 6))).uid
    lan = organized.people.create(PersonInput("Lan", "Tran")).uid
    hours = organized.volunteer_hours
    hours.log(HoursInput(lan, date(2026, 1, 6), 120, "Set-up", session_uid=session), TODAY)
    entry = hours.log(HoursInput(lan, date(2026, 2, 1), 45, "Newsletter"), TODAY)
    assert hours.entries(lan)[1].program_name == "Seniors' circle"
    [total] = hours.totals()
    assert (total.volunteer, total.minutes, total.entries) == ("Lan Tran", 165, 2)
    hours.remove(entry.uid)
    organized.sessions.delete(session)  # hours at a session in the Trash stop counting
    assert hours.totals() == ()
    with pytest.raises(ValidationError, match="future"):
        hours.log(HoursInput(lan, date(2026, 12, 1), 60), TODAY)


def test_only_consented_feedback_is_offered_for_quoting(organized: Services) -> None:
    program = _program(organized)
    quoted = organized.people.create(PersonInput("Hodan", "Warsame")).uid
    shy = organized.people.create(PersonInput("Amal", "Haddad")).uid
    consent = organized.people.add_consent(
        quoted, ConsentInput("verbal", date(2026, 3, 1), ("quoting",), witness="Lan")
    )
    organized.people.add_consent(shy, ConsentInput("signed", date(2026, 3, 1), ("photos",)))
    feedback = organized.feedback
    feedback.record(FeedbackInput(date(2026, 4, 1), "I found friends.", program, quoted), TODAY)
    feedback.record(FeedbackInput(date(2026, 4, 2), "Merci !", program, shy, "fr"), TODAY)
    feedback.record(FeedbackInput(date(2026, 4, 3), "Very good tea.", program), TODAY)
    everything = feedback.feedback(program, today=TODAY)
    assert [f.quotable for f in everything] == [False, False, True]
    assert [f.words for f in feedback.feedback(quotable_only=True, today=TODAY)] == [
        "I found friends."
    ]
    organized.people.withdraw_consent(consent.uid, date(2026, 5, 1))
    assert feedback.feedback(quotable_only=True, today=TODAY) == ()
    with pytest.raises(ValidationError, match="what was said"):
        feedback.record(FeedbackInput(date(2026, 4, 1), "   "), TODAY)


def test_suggestions_show_what_members_decided(organized: Services) -> None:
    program = _program(organized, "Cooking together")
    feedback = organized.feedback
    done = feedback.suggest(SuggestionInput(date(2026, 2, 1), "A cooking class"), TODAY)
    feedback.suggest(SuggestionInput(date(2026, 3, 1), "Outing to the museum"), TODAY)
    feedback.update_suggestion(
        done.uid,
        SuggestionInput(
            date(2026, 2, 1), "A cooking class", status="done", program_uid=program, response="ok"
        ),
        TODAY,
    )
    listed = feedback.suggestions()
    assert [(s.words, s.status) for s in listed] == [
        ("Outing to the museum", "new"),
        ("A cooking class", "done"),
    ]
    assert listed[1].program_name == "Cooking together"
    with pytest.raises(ValidationError):
        feedback.suggest(SuggestionInput(date(2026, 2, 1), "x", status="maybe"), TODAY)


def test_a_volunteer_profile_takes_attendance_but_changes_nothing_else(
    organized: Services,
) -> None:
    program = _program(organized)
    session = organized.sessions.create(SessionInput(program, date(2026, 1, 6))).uid
    lan = organized.people.create(PersonInput("Lan", "Tran")).uid
    organized.profiles.add("Leila", "leader")
    sam = organized.profiles.add("Sam", "volunteer", "1234")
    organized.profiles.sign_in(sam.uid, "1234")
    organized.attendance.save(session, AttendanceState(frozenset({lan})))
    assert organized.sessions.get(session).named == 1
    with pytest.raises(NotAllowedError):
        organized.sessions.create(SessionInput(program, date(2026, 1, 13)))


def test_a_program_with_a_planned_end_is_current_until_then(organized: Services) -> None:
    organized.programs.create(ProgramInput("Tax clinic", ends_on=date(2027, 4, 30)))
    organized.programs.create(
        ProgramInput("Winter drive", starts_on=date(2025, 11, 1), ends_on=date(2026, 2, 28))
    )
    organized.programs.create(ProgramInput("Seniors' circle"))
    current = organized.programs.programs(include_ended=False, today=TODAY)
    assert [p.name for p in current] == ["Seniors' circle", "Tax clinic"]


def test_a_record_keeps_its_venue_after_the_venue_goes_to_the_trash(organized: Services) -> None:
    program = _program(organized)
    record = organized.programs.get(program)
    session = organized.sessions.create(
        SessionInput(program, date(2026, 1, 6), venue_uid=record.venue_uid)
    )
    organized.programs.delete_venue(record.venue_uid)
    # Editing something else is no error; choosing the trashed venue anew is.
    organized.programs.update(program, replace(record.as_input(), description="Tea and talk"))
    organized.sessions.update(session.uid, replace(session.as_input(), topic="Flu clinic"))
    other = organized.programs.create(ProgramInput("Choir"))
    with pytest.raises(NotFoundError, match="venue"):
        organized.programs.update(other.uid, replace(other.as_input(), venue_uid=record.venue_uid))


def test_a_whole_series_goes_to_the_trash_and_back_in_one_step(organized: Services) -> None:
    program = _program(organized)
    series = organized.sessions.create_series(
        SessionInput(program, date(2026, 1, 6)), date(2026, 2, 24), "weekly"
    )
    uids = [s.uid for s in series]
    with pytest.raises(NotFoundError):  # one of them is gone: nothing is deleted
        organized.sessions.delete(*uids, "no-such-session")
    assert len(organized.sessions.sessions(program)) == 8
    organized.sessions.delete(*uids)
    assert organized.sessions.sessions(program) == ()
    organized.sessions.restore(*uids)
    assert len(organized.sessions.sessions(program)) == 8


def test_a_group_emptied_while_someone_is_named_from_it_says_so(organized: Services) -> None:
    program = _program(organized, "Community festival")
    festival = organized.sessions.create(SessionInput(program, date(2026, 7, 1))).uid
    amal = organized.people.create(PersonInput("Amal", "Haddad")).uid
    emptied = HeadCountLine("25-44", "woman", "ar", 0)
    with pytest.raises(ValidationError, match="than it counted"):
        organized.attendance.save(
            festival, AttendanceState(frozenset({amal}), (emptied,), ((amal, emptied.key),))
        )
    assert organized.sessions.get(festival).present == 0  # nothing was saved


@given(st.text(max_size=40))
def test_any_typed_time_gives_minutes_or_a_clear_message(text: str) -> None:
    try:
        minutes = parse_hours(text)
    except ValidationError as error:
        assert error.field == "minutes" and "1:30" in error.message
    else:
        # At most "9999 min" or "99:59"; logging then refuses anything over a day.
        assert 0 <= minutes <= 9999


@given(st.integers(0, 99), st.integers(0, 59))
def test_hours_and_minutes_read_back_exactly(hours: int, minutes: int) -> None:
    assert parse_hours(f"{hours}:{minutes:02d}") == hours * 60 + minutes
