"""The roster out to CSV or .xlsx and back in again loses nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from communitydesk.core.errors import NotAllowedError
from communitydesk.services.context import Services
from communitydesk.services.households import HouseholdInput
from communitydesk.services.people import PersonInput

RECORDS = (
    PersonInput(
        "محمد",
        "الحسن",
        "Mohammed Al-Hassan",
        "Abu Omar",
        "+1 613 555 0101",
        "",
        "m@example.org",
        "12 rue Principale\nGatineau",
        1975,
        "",
        "man",
        ("ar", "fr"),
        "SY",
        2016,
        "Syrian",
        "=SUM(A1) is what he wrote",
        "never exported",
    ),
    PersonInput("Thu Hà", "Lê", languages=("vi",), age_band="65+", notes="-likes tea"),
)


def _roster(services: Services) -> list[PersonInput]:
    people = []
    for row in services.people.search(limit=100).rows:
        people.append(services.people.get(row.uid).person)
    return sorted(people, key=lambda p: p.given_name)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_then_import_is_lossless(organized: Services, tmp_path: Path, suffix: str) -> None:
    for person in RECORDS:
        organized.people.create(person)
    home = organized.households.create(
        HouseholdInput("Al-Hassan", "4 Elm St\nOttawa", "6135550190")
    ).uid
    first = organized.people.search("Mohammed").rows[0].uid
    organized.households.add_member(home, first, "main_contact")
    out = tmp_path / f"roster{suffix}"
    assert organized.people_export.export(out) == 2
    assert b"never exported" not in out.read_bytes()

    from communitydesk.core.paths import DataPaths
    from communitydesk.services.context import open_data_folder
    from communitydesk.services.organization import OrganizationProfile

    other = open_data_folder(DataPaths(tmp_path / "other").ensure())
    other.organization.create(OrganizationProfile(name="Partner"))
    preview = other.imports.preview(out)
    assert preview.rejected == ()
    other.imports.commit(preview)
    expected = [
        p if not p.sensitive_notes else type(p)(**{**p.__dict__, "sensitive_notes": ""})
        for p in _roster(organized)
    ]
    assert _roster(other) == expected
    assert other.people.get(other.people.search("Mohammed").rows[0].uid).household == "Al-Hassan"
    [household] = other.households.list()
    assert other.households.get(household.uid).household == HouseholdInput(
        "Al-Hassan", "4 Elm St\nOttawa", "(613) 555-0190"
    )
    assert household.main_contact == "محمد الحسن"
    other.close()


def test_only_coordinators_and_leaders_export_the_roster(
    organized: Services, tmp_path: Path
) -> None:
    organized.profiles.add("Amina", "leader")
    organized.profiles.sign_in(organized.profiles.add("Ana", "treasurer").uid)
    with pytest.raises(NotAllowedError):
        organized.people_export.export(tmp_path / "roster.csv")
