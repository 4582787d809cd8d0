"""The roster's table model: rows are `PersonRow`s already sorted and filtered in SQL."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from communitydesk.core.i18n import _, format_list, language_name, left_to_right
from communitydesk.services.people import PersonRow

Index = QModelIndex | QPersistentModelIndex
OBJECT_ROLE = Qt.ItemDataRole.UserRole + 1


class Column(IntEnum):
    NAME = 0
    LATIN = 1
    HOUSEHOLD = 2
    LANGUAGES = 3
    PHONE = 4


# The service's sort key for each column: sorting happens in SQL, on values, not display text.
SORT_KEYS: dict[Column, str] = {
    Column.NAME: "name",
    Column.LATIN: "latin_name",
    Column.HOUSEHOLD: "household",
    Column.LANGUAGES: "languages",
    Column.PHONE: "phone",
}


def _headers() -> dict[Column, str]:
    return {
        Column.NAME: _("Name"),
        Column.LATIN: _("Latin spelling"),
        Column.HOUSEHOLD: _("Household"),
        Column.LANGUAGES: _("Languages"),
        Column.PHONE: _("Phone"),
    }


class PeopleTableModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._rows: tuple[PersonRow, ...] = ()
        self._headers = _headers()

    def set_rows(self, rows: tuple[PersonRow, ...]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row_at(self, row: int) -> PersonRow:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(Column)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        person = self._rows[index.row()]
        if role == OBJECT_ROLE:
            return person
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        column = Column(index.column())
        if column is Column.NAME:
            return person.display_name
        if column is Column.LATIN:
            return person.latin_name
        if column is Column.HOUSEHOLD:
            return person.household
        if column is Column.LANGUAGES:
            return format_list([language_name(code) for code in person.languages])
        return left_to_right(person.phone)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(Column):
            return self._headers[Column(section)]
        return None
