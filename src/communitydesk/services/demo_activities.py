"""One year of the sample organization's activities, ending today.

Venues, programs scaled with the roster, sessions following each program's rhythm (a few
planned in the next three weeks), who came (regulars and drop-ins, chosen from the people a
program is for), anonymous head counts at the festival and the clothing drive, volunteer hours,
testimonials (some from people who agreed to be quoted, some not) and members' suggestions.

Everything but the uids comes from one `random.Random`, so a seed gives the same year every
time, and is written with Core bulk inserts: at 100,000 people, about a quarter of a million
attendance rows in a few seconds. The texts are sample data as a group would type them (English, and
the members' own languages for what they said), not interface strings.
"""

from __future__ import annotations

import json
import math
import random
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Final, NamedTuple

from sqlalchemy import String, Table, cast, func, insert, literal, literal_column, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement

from communitydesk.models import (
    ActivitySession,
    Attendance,
    Consent,
    Feedback,
    HeadCount,
    Person,
    Program,
    Suggestion,
    Venue,
    Volunteer,
    VolunteerHours,
)
from communitydesk.models.base import Base, UTCDateTime, new_uid
from communitydesk.services.demo_activity_catalog import (
    BASE,
    COMMUNITY_TEMPLATES,
    EVENING,
    EXTRAS,
    HERITAGE_LANGUAGE,
    NEIGHBOURHOODS,
    REPEATED,
    VENUES,
    Template,
)
from communitydesk.services.demo_names import COMMUNITIES
from communitydesk.services.people import AGE_BANDS

YEAR_DAYS: Final = 365
PLANNED_DAYS: Final = 21  # sessions already planned in the next three weeks
_ATTENDANCE_BATCH: Final = 50_000


@dataclass(frozen=True)
class ActivityCounts:
    venues: int
    programs: int
    sessions: int
    attendance: int
    head_counts: int
    volunteer_hours: int
    feedback: int
    suggestions: int


# ---------------------------------------------------------------------------------------------
# Venues


EVENTS: Final = ("festival", "drive", "evening")  # a day or a few, not a series


class _Member(NamedTuple):
    id: int
    age: int | None
    gender: str
    languages: tuple[str, ...]
    community: str


@dataclass
class _Plan:
    template: Template
    name: str
    communities: tuple[str, ...]  # empty: everyone
    languages: tuple[str, ...]
    id: int = 0
    venue: str = ""
    weekdays: tuple[int, ...] = ()
    starts_on: date | None = None
    ends_on: date | None = None
    ongoing: bool = True
    leader: int | None = None
    helpers: list[int] = field(default_factory=list)
    regulars: list[int] = field(default_factory=list)
    days: list[date] = field(default_factory=list)
    sessions: list[tuple[int, date]] = field(default_factory=list)  # (id, day), past and planned
    attendees: set[int] = field(default_factory=set)


def _programs_for(people: int) -> int:
    """About 7 programs for a few hundred people, 35 for 10,000, at most 100."""
    return max(7, min(100, round(7 * math.sqrt(people / 400))))


def _size_factor(people: int) -> float:
    """A large organization's programs are larger: its homework club has more children."""
    return max(1.0, math.sqrt(people / 4000))


def _catalogue() -> Iterator[tuple[Template, str, tuple[str, ...], str]]:
    """(template, name, communities, heritage language code) in the order programs are added."""
    by_key = {t.key: t for t in (*BASE, *EXTRAS, EVENING)}
    arabic = tuple(c.key for c in COMMUNITIES if "ar" in c.languages)
    for template in BASE:
        if template.key == "heritage":
            yield template, f"{template.name} (Arabic)", arabic, "ar"
        else:
            yield template, template.name, (), ""
    for template in EXTRAS:
        yield template, template.name, (), ""
    for community in sorted(COMMUNITIES, key=lambda c: -c.weight):
        for key in COMMUNITY_TEMPLATES:
            template = by_key[key]
            if key == "heritage":
                language, code = HERITAGE_LANGUAGE[community.key]
                if code == "ar":
                    continue  # the Arabic school is one of the first programs
                yield template, f"{template.name} ({language})", (community.key,), code
            else:
                yield template, f"{template.name} ({community.key})", (community.key,), ""
    while True:
        for place in NEIGHBOURHOODS:
            for key in REPEATED:
                template = by_key[key]
                yield template, f"{template.name} – {place}", (), ""


# ---------------------------------------------------------------------------------------------
# Dates


def _winter_break(day: date) -> bool:
    return (day.month == 12 and day.day >= 22) or (day.month == 1 and day.day <= 3)


def _school_day(day: date) -> bool:
    march_break = day.month == 3 and 10 <= day.day <= 16
    return day.month not in (7, 8) and not _winter_break(day) and not march_break


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _dates(plan: _Plan, start: date, end: date, today: date, rnd: random.Random) -> list[date]:
    """The days a program meets between `start` and `end`, following its rhythm."""
    rhythm = plan.template.rhythm
    days: list[date] = []
    if rhythm in ("weekly", "school", "saturday", "biweekly"):
        day = start
        while day <= end:
            off = (rhythm in ("school", "saturday") and not _school_day(day)) or (
                rhythm == "biweekly" and (day - date(2000, 1, 3)).days // 7 % 2 == 1
            )
            if day.weekday() in plan.weekdays and not _winter_break(day) and not off:
                days.append(day)
            day += timedelta(days=1)
        return days
    years = range(start.year, end.year + 1)
    if rhythm == "monthly":
        days = [
            _nth_weekday(y, m, plan.weekdays[0], 1)
            for y in years
            for m in range(1, 13)
            if m not in (7, 8)
        ]
    elif rhythm in ("festival", "drive"):
        days = _latest_event(rhythm, start, end, today)
    elif rhythm == "tax":  # Saturdays of March and April
        days = [d for y in years for m in (3, 4) for d in _saturdays(y, m)]
    elif rhythm == "evening":  # once a year, on a date of the community's own
        month = rnd.choice((2, 3, 5, 6, 9, 10, 11))
        days = [_nth_weekday(y, month, 5, rnd.randint(1, 4)) for y in years]
    return sorted(d for d in days if start <= d <= end)


def _latest_event(rhythm: str, start: date, end: date, today: date) -> list[date]:
    """The days of the yearly festival (the third weekend of August) or clothing drive (three
    Saturdays from the fourth of October): the latest one begun by `today`, else the next."""
    editions = []
    for year in range(start.year, end.year + 1):
        if rhythm == "festival":
            first = _nth_weekday(year, 8, 5, 3)
            editions.append([first, first + timedelta(days=1)])
        else:
            first = _nth_weekday(year, 10, 5, 4)
            editions.append([first + timedelta(days=7 * k) for k in range(3)])
    for days in editions:
        # Its date moves a little from year to year; a year ago, it was held a week later.
        if start - timedelta(days=14) <= days[0] < start:
            days[:] = [day + timedelta(days=7 * ((start - days[0]).days // 7 + 1)) for day in days]
    within = [days for days in editions if start <= days[0] <= end]
    begun = [days for days in within if days[0] <= today]
    if begun:
        return begun[-1]
    return within[0] if within else []


def _saturdays(year: int, month: int) -> list[date]:
    day = _nth_weekday(year, month, 5, 1)
    found = []
    while day.month == month:
        found.append(day)
        day += timedelta(days=7)
    return found


def age_band(age: int | None) -> str:
    """The band of AGE_BANDS an age falls in ("" when unknown)."""
    if age is None:
        return ""
    for band in AGE_BANDS:
        if band.endswith("+"):
            if age >= int(band[:-1]):
                return band
        else:
            low, high = (int(part) for part in band.split("-"))
            if low <= age <= high:
                return band
    return ""


# ---------------------------------------------------------------------------------------------
# The roster, grouped once for the programs to draw from


class _Roster:
    GROUPS: Final = (
        "everyone",
        "adults",
        "seniors",
        "school_age",
        "heritage_kids",
        "youth",
        "women",
        "men",
        "parents",
        "newcomers",
    )

    def __init__(self, session: Session, today: date) -> None:
        # Languages read as their JSON text and decoded once per distinct list: 100,000 people
        # speak a few dozen combinations. Plain Core rows, without the ORM's loading.
        query = (
            select(
                Person.id,
                Person.birth_year,
                Person.gender,
                cast(Person.languages, String),
                Person.community,
                Person.household_role,
                Person.arrival_year,
            )
            .where(Person.deleted_at.is_(None))
            .order_by(Person.id)
        )
        rows = session.connection().execute(query)
        self.members: dict[int, _Member] = {}
        # group -> community -> person ids, in the order of the roster
        self.groups: dict[str, dict[str, list[int]]] = {g: {} for g in self.GROUPS}
        self._pools: dict[tuple[tuple[str, ...], tuple[str, ...]], list[int]] = {}
        decoded: dict[str | None, tuple[str, ...]] = {None: ()}
        belongs: dict[tuple[int | None, bool, bool, bool], tuple[dict[str, list[int]], ...]] = {}
        recent = today.year - 5
        for pid, birth_year, gender, stored, community, role, arrival in rows:
            languages = decoded.get(stored)
            if languages is None:
                languages = decoded[stored] = tuple(json.loads(stored or "[]"))
            age = today.year - birth_year if birth_year is not None else None
            community = community or ""
            self.members[pid] = _Member(pid, age, gender or "", languages, community)
            key = (
                age,
                gender == "woman",
                arrival is not None and arrival >= recent,
                role in ("main_contact", "spouse"),
            )
            groups = belongs.get(key)
            if groups is None:
                groups = belongs[key] = tuple(self.groups[g] for g in self._groups_of(*key))
            for by_community in groups:
                found = by_community.get(community)
                if found is None:
                    by_community[community] = [pid]
                else:
                    found.append(pid)
        first: Counter[str] = Counter(m.languages[0] for m in self.members.values() if m.languages)
        # English and the three languages most spoken first: what a door count notes.
        self.main_languages = ["en", *[c for c, _n in first.most_common() if c != "en"][:3]]
        volunteers = session.scalars(
            select(Volunteer.person_id)
            .where(Volunteer.deleted_at.is_(None))
            .order_by(Volunteer.person_id)
        )
        self.volunteers: list[int] = [pid for pid in volunteers if pid in self.members]
        # JSON lists searched as text, as the feedback service does, on SQLite and PostgreSQL.
        quoting = cast(Consent.scopes, String).contains('"quoting"')
        self.quotable: set[int] = set(
            session.scalars(
                select(Consent.person_id).where(
                    Consent.deleted_at.is_(None),
                    Consent.withdrawn_on.is_(None),
                    Consent.given_on <= today,
                    quoting,
                )
            )
        )

    @staticmethod
    def _groups_of(age: int | None, woman: bool, newcomer: bool, parent: bool) -> list[str]:
        found = ["everyone"]
        if age is None:
            return found
        if age >= 18:
            found += ["adults", "women" if woman else "men"]
            if newcomer:
                found.append("newcomers")
            if parent and age <= 60:
                found.append("parents")
        if age >= 60:
            found.append("seniors")
        if 6 <= age <= 13:
            found.append("school_age")
        if 5 <= age <= 15:
            found.append("heritage_kids")
        if 13 <= age <= 24:
            found.append("youth")
        return found

    def pool(self, who: Sequence[str], communities: Sequence[str] = ()) -> list[int]:
        """The people of these groups, of these communities (all when none), never twice."""
        key = (tuple(who), tuple(communities))
        found = self._pools.get(key)
        if found is None:
            ids: set[int] = set()
            for group in who:
                by_community = self.groups[group]
                for community in communities or sorted(by_community):
                    ids.update(by_community.get(community, ()))
            found = self._pools[key] = sorted(ids)
        return found

    def adult(self, pid: int) -> bool:
        age = self.members[pid].age
        return age is not None and age >= 18


# ---------------------------------------------------------------------------------------------
# Testimonials and suggestions

# language -> [(program template key or "" for any, words)]
TESTIMONIALS: Final[dict[str, tuple[tuple[str, str], ...]]] = {
    "en": (
        ("", "Here nobody judges me, and I can speak my own language. I come every week."),
        (
            "",
            "The volunteers remember my name and ask about my family. That matters far from home.",
        ),
        (
            "seniors",
            "Before the circle I stayed home all winter. Now I have friends to call, "
            "and Tuesday is my favourite day.",
        ),
        (
            "homework",
            "My son was failing math. After four months at the homework club he brought home "
            "a B, and now he helps the younger ones.",
        ),
        (
            "women",
            "In the women's group I learned how to talk to my children's teacher. "
            "I am not afraid of the school any more.",
        ),
        (
            "orientation",
            "The evening on tenant rights helped us get the heat fixed. "
            "We did not know the landlord had to do it.",
        ),
        ("festival", "My children saw their grandparents' dances on a stage in Ottawa. So proud."),
        ("drive", "My kids had warm boots for their first winter. Thank you."),
        ("cooking", "We cook, we laugh, we share recipes from home. It feels like family."),
        ("english", "I was afraid to speak English. Now I call the doctor's office myself."),
        (
            "jobs",
            "The mock interview helped me. I started work at the hospital kitchen last month.",
        ),
        ("soccer", "My son has friends now. He waits for Sunday all week."),
        (
            "tax",
            "The volunteers filed our taxes for free, and we finally receive the child benefit.",
        ),
        ("", "I came once for the coffee. Now I am a volunteer myself."),
    ),
    "fr": (
        ("", "Les bénévoles nous accueillent comme une famille. On se sent chez soi."),
        (
            "homework",
            "Grâce au club des devoirs, ma fille a repris confiance en elle. "
            "Ses notes ont beaucoup monté.",
        ),
        (
            "heritage",
            "Mes enfants parlent encore français à la maison grâce à l'école du samedi.",
        ),
        (
            "orientation",
            "La soirée sur les impôts m'a permis de recevoir l'allocation pour enfants. "
            "Je ne savais pas que j'y avais droit.",
        ),
        ("seniors", "Au cercle, j'ai retrouvé des gens de chez nous. Je ne reste plus seule."),
        ("festival", "Quelle belle fête ! Toute la communauté était là, et les voisins aussi."),
        (
            "women",
            "Dans le groupe des femmes, j'ai appris à faire mon budget et à parler aux "
            "enseignants.",
        ),
        ("french", "Je garde mon français vivant, et j'ai rencontré des voisines formidables."),
        ("", "On m'a écoutée sans me juger. Merci à toute l'équipe."),
    ),
    "ar": (
        ("", "المتطوعون هنا يعاملوننا كأننا عائلة واحدة. شكراً لكم من القلب."),
        ("seniors", "قبل أن أنضم إلى الحلقة كنت وحيدة في البيت طوال الشتاء. الآن عندي صديقات."),
        ("homework", "ابني تحسّن كثيراً في الرياضيات بفضل نادي الواجبات المدرسية."),
        ("women", "في مجموعة النساء تعلّمت كيف أتحدث مع معلمة ابنتي دون خوف."),
        ("heritage", "أصبحت ابنتي تقرأ وتكتب بالعربية وتراسل جدّتها."),
        ("orientation", "الأمسية عن حقوق المستأجرين ساعدتنا كثيراً. لم نكن نعرف حقوقنا."),
        ("festival", "رأى أطفالي رقصات بلدنا على المسرح وكانوا فخورين جداً."),
        ("cooking", "نطبخ معاً ونتبادل وصفات من بلادنا. أشعر أنني بين أهلي."),
        ("english", "كنت أخاف أن أتكلم الإنجليزية، والآن أتصل بعيادة الطبيب بنفسي."),
    ),
    "es": (
        ("", "Aquí me siento en casa. Los voluntarios siempre tienen tiempo para escucharnos."),
        ("homework", "Gracias al club de tareas, mi hijo ya lee en inglés sin miedo."),
        ("cooking", "Cocinamos juntas, compartimos recetas de casa y nos reímos mucho."),
        ("women", "En el grupo de mujeres aprendí a hacer mi presupuesto y a pedir ayuda."),
    ),
    "vi": (
        ("", "Nhờ nhóm này, tôi không còn cảm thấy cô đơn nữa."),
        ("seniors", "Tuần nào tôi cũng mong đến buổi gặp mặt của nhóm."),
    ),
    "so": (("", "Mahadsanidiin! Waxaan halkan ka helay saaxiibo cusub."),),
    "fa": (("", "این برنامه به من کمک کرد دوستان تازه پیدا کنم."),),
    "uk": (("", "Тут я знайшла друзів і почуваюся як удома."),),
    "sr": (("", "Овде сам упознала дивне људе. Хвала волонтерима!"),),
    "ht": (("", "Mèsi anpil! Mwen jwenn bon zanmi isit la."),),
}
# The languages testimonials are given in, in turn: English, French and Arabic most.
FEEDBACK_LANGUAGES: Final = (
    *("en", "fr", "ar", "en", "es", "ar", "vi", "so", "fr", "fa"),
    *("uk", "en", "sr", "ar", "ht", "fr", "en", "ar", "es", "fr"),
)

# (words, status, program it led to or "", response)
SUGGESTIONS: Final[tuple[tuple[str, str, str, str], ...]] = (
    (
        "A cooking group where we share recipes from home.",
        "done",
        "cooking",
        "Cooking together started; it meets every other Friday in the church hall.",
    ),
    (
        "Evenings about taxes before April, with someone who speaks our language.",
        "done",
        "orientation",
        "An income tax clinic was added to the orientation evenings, with interpreters.",
    ),
    (
        "Arabic classes for the children on Saturdays.",
        "done",
        "heritage",
        "The Saturday school opened with two volunteer teachers.",
    ),
    (
        "Winter coats for the families who arrived in the fall.",
        "done",
        "drive",
        "The clothing drive now runs every autumn, with the parish's help.",
    ),
    (
        "Could the homework club also help high-school students?",
        "planned",
        "homework",
        "We are looking for two more tutors who know Grade 10 math.",
    ),
    (
        "Childcare during the women's group.",
        "planned",
        "",
        "Two volunteers offered to mind the children; we need a second room.",
    ),
    (
        "A women-only swimming time at the community pool.",
        "planned",
        "",
        "We asked the city for a Sunday slot.",
    ),
    ("Trips to the farm or the lake for the seniors in summer.", "new", "", ""),
    ("Computer lessons for parents: e-mail and the school portal.", "new", "", ""),
    ("Soccer for the teenagers in the summer holidays.", "new", "", ""),
    ("A quiet room to pray during the festival.", "new", "", ""),
)

STARTED_BY_SUGGESTION: Final = frozenset({"cooking", "heritage", "drive"})

FREE_HOURS: Final = (
    ("Newsletter", "Writing and translating the newsletter"),
    ("Newsletter", "Printing and folding the newsletter"),
    ("Fundraising", "Bake sale after Friday prayers"),
    ("Fundraising", "Grant application to the city"),
    ("Fundraising", "Raffle for the festival"),
    ("Board meeting", ""),
    ("Bookkeeping", "Monthly reconciliation with the treasurer"),
    ("Phone tree", "Calling members about the next event"),
    ("Driver", "Driving a senior to a medical appointment"),
)


# ---------------------------------------------------------------------------------------------


class _Activities:
    def __init__(self, session: Session, rnd: random.Random, today: date, now: datetime) -> None:
        self.session = session
        self.rnd = rnd
        self.today = today
        self.now = now
        self.first_day = today - timedelta(days=YEAR_DAYS - 1)
        self.last_day = today + timedelta(days=PLANNED_DAYS)
        self.roster = _Roster(session, today)
        rendered = literal(now, UTCDateTime()).compile(
            dialect=session.get_bind().dialect, compile_kwargs={"literal_binds": True}
        )
        self.instant: ColumnElement[Any] = literal_column(str(rendered))
        self.venue_ids: dict[str, int] = {}
        self.plans: list[_Plan] = []
        self.attendance_rows: list[dict[str, Any]] = []
        self.snowed_in: set[int] = set()  # sessions most regulars missed
        self.counts: Counter[str] = Counter()

    def stamp(self) -> dict[str, Any]:
        return {"uid": new_uid()}

    def bulk(self, model: type[Base], rows: Sequence[dict[str, Any]], chunk: int = 20_000) -> None:
        """Core inserts; the one instant they were made at is rendered once in the statement
        (by the database's own dialect) rather than converted again for every row."""
        if not rows:
            return
        table = model.__table__
        assert isinstance(table, Table)
        stamps = {
            name: self.instant
            for name in ("created_at", "updated_at")
            if name in table.columns and name not in rows[0]
        }
        statement = insert(table).values(**stamps)
        for start in range(0, len(rows), chunk):
            self.session.execute(statement, rows[start : start + chunk])

    def next_id(self, model: type[Venue | Program | ActivitySession | HeadCount]) -> int:
        return (self.session.scalar(select(func.max(model.id))) or 0) + 1

    # -- venues and programs ------------------------------------------------------------------

    def add_venues(self) -> None:
        venue_id = self.next_id(Venue)
        rows = []
        for spec in VENUES:
            self.venue_ids[spec.key] = venue_id
            rows.append(
                {
                    "id": venue_id,
                    "name": spec.name,
                    "address": spec.address,
                    "transit": spec.transit,
                    "accessibility": spec.accessibility,
                    "rental_cents": spec.rental_cents,
                    "contact": spec.contact,
                    "notes": spec.notes,
                    **self.stamp(),
                }
            )
            venue_id += 1
        self.bulk(Venue, rows)
        self.counts["venues"] = len(rows)

    def plan_programs(self, count: int) -> None:
        rnd = self.rnd
        roster = self.roster
        factor = _size_factor(len(roster.members))
        program_id = self.next_id(Program)
        catalogue = _catalogue()
        for index in range(count):
            template, name, communities, heritage = next(catalogue)
            plan = _Plan(template, name, communities, template.languages, id=program_id)
            program_id += 1
            plan.venue = template.venue
            shift = index // len(BASE) if template.rhythm in ("weekly", "biweekly") else 0
            plan.weekdays = tuple((d + shift) % 7 for d in template.weekdays)
            if template.rhythm == "weekly" and len(roster.members) >= 5000 and index >= len(BASE):
                plan.weekdays += ((plan.weekdays[0] + 2) % 7,)  # a large group meets twice
            first_of_its_kind = name == template.name
            if template.rhythm in EVENTS or template.key == "tax":
                plan.ongoing = False  # dated by its sessions, see write_programs
            elif (template.key == "cooking" and first_of_its_kind) or (
                index >= len(BASE) and template.key != "jobs" and rnd.random() < 0.2
            ):
                # Started this year, some at a member's suggestion.
                plan.starts_on = self.today - timedelta(days=rnd.randint(120, 300))
            else:
                plan.starts_on = self.today - timedelta(days=rnd.randint(YEAR_DAYS + 30, 8 * 365))
            if template.key == "jobs" and first_of_its_kind:
                plan.ongoing = False  # the first job club ended when its mentor moved away
                plan.ends_on = self.today - timedelta(days=rnd.randint(40, 120))
            pool = roster.pool(template.who, communities)
            low, high = template.regulars
            wanted = round(rnd.randint(low, high) * (factor if template.drop_ins[1] else 1))
            plan.regulars = rnd.sample(pool, min(wanted, len(pool)))
            if heritage:
                plan.languages = (heritage, "en")
            elif template.rhythm in ("festival", "drive"):
                plan.languages = tuple(roster.main_languages)
            elif not plan.languages:
                plan.languages = self.spoken(plan.regulars, communities)
            self.choose_leaders(plan, factor)
            self.plans.append(plan)

    def spoken(self, regulars: Sequence[int], communities: Sequence[str]) -> tuple[str, ...]:
        """English, and the languages most spoken by the program's regulars."""
        if communities:
            community = next(c for c in COMMUNITIES if c.key == communities[0])
            return community.languages
        counted: Counter[str] = Counter()
        for pid in regulars:
            counted.update(self.roster.members[pid].languages)
        top = [code for code, _n in counted.most_common() if code != "en"][:2]
        return ("en", *top)

    def choose_leaders(self, plan: _Plan, factor: float) -> None:
        rnd = self.rnd
        members = self.roster.members
        volunteers = self.roster.volunteers
        if not volunteers:
            return
        fitting = [
            pid
            for pid in rnd.sample(volunteers, min(len(volunteers), 60))
            if (not plan.template.women_only or members[pid].gender == "woman")
            and (not plan.communities or members[pid].community in plan.communities)
        ]
        plan.leader = fitting[0] if fitting else rnd.choice(volunteers)
        helpers = {"festival": (8, 16), "drive": (4, 8)}.get(plan.template.key, (1, 3))
        wanted = round(rnd.randint(*helpers) * (factor if plan.template.key == "festival" else 1))
        others = [pid for pid in volunteers if pid != plan.leader]
        plan.helpers = rnd.sample(others, min(wanted, len(others)))

    def write_programs(self) -> None:
        rows = []
        for plan in self.plans:
            t = plan.template
            if plan.starts_on is None:  # a yearly event: it starts and ends with its sessions
                first = self.first_day
            else:
                first = max(plan.starts_on, self.first_day)
            last = min(plan.ends_on or self.last_day, self.last_day)
            plan.days = _dates(plan, first, last, self.today, self.rnd)
            if plan.starts_on is None and plan.days:
                plan.starts_on, plan.ends_on = plan.days[0], plan.days[-1]
            description = t.description
            if plan.communities and t.key != "heritage" and len(plan.communities) == 1:
                description += f" Run by and for the {plan.communities[0]} community."
            rows.append(
                {
                    "id": plan.id,
                    "name": plan.name,
                    "category": t.category,
                    "populations": list(t.populations),
                    "issues": list(t.issues),
                    "service_stream": t.stream,
                    "languages": list(plan.languages),
                    "description": description,
                    "leader_id": plan.leader,
                    "venue_id": self.venue_ids[plan.venue],
                    "starts_on": plan.starts_on,
                    "ends_on": plan.ends_on,
                    "ongoing": plan.ongoing,
                    **self.stamp(),
                }
            )
        self.bulk(Program, rows)
        self.counts["programs"] = len(rows)

    # -- sessions, attendance, head counts, hours ---------------------------------------------

    def write_sessions(self) -> None:
        rnd = self.rnd
        session_id = self.next_id(ActivitySession)
        other_venues = list(self.venue_ids)
        rows: list[dict[str, Any]] = []
        for plan in self.plans:
            t = plan.template
            topics = list(t.topics)
            rnd.shuffle(topics)
            for number, day in enumerate(plan.days):
                venue, notes = plan.venue, ""
                if rnd.random() < 0.04:
                    venue = rnd.choice([v for v in other_venues if v != plan.venue])
                    notes = "Moved: our usual room was booked."
                elif day.month in (1, 2) and day < self.today and rnd.random() < 0.06:
                    notes = "Snowstorm: many stayed home."
                    self.snowed_in.add(session_id)
                topic = ""
                if topics and rnd.random() < t.topic_share:
                    topic = topics[number % len(topics)]
                rows.append(
                    {
                        "id": session_id,
                        "program_id": plan.id,
                        "held_on": day,
                        "starts_at": t.times[0],
                        "ends_at": t.times[1],
                        "venue_id": self.venue_ids[venue],
                        "topic": topic,
                        "notes": notes,
                        **self.stamp(),
                    }
                )
                plan.sessions.append((session_id, day))
                session_id += 1
        self.bulk(ActivitySession, rows)
        self.counts["sessions"] = len(rows)

    def held(self, plan: _Plan) -> list[tuple[int, date]]:
        return [(sid, day) for sid, day in plan.sessions if day <= self.today]

    def write_attendance(self) -> None:
        rnd = self.rnd
        roster = self.roster
        for plan in self.plans:
            held = self.held(plan)
            if not held:
                continue
            if plan.template.rhythm in EVENTS:
                self.event_attendance(plan, held)
                continue
            # Each regular comes to 60-80% of the sessions, some joining or leaving mid-year.
            habits = []
            for pid in plan.regulars:
                joins = rnd.randrange(len(held)) if rnd.random() < 0.25 else 0
                leaves = rnd.randrange(joins, len(held)) + 1 if rnd.random() < 0.1 else len(held)
                habits.append((pid, rnd.uniform(0.6, 0.8), joins, leaves))
            pool = roster.pool(plan.template.who, plan.communities)
            low, high = plan.template.drop_ins
            for number, (sid, _day) in enumerate(held):
                damped = 0.4 if sid in self.snowed_in else 1.0
                came = {
                    pid
                    for pid, share, joins, leaves in habits
                    if joins <= number < leaves and rnd.random() < share * damped
                }
                for _index in range(rnd.randint(low, high) if pool else 0):
                    came.add(rnd.choice(pool))
                self.attend(plan, sid, sorted(came))

    def attend(self, plan: _Plan, session_id: int, people: Sequence[int]) -> None:
        for pid in people:
            self.attendance_rows.append({"session_id": session_id, "person_id": pid})
        plan.attendees.update(people)
        if len(self.attendance_rows) >= _ATTENDANCE_BATCH:
            self.flush_attendance()

    def flush_attendance(self) -> None:
        if self.attendance_rows:
            self.bulk(Attendance, self.attendance_rows, _ATTENDANCE_BATCH)
            self.counts["attendance"] += len(self.attendance_rows)
            self.attendance_rows = []

    def event_attendance(self, plan: _Plan, held: Sequence[tuple[int, date]]) -> None:
        """A few names, and for the festival and the drive, everybody else counted at the door."""
        rnd = self.rnd
        pool = self.roster.pool(plan.template.who, plan.communities)
        for sid, _day in held:
            if plan.template.key == "evening":  # a community's own evening: names taken
                self.attend(plan, sid, sorted(p for p in plan.regulars if rnd.random() < 0.8))
                continue
            named = sorted(rnd.sample(pool, min(len(pool), rnd.randint(4, 12))))
            if plan.template.key == "festival":
                self.festival_counts(plan, sid, named, link=sid == held[0][0])
            else:
                self.drive_counts(sid)
                self.attend(plan, sid, named)

    def festival_counts(self, plan: _Plan, sid: int, named: Sequence[int], link: bool) -> None:
        """Hundreds counted by age band, gender and language; a few people named."""
        rnd = self.rnd
        members = self.roster.members
        total = min(5000, 200 + len(members) // 4) * rnd.uniform(0.8, 1.2)
        languages = [*self.roster.main_languages, ""]
        # English most, then the community languages; a quarter of people's languages not noted.
        weights = [1 / (number + 1.5) for number in range(len(languages) - 1)]
        language_shares = [0.75 * w / sum(weights) for w in weights] + [0.25]
        band_shares = (0.12, 0.18, 0.1, 0.1, 0.25, 0.17, 0.08)
        cells: dict[tuple[str, str, str], int] = {}
        for band, band_share in zip(AGE_BANDS, band_shares, strict=True):
            for gender, gender_share in (("woman", 0.5), ("man", 0.48), ("another", 0.02)):
                for language, share in zip(languages, language_shares, strict=True):
                    jitter = rnd.uniform(0.7, 1.3)
                    people = round(total * band_share * gender_share * share * jitter)
                    if people:
                        cells[(band, gender, language)] = people
        cells[("", "", "")] = round(total * 0.05)  # counted in the rush, nothing noted
        linked: dict[int, tuple[str, str, str]] = {}
        if link:  # two or three who first came in the crowd, named since (a raffle ticket)
            for pid in named[: rnd.randint(2, 3)]:
                member = members[pid]
                language = next((code for code in member.languages if code in languages), "")
                gender = member.gender if member.gender in ("woman", "man", "another") else ""
                key = (age_band(member.age), gender, language)
                linked[pid] = key
                with_them = sum(1 for k in linked.values() if k == key)
                cells[key] = max(cells.get(key, 0), with_them + rnd.randint(0, 5))
        ids = self.write_head_counts(sid, cells)
        self.attend(plan, sid, [pid for pid in named if pid not in linked])
        rows = [
            {"session_id": sid, "person_id": pid, "head_count_id": ids[key]}
            for pid, key in linked.items()
        ]
        self.bulk(Attendance, rows)
        self.counts["attendance"] += len(rows)
        plan.attendees.update(linked)

    def drive_counts(self, sid: int) -> None:
        """Families picking up coats, counted by age band and gender; languages not noted."""
        rnd = self.rnd
        size = min(400, 30 + len(self.roster.members) // 200)
        cells = {
            (band, gender, ""): rnd.randint(0, size // 6)
            for band in AGE_BANDS
            for gender in ("woman", "man")
        }
        self.write_head_counts(sid, {k: v for k, v in cells.items() if v})

    def write_head_counts(
        self, sid: int, cells: dict[tuple[str, str, str], int]
    ) -> dict[tuple[str, str, str], int]:
        head_id = self.next_id(HeadCount)
        ids = {}
        rows = []
        for key, people in sorted(cells.items()):
            ids[key] = head_id
            band, gender, language = key
            rows.append(
                {
                    "id": head_id,
                    "session_id": sid,
                    "age_band": band,
                    "gender": gender,
                    "language": language,
                    "people": people,
                }
            )
            head_id += 1
        self.bulk(HeadCount, rows)
        self.counts["head_counts"] += len(rows)
        return ids

    def write_hours(self) -> None:
        rnd = self.rnd
        rows: list[dict[str, Any]] = []

        def log(
            pid: int, plan: _Plan | None, sid: int | None, day: date, role: str, note: str
        ) -> None:
            rows.append(
                {
                    "person_id": pid,
                    "session_id": sid,
                    "program_id": plan.id if plan else None,
                    "worked_on": day,
                    "minutes": rnd.choice((60, 75, 90, 120, 150, 180)),
                    "role": role,
                    "note": note,
                    **self.stamp(),
                }
            )

        for plan in self.plans:
            t = plan.template
            event = t.rhythm in EVENTS
            for sid, day in self.held(plan):
                if plan.leader is not None and rnd.random() < 0.9:
                    log(plan.leader, plan, sid, day, t.lead_role, "")
                for pid in plan.helpers:
                    if event or rnd.random() < 0.5:
                        log(pid, plan, sid, day, rnd.choice(t.roles), "")
            if event and plan.leader is not None and plan.days:
                first = plan.days[0]
                for weeks in (6, 4, 2, 1):
                    day = first - timedelta(weeks=weeks)
                    if self.first_day <= day <= self.today:
                        log(plan.leader, plan, None, day, "Planning", f"Preparing the {plan.name}")
        volunteers = self.roster.volunteers
        for pid in rnd.sample(volunteers, min(len(volunteers), max(3, len(volunteers) // 5))):
            for _index in range(rnd.randint(1, 6)):
                day = self.today - timedelta(days=rnd.randint(0, YEAR_DAYS - 1))
                role, note = rnd.choice(FREE_HOURS)
                log(pid, None, None, day, role, note)
        self.bulk(VolunteerHours, rows)
        self.counts["volunteer_hours"] = len(rows)

    # -- what people said and asked for --------------------------------------------------------

    def write_feedback(self) -> None:
        """A few dozen testimonials, each said once, by people who came to the program."""
        rnd = self.rnd
        wanted = min(48, 24 + len(self.plans) // 4)
        programs = [p for p in self.plans if p.attendees]
        said: set[str] = set()
        rows = []
        for number in range(wanted if programs else 0):
            language = FEEDBACK_LANGUAGES[number % len(FEEDBACK_LANGUAGES)]
            unsaid = [(key, words) for key, words in TESTIMONIALS[language] if words not in said]
            quotable = number % 5 in (0, 2, 3)  # three in five agreed to be quoted
            found = self.speaker(programs, language, {key for key, _words in unsaid}, quotable)
            if found is None:
                continue
            plan, pid = found
            fitting = [words for key, words in unsaid if key == plan.template.key]
            words = rnd.choice(fitting or [words for key, words in unsaid if not key])
            said.add(words)
            held = [day for _sid, day in self.held(plan)]
            rows.append(
                {
                    "program_id": plan.id,
                    "person_id": pid,
                    "given_on": rnd.choice(held),
                    "language": language,
                    "words": words,
                    **self.stamp(),
                }
            )
        self.bulk(Feedback, rows)
        self.counts["feedback"] = len(rows)

    def speaker(
        self, programs: Sequence[_Plan], language: str, topics: set[str], quotable: bool
    ) -> tuple[_Plan, int] | None:
        """An adult who came to a program there are words for (`topics`: template keys, "" for
        any program), speaks `language`, and agreed to be quoted or not."""
        rnd = self.rnd
        roster = self.roster
        for plan in rnd.sample(programs, len(programs)):
            if plan.template.key not in topics and "" not in topics:
                continue
            fitting = [
                pid
                for pid in sorted(plan.attendees)
                if roster.adult(pid)
                and language in roster.members[pid].languages
                and (pid in roster.quotable) == quotable
            ]
            if fitting:
                return plan, rnd.choice(fitting)
        return None

    def write_suggestions(self) -> None:
        rnd = self.rnd
        adults = self.roster.pool(("adults",))
        by_key: dict[str, _Plan] = {}
        for candidate in self.plans:
            by_key.setdefault(candidate.template.key, candidate)
        rows = []
        for words, status, key, response in SUGGESTIONS:
            plan = by_key.get(key)
            if status == "done" and plan is None:
                status, response = "planned", "We are looking for a volunteer to lead it."
            if status == "done" and plan and plan.starts_on and key in STARTED_BY_SUGGESTION:
                # Asked for, then started: perhaps years ago for a program that has lasted.
                on = plan.starts_on - timedelta(days=rnd.randint(30, 60))
            else:
                on = self.today - timedelta(days=rnd.randint(0, YEAR_DAYS - 1))
            rows.append(
                {
                    "person_id": rnd.choice(adults) if adults else None,
                    "suggested_on": on,
                    "words": words,
                    "status": status,
                    "program_id": plan.id if plan and status != "new" else None,
                    "response": response,
                    **self.stamp(),
                }
            )
        self.bulk(Suggestion, rows)
        self.counts["suggestions"] = len(rows)

    def result(self) -> ActivityCounts:
        c = self.counts
        return ActivityCounts(
            c["venues"],
            c["programs"],
            c["sessions"],
            c["attendance"],
            c["head_counts"],
            c["volunteer_hours"],
            c["feedback"],
            c["suggestions"],
        )


def add_activities(
    session: Session, rnd: random.Random, today: date, now: datetime
) -> ActivityCounts:
    """A year of activities for the people already in the sample, ending `today`."""
    made = _Activities(session, rnd, today, now)
    made.add_venues()
    made.plan_programs(_programs_for(len(made.roster.members)))
    made.write_programs()
    made.write_sessions()
    made.write_attendance()
    made.flush_attendance()
    made.write_hours()
    made.write_feedback()
    made.write_suggestions()
    return made.result()
