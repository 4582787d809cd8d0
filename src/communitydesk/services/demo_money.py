"""Two fiscal years of the sample organization's books: the last complete one, closed and
reconciled, and the current one up to today.

What a small community group's treasurer actually records: the hall rent every month, food and
bus tickets for the sessions, members' dues (marking their membership paid), donations (more in
December), a fundraising dinner, a community-foundation grant received in instalments and spent
on its budget, a restricted fund for the youth program, bank fees, cash deposited from the cash
box and petty cash topped up from the bank. Budgets for both years, by category, some by program
and by the grant.

Balances are followed as the entries are made, so that no account or fund goes below zero, and
everything is written with Core bulk inserts. Everything but the uids comes from the `random`
given, so a seed gives the same books every time. Payees and memos are sample data as a group
would type them, not interface strings.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import partial
from typing import Any, Final, NamedTuple

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from communitydesk.core.i18n import _
from communitydesk.models import (
    Attachment,
    BudgetLine,
    ClosedPeriod,
    DonationReceipt,
    Fund,
    GrantDeadline,
    Household,
    Membership,
    MoneyAccount,
    MoneyCategory,
    MoneyTransaction,
    Organization,
    Person,
    Program,
    Reconciliation,
    RecurringEntry,
    StatementImport,
    StatementLine,
    TransactionSplit,
    Volunteer,
)
from communitydesk.models.base import new_uid, utc_now
from communitydesk.services.membership import add_months
from communitydesk.services.money_defaults import seed_default_categories
from communitydesk.services.periods import fiscal_year, fiscal_year_of
from communitydesk.services.recurring import template_json
from communitydesk.services.transactions import SplitInput, TransactionInput

CHEQUING_OPENING: Final = 6_200_00
CASH_OPENING: Final = 150_00
PETTY_OPENING: Final = 100_00
PETTY_TOP_UP: Final = 200_00
CASH_KEPT: Final = 100_00  # a float left in the cash box when the rest goes to the bank
YOUTH_OPENING: Final = 450_00

RENT: Final = 350_00
RENT_FROM_GRANT: Final = 160_00  # the homework club's room, on the grant's budget
GRANT_AWARDED: Final = 12_000_00
GRANT_INSTALMENTS: Final = (6_000_00, 4_800_00)  # the last 1,200 comes after the final report
# The grant's approved budget for its twelve months, by category.
GRANT_BUDGET: Final = {
    "honoraria": 5_400_00,
    "food": 1_800_00,
    "transport_bus": 1_500_00,
    "supplies": 1_300_00,
    "rent": 2_000_00,
}
TUTOR_MONTHLY: Final = 225_00

FOUNDATION: Final = "Riverside Community Foundation"
CREDIT_UNION: Final = "Riverside Community Credit Union"
HALL: Final = "St. Mark's Parish Hall"
GROCERS: Final = (
    "Food Basics",
    "Adonis",
    "Al-Madina Halal Market",
    "T&T Supermarket",
    "Costco",
    "No Frills",
)
SUPPLY_SHOPS: Final = ("Dollarama", "Staples", "Canadian Tire", "Giant Tiger")
GIVERS: Final = (
    "Masjid Al-Nur",
    "St. Mark's Anglican Church",
    "Pho Saigon Restaurant",
    "Dahabshiil Ottawa",
    "Ottawa Valley Tamil Association",
    "Marché Lasalle",
)
DONATIONS: Final = (20, 25, 25, 30, 40, 50, 50, 50, 75, 100, 100, 150, 200, 250)


class Part(NamedTuple):
    """A split as the generator writes it: the category by its seeded code."""

    code: str
    cents: int
    program: int | None = None
    fund: int | None = None
    memo: str = ""


@dataclass(frozen=True)
class _Accounts:
    chequing: int
    cash: int
    petty: int


@dataclass(frozen=True)
class _Funds:
    grant: int
    youth: int


def _month_end(day: date) -> date:
    return add_months(day.replace(day=1), 1) - timedelta(days=1)


def _weekday_from(day: date, weekday: int) -> date:
    """The first `weekday` (0 Monday) on or after `day`."""
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def _dollars(low: int, high: int, rnd: random.Random) -> int:
    """An amount in cents between two dollar amounts, with cents as receipts have them."""
    return rnd.randint(low * 100, high * 100)


def _round(cents: int, step: int = 25_00) -> int:
    """To the nearest `step` (half up), never below one step: budgets are round figures."""
    return max(step, (cents + step // 2) // step * step)


class _Books:
    def __init__(
        self, session: Session, today: date, fiscal_start_month: int, rnd: random.Random
    ) -> None:
        self.session = session
        self.today = today
        self.rnd = rnd
        self.now = utc_now()
        self.month = fiscal_start_month
        current = fiscal_year_of(today, fiscal_start_month)
        self.years = (current - 1, current)
        self.start = fiscal_year(current - 1, fiscal_start_month).start
        self.current_start = fiscal_year(current, fiscal_start_month).start
        seed_default_categories(session)
        self.categories: dict[str, int] = {}
        self.category_uids: dict[str, str] = {}
        for code, category_id, uid in session.execute(
            select(MoneyCategory.code, MoneyCategory.id, MoneyCategory.uid).where(
                MoneyCategory.code != "", MoneyCategory.deleted_at.is_(None)
            )
        ).all():
            self.categories[code] = category_id
            self.category_uids[code] = uid
        self.programs: list[tuple[int, str, str]] = [
            (program_id, name, uid)
            for program_id, name, uid in session.execute(
                select(Program.id, Program.name, Program.uid)
                .where(Program.deleted_at.is_(None))
                .order_by(Program.id)
            ).all()
        ]
        # Donors and helpers: a sample of the adults, enough for two years at any roster size.
        self.adults: list[int] = list(
            session.scalars(
                select(Person.id)
                .where(
                    Person.deleted_at.is_(None),
                    Person.household_role.in_(("main_contact", "spouse")),
                )
                .order_by(Person.id)
                .limit(2_000)
            )
        )
        self.helpers: list[int] = (
            list(session.scalars(select(Volunteer.person_id).order_by(Volunteer.id).limit(200)))
            or self.adults[:5]
        )
        self.transactions: list[dict[str, Any]] = []
        self.splits: list[dict[str, Any]] = []
        self.next_id = (session.scalar(select(func.max(MoneyTransaction.id))) or 0) + 1
        self.balances: dict[int, int] = {}
        self.fund_balances: dict[int | None, int] = {None: 0}
        self.cheque = 100 + rnd.randint(1, 50)

    # --- the pieces ------------------------------------------------------------------------------

    def write(self) -> None:
        self.accounts = self._add_accounts()
        self.funds = self._add_funds()
        self.youth_program = self._program("homework", "youth", "soccer")
        self.rent_recurring = self._add_recurring_rent()
        events = self._events()
        events.sort(key=lambda event: (event[0], event[1]))
        for _day, _order, make in events:
            make()
        self._reconcile()
        self._write_entries()
        self._add_receipts()
        self._add_budgets()
        self._close_previous_year()

    def _row(self, **values: Any) -> dict[str, Any]:
        return {
            "uid": new_uid(),
            "created_at": self.now,
            "updated_at": self.now,
            "deleted_at": None,
            **values,
        }

    def _insert(self, model: type[Any], **values: Any) -> int:
        return int(self.session.scalar(insert(model).returning(model.id).values(**values)) or 0)

    def _add_accounts(self) -> _Accounts:
        made = []
        for name, kind, institution, hint, opening in (
            (_("Chequing account"), "bank", CREDIT_UNION, "4821", CHEQUING_OPENING),
            (_("Cash box"), "cash", "", "", CASH_OPENING),
            (_("Petty cash"), "petty_cash", "", "", PETTY_OPENING),
        ):
            account_id = self._insert(
                MoneyAccount,
                **self._row(
                    name=name,
                    kind=kind,
                    institution=institution,
                    number_hint=hint,
                    opening_cents=opening,
                    opening_on=self.start,
                    closed=False,
                    notes="",
                ),
            )
            self.balances[account_id] = opening
            self.fund_balances[None] += opening
            made.append(account_id)
        accounts = _Accounts(*made)
        self.account_uids = dict(
            self.session.execute(
                select(MoneyAccount.id, MoneyAccount.uid).where(MoneyAccount.id.in_(made))
            ).all()
        )
        return accounts

    def _add_funds(self) -> _Funds:
        # A twelve-month grant that began ten months ago: its interim report is done, the final
        # one comes up in the next weeks.
        self.grant_start = add_months(self.today.replace(day=1), -10)
        self.grant_end = add_months(self.grant_start, 12) - timedelta(days=1)
        grant = self._insert(
            Fund,
            **self._row(
                name=_("Youth mentoring grant"),
                is_grant=True,
                funder=FOUNDATION,
                awarded_cents=GRANT_AWARDED,
                starts_on=self.grant_start,
                ends_on=self.grant_end,
                purpose=(
                    "Homework help and mentoring for newcomer youth: tutors' honoraria, snacks, "
                    "bus tickets, school supplies and the homework club's room."
                ),
                conditions=(
                    "Spend only on the approved budget lines, keep every receipt, thank the "
                    "Foundation on flyers and at events, return what is not spent. Paid in "
                    "three instalments: 50% at signing, 40% after the interim report, 10% after "
                    "the final report."
                ),
                opening_cents=0,
                closed=False,
            ),
        )
        youth = self._insert(
            Fund,
            **self._row(
                name=_("Youth program fund"),
                is_grant=False,
                funder="",
                awarded_cents=None,
                starts_on=None,
                ends_on=None,
                purpose="Donations given for the youth program: sports equipment, outings, bus "
                "tickets.",
                conditions="",
                opening_cents=YOUTH_OPENING,
                closed=False,
            ),
        )
        self.fund_balances[grant] = 0
        self.fund_balances[youth] = YOUTH_OPENING
        self.fund_balances[None] -= YOUTH_OPENING
        interim = add_months(self.grant_start, 6) + timedelta(days=14)
        self.interim_done = interim - timedelta(days=4)
        self.session.execute(
            insert(GrantDeadline),
            [
                self._row(
                    fund_id=grant,
                    due_on=interim,
                    what=_("Interim report and budget update"),
                    done_on=self.interim_done,
                ),
                self._row(
                    fund_id=grant,
                    due_on=add_months(self.grant_start, 11) + timedelta(days=14),
                    what=_("Final report: activities, participants and spending"),
                    done_on=None,
                ),
            ],
        )
        self.fund_uids = dict(
            self.session.execute(select(Fund.id, Fund.uid).where(Fund.id.in_((grant, youth)))).all()
        )
        return _Funds(grant, youth)

    def _program(self, *words: str, fallback: bool = True) -> int | None:
        """The first program whose name has one of `words`; else the first program, if
        `fallback`."""
        for word in words:
            for program_id, name, _uid in self.programs:
                if word in name.lower():
                    return program_id
        return self.programs[0][0] if self.programs and fallback else None

    def _any_program(self) -> int | None:
        return self.rnd.choice(self.programs)[0] if self.programs else None

    def _grant_on(self, day: date) -> bool:
        return self.grant_start <= day <= self.grant_end

    def _rent_parts(self, day: date) -> list[Part]:
        general = self._program("seniors", "women", "english")
        if self._grant_on(day):
            return [
                Part(
                    "rent", RENT_FROM_GRANT, self.youth_program, self.funds.grant, "Homework room"
                ),
                Part("rent", RENT - RENT_FROM_GRANT, general, None, "Main hall"),
            ]
        return [
            Part("rent", RENT_FROM_GRANT, self.youth_program, None, "Homework room"),
            Part("rent", RENT - RENT_FROM_GRANT, general, None, "Main hall"),
        ]

    def _add_recurring_rent(self) -> int:
        """The hall rent as a recurring entry: recorded every month so far, due again next."""
        next_on = add_months(self.today.replace(day=1), 1)
        program_uids = {program_id: uid for program_id, _name, uid in self.programs}
        template = TransactionInput(
            entry_date=self.start,  # the series' first date
            kind="expense",
            amount_cents=RENT,
            account_uid=self.account_uids[self.accounts.chequing],
            splits=tuple(
                SplitInput(
                    self.category_uids[part.code],
                    part.cents,
                    program_uids.get(part.program, "") if part.program else "",
                    self.fund_uids[part.fund] if part.fund else "",
                    part.memo,
                )
                for part in self._rent_parts(next_on)
            ),
            payee=HALL,
            memo="Monthly rent",
        )
        return self._insert(
            RecurringEntry,
            **self._row(
                name=_("Hall rent"),
                every="monthly",
                next_on=next_on,
                ends_on=None,
                active=True,
                template=template_json(template),
            ),
        )

    # --- writing one entry -----------------------------------------------------------------------

    def entry(
        self,
        day: date,
        kind: str,
        account: int,
        parts: Sequence[Part] = (),
        *,
        amount: int = 0,
        to_account: int | None = None,
        person: int | None = None,
        payee: str = "",
        memo: str = "",
        reference: str = "",
        membership: int | None = None,
        recurring: int | None = None,
    ) -> int:
        if parts:
            amount = sum(part.cents for part in parts)
        assert amount > 0
        transaction_id = self.next_id
        self.next_id += 1
        recorded = datetime.combine(day, time(19), tzinfo=UTC)
        self.transactions.append(
            {
                "id": transaction_id,
                "uid": new_uid(),
                "entry_date": day,
                "kind": kind,
                "amount_cents": amount,
                "account_id": account,
                "to_account_id": to_account,
                "person_id": person,
                "payee": "" if person is not None else payee,
                "memo": memo,
                "reference": reference,
                "cleared": False,
                "reconciliation_id": None,
                "membership_id": membership,
                "recurring_id": recurring,
                "created_at": min(recorded, self.now),
                "updated_at": min(recorded, self.now),
                "deleted_at": None,
            }
        )
        sign = 1 if kind == "income" else -1
        self.balances[account] += sign * amount
        if to_account is not None:
            self.balances[to_account] += amount
        for part in parts:
            self.splits.append(
                {
                    "uid": new_uid(),
                    "transaction_id": transaction_id,
                    "category_id": self.categories[part.code],
                    "program_id": part.program,
                    "fund_id": part.fund,
                    "amount_cents": part.cents,
                    "memo": part.memo,
                    "created_at": self.now,
                    "updated_at": self.now,
                    "deleted_at": None,
                }
            )
            self.fund_balances[part.fund] = self.fund_balances.get(part.fund, 0) + sign * part.cents
        return transaction_id

    def _fund_or_not(self, fund: int, cents: int) -> int | None:
        """The fund when it holds enough, else unrestricted money pays (as the group would)."""
        return fund if self.fund_balances.get(fund, 0) >= cents else None

    def _next_cheque(self) -> str:
        self.cheque += 1
        return str(self.cheque)

    def _e_transfer(self) -> str:
        return f"ET{self.rnd.randint(100_000, 999_999)}"

    def _from_petty_cash(self, day: date, cents: int) -> int:
        """Petty cash pays when it can; it is topped up from the bank first when low."""
        petty = self.accounts.petty
        if self.balances[petty] < cents + 10_00:
            top_up = max(100_00, (PETTY_TOP_UP + cents - self.balances[petty]) // 10_00 * 10_00)
            self.entry(
                day,
                "transfer",
                self.accounts.chequing,
                amount=top_up,
                to_account=petty,
                memo="Cash withdrawn for petty cash",
            )
        return petty

    # --- what happens in the two years -----------------------------------------------------------

    def _months(self) -> Iterator[date]:
        month = self.start
        while month <= self.today:
            yield month
            month = add_months(month, 1)

    def _events(self) -> list[tuple[date, int, Callable[[], Any]]]:
        events: list[tuple[date, int, Callable[[], Any]]] = []
        rnd = self.rnd

        def add(day: date, make: Callable[[], Any], order: int = 5) -> None:
            if self.start <= day <= self.today:
                events.append((day, order, make))

        for month in self._months():
            end = _month_end(month)
            fiscal_month = (month.month - self.month) % 12
            add(month, partial(self._rent, month), 1)
            add(end, partial(self._bank_fee, end), 8)
            add(month + timedelta(days=rnd.randint(2, 9)), partial(self._phone, month))
            for _index in range(rnd.randint(2, 3)):
                day = month + timedelta(days=rnd.randint(0, 27))
                add(day, partial(self._food, day))
            add(month + timedelta(days=rnd.randint(0, 6)), partial(self._bus, month))
            if rnd.random() < 0.4:
                day = month + timedelta(days=rnd.randint(3, 25))
                add(day, partial(self._supplies, day))
            if fiscal_month % 3 == 1:
                day = month + timedelta(days=rnd.randint(5, 20))
                add(day, partial(self._printing, day))
            if fiscal_month % 3 == 2:
                add(end, partial(self._interest, end), 7)
            if fiscal_month in (2, 8):
                day = month + timedelta(days=rnd.randint(8, 22))
                add(day, partial(self._interpreter, day))
            for _index in range(rnd.randint(2, 5) + (4 if month.month == 12 else 0)):
                day = month + timedelta(days=rnd.randint(0, 27))
                add(day, partial(self._donation, day))
            if rnd.random() < 0.45:
                day = month + timedelta(days=rnd.randint(0, 27))
                add(day, partial(self._gift_from_group, day))
            if rnd.random() < 0.25:
                day = month + timedelta(days=rnd.randint(0, 27))
                add(day, partial(self._youth_outing, day))
            if fiscal_month == 0:
                day = _weekday_from(month + timedelta(days=14), 5)
                add(day, partial(self._volunteer_thanks, day))
            if fiscal_month == 2:
                day = month + timedelta(days=rnd.randint(3, 20))
                add(day, partial(self._youth_sponsor, day))
            if fiscal_month == 1:
                add(month + timedelta(days=9), partial(self._insurance, month + timedelta(days=9)))
            if fiscal_month == 5:
                add(month + timedelta(days=20), partial(self._filing, month + timedelta(days=20)))
            if fiscal_month == 4:
                day = _weekday_from(month + timedelta(days=7), 5)
                add(day, partial(self._festival, day))
            if fiscal_month == 7:
                self._dinner(_weekday_from(month + timedelta(days=7), 5), add)
            if self._grant_on(month):
                self._grant_month(month, add)
            add(end, partial(self._deposit_cash, end), 9)
        add(self.grant_start + timedelta(days=10), partial(self._instalment, 0), 0)
        add(self.interim_done + timedelta(days=12), partial(self._instalment, 1), 0)
        for membership_id, person_id, dues, paid_on in self.session.execute(
            select(Membership.id, Membership.person_id, Membership.dues_cents, Membership.paid_on)
            .where(
                Membership.deleted_at.is_(None),
                Membership.paid_on.is_not(None),
                Membership.dues_cents > 0,
            )
            .order_by(Membership.id)
        ).all():
            if paid_on is not None:
                add(paid_on, partial(self._dues, paid_on, membership_id, person_id, dues), 2)
        return events

    def _rent(self, month: date) -> None:
        self.entry(
            month,
            "expense",
            self.accounts.chequing,
            self._rent_parts(month),
            payee=HALL,
            memo="Monthly rent",
            reference=self._next_cheque(),
            recurring=self.rent_recurring,
        )

    def _bank_fee(self, day: date) -> None:
        self.entry(
            day,
            "expense",
            self.accounts.chequing,
            [Part("bank_fees", 6_50)],
            payee=CREDIT_UNION,
            memo="Monthly account fee",
        )

    def _phone(self, month: date) -> None:
        self.entry(
            month,
            "expense",
            self.accounts.chequing,
            [Part("phone_internet", 25_00)],
            payee="Public Mobile",
            memo="The group's phone line",
        )

    def _food(self, day: date) -> None:
        cents = _dollars(28, 140, self.rnd)
        program = self._any_program()
        fund = None
        if self._grant_on(day) and self.rnd.random() < 0.4:
            program = self.youth_program
            fund = self._fund_or_not(self.funds.grant, cents)
        account = self._from_petty_cash(day, cents) if cents < 80_00 else self.accounts.chequing
        self.entry(
            day,
            "expense",
            account,
            [Part("food", cents, program, fund)],
            payee=self.rnd.choice(GROCERS),
            memo="Snacks for the homework club" if fund else "Food for the session",
        )

    def _bus(self, month: date) -> None:
        cents = _dollars(60, 150, self.rnd)
        if self._grant_on(month):
            fund = self._fund_or_not(self.funds.grant, cents)
        else:
            fund = self._fund_or_not(self.funds.youth, cents)
        self.entry(
            month,
            "expense",
            self.accounts.chequing,
            [Part("transport_bus", cents, self.youth_program, fund)],
            payee="OC Transpo",
            memo="Bus tickets for families coming to sessions",
        )

    def _supplies(self, day: date) -> None:
        cents = _dollars(35, 180, self.rnd)
        program = self._any_program()
        fund = None
        if self._grant_on(day) and self.rnd.random() < 0.5:
            program = self.youth_program
            fund = self._fund_or_not(self.funds.grant, cents)
        account = self._from_petty_cash(day, cents) if cents < 60_00 else self.accounts.chequing
        self.entry(
            day,
            "expense",
            account,
            [Part("supplies", cents, program, fund)],
            payee=self.rnd.choice(SUPPLY_SHOPS),
            memo="School supplies" if fund else "Craft and session supplies",
        )

    def _printing(self, day: date) -> None:
        self.entry(
            day,
            "expense",
            self.accounts.chequing,
            [Part("printing", _dollars(30, 95, self.rnd))],
            payee="Staples Print",
            memo="Flyers in five languages",
        )

    def _interest(self, day: date) -> None:
        self.entry(
            day,
            "income",
            self.accounts.chequing,
            [Part("interest", self.rnd.randint(80, 420))],
            payee=CREDIT_UNION,
            memo="Interest",
        )

    def _interpreter(self, day: date) -> None:
        self.entry(
            day,
            "expense",
            self.accounts.chequing,
            [
                Part(
                    "interpretation",
                    _dollars(110, 180, self.rnd),
                    self._program("parent", fallback=False),
                )
            ],
            payee=self.rnd.choice(
                ("Dari interpreter", "Somali interpreter", "Tigrinya interpreter")
            ),
            memo="Interpretation at the parents' evening",
            reference=self._e_transfer(),
        )

    def _donation(self, day: date) -> None:
        rnd = self.rnd
        if not self.adults or rnd.random() < 0.25:
            self.entry(
                day,
                "income",
                self.accounts.cash,
                [Part("donations_individual", _dollars(12, 60, rnd))],
                payee="Donation jar at sessions",
            )
            return
        by_transfer = rnd.random() < 0.6
        self.entry(
            day,
            "income",
            self.accounts.chequing if by_transfer else self.accounts.cash,
            [Part("donations_individual", rnd.choice(DONATIONS) * 100)],
            person=rnd.choice(self.adults),
            reference=self._e_transfer() if by_transfer else "",
        )

    def _gift_from_group(self, day: date) -> None:
        cents = self.rnd.randint(3, 15) * 50_00
        youth = self.rnd.random() < 0.4
        self.entry(
            day,
            "income",
            self.accounts.chequing,
            [
                Part(
                    "donations_business",
                    cents,
                    self.youth_program if youth else None,
                    self.funds.youth if youth else None,
                    "For the youth program" if youth else "",
                )
            ],
            payee=self.rnd.choice(GIVERS),
            reference=str(self.rnd.randint(1000, 9999)),
        )

    def _youth_sponsor(self, day: date) -> None:
        """The Rotary club sponsors the youth program each summer: restricted to it."""
        self.entry(
            day,
            "income",
            self.accounts.chequing,
            [
                Part(
                    "donations_business",
                    self.rnd.choice((500_00, 600_00, 750_00)),
                    self.youth_program,
                    self.funds.youth,
                    "For the youth program",
                )
            ],
            payee="Rotary Club of Riverside",
            reference=str(self.rnd.randint(1000, 9999)),
        )

    def _youth_outing(self, day: date) -> None:
        cents = _dollars(90, 260, self.rnd)
        fund = self._fund_or_not(self.funds.youth, cents)
        if fund is None:
            return  # the outing waits until the fund can pay for it
        code, payee, memo = self.rnd.choice(
            (
                ("events", "Canadian Museum of Nature", "Youth outing"),
                ("supplies", "Sport Chek", "Soccer balls and pinnies"),
                ("events", "Bowling Saint-Laurent", "Youth outing"),
            )
        )
        self.entry(
            day,
            "expense",
            self.accounts.chequing,
            [Part(code, cents, self._program("soccer", "youth"), fund)],
            payee=payee,
            memo=memo,
        )

    def _volunteer_thanks(self, day: date) -> None:
        self.entry(
            day,
            "expense",
            self.accounts.chequing,
            [Part("volunteer_appreciation", _dollars(160, 260, self.rnd))],
            payee="Volunteer Week potluck",
            memo="Gift cards and cake for the volunteers",
        )

    def _insurance(self, day: date) -> None:
        self.entry(
            day,
            "expense",
            self.accounts.chequing,
            [Part("insurance", 685_00)],
            payee="Community Insurance Co-op",
            memo="Liability insurance for the year",
            reference=self._next_cheque(),
        )

    def _filing(self, day: date) -> None:
        self.entry(
            day,
            "expense",
            self.accounts.chequing,
            [Part("registration", 12_00)],
            payee="Corporations Canada",
            memo="Annual return",
        )

    def _festival(self, day: date) -> None:
        festival = self._program("festival", fallback=False)
        self.entry(
            day,
            "expense",
            self.accounts.chequing,
            [Part("food", _dollars(180, 320, self.rnd), festival)],
            payee=self.rnd.choice(GROCERS),
            memo="Ingredients for the food stall",
        )
        self.entry(
            day,
            "income",
            self.accounts.cash,
            [Part("sales", _dollars(350, 650, self.rnd), festival)],
            payee="Community festival",
            memo="Food stall sales",
        )

    def _dinner(self, day: date, add: Callable[..., None]) -> None:
        """The fundraising dinner: tickets before and at the door, a raffle, donations, the
        caterer and the hall, then the cash goes to the bank on Monday."""
        rnd = self.rnd
        ticket = 35_00

        def tickets_ahead() -> None:
            self.entry(
                day - timedelta(days=3),
                "income",
                self.accounts.chequing,
                [Part("fundraising", ticket * rnd.randint(30, 45))],
                payee="Fundraising dinner",
                memo="Tickets sold by e-transfer",
            )

        def evening() -> None:
            self.entry(
                day,
                "income",
                self.accounts.cash,
                [Part("fundraising", ticket * rnd.randint(15, 28), memo="Tickets at the door")],
                payee="Fundraising dinner",
            )
            self.entry(
                day,
                "income",
                self.accounts.cash,
                [
                    Part("fundraising", _dollars(250, 450, rnd), memo="Raffle"),
                    Part("donations_individual", rnd.randint(6, 14) * 50_00, memo="Donation box"),
                ],
                payee="Fundraising dinner",
                memo="Raffle and donation box",
            )
            self.entry(
                day,
                "expense",
                self.accounts.chequing,
                [
                    Part("fundraising_costs", _dollars(700, 900, rnd), memo="Dinner for 70"),
                    Part("fundraising_costs", 300_00, memo="Hall for the evening"),
                    Part("printing", _dollars(40, 80, rnd), memo="Tickets and posters"),
                ],
                payee="Sahara Catering",
                reference=self._next_cheque(),
            )

        def deposit() -> None:
            cash = self.balances[self.accounts.cash]
            if cash > CASH_KEPT:
                self.entry(
                    day + timedelta(days=2),
                    "transfer",
                    self.accounts.cash,
                    amount=cash - CASH_KEPT,
                    to_account=self.accounts.chequing,
                    memo="Dinner cash deposited",
                )

        add(day - timedelta(days=3), tickets_ahead)
        add(day, evening)
        add(day + timedelta(days=2), deposit, 9)

    def _grant_month(self, month: date, add: Callable[..., None]) -> None:
        """What the grant pays each month: two tutors, and school supplies at the start."""

        def tutors() -> None:
            day = min(_month_end(month), self.grant_end)
            chosen: list[int | None] = [*self.rnd.sample(self.helpers, min(2, len(self.helpers)))]
            for tutor in chosen or [None]:
                fund = self._fund_or_not(self.funds.grant, TUTOR_MONTHLY)
                self.entry(
                    day,
                    "expense",
                    self.accounts.chequing,
                    [Part("honoraria", TUTOR_MONTHLY, self.youth_program, fund)],
                    person=tutor,
                    payee="Homework club tutor",
                    memo="Tutoring honorarium",
                    reference=self._e_transfer(),
                )

        add(_month_end(month) - timedelta(days=1), tutors)
        if month == self.grant_start.replace(day=1):

            def school_supplies() -> None:
                cents = _dollars(380, 460, self.rnd)
                self.entry(
                    month + timedelta(days=12),
                    "expense",
                    self.accounts.chequing,
                    [
                        Part(
                            "supplies",
                            cents,
                            self.youth_program,
                            self._fund_or_not(self.funds.grant, cents),
                        )
                    ],
                    payee="Staples",
                    memo="Calculators, binders and books for the homework club",
                )

            add(month + timedelta(days=12), school_supplies)

    def _instalment(self, index: int) -> None:
        day = (
            self.grant_start + timedelta(days=10)
            if index == 0
            else self.interim_done + timedelta(days=12)
        )
        self.entry(
            day,
            "income",
            self.accounts.chequing,
            [
                Part(
                    "grants_foundation",
                    GRANT_INSTALMENTS[index],
                    self.youth_program,
                    self.funds.grant,
                )
            ],
            payee=FOUNDATION,
            memo=f"Youth mentoring grant, instalment {index + 1} of 3",
            reference=self._e_transfer(),
        )

    def _dues(self, day: date, membership: int, person: int, dues: int) -> None:
        cash = self.rnd.random() < 0.55
        self.entry(
            day,
            "income",
            self.accounts.cash if cash else self.accounts.chequing,
            [Part("dues", dues)],
            person=person,
            membership=membership,
            reference="" if cash else self._e_transfer(),
        )

    def _deposit_cash(self, day: date) -> None:
        cash = self.balances[self.accounts.cash]
        if cash >= 300_00:
            self.entry(
                day,
                "transfer",
                self.accounts.cash,
                amount=cash - CASH_KEPT,
                to_account=self.accounts.chequing,
                memo="Cash box deposited at the credit union",
            )

    # --- after the entries -----------------------------------------------------------------------

    def _reconcile(self) -> None:
        """Entries the bank or the cash count has seen are cleared; the previous year's bank
        statements were each checked against the books, one a month."""
        chequing = self.accounts.chequing
        seen_by = self.today - timedelta(days=6)
        counted_by = self.today.replace(day=1)  # the cash is counted at each month's end
        for row in self.transactions:
            bank = chequing in (row["account_id"], row["to_account_id"])
            row["cleared"] = row["entry_date"] < (seen_by if bank else counted_by)
        # A few recent cheques not cashed yet.
        for row in self.transactions[-40:]:
            if row["reference"].isdigit() and self.rnd.random() < 0.5:
                row["cleared"] = False
        movements: dict[date, int] = {}
        for row in self.transactions:
            if chequing in (row["account_id"], row["to_account_id"]):
                signed = row["amount_cents"]
                if row["account_id"] == chequing and row["kind"] != "income":
                    signed = -signed
                month = row["entry_date"].replace(day=1)
                movements[month] = movements.get(month, 0) + signed
        balance = CHEQUING_OPENING
        month = self.start
        by_month: dict[date, int] = {}
        while month < self.current_start:
            balance += movements.get(month, 0)
            statement_on = _month_end(month)
            finished = datetime.combine(statement_on + timedelta(days=9), time(20), tzinfo=UTC)
            by_month[month] = self._insert(
                Reconciliation,
                **self._row(
                    account_id=chequing,
                    statement_on=statement_on,
                    statement_balance_cents=balance,
                    finished_at=min(finished, self.now),
                ),
            )
            month = add_months(month, 1)
        for row in self.transactions:
            month = row["entry_date"].replace(day=1)
            if month in by_month and chequing in (row["account_id"], row["to_account_id"]):
                row["reconciliation_id"] = by_month[month]
                row["cleared"] = True

    def _write_entries(self) -> None:
        self.transactions.sort(key=lambda row: (row["entry_date"], row["id"]))
        for start in range(0, len(self.transactions), 5_000):
            self.session.execute(insert(MoneyTransaction), self.transactions[start : start + 5_000])
        for start in range(0, len(self.splits), 5_000):
            self.session.execute(insert(TransactionSplit), self.splits[start : start + 5_000])

    def _add_receipts(self) -> None:
        """Thank-you receipts (official ones when the group has a charity number) for the
        larger gifts of people on the roster, issued a week or two after each gift."""
        official = bool(
            (self.session.scalar(select(Organization.registration_number).limit(1)) or "").strip()
        )
        donation = self.categories["donations_individual"]
        amounts: dict[int, int] = {}
        for split in self.splits:
            if split["category_id"] == donation:
                amounts[split["transaction_id"]] = (
                    amounts.get(split["transaction_id"], 0) + split["amount_cents"]
                )
        gifts = [
            row
            for row in self.transactions
            if row["person_id"] is not None
            and amounts.get(row["id"], 0) >= 100_00
            and row["entry_date"] <= self.today - timedelta(days=21)
        ]
        if not gifts:
            return
        people = {
            person_id: (given, family, address or household_address or "")
            for person_id, given, family, address, household_address in self.session.execute(
                select(
                    Person.id,
                    Person.given_name,
                    Person.family_name,
                    Person.address,
                    Household.address,
                )
                .outerjoin(Household, Household.id == Person.household_id)
                .where(Person.id.in_({row["person_id"] for row in gifts}))
            ).all()
        }
        number = self.session.scalar(select(func.max(DonationReceipt.number))) or 0
        receipts = []
        for row in gifts:
            number += 1
            given, family, address = people[row["person_id"]]
            receipts.append(
                self._row(
                    number=number,
                    transaction_id=row["id"],
                    issued_on=row["entry_date"] + timedelta(days=self.rnd.randint(4, 20)),
                    donor_name=" ".join(part for part in (given, family) if part),
                    donor_address=address,
                    amount_cents=amounts[row["id"]],
                    official=official,
                    voided_at=None,
                    void_reason="",
                )
            )
        self.session.execute(insert(DonationReceipt), receipts)

    def _add_budgets(self) -> None:
        """Each year's budget from the year before as a treasurer drafts it: round amounts a bit
        above or below what happened; the grant's lines from its approved budget."""
        previous = fiscal_year(self.years[0], self.month)
        actual: dict[tuple[str, int | None, int | None], int] = {}
        by_id = {row["id"]: row for row in self.transactions}
        codes = {category_id: code for code, category_id in self.categories.items()}
        for split in self.splits:
            day = by_id[split["transaction_id"]]["entry_date"]
            if not previous.start <= day <= previous.end or split["fund_id"] == self.funds.grant:
                continue
            code = codes[split["category_id"]]
            # Food and rent are planned by program; the youth fund's lines by its fund.
            program = split["program_id"] if code in ("food", "rent") else None
            fund = split["fund_id"]
            if fund is not None:
                program = self.youth_program
            key = (code, program, fund)
            actual[key] = actual.get(key, 0) + split["amount_cents"]
        lines = []
        # Each year's budget is last year's actual give or take a few percent (whole cents).
        for year, (low, high) in zip(self.years, ((90, 110), (100, 115)), strict=True):
            for (code, program, fund), cents in sorted(
                actual.items(), key=lambda item: (item[0][0], item[0][1] or 0, item[0][2] or 0)
            ):
                lines.append(
                    self._row(
                        fiscal_year=year,
                        category_id=self.categories[code],
                        program_id=program,
                        fund_id=fund,
                        amount_cents=_round(cents * self.rnd.randint(low, high) // 100),
                        note="",
                    )
                )
            months = sum(
                1
                for index in range(12)
                if fiscal_year(year, self.month).start
                <= add_months(self.grant_start, index)
                <= fiscal_year(year, self.month).end
            )
            if not months:
                continue
            note = f"{FOUNDATION}: {months} of 12 months"
            grant_lines = {"grants_foundation": GRANT_AWARDED, **GRANT_BUDGET}
            for code, whole in grant_lines.items():
                lines.append(
                    self._row(
                        fiscal_year=year,
                        category_id=self.categories[code],
                        program_id=self.youth_program,
                        fund_id=self.funds.grant,
                        amount_cents=whole * months // 12,
                        note=note,
                    )
                )
        if lines:
            self.session.execute(insert(BudgetLine), lines)

    def _close_previous_year(self) -> None:
        """The treasurer closed last year's books once the annual meeting approved them."""
        closed = datetime.combine(self.current_start + timedelta(days=50), time(21), tzinfo=UTC)
        self.session.execute(
            insert(ClosedPeriod),
            [
                {
                    **self._row(
                        starts_on=self.start,
                        ends_on=self.current_start - timedelta(days=1),
                        closed_by="Treasurer",
                        reopened_at=None,
                        reopened_by="",
                        reopen_reason="",
                    ),
                    "created_at": min(closed, self.now),
                }
            ],
        )


def add_demo_books(
    session: Session, today: date, fiscal_start_month: int, rng: random.Random
) -> None:
    """The sample organization's books for the last complete fiscal year and the current one
    up to `today`, for the people, memberships and programs already in `session`."""
    _Books(session, today, fiscal_start_month, rng).write()


def clear_books(session: Session) -> None:
    """Remove every record of the books (the sample's, before it is replaced or discarded)."""
    for model in (
        DonationReceipt,
        StatementLine,
        StatementImport,
        Attachment,
        TransactionSplit,
        MoneyTransaction,
        Reconciliation,
        RecurringEntry,
        BudgetLine,
        GrantDeadline,
        Fund,
        ClosedPeriod,
        MoneyAccount,
    ):
        session.execute(delete(model))
    # A category may not go while one under it remains: the tree is undone first.
    session.execute(update(MoneyCategory).values(parent_id=None))
    session.execute(delete(MoneyCategory))
