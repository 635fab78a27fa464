"""The tooltip and the cards in each supported theme, light and dark.

Screenshots land in tests/browser/_screenshots (or $MT_SCREENSHOTS) for a
person to look at; the assertions check what can be measured: the tooltip
opens inside the window, its text contrasts with its background, and it is
dark exactly where the theme is dark.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

from .conftest import build_site, screenshot
from .test_tooltips import assert_inside_viewport, tip_of

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from playwright.sync_api import Page

    from .conftest import Console

# theme -> whether it follows a dark system preference
THEMES = {
    "alabaster": False,
    "sphinx_rtd_theme": False,
    "furo": True,
    "pydata_sphinx_theme": True,
    "sphinx_book_theme": True,
}

CONTRAST = """el => {
  const rgb = s => s.match(/[\\d.]+/g).slice(0, 3).map(Number).map(c => {
    c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; });
  const lum = s => { const [r, g, b] = rgb(s); return 0.2126*r + 0.7152*g + 0.0722*b; };
  const style = getComputedStyle(el);
  const bg = lum(style.backgroundColor), fg = lum(style.color);
  return [bg, (Math.max(bg, fg) + 0.05) / (Math.min(bg, fg) + 0.05)];
}"""


@pytest.fixture(scope="module", params=list(THEMES))
def themed_site(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, Path]:
    theme = request.param
    out = build_site(tmp_path_factory.mktemp(theme), "tooltips", html_theme=theme)
    return theme, out


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_tooltip_in_theme(
    new_page: Callable[..., tuple[Page, Console]],
    themed_site: tuple[str, Path],
    scheme: str,
) -> None:
    theme, out = themed_site
    page, console = new_page(width=1100, height=760, color_scheme=scheme)
    page.goto((out / "terms.html").as_uri())
    page.wait_for_timeout(200)  # themes settle their colour mode in script
    card = page.locator(".mt-card#mt-alignment")
    expect(card).to_be_visible()
    link = card.locator(".mt-related-card a.mt-ref").first
    link.hover()
    tip = tip_of(page, link)
    expect(tip).to_be_visible(timeout=2_000)
    page.wait_for_timeout(250)  # past the fade-in
    assert_inside_viewport(page, tip)
    background, contrast = tip.evaluate(CONTRAST)
    assert contrast >= 7, (theme, scheme, contrast)
    dark = scheme == "dark" and THEMES[theme]
    assert (background < 0.2) == dark, (theme, scheme, background)
    screenshot(page, f"theme-{theme}-{scheme}")
    assert console.ours == []
