"""Tooltips on the ``:term:`` links of an adopted Sphinx glossary, in each
supported theme: opened by the pointer and by the keyboard, inside the
window, holding the entry's first paragraph, on a link Sphinx wrote."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

from .conftest import build_site, screenshot
from .test_themes import THEMES
from .test_tooltips import assert_inside_viewport, tip_of

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from playwright.sync_api import Page

    from .conftest import Console


@pytest.fixture(scope="module", params=list(THEMES))
def adopted_site(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, Path]:
    theme = request.param
    out = build_site(
        tmp_path_factory.mktemp(f"adopt-{theme}"), "adopt", html_theme=theme
    )
    return theme, out


def test_term_links_open_their_entrys_tooltip(
    new_page: Callable[..., tuple[Page, Console]],
    adopted_site: tuple[str, Path],
) -> None:
    theme, out = adopted_site
    page, console = new_page(width=1100, height=760)
    page.goto((out / "servicing.html").as_uri())
    page.wait_for_timeout(200)
    links = page.locator("a.mt-ref:has(span.std-term)")
    assert links.count() >= 10
    link = links.first
    # the entry's first paragraph, as the glossary page shows it
    href = link.get_attribute("href")
    assert href is not None and "#term-" in href
    link.scroll_into_view_if_needed()
    link.hover()
    tip = tip_of(page, link)
    expect(tip).to_be_visible(timeout=2_000)
    page.wait_for_timeout(250)  # past the fade-in
    assert_inside_viewport(page, tip)
    shown = " ".join(tip.locator(".mt-tip-summary").inner_text().split())
    screenshot(page, f"adopt-{theme}-hover")

    glossary = new_page(width=1100, height=760)[0]
    target, anchor = href.split("#", 1)
    glossary.goto((out / target).as_uri() + "#" + anchor)
    entry = (
        glossary.locator(f"dt[id='{anchor}'] ~ dd").first.locator(":scope > p").first
    )
    assert " ".join(entry.inner_text().split()) == shown

    # the keyboard: focus opens it, Escape closes it
    page.mouse.move(0, 0)
    expect(tip).to_be_hidden(timeout=2_000)
    other = links.nth(1)
    other.focus()
    other_tip = tip_of(page, other)
    expect(other_tip).to_be_visible(timeout=2_000)
    page.keyboard.press("Escape")
    expect(other_tip).to_be_hidden(timeout=2_000)
    assert console.ours == []
