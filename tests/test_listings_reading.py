"""Listings that read well: letters in any script, no badge that repeats
the listing's own filter, back-references in two groups, comparisons in one
row order with badges and a caption.  reST and MyST."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from sphinx_modelterms.render.tables import GROUPED_ROWS

from .conftest import assert_twins_match, build_once, soup, warnings_of

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from bs4 import Tag
    from sphinx.testing.util import SphinxTestApp


@pytest.fixture(scope="module", params=["letters", "letters-myst"])
def app(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> SphinxTestApp:
    return build_once(tmp_path_factory, request.param)


def listings(app: SphinxTestApp) -> list[Tag]:
    return soup(app, "listings.html").select(".mt-index")


def titles(index: Tag) -> list[str]:
    return [a.get_text() for a in index.select(".mt-index-head a")]


def test_builds_clean(app: SphinxTestApp) -> None:
    assert warnings_of(app) == []


def test_letters_in_any_script(app: SphinxTestApp) -> None:
    index = listings(app)[0]
    jump = [a.get_text() for a in index.select(".mt-index-jump a")]
    # Latin first ("É" under "E"), then Greek, Cyrillic ("Ё" a letter of its
    # own), CJK (the first character), digits last; letters that hold one
    # term each share a heading
    assert jump == ["A", "B\u2013C", "E", "X\u2013Z", "Λ", "Ё\u2013Я", "機", "#"]
    assert [g.get_text() for g in index.select(".mt-index-group")] == jump
    targets = [a["href"][1:] for a in index.select(".mt-index-jump a")]
    assert len(set(targets)) == len(targets)
    for target in targets:
        assert index.select_one(f"[id='{target}']") is not None
    assert titles(index) == [
        "Agent",
        "Attention",
        "Beam search",
        "Chunking",
        "Élan",
        "Embedding",
        "Xavier initialization",
        "Zero-shot prompting",
        "λ-calculus",
        "Ёлка",
        "Язык",
        "機械学習",
        "4-bit quantization",
    ]


def test_a_listing_leaves_out_the_badge_its_filter_repeats(app: SphinxTestApp) -> None:
    everything, words, by_level = listings(app)
    entries = everything.select(".mt-index-entry")
    assert len(everything.select(".mt-category")) == len(entries)
    assert len(everything.select(".mt-level")) == len(entries)
    # one category: its badge would be on every entry
    entries = words.select(".mt-index-entry")
    assert "Xavier initialization" not in titles(words)
    assert words.select(".mt-category") == []
    assert len(words.select(".mt-level")) == len(entries)
    # grouped by level: the heading says the level
    entries = by_level.select(".mt-index-entry")
    assert by_level.select(".mt-level") == []
    assert len(by_level.select(".mt-category")) == len(entries)


def test_referenced_from_groups_term_pages_apart(app: SphinxTestApp) -> None:
    page = soup(app, "index.html")
    block = page.select_one("#mt-agent .mt-backrefs")
    assert [h.get_text() for h in block.select(".mt-backrefs-group")] == [
        "Term pages",
        "Other pages",
    ]
    assert [[a.get_text() for a in ul.select("a")] for ul in block.select("ul")] == [
        ["Attention"],
        ["Listings", "Usage"],
    ]
    # only other pages: one list, no labels
    block = page.select_one("#mt-embedding .mt-backrefs")
    assert block.select(".mt-backrefs-group") == []
    assert [a.get_text() for a in block.select("a")] == ["Listings", "Usage"]
    # the table's column groups them the same way
    table = soup(app, "listings.html").select_one("table.mt-term-table")
    row = next(
        r for r in table.select("tbody tr") if r.select_one('[data-mt-term="agent"]')
    )
    cell = row.select_one("td.mt-col-referenced-from")
    assert [p.get_text(" ", strip=True) for p in cell.select("p")] == [
        "Term pages: Attention",
        "Other pages: Listings , Usage",
    ]


def test_comparisons_share_one_row_order(app: SphinxTestApp) -> None:
    tables = soup(app, "listings.html").select("table.mt-compare-table")
    # :rows: chose the rows in two different orders (and one twice): both
    # tables list them as the defaults do, each once
    for table in tables:
        labels = [r.select_one("th").get_text() for r in table.select("tbody tr")]
        assert labels == ["Level", "Short definition", "Origin"]
    captions = [t.select_one("caption .caption-text").get_text() for t in tables]
    assert captions == ["Agent vs Attention", "Agent and embedding"]
    ids = [t["id"] for t in tables]
    assert ids == ["mt-compare-agent-attention", "mt-compare-agent-and-embedding-table"]


def test_comparison_badges_are_the_cards(app: SphinxTestApp) -> None:
    table = soup(app, "listings.html").select_one("table.mt-compare-table")
    level = table.select("tbody tr")[0].select("td")[0]
    card = soup(app, "index.html").select_one("#mt-agent .mt-badges .mt-level")
    assert str(level.select_one(".mt-badge")) == str(card)


def test_term_table_columns_are_classed(app: SphinxTestApp) -> None:
    table = soup(app, "listings.html").select_one("table.mt-term-table")
    head = [th["class"][-1] for th in table.select("thead th")]
    assert head == [
        "mt-col-term",
        "mt-col-category",
        "mt-col-summary",
        "mt-col-referenced-from",
    ]
    row = table.select_one("tbody tr")
    # each cell but the term's names its column for narrow screens, in an
    # attribute: the cell's text stays its value
    labels = [s["data-label"] for s in row.select(".mt-cell-label")]
    assert labels == ["Category", "Short definition", "Referenced from"]
    assert row.select_one("td.mt-col-category").get_text() == "Words"


def test_rst_and_myst_give_the_same_html(
    make_app: Callable[..., SphinxTestApp], copy_root: Callable[[str], Path]
) -> None:
    assert_twins_match(make_app, copy_root, "letters", ["index.html", "listings.html"])


@pytest.mark.parametrize("buildername", ["text", "latex", "singlehtml"])
def test_other_builders(
    make_app: Callable[..., SphinxTestApp],
    copy_root: Callable[[str], Path],
    buildername: str,
) -> None:
    # not Sphinx's app fixture: this module's app is the built project
    app = make_app(buildername, srcdir=copy_root("letters"))
    app.build()
    assert warnings_of(app) == []
    if buildername == "text":
        text = (app.outdir / "listings.txt").read_text("utf8")
        assert "Term pages: Attention" in text
        assert "data-label" not in text
        # a comparison's row names its level: no badge label repeats it
        levels = [line for line in text.splitlines() if line.startswith("| Level")]
        assert levels[0].split() == [
            "|",
            "Level",
            "|",
            "beginner",
            "|",
            "intermediate",
            "|",
        ]


def long_page(suffix: str) -> str:
    """A page of more than 200 cards (three initials) and a table of them."""
    count = GROUPED_ROWS + 1
    titles = [f"{'ABC'[i % 3]}-term {i:03}" for i in range(count)]
    if suffix == ".rst":
        cards = [f".. term-card:: {t}\n\n   Number {t}.\n" for t in titles]
        return (
            "Long\n====\n\n"
            + "\n".join(cards)
            + ("\n.. term-table::\n   :columns: term, summary\n   :pages: long\n")
        )
    cards = [f"```{{term-card}} {t}\nNumber {t}.\n```\n" for t in titles]
    return (
        "# Long\n\n"
        + "\n".join(cards)
        + ("\n```{term-table}\n:columns: term, summary\n:pages: long\n```\n")
    )


@pytest.mark.parametrize(
    ("root", "suffix"), [("letters", ".rst"), ("letters-myst", ".md")]
)
@pytest.mark.parametrize("buildername", ["html", "text"])
def test_a_long_table_gets_letter_headings(
    make_app: Callable[..., SphinxTestApp],
    copy_root: Callable[[str], Path],
    root: str,
    suffix: str,
    buildername: str,
) -> None:
    srcdir = copy_root(root)
    (srcdir / f"long{suffix}").write_text(
        ":orphan:\n\n" * (suffix == ".rst")
        + ("---\norphan: true\n---\n" * (suffix == ".md"))
        + long_page(suffix),
        "utf8",
    )
    app = make_app(buildername, srcdir=srcdir, freshenv=True)
    app.build()
    assert warnings_of(app) == []
    if buildername == "text":
        text = (app.outdir / "long.txt").read_text("utf8")
        # a heading row across the table, then the letter's terms
        assert "| A" + " " * 35 + "|\n+----" in text
        assert "| *C-term 200* |" in text
        return
    page = soup(app, "long.html")
    jump = page.select_one(".mt-table .mt-index-jump")
    targets = [(a.get_text(), a["href"]) for a in jump.select("a")]
    assert targets == [
        ("A", "#mt-table-1-a"),
        ("B", "#mt-table-1-b"),
        ("C", "#mt-table-1-c"),
    ]
    rows = page.select("table.mt-term-table tbody tr")
    groups = [r for r in rows if "mt-table-group" in r["class"]]
    assert [(r["id"], r.get_text(strip=True)) for r in groups] == [
        ("mt-table-1-a", "A"),
        ("mt-table-1-b", "B"),
        ("mt-table-1-c", "C"),
    ]
    assert groups[0].select_one("td")["colspan"] == "2"
    # the heading comes before the first term of its letter
    after = rows[rows.index(groups[1]) + 1]
    assert after.select_one("td.mt-col-term").get_text() == "B-term 001"
    assert len(rows) == GROUPED_ROWS + 1 + 3


ORPHAN = {
    ".rst": ":orphan:\n\nAside\n=====\n\n.. term-card:: Sidenote\n\n"
    "   A term on a page outside the toctree, near an :mt:`agent`.\n\n"
    ".. term-compare::\n   :terms: sidenote, agent\n",
    ".md": "---\norphan: true\n---\n# Aside\n\n```{term-card} Sidenote\n"
    "A term on a page outside the toctree, near an {mt}`agent`.\n```\n\n"
    "```{term-compare}\n:terms: sidenote, agent\n```\n",
}


@pytest.mark.parametrize(
    ("root", "suffix"), [("letters", ".rst"), ("letters-myst", ".md")]
)
@pytest.mark.parametrize("buildername", ["latex", "texinfo"])
def test_listings_name_terms_of_pages_left_out(
    make_app: Callable[..., SphinxTestApp],
    copy_root: Callable[[str], Path],
    root: str,
    suffix: str,
    buildername: str,
) -> None:
    """LaTeX and Texinfo leave out a page outside the toctree: listings show
    its terms, and cards the page, as text without a link."""
    srcdir = copy_root(root)
    (srcdir / f"aside{suffix}").write_text(ORPHAN[suffix], "utf8")
    app = make_app(buildername, srcdir=srcdir, freshenv=True)
    app.build()
    assert warnings_of(app) == []
    out = next(app.outdir.glob("*.tex" if buildername == "latex" else "*.texi"))
    text = out.read_text("utf8")
    assert "Sidenote" in text  # in the index and the table
    assert "Aside" in text  # among the pages that link Agent
