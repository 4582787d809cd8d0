"""Typed SQLAlchemy entities. No Qt, no services, no translated strings."""

from communitydesk.models.activities import (
    ActivitySession,
    Attendance,
    Feedback,
    HeadCount,
    Program,
    Suggestion,
    Venue,
    VolunteerHours,
)
from communitydesk.models.base import Base, Travelling
from communitydesk.models.contacts import SupportContact
from communitydesk.models.history import ChangeEntry
from communitydesk.models.imports import ImportBatch
from communitydesk.models.lookups import LookupItem, LookupLabel
from communitydesk.models.membership import Membership, MembershipType
from communitydesk.models.merges import MergeRecord
from communitydesk.models.organization import Organization
from communitydesk.models.people import (
    Consent,
    Household,
    Person,
    Volunteer,
    VolunteerCheck,
    VolunteerRole,
)
from communitydesk.models.profiles import Profile

__all__ = [
    "ActivitySession",
    "Attendance",
    "Base",
    "ChangeEntry",
    "Consent",
    "Feedback",
    "HeadCount",
    "Household",
    "ImportBatch",
    "LookupItem",
    "LookupLabel",
    "Membership",
    "MembershipType",
    "MergeRecord",
    "Organization",
    "Person",
    "Profile",
    "Program",
    "Suggestion",
    "SupportContact",
    "Travelling",
    "Venue",
    "Volunteer",
    "VolunteerCheck",
    "VolunteerHours",
    "VolunteerRole",
]
