"""The funder report and the application as PDF and .docx."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from docx import Document as WordDocument
from pypdf import PdfReader

from communitydesk.core.errors import ValidationError
from communitydesk.core.i18n import format_money, format_number
from communitydesk.services.activity_stats import Period
from communitydesk.services.context import Services
from communitydesk.services.funding import ApplicationInput, ApplicationSection
from communitydesk.services.funding_documents import program_expenses
from communitydesk.services.volunteer_hours import hours_number


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def docx_text(path: Path) -> str:
    document = WordDocument(str(path))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def _granted(services: Services, program_uid: str) -> str:
    today = date.today()
    saved = services.funding.save(
        ApplicationInput(
            "Youth program 2025",
            funder="Fondation locale",
            program_uid=program_uid,
            amount_cents=1200000,
            status="granted",
            submitted_on=today - timedelta(days=200),
            decided_on=today - timedelta(days=150),
            sections=(
                ApplicationSection("need", "The need", "Youth feel alone.\n\nSchools agree."),
                ApplicationSection("", "Sustainability", "Dues and a yearly dinner."),
            ),
        )
    )
    services.funding.add_deadline(saved.uid, today + timedelta(days=10), "Interim report")
    return saved.uid


def _program_with_money(services: Services, period: Period) -> str:
    start_month = services.organization.require().fiscal_year_start_month
    for program in services.programs.programs():
        if program_expenses(services.database, program.uid, period, start_month):
            return program.uid
    raise AssertionError("the demo spends money on some program")


def test_funder_report_has_the_dashboards_figures_and_the_books(sample: Services) -> None:
    today = date.today()
    period = Period(today - timedelta(days=400), today)
    program_uid = _program_with_money(sample, period)
    uid = _granted(sample, program_uid)
    document = sample.funding.funder_report(uid, period.start, period.end)
    text = document.text()
    figures = sample.activity_stats.figures(period, program_uid, today)
    done = document.sections[0].table
    assert done is not None
    table = {row[0]: row[1] for row in done.rows}
    assert table["Sessions held"] == format_number(figures.sessions_held)
    assert table["Different people who took part"] == format_number(figures.unique_participants)
    assert table["Newcomers among them"] == format_number(figures.newcomers)
    assert table["Households"] == format_number(figures.households)
    assert hours_number(figures.volunteer_minutes) in text
    assert "This report answers: Interim report" in text
    start_month = sample.organization.require().fiscal_year_start_month
    spent = program_expenses(sample.database, program_uid, period, start_month)
    money = document.sections[2].table
    assert money is not None
    currency = sample.organization.require().currency
    assert money.rows[-1] == ("Total", format_money(sum(a for _n, a in spent), currency))
    assert money.rows[0][0] == spent[0][0]


def test_expenses_across_two_fiscal_years_add_up(sample: Services) -> None:
    today = date.today()
    start_month = sample.organization.require().fiscal_year_start_month
    period = Period(today - timedelta(days=700), today)
    program_uid = _program_with_money(sample, period)
    whole = dict(program_expenses(sample.database, program_uid, period, start_month))
    middle = period.start + timedelta(days=350)
    first = dict(
        program_expenses(sample.database, program_uid, Period(period.start, middle), start_month)
    )
    second = dict(
        program_expenses(
            sample.database, program_uid, Period(middle + timedelta(days=1), today), start_month
        )
    )
    for name, amount in whole.items():
        assert amount == first.get(name, 0) + second.get(name, 0)


def test_only_a_granted_application_has_a_funder_report(organized: Services) -> None:
    saved = organized.funding.save(ApplicationInput("Idea"))
    with pytest.raises(ValidationError):
        organized.funding.funder_report(saved.uid, date(2025, 1, 1), date(2025, 3, 31))


def test_the_application_as_pdf_and_docx(sample: Services, tmp_path: Path) -> None:
    program_uid = sample.programs.programs()[0].uid
    uid = _granted(sample, program_uid)
    for target in (tmp_path / "application.pdf", tmp_path / "application.docx"):
        sample.funding.write(uid, target)
        text = pdf_text(target) if target.suffix == ".pdf" else docx_text(target)
        for words in (
            "Youth program 2025",
            "Fondation locale",
            "Amount requested: $12,000.00",
            "The need",
            "Youth feel alone.",
            "Schools agree.",
            "Sustainability",
            "Dues and a yearly dinner.",
        ):
            assert words in text, (target.suffix, words)
    with pytest.raises(ValidationError):
        sample.funding.write(uid, tmp_path / "application.txt")


def test_the_funder_report_as_pdf_and_docx(sample: Services, tmp_path: Path) -> None:
    today = date.today()
    period = Period(today - timedelta(days=365), today)
    uid = _granted(sample, _program_with_money(sample, period))
    for target in (tmp_path / "report.pdf", tmp_path / "report.docx"):
        sample.funding.write_funder_report(uid, period.start, period.end, target)
        text = pdf_text(target) if target.suffix == ".pdf" else docx_text(target)
        assert "Report to Fondation locale" in text
        assert "Sessions held" in text
        assert "Money spent" in text


def test_a_document_follows_the_saved_sections(organized: Services) -> None:
    saved = organized.funding.save(ApplicationInput("Seniors' lunch", amount_cents=50000))
    updated = organized.funding.save(
        replace(saved.as_input(), sections=(ApplicationSection("", "Timeline", "May: start."),)),
        saved.uid,
    )
    document = organized.funding.document(updated.uid)
    assert [s.heading for s in document.sections] == ["Timeline"]
    assert "Amount requested: $500.00" in document.text()
