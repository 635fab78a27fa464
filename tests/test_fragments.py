"""What a card repeats of a related term is rendered once per term and
folder in HTML: the links stay right from every folder and page, the
tooltips are there, and the pages are the same as when every part is built
as nodes."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from .conftest import body, build_serial_and_parallel, soup, warnings_of

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from sphinx.testing.util import SphinxTestApp

ROOTS = ["fragments", "fragments-myst"]
# each root built once for the tests that only read it
BUILT = [
    pytest.param(
        root,
        marks=[
            pytest.mark.sphinx("html", testroot=root),
            pytest.mark.test_params(shared_result=f"test_fragments-{root}"),
        ],
    )
    for root in ROOTS
]
PAGES = ["index.html", "a.html", "sub/b.html", "sub/c.html"]


def links(app: SphinxTestApp, page: str, selector: str) -> dict[str, str]:
    """Text → href of the links ``selector`` finds on ``page``."""
    return {a.get_text(): a["href"] for a in soup(app, page).select(selector)}


def related_links(app: SphinxTestApp, page: str, card: str) -> dict[str, str]:
    """Title → href of the related-term cards on ``card``'s card."""
    selector = f"#mt-{card} li.mt-related-card .mt-related-head a.mt-ref"
    return links(app, page, selector)


@pytest.mark.parametrize("root", BUILT)
def test_related_links_are_right_from_every_folder(
    app: SphinxTestApp, root: str
) -> None:
    app.build()
    assert warnings_of(app) == []
    assert related_links(app, "index.html", "alpha") == {"Beta": "sub/b.html#mt-beta"}
    assert related_links(app, "a.html", "epsilon") == {
        "Beta": "sub/b.html#mt-beta",
        "Gamma": "sub/b.html#mt-gamma",
    }
    # the same term from a page beside its own, and from its own page
    assert related_links(app, "sub/c.html", "delta") == {
        "Beta": "b.html#mt-beta",
        "Gamma": "b.html#mt-gamma",  # Gamma lists Delta: relations are symmetric
    }
    assert related_links(app, "sub/b.html", "gamma")["Beta"] == "#mt-beta"


@pytest.mark.parametrize("root", BUILT)
def test_related_parts_keep_markup_links_and_tooltips(
    app: SphinxTestApp, root: str
) -> None:
    app.build()
    page = soup(app, "a.html")
    beta = page.select_one("#mt-epsilon li.mt-related-card")
    assert beta is not None
    link = beta.select_one("a.mt-ref")
    assert link is not None
    assert link["data-mt-term"] == "beta"
    assert page.select_one(f"#{link['aria-describedby']}[role=tooltip]") is not None
    assert beta.select_one(".mt-badge.mt-category").get_text() == "Category: Letters"
    summary = beta.select_one(".mt-related-summary a")
    assert summary is not None
    assert summary["href"] == "https://example.org/alpha"
    # the questions: the answer names the related term with its link
    answers = {
        dt.get_text(): dd
        for dt, dd in zip(
            page.select("#mt-epsilon dt"), page.select("#mt-epsilon dd"), strict=True
        )
    }
    answer = answers["How is Epsilon related to Beta?"]
    assert answer.select_one("a.mt-ref")["href"] == "sub/b.html#mt-beta"
    assert answer.get_text() == (
        "Beta, from the Letters category, is closely tied to Epsilon. Beta is "
        "the second letter, after the first.\n"
    )
    # a short definition with cross-references is built as nodes, and Sphinx
    # resolves them on this page
    gamma = page.select("#mt-epsilon li.mt-related-card")[1]
    inner = [a["href"] for a in gamma.select(".mt-related-summary a")]
    assert inner == ["index.html#mt-alpha", "sub/b.html#mt-beta"]
    alpha = soup(app, "index.html").select_one("#mt-alpha")
    assert alpha is not None


@pytest.mark.parametrize("root", ROOTS)
def test_pages_are_those_built_from_nodes(
    make_app: Callable[..., SphinxTestApp],
    copy_root: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
    root: str,
) -> None:
    """Rendering once and reusing changes no byte of any page."""
    from sphinx_modelterms.transforms import fill

    def build(dest: str) -> SphinxTestApp:
        app = make_app("html", srcdir=copy_root(root, dest), freshenv=True)
        app.build()
        app.cleanup()
        return app

    reused = build("reused")
    monkeypatch.setattr(fill, "_renders_alone", lambda term: False)
    built = build("built")
    for page in PAGES:
        assert body(reused, page) == body(built, page), page
    # Alpha's questions: generated ones (with its example and level) before
    # its own
    asked = [dt.get_text() for dt in soup(reused, "index.html").select("#mt-alpha dt")]
    assert asked == [
        "What is Alpha?",
        "What is an example of Alpha?",
        "How is Alpha related to Beta?",
        "Is Alpha considered beginner?",
        "Is alpha a vowel?",
    ]


@pytest.mark.parametrize("root", ROOTS)
def test_parallel_build_writes_the_same_parts(
    make_app: Callable[..., SphinxTestApp],
    copy_root: Callable[[str], Path],
    tmp_path: Path,
    root: str,
) -> None:
    serial, parallel = build_serial_and_parallel(make_app, copy_root(root), tmp_path)
    for page in PAGES:
        assert body(serial, page) == body(parallel, page), page


@pytest.mark.parametrize(
    "root",
    [
        pytest.param(
            root,
            marks=pytest.mark.sphinx(
                "epub", testroot=root, confoverrides={"epub_show_urls": "inline"}
            ),
        )
        for root in ROOTS
    ],
)
def test_epub_shows_the_urls_of_related_definitions(
    app: SphinxTestApp, root: str
) -> None:
    """epub writes a link's address beside it (``epub_show_urls``) from the
    doctree: what a card repeats of other terms stays nodes there."""
    app.build()
    page = (app.outdir / "a.xhtml").read_text("utf8")
    related = page[page.index('class="mt-related') :]
    assert "[https://example.org/alpha]" in related


def backref_links(app: SphinxTestApp, page: str, card: str) -> dict[str, str]:
    """Page title → href of the "Referenced from" list of ``card``'s card."""
    return links(app, page, f"#mt-{card} .mt-backrefs a")


@pytest.mark.parametrize("root", BUILT)
def test_back_references_are_right_from_every_page(
    app: SphinxTestApp, root: str
) -> None:
    """A page's entry in "Referenced from" is written once per folder and
    reused: the same page is listed from the root and from its own folder."""
    app.build()
    assert warnings_of(app) == []
    assert backref_links(app, "index.html", "alpha") == {"Page B": "sub/b.html"}
    # a card's own page is not a back-reference of it
    assert backref_links(app, "sub/b.html", "beta") == {"Page A": "../a.html"}
    # Page B from beside it, after index.html listed it from the root
    assert backref_links(app, "sub/c.html", "delta") == {"Page B": "b.html"}


def test_a_page_listed_on_itself_links_itself_only_there(
    make_app: Callable[..., SphinxTestApp], copy_root: Callable[..., Path]
) -> None:
    """A duplicate card lists its own page (the record that wins the id is
    elsewhere); that entry links to the page itself, and the entry other
    pages of its folder write for it still names it."""
    src = copy_root("fragments")
    index = src / "index.rst"
    index.write_text(
        index.read_text("utf8").replace("   sub/c\n", "   sub/c\n   sub/d\n")
        + "\n.. term-card:: Delta\n\n   Delta, declared twice.\n",
        "utf8",
    )
    page_c = src / "sub" / "c.rst"
    page_c.write_text(
        page_c.read_text("utf8") + "\nThis page links :mt:`delta` and :mt:`omega`.\n",
        "utf8",
    )
    (src / "sub" / "d.rst").write_text(
        "Page D\n======\n\n.. term-card:: Omega\n\n   Omega is the last letter.\n",
        "utf8",
    )
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    app.cleanup()
    assert any("duplicate" in w for w in warnings_of(app))
    # the card that lost the id, on sub/c, lists sub/c itself
    assert backref_links(app, "sub/c.html", "delta")["Page C"] == ""
    # written after it: sub/d lists sub/c by name
    assert backref_links(app, "sub/d.html", "omega") == {"Page C": "c.html"}
