"""Term graphs in the browser: labels legible at any width, colours that
follow the theme's dark scheme, nothing hidden below the fold or in print.

The pages are the dense root's (a neighbourhood of 40 drawn terms, wider
than a phone or a laptop column, and a small one further down).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

from .conftest import build_site, screenshot

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from playwright.sync_api import Locator, Page

    from .conftest import Console

MIN_PX = 11

LABEL_SIZES = """svg => [...svg.querySelectorAll('text')].map(t => {
  const m = t.getScreenCTM();
  const size = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
  return [t.textContent, size, t.getBoundingClientRect().height];
})"""

# luminance of a CSS colour, contrast of two, and the colour a page shows
# behind an element (the nearest ancestor with a background of its own)
COLOURS = """
const rgba = s => (s.match(/[\\d.]+/g) || [0, 0, 0, 0]).map(Number);
const lum = s => {
  const [r, g, b] = rgba(s).slice(0, 3).map(c => {
    c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const contrast = (a, b) => {
  const [x, y] = [lum(a), lum(b)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
};
const clear = s => s === 'transparent' || s === 'none' || rgba(s)[3] === 0;
const behind = el => {
  for (let e = el; e; e = e.parentElement) {
    const bg = getComputedStyle(e).backgroundColor;
    if (!clear(bg)) return bg;
  }
  return 'rgb(255, 255, 255)';
};
"""

THEME_COLOURS = (
    "svg => {"
    + COLOURS
    + """
  const page = behind(svg.parentElement);
  const box = svg.querySelector('.graph > polygon');
  const labels = [...svg.querySelectorAll('.node')].map(node => {
    const text = getComputedStyle(node.querySelector('text')).fill;
    const shape = getComputedStyle(node.querySelector('path, polygon')).fill;
    const on = clear(shape) ? page : shape;
    return [node.textContent.trim(), contrast(text, on), contrast(text, page), lum(on)];
  });
  return {
    page: lum(page),
    svg: getComputedStyle(svg).backgroundColor,
    block: getComputedStyle(svg.parentElement).backgroundColor,
    canvas: box ? getComputedStyle(box).fill : 'none',
    labels,
  };
}"""
)


@pytest.fixture(scope="module")
def dense_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(tmp_path_factory.mktemp("graphs"), "graphs-dense")


def drawings(page: Page) -> Locator:
    return page.locator(".mt-graph > svg.mt-graph-svg")


def assert_labels_legible(svg: Locator, where: str) -> None:
    sizes = svg.evaluate(LABEL_SIZES)
    assert sizes, where
    small = [(text, round(px, 2)) for text, px, _h in sizes if px < MIN_PX]
    assert small == [], where
    flat = [(text, round(h, 2)) for text, _px, h in sizes if h < MIN_PX]
    assert flat == [], where


@pytest.mark.parametrize("width", [360, 1280])
def test_labels_never_shrink_below_11_px(
    new_page: Callable[..., tuple[Page, Console]], dense_site: Path, width: int
) -> None:
    page, console = new_page(width=width, height=800)
    page.goto((dense_site / "around.html").as_uri())
    svgs = drawings(page)
    expect(svgs).to_have_count(2)
    for index in range(2):
        svg = svgs.nth(index)
        svg.scroll_into_view_if_needed()
        assert_labels_legible(svg, f"{width}px, drawing {index}")
    # the wide drawing scrolls inside its block, which stays in the column
    # (at 1280 px too: 40 terms are wider than alabaster's column)
    block = page.locator(".mt-graph").first
    assert block.evaluate("b => b.scrollWidth > b.clientWidth")
    assert block.evaluate(
        "b => b.getBoundingClientRect().right"
        " <= b.parentElement.getBoundingClientRect().right + 0.5"
    )
    screenshot(page, f"graph-{width}")
    assert console.ours == []


@pytest.mark.parametrize(
    ("theme", "scheme"),
    [
        ("furo", "dark"),
        ("furo", "light"),
        ("pydata_sphinx_theme", "dark"),
        ("sphinx_book_theme", "dark"),
        ("alabaster", "dark"),  # a light theme stays light
    ],
)
def test_graph_follows_the_theme_colours(
    new_page: Callable[..., tuple[Page, Console]],
    tmp_path_factory: pytest.TempPathFactory,
    theme: str,
    scheme: str,
) -> None:
    out = build_site(tmp_path_factory.mktemp(theme), "graphs-dense", html_theme=theme)
    page, console = new_page(width=1280, height=800, color_scheme=scheme)
    page.goto((out / "around.html").as_uri())
    page.wait_for_timeout(200)  # themes settle their colour mode in script
    svg = drawings(page).last
    svg.scroll_into_view_if_needed()
    found = svg.evaluate(THEME_COLOURS)
    # no box of its own: the drawing sits on the page's background
    for part in ("svg", "block", "canvas"):
        assert found[part] in {"rgba(0, 0, 0, 0)", "transparent", "none"}, found
    dark = scheme == "dark" and theme != "alabaster"
    assert (found["page"] < 0.2) == dark, found["page"]
    for label, on_box, on_page, box in found["labels"]:
        assert on_box >= 4.5, (label, on_box)
        assert on_page >= 4.5, (label, on_page)
        assert (box < 0.2) == dark, (label, box)
    screenshot(page, f"graph-{theme}-{scheme}")
    assert console.ours == []


def test_graph_below_the_fold_shows_when_scrolled_to(
    new_page: Callable[..., tuple[Page, Console]], dense_site: Path
) -> None:
    page, _console = new_page(width=1280, height=700, java_script_enabled=False)
    page.goto((dense_site / "around.html").as_uri())
    svg = drawings(page).last
    assert svg.evaluate("s => s.getBoundingClientRect().top") > 700
    svg.scroll_into_view_if_needed()
    expect(svg).to_be_in_viewport()
    label = svg.locator("text").first
    box = label.bounding_box()
    assert box is not None and box["width"] > 0 and box["height"] >= MIN_PX
    # what is painted at the label is the label's own link
    hit = page.evaluate(
        "([x, y]) => document.elementFromPoint(x, y)"
        ".closest('a')?.getAttribute('href')",
        [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
    )
    assert hit and hit.startswith("terms.html#mt-")


def test_graphs_print_whole_and_inside_the_page(
    new_page: Callable[..., tuple[Page, Console]], dense_site: Path
) -> None:
    page, _console = new_page(width=800, height=1000)
    page.goto((dense_site / "around.html").as_uri())
    page.emulate_media(media="print")
    for index in range(2):
        svg = drawings(page).nth(index)
        expect(svg).to_be_visible()
        box = svg.bounding_box()
        assert box is not None and box["height"] > 0
        assert box["x"] >= 0 and box["x"] + box["width"] <= 800, box
        block = svg.locator("xpath=..")
        assert block.evaluate("b => b.scrollWidth <= b.clientWidth")
        texts = svg.evaluate(
            "s => [...s.querySelectorAll('text')].map(t => t.getBBox().width)"
        )
        assert texts and min(texts) > 0
    assert page.pdf(width="8.5in", height="11in")[:4] == b"%PDF"
