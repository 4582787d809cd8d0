"""What an entry of the books can point at (accounts, categories, programs, funds, payees typed
before), loaded together off the UI thread, and the names of the three kinds of entry."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from communitydesk.core.i18n import N_
from communitydesk.services.accounts import AccountRecord, AccountService
from communitydesk.services.categories import CategoryRecord, CategoryService
from communitydesk.services.funds import FundRecord, FundService
from communitydesk.services.programs import ProgramRecord, ProgramService
from communitydesk.services.transactions import TransactionService

KIND_NAMES: Final = {
    "income": N_("Money in"),
    "expense": N_("Money out"),
    "transfer": N_("Transfer"),
}
PAYEES_OFFERED: Final = 2000  # the names completed as one types; a small group has far fewer


@dataclass(frozen=True)
class MoneyChoices:
    """What an entry can point at, loaded together off the UI thread."""

    accounts: tuple[AccountRecord, ...]  # closed ones too: an older entry may use one
    categories: tuple[CategoryRecord, ...]  # live ones, income then expense, in tree order
    programs: tuple[ProgramRecord, ...]
    funds: tuple[FundRecord, ...]  # closed ones too
    payees: tuple[str, ...]


def load_money_choices(
    accounts: AccountService,
    categories: CategoryService,
    programs: ProgramService,
    funds: FundService,
    transactions: TransactionService,
) -> MoneyChoices:
    return MoneyChoices(
        accounts=accounts.accounts(include_closed=True),
        categories=categories.tree(),
        programs=programs.programs(),
        funds=funds.funds(include_closed=True),
        payees=transactions.payees(limit=PAYEES_OFFERED),
    )
