"""Names that find nothing, or find one term twice: every role and option
that names a term or a comparison warns, and a relation or a comparison
named twice shows once (reST and MyST)."""

from __future__ import annotations

import shutil

import pytest
from sphinx.testing.util import SphinxTestApp

from .conftest import ROOTS, soup, warnings_of


@pytest.fixture(scope="module", params=["misses", "misses-myst"])
def app(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> SphinxTestApp:
    srcdir = tmp_path_factory.mktemp(request.param) / "src"
    shutil.copytree(ROOTS / f"test-{request.param}", srcdir)
    built = SphinxTestApp("html", srcdir=srcdir, freshenv=True)
    try:
        built.build()
    finally:
        built.cleanup()
    return built


def lines(app: SphinxTestApp) -> tuple[str, list[int]]:
    """The page's file name and the lines of its cards, compares, graph and
    references list (in that order)."""
    if (app.srcdir / "index.md").exists():
        return "index.md", [11, 17, 21, 25, 37, 38, 39]
    return "index.rst", [12, 17, 20, 23, 33, 34, 35]


def test_every_miss_and_repeat_is_warned(app: SphinxTestApp) -> None:
    page, (card, compare, other, graph, ref1, ref2, ref3) = lines(app)
    found = [w for w in warnings_of(app) if "[modelterms.graph]" not in w]
    assert found == [
        f"{page}:{card}: WARNING: related terms 'alpha' and 'Alpha' of 'cee' both "
        "name 'alpha'; it is listed once [modelterms.related]",
        f"{page}:{card}: WARNING: related terms 'alpha' and 'alphas' of 'cee' both "
        "name 'alpha'; it is listed once [modelterms.related]",
        f"{page}:{compare}: WARNING: term-compare: 'alpha' and 'Alpha' both name "
        "'alpha'; it is shown once [modelterms.invalid]",
        f"{page}:{other}: WARNING: term-compare: unknown or ambiguous term 'nope'; "
        "it is left out [modelterms.unknown]",
        f"{page}:{graph}: WARNING: term-graph: unknown or ambiguous term 'nope' in "
        ":around: [modelterms.unknown]",
        f"{page}:{ref1}: WARNING: unknown comparison 'nope' [modelterms.unknown]",
        f"{page}:{ref2}: WARNING: unknown comparison 'nope-either' "
        "[modelterms.unknown]",
        f"{page}:{ref3}: WARNING: unknown term 'nope' [modelterms.unknown]",
    ]


def test_unknown_comparison_is_marked_missing(app: SphinxTestApp) -> None:
    items = soup(app, "index.html").select("#refs li")
    shown = [
        (
            item.get_text().strip(),
            item.select_one("a") is not None,
            item.select(".mt-missing") != [],
        )
        for item in items
    ]
    assert shown == [
        ("Alpha and beta", True, False),
        ("nope", False, True),
        ("the missing one", False, True),
        ("nope", False, True),
    ]


def test_a_relation_named_twice_shows_once(app: SphinxTestApp) -> None:
    page = soup(app, "index.html")

    def related(term_id: str) -> list[str]:
        card = page.select_one(f"#mt-{term_id}")
        assert card is not None
        return [a.get_text() for a in card.select(".mt-related-list a")]

    assert related("cee") == ["Alpha", "Beta"]
    assert related("alpha") == ["Cee"]  # the symmetric side, once
    assert related("beta") == ["Cee"]
    alpha = page.select_one("#mt-alpha")
    assert alpha is not None
    questions = [dt.get_text() for dt in alpha.select(".mt-faq-list dt")]
    assert questions == ["What is Alpha?", "How is Alpha related to Cee?"]
    rows = [
        [td.get_text(" ", strip=True) for td in tr.select("td")]
        for tr in page.select("table.mt-term-table tbody tr")
    ]
    assert rows == [["Alpha", "Cee"], ["Beta", "Cee"], ["Cee", "Alpha , Beta"]]


def test_a_term_compared_twice_is_one_column(app: SphinxTestApp) -> None:
    named = soup(app, "index.html").select("table.mt-compare-table")[0]
    head = [th.get_text(strip=True) for th in named.select("thead th")]
    assert head == ["Term", "Alpha", "Beta"]
