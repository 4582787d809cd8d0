"""`communitydesk referrals …` and the referral reports, run in-process as a coordinator would."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from communitydesk.cli import main
from communitydesk.core.paths import DataPaths
from communitydesk.services.context import open_data_folder
from communitydesk.services.directory import (
    ContactPersonInput,
    LocationInput,
    OrganizationInput,
    ServiceInput,
)
from communitydesk.services.organization import OrganizationProfile
from communitydesk.services.people import PersonInput
from communitydesk.services.referrals import ReferralInput


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


@pytest.fixture
def data(tmp_path: Path) -> tuple[str, dict[str, str]]:
    folder = tmp_path / "data"
    services = open_data_folder(DataPaths(folder).ensure())
    services.organization.create(OrganizationProfile(name="Cercle des femmes"))
    organization = services.directory.save_organization(
        OrganizationInput(name="Moisson Sud-Ouest", phone="514-555-0142")
    )
    service = services.directory.save_service(
        ServiceInput(
            organization_uid=organization,
            name="Food bank",
            category="income",
            hours="Tuesday 17:00-20:00",
            what_to_bring={"en": "Proof of address", "fr": "Une preuve d'adresse"},
            location=LocationInput(address_1="1950 rue Centre", city="Montréal", province="QC"),
            contacts=(ContactPersonInput(name="Luc Tremblay", phone="514-555-0143"),),
            verified_on=date.today(),
        )
    )
    amina = services.people.create(
        PersonInput(given_name="Amina", family_name="Haddad", languages=("ar",))
    ).uid
    omar = services.people.create(PersonInput(given_name="Omar", family_name="Said")).uid
    today = date.today()
    services.referrals.create(
        ReferralInput(
            service,
            today - timedelta(days=10),
            person_uid=amina,
            follow_up_on=today - timedelta(days=3),
        )
    )
    services.referrals.create(
        ReferralInput(service, today, person_uid=omar, follow_up_on=today + timedelta(days=7))
    )
    services.close()
    return str(folder), {"service": service, "amina": amina}


def test_referrals_due_lists_the_overdue_follow_up(
    capsys: pytest.CaptureFixture[str], data: tuple[str, dict[str, str]]
) -> None:
    folder, _uids = data
    code, out, _err = run(capsys, "--data-dir", folder, "referrals", "due")
    assert code == 0
    assert "Amina Haddad: Food bank, Moisson Sud-Ouest — referred on" in out
    assert "3 days overdue" in out
    assert "Omar" not in out  # not due for a week


def test_report_directory_in_french(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data: tuple[str, dict[str, str]]
) -> None:
    folder, _uids = data
    out = tmp_path / "répertoire.pdf"
    code, printed, _err = run(
        capsys, "--data-dir", folder, "report", "directory", "--out", str(out), "--lang", "fr"
    )
    assert code == 0 and str(out) in printed
    text = pdf_text(out)
    assert "Food bank" in text and "Moisson Sud-Ouest" in text
    assert "Aide sociale et revenu" in text  # the category, named in French


def test_report_referral_card_for_a_person_in_arabic_and_english(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data: tuple[str, dict[str, str]]
) -> None:
    folder, uids = data
    out = tmp_path / "card.pdf"
    code, _printed, _err = run(
        capsys,
        "--data-dir",
        folder,
        "report",
        "referral-card",
        "--service",
        uids["service"],
        "--person",
        uids["amina"],
        "--lang",
        "ar",
        "--out",
        str(out),
    )
    assert code == 0
    text = pdf_text(out)
    assert "Amina Haddad" in text and "Luc Tremblay" in text and "1950 rue Centre" in text
    assert "Proof of address" in text


def test_report_groundwork_as_csv_hides_small_counts(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data: tuple[str, dict[str, str]]
) -> None:
    folder, _uids = data
    out = tmp_path / "groundwork.csv"
    today = date.today()
    code, _printed, _err = run(
        capsys,
        "--data-dir",
        folder,
        "report",
        "groundwork",
        "--from",
        (today - timedelta(days=365)).isoformat(),
        "--to",
        today.isoformat(),
        "--out",
        str(out),
    )
    assert code == 0
    text = out.read_text(encoding="utf-8-sig")
    assert "fewer than 5" in text and "Food bank" in text


def test_a_card_for_an_unknown_service_is_refused_in_words(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data: tuple[str, dict[str, str]]
) -> None:
    folder, _uids = data
    code, _printed, err = run(
        capsys,
        "--data-dir",
        folder,
        "report",
        "referral-card",
        "--service",
        "nope",
        "--lang",
        "en",
        "--out",
        str(tmp_path / "x.pdf"),
    )
    assert code != 0 and "no longer in the directory" in err
