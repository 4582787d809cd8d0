"""The roster's table model: rows are `PersonRow`s already sorted and filtered in SQL."""

from __future__ import annotations

from enum import IntEnum

from communitydesk.core.i18n import _, format_list, language_name, left_to_right
from communitydesk.services.people import PersonRow
from communitydesk.ui.item_models.rows_model import RowsTableModel


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


class PeopleTableModel(RowsTableModel[PersonRow]):
    columns = Column

    def headers(self) -> dict[Column, str]:
        return {
            Column.NAME: _("Name"),
            Column.LATIN: _("Latin spelling"),
            Column.HOUSEHOLD: _("Household"),
            Column.LANGUAGES: _("Languages"),
            Column.PHONE: _("Phone"),
        }

    def display(self, row: PersonRow, column: Column) -> str:
        if column is Column.NAME:
            return row.display_name
        if column is Column.LATIN:
            return row.latin_name
        if column is Column.HOUSEHOLD:
            return row.household
        if column is Column.LANGUAGES:
            return format_list([language_name(code) for code in row.languages])
        return left_to_right(row.phone)
