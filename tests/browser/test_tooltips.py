"""Tooltips in a real browser: mouse, keyboard, touch, placement, a11y."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Locator, Page, expect

from .conftest import screenshot

if TYPE_CHECKING:
    from collections.abc import Callable

    from .conftest import Console

OpenPage = "Callable[..., tuple[Page, Console]]"


def tip_of(page: Page, link: Locator) -> Locator:
    """The tooltip a link names (role locators skip hidden elements)."""
    tip_id = link.get_attribute("aria-describedby")
    assert tip_id and tip_id.startswith("mt-tip-")
    return page.locator(f"[id='{tip_id}']")


def assert_inside_viewport(page: Page, element: Locator) -> None:
    box = element.bounding_box()
    assert box is not None
    view = page.evaluate("() => [document.documentElement.clientWidth, innerHeight]")
    assert box["x"] >= 0 and box["y"] >= 0, box
    assert box["x"] + box["width"] <= view[0] + 0.5, (box, view)
    assert box["y"] + box["height"] <= view[1] + 0.5, (box, view)


def test_hover_opens_after_a_delay_and_closes_after_leaving(
    new_page: Callable[..., tuple[Page, Console]], url: Callable[[str], str]
) -> None:
    page, console = new_page()
    page.goto(url("index.html"))
    link = page.locator("div.body a.mt-ref[data-mt-term=alignment]").first
    tip = tip_of(page, link)
    link.hover()
    page.wait_for_timeout(100)
    expect(tip).to_be_hidden()  # not yet: the show delay is 300 ms
    expect(tip).to_be_visible(timeout=2_000)
    expect(tip).to_contain_text("Alignment")
    expect(tip).to_contain_text("Safety")
    expect(tip).to_contain_text("beginner")
    expect(tip).to_contain_text("Making an AI system pursue the goals")
    page.mouse.move(5, 5)
    expect(tip).to_be_hidden(timeout=2_000)
    assert console.errors == []


def test_tooltip_can_be_hovered(
    new_page: Callable[..., tuple[Page, Console]], url: Callable[[str], str]
) -> None:
    page, console = new_page()
    page.goto(url("index.html"))
    link = page.locator("div.body a.mt-ref[data-mt-term=rlhf]").first
    tip = tip_of(page, link)
    link.hover()
    expect(tip).to_be_visible(timeout=2_000)
    box = tip.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=5)
    page.wait_for_timeout(600)  # well past the hide delay
    expect(tip).to_be_visible()
    page.mouse.move(2, 2, steps=2)
    expect(tip).to_be_hidden(timeout=2_000)
    assert console.errors == []


def test_escape_closes_without_moving_the_pointer(
    new_page: Callable[..., tuple[Page, Console]], url: Callable[[str], str]
) -> None:
    page, console = new_page()
    page.goto(url("index.html"))
    link = page.locator("div.body a.mt-ref[data-mt-term=jailbreak]").first
    tip = tip_of(page, link)
    link.hover()
    expect(tip).to_be_visible(timeout=2_000)
    page.keyboard.press("Escape")
    expect(tip).to_be_hidden()
    assert console.errors == []


def test_tab_reaches_the_link_and_shows_its_tooltip(
    new_page: Callable[..., tuple[Page, Console]], url: Callable[[str], str]
) -> None:
    page, console = new_page()
    page.goto(url("index.html"))
    for _ in range(60):  # themes put skip links and navigation first
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('div.body a.mt-ref')"):
            break
    else:
        pytest.fail("Tab never reached a term link")
    term = page.evaluate("() => document.activeElement.dataset.mtTerm")
    link = page.locator(f"div.body a.mt-ref[data-mt-term='{term}']").first
    tip = tip_of(page, link)
    expect(tip).to_be_visible()  # at once on focus: no delay
    page.keyboard.press("Escape")
    expect(tip).to_be_hidden()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    expect(tip).to_be_visible()
    page.keyboard.press("Tab")  # blur closes it
    expect(tip).to_be_hidden()
    assert console.errors == []


@pytest.mark.parametrize(("width", "height"), [(360, 640), (1280, 800)])
def test_every_tooltip_stays_inside_the_viewport(
    new_page: Callable[..., tuple[Page, Console]],
    url: Callable[[str], str],
    width: int,
    height: int,
) -> None:
    page, console = new_page(width=width, height=height)
    page.goto(url("index.html"))
    links = page.locator("div.body a.mt-ref")
    assert links.count() >= 6
    for index in range(links.count()):
        link = links.nth(index)
        link.scroll_into_view_if_needed()
        link.hover()
        tip = tip_of(page, link)
        expect(tip).to_be_visible(timeout=2_000)
        assert_inside_viewport(page, tip)
        page.keyboard.press("Escape")
    screenshot(page, f"tooltip-open-{width}")
    assert console.errors == []


def test_flips_above_a_link_at_the_bottom_edge(
    new_page: Callable[..., tuple[Page, Console]], url: Callable[[str], str]
) -> None:
    page, console = new_page(width=800, height=500)
    page.goto(url("index.html"))
    link = page.locator("div.body a.mt-ref[data-mt-term=prompt-injection]").first
    link.evaluate(
        "el => window.scrollTo(0, el.getBoundingClientRect().bottom + scrollY"
        " - innerHeight + 4)"
    )
    link.hover()
    tip = tip_of(page, link)
    expect(tip).to_be_visible(timeout=2_000)
    assert tip.get_attribute("data-mt-side") == "above"
    assert_inside_viewport(page, tip)
    tip_box, link_box = tip.bounding_box(), link.bounding_box()
    assert tip_box is not None and link_box is not None
    assert tip_box["y"] + tip_box["height"] <= link_box["y"]
    screenshot(page, "tooltip-flipped-above")
    assert console.errors == []


def test_first_tap_shows_second_tap_follows(
    new_page: Callable[..., tuple[Page, Console]], url: Callable[[str], str]
) -> None:
    page, console = new_page(width=390, height=800, has_touch=True, is_mobile=True)
    page.goto(url("index.html"))
    start = page.url
    link = page.locator("div.body a.mt-ref[data-mt-term=rlhf]").first
    tip = tip_of(page, link)
    link.tap()
    expect(tip).to_be_visible()
    assert page.url == start
    assert_inside_viewport(page, tip)
    screenshot(page, "tooltip-touch")
    page.locator("h1").first.tap()  # a tap elsewhere closes it
    expect(tip).to_be_hidden()
    link.tap()
    expect(tip).to_be_visible()
    link.tap()
    page.wait_for_url("**/terms.html#mt-rlhf")
    assert console.errors == []


def test_other_page_carries_only_its_own_tooltips(
    new_page: Callable[..., tuple[Page, Console]], url: Callable[[str], str]
) -> None:
    page, console = new_page()
    page.goto(url("other.html"))
    assert page.locator("[role=tooltip]").count() == 1
    link = page.locator("div.body a.mt-ref").first
    link.focus()
    expect(tip_of(page, link)).to_be_visible()
    assert console.errors == []


def test_no_serious_accessibility_violation(
    new_page: Callable[..., tuple[Page, Console]], url: Callable[[str], str]
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page, console = new_page()
    page.goto(url("index.html"))
    link = page.locator("div.body a.mt-ref[data-mt-term=alignment]").first
    link.focus()
    expect(tip_of(page, link)).to_be_visible()
    page.keyboard.press("Escape")
    # axe itself fetches stylesheets, which file:// refuses in the console
    assert console.errors == []
    axe = Axe()

    def serious() -> list[str]:
        results = axe.run(page)
        return [
            f"{v['id']}: {v['help']} {[n['target'] for n in v['nodes']]}"
            for v in results.response["violations"]
            if v["impact"] in {"serious", "critical"}
        ]

    assert serious() == []  # closed
    link.blur()
    link.focus()
    expect(tip_of(page, link)).to_be_visible()
    page.wait_for_timeout(300)  # let the fade-in finish: axe measures colours
    assert serious() == []  # open
