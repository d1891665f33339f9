"""Accessibility checks run in Chromium on every public page: contrast, labels, landmarks, unique ids."""

import pytest

from tests.browser.conftest import DESKTOP

pytestmark = [pytest.mark.browser, pytest.mark.django_db]  # the demo fixture is committed; tests only read it

# For every visible text node's element: its colour against the first opaque background up the tree (WCAG 2).
AUDIT = """
() => {
  const parse = (value) => (value.match(/[\\d.]+/g) || []).map(Number);
  const luminance = ([r, g, b]) => {
    const channel = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const background = (element) => {
    for (let node = element; node; node = node.parentElement) {
      const rgba = parse(getComputedStyle(node).backgroundColor);
      if (rgba.length === 3 || (rgba.length === 4 && rgba[3] === 1)) return rgba.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const lowContrast = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement;
    if (!node.textContent.trim() || !element.checkVisibility()) continue;
    const style = getComputedStyle(element);
    const [a, b] = [luminance(parse(style.color).slice(0, 3)), luminance(background(element))];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const large = parseFloat(style.fontSize) >= 24 || (parseFloat(style.fontSize) >= 18.66 && style.fontWeight >= 700);
    if (ratio < (large ? 3 : 4.5)) lowContrast.push(`${node.textContent.trim().slice(0, 40)} (${ratio.toFixed(2)})`);
  }
  const unlabelled = [...document.querySelectorAll("input:not([type=hidden]), select, textarea")]
    .filter((control) => control.labels.length === 0 && !control.getAttribute("aria-label"))
    .map((control) => control.name);
  const ids = [...document.querySelectorAll("[id]")].map((element) => element.id);
  const duplicateIds = ids.filter((id, index) => ids.indexOf(id) !== index);
  const unnamedLinks = [...document.querySelectorAll("a[href]")]
    .filter((a) => !a.textContent.trim() && !a.getAttribute("aria-label")).length;
  return {
    lowContrast, unlabelled, duplicateIds, unnamedLinks,
    h1: document.querySelectorAll("h1").length,
    landmarks: ["header", "nav", "main", "footer"].map((tag) => document.querySelectorAll(tag).length > 0),
    imagesWithoutAlt: document.querySelectorAll("img:not([alt])").length,
  };
}
"""


@pytest.mark.parametrize("language", ["en", "ar"])
def test_public_pages_pass_the_accessibility_audit(demo, open_page, outside_requests, language):
    page = open_page(DESKTOP)
    paths = [
        "",
        f"meetings/{demo.meeting.slug}/",
        f"meetings/{demo.meeting.slug}/agenda/",
        f"meetings/{demo.meeting.slug}/sessions/{demo.session.slug}/",
        f"meetings/{demo.meeting.slug}/participants/",
        "agreements/",
        f"agreements/{demo.instrument.slug}/",
        "search/?q=food",
    ]

    failures = {}
    for path in paths:
        page.goto(f"{demo.url}/{language}/{path}")
        result = page.evaluate(AUDIT)
        expected = {
            "lowContrast": [],
            "unlabelled": [],
            "duplicateIds": [],
            "unnamedLinks": 0,
            "h1": 1,
            "landmarks": [True, True, True, True],
            "imagesWithoutAlt": 0,
        }
        if result != expected:
            failures[path] = result

    assert failures == {}
    assert outside_requests == []
