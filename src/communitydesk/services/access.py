"""What each role may see and change on the shared laptop.

An honest-user safeguard, as the window says: it keeps a volunteer from changing or reading what
is not theirs by mistake. Encryption of the data folder is the real protection.
With no profiles at all, whoever uses the laptop may do everything.
"""

from __future__ import annotations

from typing import Final

from communitydesk.core.i18n import N_

ROLES: Final = {
    "leader": N_("Group leader"),
    "coordinator": N_("Volunteer coordinator"),
    "treasurer": N_("Treasurer"),
    "volunteer": N_("Volunteer (looks, takes attendance)"),
}
ROLE_HELP: Final = {
    "leader": N_(
        "Everything, including the organization's settings and the profiles; the books are "
        "reopened by the treasurer."
    ),
    "coordinator": N_(
        "People, households, volunteers and contacts, with sensitive notes; looks at the books."
    ),
    "treasurer": N_("People and money, and reopening closed books; sensitive notes stay hidden."),
    "volunteer": N_("Looks at the roster and takes attendance; changes nothing else."),
}
# Tables only the group leader changes: the organization's settings and who uses the laptop.
LEADER_ONLY: Final = frozenset({"organization", "profile", "lookup_item", "lookup_label"})
# The books: kept by the treasurer (and the group leader); others may look.
MONEY: Final = frozenset(
    {
        "money_account",
        "money_category",
        "fund",
        "grant_deadline",
        "money_transaction",
        "transaction_split",
        "money_attachment",
        "recurring_entry",
        "budget_line",
        "reconciliation",
        "statement_import",
        "statement_line",
        "donation_receipt",
        "closed_period",
    }
)
# What a volunteer may write: taking attendance (when activities arrive) and nothing else.
VOLUNTEER_WRITES: Final = frozenset({"attendance", "head_count"})


def can_see_sensitive(role: str | None) -> bool:
    """Sensitive notes are for coordinators only (and for the laptop without profiles)."""
    return role in (None, "coordinator")


def can_manage_settings(role: str | None) -> bool:
    return role in (None, "leader")


def may_write(role: str | None, table: str) -> bool:
    if role is None:
        return True
    if role == "leader":
        return True
    if role == "treasurer":
        return table not in LEADER_ONLY
    if role == "volunteer":
        return table in VOLUNTEER_WRITES
    return table not in LEADER_ONLY | MONEY


def can_keep_books(role: str | None) -> bool:
    return role in (None, "leader", "treasurer")


def can_reopen_books(role: str | None) -> bool:
    """Reopening a closed period is the treasurer's word alone (the service checks it)."""
    return role in (None, "treasurer")
