from core.pdf import visual


def test_visual_arabic_with_acronym_mirrors_brackets():
    assert visual("المنظمة (IOFS)") == "(IOFS) ﺔﻤﻈﻨﻤﻟﺍ"


def test_visual_latin_text_unchanged():
    assert visual("Amb. Berik Aryn (IOFS)") == "Amb. Berik Aryn (IOFS)"


def _drawn_lines(paragraph):
    lines = paragraph.blPara.lines
    if paragraph.blPara.kind == 0:
        return [" ".join(words) for _space, words in lines]
    return ["".join(fragment.text for fragment in line.words) for line in lines]


def _title_filling_the_margin_band(style, text_width):
    """An Arabic title whose first line, cut at the document's text width, is wider than the frame leaves."""
    import arabic_reshaper
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from core.pdf import FRAME_PADDING

    words = [
        "متابعة",
        "الالتزامات",
        "منذ",
        "الاجتماع",
        "العام",
        "بين",
        "الأمم",
        "المتحدة",
        "ومنظمة",
        "التعاون",
        "الإسلامي",
        "في",
        "أستانا",
    ]
    for filler in range(1, 60):
        title = " ".join([*words[:3], "ا" * filler, *words[3:]])
        first = simpleSplit(arabic_reshaper.reshape(title), style.fontName, style.fontSize, text_width)[0]
        if stringWidth(first, style.fontName, style.fontSize) > text_width - 2 * FRAME_PADDING:
            return title
    raise AssertionError("no title fills the band")


def test_a_long_arabic_title_keeps_its_lines_in_reading_order_inside_the_frame():
    import arabic_reshaper
    from bidi.algorithm import get_display
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Paragraph

    from core.pdf import FRAME_PADDING, para, paragraph_style

    style = paragraph_style("title", "ar", size=15, bold=True)
    text_width = A4[0] - 2 * 72  # what SimpleDocTemplate gives its frame, whose padding takes 6 points a side
    title = _title_filling_the_margin_band(style, text_width)

    paragraph = Paragraph(para(title, style, text_width), style)
    paragraph.wrap(text_width - 2 * FRAME_PADDING, 1000)
    lines = _drawn_lines(paragraph)

    # reportlab kept the lines cut in reading order (no second wrap of the reversed text), the first one on top.
    assert len(lines) == para(title, style, text_width).count("<br/>") + 1
    assert get_display(arabic_reshaper.reshape("متابعة")) in lines[0]
    assert get_display(arabic_reshaper.reshape("أستانا")) in lines[-1]


def test_an_arabic_line_that_starts_with_a_latin_name_still_reads_right_to_left():
    from core.pdf import para, paragraph_style

    style = paragraph_style("text", "ar")

    drawn = para("IOFS تقود المبادرة", style, 400)

    # Right to left: the Latin acronym, first in reading order, is drawn at the right end.
    assert drawn.endswith("IOFS")
