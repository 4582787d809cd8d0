"""Reports owed to funders appear on the dashboard when they fall due within 30 days."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from communitydesk.core.i18n import format_date
from communitydesk.services.context import Services
from communitydesk.services.funding import ApplicationInput
from communitydesk.ui.panels.dashboard import DashboardPanel
from communitydesk.ui.tasks import TaskRunner


@pytest.fixture
def tasks(qapp: QApplication) -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.wait_for_done()


def _granted(services: Services, title: str) -> str:
    today = date.today()
    return services.funding.save(
        ApplicationInput(
            title,
            funder="Ville de Montréal",
            status="granted",
            submitted_on=today - timedelta(days=90),
            decided_on=today - timedelta(days=60),
        )
    ).uid


def test_the_dashboard_lists_reports_due_within_30_days(
    qtbot: QtBot, organized: Services, tasks: TaskRunner
) -> None:
    today = date.today()
    summer = _granted(organized, "Summer camp")
    organized.funding.add_deadline(summer, today + timedelta(days=12), "Interim report")
    organized.funding.add_deadline(summer, today + timedelta(days=90), "Final report")
    summary = organized.dashboard.summary(today)
    assert [d.what for d in summary.reporting_due] == ["Interim report"]

    panel = DashboardPanel(organized.organization.require(), organized.dashboard, tasks)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitUntil(lambda: panel.reporting_notice.isVisibleTo(panel))
    day = format_date(today + timedelta(days=12))
    assert panel.reporting_notice.text() == (
        f"A report is due to a funder: Interim report for “Summer camp”, due on {day}."
    )


def test_no_notice_without_reports_due(
    qtbot: QtBot, organized: Services, tasks: TaskRunner
) -> None:
    assert organized.dashboard.summary().reporting_due == ()
    panel = DashboardPanel(organized.organization.require(), organized.dashboard, tasks)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitUntil(lambda: panel.cards["people"].value.text() == "0")
    assert not panel.reporting_notice.isVisibleTo(panel)
