"""Practice records: what the group documents as working, linked to the programs it is about.

A practice holds the template's answers, a self-assessment against the ten elements (and
optionally the CCR core values), the period its evidence covers and which figures and quotes the
leader chose. Figures are never stored (practice_evidence pulls them when asked). A practice can
be exported as one file for another group's library: answers and self-assessment only, never
anyone's words or names.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Final

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from communitydesk.core.errors import FileFormatError, ValidationError
from communitydesk.core.files import written_whole
from communitydesk.core.i18n import _
from communitydesk.db.session import Database
from communitydesk.models import Feedback, Practice, PracticeProgram, Program
from communitydesk.models.base import utc_now
from communitydesk.services.practice_guidance import (
    CCR_VALUES,
    ELEMENTS,
    EVIDENCE_LEVELS,
    FIGURES,
    TEMPLATE_QUESTIONS,
    codes,
)
from communitydesk.services.programs import find_program
from communitydesk.services.records import by_uid

__all__ = [
    "CCR_VALUES",
    "ELEMENTS",
    "EVIDENCE_LEVELS",
    "FIGURES",
    "FILE_FORMAT",
    "FILE_VERSION",
    "TEMPLATE_QUESTIONS",
    "Assessment",
    "PracticeInput",
    "PracticeRecord",
    "PracticeService",
    "PracticeSummary",
]

LONGEST_NAME: Final = 200
LONGEST_TEXT: Final = 10000
LONGEST_LANGUAGE: Final = 12
FILE_FORMAT: Final = "communitydesk-practice"
FILE_VERSION: Final = 1
# A practice written by hand is a few pages; anything much larger is not one.
LARGEST_FILE: Final = 2_000_000


@dataclass(frozen=True)
class Assessment:
    """How the practice embodies an element (or a value), and what evidence shows it."""

    how: str = ""
    evidence: str = ""


@dataclass(frozen=True)
class PracticeInput:
    name: str
    evidence_level: str = "promising"
    language: str = "en"  # the language the answers are written in
    program_uids: tuple[str, ...] = ()
    answers: Mapping[str, str] = field(default_factory=dict)  # by TEMPLATE_QUESTIONS code
    elements: Mapping[str, Assessment] = field(default_factory=dict)  # by ELEMENTS code
    uses_ccr_values: bool = False
    ccr_values: Mapping[str, Assessment] = field(default_factory=dict)  # by CCR_VALUES code
    evidence_from: date | None = None
    evidence_to: date | None = None
    figures: tuple[str, ...] = ()  # FIGURES codes, in the order chosen
    quote_uids: tuple[str, ...] = ()  # feedback chosen to quote (checked again when printing)
    shareable: bool = False
    notes: str = ""


@dataclass(frozen=True)
class PracticeRecord(PracticeInput):
    uid: str = ""
    program_names: tuple[str, ...] = ()
    updated_at: datetime | None = None


@dataclass(frozen=True)
class PracticeSummary:
    uid: str
    name: str
    evidence_level: str
    program_names: tuple[str, ...]
    shareable: bool
    updated_at: datetime


def _line(text: str, field_name: str, limit: int = LONGEST_NAME) -> str:
    cleaned = " ".join(text.split())
    if len(cleaned) > limit:
        raise ValidationError(
            field_name, _("Keep this under {count} characters.").format(count=limit)
        )
    return cleaned


def _text(text: str, field_name: str) -> str:
    cleaned = text.strip()
    if len(cleaned) > LONGEST_TEXT:
        raise ValidationError(
            field_name, _("Keep this under {count} characters.").format(count=LONGEST_TEXT)
        )
    return cleaned


def _answers(answers: Mapping[str, str]) -> dict[str, str]:
    known = codes(TEMPLATE_QUESTIONS)
    cleaned: dict[str, str] = {}
    for code, text in answers.items():
        if code not in known:
            raise ValidationError("answers", _("This question is not in the practice template."))
        text = _text(text, f"answers.{code}")
        if text:
            cleaned[code] = text
    # Stored in the template's order, so that every reader meets them the same way.
    return {code: cleaned[code] for code in known if code in cleaned}


def _assessments(
    given: Mapping[str, Assessment], entries: tuple[tuple[str, str, str], ...], field_name: str
) -> dict[str, Assessment]:
    known = codes(entries)
    cleaned: dict[str, Assessment] = {}
    for code, assessment in given.items():
        if code not in known:
            raise ValidationError(
                field_name, _("Choose from the list: {value} is not in it.").format(value=code)
            )
        how = _text(assessment.how, f"{field_name}.{code}.how")
        evidence = _text(assessment.evidence, f"{field_name}.{code}.evidence")
        if how or evidence:
            cleaned[code] = Assessment(how, evidence)
    return {code: cleaned[code] for code in known if code in cleaned}


def clean_practice(practice: PracticeInput) -> PracticeInput:
    """The practice tidied up (answers in the template's order, blanks dropped), or a
    ValidationError naming the field. Programs and quotes are checked against the database."""
    name = _line(practice.name, "name")
    if not name:
        raise ValidationError("name", _("Give the practice a name."))
    if practice.evidence_level not in EVIDENCE_LEVELS:
        raise ValidationError("evidence_level", _("Choose an evidence level from the list."))
    language = practice.language.strip()
    if not language or len(language) > LONGEST_LANGUAGE:
        raise ValidationError("language", _("Choose the language the answers are written in."))
    if (
        practice.evidence_from is not None
        and practice.evidence_to is not None
        and practice.evidence_to < practice.evidence_from
    ):
        raise ValidationError("evidence_to", _("The period cannot end before it starts."))
    unknown = [code for code in practice.figures if code not in FIGURES]
    if unknown:
        raise ValidationError(
            "figures", _("Choose from the list: {value} is not in it.").format(value=unknown[0])
        )
    return PracticeInput(
        name=name,
        evidence_level=practice.evidence_level,
        language=language,
        program_uids=tuple(dict.fromkeys(practice.program_uids)),
        answers=_answers(practice.answers),
        elements=_assessments(practice.elements, ELEMENTS, "elements"),
        uses_ccr_values=practice.uses_ccr_values,
        ccr_values=_assessments(practice.ccr_values, CCR_VALUES, "ccr_values"),
        evidence_from=practice.evidence_from,
        evidence_to=practice.evidence_to,
        figures=tuple(dict.fromkeys(practice.figures)),
        quote_uids=tuple(dict.fromkeys(practice.quote_uids)),
        shareable=practice.shareable,
        notes=_text(practice.notes, "notes"),
    )


def _stored(assessments: Mapping[str, Assessment]) -> dict[str, dict[str, str]]:
    return {code: {"how": a.how, "evidence": a.evidence} for code, a in assessments.items()}


def _read(stored: Any) -> dict[str, Assessment]:
    if not isinstance(stored, dict):
        return {}
    return {
        str(code): Assessment(str(value.get("how", "")), str(value.get("evidence", "")))
        for code, value in stored.items()
        if isinstance(value, dict)
    }


class PracticeService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def list(self) -> tuple[PracticeSummary, ...]:
        """Practices by name, with the programs (not in the Trash) each is about."""
        with self._db.reading() as session:
            rows = session.scalars(
                select(Practice)
                .where(Practice.deleted_at.is_(None))
                .order_by(func.lower(Practice.name), Practice.id)
            ).all()
            names = self._program_names(session, [row.id for row in rows])
            return tuple(
                PracticeSummary(
                    uid=row.uid,
                    name=row.name,
                    evidence_level=row.evidence_level,
                    program_names=tuple(name for _uid, name in names.get(row.id, ())),
                    shareable=row.shareable,
                    updated_at=row.updated_at,
                )
                for row in rows
            )

    def get(self, uid: str) -> PracticeRecord:
        with self._db.reading() as session:
            row = self._row(session, uid)
            programs = self._program_names(session, [row.id]).get(row.id, ())
            return PracticeRecord(
                name=row.name,
                evidence_level=row.evidence_level,
                language=row.language,
                program_uids=tuple(program_uid for program_uid, _name in programs),
                answers={str(k): str(v) for k, v in (row.answers or {}).items()},
                elements=_read(row.elements),
                uses_ccr_values=row.uses_ccr_values,
                ccr_values=_read(row.ccr_values),
                evidence_from=row.evidence_from,
                evidence_to=row.evidence_to,
                figures=tuple(row.figures or ()),
                quote_uids=tuple(row.quotes or ()),
                shareable=row.shareable,
                notes=row.notes,
                uid=row.uid,
                program_names=tuple(name for _uid, name in programs),
                updated_at=row.updated_at,
            )

    def save(self, practice: PracticeInput, uid: str = "") -> str:
        """Create (no `uid`) or update the practice; returns its uid."""
        practice = clean_practice(practice)
        with self._db.unit_of_work() as session:
            return self._write(session, practice, uid)

    def delete(self, uid: str) -> None:
        """To the Trash (undone by `restore`)."""
        with self._db.unit_of_work() as session:
            self._row(session, uid).deleted_at = utc_now()

    def restore(self, uid: str) -> None:
        with self._db.unit_of_work() as session:
            self._row(session, uid, any_state=True).deleted_at = None

    # --- the library: one practice as one file -------------------------------------------------

    def export_practice(self, uid: str, target: Path) -> Path:
        """Write the practice as one JSON file for another group's library: its answers and
        self-assessment, never a quote's words, a person or the programs it is linked to."""
        practice = self.get(uid)
        content = {
            "format": FILE_FORMAT,
            "version": FILE_VERSION,
            "practice": {
                "name": practice.name,
                "evidence_level": practice.evidence_level,
                "language": practice.language,
                "answers": dict(practice.answers),
                "elements": _stored(practice.elements),
                "uses_ccr_values": practice.uses_ccr_values,
                "ccr_values": _stored(practice.ccr_values),
                "shareable": practice.shareable,
            },
        }
        text = json.dumps(content, ensure_ascii=False, indent=2, sort_keys=True)
        with written_whole(target) as partial:
            partial.write_text(text + "\n", encoding="utf-8")
        return target

    def import_practice(self, path: Path) -> str:
        """Read a practice file as a new practice (linked to no program); returns its uid.
        A file that is not a practice raises FileFormatError and nothing is written."""
        practice = read_practice_file(path)
        try:
            practice = clean_practice(practice)
        except ValidationError as error:
            raise FileFormatError(
                _("This practice file has a value that cannot be used: {reason}").format(
                    reason=error.message
                ),
                column=error.field,
            ) from error
        with self._db.unit_of_work() as session:
            return self._write(session, practice, "")

    # --- inside --------------------------------------------------------------------------------

    def _write(self, session: Session, practice: PracticeInput, uid: str) -> str:
        programs = [find_program(session, program_uid).id for program_uid in practice.program_uids]
        if practice.quote_uids:
            found = set(
                session.scalars(select(Feedback.uid).where(Feedback.uid.in_(practice.quote_uids)))
            )
            if set(practice.quote_uids) - found:
                raise ValidationError(
                    "quote_uids", _("A chosen quote is no longer in the list: choose again.")
                )
        row = self._row(session, uid) if uid else Practice()
        row.name = practice.name
        row.evidence_level = practice.evidence_level
        row.language = practice.language
        row.answers = dict(practice.answers)
        row.elements = _stored(practice.elements)
        row.uses_ccr_values = practice.uses_ccr_values
        row.ccr_values = _stored(practice.ccr_values)
        row.evidence_from = practice.evidence_from
        row.evidence_to = practice.evidence_to
        row.figures = list(practice.figures)
        row.quotes = list(practice.quote_uids)
        row.shareable = practice.shareable
        row.notes = practice.notes
        # Changing only the programs changes no column: the list still shows it as updated.
        row.updated_at = utc_now()
        if not uid:
            session.add(row)
        session.flush()
        session.execute(delete(PracticeProgram).where(PracticeProgram.practice_id == row.id))
        if programs:
            session.execute(
                insert(PracticeProgram),
                [{"practice_id": row.id, "program_id": program_id} for program_id in programs],
            )
        return row.uid

    @staticmethod
    def _program_names(
        session: Session, practice_ids: Sequence[int]
    ) -> dict[int, Sequence[tuple[str, str]]]:
        """(uid, name) of each practice's programs not in the Trash, by name."""
        if not practice_ids:
            return {}
        rows = session.execute(
            select(PracticeProgram.practice_id, Program.uid, Program.name)
            .join(Program, Program.id == PracticeProgram.program_id)
            .where(PracticeProgram.practice_id.in_(practice_ids), Program.deleted_at.is_(None))
            .order_by(func.lower(Program.name), Program.id)
        )
        names: dict[int, list[tuple[str, str]]] = {}
        for practice_id, uid, name in rows:
            names.setdefault(practice_id, []).append((uid, name))
        return dict(names)

    @staticmethod
    def _row(session: Session, uid: str, any_state: bool = False) -> Practice:
        missing = _("This practice is no longer in the list.")
        return by_uid(session, Practice, uid, missing, include_deleted=any_state)


# --- reading a practice file -------------------------------------------------------------------


def _bad(message: str, column: str | None = None) -> FileFormatError:
    return FileFormatError(message, column=column)


def _string(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise _bad(_("This practice file has a value that is not text."), where)
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        raise _bad(_("This practice file has text that cannot be read."), where) from error
    return value


def _object(value: object, where: str) -> dict[str, object]:
    if not isinstance(value, dict):
        raise _bad(_("This practice file is not laid out as expected."), where)
    return value


def _flag(value: object, where: str) -> bool:
    if not isinstance(value, bool):
        raise _bad(_("This practice file has a yes/no value that is neither."), where)
    return value


def _assessments_in(value: object, where: str) -> dict[str, Assessment]:
    read: dict[str, Assessment] = {}
    for code, item in _object(value, where).items():
        entry = _object(item, f"{where}.{code}")
        read[_string(code, where)] = Assessment(
            how=_string(entry.get("how", ""), f"{where}.{code}.how"),
            evidence=_string(entry.get("evidence", ""), f"{where}.{code}.evidence"),
        )
    return read


def read_practice_file(path: Path) -> PracticeInput:
    """The practice in a file written by `export_practice`, not yet checked as a practice is."""
    try:
        with path.open("rb") as stream:
            raw = stream.read(LARGEST_FILE + 1)
    except OSError as error:
        raise _bad(
            _("The file could not be read: {reason}").format(reason=error.strerror or error)
        ) from error
    if len(raw) > LARGEST_FILE:
        raise _bad(_("This file is too large to be a practice file."))
    try:
        content = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise _bad(_("This is not a practice file exported by CommunityDesk.")) from error
    if not isinstance(content, dict) or content.get("format") != FILE_FORMAT:
        raise _bad(_("This is not a practice file exported by CommunityDesk."))
    version = content.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _bad(_("This practice file does not say which version it is."), "version")
    if version > FILE_VERSION:
        raise _bad(
            _("This practice file was made by a newer CommunityDesk: update the app to read it."),
            "version",
        )
    body = _object(content.get("practice"), "practice")
    answers = {
        _string(code, "answers"): _string(text, f"answers.{code}")
        for code, text in _object(body.get("answers", {}), "answers").items()
    }
    return PracticeInput(
        name=_string(body.get("name"), "name"),
        evidence_level=_string(body.get("evidence_level", "promising"), "evidence_level"),
        language=_string(body.get("language", "en"), "language"),
        answers=answers,
        elements=_assessments_in(body.get("elements", {}), "elements"),
        uses_ccr_values=_flag(body.get("uses_ccr_values", False), "uses_ccr_values"),
        ccr_values=_assessments_in(body.get("ccr_values", {}), "ccr_values"),
        shareable=_flag(body.get("shareable", False), "shareable"),
    )
