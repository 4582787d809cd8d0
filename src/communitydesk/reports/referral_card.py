"""The referral card a family takes to a service, as PDF (reportlab, no Qt).

A card is half a Letter page, and each sheet holds the same card twice with a dashed line to cut
along: every printer the groups have takes Letter paper, a half-Letter page would be blown up to
fill a sheet, and the second copy goes to whoever accompanies the family (or to the service).

The service, its organization and a QR code run across the top; under them the card is written
twice, side by side, each column whole in one language so the family reads theirs and the staff
at the front desk theirs. The family's column comes first in its own reading direction (on the
right in Arabic). Text is made smaller until both columns fit the card; if even the smallest
size cannot hold it, long values are cut with an ellipsis rather than run off the card.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Final

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import black
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen.canvas import Canvas

from communitydesk.core.files import written_whole
from communitydesk.core.i18n import without_isolates
from communitydesk.reports.pdf import (
    BOLD,
    GREY_TEXT,
    GRID_LINE,
    REGULAR,
    Block,
    Pen,
    field_block,
    label_width,
    register_fonts,
    stacked,
    text_block,
)

PAGE_WIDTH, PAGE_HEIGHT = letter
CARD_HEIGHT: Final = PAGE_HEIGHT / 2
FRAME_INSET: Final = 12.0  # the card's thin frame, inside the cut
PADDING: Final = 24.0  # from the cut to the text
QR_SIZE: Final = 70.0
COLUMN_GAP: Final = 18.0
# Tried from the largest down until both columns fit; 6.5 pt is still legible on paper.
SIZES: Final = (9.0, 8.5, 8.0, 7.5, 7.0, 6.5)
SMALLEST: Final = SIZES[-1]


@dataclass(frozen=True)
class CardField:
    label: str
    value: str
    # Who to ask for and where to go are never cut short to make room.
    whole: bool = False


@dataclass(frozen=True)
class CardSide:
    """The card in one language: every label, sentence and date already in that language."""

    language: str
    heading: str  # the language's name in itself, so each reader finds their column
    right_to_left: bool
    for_line: str = ""  # "For: Amina Haddad"
    description: str = ""
    fields: tuple[CardField, ...] = ()
    statements: tuple[str, ...] = ()  # "Service in French", "Served regardless of …"
    checked: str = ""  # "Information checked on June 1, 2026"
    qr_caption: str = ""  # "Scan for directions"

    def text(self) -> str:
        parts = [self.heading, self.for_line, self.description]
        for item in self.fields:
            parts += [item.label, item.value]
        parts += [*self.statements, self.checked, self.qr_caption]
        return "\n".join(part for part in parts if part)


@dataclass(frozen=True)
class ReferralCard:
    title: str  # of the PDF file, in the window's language
    service: str
    organization: str
    # What the QR code holds: a maps link to the address, or a tel: link; empty for none.
    qr: str
    # The family's language first; one side when both languages are the same.
    sides: tuple[CardSide, ...]
    # Why the card is not in the language asked for (its script cannot be printed), in the
    # window's language; empty when it is.
    notice: str = ""
    # The codes of the sides' languages, in order.
    languages: tuple[str, ...] = ()

    def text(self) -> str:
        """Every word the card prints (for tests and searching)."""
        parts = [self.service, self.organization, *(side.text() for side in self.sides)]
        return without_isolates("\n".join(part for part in parts if part))


def write_card(card: ReferralCard, target: Path) -> Path:
    """Print `card` twice on a Letter page to `target`, whole or not at all."""
    register_fonts()
    with written_whole(target) as partial:
        canvas = Canvas(str(partial), pagesize=letter)
        canvas.setTitle(without_isolates(card.title))
        canvas.setCreator("CommunityDesk")
        for bottom in (CARD_HEIGHT, 0.0):
            _draw_card(canvas, card, bottom)
        _cut_line(canvas)
        canvas.showPage()
        canvas.save()
    return target


def _cut_line(canvas: Canvas) -> None:
    canvas.saveState()
    canvas.setStrokeColor(GRID_LINE)
    canvas.setLineWidth(0.6)
    canvas.setDash(4, 3)
    canvas.line(0, CARD_HEIGHT, PAGE_WIDTH, CARD_HEIGHT)
    canvas.restoreState()


def _draw_card(canvas: Canvas, card: ReferralCard, bottom: float) -> None:
    canvas.saveState()
    canvas.setStrokeColor(GRID_LINE)
    canvas.setLineWidth(0.5)
    canvas.roundRect(
        FRAME_INSET,
        bottom + FRAME_INSET,
        PAGE_WIDTH - 2 * FRAME_INSET,
        CARD_HEIGHT - 2 * FRAME_INSET,
        6,
    )
    canvas.restoreState()

    left, right = PADDING, PAGE_WIDTH - PADDING
    top = bottom + CARD_HEIGHT - PADDING
    width = right - left
    rtl = card.sides[0].right_to_left if card.sides else False
    pen = Pen(canvas)

    # The QR code stands where the family's reading ends: top right, or top left in Arabic.
    header_width = width - (QR_SIZE + 12 if card.qr else 0)
    header = stacked(
        (
            text_block(card.service, header_width, BOLD, 13, rtl, most_lines=2),
            text_block(card.organization, header_width, REGULAR, 9.5, rtl, GREY_TEXT, 2),
        ),
        gap=2,
    )
    header_left = left + (width - header_width if rtl else 0)
    header.draw(pen, header_left, top)
    header_height = header.height
    if card.qr:
        qr_left = left if rtl else right - QR_SIZE
        _draw_qr(canvas, card.qr, qr_left, top - QR_SIZE)
        # One caption per language, once: "Scan for directions" twice says nothing more.
        wording = {side.qr_caption: side.right_to_left for side in card.sides}
        captions = stacked(
            [text_block(text, QR_SIZE + 16, REGULAR, 6, back) for text, back in wording.items()]
        )
        centred = Block(
            tuple(replace(p, x=(QR_SIZE + 16 - p.line.width) / 2) for p in captions.placed),
            captions.height,
        )
        centred.draw(pen, qr_left - 8, top - QR_SIZE)
        header_height = max(header_height, QR_SIZE + captions.height)

    rule = top - header_height - 6
    columns_top = rule - 8
    room = columns_top - (bottom + PADDING)
    count = max(len(card.sides), 1)
    column_width = (width - COLUMN_GAP * (count - 1)) / count
    blocks = _fit([_ColumnText(side) for side in card.sides], column_width, room)
    canvas.drawText(pen.text)

    pen = Pen(canvas)
    # Reading order: the family's column first, on the right when its language reads so.
    for index, block in enumerate(blocks):
        slot = count - 1 - index if rtl else index
        block.draw(pen, left + slot * (column_width + COLUMN_GAP), columns_top)
    canvas.drawText(pen.text)

    canvas.saveState()
    canvas.setStrokeColor(GRID_LINE)
    canvas.setLineWidth(0.5)
    canvas.line(left, rule, right, rule)
    for slot in range(1, count):
        x = left + slot * (column_width + COLUMN_GAP) - COLUMN_GAP / 2
        canvas.line(x, columns_top + 2, x, bottom + PADDING)
    canvas.restoreState()


def _draw_qr(canvas: Canvas, content: str, x: float, y: float) -> None:
    # Level M survives a crease or a coffee stain; the widget leaves the quiet zone around it.
    widget = QrCodeWidget(content, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(
        QR_SIZE, QR_SIZE, transform=[QR_SIZE / (x1 - x0), 0, 0, QR_SIZE / (y1 - y0), 0, 0]
    )
    drawing.add(widget)
    canvas.saveState()
    canvas.setFillColor(black)
    renderPDF.draw(drawing, canvas, x, y)
    canvas.restoreState()


@dataclass(frozen=True)
class _ColumnText:
    side: CardSide

    def block(self, width: float, size: float, most_lines: int = 0) -> Block:
        side, rtl = self.side, self.side.right_to_left
        labels = [item.label for item in side.fields]
        labelled = label_width(labels, size, width * 0.34)
        fields = [
            field_block(
                item.label, item.value, width, labelled, size, rtl, 0 if item.whole else most_lines
            )
            for item in side.fields
        ]
        return stacked(
            (
                text_block(side.heading, width, BOLD, size - 1, rtl, GREY_TEXT),
                text_block(side.for_line, width, BOLD, size + 1, rtl),
                text_block(
                    side.description, width, REGULAR, size, rtl, GREY_TEXT, min(most_lines, 2) or 3
                ),
                *fields,
                *(text_block(s, width, BOLD, size, rtl, most_lines=2) for s in side.statements),
                text_block(side.checked, width, REGULAR, size - 0.5, rtl, GREY_TEXT),
            ),
            gap=size * 0.35,
        )


def _fit(columns: list[_ColumnText], width: float, room: float) -> list[Block]:
    """The columns at the largest size at which every one fits `room`; failing that, with long
    values cut to fewer and fewer lines; as a last resort, cut at the bottom."""
    blocks: list[Block] = []
    for most in (0, 6, 4, 3, 2, 1):
        for size in SIZES:
            blocks = [column.block(width, size, most) for column in columns]
            if all(block.height <= room for block in blocks):
                return blocks
    return [_clipped(block, room) for block in blocks]


def _clipped(block: Block, room: float) -> Block:
    kept = tuple(p for p in block.placed if p.y + p.size * 0.3 <= room)
    return Block(kept, min(block.height, room))
