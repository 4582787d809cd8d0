"""The households list's table model: rows come sorted and filtered from SQL."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from communitydesk.core.i18n import _, format_number, left_to_right
from communitydesk.services.households import HouseholdRow

Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    NAME = 0
    MAIN_CONTACT = 1
    MEMBERS = 2
    PHONE = 3


class HouseholdsTableModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._rows: tuple[HouseholdRow, ...] = ()
        self._headers = {
            Column.NAME: _("Household"),
            Column.MAIN_CONTACT: _("Main contact"),
            Column.MEMBERS: _("Members"),
            Column.PHONE: _("Phone"),
        }

    def set_rows(self, rows: tuple[HouseholdRow, ...]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row_at(self, row: int) -> HouseholdRow:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(Column)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        row = self._rows[index.row()]
        column = Column(index.column())
        if column is Column.NAME:
            return row.name
        if column is Column.MAIN_CONTACT:
            return row.main_contact
        if column is Column.MEMBERS:
            return format_number(row.members)
        return left_to_right(row.phone)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(Column):
            return self._headers[Column(section)]
        return None
