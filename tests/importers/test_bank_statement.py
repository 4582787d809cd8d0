"""Bank statements as Canadian banks export them: each layout recognized and read to signed cents,
any encoding and delimiter, and every problem a FileFormatError that names the row and column."""

from __future__ import annotations

import contextlib
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from communitydesk.core.errors import FileFormatError, ValidationError
from communitydesk.core.i18n import set_language
from communitydesk.importers.bank_statement import (
    LAYOUTS,
    GenericMapping,
    StatementLineData,
    detect_layout,
    guess_mapping,
    layout_name,
    raw_rows,
    read_statement,
)

RBC = (
    "Account Type,Account Number,Transaction Date,Cheque Number,Description 1,Description 2,"
    "CAD$,USD$\r\n"
    "Chequing,01234-5678901,1/3/2025,,Location de salle,Centre Côte-des-Neiges,-250.00,\r\n"
    "Chequing,01234-5678901,1/15/2025,000123,CHEQUE,,-45.10,,\r\n"
    "Chequing,01234-5678901,1/31/2025,,Dépôt,Cotisations février,1200.50,\r\n"
)
TD = (
    "01/02/2025,DEPOT AU GUICHET,,500.00,1500.00\n"
    "01/05/2025,HYDRO-QUÉBEC PAIEMENT,45.10,,1454.90\n"
    "01/31/2025,FRAIS MENSUELS,4.95,,1449.95\n"
)
SCOTIABANK = (
    "1/4/2025,-46.22,-,POS PURCHASE,ÉPICERIE AFRICAINE\n"
    "1/5/2025,100.00,-,DEPOSIT,E-TRANSFER AMINA\n"
    "1/12/2025,-300.00,412,CHQ,CHEQUE 412\n"
)
BMO = (
    "Following data is valid as of 20250131114516 (Year/Month/Day/Hour/Minute/Second)\n"
    "\n\n"
    "First Bank Card,Transaction Type,Date Posted, Transaction Amount,Description\n"
    "\n\n"
    "'500766**********',DEBIT,20250102,-25.00,[SO]Loyer local\n"
    "'500766**********',CREDIT,20250103,100.00,[DN]Don de Françoise\n"
    "'500766**********',DEBIT,20250110,12.00,[SC]Frais de service\n"
)
CIBC = (
    "2025-01-02,Achat fournitures - Bureau en Gros,12.34,\n"
    "2025-01-03,Dépôt mobile,,50.00\n"
    "2025-01-20,Virement Interac,1234.56,\n"
)
DESJARDINS = (
    '"Desjardins","815-30001-1234567","EOP","2025/01/03",00001,"Paiement facture - AccèsD '
    'Internet /HYDRO-QUEBEC","",25.00,,,,,,1234.56\n'
    '"Desjardins","815-30001-1234567","EOP","2025/01/04",00002,"Dépôt au comptoir","",,100.00,'
    ",,,,,1334.56\n"
    '"Desjardins","815-30001-1234567","EOP","2025/01/09",00003,"Chèque","88",75.00,,,,,,1259.56\n'
)

EXPECTED = {
    "rbc": (
        StatementLineData(2, date(2025, 1, 3), -25000, "Location de salle Centre Côte-des-Neiges"),
        StatementLineData(3, date(2025, 1, 15), -4510, "CHEQUE", "000123"),
        StatementLineData(4, date(2025, 1, 31), 120050, "Dépôt Cotisations février"),
    ),
    "td": (
        StatementLineData(1, date(2025, 1, 2), 50000, "DEPOT AU GUICHET"),
        StatementLineData(2, date(2025, 1, 5), -4510, "HYDRO-QUÉBEC PAIEMENT"),
        StatementLineData(3, date(2025, 1, 31), -495, "FRAIS MENSUELS"),
    ),
    "scotiabank": (
        StatementLineData(1, date(2025, 1, 4), -4622, "POS PURCHASE ÉPICERIE AFRICAINE"),
        StatementLineData(2, date(2025, 1, 5), 10000, "DEPOSIT E-TRANSFER AMINA"),
        StatementLineData(3, date(2025, 1, 12), -30000, "CHQ CHEQUE 412", "412"),
    ),
    "bmo": (
        StatementLineData(7, date(2025, 1, 2), -2500, "[SO]Loyer local"),
        StatementLineData(8, date(2025, 1, 3), 10000, "[DN]Don de Françoise"),
        # The type says DEBIT: money out, though the amount has no minus sign.
        StatementLineData(9, date(2025, 1, 10), -1200, "[SC]Frais de service"),
    ),
    "cibc": (
        StatementLineData(1, date(2025, 1, 2), -1234, "Achat fournitures - Bureau en Gros"),
        StatementLineData(2, date(2025, 1, 3), 5000, "Dépôt mobile"),
        StatementLineData(3, date(2025, 1, 20), -123456, "Virement Interac"),
    ),
    "desjardins": (
        StatementLineData(
            1, date(2025, 1, 3), -2500, "Paiement facture - AccèsD Internet /HYDRO-QUEBEC"
        ),
        StatementLineData(2, date(2025, 1, 4), 10000, "Dépôt au comptoir"),
        StatementLineData(3, date(2025, 1, 9), -7500, "Chèque", "88"),
    ),
}
SAMPLES = {
    "rbc": RBC,
    "td": TD,
    "scotiabank": SCOTIABANK,
    "bmo": BMO,
    "cibc": CIBC,
    "desjardins": DESJARDINS,
}


@pytest.mark.parametrize("layout", list(SAMPLES))
def test_each_bank_is_recognized_and_read(layout: str) -> None:
    data = SAMPLES[layout].encode("utf-8")
    assert detect_layout(data) == layout
    assert read_statement(data, layout) == EXPECTED[layout]
    assert layout_name(layout) == LAYOUTS[layout]


@pytest.mark.parametrize("layout", list(SAMPLES))
@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1252"])
def test_accents_survive_windows_and_bom_encodings(layout: str, encoding: str) -> None:
    data = SAMPLES[layout].encode(encoding)
    assert detect_layout(data) == layout
    assert read_statement(data, layout) == EXPECTED[layout]


def test_a_spreadsheet_saved_in_french_uses_semicolons_and_decimal_commas() -> None:
    text = (
        "2025-01-02;Achat fournitures, Bureau en Gros;1 234,56;\n2025-01-03;Dépôt mobile;;50,00\n"
    )
    data = text.encode("utf-8-sig")
    assert detect_layout(data) == "cibc"
    assert read_statement(data, "cibc") == (
        StatementLineData(1, date(2025, 1, 2), -123456, "Achat fournitures, Bureau en Gros"),
        StatementLineData(2, date(2025, 1, 3), 5000, "Dépôt mobile"),
    )


def test_titles_added_above_a_headerless_layout_are_skipped() -> None:
    data = ("Date,Description,Debit,Credit,Balance\n" + TD).encode()
    assert detect_layout(data) == "td"
    lines = read_statement(data, "td")
    assert [line.row for line in lines] == [2, 3, 4]


def test_amounts_are_read_whatever_the_window_language() -> None:
    set_language("fr")
    assert read_statement(TD.encode(), "td") == EXPECTED["td"]
    set_language("ar")
    assert read_statement(RBC.encode(), "rbc") == EXPECTED["rbc"]


def test_generic_mapping_with_one_signed_amount_by_header_names() -> None:
    text = (
        "Date de l'opération;Libellé;Montant;Numéro\n"
        "31/01/2025;Don anonyme;150,00;\n"
        "01/02/2025;Frais bancaires;-4,95;\n"
        "03/02/2025;Chèque;(300,00);412\n"
    )
    mapping = GenericMapping(
        date_column="Date de l'opération",
        amount_column="Montant",
        description_column="Libellé",
        reference_column="numéro",
        date_order="day_first",
    )
    assert read_statement(text.encode("cp1252"), mapping) == (
        StatementLineData(2, date(2025, 1, 31), 15000, "Don anonyme"),
        StatementLineData(3, date(2025, 2, 1), -495, "Frais bancaires"),
        StatementLineData(4, date(2025, 2, 3), -30000, "Chèque", "412"),
    )
    assert layout_name(mapping) == "Another bank (choose the columns)"


def test_generic_mapping_with_debit_and_credit_columns_and_no_header() -> None:
    text = "2025-02-01\tLoyer\t400.00\t\n2025-02-02\tSubvention Ville\t\t2,500.00\n"
    mapping = GenericMapping(
        date_column=0, debit_column=2, credit_column=3, description_column=1, has_header=False
    )
    assert read_statement(text.encode(), mapping) == (
        StatementLineData(1, date(2025, 2, 1), -40000, "Loyer"),
        StatementLineData(2, date(2025, 2, 2), 250000, "Subvention Ville"),
    )
    # Money out shown positive (a credit card's file) is turned around when asked.
    card = "2025-02-01,Essence,40.00\n"
    reversed_card = GenericMapping(
        date_column=0,
        amount_column=2,
        description_column=1,
        has_header=False,
        money_out_positive=True,
    )
    assert read_statement(card.encode(), reversed_card)[0].amount_cents == -4000


def test_generic_mapping_guessed_from_headers() -> None:
    text = "Date,Description,Withdrawals,Deposits,Balance\n31/01/2025,Loyer,400.00,,100.00\n"
    mapping = guess_mapping(text.encode())
    assert mapping == GenericMapping(
        date_column=0,
        debit_column=2,
        credit_column=3,
        description_column=1,
        date_order="day_first",
    )
    assert read_statement(text.encode(), mapping)[0].amount_cents == -40000
    assert guess_mapping(b"Nom,Prenom\nAna,Pena\n") is None
    assert raw_rows(text.encode(), 1) == (
        ("Date", "Description", "Withdrawals", "Deposits", "Balance"),
    )


def test_a_mapping_without_an_amount_is_refused() -> None:
    with pytest.raises(ValidationError, match="amount"):
        read_statement(b"Date,Amount\n2025-01-01,1\n", GenericMapping(date_column=0))


def test_a_bad_date_names_the_row_and_the_column() -> None:
    text = RBC.replace("1/31/2025", "31/31/2025")
    with pytest.raises(FileFormatError) as caught:
        read_statement(text.encode(), "rbc")
    assert caught.value.row == 4
    assert caught.value.column == "Transaction Date"
    assert str(caught.value) == ("Row 4, column Transaction Date: “31/31/2025” is not a real date.")


def test_a_date_no_bank_would_write_is_refused() -> None:
    with pytest.raises(FileFormatError, match=r"Row 1, column Date: .*too far in the past"):
        read_statement(b"0001-01-02,Achat,1.00,\n", "cibc")


def test_a_bad_amount_names_the_row_and_the_column() -> None:
    text = TD.replace("45.10", "45.1O")  # a letter O typed for a zero
    with pytest.raises(FileFormatError) as caught:
        read_statement(text.encode(), "td")
    assert (caught.value.row, caught.value.column) == (2, "Debit")
    assert str(caught.value).startswith("Row 2, column Debit: “45.1O” is not an amount.")
    generic = "Date,Montant\n2025-01-03,12.345\n"
    with pytest.raises(FileFormatError, match=r"Row 2, column Montant: .*two decimals"):
        read_statement(generic.encode(), GenericMapping(date_column=0, amount_column=1))


def test_a_line_without_any_amount_is_pointed_at() -> None:
    with pytest.raises(FileFormatError, match="Row 2, column Debit: there is no amount"):
        read_statement(b"2025-01-02,Achat,1.00,\n2025-01-03,Rien,,\n", "cibc")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"  \r\n\r\n", "empty"),
        (b"%PDF-1.7 binary", "PDF"),
        (b"PK\x03\x04 workbook", "Excel"),
        (b"\x00\x01\x02\x03" * 50, "not a text file"),
    ],
)
def test_empty_and_binary_files_are_refused_clearly(data: bytes, message: str) -> None:
    with pytest.raises(FileFormatError, match=message):
        read_statement(data, "td")
    with pytest.raises(FileFormatError, match=message):
        detect_layout(data)


def test_the_wrong_bank_is_refused_clearly() -> None:
    with pytest.raises(FileFormatError, match="does not look like a statement from RBC"):
        read_statement(TD.encode(), "rbc")
    with pytest.raises(FileFormatError, match="Row 1 has 5 columns; a Desjardins statement has"):
        read_statement(SCOTIABANK.encode(), "desjardins")
    with pytest.raises(FileFormatError, match="Row 1, column Date"):
        read_statement(DESJARDINS.encode(), "td")
    assert detect_layout(b"Nom,Prenom\nAna,Pena\n") is None


def test_a_file_of_titles_only_has_no_transactions() -> None:
    with pytest.raises(FileFormatError, match="no bank transactions"):
        read_statement(RBC.splitlines()[0].encode(), "rbc")


# --- hostile input ---------------------------------------------------------------------------

CSVISH = st.lists(
    st.lists(
        st.one_of(
            st.text(max_size=12),
            st.sampled_from(
                [
                    "1/31/2025",
                    "2025-01-31",
                    "2025/01/31",
                    "20250131",
                    "-12.50",
                    "(3.00)",
                    "1,234.56",
                    "12,5",
                    "-",
                    "",
                    "CAD$",
                    "Transaction Date",
                    "Description 1",
                    "First Bank Card",
                    "Date Posted",
                    "Transaction Amount",
                    "99999999999999",
                ]
            ),
        ),
        max_size=15,
    ),
    max_size=8,
)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=600))
def test_arbitrary_bytes_give_lines_or_a_file_format_error(data: bytes) -> None:
    _only_file_format_errors(data)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(rows=CSVISH, delimiter=st.sampled_from([",", ";", "\t"]))
def test_arbitrary_csv_gives_lines_or_a_file_format_error(
    rows: list[list[str]], delimiter: str
) -> None:
    text = "\n".join(delimiter.join(cells) for cells in rows)
    _only_file_format_errors(text.encode("utf-8", errors="surrogatepass"))


def _only_file_format_errors(data: bytes) -> None:
    with contextlib.suppress(FileFormatError):
        detect_layout(data)
    mappings: list[str | GenericMapping] = [
        *LAYOUTS,
        GenericMapping(date_column=0, amount_column=1, description_column=2),
        GenericMapping(
            date_column=1, debit_column=2, credit_column=3, has_header=False, date_order="day_first"
        ),
    ]
    for layout in mappings:
        try:
            lines = read_statement(data, layout)
        except FileFormatError as error:
            assert str(error)
            continue
        assert lines and all(
            isinstance(line.amount_cents, int) and line.amount_cents for line in lines
        )


@given(
    cents=st.integers(min_value=-(10**11), max_value=10**11).filter(bool),
    style=st.sampled_from(["plain", "grouped", "parentheses", "trailing", "french"]),
)
def test_amounts_round_trip_exactly_as_integer_cents(cents: int, style: str) -> None:
    whole, part = divmod(abs(cents), 100)
    if style == "grouped":
        text = f"{whole:,}.{part:02d}"
    elif style == "french":
        text = f"{whole:,}".replace(",", " ") + f",{part:02d}"
    else:
        text = f"{whole}.{part:02d}"
    if cents < 0:
        text = {"parentheses": f"({text})", "trailing": f"{text}-"}.get(style, f"-{text}")
    delimiter = ";" if style == "french" else ","
    # Quoted as spreadsheets write a cell holding the delimiter.
    data = f'Date{delimiter}Amount\n2025-03-01{delimiter}"{text}"\n'.encode()
    mapping = GenericMapping(date_column="Date", amount_column="Amount")
    assert read_statement(data, mapping)[0].amount_cents == cents
