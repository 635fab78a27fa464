"""The showcase site in its default theme, Furo, light and dark, and in
alabaster, the theme it falls back to without the docs extra.

Screenshots of five kinds of page (a term page, one with a formula, the
glossary by category, the A-Z glossary, a page of comparisons) land in
tests/browser/_screenshots (or $MT_SCREENSHOTS) for a person to look at.
The assertions check what can be measured: the text of cards, badges, links
and tables contrasts with what is behind it, the page is dark exactly when it
should be, nothing makes the page scroll sideways at a desktop or a phone
width, axe-core finds nothing serious in the content, a term's tooltip opens
on hover, and every page of the site loads from ``file://`` with all other
requests refused, without an error, with its formulas laid out.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from ..conftest import copy_showcase
from .conftest import build_without_warnings, screenshot
from .test_tooltips import assert_inside_viewport, tip_of

if TYPE_CHECKING:
    from collections.abc import Callable

    from playwright.sync_api import Page
    from sphinx.testing.util import SphinxTestApp

    from .conftest import Console


# page -> the elements whose text must stay readable
PAGES = {
    "glossary/alignment": [
        ".mt-card .mt-category",
        ".mt-card .mt-level",
        ".mt-aliases",
        ".mt-summary",
        ".mt-explanation p",
        ".mt-explanation a.mt-ref",
        ".mt-example p",
        ".mt-section-title",
        ".mt-faq-list > dt",
        ".mt-faq-list > dd p",
        ".mt-related-card a.mt-ref",
        ".mt-related-card .mt-badge",
        ".mt-related-summary",
        ".mt-sources a",
        ".mt-backrefs a",
    ],
    "reference/a-z": [
        ".mt-index-jump a",
        ".mt-index-entry a.mt-ref",
        ".mt-index-entry .mt-category",
        ".mt-index-entry .mt-level-beginner",
        ".mt-index-entry .mt-level-intermediate",
        ".mt-index-entry .mt-level-advanced",
        ".mt-index-summary",
    ],
    "reference/comparisons": [
        ".mt-compare-table caption",
        ".mt-compare-table thead a",
        ".mt-compare-table th.stub",
        ".mt-compare-table td",
    ],
    "glossary/index": [
        ".mt-index-group",
        ".mt-index-entry a.mt-ref",
        ".mt-index-entry .mt-level",
        ".mt-index-summary",
    ],
    "glossary/elo-rating": [
        "div.math math",
        ".mt-explanation p",
    ],
}

# page -> what a phone screenshot shows: the part most likely to overflow
PHONE_VIEW = {
    "glossary/alignment": ".mt-related",
    "reference/a-z": ".mt-index-jump",
    "reference/comparisons": ".mt-comparison",
    "glossary/index": ".mt-index-entry",
    "glossary/elo-rating": "div.math",
}

# The WCAG contrast of an element's text with the colours behind it, which
# are composed from the element up to the page (over white), and the
# luminance of that background.
CONTRAST = """el => {
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
  const fgc = parse(getComputedStyle(el).color);
  const fg = fgc.slice(0, 3).map((c, i) => c * fgc[3] + bg[i] * (1 - fgc[3]));
  const lum = ([r, g, b]) => [r, g, b].map(c => { c /= 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; })
    .reduce((s, c, i) => s + c * [0.2126, 0.7152, 0.0722][i], 0);
  const l1 = lum(bg), l2 = lum(fg);
  return [(Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05), l1];
}"""

OVERFLOW = """() => [document.documentElement.scrollWidth,
  document.documentElement.clientWidth]"""

SCROLL_TO = (
    """el => window.scrollTo(0, el.getBoundingClientRect().top + scrollY - 70)"""
)

LONGEST = 6000  # px of a page's screenshot: the top of the A-Z is enough


@pytest.fixture(scope="module", params=["furo", "alabaster"])
def themed_showcase(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, Path]:
    """The showcase built with ``-n`` and no warning, in a theme; in its own
    theme, Furo, that is the session's build (tests/conftest.py)."""
    theme = request.param
    if theme == "furo":
        app: SphinxTestApp = request.getfixturevalue("showcase")
        assert app.config.html_theme == theme
        assert app.config.nitpicky
        assert app.warning.getvalue() == ""
        return theme, Path(app.outdir)
    srcdir = tmp_path_factory.mktemp(f"showcase-{theme}") / "src"
    copy_showcase(srcdir)
    return theme, build_without_warnings(srcdir, html_theme=theme, nitpicky=True)


def open_showcase(
    new_page: Callable[..., tuple[Page, Console]],
    site: Path,
    name: str,
    scheme: str,
    width: int = 1280,
) -> tuple[Page, Console]:
    page, console = new_page(width=width, height=800, color_scheme=scheme)
    page.goto((site / f"{name}.html").as_uri())
    page.wait_for_timeout(200)  # Furo settles its colour mode in script
    return page, console


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", list(PAGES))
def test_pages_are_readable_and_fit(
    new_page: Callable[..., tuple[Page, Console]],
    themed_showcase: tuple[str, Path],
    name: str,
    scheme: str,
) -> None:
    theme, site = themed_showcase
    page, console = open_showcase(new_page, site, name, scheme)
    # Furo follows the system; alabaster has no dark mode and stays light
    dark = scheme == "dark" and theme == "furo"
    for selector in PAGES[name]:
        element = page.locator(selector).first
        expect(element).to_be_visible()
        contrast, background = element.evaluate(CONTRAST)
        assert contrast >= 4.5, (theme, scheme, selector, contrast)
        assert (background < 0.2) == dark, (theme, scheme, selector, background)
    scroll_width, width = page.evaluate(OVERFLOW)
    assert scroll_width <= width, (theme, scheme, name, scroll_width)
    assert console.ours == []  # before axe, which fetches files that file:// refuses
    # axe-core on the content; the theme's navigation is the theme's business
    results = Axe().run(page, context="[role=main]")
    serious = [
        f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
    assert serious == [], (theme, scheme, name)
    slug = name.replace("/", "-")
    height = min(LONGEST, page.evaluate("document.documentElement.scrollHeight"))
    clip = {"x": 0, "y": 0, "width": width, "height": height}
    screenshot(page, f"showcase-{theme}-{slug}-{scheme}", full_page=True, clip=clip)

    phone, console = open_showcase(new_page, site, name, scheme, width=360)
    scroll_width, width = phone.evaluate(OVERFLOW)
    assert scroll_width <= width, (theme, scheme, name, "360px", scroll_width)
    phone.locator(PHONE_VIEW[name]).first.evaluate(SCROLL_TO)
    screenshot(phone, f"showcase-{theme}-{slug}-{scheme}-360")
    assert console.ours == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_tooltip_opens_on_a_term_page(
    new_page: Callable[..., tuple[Page, Console]],
    themed_showcase: tuple[str, Path],
    scheme: str,
) -> None:
    theme, site = themed_showcase
    page, console = open_showcase(new_page, site, "glossary/alignment", scheme)
    link = page.locator(".mt-explanation a.mt-ref[data-mt-term=reward-model]")
    link.first.scroll_into_view_if_needed()
    link.first.hover()
    tip = tip_of(page, link.first)
    expect(tip).to_be_visible(timeout=2_000)
    expect(tip).to_contain_text("Reward Model")
    page.wait_for_timeout(250)  # past the fade-in
    assert_inside_viewport(page, tip)
    # as wide as --mt-tooltip-width (24rem) at most, on a wide window too
    rem = page.evaluate(
        "parseFloat(getComputedStyle(document.documentElement).fontSize)"
    )
    box = tip.bounding_box()
    assert box is not None and box["width"] <= 24 * rem + 0.5, (box, rem)
    contrast, background = tip.evaluate(CONTRAST)
    assert contrast >= 7, (theme, scheme, contrast)
    assert (background < 0.2) == (scheme == "dark" and theme == "furo")
    screenshot(page, f"showcase-{theme}-tooltip-{scheme}")
    assert console.ours == []


def test_furo_dark_chosen_on_the_page(
    new_page: Callable[..., tuple[Page, Console]],
    themed_showcase: tuple[str, Path],
) -> None:
    """Furo's own switch (body[data-theme=dark]) darkens the cards on a
    light system, as the system preference does on "auto"."""
    theme, site = themed_showcase
    if theme != "furo":
        pytest.skip("only Furo has a light/dark switch")
    page, _ = open_showcase(new_page, site, "glossary/alignment", "light")
    page.evaluate("localStorage.setItem('theme', 'dark')")
    page.reload()
    page.wait_for_timeout(200)
    assert page.evaluate("document.body.dataset.theme") == "dark"
    for selector in PAGES["glossary/alignment"]:
        contrast, background = page.locator(selector).first.evaluate(CONTRAST)
        assert contrast >= 4.5 and background < 0.2, (selector, contrast)


# Each formula laid out as math: a fraction's numerator above its
# denominator, and the formula as tall as a line of text at least.
LAID_OUT = """math => {
  const box = math.getBoundingClientRect();
  const line = parseFloat(getComputedStyle(math.parentElement).fontSize);
  const fractions = [...math.querySelectorAll('mfrac')].map(f => {
    const [top, bottom] = [...f.children].map(c => c.getBoundingClientRect());
    return top.bottom <= bottom.top + 1 && top.height > 0 && bottom.height > 0;
  });
  return [box.width > 0 && box.height >= line, fractions];
}"""


def test_every_page_works_offline(
    new_page: Callable[..., tuple[Page, Console]],
    themed_showcase: tuple[str, Path],
) -> None:
    """Every page, from file:// with every other request refused: no console
    error, no failed request, no request off the machine, each formula laid
    out by the browser."""
    theme, site = themed_showcase
    page, console = new_page(width=1280, height=800)
    refused: list[str] = []
    failed: list[str] = []

    def route(request_route: Any) -> None:
        if request_route.request.url.startswith("file://"):
            request_route.continue_()
        else:
            refused.append(request_route.request.url)
            request_route.abort()

    page.route("**/*", route)
    page.on("requestfailed", lambda request: failed.append(request.url))
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 120
    formulas = 0
    for path in pages:
        name = path.relative_to(site).as_posix()
        page.goto(path.as_uri(), wait_until="load")
        assert (console.errors, refused, failed) == ([], [], []), (theme, name)
        for math in page.locator("math").all():
            whole, fractions = math.evaluate(LAID_OUT)
            display = math.get_attribute("display") == "block"
            assert whole or not display, (theme, name)
            assert all(fractions), (theme, name, fractions)
            formulas += 1
    assert formulas >= 5
    # the widest formula scrolls on its own on a phone; the page does not
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto((site / "glossary/bm25.html").as_uri())
    scroll_width, width = page.evaluate(OVERFLOW)
    assert scroll_width <= width, (theme, "bm25 at 360px", scroll_width)
    formula = page.locator("div.math").first
    assert formula.evaluate("el => el.scrollWidth > el.clientWidth")
    formula.evaluate(SCROLL_TO)
    screenshot(page, f"showcase-{theme}-formula-360")
