"""`report application UID` and `report funder-report UID`, parsed and run as the command does."""

from __future__ import annotations

import argparse
from datetime import date, timedelta
from pathlib import Path

import pytest
from docx import Document as WordDocument
from pypdf import PdfReader

from communitydesk import cli_funding
from communitydesk.core.errors import NotFoundError, ValidationError
from communitydesk.services.context import Services
from communitydesk.services.funding import ApplicationInput, ApplicationSection


def _run(services: Services, *words: str) -> list[str]:
    """Parse `report …` with the module's own parsers (cli.py adds them the same way)."""
    parser = argparse.ArgumentParser(prog="communitydesk")
    commands = parser.add_subparsers(dest="command", required=True)
    reports = commands.add_parser("report").add_subparsers(dest="report_command", required=True)
    cli_funding.add_parsers(commands, reports)
    args = parser.parse_args(["report", *words])
    assert args.report_command in cli_funding.REPORTS
    printed: list[str] = []
    assert cli_funding.run_report(args, services, printed.append) == 0
    return printed


@pytest.fixture
def granted(sample: Services) -> str:
    today = date.today()
    saved = sample.funding.save(
        ApplicationInput(
            "Youth soccer 2025",
            funder="Ville de Montréal",
            program_uid=sample.programs.programs()[0].uid,
            amount_cents=300000,
            status="granted",
            submitted_on=today - timedelta(days=100),
            decided_on=today - timedelta(days=50),
            sections=(ApplicationSection("", "Timeline", "September: first match."),),
        )
    )
    return saved.uid


def test_report_application_as_pdf_and_docx(sample: Services, granted: str, tmp_path: Path) -> None:
    pdf = tmp_path / "application.pdf"
    assert _run(sample, "application", granted, "--out", str(pdf)) == [f"Written: {pdf}"]
    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Youth soccer 2025" in text
    assert "September: first match." in text
    docx = tmp_path / "application.docx"
    _run(sample, "application", granted, "--out", str(docx))
    paragraphs = [p.text for p in WordDocument(str(docx)).paragraphs]
    assert "Timeline" in paragraphs
    assert "September: first match." in paragraphs


def test_report_funder_report(sample: Services, granted: str, tmp_path: Path) -> None:
    today = date.today()
    pdf = tmp_path / "report.pdf"
    start = (today - timedelta(days=90)).isoformat()
    _run(
        sample,
        "funder-report",
        granted,
        "--from",
        start,
        "--to",
        today.isoformat(),
        "--out",
        str(pdf),
    )
    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Report to Ville de Montréal" in text
    assert "Sessions held" in text


def test_wrong_files_dates_and_uids_are_refused(
    sample: Services, granted: str, tmp_path: Path
) -> None:
    with pytest.raises(ValidationError) as error:
        _run(sample, "application", granted, "--out", str(tmp_path / "a.txt"))
    assert error.value.field == "--out"
    with pytest.raises(ValidationError) as error:
        _run(
            sample,
            "funder-report",
            granted,
            "--from",
            "2025-05-01",
            "--to",
            "2025-04-01",
            "--out",
            str(tmp_path / "r.pdf"),
        )
    assert error.value.field == "--to"
    with pytest.raises(ValidationError):
        _run(
            sample,
            "funder-report",
            granted,
            "--from",
            "May",
            "--to",
            "2025-04-01",
            "--out",
            "r.pdf",
        )
    with pytest.raises(NotFoundError):
        _run(sample, "application", "no-such-uid", "--out", str(tmp_path / "a.pdf"))
    assert not (tmp_path / "a.pdf").exists()
