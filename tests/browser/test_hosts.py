"""Tooltips beside what documentation hosts add to pages."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import Callable

    from playwright.sync_api import Page

    from .conftest import Console

# What Read the Docs' link-preview addon adds after each internal link it
# decorates: a popup shown through an inline style.
_ADD_PREVIEWS = """() => {
    for (const link of document.querySelectorAll("div.body a.internal")) {
        const popup = document.createElement("div");
        popup.setAttribute("data-linkpreview-href", link.href);
        popup.className = "tooltip";
        popup.textContent = "Preview";
        popup.style.display = "flex";
        link.insertAdjacentElement("afterend", popup);
    }
}"""


@pytest.mark.parametrize("url", ["http"], indirect=True)  # as hosts serve it
def test_read_the_docs_previews_stay_off_term_links_only(
    new_page: Callable[..., tuple[Page, Console]], url: Callable[[str], str]
) -> None:
    page, console = new_page()
    page.goto(url("index.html"))
    page.evaluate(_ADD_PREVIEWS)
    shown = page.evaluate(
        """() => [...document.querySelectorAll("div[data-linkpreview-href]")]
            .map(d => [d.previousElementSibling.classList.contains("mt-ref"),
                       getComputedStyle(d).display])"""
    )
    on_terms = {display for is_term, display in shown if is_term}
    elsewhere = {display for is_term, display in shown if not is_term}
    assert on_terms == {"none"}
    assert elsewhere == {"flex"}
    assert console.ours == []
