"""A read-only table model over a tuple of frozen rows, already sorted and filtered in SQL.

Subclasses name their columns (an IntEnum), their header texts, and how a row shows in a cell.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex
Row = TypeVar("Row")
OBJECT_ROLE = Qt.ItemDataRole.UserRole + 1


class RowsTableModel(QAbstractTableModel, Generic[Row]):
    columns: type[IntEnum]

    def __init__(self) -> None:
        super().__init__()
        self._rows: tuple[Row, ...] = ()
        self._headers = self.headers()

    def headers(self) -> dict[Any, str]:
        raise NotImplementedError

    def display(self, row: Row, column: Any) -> str:
        raise NotImplementedError

    def set_rows(self, rows: tuple[Row, ...]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row_at(self, row: int) -> Row:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == OBJECT_ROLE:
            return row
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return self.display(row, self.columns(index.column()))

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self.columns):
            return self._headers[self.columns(section)]
        return None
