"""The Referrals area: the coordinator's tabs, in the order of the work: the follow-up calls due,
the referral log, the directory of services, and the groundwork report for partners.

The tabs ask for one another through signals (refer someone to this service, print a card for
this referral); this area answers them, so no tab knows another. Each tab reads again when shown:
another may have changed what it lists.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from communitydesk.core.i18n import _, current_language
from communitydesk.reports.document import Document
from communitydesk.services.context import Services
from communitydesk.ui.dialogs.directory_exchange_dialog import open_export, open_import
from communitydesk.ui.dialogs.referral_dialog import ReferralDialog
from communitydesk.ui.panels.directory import DirectoryPanel
from communitydesk.ui.panels.follow_ups import FollowUpsPanel
from communitydesk.ui.panels.groundwork import GroundworkPanel
from communitydesk.ui.panels.referral_log import ReferralLogPanel
from communitydesk.ui.printing import PdfPreview, draft_file
from communitydesk.ui.tasks import Task, TaskRunner
from communitydesk.ui.widgets.messages import report_problem


class ReferralsArea(QWidget):
    def __init__(
        self,
        services: Services,
        tasks: TaskRunner,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        s = self._services = services
        self._tasks = tasks
        people = (s.referrals, s.directory, s.people, s.households, s.lookups, tasks)
        self.follow_ups = FollowUpsPanel(*people, today=today)
        self.log = ReferralLogPanel(*people, today=today)
        self.directory = DirectoryPanel(s.directory, s.lookups, tasks)
        self.groundwork = GroundworkPanel(s.groundwork, tasks, today=today)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.follow_ups, _("Follow-ups due"))
        self.tabs.addTab(self.log, _("Referral log"))
        self.tabs.addTab(self.directory, _("Service directory"))
        self.tabs.addTab(self.groundwork, _("Groundwork report"))
        self.tabs.currentChanged.connect(self.refresh_shown)
        self.directory.refer_requested.connect(self.refer)
        self.directory.card_requested.connect(lambda uid: self.print_card(uid, ""))
        self.directory.directory_print_requested.connect(self.print_directory)
        self.directory.import_requested.connect(
            lambda: open_import(self, s.directory_exchange, tasks, self.directory.refresh)
        )
        self.directory.export_requested.connect(
            lambda: open_export(self, s.directory_exchange, tasks)
        )
        self.log.card_requested.connect(self.print_card)
        self.preview_dialog: PdfPreview | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.refresh_shown(0)

    def show_follow_ups(self) -> None:
        self.tabs.setCurrentWidget(self.follow_ups)

    def refresh_shown(self, index: int) -> None:
        refresh = getattr(self.tabs.widget(index), "refresh", None)
        if callable(refresh):
            refresh()

    def refer(self, service_uid: str) -> None:
        s = self._services
        dialog = ReferralDialog(
            s.referrals,
            s.directory,
            s.people,
            s.households,
            s.lookups,
            self._tasks,
            service_uid=service_uid,
            parent=self,
        )
        if dialog.exec():
            self.tabs.setCurrentWidget(self.log)

    def print_card(self, service_uid: str, person_uid: str) -> None:
        # Cards are drawn with reportlab: loaded when the first card is asked for.
        from communitydesk.ui.dialogs.referral_card_dialog import ReferralCardDialog

        dialog = ReferralCardDialog(
            self._services.referral_cards, self._tasks, service_uid, person_uid, parent=self
        )
        dialog.open()

    def print_directory(self) -> None:
        """The resource directory of the services the Directory tab shows, in the window's
        language, made on the task runner, then previewed to print or save."""
        wanted = self.directory.current_filter()
        language = current_language().code
        directory = self._services.resource_directory

        def make(_task: Task) -> Path:
            return draft_file(lambda target: directory.write(target, language, wanted))

        def show(draft: Path) -> None:
            title = Document(title=_("Resource directory"), name=_("resource-directory"))
            self.preview_dialog = PdfPreview(title, draft, parent=self)
            self.preview_dialog.open()

        self._tasks.run(make, show, lambda error: report_problem(self, error))
