"""Every warning: exact text, subtype and location; the build goes on."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

import pytest

from .conftest import assert_fails_on_warnings, soup, warnings_of

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from sphinx.testing.util import SphinxTestApp

    from sphinx_modelterms.domain import ModelTermsDomain


def expected(ext: str, lines: dict[str, int]) -> list[str]:
    """The warnings of the warnings roots, in emission order."""
    i, s = f"index.{ext}", f"second.{ext}"
    cats = "Safety, Training"
    levels = "beginner, intermediate, advanced"
    return [
        f"{i}:{lines['category']}: WARNING: category 'Nowhere' is not one of {cats}; "
        "it is left out [modelterms.invalid]",
        f"{i}:{lines['level']}: WARNING: level 'expert' is not one of {levels}; "
        "it is left out [modelterms.invalid]",
        f"{i}:{lines['empty']}: WARNING: term-card 'Empty' has no short definition "
        "(it has no paragraph) [modelterms.invalid]",
        f"{i}:{lines['inner']}: WARNING: term-card 'Inner' is nested in the card of "
        "'outer'; cards cannot nest [modelterms.invalid]",
        f"{i}:{lines['example']}: WARNING: term-example is only valid inside a "
        "term-card; its content is shown as is [modelterms.invalid]",
        f"{i}:{lines['faq']}: WARNING: term-faq is only valid inside a term-card; "
        "its content is shown as is [modelterms.invalid]",
        f"{s}:{lines['dup']}: WARNING: duplicate term id 'alpha': also declared at "
        f"{i}:{lines['alpha']} [modelterms.duplicate]",
        f"{i}:{lines['related']}: WARNING: term 'alpha' lists itself as related "
        "[modelterms.related]",
        f"{i}:{lines['related']}: WARNING: related term 'missing-term' of 'alpha' does "
        "not exist [modelterms.related]",
        f"{i}:{lines['links']}: WARNING: term reference 'shared' is ambiguous; it "
        f"matches beta ('Beta', {i}:{lines['beta']}), gamma ('Gamma', "
        f"{i}:{lines['gamma']}) [modelterms.ambiguous]",
        f"{i}:{lines['links']}: WARNING: unknown term 'nowhere' [modelterms.unknown]",
    ]


CASES = {
    "warnings": expected(
        "rst",
        {"alpha": 8, "beta": 15, "gamma": 21, "empty": 26, "inner": 34, "example": 38}
        | {"faq": 42, "links": 46, "dup": 4, "level": 9, "category": 10}
        | {"related": 11},
    ),
    "warnings-myst": expected(
        "md",
        {"alpha": 7, "beta": 15, "gamma": 22, "empty": 28, "inner": 35, "example": 40}
        | {"faq": 44, "links": 48, "dup": 3, "level": 8, "category": 9}
        | {"related": 10},
    ),
}


# each root built once for the tests that read it
BUILT = [
    pytest.param(
        root,
        marks=[
            pytest.mark.sphinx("html", testroot=root),
            pytest.mark.test_params(shared_result=f"test_warnings-{root}"),
        ],
    )
    for root in CASES
]


@pytest.mark.parametrize("root", BUILT)
def test_each_warning_with_subtype_and_location(app: SphinxTestApp, root: str) -> None:
    app.build()
    assert warnings_of(app) == CASES[root]


@pytest.mark.parametrize("root", BUILT)
def test_everything_else_survives(app: SphinxTestApp, root: str) -> None:
    app.build()
    page = soup(app, "index.html")
    cards = [c["id"] for c in page.select(".mt-card[id]")]
    assert cards == ["mt-alpha", "mt-beta", "mt-gamma", "mt-empty", "mt-outer"]
    text = page.select_one("div.body").get_text(" ", strip=True)
    for kept in [
        "a list comes first",  # the card without a short definition
        "Inner is nested.",  # the nested card's content
        "An example outside any card.",
        "A question outside any card?",
        "Its answer.",
    ]:
        assert kept in text
    # invalid values were left out, the rest of the card stands
    alpha = page.select_one("#mt-alpha")
    assert alpha.select_one(".mt-badges") is None
    assert alpha.select_one(".mt-summary").get_text() == "Alpha is the first term."
    related = [a["data-mt-term"] for a in alpha.select(".mt-related-card a.mt-ref")]
    assert related == ["beta"]
    # ambiguous and unknown render unlinked; the good links still link
    missing = [m.get_text() for m in page.select("p .mt-missing")]
    assert missing == ["shared", "nowhere"]
    last = page.select("div.body > section p")[-1]
    assert last.get_text().startswith("Links:")
    assert [a["data-mt-term"] for a in last.select("a.mt-ref")] == ["alpha", "beta"]
    # the duplicate's page still renders its card; links go to the first one
    second = soup(app, "second.html")
    assert (
        second.select_one(".mt-card .mt-summary").get_text() == "A duplicate of alpha."
    )
    assert second.select_one("p > a.mt-ref")["href"] == "index.html#mt-gamma"
    assert last.select_one("a.mt-ref[data-mt-term=alpha]")["href"] == "#mt-alpha"


@pytest.mark.parametrize(
    "subtype",
    [
        pytest.param(
            subtype,
            marks=pytest.mark.sphinx(
                "html",
                testroot="warnings",
                confoverrides={"suppress_warnings": [f"modelterms.{subtype}"]},
            ),
        )
        for subtype in ["unknown", "ambiguous", "duplicate", "invalid", "related"]
    ],
)
def test_suppress_warnings_silences_exactly_one_subtype(
    app: SphinxTestApp, subtype: str
) -> None:
    app.build()
    everything = CASES["warnings"]
    assert warnings_of(app) == [
        w for w in everything if f"[modelterms.{subtype}]" not in w
    ]
    assert len(warnings_of(app)) < len(everything)


@pytest.mark.sphinx(
    "html", testroot="warnings", confoverrides={"suppress_warnings": ["modelterms"]}
)
def test_suppressing_the_type_silences_all(app: SphinxTestApp) -> None:
    app.build()
    assert warnings_of(app) == []


def test_warnings_as_errors_fail_the_build(
    make_app: Callable[..., SphinxTestApp], copy_root: Callable[[str], object]
) -> None:
    app = make_app("html", srcdir=copy_root("warnings"), warningiserror=True)
    assert_fails_on_warnings(app)


@pytest.mark.parametrize(
    ("name", "value", "problem"),
    [
        ("modelterms_levels", "beginner, advanced", "a list of non-empty strings"),
        ("modelterms_levels", [], "a non-empty list of strings"),
        ("modelterms_categories", [1, 2], "a list of non-empty strings"),
        (
            "modelterms_fields",
            {"id": "Clashes with :id:"},
            "a dict mapping lower_snake field names (not an option of term-card) "
            "to labels",
        ),
        ("modelterms_related_symmetric", "yes", "True or False"),
    ],
)
def test_bad_config_value_warns_and_uses_the_default(
    make_app: Callable[..., SphinxTestApp],
    copy_root: Callable[[str], Path],
    name: str,
    value: object,
    problem: str,
) -> None:
    srcdir = copy_root("basic")
    conf = srcdir / "conf.py"
    conf.write_text(conf.read_text("utf8") + f"{name} = {value!r}\n", "utf8")
    line = len(conf.read_text("utf8").splitlines())
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    config_warnings = [w for w in warnings_of(app) if "[modelterms.config]" in w]
    assert len(config_warnings) == 1
    assert config_warnings[0].endswith(
        f"WARNING: {name} must be {problem}; got {value!r}, using the default "
        "[modelterms.config]"
    )
    assert config_warnings[0].startswith(f"conf.py:{line}: ")
    # the build went on with the default: the card is whole
    card = soup(app, "index.html").select_one("#mt-alignment")
    assert card.select_one(".mt-summary") is not None


UNKNOWN_OPTION_RST = """\
:orphan:

Options
=======

.. term-card:: Alpha option
   :colour: red
   :level: beginner

   Alpha text.

.. term-card:: Empty card

See :mt:`alpha option` and :mt:`empty card`.
"""

UNKNOWN_OPTION_MD = """\
---
orphan: true
---
# Options in MyST

```{term-card} Beta option
:colour: blue

Beta text.
```

{mt}`beta option`
"""


def test_unknown_option_and_empty_card_keep_the_card(
    make_app: Callable[..., SphinxTestApp], copy_root: Callable[[str], Path]
) -> None:
    srcdir = copy_root("basic-myst")
    (srcdir / "options.rst").write_text(UNKNOWN_OPTION_RST, "utf8")
    (srcdir / "options-md.md").write_text(UNKNOWN_OPTION_MD, "utf8")
    app = make_app(
        "html",
        srcdir=srcdir,
        freshenv=True,
        confoverrides={
            "source_suffix": {".rst": "restructuredtext", ".md": "markdown"}
        },
    )
    app.build()
    known = "aliases, category, class, id, level, needs_reward_model, related, sources"
    found = [w for w in warnings_of(app) if w.startswith("options")]
    assert found == [
        f"options.rst:7: WARNING: term-card 'Alpha option': unknown option 'colour' "
        f"(known: {known}); it is ignored [modelterms.invalid]",
        "options.rst:12: WARNING: term-card 'Empty card' has no short definition "
        "(it has no paragraph) [modelterms.invalid]",
        f"options-md.md:7: WARNING: term-card 'Beta option': unknown option 'colour' "
        f"(known: {known}); it is ignored [modelterms.invalid]",
    ]
    page = soup(app, "options.html")
    assert [c["id"] for c in page.select(".mt-card")] == [
        "mt-alpha-option",
        "mt-empty-card",
    ]
    assert page.select_one("#mt-alpha-option .mt-level").get_text(" ", strip=True) == (
        "Level: beginner"
    )
    assert [a["data-mt-term"] for a in page.select("p a.mt-ref")] == [
        "alpha-option",
        "empty-card",
    ]
    assert soup(app, "options-md.html").select_one("#mt-beta-option .mt-summary")


SAME_PAGE = """\
:orphan:

Twice
=====

.. term-card:: Twin

   The first twin.

.. term-card:: Twin

   The second twin.

Link: :mt:`twin`.
"""


def test_duplicate_within_one_page(
    make_app: Callable[..., SphinxTestApp], copy_root: Callable[[str], Path]
) -> None:
    srcdir = copy_root("basic")
    (srcdir / "twice.rst").write_text(SAME_PAGE, "utf8")
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    found = [w for w in warnings_of(app) if w.startswith("twice")]
    assert found == [
        "twice.rst:10: WARNING: duplicate term id 'twin': also declared at "
        "twice.rst:6 [modelterms.duplicate]"
    ]
    page = soup(app, "twice.html")
    summaries = [
        c.select_one(".mt-summary").get_text() for c in page.select(".mt-card")
    ]
    assert summaries == ["The first twin.", "The second twin."]
    # one element per id: the anchor stays with the first card
    assert len(page.select("[id='mt-twin']")) == 1
    assert page.select_one("p a.mt-ref")["href"] == "#mt-twin"


@pytest.mark.parametrize(
    ("root", "card"),
    [
        ("warnings", ".. term-card:: \x1b\x07\n\n   Shown as is.\n"),
        ("warnings-myst", "```{term-card} \x1b\x07\nShown as is.\n```\n"),
    ],
)
def test_card_titled_with_control_characters_only(
    make_app: Callable[..., SphinxTestApp],
    copy_root: Callable[[str], Path],
    root: str,
    card: str,
) -> None:
    """Control characters fold out of a title: a card titled with nothing
    else has no title, and says so, rather than making a term without one."""
    srcdir = copy_root(root)
    ext = "md" if root.endswith("myst") else "rst"
    page = srcdir / f"second.{ext}"
    lines = page.read_text("utf8").splitlines()
    page.write_text("\n".join([*lines, "", card]), "utf8")
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    line = len(lines) + 2
    assert (
        f"second.{ext}:{line}: WARNING: term-card has no title text; its content "
        "is shown as is [modelterms.invalid]"
    ) in warnings_of(app)
    assert [w for w in warnings_of(app) if "index entry" in w] == []
    second = soup(app, "second.html")
    assert "Shown as is." in second.get_text()
    # no term without a title, nor a card for one
    domain = cast("ModelTermsDomain", app.env.get_domain("mt"))
    assert [t.id for t in domain.terms() if not t.title] == []
    titles = [c.select_one(".mt-card-title") for c in second.select(".mt-card")]
    assert titles
    assert all(t is not None and t.get_text(strip=True) for t in titles)
