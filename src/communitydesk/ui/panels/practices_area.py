"""The Practices & funding area: the group leader's tabs: the practice records (what works, with
its evidence from the records), the funding applications drafted from them, and the partners who
are on board. Each tab reads again when shown: another may have changed what it lists.
"""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from communitydesk.core.i18n import _
from communitydesk.services.context import Services
from communitydesk.ui.panels.applications import ApplicationsPanel
from communitydesk.ui.panels.partners import PartnersPanel
from communitydesk.ui.panels.practices import PracticesPanel
from communitydesk.ui.tasks import TaskRunner


class PracticesArea(QWidget):
    def __init__(
        self,
        services: Services,
        tasks: TaskRunner,
        currency: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        s = services
        self.practices = PracticesPanel(
            s.practices, s.practice_evidence, s.practice_profiles, s.programs, tasks
        )
        self.applications = ApplicationsPanel(
            s.funding, s.programs, s.practices, s.lookups, tasks, currency=currency
        )
        self.partners = PartnersPanel(s.funding, s.lookups, tasks)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.practices, _("Practices"))
        self.tabs.addTab(self.applications, _("Funding applications"))
        self.tabs.addTab(self.partners, _("Partners"))
        self.tabs.currentChanged.connect(self.refresh_shown)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.refresh_shown(0)

    def refresh_shown(self, index: int) -> None:
        refresh = getattr(self.tabs.widget(index), "refresh", None)
        if callable(refresh):
            refresh()
