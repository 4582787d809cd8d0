"""The groundwork report: who the group prepared and referred, where to, with what outcome, and
the privacy rules it counts by."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from communitydesk.core.errors import ValidationError
from communitydesk.core.i18n import set_language
from communitydesk.services.context import Services
from communitydesk.services.directory import OrganizationInput, ServiceInput
from communitydesk.services.groundwork import (
    GroundworkReport,
    GroundworkService,
    hidden_cells,
)
from communitydesk.services.households import HouseholdInput
from communitydesk.services.people import PersonInput
from communitydesk.services.referrals import ReferralInput
from communitydesk.services.support import ContactInput

TODAY = date(2026, 11, 23)
START, END = date(2026, 1, 1), date(2026, 12, 31)


class Group:
    """An organization with two services and a few people to refer."""

    def __init__(self, services: Services) -> None:
        self.services = services
        directory = services.directory
        harvest = directory.save_organization(OrganizationInput(name="Capital Harvest"))
        housing = directory.save_organization(OrganizationInput(name="Housing Help Centre"))
        self.food_bank = directory.save_service(
            ServiceInput(organization_uid=harvest, name="Food hamper", category="income")
        )
        self.housing = directory.save_service(
            ServiceInput(organization_uid=housing, name="Housing search", category="housing")
        )
        self.people: dict[str, str] = {}

    def person(self, name: str) -> str:
        if name not in self.people:
            created = self.services.people.create(PersonInput(given_name=name, family_name="Test"))
            self.people[name] = created.uid
        return self.people[name]

    def refer(
        self,
        name: str,
        service: str,
        on: date = date(2026, 5, 4),
        outcome: str = "",
        barriers: tuple[str, ...] = (),
    ) -> str:
        return self.services.referrals.create(
            ReferralInput(
                service,
                on,
                person_uid=self.person(name),
                outcome=outcome,
                outcome_on=on + timedelta(days=7) if outcome else None,
                barriers=barriers,
            ),
            today=TODAY,
        )


@pytest.fixture
def group(organized: Services) -> Group:
    return Group(organized)


def build(services: Services, start: date = START, end: date = END) -> GroundworkReport:
    return GroundworkService(services.database, lambda: TODAY).build(start, end)


def pdf_text(path: Path) -> str:
    """The printed words, one space apart (each cell comes out on its own line)."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def rows_of(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def table(report: GroundworkReport, heading: str) -> dict[str, tuple[str, ...]]:
    """A printed table as {first cell: the other cells}."""
    section = next(s for s in report.document().sections if s.heading == heading)
    assert section.table is not None
    return {row[0]: row[1:] for row in section.table.rows}


def test_a_person_counts_once_per_service_and_once_per_category(group: Group) -> None:
    group.refer("Amina", group.food_bank)
    group.refer("Amina", group.food_bank, date(2026, 6, 1))  # the same service again
    group.refer("Amina", group.housing)
    group.refer("Omar", group.food_bank)

    report = build(group.services)

    people = {line.name: line.people for line in report.services}
    assert people == {"Food hamper": 2, "Housing search": 1}
    by_category = {line.code: (line.people, line.referrals) for line in report.categories}
    assert by_category == {"income": (2, 3), "housing": (1, 1)}
    assert report.figures.people_referred == 2
    assert report.figures.services == 2 and report.figures.organizations == 2
    assert report.referrals == 4


def test_twice_to_two_services_counts_once_for_each(group: Group) -> None:
    for service in (group.food_bank, group.housing):
        group.refer("Amina", service, date(2026, 3, 2))
        group.refer("Amina", service, date(2026, 4, 6))

    report = build(group.services)

    assert {line.name: line.people for line in report.services} == {
        "Food hamper": 1,
        "Housing search": 1,
    }
    assert [(line.code, line.people) for line in report.categories] == [
        ("housing", 1),
        ("income", 1),
    ]
    assert report.figures.people_referred == 1


def test_a_household_referred_as_a_whole_counts_as_one(group: Group) -> None:
    services = group.services
    osman = services.households.create(HouseholdInput("Osman")).uid
    hodan = group.person("Hodan")
    services.households.add_member(osman, hodan, "main_contact")
    for on in (date(2026, 2, 2), date(2026, 3, 2)):
        services.referrals.create(
            ReferralInput(group.food_bank, on, household_uid=osman), today=TODAY
        )
    group.refer("Hodan", group.food_bank)  # and one of its members, by name

    report = build(services)

    assert {line.name: line.people for line in report.services} == {"Food hamper": 2}
    assert report.figures.people_referred == 2
    assert report.figures.households_referred == 1


def seven_people(group: Group) -> None:
    """Food hamper: six people, one of them twice; housing search: two people."""
    for name in ("P1", "P2", "P3", "P4", "P5"):
        group.refer(name, group.food_bank, outcome="connected")
    group.refer("P6", group.food_bank, outcome="did_not_go", barriers=("transit", "hours"))
    group.refer("P1", group.food_bank, date(2026, 9, 14))
    group.refer("P1", group.housing, outcome="waiting", barriers=("wait_list", "transit"))
    group.refer("P7", group.housing)


def test_counts_under_5_print_as_fewer_than_5_and_zero_as_0(group: Group, tmp_path: Path) -> None:
    seven_people(group)
    report = build(group.services)

    categories = table(report, "Referrals by category")
    assert categories["Social assistance & income"][0] == "6"
    assert categories["Housing"] == ("fewer than 5", "fewer than 5")
    # A total of 9 with housing's 2 hidden would give income's 7 away: it is not shown either.
    assert categories["Social assistance & income"][1] == "not shown"
    assert categories["All categories"] == ("7", "9")
    outcomes = table(report, "Outcomes")
    assert outcomes == {
        "Connected": ("5",),
        "Waiting": ("fewer than 5",),
        "Not eligible": ("0",),
        "Did not go": ("fewer than 5",),
        "Other": ("0",),
        "No outcome yet": ("fewer than 5",),
        "All referrals": ("9",),
    }
    grid = table(report, "Outcomes by category")
    assert grid["Social assistance & income"] == (
        "5",
        "0",
        "0",
        "fewer than 5",
        "0",
        "fewer than 5",
        "not shown",
    )
    services = table(report, "Services referred to")
    assert services["Food hamper"] == ("Capital Harvest", "Social assistance & income", "6")
    assert services["Housing search"][-1] == "fewer than 5"

    pdf = report.write(tmp_path / "groundwork.pdf")
    text = pdf_text(pdf)
    assert "Groundwork report" in text
    assert "January 1, 2026 to December 31, 2026" in text
    assert "Food hamper Capital Harvest Social assistance & income 6" in text
    assert "Housing fewer than 5 fewer than 5" in text
    assert "Not eligible 0" in text
    assert "Prepared by the coordinator on November 23, 2026" in text

    rows = rows_of(report.write(tmp_path / "groundwork.csv"))
    assert ["Housing", "fewer than 5", "fewer than 5"] in rows
    assert ["Social assistance & income", "6", "not shown"] in rows
    assert ["Not eligible", "0"] in rows
    assert ["Food hamper", "Capital Harvest", "Social assistance & income", "6"] in rows
    # The spreadsheet and the printout hold the same figures.
    tables = [s.table for s in report.document().sections if s.table is not None]
    printed = [cell for table in tables for row in table.rows for cell in row]
    assert all(cell in {c for row in rows for c in row} for cell in printed)


def test_the_follow_up_rate_gives_no_hidden_count_away(group: Group) -> None:
    seven_people(group)
    summary = table(build(group.services), "Summary")
    # 7 of 9 have an outcome; with 2 open ("fewer than 5"), only a bound is printed.
    assert summary["Follow-up rate (referrals with an outcome recorded)"] == ("at least 55%",)
    assert summary["Referrals made"] == ("9",)
    assert summary["People referred"] == ("7",)

    for name in ("P8", "P9", "P10", "P11", "P12"):
        group.refer(name, group.housing)
    summary = table(build(group.services), "Summary")
    assert summary["Follow-up rate (referrals with an outcome recorded)"] == ("50%",)


def test_outcomes_and_barriers_count_referrals(group: Group) -> None:
    seven_people(group)
    report = build(group.services)

    lines = {line.code: line.outcomes for line in report.categories}
    assert lines["income"] == {"connected": 5, "did_not_go": 1, "": 1}
    assert lines["housing"] == {"waiting": 1, "": 1}
    barriers = dict(report.barriers)
    assert barriers["Location / transit"] == 2
    assert barriers["Hours"] == 1 and barriers["Wait list"] == 1
    assert barriers["Cost"] == 0
    printed = table(report, "Barriers met")
    assert printed == {
        "Location / transit": ("fewer than 5",),
        "Hours": ("fewer than 5",),
        "Wait list": ("fewer than 5",),
    }


def test_the_period_includes_its_first_and_last_days(group: Group) -> None:
    group.refer("Before", group.food_bank, date(2026, 2, 28))
    group.refer("First", group.food_bank, date(2026, 3, 1))
    group.refer("Last", group.housing, date(2026, 3, 31))
    group.refer("After", group.housing, date(2026, 4, 1))
    services = group.services
    for name, on in (("Before", date(2026, 2, 28)), ("First", date(2026, 3, 1))):
        services.support.log(
            ContactInput(on, "orientation", person_uid=group.person(name)), today=TODAY
        )

    report = build(services, date(2026, 3, 1), date(2026, 3, 31))

    assert report.referrals == 2
    assert {line.name: line.people for line in report.services} == {
        "Food hamper": 1,
        "Housing search": 1,
    }
    assert report.figures.people_prepared == 1
    assert report.document().subtitle == "March 1, 2026 to March 31, 2026"


def test_deleted_referrals_and_people_in_the_trash_are_left_out(group: Group) -> None:
    kept = group.refer("Amina", group.food_bank)
    gone = group.refer("Omar", group.food_bank)
    group.refer("Leila", group.housing)
    group.services.referrals.delete(gone)
    group.services.people.delete(group.person("Leila"))

    report = build(group.services)

    assert report.referrals == 1
    assert [line.name for line in report.services] == ["Food hamper"]
    assert group.services.referrals.get(kept).person_name == "Amina Test"


def test_an_empty_period_says_so(group: Group, tmp_path: Path) -> None:
    report = build(group.services)
    text = pdf_text(report.write(tmp_path / "empty.pdf"))
    assert "No referrals were recorded in this period." in text
    assert table(report, "Summary")["Referrals made"] == ("0",)
    assert table(report, "Summary")["Follow-up rate (referrals with an outcome recorded)"] == ("—",)


def test_the_report_is_written_in_the_window_language(group: Group, tmp_path: Path) -> None:
    seven_people(group)
    set_language("fr")
    text = pdf_text(build(group.services).write(tmp_path / "fr.pdf"))
    assert "moins de 5" in text
    assert "Logement" in text  # the category as the shared list names it in French


def test_who_prepared_it_and_bad_requests(group: Group, tmp_path: Path) -> None:
    group.services.database.actor = "Mariam Haidari"
    report = build(group.services)
    assert report.document().prepared == "Prepared by Mariam Haidari on November 23, 2026"
    assert report.document().organization == "Cercle des aînés"
    with pytest.raises(ValidationError):
        build(group.services, END, START)
    with pytest.raises(ValidationError):
        report.write(tmp_path / "report.txt")
    assert not (tmp_path / "report.txt").exists()


def test_a_lone_hidden_count_in_a_line_hides_another() -> None:
    # One row: 7 + 2 = 9. Hiding the 2 alone would leave it as 9 - 7.
    values = {(0, 0): 7, (0, 1): 2, (0, 2): 9}
    assert hidden_cells(values, [((0, 0), (0, 1), (0, 2))]) == {(0, 1), (0, 0)}
    # Two small counts already hide each other; zeros stay shown.
    values = {(0, 0): 12, (0, 1): 2, (0, 2): 3, (0, 3): 0, (0, 4): 17}
    line = tuple(values)
    assert hidden_cells(values, [line]) == {(0, 1), (0, 2)}
    # A second count hidden in one line can leave another line with a lone one: it follows.
    values = {(0, 0): 3, (0, 1): 6, (0, 2): 9, (1, 0): 8, (1, 1): 7, (1, 2): 15}
    values |= {(2, 0): 11, (2, 1): 13, (2, 2): 24}
    rows = [tuple((r, c) for c in range(3)) for r in range(3)]
    columns = [tuple((r, c) for r in range(3)) for c in range(3)]
    hidden = hidden_cells(values, [*rows, *columns])
    for line in (*rows, *columns):
        assert sum(cell in hidden for cell in line) != 1
