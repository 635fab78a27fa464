"""The filter box of indexes and tables in a real browser: typing, clearing,
the keyboard, the live region, and a page read without JavaScript."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Locator, Page, expect

from ..test_listings_reading import long_page
from .conftest import build_site, build_without_warnings, screenshot

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from .conftest import Console

EVERY_TERM = [
    "Attention",
    "Attribution",
    "Beam search",
    "Café caching",
    "Dropout",
    "Naïve Bayes",
    "Zero-shot prompting",
]


@pytest.fixture(scope="module")
def glossary(tmp_path_factory: pytest.TempPathFactory) -> str:
    site: Path = build_site(tmp_path_factory.mktemp("filter"), "filter")
    return (site / "glossary.html").as_uri()


def shown(index: Locator) -> list[str]:
    """The titles of the visible entries."""
    return [
        e.locator("a.mt-ref").first.inner_text()
        for e in index.locator(".mt-index-entry:visible").all()
    ]


def visible_groups(index: Locator) -> list[str]:
    return [h.inner_text() for h in index.locator(".mt-index-group:visible").all()]


def jump_letters(index: Locator) -> list[str]:
    return [a.inner_text() for a in index.locator(".mt-index-jump a:visible").all()]


def open_glossary(
    new_page: Callable[..., tuple[Page, Console]], url: str, **kw: object
) -> tuple[Page, Console]:
    page, console = new_page(**kw)
    page.goto(url)
    return page, console


def test_typing_narrows_and_clearing_restores(
    new_page: Callable[..., tuple[Page, Console]], glossary: str
) -> None:
    page, console = open_glossary(new_page, glossary)
    index = page.locator(".mt-index")
    field = index.get_by_role("searchbox", name="Filter terms")
    status = index.get_by_role("status")
    expect(status).to_have_text("")  # nothing said before anything is typed
    field.fill("att")
    expect(status).to_have_text("Terms shown: 2 of 7")
    assert shown(index) == ["Attention", "Attribution"]
    assert visible_groups(index) == jump_letters(index) == ["A"]
    # accents and case are ignored, in what is typed and in the entries
    field.fill("CAFE")
    expect(status).to_have_text("Terms shown: 1 of 7")
    assert shown(index) == ["Café caching"]
    field.fill("naive")
    expect(status).to_have_text("Terms shown: 1 of 7")
    assert shown(index) == ["Naïve Bayes"]
    # aliases and short definitions are searched; every word must be found
    field.fill("nb")
    expect(status).to_have_text("Terms shown: 1 of 7")
    assert shown(index) == ["Naïve Bayes"]
    field.fill("random units")
    expect(status).to_have_text("Terms shown: 1 of 7")
    assert shown(index) == ["Dropout"]
    # the category badge is not what the box searches
    field.fill("safety")
    expect(status).to_have_text("No term matches the filter.")
    assert shown(index) == []
    assert visible_groups(index) == jump_letters(index) == []
    field.fill("")
    expect(status).to_have_text("Terms shown: 7 of 7")
    assert shown(index) == EVERY_TERM
    # letters of one term each share a heading
    assert visible_groups(index) == ["A", "B\u2013Z"]
    assert jump_letters(index) == ["A", "B\u2013Z"]
    assert console.errors == []


def test_the_table_narrows_its_rows(
    new_page: Callable[..., tuple[Page, Console]], glossary: str
) -> None:
    page, console = open_glossary(new_page, glossary)
    table = page.locator(".mt-table")
    table.get_by_role("searchbox", name="Filter terms").fill("beam")
    expect(table.get_by_role("status")).to_have_text("Terms shown: 1 of 7")
    rows = table.locator("tbody tr:visible")
    assert [r.locator("a.mt-ref").inner_text() for r in rows.all()] == ["Beam search"]
    # the index above is left alone
    assert shown(page.locator(".mt-index")) == EVERY_TERM
    assert console.errors == []


def test_keyboard_only(
    new_page: Callable[..., tuple[Page, Console]], glossary: str
) -> None:
    page, console = open_glossary(new_page, glossary)
    index = page.locator(".mt-index")
    for _ in range(60):  # the theme's links come first
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('.mt-index input')"):
            break
    else:
        pytest.fail("Tab never reached the filter box")
    status = index.get_by_role("status")
    page.keyboard.type("zero")
    expect(status).to_have_text("Terms shown: 1 of 7")
    assert shown(index) == ["Zero-shot prompting"]
    page.keyboard.press("Escape")
    expect(status).to_have_text("Terms shown: 7 of 7")
    assert index.locator("input").input_value() == ""
    assert shown(index) == EVERY_TERM
    assert page.evaluate("() => document.activeElement.matches('.mt-index input')")
    # no trap: Tab goes on to the entries
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.matches('.mt-index a')")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("() => document.activeElement.matches('.mt-index input')")
    assert console.errors == []


def test_without_javascript_every_entry_and_no_field(
    new_page: Callable[..., tuple[Page, Console]], glossary: str
) -> None:
    page, _console = open_glossary(new_page, glossary, java_script_enabled=False)
    assert page.locator("div.body input").count() == 0
    assert page.locator(".mt-filter").count() == 2  # written, empty
    for box in page.locator(".mt-filter").all():
        expect(box).to_be_hidden()
    assert shown(page.locator(".mt-index")) == EVERY_TERM
    assert page.locator(".mt-table tbody tr:visible").count() == 7


def test_a_listing_can_go_without(
    new_page: Callable[..., tuple[Page, Console]], glossary: str
) -> None:
    page, console = open_glossary(new_page, glossary.replace("glossary", "plain"))
    assert page.locator(".mt-index-entry").count() == 7
    assert page.locator("div.body .mt-filter, div.body input").count() == 0
    assert console.errors == []


@pytest.mark.parametrize("width", [360, 1280])
def test_screenshots(
    new_page: Callable[..., tuple[Page, Console]], glossary: str, width: int
) -> None:
    page, console = open_glossary(new_page, glossary, width=width, height=700)
    index = page.locator(".mt-index")
    field = index.get_by_role("searchbox", name="Filter terms")
    field.fill("at")
    expect(index.get_by_role("status")).to_have_text("Terms shown: 4 of 7")
    # the field fits in the text column, however narrow
    box, column = field.bounding_box(), index.bounding_box()
    assert box is not None and column is not None
    assert column["x"] <= box["x"]
    assert box["x"] + box["width"] <= column["x"] + column["width"] + 0.5
    index.scroll_into_view_if_needed()
    screenshot(page, f"filter-{width}")
    assert console.errors == []


def test_a_long_tables_heading_rows_hide_with_their_rows(
    new_page: Callable[..., tuple[Page, Console]],
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """Past 200 rows a table has a heading row per initial and a jump bar:
    a heading whose rows are all filtered out hides, with its link."""
    srcdir = tmp_path_factory.mktemp("long-table") / "src"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text('extensions = ["sphinx_modelterms"]\n', "utf8")
    (srcdir / "index.rst").write_text("Home\n====\n\n.. toctree::\n\n   long\n", "utf8")
    (srcdir / "long.rst").write_text(long_page(".rst"), "utf8")
    site = build_without_warnings(srcdir)
    page, console = open_glossary(new_page, (site / "long.html").as_uri())
    table = page.locator(".mt-table")

    def headings() -> list[str]:
        return [
            r.inner_text() for r in table.locator("tr.mt-table-group:visible").all()
        ]

    def jump() -> list[str]:
        return [a.inner_text() for a in page.locator(".mt-index-jump a:visible").all()]

    assert headings() == jump() == ["A", "B", "C"]
    table.get_by_role("searchbox", name="Filter terms").fill("b-term")
    expect(table.get_by_role("status")).to_have_text("Terms shown: 67 of 201")
    assert headings() == jump() == ["B"]
    table.get_by_role("searchbox", name="Filter terms").fill("")
    expect(table.locator("tbody tr:visible")).to_have_count(201 + 3)
    assert headings() == jump() == ["A", "B", "C"]
    assert console.errors == []
