"""The directory exchange with a hub or another group: Open Referral (HSDS) CSV files out and in.

Export writes the whole live directory (not the Trash) to a folder or a .zip, in the format
`importers.hsds` describes, and stamps every record written with the fingerprint of what was
sent. Import is a plan first (nothing written), then everything in one transaction.

How a record of the files meets the same record here (the same id, which is our uid):

- not here at all: **new**, added;
- the same fields: **unchanged**;
- different, and not edited here since the last exchange (its fields still match its
  `exchange_fingerprint`): **changed**, updated from the file;
- different, edited here since, and the file still holds the version last exchanged: kept as
  edited here (the hub did not change it): **unchanged**;
- different, edited here since, and changed in the file too: a **conflict**. The volunteer
  chooses per record: "mine" (the default: a local edit is never silently overwritten) or
  "theirs". A record in the Trash here counts as edited here: "theirs" brings it back.

After an import every record of the files carries the fingerprint of the file's version and the
file's source name; a record kept as edited here therefore stays "edited here" until the hub
changes it again. Records only here are left alone: an import never deletes. Export does not
change `exchange_source` (empty for records written here, as the model says).

How the files' records are cleaned and met with the records here: services.directory_comparison.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Final, cast

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.orm import Session

from communitydesk.core.errors import NotAllowedError
from communitydesk.core.i18n import N_, _
from communitydesk.db.session import Database
from communitydesk.importers.hsds import (
    Cell,
    HsdsContact,
    HsdsDirectory,
    HsdsLocation,
    HsdsOrganization,
    HsdsRecord,
    HsdsService,
    exchanged,
    fingerprint,
    problem,
)
from communitydesk.importers.hsds_writing import write_directory
from communitydesk.models import (
    ChangeEntry,
    DirectoryService,
    ServiceContactPerson,
    ServiceLocation,
    ServiceOrganization,
)
from communitydesk.models.base import utc_now
from communitydesk.services.directory import (
    refresh_search_text,
)
from communitydesk.services.directory_comparison import (
    CHANGED,
    CONFLICT,
    KINDS,
    MODELS,
    NEW,
    UNCHANGED,
    FieldChange,
    Row,
    Shown,
    as_record,
    chunks,
    compare,
    field_changes,
    local_uids,
    read_cleaned,
)

KIND_LABELS: Final = {
    "organization": N_("Organizations"),
    "location": N_("Locations"),
    "service": N_("Services"),
    "contact": N_("Contact people"),
}
KIND_LABEL: Final = {
    "organization": N_("Organization"),
    "location": N_("Location"),
    "service": N_("Service"),
    "contact": N_("Contact person"),
}
MINE, THEIRS = "mine", "theirs"


@dataclass(frozen=True)
class PlannedRecord:
    kind: str  # organization, location, service or contact
    uid: str
    name: str
    status: str  # new, changed or conflict
    changes: tuple[FieldChange, ...] = ()
    in_trash: bool = False


@dataclass(frozen=True)
class KindCounts:
    kind: str
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    conflicts: int = 0

    @property
    def label(self) -> str:
        return _(KIND_LABELS[self.kind]) if self.kind in KIND_LABELS else _("All")


@dataclass(frozen=True)
class ImportPlan:
    path: Path
    source: str
    directory: HsdsDirectory
    counts: tuple[KindCounts, ...]
    # New, changed and conflicting records (unchanged ones are only counted): conflicts first.
    records: tuple[PlannedRecord, ...]

    @property
    def conflicts(self) -> tuple[PlannedRecord, ...]:
        return tuple(r for r in self.records if r.status == CONFLICT)

    @property
    def total(self) -> KindCounts:
        return KindCounts(
            "",
            sum(c.new for c in self.counts),
            sum(c.changed for c in self.counts),
            sum(c.unchanged for c in self.counts),
            sum(c.conflicts for c in self.counts),
        )


@dataclass(frozen=True)
class ImportSummary:
    source: str
    added: int
    updated: int  # changed in the file, and conflicts resolved as "theirs"
    unchanged: int
    kept_mine: int  # conflicts resolved as "mine"
    took_theirs: int


@dataclass(frozen=True)
class ExportSummary:
    target: Path
    files: tuple[tuple[str, int], ...]  # (file name, rows)
    organizations: int
    locations: int
    services: int
    contacts: int


# --- the service ---------------------------------------------------------------------------------


def _source_name(path: Path) -> str:
    if path.is_dir():
        return path.name
    if path.suffix.lower() == ".zip":
        return path.stem
    return path.parent.name


class DirectoryExchange:
    def __init__(self, db: Database) -> None:
        self._db = db

    def _may_write(self) -> bool:
        may = self._db.may_write
        return may is None or all(may(MODELS[kind].__tablename__) for kind in KINDS)

    # --- export ----------------------------------------------------------------------------------

    def export(self, target: Path, today: date | None = None) -> ExportSummary:
        """The live directory to the folder `target` (or the .zip file `target`), every file
        written even when empty; every record written is stamped with its fingerprint."""
        with self._db.unit_of_work() as session:
            uids = local_uids(session)
            organizations = list(
                session.scalars(
                    select(ServiceOrganization)
                    .where(ServiceOrganization.deleted_at.is_(None))
                    .order_by(ServiceOrganization.name, ServiceOrganization.id)
                )
            )
            rank = {org.id: index for index, org in enumerate(organizations)}
            locations = sorted(
                (
                    row
                    for row in session.scalars(
                        select(ServiceLocation).where(ServiceLocation.deleted_at.is_(None))
                    )
                    if row.organization_id in rank
                ),
                key=lambda row: (rank[row.organization_id], row.id),
            )
            services = sorted(
                (
                    row
                    for row in session.scalars(
                        select(DirectoryService).where(DirectoryService.deleted_at.is_(None))
                    )
                    if row.organization_id in rank
                ),
                key=lambda row: (rank[row.organization_id], row.name, row.id),
            )
            live_services = {row.id for row in services}
            contacts = [
                row
                for row in session.scalars(
                    select(ServiceContactPerson)
                    .where(ServiceContactPerson.deleted_at.is_(None))
                    .order_by(ServiceContactPerson.id)
                )
                if row.organization_id in rank
                and (row.service_id is None or row.service_id in live_services)
            ]
            written: dict[str, list[tuple[Any, HsdsRecord]]] = {
                kind: [(row, as_record(kind, row, uids)) for row in rows]
                for kind, rows in (
                    ("organization", organizations),
                    ("location", locations),
                    ("service", services),
                    ("contact", contacts),
                )
            }
            directory = HsdsDirectory(
                organizations=tuple(cast(HsdsOrganization, r) for _, r in written["organization"]),
                locations=tuple(cast(HsdsLocation, r) for _, r in written["location"]),
                services=tuple(cast(HsdsService, r) for _, r in written["service"]),
                contacts=tuple(cast(HsdsContact, r) for _, r in written["contact"]),
            )
            files = write_directory(target, directory, today or date.today())
            if self._may_write():
                for kind in KINDS:
                    self._stamp(
                        session,
                        kind,
                        [(row.id, fingerprint(record), None) for row, record in written[kind]],
                    )
            session.add(
                ChangeEntry(
                    actor=self._db.actor,
                    action="export",
                    record_kind="service_organization",
                    record_uid="",
                    label=target.name,
                    changes={kind: [None, len(written[kind])] for kind in KINDS},
                )
            )
        return ExportSummary(
            target,
            files,
            len(organizations),
            len(locations),
            len(services),
            len(contacts),
        )

    @staticmethod
    def _stamp(session: Session, kind: str, stamps: list[tuple[int, str, str | None]]) -> None:
        """Set fingerprints (and sources, unless None) without touching `updated_at`: this is
        bookkeeping of the exchange, not an edit."""
        if not stamps:
            return
        table = cast(Table, MODELS[kind].__table__)
        values: dict[str, Any] = {
            "exchange_fingerprint": bindparam("b_fingerprint"),
            "updated_at": table.c.updated_at,
        }
        if stamps[0][2] is not None:
            values["exchange_source"] = bindparam("b_source")
        statement = update(table).where(table.c.id == bindparam("b_id")).values(**values)
        for chunk in chunks(stamps):
            session.execute(
                statement,
                [{"b_id": i, "b_fingerprint": f, "b_source": s} for i, f, s in chunk],
            )

    # --- import ----------------------------------------------------------------------------------

    def plan(self, path: Path, source: str = "") -> ImportPlan:
        """Read and check the files at `path` (a folder, a .zip, or services.csv with its
        siblings) against the directory here, writing nothing. Raises FileFormatError."""
        with self._db.reading() as session:
            directory = read_cleaned(session, path)
            compared = compare(session, directory)
            shown = Shown(session, directory)
            counts = tuple(
                KindCounts(
                    kind,
                    *(
                        sum(1 for c in compared if c.kind == kind and c.status == status)
                        for status in (NEW, CHANGED, UNCHANGED, CONFLICT)
                    ),
                )
                for kind in KINDS
            )
            order = {CONFLICT: 0, CHANGED: 1, NEW: 2}
            records = tuple(
                PlannedRecord(
                    kind=c.kind,
                    uid=c.record.uid,
                    name=shown.label(c.kind, c.record),
                    status=c.status,
                    changes=field_changes(shown, c) if c.status != NEW else (),
                    in_trash=c.row is not None and c.row.deleted_at is not None,
                )
                for c in sorted(
                    (c for c in compared if c.status != UNCHANGED),
                    key=lambda c: (order[c.status], KINDS.index(c.kind)),
                )
            )
        return ImportPlan(path, source or _source_name(path), directory, counts, records)

    def apply(self, plan: ImportPlan, choices: Mapping[str, str] | None = None) -> ImportSummary:
        """Write the plan in one transaction: new records added, changed ones updated, each
        conflict resolved as `choices[uid]` says ("mine", the default, or "theirs")."""
        if not self._may_write():
            raise NotAllowedError(_("The profile signed in can look at this but not change it."))
        choices = choices or {}
        now = utc_now()
        with self._db.unit_of_work() as session:
            # Compared again inside the transaction: what is written matches the data as it is.
            compared = compare(session, plan.directory)
            ids: dict[str, dict[str, int]] = {
                kind: dict(session.execute(select(MODELS[kind].uid, MODELS[kind].id)).all())
                for kind in KINDS
            }
            touched: set[int] = set()
            for kind in KINDS:
                new = [c.record for c in compared if c.kind == kind and c.status == NEW]
                for chunk in chunks(new):
                    values = [
                        self._columns(kind, record, ids)
                        | {
                            "uid": record.uid,
                            "exchange_source": plan.source,
                            "exchange_fingerprint": fingerprint(record),
                            "created_at": now,
                            "updated_at": now,
                        }
                        for record in chunk
                    ]
                    session.execute(insert(MODELS[kind]), values)
                    model = MODELS[kind]
                    ids[kind].update(
                        session.execute(
                            select(model.uid, model.id).where(model.uid.in_([r.uid for r in chunk]))
                        ).all()
                    )
                    touched.update(
                        ids["organization"][r.uid]
                        if isinstance(r, HsdsOrganization)
                        else ids["organization"][r.organization_uid]
                        for r in chunk
                    )
            kept = taken = 0
            for item in compared:
                if item.status == CONFLICT:
                    theirs = choices.get(item.record.uid, MINE) == THEIRS
                    kept += not theirs
                    taken += theirs
                    if not theirs:
                        continue
                elif item.status != CHANGED:
                    continue
                row = item.row
                assert row is not None
                touched.add(_organization_id(row))  # the one it leaves, if it moves
                for name, value in self._columns(item.kind, item.record, ids).items():
                    setattr(row, name, value)
                row.deleted_at = None
                touched.add(_organization_id(row))
            session.flush()
            for kind in KINDS:
                self._stamp(
                    session,
                    kind,
                    [
                        (ids[kind][c.record.uid], fingerprint(c.record), plan.source)
                        for c in compared
                        if c.kind == kind and c.status != NEW
                    ],
                )
            for organization_id in sorted(touched):
                refresh_search_text(session, organization_id)
            added = sum(c.status == NEW for c in compared)
            changed = sum(c.status == CHANGED for c in compared)
            unchanged = sum(c.status == UNCHANGED for c in compared)
            session.add(
                ChangeEntry(
                    actor=self._db.actor,
                    action="import",
                    record_kind="service_organization",
                    record_uid="",
                    label=plan.source[:240],
                    changes={
                        "added": [None, added],
                        "updated": [None, changed + taken],
                        "kept_mine": [None, kept],
                    },
                )
            )
        return ImportSummary(plan.source, added, changed + taken, unchanged, kept, taken)

    # --- helpers ---------------------------------------------------------------------------------

    @staticmethod
    def _columns(
        kind: str, record: HsdsRecord, ids: Mapping[str, Mapping[str, int]]
    ) -> dict[str, Any]:
        """The database columns of a record of the files."""

        def id_of(target: str, uid: str, field: str) -> int:
            try:
                return ids[target][uid]
            except KeyError:  # removed from the database since the plan
                cell = record.origin.get(field) or record.origin.get("") or Cell("", 0, "")
                raise problem(
                    cell, _("“{id}” is no longer in the directory.").format(id=uid)
                ) from None

        values = {k: v for k, v in exchanged(record).items() if k != "uid"}
        if isinstance(record, HsdsService):
            values["verified_on"] = record.verified_on
        for name in ("organization_uid", "location_uid", "service_uid"):
            if name in values:
                uid = values.pop(name)
                target = name.removesuffix("_uid")
                values[f"{target}_id"] = id_of(target, uid, name) if uid else None
        return values


def _organization_id(row: Row) -> int:
    return row.id if isinstance(row, ServiceOrganization) else row.organization_id


def plan_lines(records: Iterable[PlannedRecord]) -> list[str]:
    """Each record named with its kind and what differs, for a terminal or a log."""
    return [
        _("{kind} “{name}”: {fields}").format(
            kind=_(KIND_LABEL[r.kind]), name=r.name, fields=", ".join(c.label for c in r.changes)
        )
        for r in records
    ]
