"""`communitydesk import` (people from a spreadsheet: a preview, then all or nothing; the list
of imports; undoing one) and `communitydesk duplicates list`."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from communitydesk.core.i18n import _, format_datetime, format_number, ngettext
from communitydesk.importers.mapping import load_mapping
from communitydesk.importers.table import read_table
from communitydesk.services.context import Services
from communitydesk.services.duplicates import REASONS
from communitydesk.services.imports import ImportOptions, ImportPreview


def _summary(preview: ImportPreview, out: Callable[[str], None]) -> None:
    table = preview.table
    detected = (
        _("sheet “{sheet}”").format(sheet=table.sheet)
        if table.sheet
        else _("encoding {encoding}, separator “{delimiter}”").format(
            encoding=table.encoding, delimiter={"\t": "tab"}.get(table.delimiter, table.delimiter)
        )
    )
    out(
        _("{file}: {rows} rows ({detected})").format(
            file=preview.file_name, rows=format_number(len(table.rows)), detected=detected
        )
    )
    lines = (
        ngettext("{count} person to add", "{count} people to add", len(preview.to_create)),
        ngettext(
            "{count} already in the roster (skipped)",
            "{count} already in the roster (skipped)",
            len(preview.already_there),
        ),
        ngettext(
            "{count} possible duplicate",
            "{count} possible duplicates",
            len(preview.possible_duplicates),
        ),
        ngettext("{count} row rejected", "{count} rows rejected", len(preview.rejected)),
    )
    counts = (
        len(preview.to_create),
        len(preview.already_there),
        len(preview.possible_duplicates),
        len(preview.rejected),
    )
    for text, count in zip(lines, counts, strict=True):
        out("  " + text.format(count=format_number(count)))
    for duplicate in preview.possible_duplicates:
        out(
            "    "
            + _("row {row}: {name} — {reason} ({other})").format(
                row=duplicate.row,
                name=duplicate.name,
                reason=duplicate.reason,
                other=duplicate.other,
            )
        )
    for problem in preview.rejected:
        where = f"{problem.column}: " if problem.column else ""
        out(
            "    "
            + _("row {row}: {problem}").format(row=problem.row, problem=where + problem.reason)
        )


def run_import(args: argparse.Namespace, services: Services, out: Callable[[str], None]) -> int:
    if args.import_command == "list":
        imports = services.imports.imports()
        if not imports:
            out(_("Nothing was imported yet."))
        for item in imports:
            state = _(" (undone)") if item.undone_at else ""
            out(
                f"{item.uid}  {format_datetime(item.at, 'short')}  {item.file_name}  "
                + _("{count} added").format(count=format_number(item.created))
                + state
            )
        return 0
    if args.import_command == "undo":
        removed = services.imports.undo(args.import_id)
        out(
            ngettext(
                "Import undone: {count} person removed.",
                "Import undone: {count} people removed.",
                removed,
            ).format(count=format_number(removed))
        )
        return 0
    path = Path(args.file)
    mapping = None
    if args.mapping:
        headers = read_table(path, args.encoding, None, args.sheet).headers
        mapping = load_mapping(Path(args.mapping), headers)
    day_first = True if args.day_first else False if args.month_first else None
    options = ImportOptions(args.encoding, None, args.sheet, day_first, mapping, args.update)
    preview = services.imports.preview(path, options)
    _summary(preview, out)
    if args.dry_run:
        out(_("Nothing was written (--dry-run)."))
        return 0
    summary = services.imports.commit(preview)
    out(
        _("Imported: {count} added, {updated} completed. Undo with: import undo {uid}").format(
            count=format_number(summary.created),
            updated=format_number(summary.updated),
            uid=summary.uid,
        )
    )
    if preview.rejected:
        fix = path.with_name(path.stem + "-rejected.csv")
        services.imports.write_rejected(preview, fix)
        out(_("The rejected rows, with the reasons, are in {path}.").format(path=fix))
    return 0


def run_duplicates(services: Services, out: Callable[[str], None]) -> int:
    pairs = services.duplicates.find()
    if not pairs:
        out(_("No likely duplicates."))
    for pair in pairs:
        reasons = ", ".join(_(REASONS[r]) for r in pair.reasons)
        out(
            f"{pair.score:3d}  {pair.first_name} ({pair.first_uid})  ↔  "
            f"{pair.second_name} ({pair.second_uid})  — {reasons}"
        )
    return 0
