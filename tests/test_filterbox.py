"""The filter box of indexes and tables, as the build writes it: HTML only,
empty (the script builds the field), its words from the message catalog,
turned off per listing with ``:filter: off`` or for the project with
``modelterms_filter_box``.  The browser side is in tests/browser."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from .conftest import builders, soup, warnings_of

if TYPE_CHECKING:
    from bs4 import BeautifulSoup
    from sphinx.testing.util import SphinxTestApp

SCRIPT = "_static/modelterms-filter.js"


def filter_box(setting: bool | int) -> pytest.MarkDecorator:
    """The filter root built with ``modelterms_filter_box`` set to ``setting``."""
    return pytest.mark.sphinx(
        "html", testroot="filter", confoverrides={"modelterms_filter_box": setting}
    )


def scripts(page: BeautifulSoup) -> list[str]:
    return [
        s["src"].split("?")[0].removeprefix("../") for s in page.select("script[src]")
    ]


def boxes(app: SphinxTestApp, page: str) -> list[str]:
    """Where each box of ``page`` is: the class of the listing around it."""
    return [
        box.parent["class"][0] for box in soup(app, page).select("div.body .mt-filter")
    ]


# the root built once for the tests that only read it
@pytest.mark.sphinx("html", testroot="filter")
@pytest.mark.test_params(shared_result="test_filterbox-filter")
def test_the_box_is_an_empty_element_with_its_words(app: SphinxTestApp) -> None:
    app.build()
    assert warnings_of(app) == []
    page = soup(app, "glossary.html")
    index_box, table_box = page.select("div.body .mt-filter")
    for box in (index_box, table_box):
        # first in its listing; nothing to see or focus until the script runs
        assert box.parent.find(True) is box
        assert not box.contents
        assert box["data-mt-filter-label"] == "Filter terms"
        assert box["data-mt-filter-status"] == "Terms shown: {shown} of {total}"
        assert box["data-mt-filter-none"] == "No term matches the filter."
    keys = json.loads(index_box["data-mt-filter-keys"])
    # title, aliases and short definition of each entry, in the entries' order
    assert keys[0] == "Attention\nself-attention\nWeighing tokens against each other."
    assert keys[5] == "Naïve Bayes\nNB\nA classifier that assumes independent features."
    titles = [a.get_text() for a in page.select(".mt-index .mt-index-entry a.mt-ref")]
    assert [k.split("\n")[0] for k in keys] == titles
    assert json.loads(table_box["data-mt-filter-keys"]) == keys
    assert SCRIPT in scripts(page)


@pytest.mark.sphinx("html", testroot="filter")
@pytest.mark.test_params(shared_result="test_filterbox-filter")
def test_filter_off_leaves_the_listing_without_box_or_script(
    app: SphinxTestApp,
) -> None:
    app.build()
    page = soup(app, "plain.html")
    assert len(page.select(".mt-index-entry")) == 7
    assert page.select(".mt-filter") == []
    assert SCRIPT not in scripts(page)
    assert SCRIPT not in scripts(soup(app, "terms.html"))


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        pytest.param(setting, expected, marks=filter_box(setting))
        for setting, expected in [
            (False, {"glossary": [], "plain": []}),
            (7, {"glossary": ["mt-index", "mt-table"], "plain": []}),
            (8, {"glossary": [], "plain": []}),
        ]
    ],
)
def test_the_setting_gives_the_default(
    app: SphinxTestApp, setting: bool | int, expected: object
) -> None:
    app.build()
    assert warnings_of(app) == []
    assert {page: boxes(app, f"{page}.html") for page in ("glossary", "plain")} == (
        expected
    )


@pytest.mark.sphinx(
    "html", testroot="referenced", confoverrides={"modelterms_filter_box": False}
)
def test_filter_on_overrides_the_setting(app: SphinxTestApp) -> None:
    app.build()
    # bad.rst's ":filter: maybe" is warned about (see test_referenced)
    assert boxes(app, "all.html") == []
    assert boxes(app, "chapter1/more.html") == ["mt-index"]  # :filter: on


@pytest.mark.sphinx(
    "html", testroot="filter", confoverrides={"modelterms_filter_box": 0}
)
def test_a_bad_setting_warns_and_keeps_the_default(app: SphinxTestApp) -> None:
    app.build()
    assert [w for w in warnings_of(app) if "filter_box" in w] == [
        "conf.py:1: WARNING: modelterms_filter_box must be True, False or a whole "
        "number of at least 1; got 0, using the default [modelterms.config]"
    ]
    assert boxes(app, "glossary.html") == ["mt-index", "mt-table"]


@pytest.mark.parametrize(
    "root",
    [
        pytest.param(root, marks=pytest.mark.sphinx("html", testroot=root))
        for root in ["referenced", "referenced-myst"]
    ],
)
def test_rst_and_myst_filter_option(app: SphinxTestApp, root: str) -> None:
    app.build()
    assert boxes(app, "all.html") == ["mt-index", "mt-index", "mt-table"]
    assert boxes(app, "chapter1/more.html") == ["mt-index"]  # :filter: on
    assert boxes(app, "chapter2/intro.html") == []  # :filter: off


@pytest.mark.sphinx("html", testroot="filter", confoverrides={"language": "fr"})
def test_words_come_from_the_catalog(app: SphinxTestApp) -> None:
    app.build()
    box = soup(app, "glossary.html").select_one(".mt-filter")
    assert box["data-mt-filter-label"] == "Filtrer les termes"
    assert box["data-mt-filter-status"] == "Termes affichés : {shown} sur {total}"
    assert box["data-mt-filter-none"] == "Aucun terme ne correspond au filtre."


@pytest.mark.parametrize(
    "builder", builders("filter", "text", "latex", "man", "texinfo", "singlehtml")
)
def test_other_builders(app: SphinxTestApp, builder: str) -> None:
    app.build()
    assert warnings_of(app) == []
    written = "\n".join(
        path.read_text("utf8", errors="replace")
        for path in app.outdir.rglob("*")
        if path.is_file() and path.suffix in {".txt", ".tex", ".1", ".texi", ".html"}
    )
    if builder == "singlehtml":  # HTML: the boxes are there
        assert written.count('class="mt-filter"') == 2
        assert (app.outdir / SCRIPT).is_file()
        assert SCRIPT in scripts(soup(app, "index.html"))
    else:
        assert "Filter terms" not in written
        assert "mt-filter" not in written


@pytest.mark.sphinx("html", testroot="datafiles")
def test_pages_generated_from_term_files_have_the_box(app: SphinxTestApp) -> None:
    app.build()
    for page in ("terms/index.html", "terms/category-training.html"):
        assert boxes(app, page) == ["mt-index"], page
        assert SCRIPT in scripts(soup(app, page))
