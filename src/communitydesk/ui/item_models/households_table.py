"""The households list's table model: rows come sorted and filtered from SQL."""

from __future__ import annotations

from enum import IntEnum

from communitydesk.core.i18n import _, format_date, format_number, left_to_right
from communitydesk.services.households import HouseholdRow
from communitydesk.ui.item_models.rows_model import RowsTableModel


class Column(IntEnum):
    NAME = 0
    MAIN_CONTACT = 1
    MEMBERS = 2
    PHONE = 3
    LAST_CONTACT = 4


class HouseholdsTableModel(RowsTableModel[HouseholdRow]):
    columns = Column

    def headers(self) -> dict[Column, str]:
        return {
            Column.NAME: _("Household"),
            Column.MAIN_CONTACT: _("Main contact"),
            Column.MEMBERS: _("Members"),
            Column.PHONE: _("Phone"),
            Column.LAST_CONTACT: _("Last contact"),
        }

    def display(self, row: HouseholdRow, column: Column) -> str:
        if column is Column.NAME:
            return row.name
        if column is Column.MAIN_CONTACT:
            return row.main_contact
        if column is Column.MEMBERS:
            return format_number(row.members)
        if column is Column.LAST_CONTACT:
            return format_date(row.last_contact) if row.last_contact else ""
        return left_to_right(row.phone)
