"""`communitydesk directory import|export`, run in-process as a coordinator would type it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from communitydesk.cli import main
from communitydesk.core.paths import DataPaths
from communitydesk.services.context import open_data_folder
from communitydesk.services.organization import OrganizationProfile
from tests.services.test_directory_exchange import edit, seed, snapshot


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def data(tmp_path: Path) -> tuple[str, str]:
    """A directory with one service, exported to tmp_path/hub; then edited there and here."""
    folder = tmp_path / "data"
    services = open_data_folder(DataPaths(folder).ensure())
    services.organization.create(OrganizationProfile(name="Cercle des aînés"))
    _organization, service = seed(services)
    services.directory_exchange.export(tmp_path / "hub")
    record = services.directory.service(service)
    services.directory.save_service(replace(record.as_input(), cost="$2"), service)
    services.close()
    edit(tmp_path / "hub", "services.csv", "id", service, fees_description="$3")
    edit(tmp_path / "hub", "schedules.csv", "service_id", service, description="Mon 9-5")
    return str(folder), service


def test_a_dry_run_shows_the_plan_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data: tuple[str, str]
) -> None:
    folder, service = data
    services = open_data_folder(DataPaths(Path(folder)))
    before = snapshot(services)
    services.close()

    code, out, err = run(
        capsys, "--data-dir", folder, "directory", "import", str(tmp_path / "hub"), "--dry-run"
    )

    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "Read from “hub”:",
        "  Organizations — new: 0, changed: 0, unchanged: 1, conflicts: 0",
        "  Locations — new: 0, changed: 0, unchanged: 1, conflicts: 0",
        "  Services — new: 0, changed: 0, unchanged: 0, conflicts: 1",
        "  Contact people — new: 0, changed: 0, unchanged: 2, conflicts: 0",
        "  All — new: 0, changed: 0, unchanged: 4, conflicts: 1",
        "Edited here since the last exchange, and changed in the file too:",
        "  Service “Walk-in clinic (Clinique communautaire Pointe-Saint-Charles)”: Hours, Cost",
        "Dry run: nothing was written.",
    ]
    services = open_data_folder(DataPaths(Path(folder)))
    assert snapshot(services) == before
    assert services.directory.service(service).exchange_source == ""
    services.close()


def test_an_import_keeps_local_edits_and_says_how_to_take_theirs(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data: tuple[str, str]
) -> None:
    folder, service = data
    code, out, _err = run(
        capsys, "--data-dir", folder, "directory", "import", str(tmp_path / "hub")
    )

    assert code == 0
    assert out.splitlines()[-2:] == [
        "Imported: 0 added, 0 updated, 4 unchanged.",
        "1 record edited here was kept as it is here. To take the file's version instead, import "
        "the file in the window (Directory, Import) and choose “Take theirs”.",
    ]
    services = open_data_folder(DataPaths(Path(folder)))
    assert services.directory.service(service).cost == "$2"
    assert services.directory.service(service).exchange_source == "hub"
    services.close()


def test_export_says_what_it_wrote(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data: tuple[str, str]
) -> None:
    folder, _service = data
    code, out, _err = run(
        capsys, "--data-dir", folder, "directory", "export", "--out", str(tmp_path / "sent")
    )

    assert code == 0
    assert out.splitlines() == [
        f"Written to {tmp_path / 'sent'}:",
        "  organizations.csv: 1 row",
        "  services.csv: 1 row",
        "  locations.csv: 1 row",
        "  addresses.csv: 1 row",
        "  accessibility.csv: 0 rows",
        "  service_at_locations.csv: 1 row",
        "  phones.csv: 2 rows",
        "  contacts.csv: 2 rows",
        "  languages.csv: 5 rows",
        "  schedules.csv: 1 row",
    ]
    assert (tmp_path / "sent" / "README.txt").exists()


def test_a_bad_file_is_reported_with_its_row_and_column(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data: tuple[str, str]
) -> None:
    folder, service = data
    edit(tmp_path / "hub", "services.csv", "id", service, open_evenings="sometimes")

    code, out, err = run(capsys, "--data-dir", folder, "directory", "import", str(tmp_path / "hub"))

    assert (code, out) == (1, "")
    assert err == (
        "communitydesk: services.csv, row 2, column “open_evenings”: “sometimes” is not yes or "
        "no (leave it empty when not known).\n"
    )
