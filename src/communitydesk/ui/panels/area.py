"""An area whose full screens arrive with their own issue: what it is for, and the shared lists
it uses, live from the database (editable lists are in Settings later)."""

from __future__ import annotations

from functools import partial

from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QListWidget, QVBoxLayout, QWidget

from communitydesk.core.i18n import current_language
from communitydesk.services.lookups import LookupList, LookupService
from communitydesk.ui.tasks import Task, TaskRunner


class AreaPanel(QWidget):
    def __init__(
        self,
        title: str,
        purpose: str,
        list_keys: tuple[str, ...],
        lookups: LookupService,
        tasks: TaskRunner,
        extra: QWidget | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.title = QLabel(f"<h2>{title}</h2>")
        self.purpose = QLabel(purpose)
        self.purpose.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.purpose)
        if extra is not None:
            layout.addWidget(extra)
        self.lists: dict[str, QListWidget] = {}
        grid = QGridLayout()
        for position, key in enumerate(list_keys):
            box = QGroupBox()
            box_layout = QVBoxLayout(box)
            widget = QListWidget()
            box_layout.addWidget(widget)
            self.lists[key] = widget
            grid.addWidget(box, position // 2, position % 2)
        layout.addLayout(grid, 1)
        if not list_keys:
            layout.addStretch(1)
        language = current_language().code
        for key in list_keys:
            tasks.run(partial(self._load, lookups, key, language), self._show_list)

    @staticmethod
    def _load(lookups: LookupService, key: str, language: str, _task: Task) -> LookupList:
        return lookups.get_list(key, language)

    def _show_list(self, result: LookupList) -> None:
        widget = self.lists[result.key]
        box = widget.parentWidget()
        assert isinstance(box, QGroupBox)
        box.setTitle(result.title)
        widget.clear()
        widget.addItems([entry.label for entry in result.entries if entry.is_active])
