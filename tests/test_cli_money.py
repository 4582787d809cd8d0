"""`communitydesk money …`, run in-process as a treasurer would type it."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from communitydesk.cli import main
from communitydesk.core.paths import DataPaths
from communitydesk.services.context import open_data_folder
from tests.services.test_money_reports import Books, make_books

# One line per report: what it needs besides --year 2025, and words its PDF must show.
REPORTS = {
    "budget": ((), ("Budget 2025–2026", "Actual 2024–2025", "Notes", "$14,200.00")),
    "budget-vs-actual": ((), ("Budget and actual 2025–2026", "Variance", "$11,450.00")),
    "income-expense": ((), ("Income and expenses 2025–2026", "Total expenses", "$4,480.06")),
    "funds": ((), ("Funds and grants", "Building fund", "Money in the accounts", "$8,119.94")),
    "grant": (("--fund", "Newcomer Youth Grant"), ("Grant report: Newcomer Youth Grant",)),
    "accounts": ((), ("Accounts", "Cash box", "$104.50")),
    "transactions": ((), ("Transactions", "Total: 8 entries", "Épicerie Al-Nour")),
    "in-kind": ((), ("Volunteer time as an in-kind contribution", "$172.91")),
    "treasurer": ((), ("Treasurer's report 2025–2026", "Funds and grants", "Accounts")),
}
RBC = (
    "Account Type,Account Number,Transaction Date,Cheque Number,Description 1,Description 2,"
    "CAD$,USD$\r\n"
    "Chequing,01234-5678901,8/1/2025,,Hall rent,August,-200.00,\r\n"
    "Chequing,01234-5678901,8/14/2025,,Service charge,,-4.95,\r\n"
    "Chequing,01234-5678901,12/8/2025,,Deposit,Masjid Al-Huda,800.00,\r\n"
)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def data(tmp_path: Path) -> tuple[str, Books]:
    folder = tmp_path / "data"
    services = open_data_folder(DataPaths(folder).ensure())
    books = make_books(services)
    services.close()
    return str(folder), books


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


@pytest.mark.parametrize("kind", sorted(REPORTS))
def test_each_report_as_pdf_and_csv(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data: tuple[str, Books], kind: str
) -> None:
    folder, _books = data
    more, words = REPORTS[kind]
    pdf = tmp_path / f"{kind}.pdf"
    code, out, err = run(
        capsys, "--data-dir", folder, "money", "report", kind, "--year", "2025", *more,
        "--out", str(pdf),
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert out == f"Written: {pdf}\n"
    text = pdf_text(pdf)
    for word in words:
        assert word in text, word
    assert "Cercle des aînés" in text
    spreadsheet = tmp_path / f"{kind}.csv"
    code, _out, err = run(
        capsys, "--data-dir", folder, "money", "report", kind, "--year", "2025", *more,
        "--out", str(spreadsheet),
    )  # fmt: skip
    assert (code, err) == (0, "")
    raw = spreadsheet.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) > 2
    # Amounts are plain decimals in every table (never "$1,234.56"); a sentence above a
    # table (one cell alone) may speak of dollars.
    assert not any("$" in cell for row in rows if len(row) > 1 for cell in row)


def test_period_program_and_account_options(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data: tuple[str, Books]
) -> None:
    folder, books = data
    target = tmp_path / "half.csv"
    code, _out, err = run(
        capsys, "--data-dir", folder, "money", "report", "budget-vs-actual",
        "--from", "2025-04-01", "--to", "2025-09-30", "--program", "Seniors lunch",
        "--out", str(target),
    )  # fmt: skip
    assert (code, err) == (0, "")
    rows = list(csv.reader(io.StringIO(target.read_text("utf-8-sig"))))
    assert "Budget for the period / Budget de la période" in rows[0]
    assert rows[-1][0] == "Net (income less expenses)"
    target = tmp_path / "cash.csv"
    code, _out, err = run(
        capsys, "--data-dir", folder, "money", "report", "transactions", "--year", "2025",
        "--account", "CASH BOX", "--out", str(target),
    )  # fmt: skip
    assert (code, err) == (0, "")
    rows = list(csv.reader(io.StringIO(target.read_text("utf-8-sig"))))
    assert [row[-2:] for row in rows[1:3]] == [["100.00", ""], ["", "45.50"]]
    target = tmp_path / "by-program.pdf"
    code, _out, err = run(
        capsys, "--data-dir", folder, "money", "report", "budget", "--year", "2025",
        "--by-program", "--out", str(target),
    )  # fmt: skip
    assert (code, err) == (0, "")
    page = PdfReader(target).pages[0]
    assert page.mediabox.width > page.mediabox.height  # across the page
    assert "Homework club" in page.extract_text()
    code, _out, err = run(
        capsys, "--data-dir", folder, "money", "report", "grant", "--fund", books.grant,
        "--out", str(tmp_path / "grant.pdf"),
    )  # fmt: skip
    assert (code, err) == (0, "")


def test_reports_in_french(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data: tuple[str, Books]
) -> None:
    folder, _books = data
    target = tmp_path / "fonds.pdf"
    code, _out, _err = run(
        capsys, "--data-dir", folder, "--lang", "fr", "money", "report", "funds",
        "--year", "2025", "--out", str(target),
    )  # fmt: skip
    assert code == 0
    text = pdf_text(target)
    assert "8 119,94 $" in text.replace("\u00a0", " ").replace("\u202f", " ")
    assert "du 1 avril 2025 au 31 mars 2026" in text


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (("--year", "20x5"), "--year: write the fiscal year as four digits"),
        (("--year", "25"), "--year: write the fiscal year as four digits"),
        (("--fund", "No such fund"), "--fund: no fund or grant is called or numbered"),
        (("--program", "Chess"), "--program: no program is called or numbered"),
        (("--from", "2025-13-01"), "--from: write the date as YYYY-MM-DD."),
        (("--from", "2025-06-01", "--to", "2025-05-01"), "The period ends before it starts."),
        (("--from", "2024-01-01", "--to", "2025-05-01"), "Choose dates inside the fiscal year"),
    ],
)
def test_bad_options_say_what_is_wrong(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    data: tuple[str, Books],
    options: tuple[str, ...],
    message: str,
) -> None:
    folder, _books = data
    target = tmp_path / "out.pdf"
    code, out, err = run(
        capsys, "--data-dir", folder, "money", "report", "budget-vs-actual", *options,
        "--out", str(target),
    )  # fmt: skip
    assert code != 0
    assert out == ""
    assert err.startswith("communitydesk: ") and message in err
    assert "Traceback" not in err
    assert not target.exists()


def test_a_grant_report_needs_a_fund_and_files_need_a_known_extension(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data: tuple[str, Books]
) -> None:
    folder, _books = data
    code, _out, err = run(
        capsys, "--data-dir", folder, "money", "report", "grant", "--out", str(tmp_path / "g.pdf")
    )
    assert code == 1 and "Say which grant: --fund" in err
    code, _out, err = run(
        capsys, "--data-dir", folder, "money", "report", "funds", "--out", str(tmp_path / "f.odt")
    )
    assert code == 1 and ".pdf or a .csv" in err


def test_import_statement_once_and_only_once(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data: tuple[str, Books]
) -> None:
    folder, _books = data
    statement = tmp_path / "rbc-2025.csv"
    statement.write_text(RBC, encoding="utf-8")
    code, out, err = run(
        capsys, "--data-dir", folder, "money", "import-statement", str(statement),
        "--account", "main chequing", "--dry-run",
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert out.startswith("3 new lines would be brought in; 2 match entries of the books;")
    assert "RBC Royal Bank" in out
    code, out, err = run(
        capsys, "--data-dir", folder, "money", "import-statement", str(statement),
        "--account", "Main chequing",
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert out.startswith("3 new lines brought in; 2 matched entries, now cleared;")
    assert "From Aug 1, 2025 to Dec 8, 2025 (RBC Royal Bank)." in out
    code, out, err = run(
        capsys, "--data-dir", folder, "money", "import-statement", str(statement),
        "--account", "Main chequing",
    )  # fmt: skip
    assert code == 1 and out == ""
    assert err.startswith("communitydesk: This statement was already imported on")
    code, out, _err = run(
        capsys, "--data-dir", folder, "money", "import-statement", str(statement),
        "--account", "Main chequing", "--dry-run",
    )  # fmt: skip
    assert code == 0 and "This statement was already imported on" in out


def test_import_statement_refuses_an_unknown_account_or_bank(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data: tuple[str, Books]
) -> None:
    folder, _books = data
    statement = tmp_path / "rbc.csv"
    statement.write_text(RBC, encoding="utf-8")
    code, _out, err = run(
        capsys, "--data-dir", folder, "money", "import-statement", str(statement),
        "--account", "Savings",
    )  # fmt: skip
    assert code == 1
    assert "no account is called “Savings”. The accounts: Cash box, Main chequing." in err
    code, _out, err = run(
        capsys, "--data-dir", folder, "money", "import-statement", str(statement),
        "--account", "Cash box", "--layout", "hsbc",
    )  # fmt: skip
    assert code == 1 and "--layout: choose one of rbc, td" in err
    code, _out, err = run(
        capsys, "--data-dir", folder, "money", "import-statement", str(tmp_path / "none.csv"),
        "--account", "Cash box",
    )  # fmt: skip
    assert code == 1 and "none.csv could not be read" in err
