from __future__ import annotations

from datetime import date

import pytest

from communitydesk.core.errors import NotFoundError, ValidationError
from communitydesk.services.context import Services
from communitydesk.services.people import PersonInput
from communitydesk.services.volunteers import VolunteerInput

TODAY = date(2026, 11, 22)


def test_a_volunteer_with_roles_backups_and_checks(organized: Services) -> None:
    people, volunteers = organized.people, organized.volunteers
    amina = people.create(PersonInput("Amina", "Farah")).uid
    hodan = people.create(PersonInput("Hodan", "Warsame")).uid
    assert volunteers.get(amina) is None
    volunteers.enroll(
        amina,
        VolunteerInput(
            date(2025, 3, 1), "Interpretation, driving", "Saturdays", "Abdi Farah", "6135550188"
        ),
    )
    volunteers.add_role(amina, "Phone tree", backup_uid=hodan)
    volunteers.add_check(
        amina, "screening", "Police / vulnerable-sector check", date(2024, 1, 10), date(2027, 1, 10)
    )
    detail = volunteers.add_check(amina, "training", "First aid", date(2025, 5, 1), None)

    assert detail.volunteer.emergency_phone == "(613) 555-0188"
    assert [(r.role, r.backup) for r in detail.roles] == [("Phone tree", "Hodan Warsame")]
    assert [c.name for c in detail.checks] == ["Police / vulnerable-sector check", "First aid"]
    (row,) = volunteers.list()
    assert (row.display_name, row.roles) == ("Amina Farah", ("Phone tree",))

    volunteers.remove(detail.roles[0].uid)
    assert volunteers.get(amina).roles == ()  # type: ignore[union-attr]
    volunteers.stop(amina)
    assert volunteers.list() == ()


def test_what_expires_within_sixty_days(organized: Services) -> None:
    people, volunteers = organized.people, organized.volunteers
    ana = people.create(PersonInput("Ana", "Peña")).uid
    volunteers.enroll(ana, VolunteerInput(date(2024, 1, 1)))
    volunteers.add_check(ana, "screening", "Police check", date(2023, 12, 1), date(2026, 12, 1))
    volunteers.add_check(ana, "training", "First aid", date(2024, 11, 1), date(2026, 11, 1))
    volunteers.add_check(ana, "training", "Food safety", date(2025, 1, 1), date(2030, 1, 1))
    soon = volunteers.expiring(today=TODAY)
    assert [(c.name, c.days_left) for c in soon] == [("First aid", -21), ("Police check", 9)]
    assert soon[0].display_name == "Ana Peña"


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda v, uid: v.add_check(uid, "exam", "X", TODAY, None), "kind"),
        (lambda v, uid: v.add_check(uid, "training", " ", TODAY, None), "name"),
        (lambda v, uid: v.add_check(uid, "training", "X", TODAY, date(2020, 1, 1)), "expires_on"),
        (lambda v, uid: v.add_role(uid, "  "), "role"),
        (lambda v, uid: v.add_role(uid, "Driver", backup_uid=uid), "backup"),
        (lambda v, uid: v.enroll(uid, VolunteerInput(date(2999, 1, 1))), "start_date"),
    ],
)
def test_bad_volunteer_records_are_refused(organized: Services, call: object, field: str) -> None:
    uid = organized.people.create(PersonInput("Ana")).uid
    organized.volunteers.enroll(uid, VolunteerInput(date(2025, 1, 1)))
    with pytest.raises(ValidationError) as raised:
        call(organized.volunteers, uid)  # type: ignore[operator]
    assert raised.value.field == field
    detail = organized.volunteers.get(uid)
    assert detail is not None and detail.roles == () and detail.checks == ()


def test_only_volunteers_have_checks(organized: Services) -> None:
    uid = organized.people.create(PersonInput("Ana")).uid
    with pytest.raises(NotFoundError):
        organized.volunteers.add_check(uid, "training", "First aid", TODAY, None)


def test_the_sample_has_checks_coming_due(sample: Services) -> None:
    rows = sample.volunteers.list()
    assert len(rows) == sample.dashboard.summary().volunteers
    assert all(c.days_left <= 60 for c in sample.volunteers.expiring())


def test_put_back_undoes_roles_checks_and_enrolment(organized: Services) -> None:
    volunteers = organized.volunteers
    uid = organized.people.create(PersonInput("Yonas", "Haile")).uid
    never = volunteers.snapshot(uid)
    assert never.volunteer is None

    volunteers.enroll(uid, VolunteerInput(date(2025, 1, 1), skills="Driving"))
    kept = volunteers.add_role(uid, "Drives seniors").roles[0]
    before = volunteers.snapshot(uid)
    check = volunteers.add_check(uid, "training", "First aid", date(2025, 2, 1), None).checks[0]
    volunteers.remove(kept.uid)
    volunteers.enroll(uid, VolunteerInput(date(2025, 1, 1), skills="Cooking"))
    after = volunteers.snapshot(uid)

    volunteers.put_back(before)
    detail = volunteers.get(uid)
    assert detail is not None
    assert detail.volunteer.skills == "Driving"
    assert [r.role for r in detail.roles] == ["Drives seniors"] and detail.checks == ()

    volunteers.put_back(after)
    detail = volunteers.get(uid)
    assert detail is not None
    assert detail.roles == () and [c.uid for c in detail.checks] == [check.uid]

    volunteers.put_back(never)
    assert volunteers.get(uid) is None
    with pytest.raises(NotFoundError):
        volunteers.remove(kept.uid)  # already removed: a clear message, not a crash
