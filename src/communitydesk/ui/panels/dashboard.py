"""The first screen: the organization at a glance."""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from communitydesk.core.i18n import _, format_date, format_number, ngettext
from communitydesk.services.dashboard import DashboardService, DashboardSummary
from communitydesk.services.organization import OrganizationProfile
from communitydesk.ui.tasks import TaskRunner

CARD_STYLE = (
    "QFrame#card { border: 1px solid palette(mid); border-radius: 6px; background: palette(base); }"
)
# A card that opens a screen: it shows where the keyboard is, like a button does.
LINK_CARD_STYLE = CARD_STYLE + (
    "QFrame#card:hover { border-color: palette(highlight); }"
    "QFrame#card:focus { border: 2px solid palette(highlight); }"
)
NOTICE_STYLE = "background: #fff4ce; color: #4d3b00; padding: 8px; border-radius: 4px;"


class _Card(QFrame):
    def __init__(self, title: str) -> None:
        super().__init__()
        self.setObjectName("card")
        self.setStyleSheet(CARD_STYLE)
        self.value = QLabel("…")
        self.value.setStyleSheet("font-size: 24pt; font-weight: bold;")
        self.title = QLabel(title)
        self.title.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.value)
        layout.addWidget(self.title)
        layout.addStretch(1)  # the figures line up at the top, whatever their titles' length


class _LinkCard(_Card):
    """A card to click, or to reach with Tab and press Enter or Space, to open its screen."""

    activated = Signal()

    def __init__(self, title: str, tooltip: str) -> None:
        super().__init__(title)
        self.setStyleSheet(LINK_CARD_STYLE)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(tooltip)
        self.setAccessibleName(tooltip)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.activated.emit()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.activated.emit()
            return
        super().keyPressEvent(event)


class DashboardPanel(QWidget):
    """Emits `referrals_requested` when the follow-ups card is clicked (or pressed)."""

    referrals_requested = Signal()

    def __init__(
        self,
        profile: OrganizationProfile,
        dashboard: DashboardService,
        tasks: TaskRunner,
        activities: QWidget | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._dashboard = dashboard
        self._tasks = tasks
        self.heading = QLabel(f"<h1>{html.escape(profile.name)}</h1>")
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        self.today = QLabel(format_date(date.today(), "full"))
        self.sample_banner = QLabel(
            _(
                "This is a sample organization with made-up people, to explore the app. "
                "When you are ready, replace it with your own organization under Settings."
            )
        )
        self.sample_banner.setWordWrap(True)
        self.sample_banner.setStyleSheet(NOTICE_STYLE)
        self.sample_banner.setVisible(profile.is_sample)
        self.follow_ups = _LinkCard(
            _("follow-ups due"), _("Open the referrals to follow up today or overdue")
        )
        self.follow_ups.activated.connect(self.referrals_requested.emit)
        self.cards: dict[str, _Card] = {
            "people": _Card(_("people")),
            "households": _Card(_("households")),
            "volunteers": _Card(_("volunteers")),
            "newcomers": _Card(""),
            "follow_ups": self.follow_ups,
        }
        grid = QGridLayout()
        for column, card in enumerate(self.cards.values()):
            grid.addWidget(card, 0, column)
            grid.setColumnStretch(column, 1)
        self.directory_notice = QLabel()
        self.directory_notice.setWordWrap(True)
        self.directory_notice.setStyleSheet(NOTICE_STYLE)
        self.directory_notice.hide()
        self.reporting_notice = QLabel()
        self.reporting_notice.setTextFormat(Qt.TextFormat.PlainText)
        self.reporting_notice.setWordWrap(True)
        self.reporting_notice.setStyleSheet(NOTICE_STYLE)
        self.reporting_notice.hide()
        self.mission = QLabel(profile.mission)
        self.mission.setTextFormat(Qt.TextFormat.PlainText)
        self.mission.setWordWrap(True)
        # On a small screen the figures scroll rather than force the window larger.
        content = QWidget()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        layout = QVBoxLayout(content)
        layout.addWidget(self.heading)
        layout.addWidget(self.today)
        layout.addWidget(self.sample_banner)
        layout.addLayout(grid)
        layout.addWidget(self.directory_notice)
        layout.addWidget(self.reporting_notice)
        if profile.mission:
            layout.addWidget(QLabel("<b>{}</b>".format(_("Our mission"))))
            layout.addWidget(self.mission)
        self.activities = activities
        if activities is not None:
            layout.addWidget(activities, 1)
        else:
            layout.addStretch(1)
        self._load_summary()  # the activity figures load themselves

    def _load_summary(self) -> None:
        self._tasks.run(lambda _task: self._dashboard.summary(), self.show_summary)

    def refresh(self) -> None:
        self._load_summary()
        refresh = getattr(self.activities, "refresh", None)
        if callable(refresh):
            refresh()

    def show_summary(self, summary: DashboardSummary) -> None:
        self.cards["people"].value.setText(format_number(summary.people))
        self.cards["households"].value.setText(format_number(summary.households))
        self.cards["volunteers"].value.setText(format_number(summary.volunteers))
        self.cards["newcomers"].value.setText(format_number(summary.newcomers))
        self.cards["newcomers"].title.setText(
            ngettext(
                "newcomers (arrived within {years} year)",
                "newcomers (arrived within {years} years)",
                summary.newcomer_years,
            ).format(years=summary.newcomer_years)
        )
        due = summary.follow_ups_due
        self.follow_ups.value.setText(format_number(due))
        self.follow_ups.title.setText(
            ngettext("follow-up due", "follow-ups due", due).format(count=format_number(due))
        )
        stale = summary.directory_stale
        self.directory_notice.setText(
            ngettext(
                "{count} service in the directory was not checked for a year: call it or read "
                "its website, then mark it checked (Referrals).",
                "{count} services in the directory were not checked for a year: call them or "
                "read their websites, then mark them checked (Referrals).",
                stale,
            ).format(count=format_number(stale))
        )
        self.directory_notice.setVisible(stale > 0)
        reports = summary.reporting_due
        self.reporting_notice.setText(
            ngettext(
                "A report is due to a funder: {reports}.",
                "Reports are due to funders: {reports}.",
                len(reports),
            ).format(
                reports="; ".join(
                    _("{what} for “{application}”, due on {day}").format(
                        what=report.what,
                        application=report.application_title,
                        day=format_date(report.due_on),
                    )
                    for report in reports
                )
            )
        )
        self.reporting_notice.setVisible(bool(reports))
