from __future__ import annotations

from datetime import date

import pytest

from communitydesk.core.errors import NotFoundError, ValidationError
from communitydesk.services.context import Services
from communitydesk.services.membership import add_months
from communitydesk.services.people import PersonInput

TODAY = date(2026, 11, 22)


def test_months_end_on_real_days() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 11, 22), 12) == date(2027, 11, 22)
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)


def test_paid_due_lapsed_and_the_renewal_list(organized: Services) -> None:
    people, membership = organized.people, organized.membership
    family = membership.add_kind(" Family ", 2500, 12)
    senior = membership.add_kind("Senior", 1000, 12)
    assert [k.name for k in membership.kinds()] == ["Family", "Senior"]

    hodan = people.create(PersonInput("Hodan", "Warsame")).uid
    ana = people.create(PersonInput("Ana", "Peña")).uid
    mai = people.create(PersonInput("Mai", "Nguyễn")).uid
    paid = membership.record(
        hodan, family.uid, date(2026, 9, 1), paid_on=date(2026, 9, 1), today=TODAY
    )
    assert (paid.end_date, paid.dues_cents, paid.status) == (date(2027, 8, 31), 2500, "paid")
    due = membership.record(ana, senior.uid, date(2025, 12, 10), today=TODAY)
    assert due.status == "due"
    membership.record(mai, senior.uid, date(2025, 1, 1), paid_on=date(2025, 1, 2), today=TODAY)

    current = {m.display_name: m.status for m in membership.current(TODAY)}
    assert current == {"Ana Peña": "due", "Hodan Warsame": "paid", "Mai Nguyễn": "lapsed"}
    renewals = membership.renewals(today=TODAY)
    assert [m.display_name for m in renewals] == ["Mai Nguyễn", "Ana Peña"]

    membership.mark_paid(due.uid, on=TODAY)
    membership.record(mai, senior.uid, date(2026, 11, 22), today=TODAY)  # renewed
    current = {m.display_name: m.status for m in membership.current(TODAY)}
    assert current == {"Ana Peña": "paid", "Hodan Warsame": "paid", "Mai Nguyễn": "due"}
    assert [m.display_name for m in membership.renewals(today=TODAY)] == ["Ana Peña"]


def test_bad_kinds_and_records_are_refused(organized: Services) -> None:
    membership = organized.membership
    with pytest.raises(ValidationError):
        membership.add_kind("", 100)
    with pytest.raises(ValidationError):
        membership.add_kind("Family", -5)
    with pytest.raises(ValidationError):
        membership.add_kind("Family", 100, 0)
    uid = organized.people.create(PersonInput("Ana")).uid
    with pytest.raises(NotFoundError):
        membership.record(uid, "no-such-kind", TODAY)
    assert membership.kinds() == () and membership.current() == ()


def test_the_sample_has_members_paid_due_and_lapsed(sample: Services) -> None:
    statuses = {m.status for m in sample.membership.current()}
    assert statuses <= {"paid", "due", "lapsed"} and "paid" in statuses
    assert [k.name for k in sample.membership.kinds()] == ["Family", "Individual", "Senior"]


def test_take_back_reinstate_and_set_paid(organized: Services) -> None:
    membership = organized.membership
    kind = membership.add_kind("Family", 2000, 12)
    uid = organized.people.create(PersonInput("Hodan", "Warsame")).uid
    first = membership.record(uid, kind.uid, date(2025, 1, 1), paid_on=date(2025, 1, 2))
    second = membership.record(uid, kind.uid, date(2026, 1, 1))
    today = date(2026, 3, 1)

    assert membership.set_paid(second.uid, date(2026, 2, 1)) is None
    assert [m.status for m in membership.current(today)] == ["paid"]
    assert membership.set_paid(second.uid, None) == date(2026, 2, 1)
    assert [m.status for m in membership.current(today)] == ["due"]

    membership.cancel(second.uid)  # recorded by mistake: the earlier one shows again
    assert [(m.uid, m.status) for m in membership.current(today)] == [(first.uid, "lapsed")]
    membership.reinstate(second.uid)
    assert [m.uid for m in membership.current(today)] == [second.uid]
