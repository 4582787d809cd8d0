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
    "leader": N_("Everything, including the organization's settings and the profiles."),
    "coordinator": N_("People, households, volunteers and contacts, with sensitive notes."),
    "treasurer": N_("People and money; sensitive notes stay hidden."),
    "volunteer": N_("Looks at the roster and takes attendance; changes nothing else."),
}
# Tables only the group leader changes: the organization's settings and who uses the laptop.
LEADER_ONLY: Final = frozenset({"organization", "profile", "lookup_item", "lookup_label"})
# What a volunteer may write: taking attendance (when activities arrive) and nothing else.
VOLUNTEER_WRITES: Final = frozenset({"attendance", "head_count"})


def can_see_sensitive(role: str | None) -> bool:
    """Sensitive notes are for coordinators only (and for the laptop without profiles)."""
    return role in (None, "coordinator")


def can_manage_settings(role: str | None) -> bool:
    return role in (None, "leader")


def may_write(role: str | None, table: str) -> bool:
    if role is None or role == "leader":
        return True
    if role == "volunteer":
        return table in VOLUNTEER_WRITES
    return table not in LEADER_ONLY
