"""Small, consistent ways to tell the user something."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QMessageBox, QWidget

from communitydesk.core.errors import CommunityDeskError
from communitydesk.core.i18n import _


def show_error(parent: QWidget | None, error: CommunityDeskError | str) -> None:
    text = error.message if isinstance(error, CommunityDeskError) else error
    QMessageBox.warning(parent, _("CommunityDesk"), text)


def report_problem(owner: QWidget, error: BaseException) -> None:
    """An expected problem in a message box; a bug to the crash dialog."""
    if isinstance(error, CommunityDeskError):
        show_error(owner, error)
    else:
        sys.excepthook(type(error), error, error.__traceback__)
