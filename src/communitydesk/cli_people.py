"""`communitydesk people list|show|export`: the roster from the command line.

`list` prints names, households and languages only; contact details leave the app through
`export`, which respects each person's consent.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

from communitydesk.core.csv_safety import spreadsheet_safe
from communitydesk.core.i18n import (
    _,
    format_date,
    format_list,
    format_number,
    language_name,
    ngettext,
)
from communitydesk.services.context import Services
from communitydesk.services.people import CONSENT_SCOPES, SCOPE_LABELS, PersonRow

Printer = Callable[[str], None]


def _languages(row: PersonRow) -> str:
    return format_list([language_name(code) for code in row.languages])


def run_people(args: argparse.Namespace, services: Services, out: Printer) -> int:
    if args.people_command == "list":
        page = services.people.search(args.search, limit=1_000_000, role=args.role)
        _print_list(page.rows, args.format, out)
        return 0
    if args.people_command == "show":
        _print_person(services, args.uid, out)
        return 0
    result = services.roster_export.export(Path(args.out))
    wrote = ngettext(
        "Wrote {count} person to {path}.", "Wrote {count} people to {path}.", result.written
    )
    out(wrote.format(count=format_number(result.written), path=result.path))
    if result.left_out:
        left_out = ngettext(
            "Left out {count} person whose consent does not allow contact.",
            "Left out {count} people whose consent does not allow contact.",
            result.left_out,
        )
        out(left_out.format(count=format_number(result.left_out)))
    return 0


def _print_list(rows: tuple[PersonRow, ...], form: str, out: Printer) -> None:
    if form == "json":
        out(
            json.dumps(
                [
                    {
                        "uid": r.uid,
                        "name": r.display_name,
                        "latin_name": r.latin_name,
                        "household": r.household,
                        "languages": list(r.languages),
                    }
                    for r in rows
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    if form == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["uid", _("Name"), _("Latin spelling"), _("Household"), _("Languages")])
        for r in rows:
            writer.writerow(
                [
                    spreadsheet_safe(cell)
                    for cell in (r.uid, r.display_name, r.latin_name, r.household, _languages(r))
                ]
            )
        out(buffer.getvalue().rstrip("\n"))
        return
    for r in rows:
        latin = f" ({r.latin_name})" if r.latin_name else ""
        out(f"{r.uid}  {r.display_name}{latin} — {r.household} — {_languages(r)}")


def _print_person(services: Services, uid: str, out: Printer) -> None:
    detail = services.people.get(uid)
    person = detail.person
    lines = [
        (_("Name"), detail.display_name),
        (_("Latin spelling"), person.latin_name),
        (_("Preferred name"), person.preferred_name),
        (_("Household"), detail.household),
        (_("Phone"), person.phone),
        (_("Other phone"), person.other_phone),
        (_("E-mail"), person.email),
        (_("Address"), person.address),
        (_("Languages"), format_list([language_name(c) for c in person.languages])),
        (_("Year of birth"), str(person.birth_year or "")),
        (_("Year of arrival"), str(person.arrival_year or "")),
        (_("Community"), person.community),
        (_("Notes"), person.notes),
    ]
    if detail.deleted_at is not None:
        out(_("In the Trash since {date}.").format(date=format_date(detail.deleted_at.date())))
    for label, value in lines:
        if value:
            out(f"{label}: {value}")
    allowed = detail.allowed
    out(_("Consent") + ":")
    for scope in CONSENT_SCOPES:
        mark = _("yes") if scope in allowed else _("no")
        out(f"  [{mark}] {_(SCOPE_LABELS[scope])}")
