"""The `communitydesk` command: no subcommand opens the window; subcommands work headless.

Start-up order (as in Vorta): exception hook, arguments, folders, logging, database upgrade,
and only then Qt, which is imported for the window alone.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from communitydesk import __version__
from communitydesk.core.errors import CommunityDeskError
from communitydesk.core.i18n import (
    _,
    ngettext,
    normalize_language,
    parse_language,
    set_language,
    without_isolates,
)
from communitydesk.core.instance import FolderLock
from communitydesk.core.logging_setup import setup_logging
from communitydesk.core.paths import DataPaths, resolve_data_dir
from communitydesk.core.settings import load_settings

log = logging.getLogger("communitydesk")


def _excepthook(kind: type[BaseException], value: BaseException, tb: object) -> None:
    log.critical("Unexpected error", exc_info=(kind, value, tb))  # type: ignore[arg-type]
    sys.__excepthook__(kind, value, tb)  # type: ignore[arg-type]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="communitydesk",
        description=_("Records, books and reports for small community organizations."),
    )
    parser.add_argument("--version", action="version", version=f"CommunityDesk {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=_(
            "the organization's data folder (default: COMMUNITYDESK_DATA_DIR, "
            "else your user data folder)"
        ),
    )
    parser.add_argument("--lang", metavar="CODE", help=_("language: en, fr or ar"))
    parser.add_argument("--verbose", action="store_true", help=_("show debugging messages"))
    parser.add_argument(
        "--passphrase-env",
        metavar="NAME",
        help=_("read the passphrase of encrypted data from this environment variable"),
    )
    parser.add_argument(
        "--profile",
        metavar="NAME",
        help=_(
            "who you are, when this laptop has profiles (the PIN is read from {variable})"
        ).format(variable=PIN_VARIABLE),
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = commands.add_parser(
        "demo", help=_("fill an empty data folder with a sample organization")
    )
    demo.add_argument(
        "--people", type=int, default=300, metavar="N", help=_("how many people (default 300)")
    )
    demo.add_argument(
        "--seed",
        type=int,
        default=2026,
        metavar="S",
        help=_("random seed, for the same sample every time"),
    )
    demo.add_argument(
        "--force",
        action="store_true",
        help=_("replace an existing organization (its data is lost)"),
    )
    demo.add_argument(
        "--if-empty",
        action="store_true",
        help=_("do nothing, successfully, when the folder already has data"),
    )

    commands.add_parser("check", help=_("check the database and count its records"))

    backup = commands.add_parser(
        "backup", help=_("write a verified copy of the database, or list the copies kept")
    )
    backup.add_argument("action", nargs="?", choices=["list"], help=_("list the copies kept"))
    backup.add_argument("--out", metavar="FILE", help=_("where to write it"))

    commands.add_parser(
        "encrypt", help=_("encrypt the data folder with a passphrase (prints a recovery key once)")
    )
    commands.add_parser("decrypt", help=_("turn encryption off (asks for the passphrase)"))

    restore = commands.add_parser(
        "restore", help=_("replace the database with a backup (the current one is kept)")
    )
    restore.add_argument("file", metavar="FILE", help=_("the backup to restore"))

    people = commands.add_parser("people", help=_("the roster of people"))
    people_commands = people.add_subparsers(dest="people_command", metavar="ACTION", required=True)
    listing = people_commands.add_parser(
        "list", help=_("names, households and languages (no contact details)")
    )
    listing.add_argument("--search", default="", metavar="TEXT", help=_("name to look for"))
    listing.add_argument("--role", choices=["volunteer"], help=_("only people with this role"))
    listing.add_argument("--format", choices=["table", "csv", "json"], default="table")
    show = people_commands.add_parser("show", help=_("one person's record"))
    show.add_argument("uid", metavar="UID")
    export = people_commands.add_parser(
        "export", help=_("the roster as CSV, for people whose consent allows contact")
    )
    export.add_argument("--out", required=True, metavar="FILE.csv", help=_("where to write it"))
    importing = commands.add_parser("import", help=_("bring people in from a spreadsheet"))
    import_commands = importing.add_subparsers(
        dest="import_command", metavar="ACTION", required=True
    )
    people_import = import_commands.add_parser(
        "people", help=_("people from a .csv or .xlsx file (a preview, then all or nothing)")
    )
    people_import.add_argument("file", metavar="FILE")
    people_import.add_argument("--sheet", metavar="NAME", help=_("the sheet of an .xlsx file"))
    people_import.add_argument("--mapping", metavar="MAP.json", help=_("a saved column mapping"))
    people_import.add_argument(
        "--encoding", metavar="ENC", help=_("e.g. cp1252 (detected if not given)")
    )
    dates = people_import.add_mutually_exclusive_group()
    dates.add_argument("--day-first", action="store_true", help=_("03/04 is 3 April"))
    dates.add_argument("--month-first", action="store_true", help=_("03/04 is March 4"))
    people_import.add_argument("--dry-run", action="store_true", help=_("preview only"))
    people_import.add_argument(
        "--update",
        action="store_true",
        help=_("fill in the empty details of people already in the roster"),
    )
    import_commands.add_parser("list", help=_("the imports made, newest first"))
    undo = import_commands.add_parser("undo", help=_("remove everything an import added"))
    undo.add_argument("import_id", metavar="IMPORT_ID")

    duplicates = commands.add_parser("duplicates", help=_("people who may be entered twice"))
    duplicates.add_subparsers(
        dest="duplicates_command", metavar="ACTION", required=True
    ).add_parser("list", help=_("likely pairs, most likely first, with the reasons"))

    from communitydesk.cli_activities import add_parsers
    from communitydesk.cli_directory import add_parsers as add_directory_parsers
    from communitydesk.cli_funding import add_parsers as add_funding_parsers
    from communitydesk.cli_money import add_parsers as add_money_parsers
    from communitydesk.cli_practices import add_parsers as add_practice_parsers
    from communitydesk.cli_referrals import add_parsers as add_referral_parsers

    reports = add_parsers(commands)
    add_money_parsers(commands)
    add_referral_parsers(commands, reports)
    add_directory_parsers(commands)
    add_practice_parsers(commands, reports)
    add_funding_parsers(commands, reports)
    history = commands.add_parser("history", help=_("who changed what, and when"))
    history.add_argument("--record", metavar="UID", help=_("one record and what belongs to it"))
    history.add_argument("--kind", default="", metavar="KIND", help=_("e.g. person, household"))
    history.add_argument("--limit", type=int, default=50, metavar="N", help=_("newest N entries"))
    return parser


def _choose_language(requested: str | None, paths: DataPaths) -> str:
    if requested:
        code = parse_language(requested)
        if code is None:
            raise CommunityDeskError(
                _("Unknown language '{code}'. Use en, fr or ar.").format(code=requested)
            )
        return code
    saved = load_settings(paths.settings_file).language
    if saved:
        return normalize_language(saved)
    import locale

    return normalize_language(locale.getlocale()[0])


if TYPE_CHECKING:
    from communitydesk.services.context import Services

# The commands that change the data folder; they wait for no one and refuse when it is open.
WRITERS = frozenset({"restore", "demo", "encrypt", "decrypt"})
# The commands that show people's records: with profiles, only to someone signed in.
PERSONAL = frozenset(
    {
        "people",
        "history",
        "import",
        "duplicates",
        "sessions",
        "report",
        "money",
        "referrals",
        "directory",
    }
)
PIN_VARIABLE = "COMMUNITYDESK_PIN"


def _print(text: str) -> None:
    # A terminal lays out each line itself; the window's direction marks would only show as junk.
    sys.stdout.write(without_isolates(text) + "\n")


def _run_headless(args: argparse.Namespace, paths: DataPaths) -> int:
    from communitydesk.core.i18n import format_number
    from communitydesk.db.encryption import needs_passphrase, unlock_folder

    if args.command != "decrypt" and needs_passphrase(paths.ensure()):
        unlock_folder(paths, _passphrase(args, _("Passphrase: ")))

    if args.command == "check":
        from communitydesk.services.maintenance import MaintenanceService

        report = MaintenanceService(paths).check()
        _print(_("Database: {path}").format(path=report.path))
        _print(
            _("Schema version: {revision} (this version of CommunityDesk: {expected})").format(
                revision=report.revision or "-", expected=report.expected_revision
            )
        )
        for table, count in report.counts:
            _print(f"  {table:<24} {format_number(count):>10}")
        if report.healthy:
            _print(_("The database is healthy."))
            return 0
        for problem in report.problems:
            sys.stderr.write(_("Problem: {problem}").format(problem=problem) + "\n")
        return 1

    if args.command in WRITERS:
        # Never while the window (or another such command) has the folder open.
        with FolderLock(paths.ensure().lock_file):
            return _run_writer(args, paths)
    return _run_service(args, paths)


def _passphrase(args: argparse.Namespace, prompt: str, confirm: bool = False) -> str:
    """From the named environment variable, or typed at the terminal (never echoed)."""
    import os

    if args.passphrase_env:
        value = os.environ.get(args.passphrase_env)
        if value is None:
            raise CommunityDeskError(
                _("The environment variable {name} is not set.").format(name=args.passphrase_env)
            )
        return value
    if not sys.stdin.isatty():
        raise CommunityDeskError(
            _("The data is encrypted: give its passphrase with --passphrase-env NAME.")
        )
    import getpass

    typed = getpass.getpass(prompt)
    if confirm and getpass.getpass(_("The same again: ")) != typed:
        raise CommunityDeskError(_("The two passphrases differ; nothing was changed."))
    return typed


def _run_writer(args: argparse.Namespace, paths: DataPaths) -> int:
    if args.command == "encrypt":
        from communitydesk.services.maintenance import MaintenanceService

        passphrase = _passphrase(args, _("New passphrase (8 characters or more): "), True)
        recovery = MaintenanceService(paths).encrypt(passphrase)
        _print(_("The data folder is now encrypted."))
        _print(
            _(
                "Recovery key, shown this once: {key}\nWrite it on paper and keep it apart from "
                "the laptop. It opens the data if the passphrase is forgotten."
            ).format(key=recovery)
        )
        return 0
    if args.command == "decrypt":
        from communitydesk.services.maintenance import MaintenanceService

        MaintenanceService(paths).decrypt(_passphrase(args, _("Passphrase: ")))
        _print(_("The data folder is no longer encrypted."))
        return 0
    if args.command == "restore":
        from communitydesk.services.maintenance import MaintenanceService

        safety = MaintenanceService(paths.ensure()).restore(Path(args.file))
        _print(
            _("Restored from {file}. The database it replaced is kept in {backup}.").format(
                file=args.file, backup=safety
            )
        )
        return 0
    return _run_service(args, paths)


def _sign_in(args: argparse.Namespace, services: Services) -> None:
    """As in the window: with profiles, personal data is shown only to the role that may."""
    if not services.profiles.list():
        return
    if args.profile:
        import os

        services.profiles.sign_in_by_name(args.profile, os.environ.get(PIN_VARIABLE, ""))
    elif args.command in PERSONAL:
        raise CommunityDeskError(
            _(
                "This laptop has profiles: say who you are with --profile NAME (and the PIN in "
                "{variable})."
            ).format(variable=PIN_VARIABLE)
        )


def _run_service(args: argparse.Namespace, paths: DataPaths) -> int:
    from communitydesk.core.i18n import format_number
    from communitydesk.services.context import open_data_folder

    services = open_data_folder(paths)
    try:
        _sign_in(args, services)
        if args.command == "people":
            from communitydesk.cli_people import run_people

            return run_people(args, services, _print)
        if args.command == "duplicates":
            from communitydesk.cli_import import run_duplicates

            return run_duplicates(services, _print)
        if args.command == "import":
            from communitydesk.cli_import import run_import

            return run_import(args, services, _print)
        if args.command == "sessions":
            from communitydesk.cli_activities import run_sessions

            return run_sessions(args, services, _print)
        if args.command == "report":
            from communitydesk import cli_activities, cli_funding, cli_practices, cli_referrals

            if args.report_command in cli_referrals.REPORTS:
                return cli_referrals.run_report(args, services, _print)
            if args.report_command in cli_practices.REPORTS:
                return cli_practices.run_report(args, services, _print)
            if args.report_command in cli_funding.REPORTS:
                return cli_funding.run_report(args, services, _print)
            return cli_activities.run_report(args, services, _print)
        if args.command == "practices":
            from communitydesk.cli_practices import run_practices

            return run_practices(args, services, _print)
        if args.command == "directory":
            from communitydesk.cli_directory import run_directory

            return run_directory(args, services, _print)
        if args.command == "referrals":
            from communitydesk.cli_referrals import run_referrals

            return run_referrals(args, services, _print)
        if args.command == "money":
            from communitydesk.cli_money import run_money

            return run_money(args, services, _print)
        if args.command == "history":
            from communitydesk.cli_history import run_history

            return run_history(args, services, _print)
        if args.command == "backup":
            return _backup(args, services)
        if args.command == "demo":
            if args.if_empty and services.organization.get() is not None:
                return 0
            result = services.demo.generate(people=args.people, seed=args.seed, force=args.force)
            _print(_("Created the sample organization “{name}”:").format(name=result.organization))
            lines = [
                ngettext("{count} person", "{count} people", result.people),
                ngettext("{count} household", "{count} households", result.households),
                ngettext("{count} volunteer", "{count} volunteers", result.volunteers),
            ]
            numbers = [result.people, result.households, result.volunteers]
            if result.activities is not None:
                made = result.activities
                lines += [
                    ngettext("{count} program", "{count} programs", made.programs),
                    ngettext("{count} session", "{count} sessions", made.sessions),
                    ngettext(
                        "{count} attendance recorded",
                        "{count} attendances recorded",
                        made.attendance,
                    ),
                ]
                numbers += [made.programs, made.sessions, made.attendance]
            for text, count in zip(lines, numbers, strict=True):
                _print("  " + text.format(count=format_number(count)))
            return 0
    finally:
        services.close()
    raise AssertionError(f"unhandled command {args.command}")


def _backup(args: argparse.Namespace, services: Services) -> int:
    from communitydesk.core.i18n import format_datetime, format_number

    if args.action == "list":
        backups = services.maintenance.backups()
        if not backups:
            _print(_("No backups yet in {folder}.").format(folder=services.paths.backups))
        for info in backups:
            holds = (
                _("{people} people, {households} households").format(
                    people=format_number(info.people), households=format_number(info.households)
                )
                if info.people is not None and info.households is not None
                else _("cannot be read")
            )
            when = format_datetime(info.made_at, "short")
            _print(f"{when}  {info.kind:<24} {holds:<32} {info.path}")
        return 0
    if not args.out:
        raise CommunityDeskError(_("Say where to write the copy: backup --out FILE"))
    target = services.maintenance.backup(Path(args.out))
    _print(_("Backup written and verified: {path}").format(path=target))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    sys.excepthook = _excepthook
    parser = build_parser()
    args = parser.parse_args(argv)
    paths = DataPaths(resolve_data_dir(args.data_dir))
    try:
        language = _choose_language(args.lang, paths)
        set_language(language)
        paths.ensure()
        setup_logging(paths.log_file, verbose=args.verbose)
        if args.command is None:
            from communitydesk.ui.app import run_app

            return run_app(paths, language=language, language_forced=bool(args.lang))
        return _run_headless(args, paths)
    except CommunityDeskError as error:
        sys.stderr.write(f"communitydesk: {error.message}\n")
        return 2 if args.command is None else 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`communitydesk sessions list | head`): not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
