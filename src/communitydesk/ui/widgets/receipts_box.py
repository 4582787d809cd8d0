"""An entry's receipts (scans and photos kept with it): attach, open, remove.

For an entry already saved, a receipt is kept or removed at once, like a file put in a folder;
for a new one, the files chosen wait for its Save (`pending_files`). A receipt from the books is
opened through a private temporary copy, deleted by `delete_copies` when the form closes.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Final

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from communitydesk.core.errors import CommunityDeskError
from communitydesk.core.i18n import _, embedded
from communitydesk.services.transactions import (
    LARGEST_ATTACHMENT,
    AttachmentRecord,
    TransactionService,
)
from communitydesk.ui.tasks import Task, TaskRunner
from communitydesk.ui.widgets.fields import FieldWithError
from communitydesk.ui.widgets.messages import report_problem

RECEIPT_SUFFIXES: Final = "*.pdf *.png *.jpg *.jpeg *.gif *.bmp *.tif *.tiff *.webp *.heic *.heif"
KEPT, NEW = "kept", "new"  # a receipt already with the entry, or a file chosen for a new one

# The receipts with the entry after a change, and what could not be kept.
Receipts = tuple[tuple[AttachmentRecord, ...], tuple[str, ...]]


class ReceiptsBox(QWidget):
    """The list of an entry's receipts and its Attach, Open and Remove buttons.

    `entry_uid` is None for an entry not saved yet. `field` holds the list with its problem
    under it (the form's "attachment" field). `attachments_changed` says receipts were attached
    or removed, even if the form is then cancelled.
    """

    def __init__(
        self,
        transactions: TransactionService,
        tasks: TaskRunner,
        entry_uid: str | None,
        attachments: Sequence[AttachmentRecord] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._transactions = transactions
        self._tasks = tasks
        self._entry_uid = entry_uid
        self._task: Task | None = None
        self._pending_files: list[Path] = []
        self._copies: list[Path] = []
        self.attachments_changed = False

        self.list = QListWidget()
        self.list.setMaximumHeight(88)
        self.list.currentRowChanged.connect(self._receipt_chosen)
        self.list.itemDoubleClicked.connect(lambda _item: self.open_receipt())
        self.field = FieldWithError(self.list)
        self.attach_button = QPushButton(_("Attach…"))
        self.attach_button.setToolTip(_("A photo or a PDF of the receipt or invoice"))
        self.attach_button.clicked.connect(self.attach_files)
        self.open_button = QPushButton(_("Open"))
        self.open_button.clicked.connect(self.open_receipt)
        self.remove_button = QPushButton(_("Remove"))
        self.remove_button.clicked.connect(self.remove_receipt)
        buttons = QVBoxLayout()
        for button in self._buttons():
            button.setAutoDefault(False)  # Enter in a field saves the form
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.field, 1)
        layout.addLayout(buttons)
        self._show(attachments)

    @property
    def busy(self) -> bool:
        """Receipts are being read or written."""
        return self._task is not None

    def names(self) -> list[str]:
        return [self.list.item(row).text() for row in range(self.list.count())]

    def pending_files(self) -> tuple[Path, ...]:
        """The files chosen for an entry not saved yet, to keep with it once it is."""
        return tuple(self._pending_files)

    def tab_chain(self) -> list[QWidget]:
        return [self.list, *self._buttons()]

    def delete_copies(self) -> None:
        """The private copies opened in a viewer, deleted when the form closes."""
        for path in self._copies:
            with contextlib.suppress(OSError):  # still open in a viewer on Windows
                path.unlink(missing_ok=True)
        self._copies.clear()

    # --- the user's buttons ----------------------------------------------------------------------

    def attach_files(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(
            self,
            _("Attach receipts"),
            "",
            _("Images and PDF files") + f" ({RECEIPT_SUFFIXES})",
        )
        self.add_files([Path(name) for name in names])

    def add_files(self, paths: Sequence[Path]) -> None:
        """Keep these files with the entry: at once for an entry already saved, else on Save."""
        self.field.clear_error()
        wanted = []
        for path in paths:
            try:
                too_large = path.stat().st_size > LARGEST_ATTACHMENT
            except OSError as error:
                self._problem(
                    _("{name} could not be read: {error}").format(
                        name=path.name, error=error.strerror or error
                    )
                )
                continue
            if too_large:
                self._problem(
                    _("{name} is larger than {size} MB: scan or photograph it smaller.").format(
                        name=path.name, size=LARGEST_ATTACHMENT // (1024 * 1024)
                    )
                )
                continue
            wanted.append(path)
        if not wanted:
            return
        if self._entry_uid is None:
            self._pending_files.extend(wanted)
            self._show(self._kept())
            return
        uid, transactions = self._entry_uid, self._transactions

        def attach(_task: Task) -> Receipts:
            problems = []
            for path in wanted:
                try:
                    transactions.attach(uid, path)
                except CommunityDeskError as error:
                    problems.append(error.message)
            return transactions.attachments(uid), tuple(problems)

        self._run(attach)

    def open_receipt(self) -> None:
        item = self.list.currentItem()
        if item is None or self._task is not None:
            return
        kind, value = item.data(Qt.ItemDataRole.UserRole)
        if kind == NEW:
            QDesktopServices.openUrl(QUrl.fromLocalFile(value))
            return
        transactions = self._transactions

        def copy(_task: Task) -> Path:
            name, content = transactions.attachment_content(value)
            # Readable by this user only; deleted when the form closes.
            handle, path = tempfile.mkstemp(
                prefix="communitydesk-receipt-", suffix=Path(name).suffix[:10]
            )
            with os.fdopen(handle, "wb") as file:
                file.write(content)
            return Path(path)

        self.open_button.setEnabled(False)
        self._task = self._tasks.run(copy, self._opened, self._failed)

    def remove_receipt(self) -> None:
        item = self.list.currentItem()
        if item is None or self._task is not None:
            return
        kind, value = item.data(Qt.ItemDataRole.UserRole)
        if kind == NEW:
            self._pending_files = [p for p in self._pending_files if str(p) != value]
            self._show(self._kept())
            return
        answer = QMessageBox.question(
            self,
            _("Remove a receipt"),
            _("Remove {name} from this entry?").format(name=embedded(item.text())),
        )
        if answer != QMessageBox.StandardButton.Yes or self._entry_uid is None:
            return
        uid, transactions = self._entry_uid, self._transactions

        def remove(_task: Task) -> Receipts:
            transactions.remove_attachment(value)
            return transactions.attachments(uid), ()

        self._run(remove)

    # --- the list --------------------------------------------------------------------------------

    def _buttons(self) -> tuple[QPushButton, ...]:
        return (self.attach_button, self.open_button, self.remove_button)

    def _show(self, kept: Sequence[AttachmentRecord]) -> None:
        self.list.clear()
        for attachment in kept:
            item = QListWidgetItem(attachment.file_name)
            item.setData(Qt.ItemDataRole.UserRole, (KEPT, attachment.uid))
            self.list.addItem(item)
        for path in self._pending_files:
            item = QListWidgetItem(path.name)
            item.setData(Qt.ItemDataRole.UserRole, (NEW, str(path)))
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(self.list.count() - 1)
        self._receipt_chosen()

    def _kept(self) -> list[AttachmentRecord]:
        """The receipts listed that are already with the entry."""
        kept = []
        for row in range(self.list.count()):
            kind, value = self.list.item(row).data(Qt.ItemDataRole.UserRole)
            if kind == KEPT:
                kept.append(AttachmentRecord(value, self.list.item(row).text(), "", 0))
        return kept

    def _receipt_chosen(self, _row: int = -1) -> None:
        chosen = self.list.currentItem() is not None
        self.open_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)

    def _problem(self, message: str) -> None:
        self.field.error.setText(message)
        self.field.error.show()

    # --- reading and writing off the UI thread ---------------------------------------------------

    def _run(self, work: Callable[[Task], Receipts]) -> None:
        for button in self._buttons():
            button.setEnabled(False)
        self._task = self._tasks.run(work, self._done, self._failed)

    def _done(self, result: Receipts) -> None:
        self._task = None
        self.attachments_changed = True
        self.attach_button.setEnabled(True)
        kept, problems = result
        self._show(kept)
        if problems:
            self._problem("\n".join(problems))

    def _opened(self, path: Path) -> None:
        self._task = None
        self._copies.append(path)
        self._receipt_chosen()
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def _failed(self, error: BaseException) -> None:
        self._task = None
        self.attach_button.setEnabled(True)
        self._receipt_chosen()
        report_problem(self, error)
