"""What participants said (testimonials) and what members asked for (suggestions).

Whether words may be quoted is read from the person's consent records each time, so a consent
withdrawn today removes the quote from tomorrow's report. Anonymous feedback is never quotable:
nobody gave consent for it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import Final

from sqlalchemy import ColumnElement, String, cast, select
from sqlalchemy.orm import Session

from communitydesk.core.errors import ValidationError
from communitydesk.core.i18n import N_, _
from communitydesk.db.session import Database
from communitydesk.models import Consent, Feedback, Person, Program, Suggestion
from communitydesk.models.base import utc_now
from communitydesk.services.people import ConsentRecord, display_name, find_person
from communitydesk.services.programs import find_program
from communitydesk.services.records import by_uid

SUGGESTION_STATUSES: Final = {
    "new": N_("New"),
    "planned": N_("Planned"),
    "done": N_("Done"),
}
LONGEST_WORDS: Final = 4000


@dataclass(frozen=True)
class FeedbackInput:
    given_on: date
    words: str
    program_uid: str = ""
    person_uid: str = ""  # "" for anonymous feedback (never quotable)
    language: str = ""


@dataclass(frozen=True)
class FeedbackRecord(FeedbackInput):
    uid: str = ""
    program_name: str = ""
    person_name: str = ""
    quotable: bool = False  # the person's consent covers quoting their words, today


@dataclass(frozen=True)
class SuggestionInput:
    suggested_on: date
    words: str
    person_uid: str = ""
    status: str = "new"
    program_uid: str = ""  # the activity it became
    response: str = ""


@dataclass(frozen=True)
class SuggestionRecord(SuggestionInput):
    uid: str = ""
    person_name: str = ""
    program_name: str = ""


def _words(words: str, today: date, on: date) -> str:
    cleaned = words.strip()
    if not cleaned:
        raise ValidationError("words", _("Write what was said."))
    if len(cleaned) > LONGEST_WORDS:
        raise ValidationError(
            "words", _("Keep this under {count} characters.").format(count=LONGEST_WORDS)
        )
    if on > today:
        raise ValidationError("given_on", _("The date cannot be in the future."))
    return cleaned


def quoting_allowed(today: date) -> ColumnElement[bool]:
    """The person of a Feedback row has a consent to quoting in force on `today`."""
    consents = select(Consent.scopes).where(
        Consent.person_id == Feedback.person_id,
        Consent.deleted_at.is_(None),
        Consent.given_on <= today,
        (Consent.withdrawn_on.is_(None)) | (Consent.withdrawn_on > today),
    )
    # JSON lists are searched as text so that the same query runs on SQLite and PostgreSQL.
    return consents.where(cast(Consent.scopes, String).contains('"quoting"')).exists()


def quoting_consent(consents: Iterable[ConsentRecord], today: date) -> ConsentRecord | None:
    """The consent to quoting in force on `today` (the latest given), if any: the rule of
    `quoting_allowed`, for a person's consents already at hand."""
    in_force = [
        consent
        for consent in consents
        if "quoting" in consent.scopes
        and consent.given_on <= today
        and (consent.withdrawn_on is None or consent.withdrawn_on > today)
    ]
    return max(in_force, key=lambda consent: consent.given_on, default=None)


class FeedbackService:
    def __init__(self, db: Database) -> None:
        self._db = db

    # --- feedback and testimonials -------------------------------------------------------------

    def record(self, feedback: FeedbackInput, today: date | None = None) -> FeedbackRecord:
        today = today or date.today()
        feedback = replace(
            feedback,
            words=_words(feedback.words, today, feedback.given_on),
            language=feedback.language.strip(),
        )
        with self._db.unit_of_work() as session:
            row = Feedback(given_on=feedback.given_on, words=feedback.words)
            self._fill(session, row, feedback)
            session.add(row)
            session.flush()
            return self._feedback(session, Feedback.id == row.id, today)[0]

    def update(
        self, uid: str, feedback: FeedbackInput, today: date | None = None
    ) -> FeedbackRecord:
        today = today or date.today()
        feedback = replace(
            feedback,
            words=_words(feedback.words, today, feedback.given_on),
            language=feedback.language.strip(),
        )
        with self._db.unit_of_work() as session:
            row = self._feedback_row(session, uid)
            row.given_on, row.words = feedback.given_on, feedback.words
            self._fill(session, row, feedback)
            session.flush()
            return self._feedback(session, Feedback.id == row.id, today)[0]

    def remove(self, uid: str) -> None:
        with self._db.unit_of_work() as session:
            self._feedback_row(session, uid).deleted_at = utc_now()

    def reinstate(self, uid: str) -> None:
        with self._db.unit_of_work() as session:
            self._feedback_row(session, uid, any_state=True).deleted_at = None

    def feedback(
        self,
        program_uid: str = "",
        quotable_only: bool = False,
        start: date | None = None,
        end: date | None = None,
        today: date | None = None,
    ) -> tuple[FeedbackRecord, ...]:
        """Feedback newest first; `quotable_only` is what a report may quote."""
        today = today or date.today()
        with self._db.reading() as session:
            condition: ColumnElement[bool] = Feedback.deleted_at.is_(None)
            if program_uid:
                condition &= Feedback.program_id == find_program(session, program_uid).id
            if quotable_only:
                condition &= quoting_allowed(today)
            if start is not None:
                condition &= Feedback.given_on >= start
            if end is not None:
                condition &= Feedback.given_on <= end
            return self._feedback(session, condition, today)

    @staticmethod
    def _fill(session: Session, row: Feedback, feedback: FeedbackInput) -> None:
        row.language = feedback.language
        row.program_id = (
            find_program(session, feedback.program_uid).id if feedback.program_uid else None
        )
        row.person_id = (
            find_person(session, feedback.person_uid).id if feedback.person_uid else None
        )

    @staticmethod
    def _feedback(
        session: Session, condition: ColumnElement[bool], today: date
    ) -> tuple[FeedbackRecord, ...]:
        rows = session.execute(
            select(Feedback, Program, Person, quoting_allowed(today))
            .outerjoin(Program, Program.id == Feedback.program_id)
            .outerjoin(Person, Person.id == Feedback.person_id)
            .where(condition, (Person.deleted_at.is_(None)) | (Feedback.person_id.is_(None)))
            .order_by(Feedback.given_on.desc(), Feedback.id.desc())
        ).all()
        return tuple(
            FeedbackRecord(
                given_on=row.given_on,
                words=row.words,
                program_uid=program.uid if program else "",
                person_uid=person.uid if person else "",
                language=row.language,
                uid=row.uid,
                program_name=program.name if program else "",
                person_name=display_name(person.given_name, person.family_name) if person else "",
                quotable=bool(quotable) and person is not None,
            )
            for row, program, person, quotable in rows
        )

    @staticmethod
    def _feedback_row(session: Session, uid: str, any_state: bool = False) -> Feedback:
        missing = _("This feedback is no longer in the list.")
        return by_uid(session, Feedback, uid, missing, include_deleted=any_state)

    # --- members' suggestions ------------------------------------------------------------------

    def suggest(self, suggestion: SuggestionInput, today: date | None = None) -> SuggestionRecord:
        suggestion = self._clean(suggestion, today or date.today())
        with self._db.unit_of_work() as session:
            row = Suggestion(suggested_on=suggestion.suggested_on, words=suggestion.words)
            self._fill_suggestion(session, row, suggestion)
            session.add(row)
            session.flush()
            return self._suggestions(session, Suggestion.id == row.id)[0]

    def update_suggestion(
        self, uid: str, suggestion: SuggestionInput, today: date | None = None
    ) -> SuggestionRecord:
        suggestion = self._clean(suggestion, today or date.today())
        with self._db.unit_of_work() as session:
            row = self._suggestion_row(session, uid)
            row.suggested_on, row.words = suggestion.suggested_on, suggestion.words
            self._fill_suggestion(session, row, suggestion)
            session.flush()
            return self._suggestions(session, Suggestion.id == row.id)[0]

    def remove_suggestion(self, uid: str) -> None:
        with self._db.unit_of_work() as session:
            self._suggestion_row(session, uid).deleted_at = utc_now()

    def reinstate_suggestion(self, uid: str) -> None:
        with self._db.unit_of_work() as session:
            self._suggestion_row(session, uid, any_state=True).deleted_at = None

    def suggestions(self, status: str = "") -> tuple[SuggestionRecord, ...]:
        """Open ones (new, then planned) before those done, newest first within each."""
        with self._db.reading() as session:
            condition: ColumnElement[bool] = Suggestion.deleted_at.is_(None)
            if status:
                condition &= Suggestion.status == status
            return self._suggestions(session, condition)

    @staticmethod
    def _clean(suggestion: SuggestionInput, today: date) -> SuggestionInput:
        if suggestion.status not in SUGGESTION_STATUSES:
            raise ValidationError("status", _("Choose a status from the list."))
        return replace(
            suggestion,
            words=_words(suggestion.words, today, suggestion.suggested_on),
            response=suggestion.response.strip(),
        )

    @staticmethod
    def _fill_suggestion(session: Session, row: Suggestion, suggestion: SuggestionInput) -> None:
        row.status = suggestion.status
        row.response = suggestion.response
        row.person_id = (
            find_person(session, suggestion.person_uid).id if suggestion.person_uid else None
        )
        row.program_id = (
            find_program(session, suggestion.program_uid).id if suggestion.program_uid else None
        )

    @staticmethod
    def _suggestions(
        session: Session, condition: ColumnElement[bool]
    ) -> tuple[SuggestionRecord, ...]:
        order = {"new": 0, "planned": 1, "done": 2}
        rows = session.execute(
            select(Suggestion, Person, Program)
            .outerjoin(Person, (Person.id == Suggestion.person_id) & Person.deleted_at.is_(None))
            .outerjoin(Program, Program.id == Suggestion.program_id)
            .where(condition)
            .order_by(Suggestion.suggested_on.desc(), Suggestion.id.desc())
        ).all()
        records = [
            SuggestionRecord(
                suggested_on=row.suggested_on,
                words=row.words,
                person_uid=person.uid if person else "",
                status=row.status,
                program_uid=program.uid if program else "",
                response=row.response,
                uid=row.uid,
                person_name=display_name(person.given_name, person.family_name) if person else "",
                program_name=program.name if program else "",
            )
            for row, person, program in rows
        ]
        return tuple(sorted(records, key=lambda record: order.get(record.status, 3)))

    @staticmethod
    def _suggestion_row(session: Session, uid: str, any_state: bool = False) -> Suggestion:
        missing = _("This suggestion is no longer in the list.")
        return by_uid(session, Suggestion, uid, missing, include_deleted=any_state)
