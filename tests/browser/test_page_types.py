"""One showcase page of each kind on a phone, 360 px wide, light and dark.

The page never scrolls sideways, and nothing in its text does either but
the things that may (code, graphs, formulas): a table or a pair of code
examples that scrolled would hide its last column. In the dark, what the
extension draws (cards, tables, graphs, index entries, an adopted glossary)
sits on a dark background, not a white box.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Browser, Page
    from sphinx.testing.util import SphinxTestApp

# kind of page -> a showcase page of that kind
PAGES = {
    "card": "glossary/alignment",
    "term file": "terms/beam-search",
    "A-Z": "reference/a-z",
    "category": "glossary/index",
    "comparisons": "reference/comparisons",
    "table": "reference/table",
    "graphs": "reference/maps",
    "adopted glossary": "guide/migrating",
    "quickstart": "guide/quickstart",
    "guide": "guide/graphs",
}

# what the extension draws, whose background must follow the dark theme
CONTAINERS = [
    ".mt-card",
    ".mt-related-card",
    ".mt-compare-table th",
    ".mt-compare-table td",
    ".mt-term-table td",
    ".mt-graph",
    ".mt-index-entry",
    "dl.glossary > dd",
    ".mt-filter-input",
]

OVERFLOW = "() => document.documentElement.scrollWidth - innerWidth"

# elements of the content that scroll sideways, but code, graphs, formulas
SCROLLERS = """() => [...document.querySelectorAll('[role=main] *')].filter(e => {
  const x = getComputedStyle(e).overflowX;
  return (x === 'auto' || x === 'scroll') && e.scrollWidth > e.clientWidth + 1
    && !e.closest('pre, div.highlight, .mt-graph, div.math');
}).map(e => e.className || e.tagName)"""

# the luminance of what is behind an element: its background and those of
# its ancestors, composed up to the first opaque one (over white)
BACKGROUND = """el => {
  const parse = s => { const v = s.match(/[\\d.]+/g).map(Number);
    return [v[0], v[1], v[2], v.length > 3 ? v[3] : 1]; };
  const layers = [];
  for (let node = el; node; node = node.parentElement) {
    const c = parse(getComputedStyle(node).backgroundColor);
    if (c[3] > 0) layers.push(c);
    if (c[3] === 1) break;
  }
  let bg = [255, 255, 255];
  for (const [r, g, b, a] of layers.reverse()) {
    bg = [r * a + bg[0] * (1 - a), g * a + bg[1] * (1 - a), b * a + bg[2] * (1 - a)];
  }
  return bg.map(c => { c /= 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; })
    .reduce((s, c, i) => s + c * [0.2126, 0.7152, 0.0722][i], 0);
}"""


@pytest.fixture(scope="module")
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 360, "height": 780})
    page = context.new_page()
    page.set_default_timeout(5_000)
    yield page
    context.close()


def open_page(phone: Page, site: Path, name: str, scheme: str) -> None:
    phone.emulate_media(color_scheme=scheme)
    phone.goto((site / f"{name}.html").as_uri())
    phone.wait_for_timeout(100)  # Furo settles its colour mode in script


@pytest.mark.parametrize("kind", list(PAGES))
def test_page_fits_a_phone_light_and_dark(
    phone: Page, showcase: SphinxTestApp, kind: str
) -> None:
    site = Path(showcase.outdir)
    open_page(phone, site, PAGES[kind], "light")
    assert phone.evaluate(OVERFLOW) <= 1, kind
    assert phone.evaluate(SCROLLERS) == [], kind

    open_page(phone, site, PAGES[kind], "dark")
    assert phone.evaluate(OVERFLOW) <= 1, kind
    found = 0
    for selector in CONTAINERS:
        for element in phone.locator(selector).all()[:3]:
            found += 1
            assert element.evaluate(BACKGROUND) < 0.2, (kind, selector)
    assert found or kind == "quickstart", kind
