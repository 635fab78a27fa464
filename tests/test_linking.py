"""Mentions and links: the ``unlinked-mention`` check, the ``!`` opt-out,
auto-linking per section and a page's own mode, in reST and in MyST."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from .conftest import assert_fails_on_warnings, soup, warnings_of

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from sphinx.testing.util import SphinxTestApp

ROOTS = ["linking", "linking-myst"]
# each root, for Sphinx's app fixture (whose builder the test's marker names)
ROOT_APPS = [
    pytest.param(root, marks=pytest.mark.sphinx(testroot=root)) for root in ROOTS
]


def autolink(mode: str) -> pytest.MarkDecorator:
    """The app's ``modelterms_autolink`` set to ``mode``."""
    return pytest.mark.sphinx(confoverrides={"modelterms_autolink": mode})


def suffix(root: str) -> str:
    return ".md" if root.endswith("myst") else ".rst"


def links(app: SphinxTestApp, page: str) -> list[list[tuple[str, str | None]]]:
    """Per paragraph of ``page``, the text and term of each link."""
    return [
        [(a.get_text(), a.get("data-mt-term")) for a in p.select("a")]
        for p in soup(app, page).select("div.body section p")
    ]


@pytest.mark.sphinx("termcheck")
@pytest.mark.parametrize("root", ROOT_APPS)
def test_termcheck_lists_unlinked_mentions(app: SphinxTestApp, root: str) -> None:
    app.build()
    data = json.loads((app.outdir / "termcheck.json").read_text("utf8"))
    # the first mention on the page, unless a link to the term comes first;
    # ``!`` opt-outs, cards and later mentions are not listed
    assert data["unlinked-mention"] == [
        {"docname": "prose", "line": 4, "mention": "Alignment", "term": "alignment"},
        {
            "docname": "prose",
            "line": 9,
            "mention": "reward model",
            "term": "reward-model",
        },
    ]
    text = (app.outdir / "termcheck.txt").read_text("utf8")
    assert (
        "unlinked-mention: 2\n"
        f"  prose{suffix(root)}:4  alignment  (Alignment)\n"
        f"  prose{suffix(root)}:9  reward-model  (reward model)\n"
    ) in text


@pytest.mark.sphinx("html", confoverrides={"modelterms_checks": ["unlinked-mention"]})
@pytest.mark.parametrize("root", ROOT_APPS)
def test_selected_check_warns_and_fails_w(app: SphinxTestApp, root: str) -> None:
    app.build()
    assert warnings_of(app) == [
        f"prose{suffix(root)}:4: WARNING: term 'alignment' is mentioned as "
        "'Alignment' without a link [modelterms.check]",
        f"prose{suffix(root)}:9: WARNING: term 'reward-model' is mentioned as "
        "'reward model' without a link [modelterms.check]",
    ]


@pytest.mark.parametrize("root", ROOTS)
def test_w_fails_on_an_unlinked_mention(
    make_app: Callable[..., SphinxTestApp],
    copy_root: Callable[[str], Path],
    root: str,
) -> None:
    overrides = {"modelterms_checks": ["unlinked-mention"]}
    app = make_app(
        "html",
        srcdir=copy_root(root),
        freshenv=True,
        warningiserror=True,
        confoverrides=overrides,
    )
    assert_fails_on_warnings(app)


@pytest.mark.sphinx("html", confoverrides={"modelterms_checks": ["missing-level"]})
@pytest.mark.parametrize("root", ROOT_APPS)
def test_check_is_silent_unless_selected(app: SphinxTestApp, root: str) -> None:
    app.build()
    assert not [w for w in warnings_of(app) if "without a link" in w]


@pytest.mark.sphinx("html")
@pytest.mark.parametrize("root", ROOT_APPS)
@pytest.mark.parametrize(
    "mode",
    [
        pytest.param(mode, marks=autolink(mode))
        for mode in ["off", "first", "section", "all"]
    ],
)
def test_opt_out_renders_text_only(app: SphinxTestApp, root: str, mode: str) -> None:
    app.build()
    assert warnings_of(app) == []
    kept = soup(app, "prose.html").select("div.body section section p")[0]
    opted = kept.select("span.mt-unlinked")
    assert [span.get_text() for span in opted] == ["alignment", "the problem"]
    assert not any(span.find_parent("a") or span.select("a") for span in opted)
    assert all(span["class"] == ["mt-unlinked"] for span in opted)
    assert "aria-describedby" not in str(opted)


@pytest.mark.sphinx("html", confoverrides={"modelterms_autolink": "first"})
@pytest.mark.parametrize("root", ROOT_APPS)
def test_first_mention_per_page(app: SphinxTestApp, root: str) -> None:
    app.build()
    assert links(app, "prose.html") == [
        [("Alignment", "alignment")],
        [("jailbreak", "jailbreak")],  # linked by hand: no second link
        [("reward model", "reward-model")],
        [],  # a new section, the same page
    ]


@pytest.mark.sphinx("html", confoverrides={"modelterms_autolink": "section"})
@pytest.mark.parametrize("root", ROOT_APPS)
def test_first_mention_per_section(app: SphinxTestApp, root: str) -> None:
    app.build()
    assert links(app, "prose.html") == [
        [("Alignment", "alignment")],
        [("jailbreak", "jailbreak")],
        [("reward model", "reward-model")],
        # the opt-outs stay text; the next mention is the section's first
        [("alignment", "alignment"), ("jailbreak", "jailbreak")],
    ]


@pytest.mark.sphinx("html")
@pytest.mark.parametrize("root", ROOT_APPS)
def test_page_metadata_sets_the_mode(app: SphinxTestApp, root: str) -> None:
    app.build()  # modelterms_autolink is "off"
    assert links(app, "prose.html") == [[], [("jailbreak", "jailbreak")], [], []]
    assert links(app, "meta.html") == [
        [("Alignment", "alignment"), ("jailbreak", "jailbreak")],
        [("Alignment", "alignment"), ("jailbreak", "jailbreak")],
    ]


@pytest.mark.parametrize("root", ROOTS)
def test_bad_page_mode_warns_and_uses_the_config(
    make_app: Callable[..., SphinxTestApp],
    copy_root: Callable[[str], Path],
    root: str,
) -> None:
    srcdir = copy_root(root)
    page = srcdir / ("meta" + suffix(root))
    page.write_text(page.read_text("utf8").replace(": section", ": often"), "utf8")
    overrides = {"modelterms_autolink": "first"}
    app = make_app("html", srcdir=srcdir, freshenv=True, confoverrides=overrides)
    app.build()
    assert warnings_of(app) == [
        f"meta{suffix(root)}:1: WARNING: modelterms-autolink: 'often' is not one "
        "of 'off', 'first', 'section', 'all'; modelterms_autolink ('first') is "
        "used [modelterms.invalid]"
    ]
    assert links(app, "meta.html") == [
        [("Alignment", "alignment"), ("jailbreak", "jailbreak")],
        [],
    ]


@pytest.mark.sphinx("html", confoverrides={"modelterms_autolink": "all"})
@pytest.mark.parametrize("root", ROOT_APPS)
def test_card_options_and_questions_are_not_mentions(
    app: SphinxTestApp, root: str
) -> None:
    app.build()
    card = soup(app, "terms.html").select("div.mt-card")[2]
    assert "Alignment work" in card.select_one(".mt-badges").get_text()
    assert "alignment" in card.select_one(".mt-fields").get_text()
    questions = [dt.get_text() for dt in card.select(".mt-faq dt")]
    assert "Is it an alignment failure?" in questions
    # what the card's options say, and a question (a headword), are no prose
    assert card.select(".mt-badges a, .mt-aliases a, .mt-fields a, .mt-faq dt a") == []
