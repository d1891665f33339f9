from core.pdf import visual


def test_visual_arabic_with_acronym_mirrors_brackets():
    assert visual("المنظمة (IOFS)") == "(IOFS) ﺔﻤﻈﻨﻤﻟﺍ"


def test_visual_latin_text_unchanged():
    assert visual("Amb. Berik Aryn (IOFS)") == "Amb. Berik Aryn (IOFS)"
