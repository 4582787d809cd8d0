"""The groundwork report screen: choose a period, read the report, save it, print it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import shiboken6
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from communitydesk.services.context import Services
from communitydesk.services.directory import OrganizationInput, ServiceInput
from communitydesk.services.groundwork import GroundworkService
from communitydesk.services.people import PersonInput
from communitydesk.services.referrals import ReferralInput
from communitydesk.ui.panels.groundwork import GroundworkPanel
from communitydesk.ui.tasks import TaskRunner
from communitydesk.ui.widgets.dates import qdate

TODAY = date(2026, 11, 23)


@pytest.fixture
def referred(organized: Services) -> Services:
    """Six people sent to the food bank in March 2026 (one of them twice), one in 2025."""
    directory = organized.directory
    harvest = directory.save_organization(OrganizationInput(name="Capital Harvest"))
    food_bank = directory.save_service(
        ServiceInput(organization_uid=harvest, name="Emergency food hamper", category="income")
    )
    people = [
        organized.people.create(PersonInput(given_name=name, family_name="Test")).uid
        for name in ("Amina", "Omar", "Leila", "Yusuf", "Hodan", "Reza")
    ]
    for index, person in enumerate(people):
        organized.referrals.create(
            ReferralInput(food_bank, date(2026, 3, 2 + index), person_uid=person), today=TODAY
        )
    organized.referrals.create(
        ReferralInput(food_bank, date(2026, 4, 6), person_uid=people[0]), today=TODAY
    )
    organized.referrals.create(
        ReferralInput(food_bank, date(2025, 6, 2), person_uid=people[1]), today=TODAY
    )
    return organized


def open_panel(services: Services, qtbot: QtBot) -> tuple[GroundworkPanel, TaskRunner]:
    tasks = TaskRunner()
    groundwork = GroundworkService(services.database, lambda: TODAY)
    panel = GroundworkPanel(groundwork, tasks, today=TODAY)
    qtbot.addWidget(panel)
    panel.resize(900, 650)
    panel.show()
    qtbot.waitUntil(lambda: panel.report is not None and not tasks.busy, timeout=20_000)
    return panel, tasks


def shown(panel: GroundworkPanel) -> str:
    """The words of the preview's pages, one space apart."""
    pages = range(panel.pdf.pageCount())
    return " ".join(" ".join(panel.pdf.getAllText(page).text() for page in pages).split())


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def wait_for(panel: GroundworkPanel, tasks: TaskRunner, qtbot: QtBot, subtitle: str) -> None:
    qtbot.waitUntil(
        lambda: (
            not tasks.busy
            and panel.report is not None
            and panel.report.document().subtitle == subtitle
        ),
        timeout=20_000,
    )


def test_the_preview_shows_the_figures_of_the_period_chosen(
    referred: Services, qtbot: QtBot
) -> None:
    panel, tasks = open_panel(referred, qtbot)
    assert panel.period.currentText() == "The last 12 months"
    assert "November 24, 2025 to November 23, 2026" in shown(panel)
    assert panel.pdf_button.isEnabled() and panel.print_button.isEnabled()

    panel.choose("this_year")
    wait_for(panel, tasks, qtbot, "January 1, 2026 to November 23, 2026")
    text = shown(panel)
    assert "Groundwork report" in text
    # Six people, one of them twice: six for the service, seven referrals.
    assert "Emergency food hamper Capital Harvest Social assistance & income 6" in text
    assert "All categories 6 7" in text

    panel.choose("last_year")
    wait_for(panel, tasks, qtbot, "January 1, 2025 to December 31, 2025")
    text = shown(panel)
    assert "Emergency food hamper Capital Harvest Social assistance & income fewer than 5" in text

    index = panel.period.findText("January to March 2026")
    assert index >= 0
    panel.period.setCurrentIndex(index)
    wait_for(panel, tasks, qtbot, "January 1, 2026 to March 31, 2026")
    assert "All categories 6 6" in shown(panel)


def test_dates_of_ones_choice(referred: Services, qtbot: QtBot) -> None:
    panel, tasks = open_panel(referred, qtbot)
    panel.start.setDate(qdate(date(2026, 3, 4)))
    panel.end.setDate(qdate(date(2026, 4, 30)))
    assert panel.period.currentData() == "custom"
    wait_for(panel, tasks, qtbot, "March 4, 2026 to April 30, 2026")
    assert "All categories 5 5" in shown(panel)  # four in March, Amina again in April

    panel.end.setDate(qdate(date(2026, 3, 1)))
    qtbot.waitUntil(lambda: panel.notice.text() == "The period ends before it starts.")
    assert not panel.pdf_button.isEnabled()


def test_saving_writes_the_report_shown(
    referred: Services, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    panel, tasks = open_panel(referred, qtbot)
    panel.choose("this_year")
    wait_for(panel, tasks, qtbot, "January 1, 2026 to November 23, 2026")
    target = tmp_path / "groundwork.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), ""))

    qtbot.mouseClick(panel.pdf_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.saved_to == target, timeout=20_000)
    text = pdf_text(target)
    assert "Emergency food hamper Capital Harvest Social assistance & income 6" in text
    assert "People referred 6" in text and "Referrals made 7" in text
    assert panel.notice.text() == f"Saved to {target}"

    spreadsheet = tmp_path / "groundwork.csv"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(tmp_path / "groundwork"), "")
    )
    qtbot.mouseClick(panel.csv_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.saved_to == spreadsheet, timeout=20_000)
    written = spreadsheet.read_text(encoding="utf-8-sig")
    assert "Emergency food hamper,Capital Harvest,Social assistance & income,6" in written
    tasks.wait_for_done()


def test_print_sends_the_pages_previewed(
    referred: Services, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    panel, tasks = open_panel(referred, qtbot)
    printed = tmp_path / "printed.pdf"

    def choose_a_file_printer(dialog: QPrintDialog) -> int:
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return 1

    monkeypatch.setattr(QPrintDialog, "exec", choose_a_file_printer)
    qtbot.mouseClick(panel.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: printed.exists() and panel.print_button.isEnabled(), timeout=20_000)
    assert len(PdfReader(printed).pages) == panel.pdf.pageCount()
    assert panel.printing is not None and not panel.printing.draft.exists()
    assert panel.draft is not None and panel.draft.exists()  # the preview keeps its own
    tasks.wait_for_done()


def test_the_preview_file_goes_with_the_panel(referred: Services, qtbot: QtBot) -> None:
    tasks = TaskRunner()
    panel = GroundworkPanel(GroundworkService(referred.database, lambda: TODAY), tasks)
    panel.show()
    qtbot.waitUntil(lambda: panel.draft is not None and not tasks.busy, timeout=20_000)
    first = panel.draft
    assert first is not None and first.exists()
    panel.choose("last_year")
    qtbot.waitUntil(lambda: panel.draft != first and not tasks.busy, timeout=20_000)
    assert not first.exists()  # a new period replaces the file shown
    draft = panel.draft
    assert draft is not None and draft.exists()
    tasks.wait_for_done()
    shiboken6.delete(panel)
    assert not draft.exists()
