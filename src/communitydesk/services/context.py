"""Open a data folder: upgrade its database, then hand out the services that use it."""

from __future__ import annotations

from dataclasses import dataclass

from communitydesk.core.errors import PassphraseNeededError
from communitydesk.core.i18n import _
from communitydesk.core.paths import DataPaths
from communitydesk.db.encryption import needs_passphrase, unlock_folder
from communitydesk.db.migrate import UpgradeOutcome, upgrade_database
from communitydesk.db.session import Database
from communitydesk.services.activity_report import ActivityReportService
from communitydesk.services.activity_stats import ActivityStatsService
from communitydesk.services.attendance import AttendanceService
from communitydesk.services.contact_sheets import ContactSheetService
from communitydesk.services.dashboard import DashboardService
from communitydesk.services.demo import DemoService
from communitydesk.services.duplicates import DuplicateService
from communitydesk.services.feedback import FeedbackService
from communitydesk.services.history import HistoryService
from communitydesk.services.hours_statement import HoursStatementService
from communitydesk.services.households import HouseholdService
from communitydesk.services.imports import ImportService
from communitydesk.services.lookups import LookupService
from communitydesk.services.maintenance import MaintenanceService
from communitydesk.services.membership import MembershipService
from communitydesk.services.merge import MergeService
from communitydesk.services.organization import OrganizationService
from communitydesk.services.people import PeopleService
from communitydesk.services.people_export import PeopleExportService
from communitydesk.services.profiles import ProfileService
from communitydesk.services.programs import ProgramService
from communitydesk.services.retention import RetentionService
from communitydesk.services.roster_export import RosterExportService
from communitydesk.services.sessions import SessionService
from communitydesk.services.sign_in_sheet import SignInSheetService
from communitydesk.services.support import SupportService
from communitydesk.services.volunteer_hours import VolunteerHoursService
from communitydesk.services.volunteers import VolunteerService


@dataclass(frozen=True)
class Services:
    """The services of one open data folder. Panels take the ones they need, not this bundle."""

    paths: DataPaths
    upgrade: UpgradeOutcome
    database: Database
    organization: OrganizationService
    lookups: LookupService
    people: PeopleService
    households: HouseholdService
    volunteers: VolunteerService
    membership: MembershipService
    dashboard: DashboardService
    maintenance: MaintenanceService
    demo: DemoService
    roster_export: RosterExportService
    contact_sheets: ContactSheetService
    support: SupportService
    history: HistoryService
    profiles: ProfileService
    retention: RetentionService
    imports: ImportService
    people_export: PeopleExportService
    duplicates: DuplicateService
    merge: MergeService
    programs: ProgramService
    sessions: SessionService
    attendance: AttendanceService
    volunteer_hours: VolunteerHoursService
    feedback: FeedbackService
    activity_stats: ActivityStatsService
    activity_report: ActivityReportService
    sign_in_sheets: SignInSheetService
    hours_statements: HoursStatementService

    def close(self) -> None:
        self.database.close()


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
    return Services(
        paths=paths,
        upgrade=outcome,
        database=database,
        organization=OrganizationService(database),
        lookups=LookupService(database),
        people=PeopleService(database),
        households=HouseholdService(database),
        volunteers=VolunteerService(database),
        membership=MembershipService(database),
        dashboard=DashboardService(database),
        maintenance=MaintenanceService(paths),
        demo=DemoService(database, paths),
        roster_export=RosterExportService(database),
        contact_sheets=ContactSheetService(database),
        support=SupportService(database),
        history=HistoryService(database),
        profiles=ProfileService(database),
        retention=RetentionService(database),
        imports=ImportService(database),
        people_export=PeopleExportService(database),
        duplicates=DuplicateService(database),
        merge=MergeService(database),
        programs=ProgramService(database),
        sessions=SessionService(database),
        attendance=AttendanceService(database),
        volunteer_hours=VolunteerHoursService(database),
        feedback=FeedbackService(database),
        activity_stats=ActivityStatsService(database),
        activity_report=ActivityReportService(database),
        sign_in_sheets=SignInSheetService(database),
        hours_statements=HoursStatementService(database),
    )
