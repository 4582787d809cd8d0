"""Donation receipts: official or thank-you, numbered in order, voided and replaced, printed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from communitydesk.core.errors import ValidationError
from communitydesk.core.i18n import set_language
from communitydesk.services.accounts import AccountInput
from communitydesk.services.context import Services
from communitydesk.services.donation_receipts import place_of_issue
from communitydesk.services.organization import OrganizationProfile
from communitydesk.services.people import PersonInput
from communitydesk.services.transactions import SplitInput, TransactionInput

GIFT_DAY = date(2026, 3, 14)
ISSUED = date(2026, 3, 20)


def category(services: Services, code: str) -> str:
    return next(c.uid for c in services.categories.tree() if c.code == code)


def _organization(services: Services, registration_number: str) -> Services:
    services.organization.create(
        OrganizationProfile(
            name="Somali Families Circle",
            legal_name="Somali Families Circle of Ottawa Inc.",
            registration_number=registration_number,
            address="200 Rideau St, Ottawa ON K1N 5Y1",
            phone="613-555-0101",
            email="info@sfc.example.org",
        )
    )
    # Who signs receipts is part of the organization's profile.
    profile = services.organization.require()
    services.organization.update(replace(profile, receipt_signer="Hodan Abdi, Treasurer"))
    services.accounts.create(AccountInput("Credit union", date(2026, 1, 1), opening_cents=10_000))
    return services


@pytest.fixture
def charity(services: Services) -> Services:
    return _organization(services, "123456789RR0001")


@pytest.fixture
def group(services: Services) -> Services:
    return _organization(services, "")


def income(
    services: Services,
    *splits: tuple[str, int],
    person_uid: str = "",
    payee: str = "",
    day: date = GIFT_DAY,
) -> str:
    account = services.accounts.accounts()[0].uid
    return services.transactions.create(
        TransactionInput(
            day,
            "income",
            sum(amount for _code, amount in splits),
            account,
            splits=tuple(SplitInput(category(services, code), amount) for code, amount in splits),
            person_uid=person_uid,
            payee=payee,
        )
    ).uid


def donor(services: Services) -> str:
    return services.people.create(
        PersonInput("Amina", "Warsame", address="55 Elm St\nOttawa ON K1K 1K1")
    ).uid


def test_an_official_receipt_shows_what_the_tax_agency_asks_for(charity: Services) -> None:
    # Dues paid with the same cheque are no gift: only the donation lines are receipted.
    entry = income(
        charity,
        ("donations_individual", 15_000),
        ("dues", 2_500),
        person_uid=donor(charity),
    )
    receipt = charity.donation_receipts.issue(entry, ISSUED)
    assert receipt.number == 1
    assert receipt.official
    assert receipt.amount_cents == 15_000
    assert receipt.donor_name == "Amina Warsame"
    assert receipt.donor_address == "55 Elm St\nOttawa ON K1K 1K1"  # from the roster
    assert charity.transactions.get(entry).receipt_number == 1

    document = charity.donation_receipts.document(receipt.uid)
    text = document.text()
    for expected in (
        "Official receipt for income tax purposes",
        "Somali Families Circle of Ottawa Inc.",
        "200 Rideau St, Ottawa ON K1N 5Y1",
        "Charity registration number: 123456789RR0001",
        "Receipt serial number",
        "Place of issue\nOttawa ON",
        "Date issued\nMarch 20, 2026",
        "Date the donation was received\nMarch 14, 2026",
        "Donor's full name\nAmina Warsame",
        "55 Elm St",
        "Amount of the gift\n$150.00",
        "Eligible amount of the gift for tax purposes\n$150.00",
        "Hodan Abdi, Treasurer",
        "Canada Revenue Agency: canada.ca/charities-giving",
    ):
        assert expected in text
    assert "$175.00" not in text
    assert "not an official receipt" not in text
    assert "replaces" not in text
    assert document.name == "donation-receipt-1"
    assert document.organization == "Somali Families Circle"
    assert "COPY" not in text
    assert "COPY (duplicate)" in charity.donation_receipts.document(receipt.uid, copy=True).text()


def test_without_a_charity_number_the_receipt_is_a_thank_you(group: Services) -> None:
    entry = income(group, ("donations_business", 40_000), payee="Dahabshiil Grocery")
    receipt = group.donation_receipts.issue(entry, ISSUED, donor_address="9 Bank St, Ottawa")
    assert not receipt.official
    text = group.donation_receipts.document(receipt.uid).text()
    assert "Thank you for your gift" in text
    assert "Somali Families Circle thanks Dahabshiil Grocery for the gift of $400.00." in text
    assert "9 Bank St, Ottawa" in text
    assert "613-555-0101" in text and "info@sfc.example.org" in text
    assert "This is not an official receipt for income tax purposes" in text
    assert "Official receipt" not in text
    assert "registration number:" not in text


def test_receipts_are_numbered_in_order_and_an_entry_gets_one_number(charity: Services) -> None:
    first = income(charity, ("donations", 2_000), payee="Anonymous friend")
    second = income(charity, ("donations_individual", 5_000), payee="Yusuf Ali")
    receipts = charity.donation_receipts
    one = receipts.issue(first, ISSUED)
    two = receipts.issue(second, ISSUED)
    again = receipts.issue(first, date(2026, 4, 1))
    assert (one.number, two.number, again.number) == (1, 2, 1)
    assert again == one  # the same receipt, to print as a copy, not a new number
    assert [r.number for r in receipts.receipts()] == [1, 2]
    assert [r.number for r in receipts.receipts(2026)] == [1, 2]
    assert receipts.receipts(2025) == ()


def test_void_and_reissue_give_a_new_number_that_replaces_the_old(charity: Services) -> None:
    entry = income(charity, ("donations", 10_000), payee="Faduma Noor")
    receipts = charity.donation_receipts
    first = receipts.issue(entry, ISSUED)
    with pytest.raises(ValidationError, match="Say why"):
        receipts.void(first.uid, "  ")
    replacement = receipts.reissue(
        first.uid, "Name misspelt", issued_on=date(2026, 4, 2), donor_address="1 King St"
    )
    assert replacement.number == 2
    assert replacement.replaces_number == 1
    assert replacement.donor_address == "1 King St"
    old = receipts.get(first.uid)
    assert old.voided and old.void_reason == "Name misspelt"
    assert "This cancels and replaces receipt no. 1." in receipts.document(replacement.uid).text()
    assert "VOID" in receipts.document(first.uid).text()
    # Issuing again gives the live receipt; a void one cannot be voided twice.
    assert receipts.issue(entry, ISSUED).number == 2
    with pytest.raises(ValidationError, match="already void"):
        receipts.void(first.uid, "again")
    receipts.void(replacement.uid, "Gift returned")
    third = receipts.issue(entry, date(2026, 5, 1))
    assert (third.number, third.replaces_number) == (3, 2)
    assert [(r.number, r.voided) for r in receipts.receipts()] == [
        (1, True),
        (2, True),
        (3, False),
    ]


def test_no_receipt_for_an_expense_or_an_income_that_is_no_gift(charity: Services) -> None:
    account = charity.accounts.accounts()[0].uid
    paid = charity.transactions.create(
        TransactionInput(
            GIFT_DAY,
            "expense",
            3_000,
            account,
            splits=(SplitInput(category(charity, "food"), 3_000),),
            payee="Market",
        )
    ).uid
    with pytest.raises(ValidationError, match="only for money received"):
        charity.donation_receipts.issue(paid, ISSUED)
    dues = income(charity, ("dues", 2_500), payee="Yusuf Ali")
    with pytest.raises(ValidationError, match="no donation in it"):
        charity.donation_receipts.issue(dues, ISSUED)
    gift = income(charity, ("donations", 2_500), payee="Yusuf Ali")
    with pytest.raises(ValidationError, match="before the gift was received"):
        charity.donation_receipts.issue(gift, date(2026, 3, 1))
    assert charity.donation_receipts.receipts() == ()


def test_an_entry_with_a_live_receipt_is_not_deleted(charity: Services) -> None:
    entry = income(charity, ("donations", 5_000), payee="Ahmed Hassan")
    receipt = charity.donation_receipts.issue(entry, ISSUED)
    with pytest.raises(ValidationError, match=r"receipt no\. 1 was given for this entry"):
        charity.transactions.delete(entry)
    charity.donation_receipts.void(receipt.uid, "Entered twice")
    charity.transactions.delete(entry)
    # The void receipt stays on record with its number.
    assert [r.number for r in charity.donation_receipts.receipts()] == [1]


def test_the_place_of_issue_is_the_city() -> None:
    assert place_of_issue("200 Rideau St, Ottawa ON K1N 5Y1") == "Ottawa ON"
    assert place_of_issue("200 Rideau St\nOttawa ON K1N5Y1") == "Ottawa ON"
    assert place_of_issue("3 rue Principale, Gatineau QC, J8Y 1A1") == "Gatineau QC"
    assert place_of_issue("Ottawa") == "Ottawa"


def test_labels_follow_the_window_language(charity: Services) -> None:
    entry = income(charity, ("donations", 5_000), payee="Ahmed Hassan")
    receipt = charity.donation_receipts.issue(entry, ISSUED)
    set_language("ar")
    document = charity.donation_receipts.document(receipt.uid)
    assert document.right_to_left
    assert "Ahmed Hassan" in document.text()


def test_the_receipt_prints_as_a_pdf(charity: Services, tmp_path: Path) -> None:
    from communitydesk.reports.pdf import write_pdf

    entry = income(charity, ("donations_individual", 12_345), person_uid=donor(charity))
    receipt = charity.donation_receipts.issue(entry, ISSUED)
    target = write_pdf(
        charity.donation_receipts.document(receipt.uid, copy=True), tmp_path / "receipt.pdf"
    )
    text = "\n".join(page.extract_text() for page in PdfReader(target).pages)
    assert "Receipt serial number" in text
    assert "Amina Warsame" in text
    assert "$123.45" in text
    assert "123456789RR0001" in text
    assert "COPY" in text


def test_a_receipted_gift_keeps_its_amount_until_the_receipt_is_void(charity: Services) -> None:
    entry = income(charity, ("donations_individual", 10_000), payee="Mme Tremblay")
    receipt = charity.donation_receipts.issue(entry, ISSUED)
    record = charity.transactions.get(entry)
    larger = replace(
        record.as_input(),
        amount_cents=20_000,
        splits=(replace(record.as_input().splits[0], amount_cents=20_000),),
    )
    with pytest.raises(ValidationError, match=r"receipt no\. 1 was given for this entry"):
        charity.transactions.update(entry, larger)
    with pytest.raises(ValidationError, match=r"receipt no\. 1"):
        charity.transactions.update(entry, replace(record.as_input(), payee="M. Tremblay"))
    # A memo is no part of the gift.
    assert (
        charity.transactions.update(entry, replace(record.as_input(), memo="Gala")).memo == "Gala"
    )
    charity.donation_receipts.void(receipt.uid, "Amount was wrong")
    assert charity.transactions.update(entry, larger).amount_cents == 20_000


def test_the_years_gifts_show_which_have_a_receipt(charity: Services) -> None:
    first = income(charity, ("donations_individual", 5_000), payee="Mme Tremblay")
    income(charity, ("dues", 2_500), payee="Not a gift")
    second = income(
        charity,
        ("donations_business", 20_000),
        ("fundraising", 3_000),
        person_uid=donor(charity),
        day=date(2026, 3, 2),
    )
    charity.donation_receipts.issue(second, ISSUED)
    gifts = charity.donation_receipts.gifts(2026)
    assert [(g.transaction_uid, g.donor, g.amount_cents) for g in gifts] == [
        (first, "Mme Tremblay", 5_000),
        (second, "Amina Warsame", 20_000),
    ]
    by_uid = {g.transaction_uid: g for g in gifts}
    assert by_uid[first].receipt is None
    receipt = by_uid[second].receipt
    assert receipt is not None and receipt.number == 1
    assert charity.donation_receipts.gifts(2025) == ()
