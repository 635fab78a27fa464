"""Names that find nothing, or find one term twice: every role and option
that names a term or a comparison warns, and a relation or a comparison
named twice shows once (reST and MyST)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from .conftest import build_once, soup, warnings_of

if TYPE_CHECKING:
    from sphinx.testing.util import SphinxTestApp


@pytest.fixture(scope="module", params=["misses", "misses-myst"])
def app(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> SphinxTestApp:
    return build_once(tmp_path_factory, request.param)


def where(app: SphinxTestApp) -> tuple[str, dict[str, int]]:
    """The page's file name and the lines of what its warnings name: the
    cards of alpha and beta, the options that name terms (cee's :related:,
    the comparisons' :terms:), the graphs, the index and the references."""
    if (app.srcdir / "index.md").exists():
        lines = [3, 9, 16, 22, 26, 29, 33, 37, 41, 54, 55, 56]
        page = "index.md"
    else:
        lines = [4, 9, 15, 20, 23, 25, 28, 31, 34, 45, 46, 47]
        page = "index.rst"
    names = ["alpha", "beta", "cee", "compare", "other", "graph", "graph2"]
    names += ["graph3", "index", "ref1", "ref2", "ref3"]
    return page, dict(zip(names, lines, strict=True))


def test_every_miss_and_repeat_is_warned(app: SphinxTestApp) -> None:
    page, at = where(app)
    candidates = (
        f"alpha ('Alpha', {page}:{at['alpha']}), beta ('Beta', {page}:{at['beta']})"
    )
    found = [w for w in warnings_of(app) if "[modelterms.graph]" not in w]
    assert found == [
        f"{page}:{at['cee']}: WARNING: related terms 'alpha' and 'Alpha' of 'cee' "
        "both name 'alpha'; it is listed once [modelterms.related]",
        f"{page}:{at['cee']}: WARNING: related terms 'alpha' and 'alphas' of 'cee' "
        "both name 'alpha'; it is listed once [modelterms.related]",
        f"{page}:{at['compare']}: WARNING: term-compare: 'alpha' and 'Alpha' both "
        "name 'alpha'; it is shown once [modelterms.invalid]",
        f"{page}:{at['other']}: WARNING: term-compare: unknown term 'nope' in "
        ":terms:; it is left out [modelterms.unknown]",
        f"{page}:{at['other']}: WARNING: term-compare: term 'letter' in :terms: is "
        f"ambiguous; it matches {candidates}; it is left out [modelterms.ambiguous]",
        f"{page}:{at['index']}: WARNING: term-index: no term has the category "
        "'Trainig'; it matches nothing [modelterms.unknown]",
        f"{page}:{at['index']}: WARNING: term-index: no page matches 'nowhere/*' in "
        ":pages:; it matches nothing [modelterms.unknown]",
        f"{page}:{at['graph']}: WARNING: term-graph: unknown term 'nope' in "
        ":around:; it is left out [modelterms.unknown]",
        f"{page}:{at['graph2']}: WARNING: term-graph: term 'letter' in :around: is "
        f"ambiguous; it matches {candidates}; it is left out [modelterms.ambiguous]",
        f"{page}:{at['graph3']}: WARNING: term-graph: no page matches 'nowhere' "
        "in :pages:; it matches nothing [modelterms.unknown]",
        f"{page}:{at['ref1']}: WARNING: unknown comparison 'nope' [modelterms.unknown]",
        f"{page}:{at['ref2']}: WARNING: unknown comparison 'nope-either' "
        "[modelterms.unknown]",
        f"{page}:{at['ref3']}: WARNING: unknown term 'nope' [modelterms.unknown]",
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
