"""Open a data folder: upgrade its database, then hand out the services that use it."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from communitydesk.core.errors import PassphraseNeededError
from communitydesk.core.i18n import _
from communitydesk.core.paths import DataPaths
from communitydesk.db.encryption import needs_passphrase, unlock_folder
from communitydesk.db.migrate import UpgradeOutcome, upgrade_database
from communitydesk.db.session import Database

if TYPE_CHECKING:
    from communitydesk.services.accounts import AccountService
    from communitydesk.services.activity_report import ActivityReportService
    from communitydesk.services.activity_stats import ActivityStatsService
    from communitydesk.services.attendance import AttendanceService
    from communitydesk.services.budgets import BudgetService
    from communitydesk.services.categories import CategoryService
    from communitydesk.services.closed_periods import ClosedPeriodService
    from communitydesk.services.contact_sheets import ContactSheetService
    from communitydesk.services.dashboard import DashboardService
    from communitydesk.services.demo import DemoService
    from communitydesk.services.directory import ServiceDirectory
    from communitydesk.services.directory_exchange import DirectoryExchange
    from communitydesk.services.donation_receipts import DonationReceiptService
    from communitydesk.services.duplicates import DuplicateService
    from communitydesk.services.feedback import FeedbackService
    from communitydesk.services.funding import FundingService
    from communitydesk.services.funds import FundService
    from communitydesk.services.groundwork import GroundworkService
    from communitydesk.services.history import HistoryService
    from communitydesk.services.hours_statement import HoursStatementService
    from communitydesk.services.households import HouseholdService
    from communitydesk.services.imports import ImportService
    from communitydesk.services.lookups import LookupService
    from communitydesk.services.maintenance import MaintenanceService
    from communitydesk.services.membership import MembershipService
    from communitydesk.services.merge import MergeService
    from communitydesk.services.money_reports import MoneyReportService
    from communitydesk.services.organization import OrganizationService
    from communitydesk.services.people import PeopleService
    from communitydesk.services.people_export import PeopleExportService
    from communitydesk.services.practice_evidence import EvidenceService
    from communitydesk.services.practice_profile import PracticeProfileService
    from communitydesk.services.practices import PracticeService
    from communitydesk.services.profiles import ProfileService
    from communitydesk.services.programs import ProgramService
    from communitydesk.services.reconciliation import StatementService
    from communitydesk.services.recurring import RecurringService
    from communitydesk.services.referral_cards import ReferralCardService
    from communitydesk.services.referrals import ReferralLog
    from communitydesk.services.resource_directory import ResourceDirectoryService
    from communitydesk.services.retention import RetentionService
    from communitydesk.services.roster_export import RosterExportService
    from communitydesk.services.sessions import SessionService
    from communitydesk.services.sign_in_sheet import SignInSheetService
    from communitydesk.services.support import SupportService
    from communitydesk.services.transactions import TransactionService
    from communitydesk.services.volunteer_hours import VolunteerHoursService
    from communitydesk.services.volunteers import VolunteerService


class Services:
    """The services of one open data folder. Panels take the ones they need, not this bundle.

    Each service is made, and its module imported, when first asked for: the window opens
    without loading the import, duplicates, demo or report machinery it may never use.
    """

    def __init__(self, paths: DataPaths, upgrade: UpgradeOutcome, database: Database) -> None:
        self.paths = paths
        self.upgrade = upgrade
        self.database = database

    def close(self) -> None:
        self.database.close()

    @cached_property
    def organization(self) -> OrganizationService:
        from communitydesk.services.organization import OrganizationService

        return OrganizationService(self.database)

    @cached_property
    def lookups(self) -> LookupService:
        from communitydesk.services.lookups import LookupService

        return LookupService(self.database)

    @cached_property
    def people(self) -> PeopleService:
        from communitydesk.services.people import PeopleService

        return PeopleService(self.database)

    @cached_property
    def households(self) -> HouseholdService:
        from communitydesk.services.households import HouseholdService

        return HouseholdService(self.database)

    @cached_property
    def volunteers(self) -> VolunteerService:
        from communitydesk.services.volunteers import VolunteerService

        return VolunteerService(self.database)

    @cached_property
    def membership(self) -> MembershipService:
        from communitydesk.services.membership import MembershipService

        return MembershipService(self.database)

    @cached_property
    def dashboard(self) -> DashboardService:
        from communitydesk.services.dashboard import DashboardService

        return DashboardService(self.database)

    @cached_property
    def maintenance(self) -> MaintenanceService:
        from communitydesk.services.maintenance import MaintenanceService

        return MaintenanceService(self.paths)

    @cached_property
    def demo(self) -> DemoService:
        from communitydesk.services.demo import DemoService

        return DemoService(self.database, self.paths)

    @cached_property
    def directory(self) -> ServiceDirectory:
        from communitydesk.services.directory import ServiceDirectory

        return ServiceDirectory(self.database)

    @cached_property
    def directory_exchange(self) -> DirectoryExchange:
        from communitydesk.services.directory_exchange import DirectoryExchange

        return DirectoryExchange(self.database)

    @cached_property
    def referrals(self) -> ReferralLog:
        from communitydesk.services.referrals import ReferralLog

        return ReferralLog(self.database)

    @cached_property
    def referral_cards(self) -> ReferralCardService:
        from communitydesk.services.referral_cards import ReferralCardService

        return ReferralCardService(self.database)

    @cached_property
    def resource_directory(self) -> ResourceDirectoryService:
        from communitydesk.services.resource_directory import ResourceDirectoryService

        return ResourceDirectoryService(self.database)

    @cached_property
    def groundwork(self) -> GroundworkService:
        from communitydesk.services.groundwork import GroundworkService

        return GroundworkService(self.database)

    @cached_property
    def roster_export(self) -> RosterExportService:
        from communitydesk.services.roster_export import RosterExportService

        return RosterExportService(self.database)

    @cached_property
    def contact_sheets(self) -> ContactSheetService:
        from communitydesk.services.contact_sheets import ContactSheetService

        return ContactSheetService(self.database)

    @cached_property
    def support(self) -> SupportService:
        from communitydesk.services.support import SupportService

        return SupportService(self.database)

    @cached_property
    def history(self) -> HistoryService:
        from communitydesk.services.history import HistoryService

        return HistoryService(self.database)

    @cached_property
    def profiles(self) -> ProfileService:
        from communitydesk.services.profiles import ProfileService

        return ProfileService(self.database)

    @cached_property
    def retention(self) -> RetentionService:
        from communitydesk.services.retention import RetentionService

        return RetentionService(self.database)

    @cached_property
    def imports(self) -> ImportService:
        from communitydesk.services.imports import ImportService

        return ImportService(self.database)

    @cached_property
    def people_export(self) -> PeopleExportService:
        from communitydesk.services.people_export import PeopleExportService

        return PeopleExportService(self.database)

    @cached_property
    def duplicates(self) -> DuplicateService:
        from communitydesk.services.duplicates import DuplicateService

        return DuplicateService(self.database)

    @cached_property
    def merge(self) -> MergeService:
        from communitydesk.services.merge import MergeService

        return MergeService(self.database)

    @cached_property
    def programs(self) -> ProgramService:
        from communitydesk.services.programs import ProgramService

        return ProgramService(self.database)

    @cached_property
    def sessions(self) -> SessionService:
        from communitydesk.services.sessions import SessionService

        return SessionService(self.database)

    @cached_property
    def attendance(self) -> AttendanceService:
        from communitydesk.services.attendance import AttendanceService

        return AttendanceService(self.database)

    @cached_property
    def volunteer_hours(self) -> VolunteerHoursService:
        from communitydesk.services.volunteer_hours import VolunteerHoursService

        return VolunteerHoursService(self.database)

    @cached_property
    def feedback(self) -> FeedbackService:
        from communitydesk.services.feedback import FeedbackService

        return FeedbackService(self.database)

    @cached_property
    def activity_stats(self) -> ActivityStatsService:
        from communitydesk.services.activity_stats import ActivityStatsService

        return ActivityStatsService(self.database)

    @cached_property
    def activity_report(self) -> ActivityReportService:
        from communitydesk.services.activity_report import ActivityReportService

        return ActivityReportService(self.database)

    @cached_property
    def sign_in_sheets(self) -> SignInSheetService:
        from communitydesk.services.sign_in_sheet import SignInSheetService

        return SignInSheetService(self.database)

    @cached_property
    def hours_statements(self) -> HoursStatementService:
        from communitydesk.services.hours_statement import HoursStatementService

        return HoursStatementService(self.database)

    @cached_property
    def accounts(self) -> AccountService:
        from communitydesk.services.accounts import AccountService

        return AccountService(self.database)

    @cached_property
    def categories(self) -> CategoryService:
        from communitydesk.services.categories import CategoryService

        return CategoryService(self.database)

    @cached_property
    def funds(self) -> FundService:
        from communitydesk.services.funds import FundService

        return FundService(self.database)

    @cached_property
    def funding(self) -> FundingService:
        from communitydesk.services.funding import FundingService

        return FundingService(self.database)

    @cached_property
    def closed_periods(self) -> ClosedPeriodService:
        from communitydesk.services.closed_periods import ClosedPeriodService

        return ClosedPeriodService(self.database)

    @cached_property
    def transactions(self) -> TransactionService:
        from communitydesk.services.transactions import TransactionService

        return TransactionService(self.database)

    @cached_property
    def statements(self) -> StatementService:
        from communitydesk.services.reconciliation import StatementService

        return StatementService(self.database)

    @cached_property
    def budgets(self) -> BudgetService:
        from communitydesk.services.budgets import BudgetService

        return BudgetService(self.database)

    @cached_property
    def money_reports(self) -> MoneyReportService:
        from communitydesk.services.money_reports import MoneyReportService

        return MoneyReportService(self.database)

    @cached_property
    def donation_receipts(self) -> DonationReceiptService:
        from communitydesk.services.donation_receipts import DonationReceiptService

        return DonationReceiptService(self.database)

    @cached_property
    def recurring(self) -> RecurringService:
        from communitydesk.services.recurring import RecurringService

        return RecurringService(self.database)

    @cached_property
    def practices(self) -> PracticeService:
        from communitydesk.services.practices import PracticeService

        return PracticeService(self.database)

    @cached_property
    def practice_evidence(self) -> EvidenceService:
        from communitydesk.services.practice_evidence import EvidenceService

        return EvidenceService(self.database)

    @cached_property
    def practice_profiles(self) -> PracticeProfileService:
        from communitydesk.services.practice_profile import PracticeProfileService

        return PracticeProfileService(self.database)


def open_data_folder(paths: DataPaths, passphrase: str | None = None) -> Services:
    """Unlock (when encrypted), upgrade (after a backup) and open.

    Raises PassphraseNeededError, WrongPassphraseError, NewerSchemaError or DatabaseError; the
    file is left untouched in each case.
    """
    paths.ensure()
    if needs_passphrase(paths):
        if passphrase is None:
            raise PassphraseNeededError(
                _("This data is encrypted: type its passphrase (or the recovery key).")
            )
        unlock_folder(paths, passphrase)
    outcome = upgrade_database(paths)
    database = Database(paths.database)
    return Services(paths=paths, upgrade=outcome, database=database)
