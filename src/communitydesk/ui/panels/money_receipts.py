"""Donation receipts: the year's gifts, which have a receipt, and giving, copying, voiding or
replacing one. Gifts are counted by calendar year, the year a donor claims them in."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.i18n import (
    _,
    format_date,
    format_money,
    format_number,
    left_to_right,
    ngettext,
)
from communitydesk.reports.document import Document
from communitydesk.services.donation_receipts import DonationReceiptService, Gift
from communitydesk.ui.printing import PdfPreview, draft_file
from communitydesk.ui.tasks import Task, TaskRunner
from communitydesk.ui.widgets.messages import report_problem
from communitydesk.ui.widgets.tables import select_row

YEARS_SHOWN = 6


def receipt_pdf(document: Document) -> Path:
    from communitydesk.reports.pdf import write_pdf

    return draft_file(lambda target: write_pdf(document, target))


class ReceiptsPanel(QWidget):
    def __init__(
        self,
        receipts: DonationReceiptService,
        tasks: TaskRunner,
        currency: str,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._receipts = receipts
        self._tasks = tasks
        self._currency = currency
        self._today = today or date.today()
        self.gifts: tuple[Gift, ...] = ()
        self.preview_dialog: PdfPreview | None = None

        self.year = QComboBox()
        for year in range(self._today.year, self._today.year - YEARS_SHOWN, -1):
            self.year.addItem(left_to_right(str(year)), year)
        self.summary = QLabel()
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([_("Received"), _("Donor"), _("Gift"), _("Receipt")])
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(1, 260)

        self.give_button = QPushButton(_("Give a receipt"))
        self.copy_button = QPushButton(_("Print a copy"))
        self.replace_button = QPushButton(_("Replace…"))
        self.void_button = QPushButton(_("Void…"))
        self.notice = QLabel(
            _(
                "A receipt is official for income tax when the organization's charity number is "
                "in Settings; otherwise it is a thank-you receipt."
            )
        )
        self.notice.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(QLabel(_("Gifts received in")))
        top.addWidget(self.year)
        top.addWidget(self.summary, 1)
        buttons = QHBoxLayout()
        for button in (self.give_button, self.copy_button, self.replace_button, self.void_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.notice)

        self.year.currentIndexChanged.connect(self.refresh)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda _item: self._default_action())
        self.give_button.clicked.connect(self.give)
        self.copy_button.clicked.connect(self.print_copy)
        self.replace_button.clicked.connect(self.replace)
        self.void_button.clicked.connect(self.void)
        self._update_buttons()

    def refresh(self, _index: int = 0, select_uid: str = "") -> None:
        year = int(self.year.currentData())
        self._tasks.run(
            lambda _task: self._receipts.gifts(year),
            lambda gifts: self._show(gifts, select_uid),
            self._failed,
        )

    def _show(self, gifts: tuple[Gift, ...], select_uid: str) -> None:
        self.gifts = gifts
        self.table.setRowCount(len(gifts))
        end = Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter
        for row, gift in enumerate(gifts):
            receipt = gift.receipt
            cells = (
                format_date(gift.received_on),
                gift.donor,
                format_money(gift.amount_cents, self._currency),
                _("No. {number}, {date}").format(
                    number=receipt.number, date=format_date(receipt.issued_on)
                )
                if receipt
                else _("None yet"),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 2:
                    item.setTextAlignment(end)
                self.table.setItem(row, column, item)
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(2)
        given = sum(1 for gift in gifts if gift.receipt)
        self.summary.setText(
            ngettext(
                "{gifts} gift, {receipts} with a receipt, {total} in all",
                "{gifts} gifts, {receipts} with a receipt, {total} in all",
                len(gifts),
            ).format(
                gifts=format_number(len(gifts)),
                receipts=format_number(given),
                total=format_money(sum(gift.amount_cents for gift in gifts), self._currency),
            )
        )
        for row, gift in enumerate(gifts):
            if gift.transaction_uid == select_uid:
                select_row(self.table, row)
        self._update_buttons()

    def selected(self) -> Gift | None:
        rows = self.table.selectionModel().selectedRows()
        return self.gifts[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        gift = self.selected()
        self.give_button.setEnabled(gift is not None and gift.receipt is None)
        for button in (self.copy_button, self.replace_button, self.void_button):
            button.setEnabled(gift is not None and gift.receipt is not None)

    def _default_action(self) -> None:
        gift = self.selected()
        if gift is not None:
            (self.print_copy if gift.receipt else self.give)()

    # --- acting ---------------------------------------------------------------------------------

    def give(self) -> None:
        gift = self.selected()
        if gift is None:
            return
        today = self._today

        def make(_task: Task) -> tuple[Document, Path]:
            receipt = self._receipts.issue(gift.transaction_uid, today)
            document = self._receipts.document(receipt.uid, today=today)
            return document, receipt_pdf(document)

        self._tasks.run(make, lambda made: self._preview(made, gift.transaction_uid), self._failed)

    def print_copy(self) -> None:
        gift = self.selected()
        if gift is None or gift.receipt is None:
            return
        uid, today = gift.receipt.uid, self._today

        def make(_task: Task) -> tuple[Document, Path]:
            document = self._receipts.document(uid, copy=True, today=today)
            return document, receipt_pdf(document)

        self._tasks.run(make, lambda made: self._preview(made, gift.transaction_uid), self._failed)

    def void(self) -> None:
        gift = self.selected()
        if gift is None or gift.receipt is None:
            return
        reason = self._ask_reason(_("Void receipt no. {number}").format(number=gift.receipt.number))
        if reason is None:
            return
        uid = gift.receipt.uid
        self._tasks.run(
            lambda _task: self._receipts.void(uid, reason),
            lambda _receipt: self.refresh(select_uid=gift.transaction_uid),
            self._failed,
        )

    def replace(self) -> None:
        gift = self.selected()
        if gift is None or gift.receipt is None:
            return
        reason = self._ask_reason(
            _("Replace receipt no. {number}").format(number=gift.receipt.number)
        )
        if reason is None:
            return
        uid, today = gift.receipt.uid, self._today

        def make(_task: Task) -> tuple[Document, Path]:
            receipt = self._receipts.reissue(uid, reason, issued_on=today)
            document = self._receipts.document(receipt.uid, today=today)
            return document, receipt_pdf(document)

        self._tasks.run(make, lambda made: self._preview(made, gift.transaction_uid), self._failed)

    def _ask_reason(self, title: str) -> str | None:
        reason, accepted = QInputDialog.getText(
            self,
            title,
            _("Why? (kept on record, e.g. the donor's name was misspelled)"),
            QLineEdit.EchoMode.Normal,
        )
        return reason if accepted else None

    def _preview(self, made: tuple[Document, Path], select_uid: str) -> None:
        self.refresh(select_uid=select_uid)
        self.preview_dialog = PdfPreview(*made, parent=self)
        self.preview_dialog.open()

    def _failed(self, error: BaseException) -> None:
        report_problem(self, error)
