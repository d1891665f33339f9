"""PDF helpers shared by the printable documents: a font with Latin and Arabic glyphs, and Arabic shaping.

DejaVu Sans (Bitstream Vera licence, see fonts/DejaVu-LICENSE.txt) ships with the code so that a fresh machine
prints the same documents. reportlab draws glyphs left to right without shaping, so Arabic text is first shaped
(arabic-reshaper joins the letters) and put in visual order (python-bidi) before it is drawn.
"""

import re
from pathlib import Path

import arabic_reshaper
from bidi.algorithm import get_display
from django.utils.html import escape
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT = "ConveneSans"
FONT_BOLD = "ConveneSans-Bold"
RTL_LANGUAGES = {"ar"}
FRAME_PADDING = 6  # points on each side: platypus Frame's default, inside SimpleDocTemplate's margins
_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")


def register_fonts():
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, FONT_DIR / "DejaVuSans.ttf"))
        pdfmetrics.registerFont(TTFont(FONT_BOLD, FONT_DIR / "DejaVuSans-Bold.ttf"))


def visual(text) -> str:
    """Text ready to draw: Arabic shaped and reordered for display, anything else unchanged.

    bidi.algorithm (pure Python) mirrors brackets in right-to-left runs; the newer `bidi.get_display` does not.
    """
    text = "" if text is None else str(text)
    if not _ARABIC.search(text):
        return text
    return get_display(arabic_reshaper.reshape(text))


def para(text, style=None, width=None) -> str:
    """Escaped, shaped text for a reportlab Paragraph.

    Given the paragraph's style and width (the document's text width, e.g. `doc.width`), Arabic text is broken into
    lines before it is reordered, since reportlab would otherwise wrap the visual (reversed) order and put the end of
    a sentence on its first line. The lines are measured against the width the frame really leaves (its padding
    taken off), so that reportlab never wraps one of them again; a right-aligned (Arabic) paragraph orders each line
    right to left even when it begins with a Latin name.
    """
    text = "" if text is None else str(text)
    if style is None or width is None or not _ARABIC.search(text):
        return escape(visual(text))
    shaped = arabic_reshaper.reshape(text)
    lines = simpleSplit(shaped, style.fontName, style.fontSize, width - 2 * FRAME_PADDING)
    direction = "R" if style.alignment == TA_RIGHT else None
    return "<br/>".join(escape(get_display(line, base_dir=direction)) for line in lines)


def paragraph_style(name, language, *, size=10, bold=False, space_after=2, leading=None):
    register_fonts()
    return ParagraphStyle(
        name,
        fontName=FONT_BOLD if bold else FONT,
        fontSize=size,
        leading=leading or size * 1.25,
        alignment=TA_RIGHT if language in RTL_LANGUAGES else TA_LEFT,
        spaceAfter=space_after,
    )
