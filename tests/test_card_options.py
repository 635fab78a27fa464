"""A card's options and its short definition, in reST and MyST: a mistake in
an option is a warning at that option's line and the card is kept; the short
definition is the first paragraph, after any leading directive or image."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

import pytest

from .conftest import build_once, soup, warnings_of

if TYPE_CHECKING:
    from bs4 import Tag
    from sphinx.testing.util import SphinxTestApp

    from sphinx_modelterms.domain import ModelTermsDomain


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    return build_once(tmp_path_factory, "card-options")


def card(app: SphinxTestApp, page: str, term_id: str) -> Tag:
    found = soup(app, f"{page}.html").select_one(f"div.mt-card#mt-{term_id}")
    assert found is not None, (page, term_id)
    return found


def summary(card: Tag) -> str:
    para = card.select_one("p.mt-summary")
    return para.get_text(" ", strip=True) if para else ""


def related(card: Tag) -> list[str]:
    return [a["data-mt-term"] for a in card.select(".mt-related-card a.mt-ref")]


INVALID = "[modelterms.invalid]"
TWICE = "option 'related' is given twice (first at line {}); it is ignored"
NO_CLASS = "option 'class' has no value; it is ignored"
BAD_CLASS = (
    "option 'class' has an invalid value '!!!' (cannot make \"!!!\" into a class "
    "name); it is ignored"
)
FAQ_OPTION = "term-faq takes no options; 'class' is ignored"
NOWHERE = "WARNING: related term 'nowhere' of '{}' does not exist [modelterms.related]"


def test_exact_warnings_at_the_option_lines(app: SphinxTestApp) -> None:
    assert warnings_of(app) == [
        "leading.rst:21: WARNING: term-card 'Listed' has no short definition "
        f"(it has no paragraph) {INVALID}",
        "leading-md.md:24: WARNING: term-card 'Listed MD' has no short definition "
        f"(it has no paragraph) {INVALID}",
        f"options.rst:6: WARNING: term-card 'Twice': {TWICE.format(5)} {INVALID}",
        f"options.rst:11: WARNING: term-card 'Empty class': {NO_CLASS} {INVALID}",
        f"options.rst:18: WARNING: term-card 'Bad class': {BAD_CLASS} {INVALID}",
        f"options.rst:29: WARNING: {FAQ_OPTION} {INVALID}",
        # an included file has its own lines; a nested listing too
        "included.inc:3: WARNING: term-card 'Included': option 'level' is given "
        f"twice (first at line 2); it is ignored {INVALID}",
        "included.inc:2: WARNING: level 'expert' is not one of beginner, "
        f"intermediate, advanced; it is left out {INVALID}",
        "options.rst:39: WARNING: term-table: unknown option 'colour' (known: "
        "category, class, columns, filter, level, pages, referenced-from, sort); "
        f"it is ignored {INVALID}",
        f"options-md.md:5: WARNING: term-card 'Twice MD': {TWICE.format(4)} {INVALID}",
        f"options-md.md:11: WARNING: term-card 'Empty class MD': {NO_CLASS} {INVALID}",
        f"options-md.md:19: WARNING: term-card 'Bad class MD': {BAD_CLASS} {INVALID}",
        f"options-md.md:29: WARNING: {FAQ_OPTION} {INVALID}",
        f"options-yaml.md:7: WARNING: term-card 'Flow list': {NO_CLASS} {INVALID}",
        "options-yaml.md:18: WARNING: term-card 'Block list': option 'level' is "
        f"given twice (first at line 17); it is ignored {INVALID}",
        "options-yaml.md:19: WARNING: term-card 'Block list': option 'category' "
        f"takes one value, not a list; it is ignored {INVALID}",
        # related-term warnings point at the :related: option, not the card
        "options.rst:19: " + NOWHERE.format("bad-class"),
        "options-md.md:20: " + NOWHERE.format("bad-class-md"),
        "options-yaml.md:14: " + NOWHERE.format("block-list"),
    ]


@pytest.mark.parametrize(("page", "suffix"), [("leading", ""), ("leading-md", "-md")])
def test_short_definition_after_leading_directives(
    app: SphinxTestApp, page: str, suffix: str
) -> None:
    title = "MD " if suffix else ""
    versioned = card(app, page, f"versioned{suffix}")
    assert summary(versioned) == f"Versioned {title}is defined after a version note."
    assert versioned.select_one(":scope > .mt-badges .mt-category") is not None
    # the version note is kept, in the explanation
    note = versioned.select_one(".mt-explanation .versionadded")
    assert note is not None
    assert "2.0" in note.get_text()

    noted = card(app, page, f"noted{suffix}")
    assert summary(noted) == f"Noted {title}is defined after a note and an image."
    explanation = noted.select_one(".mt-explanation")
    assert explanation is not None
    assert "A note comes first." in explanation.select_one(".admonition").get_text()
    assert explanation.select_one("img")["src"] == "https://example.org/noted.png"
    assert "More explanation." in explanation.get_text()

    # only a list: a card with no short definition, but a card
    listed = card(app, page, f"listed{suffix}")
    assert listed.select_one(".mt-summary") is None
    assert "only a list" in listed.get_text()


def test_short_definition_in_the_term_record(app: SphinxTestApp) -> None:
    domain = cast("ModelTermsDomain", app.env.get_domain("mt"))
    terms = {t.id: t.summary_text for t in domain.terms()}
    assert terms["versioned"] == "Versioned is defined after a version note."
    assert terms["noted-md"] == "Noted MD is defined after a note and an image."
    assert terms["listed"] == ""


@pytest.mark.parametrize(("page", "suffix"), [("options", ""), ("options-md", "-md")])
def test_option_mistakes_keep_the_card(
    app: SphinxTestApp, page: str, suffix: str
) -> None:
    title = " MD" if suffix else ""
    twice = card(app, page, f"twice{suffix}")
    assert summary(twice).startswith(f"Twice{title} gives")
    assert related(twice) == ["versioned"]  # the first :related: is kept

    empty = card(app, page, f"empty-class{suffix}")
    assert summary(empty) == f"Empty class{title} has an empty class."
    assert empty["class"] == ["mt-card", "docutils", "container"]
    level = empty.select_one(":scope > .mt-badges .mt-level")
    assert level is not None
    assert level.get_text(" ", strip=True) == "Level: beginner"

    bad = card(app, page, f"bad-class{suffix}")
    assert summary(bad) == f"Bad class{title} has a class that is no class name."
    assert bad["class"] == ["mt-card", "docutils", "container"]
    assert related(bad) == ["versioned"]


def test_yaml_lists_are_lists(app: SphinxTestApp) -> None:
    flow = card(app, "options-yaml", "flow-list")
    assert summary(flow) == "Flow list lists its related terms as a YAML list."
    assert related(flow) == ["versioned", "noted"]
    aliases = flow.select_one(".mt-aliases")
    assert aliases is not None
    assert "flow, list, with a comma" in aliases.get_text()
    domain = cast("ModelTermsDomain", app.env.get_domain("mt"))
    term = domain.get("flow-list")
    assert term is not None
    assert term.aliases == ("flow", "list, with a comma")

    block = card(app, "options-yaml", "block-list")
    assert summary(block) == "Block list lists its related terms as a YAML block list."
    assert related(block) == ["versioned"]
    level = block.select_one(":scope > .mt-badges .mt-level")
    assert level is not None
    assert level.get_text(" ", strip=True) == "Level: beginner"  # the first
    assert block.select_one(":scope > .mt-badges .mt-category") is None


@pytest.mark.parametrize(("page", "suffix"), [("options", ""), ("options-md", "-md")])
def test_option_lines_of_a_question_are_left_out(
    app: SphinxTestApp, page: str, suffix: str
) -> None:
    asked = card(app, page, f"asked{suffix}")
    questions = [dt.get_text() for dt in asked.select(".mt-faq-list > dt")]
    assert questions[-1] == "Is a question one line?"
    answers = [dd.get_text(" ", strip=True) for dd in asked.select(".mt-faq-list > dd")]
    assert answers[-1] == "Yes, and its option is left out."


def test_text_after_the_closing_dashes_is_the_content(app: SphinxTestApp) -> None:
    closing = card(app, "options-yaml", "closing-line")
    assert summary(closing) == "Closing line is defined after the closing dashes."
    assert closing.select_one(":scope > .mt-badges .mt-category") is not None


def test_included_card_and_nested_listing_are_kept(app: SphinxTestApp) -> None:
    included = card(app, "options", "included")
    assert summary(included) == "Included is defined in an included file."
    assert included.select_one(":scope > .mt-badges .mt-level") is None
    table = soup(app, "options.html").select_one(".admonition div.mt-table")
    assert table is not None
    assert [th.get_text(strip=True) for th in table.select("thead th")] == [
        "Term",
        "Level",
    ]
