"""Tooltips in a real browser: mouse, keyboard, touch, placement, a11y."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

import pytest
from playwright.sync_api import Locator, Page, expect

from .conftest import screenshot

if TYPE_CHECKING:
    from collections.abc import Callable

    from .conftest import Console

OpenPage = "Callable[..., tuple[Page, Console]]"

# The script is a classic one, so what it does on a page is the same from
# file:// and http://: tests of that run over http only. Tests of loading
# (the script starts, another page has its own tooltips, a tap follows a
# link, axe fetches stylesheets) run from both.
OVER_HTTP = pytest.mark.parametrize("url", ["http"], indirect=True)


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


OPENING_TIMES = """(link, tipId) => {
    const tip = document.getElementById(tipId);
    link.addEventListener("pointerenter", () => {
        window.mtEntered ??= performance.now();
    });
    new MutationObserver(() => {
        if (tip.checkVisibility()) window.mtOpened ??= performance.now();
    }).observe(tip, {attributes: true});
}"""


def test_hover_opens_after_a_delay_and_closes_after_leaving(
    new_page: Callable[..., tuple[Page, Console]], url: Callable[[str], str]
) -> None:
    page, console = new_page()
    page.goto(url("index.html"))
    link = page.locator("div.body a.mt-ref[data-mt-term=alignment]").first
    tip = tip_of(page, link)
    # the page notes when the pointer entered the link and when the tooltip
    # opened, so a slow machine cannot blur the delay between them
    link.evaluate(OPENING_TIMES, tip.get_attribute("id"))
    link.hover()
    expect(tip).to_be_visible(timeout=2_000)
    entered, opened = page.evaluate("() => [window.mtEntered, window.mtOpened]")
    assert opened - entered >= 280  # the show delay is 300 ms
    expect(tip).to_contain_text("Alignment")
    expect(tip).to_contain_text("Safety")
    expect(tip).to_contain_text("beginner")
    expect(tip).to_contain_text("Making an AI system pursue the goals")
    page.mouse.move(5, 5)
    expect(tip).to_be_hidden(timeout=2_000)
    assert console.errors == []


@OVER_HTTP
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


@OVER_HTTP
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


@OVER_HTTP
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


@OVER_HTTP
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


@OVER_HTTP
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


# Two links on consecutive lines, A and B, B on the side where A's tooltip
# opens, with an overlap wide enough to go straight from one to the other;
# the last such pair when the tooltip flips above (A on the last line).
FIND_PAIR = """side => {
  const links = [...document.querySelectorAll('div.body p a.mt-ref')];
  const boxes = links.map(a => [...a.getClientRects()]);
  let found = null;
  for (let i = 0; i < links.length; i++) {
    for (let j = 0; j < links.length; j++) {
      const a = boxes[i], b = boxes[j];
      if (a.length !== 1 || b.length !== 1) continue;
      if (links[i].dataset.mtTerm === links[j].dataset.mtTerm) continue;
      const gap = side === 'below' ? b[0].top - a[0].bottom : a[0].top - b[0].bottom;
      const left = Math.max(a[0].left, b[0].left) + 3;
      const right = Math.min(a[0].right, b[0].right) - 3;
      if (gap >= 0 && gap < 4 && right > left) {
        found = [i, j, (left + right) / 2];
        if (side === 'below') return found;
      }
    }
  }
  return found;
}"""

# Every tooltip that opens or closes from now on, in order.
WATCH_TIPS = """() => {
  window.mtSeen = [];
  new MutationObserver(changes => {
    for (const {target} of changes) {
      window.mtSeen.push((target.hidden ? 'close ' : 'open ') + target.id);
    }
  }).observe(document.body, {subtree: true, attributeFilter: ['hidden']});
}"""


class Way(NamedTuple):
    """From link A to its open tooltip, straight across link B at ``x``."""

    link_a: Locator
    link_b: Locator
    x: float
    on_b: float  # a height where the pointer is on B, outside the tooltip
    tip_edge: float  # the height of the tooltip's edge nearer to A
    tip_middle: float

    def crawl(self, page: Page, start: float, end: float, pause: int) -> None:
        """Move in half-pixel steps from ``start`` to ``end``, pausing."""
        sign = 1 if end > start else -1
        for pixel in range(1, int(abs(end - start)) + 1):
            page.mouse.move(self.x, start + sign * pixel, steps=2)
            page.wait_for_timeout(pause)


def open_with_neighbour(page: Page, side: str) -> Way:
    """Open A's tooltip by pointing at A, and check that B lies on the way."""
    width = page.viewport_size["width"] if page.viewport_size else 0
    pair = page.evaluate(FIND_PAIR, side)
    assert pair is not None, f"no two links on consecutive lines at {width} px"
    links = page.locator("div.body p a.mt-ref")
    link_a, link_b, x = links.nth(pair[0]), links.nth(pair[1]), pair[2]
    link_a.scroll_into_view_if_needed()
    box_a, box_b = link_a.bounding_box(), link_b.bounding_box()
    assert box_a is not None and box_b is not None
    page.mouse.move(x, box_a["y"] + box_a["height"] / 2)
    tip_a = tip_of(page, link_a)
    expect(tip_a).to_be_visible(timeout=2_000)
    assert tip_a.get_attribute("data-mt-side") == side
    tip = tip_a.bounding_box()
    assert tip is not None
    assert tip["x"] < x < tip["x"] + tip["width"]
    # the tooltip covers part of B, and leaves a strip of it uncovered
    top, bottom = box_b["y"], box_b["y"] + box_b["height"]
    if side == "below":
        assert top < tip["y"] < bottom
        on_b, tip_edge = top + 2, tip["y"]
    else:
        assert top < tip["y"] + tip["height"] < bottom
        on_b, tip_edge = bottom - 2, tip["y"] + tip["height"]
    hit = page.evaluate(
        "([x, y]) => document.elementFromPoint(x, y).closest('a.mt-ref')"
        "?.getAttribute('aria-describedby')",
        [x, on_b],
    )
    assert hit == link_b.get_attribute("aria-describedby")
    screenshot(page, f"tooltip-{side}-over-the-next-line-{width}")
    page.evaluate(WATCH_TIPS)
    return Way(link_a, link_b, x, on_b, tip_edge, tip["y"] + tip["height"] / 2)


@OVER_HTTP
@pytest.mark.parametrize("pace", ["quick", "slow"])
@pytest.mark.parametrize(
    ("width", "height", "side"),
    [(360, 640, "below"), (1280, 800, "below"), (360, 330, "above")],
)
def test_moving_to_the_tooltip_across_another_link_keeps_it_open(
    new_page: Callable[..., tuple[Page, Console]],
    url: Callable[[str], str],
    width: int,
    height: int,
    side: str,
    pace: str,
) -> None:
    page, console = new_page(width=width, height=height)
    page.goto(url("dense.html"))
    way = open_with_neighbour(page, side)
    if pace == "slow":
        # to the edge of A, then across B for longer than the show delay
        start = way.on_b + (-4 if side == "below" else 4)
        page.mouse.move(way.x, start, steps=4)
        end = way.tip_edge + (2 if side == "below" else -2)
        way.crawl(page, start, end, pause=50)
    page.mouse.move(way.x, way.tip_middle, steps=25)
    page.wait_for_timeout(600)  # past the show delay and the hide delay
    expect(tip_of(page, way.link_a)).to_be_visible()
    expect(tip_of(page, way.link_b)).to_be_hidden()
    assert page.evaluate("window.mtSeen") == []
    assert console.errors == []


@OVER_HTTP
@pytest.mark.parametrize(("width", "height"), [(360, 640), (1280, 800)])
def test_resting_on_the_other_link_on_the_way_opens_it(
    new_page: Callable[..., tuple[Page, Console]],
    url: Callable[[str], str],
    width: int,
    height: int,
) -> None:
    page, console = new_page(width=width, height=height)
    page.goto(url("dense.html"))
    way = open_with_neighbour(page, "below")
    tip_a, tip_b = tip_of(page, way.link_a), tip_of(page, way.link_b)
    page.mouse.move(way.x, way.on_b, steps=6)  # on B, and stops there
    expect(tip_b).to_be_hidden()  # not at once: the usual delay first
    expect(tip_a).to_be_visible()
    expect(tip_b).to_be_visible(timeout=2_000)
    expect(tip_a).to_be_hidden()
    assert page.evaluate("window.mtSeen") == [
        f"close {tip_a.get_attribute('id')}",
        f"open {tip_b.get_attribute('id')}",
    ]
    assert console.errors == []
