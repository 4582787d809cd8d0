"""The directory exchange: HSDS files out and back in, merged without losing a local edit."""

from __future__ import annotations

import csv
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from communitydesk.core.errors import CommunityDeskError, FileFormatError
from communitydesk.core.paths import DataPaths
from communitydesk.services.context import Services, open_data_folder
from communitydesk.services.directory import (
    ContactPersonInput,
    DirectoryFilter,
    LocationInput,
    OrganizationInput,
    ServiceInput,
)
from communitydesk.services.organization import OrganizationProfile

TODAY = date(2026, 11, 23)
CATEGORIES = ("", "health", "housing", "legal", "women")
CODES = ("en", "fr", "ar", "es", "so", "zh-Hant", "pa")


# --- helpers -------------------------------------------------------------------------------------


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def write_rows(path: Path, headers: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, headers)
        writer.writeheader()
        writer.writerows(rows)


def edit(folder: Path, file: str, key: str, value: str, **changes: str) -> None:
    """Change the cells of the rows of `file` whose column `key` holds `value`."""
    headers, rows = read_rows(folder / file)
    found = [row for row in rows if row[key] == value]
    assert found, f"no row of {file} with {key}={value}"
    for row in found:
        row.update(changes)
    write_rows(folder / file, headers, rows)


def seed(services: Services) -> tuple[str, str]:
    organization = services.directory.save_organization(
        OrganizationInput(
            name="Clinique communautaire Pointe-Saint-Charles",
            description={"en": "A community clinic", "fr": "Une clinique communautaire"},
            phone="514-555-0101",
        ),
        contacts=(ContactPersonInput(name="Marie Tremblay", title="Director"),),
    )
    service = services.directory.save_service(
        ServiceInput(
            organization_uid=organization,
            name="Walk-in clinic",
            category="health",
            description={"en": "Nurses without an appointment", "ar": "ممرضات بدون موعد"},
            eligibility={"en": "Anyone in the neighbourhood", "fr": "Tout le quartier"},
            languages=("fr", "en", "ar"),
            in_french=True,
            hours="Mon-Fri 8:00-20:00",
            open_evenings=True,
            regardless_of_status=True,
            cost="Free",
            phone="514-555-0102",
            verified_on=date(2026, 6, 1),
            location=LocationInput(
                address_1="500 av. Ash", city="Montréal", province="QC", postal_code="H3K 2R4"
            ),
            contacts=(ContactPersonInput(name="Nadia Haddad", languages=("ar", "fr")),),
        )
    )
    return organization, service


def snapshot(services: Services) -> dict[str, Any]:
    """Everything the directory shows, the exchange bookkeeping left out."""
    directory = services.directory
    organizations = {o.uid: replace(o, exchange_source="") for o in directory.organizations()}
    rows = directory.browse(DirectoryFilter(include_inactive=True), limit=100_000)
    return {
        "organizations": organizations,
        "contacts": {uid: directory.organization_contacts(uid) for uid in organizations},
        "services": {
            r.uid: replace(r, exchange_source="")
            for r in directory.services([row.uid for row in rows])
        },
    }


def files_of(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty directory with the shared lists, copied for each generated example."""
    folder = tmp_path_factory.mktemp("template") / "data"
    opened = open_data_folder(DataPaths(folder).ensure())
    opened.organization.create(OrganizationProfile(name="Cercle des aînés"))
    opened.close()
    return folder


@pytest.fixture
def fresh(template: Path) -> Iterator[Any]:
    """Opens copies of the template; all closed at the end."""
    opened: list[Services] = []
    base = Path(tempfile.mkdtemp(prefix="exchange-"))

    def make() -> Services:
        folder = base / f"data{len(opened)}"
        shutil.copytree(template, folder)
        services = open_data_folder(DataPaths(folder))
        opened.append(services)
        return services

    yield make
    for services in opened:
        services.close()
    shutil.rmtree(base, ignore_errors=True)


# --- the round trip -------------------------------------------------------------------------------

# Arabic, accents, commas, quotes, new lines, and the characters a spreadsheet runs as formulas.
TRICKY = "=+-@',\";\t\n\r ءابتثجحخدذرسشصضطظعغفقكلمنهوي éèçàÉ«»“”—"
texts = st.text(
    alphabet=st.sampled_from(TRICKY) | st.characters(exclude_categories=("Cs", "Cc")),
    max_size=24,
)
# A name starts with a letter or a formula character, never with a space (the form trims it).
names = st.tuples(st.sampled_from("=+-@'aبé\""), texts).map("".join)
emails = st.sampled_from(["", "info@clinique.qc.ca", "=x@y.ca", "'a@b.org"])
multilingual = st.dictionaries(st.sampled_from(CODES), texts, max_size=3)
languages = st.lists(st.sampled_from(CODES), max_size=3, unique=True).map(tuple)
maybe = st.sampled_from([None, True, False])

contacts = st.builds(
    ContactPersonInput,
    name=names,
    title=texts,
    phone=st.sampled_from(["", "+1 514-555-0199", "-5", "@home", "613 555 0100"]),
    email=emails,
    languages=languages,
    notes=texts,
)
locations = st.builds(
    LocationInput,
    name=texts,
    address_1=st.sampled_from(["", "500 av. Ash", "=1 Main St", '12, rue "Berri"']),
    address_2=texts,
    city=st.sampled_from(["", "Montréal", "Ottawa", "الرياض"]),
    province=st.sampled_from(["", "QC", "ON"]),
    postal_code=st.sampled_from(["", "h3k 2r4", "K1P 1J1"]),
    country=st.sampled_from(["", "CA", "US"]),
    transit=texts,
    wheelchair_accessible=maybe,
    accessibility=texts,
)


@st.composite
def service_inputs(draw: st.DrawFn) -> dict[str, Any]:
    return {
        "name": draw(names),
        "category": draw(st.sampled_from(CATEGORIES)),
        "description": draw(multilingual),
        "eligibility": draw(multilingual),
        "what_to_bring": draw(multilingual),
        "languages": draw(languages),
        "in_french": draw(st.booleans()),
        "hours": draw(texts),
        "open_evenings": draw(st.booleans()),
        "open_weekends": draw(st.booleans()),
        "childcare": draw(st.booleans()),
        "regardless_of_status": draw(maybe),
        "cost": draw(texts),
        "how_to_refer": draw(texts),
        "phone": draw(st.sampled_from(["", "+1 514-555-0102", "211"])),
        "email": draw(emails),
        "website": draw(st.sampled_from(["", "https://example.org/a?b=1,2", "=HYPERLINK()"])),
        "verified_on": draw(st.none() | st.dates(date(1990, 1, 1), date(2100, 12, 31))),
        "verified_by": draw(texts),
        "is_active": draw(st.booleans()),
        "notes": draw(texts),
        "location": draw(locations),
        "contacts": tuple(draw(st.lists(contacts, max_size=2))),
    }


organizations = st.lists(
    st.tuples(
        st.builds(
            OrganizationInput,
            name=names,
            alternate_name=texts,
            description=multilingual,
            website=texts,
            email=emails,
            phone=st.sampled_from(["", "+1 514-555-0101", "=2+2"]),
            notes=texts,
        ),
        st.lists(contacts, max_size=2),
        st.lists(service_inputs(), max_size=3),
    ),
    min_size=1,
    max_size=3,
)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(organizations)
def test_export_then_import_into_an_empty_directory_loses_nothing(
    fresh: Any, generated: list[Any]
) -> None:
    here: Services = fresh()
    for organization, own_contacts, offered in generated:
        uid = here.directory.save_organization(organization, contacts=tuple(own_contacts))
        for service in offered:
            here.directory.save_service(ServiceInput(organization_uid=uid, **service))
    folder = Path(tempfile.mkdtemp(prefix="hsds-"))
    here.directory_exchange.export(folder / "sent", today=TODAY)

    there: Services = fresh()
    plan = there.directory_exchange.plan(folder / "sent")
    assert plan.total.new == len(plan.records) and not plan.conflicts
    summary = there.directory_exchange.apply(plan)

    assert summary.added == plan.total.new
    assert snapshot(there) == snapshot(here)
    # Written again from there, the files are the very same bytes.
    there.directory_exchange.export(folder / "back", today=TODAY)
    assert files_of(folder / "back") == files_of(folder / "sent")
    # And the same files read again change nothing.
    again = there.directory_exchange.plan(folder / "sent")
    assert again.records == () and again.total.unchanged == plan.total.new
    shutil.rmtree(folder)


def test_the_files_follow_open_referral_names(organized: Services, tmp_path: Path) -> None:
    organization, service = seed(organized)
    summary = organized.directory_exchange.export(tmp_path / "hub", today=TODAY)

    assert dict(summary.files) == {
        "organizations.csv": 1,
        "services.csv": 1,
        "locations.csv": 1,
        "addresses.csv": 1,
        "accessibility.csv": 0,
        "service_at_locations.csv": 1,
        "phones.csv": 2,
        "contacts.csv": 2,
        "languages.csv": 5,
        "schedules.csv": 1,
    }
    assert (summary.organizations, summary.services, summary.contacts) == (1, 1, 2)
    assert "HSDS 3.0" in (tmp_path / "hub" / "README.txt").read_text()
    headers, services = read_rows(tmp_path / "hub" / "services.csv")
    assert headers[:11] == [
        "id",
        "organization_id",
        "name",
        "description",
        "url",
        "email",
        "status",
        "application_process",
        "fees_description",
        "eligibility_description",
        "assured_date",
    ]
    assert headers[-2:] == ["description_ar", "eligibility_description_fr"]
    row = services[0]
    assert (row["id"], row["organization_id"]) == (service, organization)
    assert (row["status"], row["fees_description"], row["assured_date"]) == (
        "active",
        "Free",
        "2026-06-01",
    )
    assert (row["in_french"], row["regardless_of_status"], row["childcare"]) == ("yes", "yes", "no")
    assert row["description_ar"] == "ممرضات بدون موعد"
    _headers, phones = read_rows(tmp_path / "hub" / "phones.csv")
    assert {(p["organization_id"], p["service_id"], p["number"]) for p in phones} == {
        (organization, "", "514-555-0101"),
        ("", service, "514-555-0102"),
    }
    _headers, spoken = read_rows(tmp_path / "hub" / "languages.csv")
    assert [(s["name"], s["code"]) for s in spoken if s["service_id"]] == [
        ("French", "fr"),
        ("English", "en"),
        ("Arabic", "ar"),
    ]
    _headers, addresses = read_rows(tmp_path / "hub" / "addresses.csv")
    assert addresses[0]["state_province"] == "QC" and addresses[0]["address_type"] == "physical"


def test_a_formula_leaves_as_text_and_comes_back_as_typed(
    organized: Services, fresh: Any, tmp_path: Path
) -> None:
    uid = organized.directory.save_organization(
        OrganizationInput(name='=HYPERLINK("x")', alternate_name="'=already quoted")
    )
    organized.directory_exchange.export(tmp_path / "out")
    text = (tmp_path / "out" / "organizations.csv").read_text("utf-8-sig")
    assert "'=HYPERLINK" in text and "''=already quoted" in text

    there = fresh()
    there.directory_exchange.apply(there.directory_exchange.plan(tmp_path / "out"))
    record = there.directory.organization(uid)
    assert (record.name, record.alternate_name) == ('=HYPERLINK("x")', "'=already quoted")


def test_a_zip_or_one_of_the_files_is_read_too(
    organized: Services, fresh: Any, tmp_path: Path
) -> None:
    seed(organized)
    organized.directory_exchange.export(tmp_path / "directory.zip")
    organized.directory_exchange.export(tmp_path / "folder")

    from_zip = fresh().directory_exchange.plan(tmp_path / "directory.zip")
    from_file = fresh().directory_exchange.plan(tmp_path / "folder" / "services.csv")

    assert from_zip.source == "directory" and from_file.source == "folder"
    assert from_zip.total.new == from_file.total.new == 5


def test_a_french_excel_file_in_windows_1252_with_semicolons(fresh: Any, tmp_path: Path) -> None:
    folder = tmp_path / "hub"
    folder.mkdir()
    (folder / "organizations.csv").write_bytes(
        "id;name;description\r\norg-1;Société d'aide;Aide « juridique »\r\n".encode("cp1252")
    )
    (folder / "services.csv").write_bytes(
        "id;organization_id;name;status;in_french;assured_date;category\r\n"
        "svc-1;org-1;Clinique juridique;Active;oui;2025-09-30;Droit et immigration\r\n".encode(
            "cp1252"
        )
    )
    there: Services = fresh()
    plan = there.directory_exchange.plan(folder)
    there.directory_exchange.apply(plan)

    record = there.directory.service("svc-1")
    assert record.organization_name == "Société d'aide"
    assert record.in_french and record.category == "legal"  # its French label, read as its code
    assert record.verified_on == date(2025, 9, 30)
    assert there.directory.organization("org-1").description == {"en": "Aide « juridique »"}
    assert there.directory.organization("org-1").exchange_source == "hub"


# --- merging --------------------------------------------------------------------------------------


def test_a_change_in_the_file_updates_a_record_not_edited_here(
    organized: Services, tmp_path: Path
) -> None:
    _organization, service = seed(organized)
    organized.directory_exchange.export(tmp_path / "hub")
    edit(tmp_path / "hub", "schedules.csv", "service_id", service, description="Mon-Sat 9:00-21:00")
    edit(tmp_path / "hub", "services.csv", "id", service, name="Walk-in clinic (CLSC)")

    plan = organized.directory_exchange.plan(tmp_path / "hub")
    assert [(c.kind, c.changed, c.unchanged) for c in plan.counts] == [
        ("organization", 0, 1),
        ("location", 0, 1),
        ("service", 1, 0),
        ("contact", 0, 2),
    ]
    (changed,) = plan.records
    assert changed.status == "changed" and changed.name.startswith("Walk-in clinic (CLSC) (")
    assert [(c.label, c.here, c.in_file) for c in changed.changes] == [
        ("Name", "Walk-in clinic", "Walk-in clinic (CLSC)"),
        ("Hours", "Mon-Fri 8:00-20:00", "Mon-Sat 9:00-21:00"),
    ]
    summary = organized.directory_exchange.apply(plan)

    assert (summary.added, summary.updated, summary.unchanged) == (0, 1, 4)
    assert organized.directory.service(service).hours == "Mon-Sat 9:00-21:00"
    # The search column follows: the new name is found.
    found = organized.directory.browse(DirectoryFilter(text="clsc"))
    assert [row.uid for row in found] == [service]
    assert organized.directory.service(service).exchange_source == "hub"


def test_a_record_edited_here_and_in_the_file_is_a_conflict_kept_as_mine(
    organized: Services, tmp_path: Path
) -> None:
    _organization, service = seed(organized)
    organized.directory_exchange.export(tmp_path / "hub")
    record = organized.directory.service(service)
    organized.directory.save_service(replace(record.as_input(), phone="514-555-7777"), service)
    edit(tmp_path / "hub", "phones.csv", "service_id", service, number="514-555-9999")

    plan = organized.directory_exchange.plan(tmp_path / "hub")
    (conflict,) = plan.conflicts
    assert (conflict.kind, conflict.uid) == ("service", service)
    assert [(c.label, c.here, c.in_file) for c in conflict.changes] == [
        ("Phone", "514-555-7777", "514-555-9999")
    ]
    summary = organized.directory_exchange.apply(plan)  # no choice made: mine

    assert (summary.kept_mine, summary.took_theirs, summary.updated) == (1, 0, 0)
    assert organized.directory.service(service).phone == "514-555-7777"
    # The same file again: the hub's version is known, the local edit is kept quietly.
    again = organized.directory_exchange.plan(tmp_path / "hub")
    assert again.records == () and again.total.unchanged == 5

    # The hub changes it once more: a conflict again, and this time theirs is taken.
    edit(tmp_path / "hub", "phones.csv", "service_id", service, number="514-555-0000")
    plan = organized.directory_exchange.plan(tmp_path / "hub")
    assert [c.uid for c in plan.conflicts] == [service]
    summary = organized.directory_exchange.apply(plan, {service: "theirs"})

    assert (summary.kept_mine, summary.took_theirs, summary.updated) == (0, 1, 1)
    assert organized.directory.service(service).phone == "514-555-0000"
    assert organized.directory_exchange.plan(tmp_path / "hub").records == ()


def test_an_edit_here_with_an_unchanged_file_is_kept_without_asking(
    organized: Services, tmp_path: Path
) -> None:
    organization, _service = seed(organized)
    organized.directory_exchange.export(tmp_path / "hub")
    organized.directory.save_organization(
        replace(organized.directory.organization(organization), phone="514-555-1234"),
        organization,
    )

    plan = organized.directory_exchange.plan(tmp_path / "hub")
    organized.directory_exchange.apply(plan)

    assert plan.records == () and plan.total.unchanged == 5
    assert organized.directory.organization(organization).phone == "514-555-1234"


def test_new_records_come_in_and_records_only_here_stay(
    organized: Services, tmp_path: Path
) -> None:
    organization, service = seed(organized)
    organized.directory_exchange.export(tmp_path / "hub")
    mine = organized.directory.save_service(
        ServiceInput(organization_uid=organization, name="Flu shots", category="health")
    )
    headers, rows = read_rows(tmp_path / "hub" / "services.csv")
    rows.append(
        dict.fromkeys(headers, "")
        | {"id": "hub-77", "organization_id": organization, "name": "Dental bus", "status": ""}
    )
    write_rows(tmp_path / "hub" / "services.csv", headers, rows)

    plan = organized.directory_exchange.plan(tmp_path / "hub")
    assert [(r.kind, r.uid, r.status) for r in plan.records] == [("service", "hub-77", "new")]
    organized.directory_exchange.apply(plan)

    assert organized.directory.service("hub-77").organization_name.startswith("Clinique")
    assert organized.directory.service(mine).name == "Flu shots"
    assert organized.directory.service(service).name == "Walk-in clinic"
    assert [r.uid for r in organized.directory.browse(DirectoryFilter(text="dental"))] == ["hub-77"]


def test_a_record_in_the_trash_here_comes_back_only_when_theirs_is_chosen(
    organized: Services, tmp_path: Path
) -> None:
    _organization, service = seed(organized)
    organized.directory_exchange.export(tmp_path / "hub")
    organized.directory.delete_services(service)

    assert organized.directory_exchange.plan(tmp_path / "hub").records == ()
    edit(tmp_path / "hub", "services.csv", "id", service, fees_description="$5")
    plan = organized.directory_exchange.plan(tmp_path / "hub")
    (conflict,) = plan.conflicts
    assert conflict.in_trash
    assert [(c.label, c.here, c.in_file) for c in conflict.changes] == [
        ("In the Trash", "Yes", "No"),
        ("Cost", "Free", "$5"),
    ]
    organized.directory_exchange.apply(plan)
    assert organized.directory.count(DirectoryFilter()) == 0

    edit(tmp_path / "hub", "services.csv", "id", service, fees_description="$6")
    plan = organized.directory_exchange.plan(tmp_path / "hub")
    organized.directory_exchange.apply(plan, {service: "theirs"})
    assert organized.directory.service(service).cost == "$6"


def test_export_does_not_count_as_an_edit(organized: Services, tmp_path: Path) -> None:
    _organization, service = seed(organized)
    before = organized.history.for_record(service)
    organized.directory_exchange.export(tmp_path / "hub")

    assert organized.history.for_record(service) == before
    # A record from here keeps no source: it was written here.
    assert organized.directory.service(service).exchange_source == ""


# --- files that cannot be used --------------------------------------------------------------------


def _hub(tmp_path: Path, services: Services) -> Path:
    seed(services)
    services.directory_exchange.export(tmp_path / "hub")
    return tmp_path / "hub"


@pytest.mark.parametrize(
    ("file", "change", "expected", "row", "column"),
    [
        (
            "services.csv",
            {"organization_id": "nope"},
            "services.csv, row 2, column “organization_id”: no organization has the id “nope” "
            "(neither in organizations.csv nor in this directory).",
            2,
            "organization_id",
        ),
        (
            "services.csv",
            {"assured_date": "2026-02-30"},
            "services.csv, row 2, column “assured_date”: “2026-02-30” is not a real date.",
            2,
            "assured_date",
        ),
        (
            "services.csv",
            {"childcare": "maybe"},
            "services.csv, row 2, column “childcare”: “maybe” is not yes or no (leave it empty "
            "when not known).",
            2,
            "childcare",
        ),
        (
            "services.csv",
            {"email": "not an address"},
            "services.csv, row 2, column “email”: This does not look like an email address.",
            2,
            "email",
        ),
        (
            "services.csv",
            {"category": "astrology"},
            "services.csv, row 2, column “category”: “astrology” is not one of the referral "
            "categories here; add it to the list in the settings, or correct the file.",
            2,
            "category",
        ),
        (
            "services.csv",
            {"status": "closed?"},
            "services.csv, row 2, column “status”: “closed?” is not a status: write active or "
            "inactive.",
            2,
            "status",
        ),
        (
            "organizations.csv",
            {"name": "x" * 300},
            "organizations.csv, row 2, column “name”: Keep this under 200 characters.",
            2,
            "name",
        ),
        (
            "contacts.csv",
            {"id": ""},
            "contacts.csv, row 2, column “id”: the id is empty; every row needs one (keep the "
            "ids the file came with).",
            2,
            "id",
        ),
    ],
)
def test_a_problem_names_the_file_row_and_column(
    organized: Services,
    fresh: Any,
    tmp_path: Path,
    file: str,
    change: dict[str, str],
    expected: str,
    row: int,
    column: str,
) -> None:
    hub = _hub(tmp_path, organized)
    headers, rows = read_rows(hub / file)
    rows[0].update(change)
    write_rows(hub / file, headers, rows)

    with pytest.raises(FileFormatError) as raised:
        fresh().directory_exchange.plan(hub)
    assert raised.value.message == expected
    assert (raised.value.row, raised.value.column) == (row, column)


def test_a_missing_column_and_a_repeated_id_are_explained(
    organized: Services, fresh: Any, tmp_path: Path
) -> None:
    hub = _hub(tmp_path, organized)
    headers, rows = read_rows(hub / "services.csv")
    write_rows(
        hub / "services.csv",
        [h for h in headers if h != "organization_id"],
        [{k: v for k, v in r.items() if k != "organization_id"} for r in rows],
    )
    with pytest.raises(FileFormatError, match=r"services\.csv has no column “organization_id”"):
        fresh().directory_exchange.plan(hub)

    write_rows(hub / "services.csv", headers, rows + rows)
    with pytest.raises(FileFormatError) as raised:
        fresh().directory_exchange.plan(hub)
    assert raised.value.message.startswith(
        "services.csv, row 3, column “id”: the id “"
    ) and raised.value.message.endswith("” is already used on row 2; each row needs its own.")


def test_a_folder_without_the_files_or_a_broken_zip(fresh: Any, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(FileFormatError, match="holds no directory files"):
        fresh().directory_exchange.plan(tmp_path / "empty")
    (tmp_path / "broken.zip").write_bytes(b"PK\x03\x04 and then nothing")
    with pytest.raises(FileFormatError, match=r"not a readable \.zip file"):
        fresh().directory_exchange.plan(tmp_path / "broken.zip")
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(FileFormatError, match="not one of the directory's files"):
        fresh().directory_exchange.plan(tmp_path / "notes.txt")


@pytest.fixture(scope="module")
def sent(template: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """A real export, for hostile changes to start from."""
    folder = tmp_path_factory.mktemp("sent")
    shutil.copytree(template, folder / "data")
    services = open_data_folder(DataPaths(folder / "data"))
    seed(services)
    services.directory_exchange.export(folder / "hub")
    services.close()
    return files_of(folder / "hub")


def _try(services: Services, folder: Path) -> None:
    """Plan and apply; an expected problem must leave the directory as it was."""
    before = snapshot(services)
    try:
        plan = services.directory_exchange.plan(folder)
        services.directory_exchange.apply(plan, {r.uid: "theirs" for r in plan.conflicts})
    except CommunityDeskError as error:
        event("refused")
        assert isinstance(error, FileFormatError)
        assert snapshot(services) == before
    else:
        event("imported")


hostile = st.one_of(
    st.binary(max_size=300).map(lambda data: ("random", data)),
    st.tuples(st.just("truncate"), st.floats(0, 1)),
    st.tuples(st.just("huge"), st.integers(0, 40)),
    st.tuples(st.just("encoding"), st.sampled_from(["utf-16", "cp1252", "latin-1", "cp1256"])),
    st.tuples(st.just("cell"), st.integers(0, 40), st.text(max_size=20)),
    st.tuples(st.just("delimiter"), st.sampled_from([";", "\t", "|"])),
)


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    st.sampled_from(
        ["organizations.csv", "services.csv", "phones.csv", "contacts.csv", "languages.csv"]
    ),
    hostile,
    st.booleans(),
)
def test_hostile_files_are_refused_or_imported_never_half(
    fresh: Any, sent: dict[str, bytes], file: str, damage: tuple[Any, ...], filled: bool
) -> None:
    folder = Path(tempfile.mkdtemp(prefix="hostile-"))
    data = dict(sent)
    text = data[file].decode("utf-8-sig")
    kind = damage[0]
    if kind == "random":
        data[file] = damage[1]
    elif kind == "truncate":
        data[file] = data[file][: int(len(data[file]) * damage[1])]
    elif kind == "huge":
        cells = text.split(",")
        cells[damage[1] % len(cells)] += "x" * 300_000
        data[file] = ",".join(cells).encode("utf-8")
    elif kind == "encoding":
        data[file] = text.encode(damage[1], errors="replace")
    elif kind == "cell":
        cells = text.split(",")
        cells[damage[1] % len(cells)] = damage[2]
        data[file] = ",".join(cells).encode("utf-8")
    else:
        data[file] = text.replace(",", damage[1]).encode("utf-8")
    for name, content in data.items():
        (folder / name).write_bytes(content)
    # Into an empty directory, and into one that already holds the records (updates, conflicts).
    services: Services = fresh()
    if filled:
        seeded = Path(tempfile.mkdtemp(prefix="seeded-"))
        for name, content in sent.items():
            (seeded / name).write_bytes(content)
        services.directory_exchange.apply(services.directory_exchange.plan(seeded))
        shutil.rmtree(seeded)
    _try(services, folder)
    shutil.rmtree(folder)
