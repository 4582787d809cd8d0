"""Print a referral card: choose the family's language and the second one, see the card as it
will print, then print it or save it as PDF.

This is the PDF preview with two language choices above it: printing, saving and cleaning up
the draft are the preview's own. Every card is made on the task runner (it reads the directory
and lays out Arabic), and a new one is made whenever a language changes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from communitydesk.core.i18n import _, format_number, language_name, ngettext
from communitydesk.reports.document import Document
from communitydesk.reports.pdf import drawable
from communitydesk.reports.referral_card import ReferralCard, write_card
from communitydesk.services.referral_cards import (
    OFFICIAL,
    CardLanguages,
    ReferralCardService,
    own_name,
)
from communitydesk.ui.printing import PdfPreview, draft_file
from communitydesk.ui.tasks import Task, TaskRunner
from communitydesk.ui.widgets.messages import report_problem


def _language_label(code: str) -> str:
    """'Arabic — العربية': the volunteer's word for it, and the family's."""
    shown, own = language_name(code), own_name(code)
    # French names its languages in lower case, but a list item starts with a capital.
    shown = shown[:1].upper() + shown[1:]
    # A script the bundled fonts lack would show as empty boxes here too.
    if own.casefold() == shown.casefold() or not drawable(own):
        return shown
    return _("{language} — {own_name}").format(language=shown, own_name=own)


class ReferralCardDialog(PdfPreview):
    def __init__(
        self,
        cards: ReferralCardService,
        tasks: TaskRunner,
        service_uid: str,
        person_uid: str = "",
        parent: QWidget | None = None,
    ) -> None:
        # An empty draft until the first card is made: the preview shows nothing meanwhile.
        super().__init__(
            Document(title=_("Referral card"), name="referral-card"),
            draft_file(lambda _target: None),
            parent,
        )
        self._cards = cards
        self._tasks = tasks
        self._service_uid = service_uid
        self._person_uid = person_uid
        self._generation = 0
        self._closed = False
        self.card: ReferralCard | None = None
        self.setWindowTitle(_("Referral card"))
        self.resize(760, 680)

        self.family = QComboBox()
        self.second = QComboBox()
        for code in OFFICIAL:
            self.second.addItem(_language_label(code), code)
        form = QFormLayout()
        form.addRow(_("Family's language"), self.family)
        form.addRow(_("Second language"), self.second)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setVisible(False)
        self.status = QLabel(_("Preparing the card…"))
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertLayout(0, form)
        layout.insertWidget(1, self.notice)
        layout.insertWidget(2, self.status)
        self._ready(False)

        self.family.currentIndexChanged.connect(self.make)
        self.second.currentIndexChanged.connect(self.make)
        self._tasks.run(
            lambda _task: self._cards.languages(service_uid, person_uid),
            self._show_languages,
            self._failed,
        )

    def _show_languages(self, languages: CardLanguages) -> None:
        for combo in (self.family, self.second):
            combo.blockSignals(True)
        for code in languages.choices:
            self.family.addItem(_language_label(code), code)
        self.family.setCurrentIndex(max(self.family.findData(languages.family), 0))
        self.second.setCurrentIndex(max(self.second.findData(languages.second), 0))
        for combo in (self.family, self.second):
            combo.blockSignals(False)
        self.make()

    def make(self) -> None:
        """Make the card in the chosen languages, on the task runner."""
        family, second = self.family.currentData(), self.second.currentData()
        if not family or not second:
            return
        self._generation += 1
        generation = self._generation
        self._ready(False)
        self.status.setText(_("Preparing the card…"))
        cards, service, person = self._cards, self._service_uid, self._person_uid

        def make(_task: Task) -> tuple[int, ReferralCard, Path]:
            card = cards.card(service, person, language=family, second_language=second)
            return generation, card, draft_file(lambda target: write_card(card, target))

        self._tasks.run(make, self._show_card, self._failed)

    def _show_card(self, made: tuple[int, ReferralCard, Path]) -> None:
        generation, card, draft = made
        if self._closed or generation != self._generation:
            # Languages changed meanwhile (or the dialog closed): a newer card is on its way.
            draft.unlink(missing_ok=True)
            return
        self.pdf.close()
        self.draft.unlink(missing_ok=True)
        self.draft = draft
        self.pdf.load(str(draft))
        self.card = card
        self.document = Document(title=card.title, name="referral-card")
        pages = self.pdf.pageCount()
        self.pages.setText(
            ngettext("{count} page", "{count} pages", pages).format(count=format_number(pages))
        )
        self.notice.setText(card.notice)
        self.notice.setVisible(bool(card.notice))
        self.status.setText("")
        self.status.setVisible(False)
        self._ready(True)

    def _ready(self, ready: bool) -> None:
        self.print_button.setEnabled(ready)
        self.save_button.setEnabled(ready)
        if not ready:
            self.status.setVisible(True)

    def _failed(self, error: BaseException) -> None:
        self.status.setText("")
        if not self._closed:
            report_problem(self, error)

    def done(self, result: int) -> None:
        self._closed = True
        super().done(result)
