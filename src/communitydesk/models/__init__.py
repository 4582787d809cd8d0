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
from communitydesk.models.money import (
    Attachment,
    BudgetLine,
    ClosedPeriod,
    DonationReceipt,
    Fund,
    GrantDeadline,
    MoneyAccount,
    MoneyCategory,
    MoneyTransaction,
    Reconciliation,
    RecurringEntry,
    StatementImport,
    StatementLine,
    TransactionSplit,
)
from communitydesk.models.organization import Organization
from communitydesk.models.people import (
    Consent,
    Household,
    Person,
    Volunteer,
    VolunteerCheck,
    VolunteerRole,
)
from communitydesk.models.practices import (
    FunderTemplate,
    FundingApplication,
    Partner,
    Practice,
    PracticeProgram,
    ReportingDeadline,
)
from communitydesk.models.profiles import Profile
from communitydesk.models.referrals import (
    DirectoryService,
    Referral,
    ServiceContactPerson,
    ServiceLocation,
    ServiceOrganization,
)

__all__ = [
    "ActivitySession",
    "Attachment",
    "Attendance",
    "Base",
    "BudgetLine",
    "ChangeEntry",
    "ClosedPeriod",
    "Consent",
    "DirectoryService",
    "DonationReceipt",
    "Feedback",
    "Fund",
    "FunderTemplate",
    "FundingApplication",
    "GrantDeadline",
    "HeadCount",
    "Household",
    "ImportBatch",
    "LookupItem",
    "LookupLabel",
    "Membership",
    "MembershipType",
    "MergeRecord",
    "MoneyAccount",
    "MoneyCategory",
    "MoneyTransaction",
    "Organization",
    "Partner",
    "Person",
    "Practice",
    "PracticeProgram",
    "Profile",
    "Program",
    "Reconciliation",
    "RecurringEntry",
    "Referral",
    "ReportingDeadline",
    "ServiceContactPerson",
    "ServiceLocation",
    "ServiceOrganization",
    "StatementImport",
    "StatementLine",
    "Suggestion",
    "SupportContact",
    "TransactionSplit",
    "Travelling",
    "Venue",
    "Volunteer",
    "VolunteerCheck",
    "VolunteerHours",
    "VolunteerRole",
]
