"""A term's title and short definition read the same in every place that
shows them: the card, its tooltip, the generated questions, related cards,
index and table rows and the JSON-LD, translated and with smart quotes
like the card; a broken reference in a definition warns once.

The roots are built once per module, in English and in French (with a
``.po`` catalog for the page).
"""

from __future__ import annotations

import json
import shutil
from typing import TYPE_CHECKING, Any

import pytest
from sphinx.testing.util import SphinxTestApp

from .conftest import ROOTS, soup, warnings_of

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from bs4 import BeautifulSoup, Tag

ROOTS_UNDER_TEST = {"copies": "rst", "copies-myst": "md"}

FRENCH = (
    "Faire qu\u2019une IA \u00ab\u00a0poursuive\u00a0\u00bb les buts que ses "
    "concepteurs visent."
)
FRENCH_EXAMPLE = "Refuser une requ\u00eate \u00ab\u00a0nuisible\u00a0\u00bb."
ENGLISH = "Making an AI \u201cpursue\u201d the goals its designers intend."
ENGLISH_EXAMPLE = "Refusing a \u201charmful\u201d request."


@pytest.fixture(scope="module")
def built(
    tmp_path_factory: pytest.TempPathFactory,
) -> Callable[[str, str], SphinxTestApp]:
    """``built(root, language)``: that root built once in that language."""
    apps: dict[tuple[str, str], SphinxTestApp] = {}

    def get(root: str, language: str) -> SphinxTestApp:
        if (root, language) not in apps:
            srcdir = tmp_path_factory.mktemp(f"{root}-{language}") / "src"
            shutil.copytree(ROOTS / f"test-{root}", srcdir)
            app = SphinxTestApp(
                "html",
                srcdir=srcdir,
                freshenv=True,
                confoverrides={"language": language},
            )
            try:
                app.build()
            finally:
                app.cleanup()
            apps[root, language] = app
        return apps[root, language]

    return get


def text(node: Tag | None) -> str:
    assert node is not None
    return node.get_text()


def copies(page: BeautifulSoup, term: str, related_on: str) -> dict[str, str]:
    """Every place ``page`` shows the short definition of ``term``: its
    card, tooltip, the answer and the related card about it on the card of
    ``related_on``, index row and table row."""
    card = page.select_one(f"#mt-{term}")
    assert card is not None
    # the answer of the card of ``related_on`` to how it relates to ``term``
    asked = next(
        dd
        for dd in page.select(f"#mt-{related_on} .mt-faq-list > dd")
        if dd.select_one(f'a[data-mt-term="{term}"]')
    )
    index_entry = next(
        e
        for e in page.select(".mt-index-entry")
        if e.select_one(f'[data-mt-term="{term}"]')
    )
    row = next(
        r
        for r in page.select(".mt-term-table tbody tr")
        if r.select_one(f'[data-mt-term="{term}"]')
    )
    return {
        "card": text(card.select_one(".mt-summary")),
        "tooltip": text(page.select_one(f"#mt-tip-{term} .mt-tip-summary")),
        "faq": text(asked.select_one(".mt-definition")),
        "related": text(page.select_one(f"#mt-{related_on} .mt-related-summary")),
        "index": text(index_entry.select_one(".mt-index-summary")),
        "table": text(row.select("td")[1]).strip(),
    }


def titles(page: BeautifulSoup, term: str) -> dict[str, str]:
    """Every place ``page`` shows the title of ``term``."""
    links = {
        text(a)
        for a in page.select(f'a[data-mt-term="{term}"]')
        if not a.find_parent(class_="mt-faq-list")  # "Links:" holds its own text
        and a.find_parent(class_=["mt-related", "mt-index-list", "mt-term-table"])
    }
    assert len(links) == 1, links
    return {
        "card": text(page.select_one(f"#mt-{term} .mt-card-title")),
        "tooltip": text(page.select_one(f"#mt-tip-{term} .mt-tip-title")),
        "links": links.pop(),
    }


def jsonld(page: BeautifulSoup, term: str) -> dict[str, Any]:
    script = page.select_one('script[type="application/ld+json"]')
    assert script is not None and script.string is not None
    graph = json.loads(script.string)["@graph"]
    return next(b for b in graph if b.get("termCode") == term)


@pytest.mark.parametrize("root", ROOTS_UNDER_TEST)
def test_translation_reaches_every_copy(
    built: Callable[[str, str], SphinxTestApp], root: str
) -> None:
    page = soup(built(root, "fr"), "index.html")
    shown = copies(page, "alignment", "reward-model")
    assert shown == dict.fromkeys(shown, FRENCH)
    assert set(titles(page, "alignment").values()) == {"Alignement"}
    questions = page.select("#mt-alignment .mt-faq-list > dt")
    answers = page.select("#mt-alignment .mt-faq-list > dd")
    assert text(questions[0]) == "Qu'est-ce que Alignement ?"
    assert text(questions[1]) == "Quel est un exemple de Alignement ?"
    assert text(answers[1]).strip() == f"Par exemple : {FRENCH_EXAMPLE}"
    data = jsonld(page, "alignment")
    assert (data["name"], data["description"]) == ("Alignement", FRENCH)


@pytest.mark.parametrize("root", ROOTS_UNDER_TEST)
def test_smart_quotes_reach_every_copy(
    built: Callable[[str, str], SphinxTestApp], root: str
) -> None:
    page = soup(built(root, "en"), "index.html")
    shown = copies(page, "alignment", "reward-model")
    assert shown == dict.fromkeys(shown, ENGLISH)
    shown_titles = titles(page, "reward-model")
    assert shown_titles == dict.fromkeys(shown_titles, "Reward model \u201cRM\u201d")
    answers = page.select("#mt-alignment .mt-faq-list > dd")
    assert text(answers[1]).strip() == f"For instance: {ENGLISH_EXAMPLE}"
    assert jsonld(page, "alignment")["description"] == ENGLISH


@pytest.mark.parametrize(("root", "line"), [("copies", 21), ("copies-myst", 18)])
def test_broken_reference_in_definition_warns_once(
    built: Callable[[str, str], SphinxTestApp], root: str, line: int
) -> None:
    app = built(root, "en")
    suffix = ROOTS_UNDER_TEST[root]
    assert [w for w in warnings_of(app) if "no-such-label" in w] == [
        f"index.{suffix}:{line}: WARNING: undefined label: 'no-such-label' [ref.ref]"
    ]
    # the copies show the reference's text, unlinked, as the card does
    shown = copies(soup(app, "index.html"), "reward-model", "alignment")
    expected = "A model that scores answers; see no-such-label."
    assert shown == dict.fromkeys(shown, expected)


@pytest.mark.parametrize(("root", "line"), [("copies", 21), ("copies-myst", 18)])
def test_broken_reference_warns_once_in_nitpicky_mode_too(
    make_app: Callable[..., SphinxTestApp],
    tmp_path: Path,
    root: str,
    line: int,
) -> None:
    """Sphinx warns about a broken :ref: in nitpicky mode even where the
    reference asks for no warning: the copies must still be quiet."""
    srcdir = tmp_path / root
    shutil.copytree(ROOTS / f"test-{root}", srcdir)
    app = make_app(
        "html", srcdir=srcdir, freshenv=True, confoverrides={"nitpicky": True}
    )
    app.build()
    suffix = ROOTS_UNDER_TEST[root]
    assert [w for w in warnings_of(app) if "no-such-label" in w] == [
        f"index.{suffix}:{line}: WARNING: undefined label: 'no-such-label' [ref.ref]"
    ]


@pytest.mark.parametrize(("root", "line"), [("copies", 29), ("copies-myst", 28)])
def test_invisible_title_is_no_title(
    built: Callable[[str, str], SphinxTestApp], root: str, line: int
) -> None:
    app = built(root, "en")
    suffix = ROOTS_UNDER_TEST[root]
    assert [w for w in warnings_of(app) if "[modelterms." in w] == [
        f"index.{suffix}:{line}: WARNING: term-card has no title text; its "
        "content is shown as is [modelterms.invalid]"
    ]
    page = soup(app, "index.html")
    assert "A card with no visible title." in text(page.select_one(".mt-invalid"))


@pytest.mark.parametrize("root", ROOTS_UNDER_TEST)
def test_raw_markup_in_definition(
    built: Callable[[str, str], SphinxTestApp], root: str
) -> None:
    """Raw HTML is left out of the tooltip, which must hold nothing
    focusable (raw markup may hold links), and its text stays; the other
    copies render it as the card does."""
    page = soup(built(root, "en"), "index.html")
    tip = page.select_one("#mt-tip-markup .mt-tip-summary")
    assert tip is not None
    assert text(tip) == "A definition with bold markup."
    assert not tip.find_all(True)
    card = page.select_one("#mt-markup .mt-summary")
    assert card is not None and card.find("b") is not None
    for copy in (
        page.select_one("#mt-markup .mt-faq-list > dd .mt-definition"),
        next(
            e
            for e in page.select(".mt-index-entry")
            if e.select_one('[data-mt-term="markup"]')
        ),
    ):
        assert copy.find("b") is not None
        assert "<b>" not in copy.get_text()
    data = jsonld(page, "markup")
    assert data["description"] == "A definition with bold markup."


def _reader_copies(page: BeautifulSoup, term: str, other: str) -> dict[str, Tag]:
    """The places the reader root shows ``term``'s short definition: its
    card, tooltip, its "What is" answer, the answer and the related card
    about it on ``other``'s card, the term-table and term-compare cells."""

    def one(selector: str) -> Tag:
        found = page.select_one(selector)
        assert found is not None, selector
        return found

    answer = next(
        dd
        for dd in page.select(f"#mt-{other} .mt-faq-list > dd")
        if dd.select_one(f'a[data-mt-term="{term}"]')
    )
    row = next(
        r
        for r in page.select(".mt-term-table tbody tr")
        if r.select_one(f'[data-mt-term="{term}"]')
    )
    column = ["alignment", "rlhf"].index(term) + 1
    compare = page.select(".mt-compare-table tbody tr")
    cell = next(r for r in compare if "Short definition" in r.get_text())
    return {
        "card": one(f"#mt-{term} .mt-summary"),
        "tooltip": one(f"#mt-tip-{term} .mt-tip-summary"),
        "what-is": one(f"#mt-{term} .mt-faq-list > dd .mt-definition"),
        "answer": answer.select_one(".mt-definition") or answer,
        "related": one(f"#mt-{other} .mt-related-summary"),
        "table": row.select("td")[1],
        "compare": cell.select("td, th")[column],
    }


@pytest.mark.parametrize(
    ("smartquotes", "left", "right", "single"),
    [(True, "\u201c", "\u201d", "\u2018it\u2019"), (False, '"', '"', "'it'")],
)
@pytest.mark.parametrize("root", ["reader", "reader-myst"])
def test_quotes_emphasis_and_code_read_the_same_in_every_copy(
    make_app: Callable[..., SphinxTestApp],
    tmp_path: Path,
    root: str,
    smartquotes: bool,
    left: str,
    right: str,
    single: str,
) -> None:
    srcdir = tmp_path / root
    shutil.copytree(ROOTS / f"test-{root}", srcdir)
    app = make_app(
        "html", srcdir=srcdir, freshenv=True, confoverrides={"smartquotes": smartquotes}
    )
    app.build()
    page = soup(app, "index.html")
    expected = {
        "alignment": f"Making a model do what its {left}designers{right} intend, "
        f"not what {single} prefers.",
        "rlhf": f"RLHF fine-tunes a model on {left}human{right} rankings with "
        "care and reward().",
    }
    for term, other in (("alignment", "rlhf"), ("rlhf", "alignment")):
        shown = _reader_copies(page, term, other)
        texts = {place: node.get_text().strip() for place, node in shown.items()}
        assert texts == dict.fromkeys(texts, expected[term]), term
    for place, node in _reader_copies(page, "rlhf", "alignment").items():
        assert [e.get_text() for e in node.select("em")] == ["care"], place
        assert [c.get_text() for c in node.select("code")] == ["reward()"], place
    # a project field, in the card's table and the listings
    values = {td.get_text().strip() for td in page.select(".mt-field-vendor td")}
    values |= {
        r.select("td")[2].get_text().strip()
        for r in page.select(".mt-term-table tbody tr")
        if r.select_one('[data-mt-term="alignment"]')
    }
    assert values == {f"any {left}lab{right}"}
    labels = {th.get_text() for th in page.select(".mt-field-open_weights th")}
    assert labels == {"Model's weights open"}


@pytest.mark.parametrize("root", ["reader", "reader-myst"])
def test_names_show_as_written_in_every_copy(
    built: Callable[[str, str], SphinxTestApp], root: str
) -> None:
    """A category and an alias are names, which filters and references
    match as written: smart quotes leave them as written on the card too,
    so the card, the tooltip, the related card and the table agree."""
    page = soup(built(root, "en"), "index.html")
    related = next(
        card
        for card in page.select("#mt-bare .mt-related-card")
        if card.select_one('[data-mt-term="quoted-names"]')
    )
    categories = [
        text(node).removeprefix("Category: ")
        for node in [
            page.select_one("#mt-quoted-names .mt-category"),
            page.select_one("#mt-tip-quoted-names .mt-category"),
            related.select_one(".mt-category"),
        ]
    ]
    assert categories == ['Tests "q"'] * 3
    row = next(
        r
        for r in page.select(".mt-term-table tbody tr")
        if r.select_one('[data-mt-term="quoted-names"]')
    )
    aliases = {
        text(page.select_one("#mt-quoted-names .mt-aliases")).removeprefix(
            "Also called: "
        ),
        text(row.select("td")[3]).strip(),
    }
    assert aliases == {"the 'q' term"}
