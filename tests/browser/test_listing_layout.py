"""Comparison and term tables fit the page at a phone's width (360 px) and a
desktop's (1280 px), in the showcase's theme (Furo) and alabaster, light and
dark: the page does not scroll sideways, no table is wider than the column
it sits in, and no cell's text is cut off.

Screenshots land in tests/browser/_screenshots (or $MT_SCREENSHOTS) for a
person to look at.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from .conftest import build_site, screenshot

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from playwright.sync_api import Page

    from .conftest import Console

# root -> the pages with tables
PAGES = {
    "listings": ["compare", "table"],
    "letters": ["listings"],
}

# [page width, widest table, what sticks out]: a table sticks out of its
# column when it reaches past it, or a cell's content past the cell
MEASURE = """() => {
  const tables = [...document.querySelectorAll(
    "table.mt-compare-table, table.mt-term-table")];
  const out = [];
  for (const table of tables) {
    const box = table.parentElement.getBoundingClientRect();
    const own = table.getBoundingClientRect();
    if (own.right > box.right + 1 || table.scrollWidth > table.clientWidth + 1)
      out.push(`${table.className}: ${own.width} in ${box.width}`);
    for (const cell of table.querySelectorAll("th, td"))
      if (cell.scrollWidth > cell.clientWidth + 1)
        out.push(`${table.className} cell "${cell.textContent.trim().slice(0, 30)}"`);
  }
  return [document.documentElement.scrollWidth, tables.length, out];
}"""


@pytest.fixture(
    scope="module",
    params=["furo-listings", "alabaster-listings", "furo-letters", "alabaster-letters"],
)
def site(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, str, Path]:
    theme, root = request.param.split("-")
    out = build_site(tmp_path_factory.mktemp(request.param), root, html_theme=theme)
    return theme, root, out


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [360, 1280])
def test_tables_fit(
    new_page: Callable[..., tuple[Page, Console]],
    site: tuple[str, str, Path],
    width: int,
    scheme: str,
) -> None:
    theme, root, out = site
    for name in PAGES[root]:
        page, console = new_page(width=width, height=800, color_scheme=scheme)
        page.goto((out / f"{name}.html").as_uri())
        page.wait_for_timeout(200)  # Furo settles its colour mode in script
        page_width, tables, sticking_out = page.evaluate(MEASURE)
        assert tables, (root, name)
        assert page_width <= width, (theme, root, name, width, page_width)
        assert sticking_out == [], (theme, root, name, width, scheme)
        assert console.ours == []
        height = min(5000, page.evaluate("document.documentElement.scrollHeight"))
        clip = {"x": 0, "y": 0, "width": width, "height": height}
        screenshot(
            page,
            f"listings-{theme}-{root}-{name}-{width}-{scheme}",
            full_page=True,
            clip=clip,
        )
