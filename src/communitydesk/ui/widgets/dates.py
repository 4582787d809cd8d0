"""Dates between Python and Qt's date widgets."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit


def qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def to_date(edit: QDateEdit) -> date:
    return from_qdate(edit.date())


def date_edit(value: date) -> QDateEdit:
    """A date field with a calendar to pick from."""
    edit = QDateEdit(qdate(value))
    edit.setCalendarPopup(True)
    return edit
