"""Small helpers for the app's tables, and read-only tables for short lists (no model needed)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QAbstractItemView, QTableView, QTableWidget, QTableWidgetItem


def read_only_table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    return table


def select_row(view: QTableView, row: int) -> None:
    """Select a whole row and make it current.

    `QTableView.selectRow` selects nothing when the layout is right to left (Qt 6.11), so an
    Arabic window would lose its selection after each refresh; this works both ways.
    """
    flags = QItemSelectionModel.SelectionFlag
    view.selectionModel().setCurrentIndex(
        view.model().index(row, 0), flags.ClearAndSelect | flags.Rows
    )


def fill_rows(
    table: QTableWidget, rows: Sequence[Sequence[str]], uids: Sequence[str], chosen: str = ""
) -> None:
    """Show `rows` of texts, one per record of `uids`, and keep the record `chosen` selected
    (the first row when it is gone): a short list read again after each change."""
    table.setRowCount(len(rows))
    for row, cells in enumerate(rows):
        for column, text in enumerate(cells):
            table.setItem(row, column, QTableWidgetItem(text))
    for column in range(table.columnCount() - 1):  # the last one fills the rest
        table.resizeColumnToContents(column)
    if chosen and chosen in uids:
        select_row(table, list(uids).index(chosen))
    elif rows:
        select_row(table, 0)
