"""Auto-linking of plain-text mentions: off, "first" and "all"."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from .conftest import soup, warnings_of

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from bs4 import Tag
    from sphinx.testing.util import SphinxTestApp


def paragraphs(app: SphinxTestApp) -> list[Tag]:
    return soup(app, "index.html").select("div.body > section > p")


def links(tag: Tag) -> list[tuple[str, str | None]]:
    return [
        (" ".join(a.get_text().split()), a.get("data-mt-term")) for a in tag.select("a")
    ]


def autolinked(mode: str) -> pytest.MarkDecorator:
    """The root built with auto-linking in ``mode``."""
    overrides = {
        "modelterms_autolink": mode,
        "modelterms_autolink_exclude": ["Banned term"],
    }
    return pytest.mark.sphinx("html", testroot="autolink", confoverrides=overrides)


def built(app: SphinxTestApp) -> SphinxTestApp:
    app.build()
    assert warnings_of(app) == []
    return app


@autolinked("all")
def test_all_mentions(app: SphinxTestApp) -> None:
    first = paragraphs(built(app))[0]
    assert links(first) == [
        ("Alignment", "alignment"),
        ("RLHF", "rlhf"),
        ("reward model", "reward-model"),
        ("reward models", "reward-model"),  # plural, across a line break
        ("Jailbreaks", "jailbreak"),
        ("alignment", "alignment"),
        ("RLHF", "rlhf"),
    ]
    assert all("mt-ref" in a["class"] for a in first.select("a"))


@autolinked("first")
def test_first_mention_only(app: SphinxTestApp) -> None:
    first = paragraphs(built(app))[0]
    assert links(first) == [
        ("Alignment", "alignment"),
        ("RLHF", "rlhf"),
        ("reward model", "reward-model"),
        ("Jailbreaks", "jailbreak"),
    ]


@pytest.mark.sphinx(
    "html", testroot="autolink", confoverrides={"modelterms_autolink": "off"}
)
def test_off_by_default(app: SphinxTestApp) -> None:
    app.build()
    assert links(paragraphs(app)[0]) == []


@pytest.mark.parametrize(
    "mode", [pytest.param(mode, marks=autolinked(mode)) for mode in ["first", "all"]]
)
def test_contexts_that_are_never_linked(app: SphinxTestApp, mode: str) -> None:
    built(app)
    second, existing, math, excluded, raw = paragraphs(app)[1:6]
    # code, identifiers, URLs and a lower-case acronym stay text; "AI" as a
    # word links, "AI" inside "RAID" does not
    assert links(second) == [("https://example.org/alignment", None), ("AI", "ai")]
    page = soup(app, "index.html")
    assert page.select("pre a") == []  # code blocks
    assert links(existing) == [("jailbreak", "jailbreak"), ("alignment", None)]
    assert links(math) == []
    assert links(excluded) == []  # modelterms_autolink_exclude
    assert links(raw) == []
    # a card never links its own term, but links others
    terms = soup(app, "terms.html")
    assert links(terms.select_one("#mt-alignment .mt-summary")) == [("RLHF", "rlhf")]
    # titles are never linked
    assert terms.select("h1 a.mt-ref, .mt-card-title a.mt-ref") == []


def test_an_exclusion_that_names_no_term_is_warned(
    make_app: Callable[..., SphinxTestApp], copy_root: Callable[[str], Path]
) -> None:
    srcdir = copy_root("autolink")
    with (srcdir / "conf.py").open("a", encoding="utf8") as conf:
        conf.write('modelterms_autolink_exclude = ["banned TERM", "rlhf", "Banend"]\n')
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    assert warnings_of(app) == [
        "conf.py:3: WARNING: modelterms_autolink_exclude: 'Banend' is no term's id, "
        "title or alias; it excludes nothing [modelterms.unknown]"
    ]
