"""Pieces of the attendance window kept apart: names as they are listed, and the small
label and error helpers its parts share."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QLabel,
)

from communitydesk.core.errors import CommunityDeskError
from communitydesk.core.i18n import (
    embedded,
    is_right_to_left,
    isolate,
)
from communitydesk.core.text import fold, search_key
from communitydesk.services.attendance import (
    Attendee,
)

RIGHT_TO_LEFT_MARK = "\u200f"


def person_label(name: str, latin_name: str) -> str:
    """A name with its Latin spelling beside it when that reads differently."""
    if latin_name and fold(latin_name) != fold(name):
        # Each part keeps its own direction: an Arabic name beside a Latin one, in any window.
        return f"{embedded(name)} · {embedded(latin_name)}"
    return name


def in_window_direction(text: str) -> str:
    """User data (a program's name) aligned like the window's own lines: in an Arabic window an
    English name starts at the right too, and keeps its own reading order."""
    return RIGHT_TO_LEFT_MARK + isolate(text) if is_right_to_left() and text else text


def bold(label: QLabel, scale: float = 1.0) -> QLabel:
    font = QFont(label.font())
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    return label


def attendee_order(attendee: Attendee) -> str:
    return search_key(attendee.name, attendee.latin_name)


def expected_problem(error: BaseException) -> CommunityDeskError:
    """An expected problem to show; a bug goes on to the crash dialog."""
    if not isinstance(error, CommunityDeskError):
        raise error
    return error
