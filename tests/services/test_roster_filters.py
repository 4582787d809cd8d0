from __future__ import annotations

from datetime import date

import pytest

from communitydesk.core.errors import ValidationError
from communitydesk.services.context import Services
from communitydesk.services.people import PersonInput, RosterFilter

TODAY = date(2026, 11, 22)


@pytest.fixture
def roster(organized: Services) -> Services:
    people = organized.people
    people.create(
        PersonInput(
            "Hodan",
            "Warsame",
            languages=("so", "en"),
            community="Somali",
            arrival_year=2024,
            phone="6135550105",
        ),
        today=TODAY,
    )
    people.create(
        PersonInput(
            "Ana",
            "Peña",
            languages=("es",),
            community="Latin American",
            arrival_year=2005,
            phone="6135550101",
        ),
        today=TODAY,
    )
    people.create(
        PersonInput(
            "محمد",
            "الحسن",
            "Mohammed Al-Hassan",
            languages=("ar", "so"),
            community="Syrian",
            arrival_year=2023,
            phone="6135550109",
        ),
        today=TODAY,
    )
    people.create(PersonInput("Zoran", "Nikolić", "Zoran Nikolic", languages=("sr",)), today=TODAY)
    return organized


def _names(services: Services, wanted: RosterFilter) -> list[str]:
    return [r.display_name for r in services.people.roster(wanted, today=TODAY).rows]


def test_filters_narrow_the_roster(roster: Services) -> None:
    assert _names(roster, RosterFilter(language="so")) == ["Hodan Warsame", "محمد الحسن"]
    assert _names(roster, RosterFilter(community="Latin American")) == ["Ana Peña"]
    assert _names(roster, RosterFilter(newcomers_only=True)) == ["Hodan Warsame", "محمد الحسن"]
    assert _names(roster, RosterFilter(text="mohamed", language="ar")) == ["محمد الحسن"]
    assert _names(roster, RosterFilter(language="s")) == []  # a code, not a fragment
    assert roster.people.roster(RosterFilter(role="volunteer")).total == 0


def test_sort_by_any_column_both_ways(roster: Services) -> None:
    by_phone = _names(roster, RosterFilter(sort="phone"))
    assert by_phone == ["Zoran Nikolić", "Ana Peña", "Hodan Warsame", "محمد الحسن"]
    assert _names(roster, RosterFilter(sort="phone", descending=True)) == by_phone[::-1]
    by_name = _names(roster, RosterFilter())
    assert by_name == ["Ana Peña", "Hodan Warsame", "Zoran Nikolić", "محمد الحسن"]
    latin = _names(roster, RosterFilter(sort="latin_name"))
    assert latin[-2:] == ["محمد الحسن", "Zoran Nikolić"]  # Mohammed… before Zoran…


def test_unknown_sort_or_role_is_refused(roster: Services) -> None:
    with pytest.raises(ValidationError):
        roster.people.roster(RosterFilter(sort="email"))
    with pytest.raises(ValidationError):
        roster.people.roster(RosterFilter(role="treasurer"))


def test_filter_choices_list_what_is_there(roster: Services) -> None:
    choices = roster.people.filter_choices()
    assert choices.languages == ("ar", "en", "es", "so", "sr")
    assert choices.communities == ("Latin American", "Somali", "Syrian")


def test_filter_by_membership_status_follows_the_latest_membership(organized: Services) -> None:
    people, membership = organized.people, organized.membership
    kind = membership.add_kind("Family", 2000, 12)

    def member(name: str, start: date, paid_on: date | None) -> str:
        uid = people.create(PersonInput(name), today=TODAY).uid
        membership.record(uid, kind.uid, start, paid_on=paid_on, today=TODAY)
        return uid

    member("Paid", date(2026, 3, 1), date(2026, 3, 1))
    member("Due", date(2026, 10, 1), None)
    member("Lapsed", date(2024, 1, 1), date(2024, 1, 1))
    renewed = member("Renewed", date(2025, 1, 1), None)  # lapsed once, then renewed and paid
    membership.record(renewed, kind.uid, date(2026, 1, 1), paid_on=date(2026, 1, 5))
    people.create(PersonInput("Never"), today=TODAY)

    def shown(status: str) -> list[str]:
        page = people.roster(RosterFilter(membership=status), limit=50, today=TODAY)
        return [row.display_name for row in page.rows]

    assert shown("paid") == ["Paid", "Renewed"]
    assert shown("due") == ["Due"]
    assert shown("lapsed") == ["Lapsed"]
    assert shown("member") == ["Due", "Paid", "Renewed"]
    assert shown("none") == ["Never"]
    with pytest.raises(ValidationError):
        shown("gold")
