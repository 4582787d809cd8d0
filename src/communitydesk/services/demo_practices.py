"""The sample organization's practice records, partners and funding applications.

Two practices a small group would document (its homework club, in English, and its seniors'
circle, written in French by the volunteer who leads it), each linked to the sample program of
that name and assessed against the ten elements; four partners; and three funding applications
at the stages a leader juggles: one being drafted, one sent, one granted with its reports due,
the first of them within the month so the dashboard has a reminder to show.

The texts are sample data as a group would type them, not interface strings. The quotes a
practice shows are chosen from the sample's testimonials, among those whose speakers agreed to
be quoted (`feedback.quoting_allowed`). The funders' templates are seeded elsewhere: these
applications are written without one. Everything is written with Core bulk inserts, and only
the quotes and the programs depend on the records already made, so a seed gives the same data.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Final, NamedTuple

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from communitydesk.models import (
    Feedback,
    FundingApplication,
    Partner,
    Person,
    Practice,
    PracticeProgram,
    Program,
    ReportingDeadline,
)
from communitydesk.models.base import new_uid
from communitydesk.services.feedback import quoting_allowed
from communitydesk.services.funding_templates import DEFAULT_TEMPLATES
from communitydesk.services.membership import add_months

QUOTES_PER_PRACTICE: Final = 3

# (name, collaboration level, what they bring, contact)
PARTNERS: Final = (
    (
        "Riverside Public Library, Overbrook branch",
        "collaboration",
        "A free room twice a week for the homework club, library cards for every child, and a "
        "librarian who runs the reading challenge with our tutors.",
        "Branch head, (613) 555-0141",
    ),
    (
        "Eastview Community Health Centre",
        "cooperation",
        "A public health nurse visits the seniors' circle and the women's group a few times a "
        "year; we refer families to its clinics and interpret when asked.",
        "Community health worker, (613) 555-0152",
    ),
    (
        "Montreal Road Elementary School",
        "communication",
        "Teachers tell parents about the homework club and send us the dates of report cards "
        "and parent-teacher evenings.",
        "Vice-principal, (613) 555-0163",
    ),
    (
        "Ottawa Newcomer Settlement Services",
        "integration",
        "A settlement worker holds office hours at our centre once a month, and we run the "
        "orientation evenings together.",
        "Settlement worker, (613) 555-0174",
    ),
)


@dataclass(frozen=True)
class _PracticeText:
    program: str  # the sample program it documents, by name
    name: str
    language: str
    evidence_level: str
    answers: dict[str, str]
    elements: dict[str, dict[str, str]]
    figures: tuple[str, ...]
    notes: str = ""


HOMEWORK: Final = _PracticeText(
    program="Homework club",
    name="Homework club with parents in the loop",
    language="en",
    evidence_level="promising",
    answers={
        "what_it_is": (
            "Twice a week after school, volunteer tutors from our communities help children in "
            "Grades 1 to 8 with homework and reading at the public library. Parents come to the "
            "last half hour once a month to see the work and meet the tutors."
        ),
        "purpose": (
            "Children who arrived recently fall behind when nobody at home can help with "
            "homework in English or French. We want them to keep up at school, and their "
            "parents to understand what the school expects."
        ),
        "how_chosen": (
            "Parents asked for help at a general meeting. We visited two homework clubs run by "
            "other groups and read the school board's advice on homework help, then chose small "
            "groups by grade and a tutor who speaks the family's language where we can."
        ),
        "participants_role": (
            "Parents decide the days and hours each September. Older children suggested the "
            "reading challenge and the snack list. A parent sits on the club's small committee."
        ),
        "why_it_matters": (
            "It gives children a quiet place and a patient adult, and it gives parents a way "
            "into their child's school life without feeling judged."
        ),
        "difference": (
            "We keep attendance at every session. Most children come back term after term, and "
            "teachers have told parents that homework is handed in more often. Parents say so "
            "in their own words in our feedback book."
        ),
        "learning": (
            "At first we mixed all ages and the older children waited. We now split the room by "
            "grade. Each June we ask parents and tutors what to change."
        ),
        "lessons_for_others": (
            "A free room in a library and a steady group of five or six tutors are enough to "
            "start. Screen the tutors, and keep one tutor coordinator who knows every family."
        ),
        "context": (
            "Some families keep girls and boys apart after a certain age; we seat them by "
            "table when parents ask. Fasting months change the snack and the hours."
        ),
    },
    elements={
        "partnership": {
            "how": "The library lends the room and runs the reading challenge with us.",
            "evidence": "A written room agreement renewed each year.",
        },
        "volunteers": {
            "how": "Tutors are parents, students and retired teachers from our communities.",
            "evidence": "The volunteer hours recorded at every session.",
        },
        "member_defined": {
            "how": "Parents chose the days, the hours and the reading challenge.",
            "evidence": "Minutes of the September parents' meeting.",
        },
        "accessible": {
            "how": "Free, near the bus, with tutors who speak the family's language.",
            "evidence": "The languages spoken by the children who come.",
        },
        "outreach": {
            "how": "The school and our members tell families; flyers in four languages.",
            "evidence": "New families each term, most sent by another parent.",
        },
        "holistic": {
            "how": "Tutors notice when a family needs more and tell the coordinator.",
            "evidence": "Referrals made for families of the club.",
        },
        "empowerment": {
            "how": "Children read stories from home aloud; parents share their own schooling.",
            "evidence": "The yearly reading evening, with parents in the audience.",
        },
        "goal_oriented": {
            "how": "Each child has one goal for the term, agreed with a parent.",
            "evidence": "The goal cards kept by the tutor coordinator.",
        },
        "independence": {
            "how": "Members pay for snacks through a small fundraising dinner.",
            "evidence": "The dinner's income in our books.",
        },
        "evaluation": {
            "how": "We ask parents and tutors each June what to change.",
            "evidence": "The June survey and what we changed after it.",
        },
    },
    figures=(
        "sessions_held",
        "unique_participants",
        "newcomers",
        "households",
        "attendance_trend",
        "volunteer_hours",
    ),
)

SENIORS: Final = _PracticeText(
    program="Seniors' circle",
    name="Cercle des aînés dans nos langues",
    language="fr",
    evidence_level="good",
    answers={
        "what_it_is": (
            "Chaque mardi matin, des aînés de nos communautés se retrouvent autour d'un thé "
            "pour parler dans leur langue, écouter un invité et préparer une sortie. Des "
            "bénévoles conduisent ceux qui ne peuvent pas prendre l'autobus."
        ),
        "purpose": (
            "Rompre l'isolement des aînés arrivés pour rejoindre leurs enfants, qui restent "
            "seuls à la maison toute la journée et ne parlent ni anglais ni français."
        ),
        "how_chosen": (
            "Des familles nous ont parlé de parents âgés qui ne sortaient plus. Nous avons "
            "consulté le centre de santé communautaire et un autre groupe qui tient un cercle "
            "semblable depuis dix ans."
        ),
        "participants_role": (
            "Les aînés choisissent les thèmes et les invités à la dernière rencontre du mois. "
            "Deux d'entre eux accueillent les nouveaux venus."
        ),
        "why_it_matters": (
            "Les aînés retrouvent un rôle : ils transmettent des souvenirs et des recettes, et "
            "ils connaissent mieux les services de santé du quartier."
        ),
        "difference": (
            "Nous notons les présences à chaque rencontre. La plupart des aînés reviennent "
            "chaque semaine, et l'infirmière du centre de santé voit plus de nos aînés à la "
            "clinique de vaccination."
        ),
        "learning": (
            "Les rencontres de l'après-midi étaient trop tardives en hiver ; nous les avons "
            "déplacées au matin. Nous demandons l'avis des aînés chaque printemps."
        ),
        "lessons_for_others": (
            "Le transport est la clé : sans chauffeurs bénévoles, la moitié des aînés ne "
            "viendraient pas. Prévoyez aussi un interprète pour les invités."
        ),
        "context": (
            "Certains aînés préfèrent des groupes d'hommes et de femmes séparés pour certains "
            "sujets de santé ; nous le prévoyons avec l'infirmière."
        ),
    },
    elements={
        "partnership": {
            "how": "L'infirmière du centre de santé vient plusieurs fois par an.",
            "evidence": "Les dates de ses visites dans notre calendrier.",
        },
        "volunteers": {
            "how": "Des chauffeurs et des interprètes bénévoles de nos communautés.",
            "evidence": "Les heures de bénévolat notées à chaque rencontre.",
        },
        "member_defined": {
            "how": "Les aînés choisissent les thèmes et les invités.",
            "evidence": "La liste des thèmes votée chaque mois.",
        },
        "accessible": {
            "how": "Gratuit, avec transport et dans la langue des aînés.",
            "evidence": "Les langues parlées par les participants.",
        },
        "outreach": {
            "how": "Les familles et les lieux de culte parlent du cercle.",
            "evidence": "Les nouveaux aînés venus cette année.",
        },
        "holistic": {
            "how": "Les familles sont invitées aux fêtes et aux sorties.",
            "evidence": "Les familles présentes à la fête de fin d'année.",
        },
        "empowerment": {
            "how": "Les aînés racontent leur pays et enseignent des recettes.",
            "evidence": "Le petit livre de recettes imprimé par le cercle.",
        },
        "goal_oriented": {
            "how": "Chaque invité répond aux questions préparées par les aînés.",
            "evidence": "Les questions notées avant chaque visite.",
        },
        "independence": {
            "how": "Une vente de pâtisseries paie une partie des sorties.",
            "evidence": "Les recettes de la vente dans nos comptes.",
        },
        "evaluation": {
            "how": "Un court sondage oral chaque printemps, avec un interprète.",
            "evidence": "Les réponses du sondage et les changements qui ont suivi.",
        },
    },
    figures=("sessions_held", "unique_participants", "languages", "volunteers", "volunteer_hours"),
    notes="Rédigé par la responsable du cercle ; à relire avec le comité.",
)

PRACTICES: Final = (HOMEWORK, SENIORS)


@dataclass(frozen=True)
class _ApplicationText:
    title: str
    funder: str
    program: str
    practice: int | None  # index in PRACTICES
    template: str  # the default template whose sections it follows
    status: str
    amount_cents: int
    texts: dict[str, str]  # section key ("" for the one written by hand) -> text
    notes: str = ""


_ORGANIZATION_TEXT: Final = (
    "Riverside Newcomer Families Association is run by volunteers from the Somali, Syrian, "
    "Vietnamese, Latin American and Afghan communities of east Ottawa. Since 2016 we have "
    "welcomed newcomer families, helped them reach the services they need, and kept our "
    "languages and cultures alive through activities our members choose."
)

APPLICATIONS: Final = (
    _ApplicationText(
        title="Homework club: a third evening and a parents' corner",
        funder="Riverside Community Foundation",
        program="Homework club",
        practice=0,
        template="community_foundation",
        status="drafting",
        amount_cents=850_000,
        texts={
            "organization": _ORGANIZATION_TEXT,
            "need": (
                "Children who arrived in the past five years often have nobody at home who can "
                "help with homework in English or French. The club is full on both evenings, "
                "and twelve families are waiting for a place."
            ),
            "program": (
                "We will open a third evening at the library and a parents' corner where a "
                "volunteer explains report cards, school forms and the school's online portal."
            ),
            "served": (
                "About forty children in Grades 1 to 8 and their parents, most of them "
                "newcomers, who speak Somali, Arabic, Vietnamese, Spanish or Dari at home."
            ),
            "partners": (
                "The library lends the room and runs the reading challenge with us; the "
                "elementary school tells parents about the club."
            ),
            "outcomes": (
                "Children hand in their homework more often and read more; parents feel able "
                "to speak with teachers. We will count attendance, reading logs and parents' "
                "answers to a short survey."
            ),
            "evaluation": (
                "Attendance is recorded at every session. In June we ask parents, tutors and "
                "children what changed, and report the figures from our records."
            ),
            "budget": (
                "Snacks $1,800; tutor training and police checks $1,200; books and supplies "
                "$1,500; bus tickets for families $2,000; coordination $2,000."
            ),
            "": (
                "The library keeps lending the room, and our fundraising dinner pays for the "
                "snacks. Trained tutors stay on: most have tutored for two years or more."
            ),
        },
        notes="Deadline in six weeks: ask the library for a letter of support.",
    ),
    _ApplicationText(
        title="Seniors' circle: winter outings and transport",
        funder="City community funding program",
        program="Seniors' circle",
        practice=1,
        template="municipal",
        status="submitted",
        amount_cents=420_000,
        texts={
            "organization": _ORGANIZATION_TEXT,
            "program": (
                "Six winter outings for the seniors' circle (museum, sugar shack, library "
                "tour) and rides to the weekly meetings for seniors who cannot take the bus."
            ),
            "need": (
                "Many seniors who came to join their children stay home alone all winter. "
                "Without rides, half of them could not come."
            ),
            "served": (
                "About twenty seniors, most over seventy, who speak Somali, Arabic or "
                "Vietnamese, and the volunteers who drive them."
            ),
            "partners": (
                "The community health centre's nurse visits the circle; a settlement worker "
                "helps seniors with their benefits."
            ),
            "": (
                "November: book the buses. December to March: one outing a month and weekly "
                "rides. April: report to the city."
            ),
            "budget": (
                "Bus rental $1,800; mileage for volunteer drivers $1,600; entry fees $500; "
                "interpretation $300."
            ),
            "evaluation": (
                "We will report the outings held, how many seniors came, and what they said, "
                "with the attendance kept at every meeting."
            ),
        },
    ),
    _ApplicationText(
        title="Women's group: childminding and interpretation",
        funder="Eastview Family Foundation",
        program="Women's group",
        practice=None,
        template="community_foundation",
        status="granted",
        amount_cents=600_000,
        texts={
            "organization": _ORGANIZATION_TEXT,
            "need": (
                "Mothers with young children cannot come to the women's group without "
                "childminding, and some need an interpreter to follow the guest speakers."
            ),
            "program": (
                "Childminding in the next room at every meeting, and an interpreter at the "
                "evenings with a guest speaker (health, school, budgeting, rights at work)."
            ),
            "served": (
                "About twenty women a week, most of them mothers of young children, and their "
                "children in the childminding room."
            ),
            "partners": (
                "The community health centre sends speakers; the settlement agency helps "
                "women who need one-to-one support after a talk."
            ),
            "outcomes": (
                "More mothers come, and they come back. They know where to turn for health, "
                "school and work questions."
            ),
            "evaluation": (
                "Attendance and childminding numbers at each meeting, and a short talk with "
                "the women at the end of each season."
            ),
            "budget": (
                "Childminders $3,600; interpreters $1,400; toys and snacks $600; "
                "speakers' gifts $400."
            ),
            "": (
                "Two mothers are training as childminders with the health centre, so that the "
                "group can keep childminding at a lower cost after the grant."
            ),
        },
        notes="Interim report by e-mail; final report with the receipts.",
    ),
)


@dataclass(frozen=True)
class PracticeCounts:
    partners: int
    practices: int
    applications: int
    deadlines: int
    quotes: int


def clear_practices(session: Session) -> None:
    """Remove the practices, partners, applications and their deadlines (not the funders'
    templates, which a group keeps)."""
    for model in (ReportingDeadline, FundingApplication, PracticeProgram, Practice, Partner):
        session.execute(delete(model))


def add_practices(
    session: Session, rnd: random.Random, today: date, now: datetime
) -> PracticeCounts:
    """The partners, practices and applications, for the programs already in `session`."""
    stamp = {"created_at": now, "updated_at": now, "deleted_at": None}
    session.execute(
        insert(Partner),
        [
            {
                "uid": new_uid(),
                "name": name,
                "collaboration_level": level,
                "contribution": contribution,
                "contact": contact,
                **stamp,
            }
            for name, level, contribution, contact in PARTNERS
        ],
    )
    programs = _programs(session)
    evidence_from = add_months(today, -12) + timedelta(days=1)
    practice_ids: list[int] = []
    links: list[dict[str, int]] = []
    quotes = 0
    next_id = int(session.scalar(select(func.max(Practice.id))) or 0) + 1
    for text in PRACTICES:
        program_id = _program_for(programs, text.program)
        chosen = _quotes(session, program_id, evidence_from, today)
        quotes += len(chosen)
        session.execute(
            insert(Practice),
            [
                {
                    "id": next_id,
                    "uid": new_uid(),
                    "name": text.name,
                    "evidence_level": text.evidence_level,
                    "language": text.language,
                    "answers": dict(text.answers),
                    "elements": {code: dict(said) for code, said in text.elements.items()},
                    "uses_ccr_values": False,
                    "ccr_values": {},
                    "evidence_from": evidence_from,
                    "evidence_to": today,
                    "figures": list(text.figures),
                    "quotes": chosen,
                    "shareable": text.language == "en",
                    "notes": text.notes,
                    **stamp,
                }
            ],
        )
        if program_id is not None:
            links.append({"practice_id": next_id, "program_id": program_id})
        practice_ids.append(next_id)
        next_id += 1
    if links:
        session.execute(insert(PracticeProgram), links)
    deadlines = _applications(session, rnd, today, now, programs, practice_ids)
    return PracticeCounts(len(PARTNERS), len(PRACTICES), len(APPLICATIONS), deadlines, quotes)


def _programs(session: Session) -> list[tuple[int, str]]:
    return [
        (row.id, row.name)
        for row in session.execute(
            select(Program.id, Program.name)
            .where(Program.deleted_at.is_(None))
            .order_by(Program.id)
        )
    ]


def _program_for(programs: Sequence[tuple[int, str]], name: str) -> int | None:
    """The sample program of that name; a small sample may lack it, then its first program."""
    named = [program_id for program_id, found in programs if found == name]
    if named:
        return named[0]
    return programs[0][0] if programs else None


def _quotes(session: Session, program_id: int | None, start: date, today: date) -> list[str]:
    """The latest testimonials about the program in the period whose speakers agreed to be
    quoted; anonymous words never are."""
    if program_id is None:
        return []
    return list(
        session.scalars(
            select(Feedback.uid)
            .join(Person, Person.id == Feedback.person_id)
            .where(
                Feedback.program_id == program_id,
                Feedback.deleted_at.is_(None),
                Person.deleted_at.is_(None),
                Feedback.given_on >= start,
                Feedback.given_on <= today,
                quoting_allowed(today),
            )
            .order_by(Feedback.given_on.desc(), Feedback.id.desc())
            .limit(QUOTES_PER_PRACTICE)
        )
    )


def _applications(
    session: Session,
    rnd: random.Random,
    today: date,
    now: datetime,
    programs: Sequence[tuple[int, str]],
    practice_ids: Sequence[int],
) -> int:
    stamp = {"created_at": now, "updated_at": now, "deleted_at": None}
    next_id = int(session.scalar(select(func.max(FundingApplication.id))) or 0) + 1
    rows: list[dict[str, Any]] = []
    deadlines: list[dict[str, Any]] = []
    for offset, text in enumerate(APPLICATIONS):
        application_id = next_id + offset
        dates = _dates(text.status, today, rnd)
        _name, sections = DEFAULT_TEMPLATES[text.template]
        rows.append(
            {
                "id": application_id,
                "uid": new_uid(),
                "title": text.title,
                "funder": text.funder,
                "program_id": _program_for(programs, text.program),
                "practice_id": practice_ids[text.practice] if text.practice is not None else None,
                "template_id": None,
                "amount_cents": text.amount_cents,
                "granted_cents": text.amount_cents if text.status == "granted" else None,
                "status": text.status,
                "sections": [
                    {"key": key, "title": title, "text": text.texts[key]}
                    for key, title, _hint in sections
                ],
                "notes": text.notes,
                **dates._asdict(),
                **stamp,
            }
        )
        if text.status == "granted":
            # The interim report within the month: the dashboard reminds the leader of it.
            deadlines += [
                {
                    "uid": new_uid(),
                    "application_id": application_id,
                    "due_on": today + timedelta(days=rnd.randint(10, 25)),
                    "what": "Interim report",
                    "done_on": None,
                    **stamp,
                },
                {
                    "uid": new_uid(),
                    "application_id": application_id,
                    "due_on": dates.ends_on + timedelta(days=30),
                    "what": "Final report and receipts",
                    "done_on": None,
                    **stamp,
                },
            ]
    session.execute(insert(FundingApplication), rows)
    session.execute(insert(ReportingDeadline), deadlines)
    return len(deadlines)


class _Dates(NamedTuple):
    deadline: date
    submitted_on: date | None
    decided_on: date | None
    starts_on: date
    ends_on: date


def _dates(status: str, today: date, rnd: random.Random) -> _Dates:
    """The deadline, the days it was sent and decided, and the period funded, as they fall for
    an application at this stage."""
    if status == "drafting":
        deadline = today + timedelta(days=rnd.randint(35, 50))
        starts = add_months(deadline, 3).replace(day=1)
        return _Dates(deadline, None, None, starts, add_months(starts, 12) - timedelta(days=1))
    if status == "submitted":
        deadline = today - timedelta(days=rnd.randint(15, 30))
        starts = add_months(today, 2).replace(day=1)
        ends = add_months(starts, 5) - timedelta(days=1)
        return _Dates(deadline, deadline - timedelta(days=2), None, starts, ends)
    # Granted some months ago, for a year that is well under way.
    submitted = today - timedelta(days=rnd.randint(200, 230))
    decided = submitted + timedelta(days=rnd.randint(40, 60))
    starts = add_months(today, -5).replace(day=1)
    ends = add_months(starts, 12) - timedelta(days=1)
    return _Dates(submitted + timedelta(days=3), submitted, decided, starts, ends)
