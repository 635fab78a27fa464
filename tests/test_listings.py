"""term-compare, term-index, term-table and back-references, reST and MyST."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from docutils import nodes

from sphinx_modelterms.nodes import mt_card

from .conftest import assert_twins_match, build_once, soup, warnings_of

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from bs4 import Tag
    from sphinx.testing.util import SphinxTestApp


@pytest.fixture(scope="module", params=["listings", "listings-myst"])
def app(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> SphinxTestApp:
    return build_once(tmp_path_factory, request.param)


def cells(row: Tag) -> list[str]:
    """The text each cell shows, without the badges' hidden labels."""
    return [
        " ".join(
            "".join(
                text
                for text in c.find_all(string=True)
                if not text.find_parent(class_="mt-badge-label")
            ).split()
        )
        for c in row.select("th, td")
    ]


def test_builds_clean(app: SphinxTestApp) -> None:
    assert warnings_of(app) == []


def test_named_comparison(app: SphinxTestApp) -> None:
    page = soup(app, "compare.html")
    block = page.select_one("#mt-compare-rlhf-vs-dpo")
    table = block.select_one("table.mt-compare-table")
    assert table.select_one("caption .caption-text").get_text() == "RLHF vs DPO"
    rows = table.select("tr")
    links = rows[0].select("a.mt-ref")
    assert [a["data-mt-term"] for a in links] == ["rlhf", "dpo"]
    # no header cell is empty: the corner names the row of terms
    assert cells(rows[0])[0] == "Term"
    assert all(cells(rows[0]))
    assert [cells(r) for r in rows[1:]] == [
        ["Category", "Training", "Training"],
        ["Level", "intermediate", "advanced"],
        [
            "Short definition",
            "Tuning a model against a reward learned from human preferences.",
            "Tuning a model on preference pairs directly, without a reward model.",
        ],
        ["Needs a reward model", "yes", "no"],
    ]


def test_default_rows_and_unnamed_comparison(app: SphinxTestApp) -> None:
    tables = soup(app, "compare.html").select("table.mt-compare-table")
    assert len(tables) == 3
    unnamed = tables[1]
    # untitled, it is captioned with the terms it compares
    caption = unnamed.select_one("caption .caption-text")
    assert caption.get_text() == "Jailbreak vs Guardrails vs Temperature"
    labels = [cells(r)[0] for r in unnamed.select("tbody tr")]
    assert labels == [
        "Category",
        "Level",
        "Short definition",
        "Needs a reward model",
        "Extra model at training time",
    ]
    # terms given by alias and title resolve like :mt:
    named = tables[2].select("thead a.mt-ref")
    assert [a["data-mt-term"] for a in named] == ["rlhf", "dpo", "reward-model"]


def test_cards_list_their_named_comparisons(app: SphinxTestApp) -> None:
    page = soup(app, "terms.html")
    rlhf = page.select("#mt-rlhf .mt-comparisons li a")
    assert [(a.get_text(), a["href"]) for a in rlhf] == [
        ("Preference tuning", "compare.html#mt-compare-preference-tuning"),
        ("RLHF vs DPO", "compare.html#mt-compare-rlhf-vs-dpo"),
    ]
    reward = page.select("#mt-reward-model .mt-comparisons li a")
    assert [a.get_text() for a in reward] == ["Preference tuning"]
    # the unnamed comparison is listed nowhere
    assert page.select("#mt-jailbreak .mt-comparisons") == []


def test_generated_sections_in_place(app: SphinxTestApp) -> None:
    # written after the author's parts: questions and related terms, the
    # comparisons, the sources, "Referenced from" last
    card = soup(app, "terms.html").select_one("#mt-rlhf")
    parts = [
        next(c for c in child["class"] if c.startswith("mt-"))
        for child in card.find_all(recursive=False)
        if child.name != "span"  # the index target
    ]
    assert parts == [
        "mt-card-title",
        "mt-badges",
        "mt-aliases",
        "mt-summary",
        "mt-fields",
        "mt-faq",
        "mt-related",
        "mt-comparisons",
        "mt-sources",
        "mt-backrefs",
    ]
    # the read doctree, which Sphinx keeps in memory until the page is
    # written, holds no empty placeholders for them
    doctree = app.env.get_doctree("terms")
    read = [
        n["classes"][0]
        for n in doctree.findall(nodes.Element)
        if isinstance(n.parent, mt_card) and n["classes"]
    ]
    assert "mt-sources" in read
    assert not {"mt-faq", "mt-related", "mt-comparisons", "mt-backrefs"} & set(read)


def test_back_references(app: SphinxTestApp) -> None:
    page = soup(app, "terms.html")
    refs = page.select("#mt-rlhf .mt-backrefs li a")
    assert [(a.get_text(), a["href"]) for a in refs] == [
        ("Comparisons", "compare.html"),
        ("Links", "links.html"),
    ]
    assert page.select("#mt-4-bit-quantization .mt-backrefs") == []


def test_back_references_can_be_turned_off(
    make_app: Callable[..., SphinxTestApp], copy_root: Callable[[str], Path]
) -> None:
    # not Sphinx's app fixture: this module's app is the built project
    overrides = {"modelterms_backrefs": False}
    app = make_app("html", srcdir=copy_root("listings"), confoverrides=overrides)
    app.build()
    assert soup(app, "terms.html").select(".mt-backrefs") == []


def test_index_a_to_z(app: SphinxTestApp) -> None:
    index = soup(app, "glossary.html").select(".mt-index")[0]
    jump = [a.get_text() for a in index.select(".mt-index-jump a")]
    # letters holding one term each share a heading (A, D, G, J); the
    # last one (T) joins the letter before it; digits come last
    assert jump == ["A\u2013J", "R\u2013T", "#"]
    for a in index.select(".mt-index-jump a"):
        assert index.select_one(f"[id='{a['href'][1:]}']") is not None
    groups = [g.get_text() for g in index.select(".mt-index-group")]
    assert groups == jump
    entries = [a.get_text() for a in index.select(".mt-index-entry .mt-index-head a")]
    assert entries == [
        "Ängström test",
        "Direct Preference Optimization",
        "Guardrails",
        "Jailbreak",
        "Reinforcement Learning from Human Feedback",
        "Reward model",
        "Temperature",
        "4-bit quantization",
    ]
    first = index.select_one(".mt-index-entry")
    assert first.select_one(".mt-category").get_text(" ", strip=True) == (
        "Category: Inference"
    )
    assert first.select_one(".mt-index-summary").get_text().startswith("A made-up term")


def test_listings_carry_no_tooltips(app: SphinxTestApp) -> None:
    # indexes and tables show the short definitions already
    glossary = soup(app, "glossary.html")
    assert glossary.select("a.mt-ref")
    assert glossary.select("a[aria-describedby]") == []
    assert glossary.select("[role=tooltip]") == []
    # while the comparison page's links (not a listing) have theirs
    compare = soup(app, "compare.html")
    assert compare.select("a.mt-ref[aria-describedby]")


def test_index_group_headings_sit_below_their_section(app: SphinxTestApp) -> None:
    # every index of the page is in a section under the page title (h2):
    # its groups are headed one level below, not as the section's equals
    page = soup(app, "glossary.html")
    assert {g.name for g in page.select(".mt-index-group")} == {"h3"}


def test_index_by_category_and_filtered_by_level(app: SphinxTestApp) -> None:
    by_category, beginners = soup(app, "glossary.html").select(".mt-index")[1:]
    groups = [g.get_text() for g in by_category.select(".mt-index-group")]
    assert groups == ["Training", "Safety", "Inference"]  # configured order
    inference = by_category.select(".mt-index-list")[2]
    titles = [a.get_text() for a in inference.select(".mt-index-head a")]
    # titles starting with a digit after those starting with a letter
    assert titles == ["Ängström test", "Temperature", "4-bit quantization"]
    assert [g.get_text() for g in beginners.select(".mt-index-group")] == ["beginner"]
    titles = [a.get_text() for a in beginners.select(".mt-index-head a")]
    assert titles == ["Jailbreak", "Temperature"]


def test_cross_reference_table(app: SphinxTestApp) -> None:
    full, safety = soup(app, "table.html").select("table.mt-term-table")
    assert cells(full.select_one("thead tr")) == [
        "Term",
        "Aliases",
        "Category",
        "Level",
        "Short definition",
        "Related terms",
        "Referenced from",
        "Needs a reward model",
    ]
    rows = [cells(r) for r in full.select("tbody tr")]
    # sorted by level in the configured order, no level last, then by title
    assert [r[0] for r in rows] == [
        "Jailbreak",
        "Temperature",
        "Guardrails",
        "Reinforcement Learning from Human Feedback",
        "Reward model",
        "Direct Preference Optimization",
        "4-bit quantization",
        "Ängström test",
    ]
    rlhf = rows[3]
    assert rlhf[1:5] == [
        "RLHF",
        "Training",
        "intermediate",
        "Tuning a model against a reward learned from human preferences.",
    ]
    assert rlhf[5] == "Reward model"
    assert rlhf[6] == "Comparisons, Links"
    assert rlhf[7] == "yes"
    reward = full.select("tbody tr")[4]
    assert [a["data-mt-term"] for a in reward.select("a.mt-ref")] == [
        "reward-model",
        "rlhf",
    ]
    assert [cells(r) for r in safety.select("tbody tr")] == [
        ["Jailbreak", "beginner"],
        ["Guardrails", "intermediate"],
    ]


def test_rst_and_myst_give_the_same_html(
    make_app: Callable[..., SphinxTestApp], copy_root: Callable[[str], Path]
) -> None:
    assert_twins_match(
        make_app,
        copy_root,
        "listings",
        ["terms.html", "compare.html", "glossary.html", "table.html"],
    )


@pytest.mark.parametrize("buildername", ["latex", "text"])
def test_tables_are_real_tables_elsewhere(
    make_app: Callable[..., SphinxTestApp],
    copy_root: Callable[[str], Path],
    buildername: str,
) -> None:
    # not Sphinx's app fixture: this module's app is the built project
    app = make_app(buildername, srcdir=copy_root("listings"))
    app.build()
    assert warnings_of(app) == []
    if buildername == "text":
        text = (app.outdir / "table.txt").read_text("utf8")
        assert "| Term " in text
        assert "|=====" in text  # the header row
        assert "| *Reinforcement Learning from Human" in text
    else:
        tex = next(app.outdir.glob("*.tex")).read_text("utf8")
        assert tex.count(r"\begin{tabulary}") + tex.count(r"\begin{tabular}") >= 5
        assert r"\sphinxAtStartPar" in tex and "RLHF vs DPO" in tex


BAD_LISTINGS = """\
:orphan:

Bad
===

.. term-compare:: Lonely
   :terms: rlhf

.. term-compare::
   :terms: rlhf, nothing-such
   :rows: category, colour

.. term-index::
   :group-by: colour
   :level: expert

.. term-table::
   :columns: term, colour
   :sort: colour
"""


def test_bad_listings_warn_and_render_the_rest(
    make_app: Callable[..., SphinxTestApp], copy_root: Callable[[str], object]
) -> None:
    srcdir = copy_root("listings")
    (srcdir / "bad.rst").write_text(BAD_LISTINGS, "utf8")  # type: ignore[operator]
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    found = [w for w in warnings_of(app) if w.startswith("bad.rst")]
    assert found == [
        "bad.rst:7: WARNING: term-compare needs at least two terms in :terms:; "
        "got 1 [modelterms.invalid]",
        "bad.rst:11: WARNING: term-compare: row 'colour' is not one of category, "
        "level, summary, needs_reward_model, extra_model; it is left out "
        "[modelterms.invalid]",
        "bad.rst:14: WARNING: term-index: group-by 'colour' is not one of letter, "
        "category, level; it is left out [modelterms.invalid]",
        "bad.rst:15: WARNING: term-index: level 'expert' is not one of beginner, "
        "intermediate, advanced; it matches no term [modelterms.invalid]",
        "bad.rst:18: WARNING: term-table: column 'colour' is not one of term, "
        "aliases, category, level, summary, related, referenced-from, "
        "needs_reward_model, extra_model; it is left out [modelterms.invalid]",
        "bad.rst:19: WARNING: term-table: sort 'colour' is not one of term, "
        "category, level, needs_reward_model, extra_model; it is left out "
        "[modelterms.invalid]",
        "bad.rst:10: WARNING: term-compare: unknown term 'nothing-such' in "
        ":terms:; it is left out [modelterms.unknown]",
    ]
    page = soup(app, "bad.html")
    assert len(page.select("table.mt-compare-table")) == 2
    # a mistyped filter value matches nothing, rather than letting all through
    assert page.select(".mt-index-entry") == []
    assert cells(page.select_one("table.mt-term-table thead tr")) == ["Term"]


SORTS = """\
:orphan:

Sorts
=====

.. term-table::
   :columns: term, category
   :sort: -category

.. term-table::
   :columns: term, category
   :sort: category

.. term-table::
   :columns: term
   :pages: terms
   :level: intermediate, advanced

See :mt:compare:`mt-compare-rlhf-vs-dpo` and
:mt:compare:`the preference comparison <mt-compare-preference-tuning>`.
"""


def test_sorting_filters_and_comparison_links(
    make_app: Callable[..., SphinxTestApp], copy_root: Callable[[str], object]
) -> None:
    srcdir = copy_root("listings")
    (srcdir / "sorts.rst").write_text(SORTS, "utf8")  # type: ignore[operator]
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    assert [w for w in warnings_of(app) if w.startswith("sorts.rst")] == []
    page = soup(app, "sorts.html")
    reverse, forward, filtered = page.select("table.mt-term-table")
    # configured category order (Training, Safety, Inference), reversed by
    # category only: titles stay in order within a category
    assert [cells(r) for r in forward.select("tbody tr")][:3] == [
        ["Direct Preference Optimization", "Training"],
        ["Reinforcement Learning from Human Feedback", "Training"],
        ["Reward model", "Training"],
    ]
    assert [cells(r)[0] for r in reverse.select("tbody tr")] == [
        "Ängström test",
        "Temperature",
        "4-bit quantization",
        "Guardrails",
        "Jailbreak",
        "Direct Preference Optimization",
        "Reinforcement Learning from Human Feedback",
        "Reward model",
    ]
    assert len(filtered.select("tbody tr")) == 5  # terms on "terms", levels given
    links = page.select("div.body > section > p a")
    assert [(a.get_text(), a["href"]) for a in links] == [
        ("RLHF vs DPO", "compare.html#mt-compare-rlhf-vs-dpo"),
        ("the preference comparison", "compare.html#mt-compare-preference-tuning"),
    ]


@pytest.mark.parametrize(
    "buildername",
    ["dirhtml", "singlehtml", "epub", "man", "texinfo", "gettext", "json", "xml"],
)
def test_listings_build_everywhere(
    make_app: Callable[..., SphinxTestApp],
    copy_root: Callable[[str], Path],
    buildername: str,
) -> None:
    # not Sphinx's app fixture: this module's app is the built project
    app = make_app(buildername, srcdir=copy_root("listings"))
    app.build()
    assert warnings_of(app) == []
    written = [p for p in app.outdir.rglob("*") if p.is_file()]
    text = "".join(
        p.read_text("utf8", errors="replace") for p in written if p.suffix != ".png"
    )
    assert "Direct Preference Optimization" in text


OPTION_MISTAKES_RST = """\
:orphan:

Bad options
===========

.. term-compare:: Twice
   :terms: rlhf, dpo
   :terms: rlhf
   :class:

.. term-index::
   :group-by: level
   :colour: red

   Content that an index does not take.

.. term-table::
   :columns: term, level
   :class: !!!

.. term-graph:: Around RLHF
   :around: rlhf
   :depth: -1
"""

OPTION_MISTAKES_MD = """\
---
orphan: true
---
# Bad options

```{term-compare} Twice
---
terms: [rlhf, dpo]
terms: rlhf
class: ""
---
```

```{term-index}
:group-by: level
:colour: red

Content that an index does not take.
```

```{term-table}
:columns: [term, level]
:class: !!!
```

```{term-graph} Around RLHF
:around: rlhf
:depth: -1
```
"""


def option_mistakes(page: str, lines: list[int]) -> list[str]:
    invalid = "[modelterms.invalid]"
    texts = [
        "term-compare: option 'terms' is given twice (first at line {}); it is ignored",
        "term-compare: option 'class' has no value; it is ignored",
        "term-index: unknown option 'colour' (known: category, class, filter, "
        "group-by, level, pages, referenced-from); it is ignored",
        "term-index takes no content; it is ignored",
        "term-table: option 'class' has an invalid value '!!!' (cannot make "
        '"!!!" into a class name); it is ignored',
        "term-graph: option 'depth' has an invalid value '-1' (negative value; "
        "must be positive or zero); it is ignored",
    ]
    texts[0] = texts[0].format(lines.pop(0))
    return [
        f"{page}:{line}: WARNING: {text} {invalid}"
        for line, text in zip(lines, texts, strict=True)
    ]


@pytest.mark.parametrize(
    ("root", "page", "source", "lines"),
    [
        ("listings", "bad-options.rst", OPTION_MISTAKES_RST, [7, 8, 9, 13, 15, 19, 23]),
        (
            "listings-myst",
            "bad-options.md",
            OPTION_MISTAKES_MD,
            [8, 9, 10, 16, 18, 23, 28],
        ),
    ],
)
def test_option_mistakes_keep_the_listing(
    make_app: Callable[..., SphinxTestApp],
    copy_root: Callable[[str], Path],
    root: str,
    page: str,
    source: str,
    lines: list[int],
) -> None:
    """An option given twice, one unknown, an empty or unusable class, a
    refused number, content where none is taken: each is a warning at its
    own line, and every listing is still built with its other options."""
    srcdir = copy_root(root)
    (srcdir / page).write_text(source, "utf8")
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    found = [w for w in warnings_of(app) if w.startswith("bad-options")]
    assert found == option_mistakes(page, lines)
    html = soup(app, "bad-options.html")
    compare = html.select_one("div.mt-comparison#mt-compare-twice")
    assert compare is not None
    assert compare["class"] == ["mt-comparison", "docutils", "container"]
    headers = [th.get_text(strip=True) for th in compare.select("thead th")]
    assert headers[1:] == [
        "Reinforcement Learning from Human Feedback",
        "Direct Preference Optimization",
    ]
    index = html.select_one("div.mt-index")
    assert index is not None
    assert "Content that an index" not in html.get_text()
    table = html.select_one("div.mt-table")
    assert table is not None
    assert table["class"] == ["mt-table", "docutils", "container"]
    assert [th.get_text(strip=True) for th in table.select("thead th")] == [
        "Term",
        "Level",
    ]
    assert html.select_one("div.mt-graph-block") is not None
