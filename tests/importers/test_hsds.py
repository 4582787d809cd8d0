"""Open Referral (HSDS) CSV files: written and read back as they were; a hub's own files read
the way a hub writes them; every problem placed at its file, row and column."""

from __future__ import annotations

import tempfile
import zipfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from communitydesk.core.csv_safety import from_spreadsheet, spreadsheet_safe
from communitydesk.core.errors import FileFormatError
from communitydesk.importers.hsds import (
    HsdsContact,
    HsdsDirectory,
    HsdsLocation,
    HsdsOrganization,
    HsdsService,
    Known,
    fingerprint,
)
from communitydesk.importers.hsds_reading import read_directory
from communitydesk.importers.hsds_writing import write_directory

CODES = ("en", "fr", "ar", "so", "zh-Hant")
TODAY = date(2026, 11, 23)


def write(folder: Path, **files: str) -> Path:
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / f"{name}.csv").write_text(text, encoding="utf-8")
    return folder


@given(st.text())
def test_a_cell_comes_back_as_it_was_and_never_runs_as_a_formula(value: str) -> None:
    written = spreadsheet_safe(value)
    assert from_spreadsheet(written) == value
    assert not written.startswith(("=", "+", "-", "@", "\t", "\r"))


# Texts as the directory keeps them: trimmed, in any script, with the characters CSV quotes.
texts = st.text(
    st.sampled_from("=+-@'\",;\n\r aé ب“") | st.characters(exclude_categories=("Cs", "Cc")),
    max_size=12,
).map(str.strip)
ids = st.uuids().map(str)
multilingual = st.dictionaries(st.sampled_from(CODES), texts.filter(bool), max_size=3)
languages = st.lists(st.sampled_from(CODES), unique=True, max_size=3).map(tuple)
maybe = st.sampled_from([None, True, False])


@st.composite
def directories(draw: st.DrawFn) -> HsdsDirectory:
    organizations = draw(
        st.lists(
            st.builds(
                HsdsOrganization,
                uid=ids,
                name=texts,
                alternate_name=texts,
                description=multilingual,
                website=texts,
                email=texts,
                phone=texts,
                notes=texts,
            ),
            min_size=1,
            max_size=3,
            unique_by=lambda o: o.uid,
        )
    )
    owners = st.sampled_from([o.uid for o in organizations])
    locations = draw(
        st.lists(
            st.builds(
                HsdsLocation,
                uid=ids,
                organization_uid=owners,
                name=texts,
                address_1=texts,
                address_2=texts,
                city=texts,
                province=texts,
                postal_code=texts,
                country=st.sampled_from(["", "US", "FR"]),  # no address row: empty
                transit=texts,
                wheelchair_accessible=maybe,
                accessibility=texts,
            ),
            max_size=3,
            unique_by=lambda loc: loc.uid,
        )
    )
    places = st.sampled_from([""] + [loc.uid for loc in locations])
    services = draw(
        st.lists(
            st.builds(
                HsdsService,
                uid=ids,
                organization_uid=owners,
                name=texts,
                location_uid=places,
                category=texts,
                description=multilingual,
                eligibility=multilingual,
                what_to_bring=multilingual,
                languages=languages,
                in_french=st.booleans(),
                hours=texts,
                open_evenings=st.booleans(),
                open_weekends=st.booleans(),
                childcare=st.booleans(),
                regardless_of_status=maybe,
                cost=texts,
                how_to_refer=texts,
                phone=texts,
                email=texts,
                website=texts,
                verified_on=st.none() | st.dates(date(1950, 1, 1), date(2100, 1, 1)),
                verified_by=texts,
                is_active=st.booleans(),
                notes=texts,
            ),
            max_size=4,
            unique_by=lambda s: s.uid,
        )
    )
    # A contact person of a service belongs to the service's organization.
    contacts = []
    for uid in draw(st.lists(ids, unique=True, max_size=4)):
        service = draw(st.sampled_from([None, *services]))
        contacts.append(
            HsdsContact(
                uid=uid,
                organization_uid=service.organization_uid if service else draw(owners),
                name=draw(texts),
                service_uid=service.uid if service else "",
                title=draw(texts),
                phone=draw(texts),
                email=draw(texts),
                languages=draw(languages),
                notes=draw(texts),
            )
        )
    return HsdsDirectory(tuple(organizations), tuple(locations), tuple(services), tuple(contacts))


@settings(max_examples=80, deadline=None)
@given(directories(), st.sampled_from(["folder", "zip"]))
def test_what_is_written_is_read_back_the_same(directory: HsdsDirectory, form: str) -> None:
    with tempfile.TemporaryDirectory() as temporary:
        target = Path(temporary) / ("out.zip" if form == "zip" else "out")
        write_directory(target, directory, TODAY)

        read = read_directory(target)

    assert read == directory
    assert [fingerprint(o) for o in read.organizations] == [
        fingerprint(o) for o in directory.organizations
    ]


def test_a_hub_spreadsheet_is_read_as_a_hub_writes_it(tmp_path: Path) -> None:
    hub = write(
        tmp_path / "hub",
        organizations="id,name,url\nO1,Centre Afrika,https://afrika.example\n",
        services=(
            "id,organization_id,name,status,assured_date,eligibility_description_fr\n"
            "S1,O1,Interprètes,defunct,2025-01-31T00:00:00Z,Tout le monde\n"
        ),
        locations="id,organization_id,name\nL1,O1,Main office\nL2,O1,Annex\n",
        addresses=(
            "id,location_id,address_1,city,country,address_type\n"
            "A1,L1,PO Box 5,Ottawa,Canada,postal\n"
            "A2,L1,12 Bank St,Ottawa,Canada,physical\n"
        ),
        accessibility=(
            "id,location_id,description,details\n"
            "X1,L1,Ramp at the back,\nX2,L1,Elevator,out of order on weekends\n"
        ),
        service_at_locations="id,service_id,location_id\nSL1,S1,L2\nSL2,S1,L1\n",
        phones=(
            "id,organization_id,service_id,location_id,number,type\n"
            "P1,,S1,,613-555-0100,voice\nP2,,S1,,613-555-0199,fax\nP3,,,L1,613-555-0000,voice\n"
        ),
        schedules="id,service_id,description\nH1,S1,Mon 9-5\nH2,S1,Sat 10-2\n",
        languages="id,service_id,name,code\nG1,S1,Somali,\nG2,S1,,ti\n",
        contacts="id,service_id,name\nC1,S1,Hodan Ali\n",
    )

    directory = read_directory(hub)

    (service,) = directory.services
    assert (service.is_active, service.verified_on) == (False, date(2025, 1, 31))
    assert service.location_uid == "L2"  # the first of its places: one is kept
    assert service.phone == "613-555-0100" and service.hours == "Mon 9-5; Sat 10-2"
    assert service.languages == ("so", "ti")
    assert service.eligibility == {"fr": "Tout le monde"}
    assert directory.organizations[0].website == "https://afrika.example"
    office = directory.locations[0]
    assert (office.address_1, office.country) == ("12 Bank St", "CA")
    assert office.accessibility == "Ramp at the back\nElevator — out of order on weekends"
    (contact,) = directory.contacts
    assert (contact.organization_uid, contact.service_uid) == ("O1", "S1")


def test_a_semicolon_file_in_utf16_with_blank_lines(tmp_path: Path) -> None:
    (tmp_path / "organizations.csv").write_bytes(
        '\r\nid;name;description\r\n\r\nO1;Maison, "la" bonne;"Deux\nlignes"\r\n'.encode("utf-16")
    )
    (organization,) = read_directory(tmp_path).organizations
    assert (organization.name, organization.description) == (
        'Maison, "la" bonne',
        {"en": "Deux\nlignes"},
    )


def test_records_already_in_the_directory_may_be_pointed_at(tmp_path: Path) -> None:
    hub = write(
        tmp_path / "hub",
        services="id,organization_id,name\nS1,O-here,Food bank\n",
        contacts="id,service_id,name\nC1,S-here,Ana\n",
    )
    with pytest.raises(FileFormatError, match="no organization has the id “O-here”"):
        read_directory(hub)

    directory = read_directory(hub, Known(organizations={"O-here"}, services={"S-here": "O2"}))
    assert directory.contacts[0].organization_uid == "O2"


@pytest.mark.parametrize(
    ("files", "message", "row", "column"),
    [
        (
            {"organizations": 'id,name,notes\nO1,"A\nB",x\nO2,C,"never closed\n'},
            "organizations.csv, row 3: the file cannot be read from here on (unexpected end of "
            "data); it may be cut short.",
            3,
            None,
        ),
        (
            {"organizations": "id,name\nO1,Centre\nO2,Centre, Sud,Ottawa\n"},
            "organizations.csv, row 3: this row has more cells than the file has columns; a cell "
            "holding a comma may have lost its quotes.",
            3,
            None,
        ),
        (
            {"organizations": "id,name,Name\nO1,A,B\n"},
            "organizations.csv, row 1, column “Name”: this column appears twice; keep one of them.",
            1,
            "Name",
        ),
        (
            {
                "organizations": "id,name\nO1,A\nO2,B\n",
                "services": "id,organization_id,name\nS1,O2,Clinic\n",
                "contacts": "id,organization_id,service_id,name\nC1,O1,S1,Ana\n",
            },
            "contacts.csv, row 2, column “organization_id”: this contact person handles a service "
            "of another organization; leave organization_id empty or give the service's.",
            2,
            "organization_id",
        ),
        (
            {
                "organizations": "id,name\nO1,A\n",
                "languages": "id,service_id,name,code\nG1,S9,,fr\n",
            },
            "languages.csv, row 2, column “service_id”: no service has the id “S9” (neither in "
            "services.csv nor in this directory).",
            2,
            "service_id",
        ),
        (
            {"organizations": "id,name\n" + "x" * 40 + ",A\n"},
            f"organizations.csv, row 2, column “id”: the id “{'x' * 40}” is longer than 36 "
            "characters.",
            2,
            "id",
        ),
        (
            {"locations": "id,organization_id\nL1,\n"},
            "locations.csv, row 2, column “organization_id”: the id is empty; every row needs "
            "one (keep the ids the file came with).",
            2,
            "organization_id",
        ),
    ],
)
def test_each_problem_is_placed(
    tmp_path: Path, files: dict[str, str], message: str, row: int, column: str | None
) -> None:
    with pytest.raises(FileFormatError) as raised:
        read_directory(write(tmp_path / "hub", **files))
    assert raised.value.message == message
    assert (raised.value.row, raised.value.column) == (row, column)


def test_a_zip_of_a_folder_is_read(tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "from-the-hub.zip", "w") as archive:
        archive.writestr("directory/ORGANIZATIONS.CSV", "id,name\nO1,Centre\n")
        archive.writestr("directory/old/organizations.csv", "id,name\nO9,Old\n")
    assert [o.uid for o in read_directory(tmp_path / "from-the-hub.zip").organizations] == ["O1"]
