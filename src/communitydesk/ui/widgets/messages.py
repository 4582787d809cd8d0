"""Small, consistent ways to tell the user something."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from communitydesk.core.errors import CommunityDeskError
from communitydesk.core.i18n import _


def show_error(parent: QWidget | None, error: CommunityDeskError | str) -> None:
    text = error.message if isinstance(error, CommunityDeskError) else error
    QMessageBox.warning(parent, _("CommunityDesk"), text)
