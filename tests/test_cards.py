"""The rendered card, the same from reST and MyST."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest
import sphinx

from .conftest import assert_twins_match, build_once, soup, warnings_of

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from sphinx.testing.util import SphinxTestApp

ROOTS = ["basic", "basic-myst"]


@pytest.fixture(scope="module", params=ROOTS)
def app(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> SphinxTestApp:
    return build_once(tmp_path_factory, request.param)


def test_card_hooks_and_sections(app: SphinxTestApp) -> None:
    page = soup(app, "index.html")
    card = page.select_one("div.mt-card#mt-alignment")
    assert card is not None
    assert card.select_one(".mt-card-title").get_text() == "Alignment"
    assert (
        card.select_one(".mt-category").get_text(" ", strip=True) == "Category: Safety"
    )
    assert card.select_one(".mt-level-beginner").get_text(" ", strip=True) == (
        "Level: beginner"
    )
    summary = card.select_one("p.mt-summary")
    assert (
        summary.get_text()
        == "Making an AI system pursue the goals its designers intend."
    )
    assert summary.select_one("em").get_text() == "designers"
    explanation = card.select_one(".mt-explanation")
    assert explanation.select_one(".mt-explanation-title").get_text() == "Explanation"
    assert "A longer explanation" in explanation.get_text()
    assert explanation.select_one("a.mt-ref")["data-mt-term"] == "rlhf"
    examples = card.select(".mt-examples .mt-example")
    assert [e.get_text(strip=True) for e in examples] == [
        "Training a chat model to refuse harmful requests."
    ]
    sources = card.select(".mt-sources a")
    assert [(a.get_text(), a["href"]) for a in sources] == [
        ("Concrete Problems in AI Safety", "https://arxiv.org/abs/1606.06565")
    ]
    # section order on the card
    order = [r.get_text() for r in card.select(".mt-section-title")]
    assert order == [
        "Explanation",
        "Examples",
        "Frequently asked",
        "Related terms",
        "Sources",
        "Referenced from",
    ]
    # the pages that link the term, titled, its own page left out
    backrefs = card.select(".mt-backrefs li a")
    assert [(a.get_text(), a["href"]) for a in backrefs] == [
        ("Other page", "other.html")
    ]


def test_generated_and_own_questions(app: SphinxTestApp) -> None:
    card = soup(app, "index.html").select_one("#mt-alignment")
    questions = [dt.get_text() for dt in card.select(".mt-faq-list > dt")]
    assert questions == [
        "What is Alignment?",
        "What is an example of Alignment?",
        "How is Alignment related to Reinforcement Learning from Human Feedback?",
        "Is Alignment considered beginner?",
        "Is alignment solved?",
    ]
    answers = [dd.get_text(" ", strip=True) for dd in card.select(".mt-faq-list > dd")]
    assert answers == [
        "Making an AI system pursue the goals its designers intend. In this "
        "glossary, Alignment belongs to the Safety category.",
        "For instance: Training a chat model to refuse harmful requests.",
        "Reinforcement Learning from Human Feedback , from the Training category, "
        "is closely tied to Alignment. Fine-tuning a model against a reward "
        "learned from human preferences.",
        "Yes. This glossary rates Alignment as beginner, on a scale of beginner, "
        "intermediate, advanced.",
        "No.",
    ]
    assert not [a for a in answers if "is listed as a related term" in a]


def test_related_cards_are_symmetric(app: SphinxTestApp) -> None:
    # alignment lists rlhf; rlhf lists nothing but shows alignment
    for page, term, other, category in [
        ("index.html", "alignment", "rlhf", "Training"),
        ("rlhf.html", "rlhf", "alignment", "Safety"),
    ]:
        card = soup(app, page).select_one(f"#mt-{term}")
        related = card.select(".mt-related-card")
        assert len(related) == 1
        link = related[0].select_one("a.mt-ref")
        assert link["data-mt-term"] == other
        assert related[0].select_one(".mt-category").get_text(" ", strip=True) == (
            f"Category: {category}"
        )
        assert related[0].select_one(".mt-related-summary").get_text()


def test_card_without_extras_has_only_what_it_has(app: SphinxTestApp) -> None:
    card = soup(app, "index.html").select_one("#mt-jailbreak")
    assert card.select_one(".mt-examples") is None
    assert card.select_one(".mt-sources") is None
    assert card.select_one(".mt-related") is None
    assert [dt.get_text() for dt in card.select(".mt-faq-list > dt")] == [
        "What is Jailbreak?",
        "Is Jailbreak considered intermediate?",
    ]


def test_term_page_shows_title_once(app: SphinxTestApp) -> None:
    page = soup(app, "rlhf.html")
    title = "Reinforcement Learning from Human Feedback"
    assert page.title.get_text().startswith(title)
    assert [h.get_text(strip=True).rstrip("¶") for h in page.select("div.body h1")] == [
        title
    ]
    assert page.select(".mt-card-title") == []
    # the toctree entry on the index uses the card title
    toc = soup(app, "index.html").select(".toctree-wrapper a")
    assert toc[0].get_text() == title
    # section titles move up a level on a term page
    assert {h.name for h in page.select(".mt-card .mt-section-title")} == {"h2"}


def test_aliases_line(app: SphinxTestApp) -> None:
    line = soup(app, "rlhf.html").select_one("#mt-rlhf .mt-aliases")
    assert line.get_text() == "Also called: RLHF"
    assert soup(app, "index.html").select("#mt-alignment .mt-aliases") == []


@pytest.mark.parametrize("root", ROOTS)
def test_a_level_of_several_words_is_one_class(
    root: str,
    make_app: Callable[..., SphinxTestApp],
    copy_root: Callable[[str], Path],
) -> None:
    """``Very advanced`` is one class, ``mt-level-Very-advanced``, not two;
    ``conf.py`` may space it differently."""
    srcdir = copy_root(root)
    page = srcdir / ("index.md" if root.endswith("myst") else "index.rst")
    page.write_text(
        page.read_text("utf8").replace(":level: beginner", ":level: Very advanced", 1),
        "utf8",
    )
    levels = ["beginner", "intermediate", " Very  advanced "]
    app = make_app(
        "html",
        srcdir=srcdir,
        freshenv=True,
        confoverrides={"modelterms_levels": levels},
    )
    app.build()
    assert not [w for w in warnings_of(app) if "level" in w]  # a known level
    badge = soup(app, "index.html").select_one("#mt-alignment .mt-level")
    assert badge["class"] == ["mt-badge", "mt-level", "mt-level-Very-advanced"]
    assert badge.get_text(" ", strip=True) == "Level: Very advanced"


def test_project_fields(app: SphinxTestApp) -> None:
    fields = soup(app, "rlhf.html").select_one("#mt-rlhf table.mt-fields")
    assert [
        (tr.select_one("th").get_text(strip=True), tr.select_one("td").get_text())
        for tr in fields.select("tr")
    ] == [("Needs a reward model", "yes")]


def test_references(app: SphinxTestApp) -> None:
    links = soup(app, "index.html").select("p a.mt-ref, p .mt-missing")
    rendered = [
        (a.get_text(), a.get("data-mt-term"), a.get("href"), a.get("class"))
        for a in links
    ]
    by_text = {t: (d, h) for t, d, h, _ in rendered}
    assert by_text["jailbreaks"] == ("jailbreak", "#mt-jailbreak")
    assert by_text["the alignment problem"] == ("alignment", "#mt-alignment")
    missing = soup(app, "index.html").select_one(".mt-missing")
    assert missing.get_text() == "nothing-here"
    assert missing.name == "span"
    other = soup(app, "other.html").select("a.mt-ref")
    assert [(a.get_text(), a["href"], a["data-mt-term"]) for a in other] == [
        ("alignment", "index.html#mt-alignment", "alignment"),
        ("rlhf", "rlhf.html#mt-rlhf", "rlhf"),
    ]
    for a in other:
        assert {"mt-ref", "reference"} <= set(a["class"])
        assert not a.has_attr("title")


def test_reference_warning(app: SphinxTestApp) -> None:
    suffix = "md" if (app.srcdir / "index.md").exists() else "rst"
    line = 34 if suffix == "md" else 33
    message = "WARNING: unknown term 'nothing-here' [modelterms.unknown]"
    assert warnings_of(app) == [f"index.{suffix}:{line}: {message}"]


def test_rst_and_myst_give_the_same_html(
    make_app: Callable[..., SphinxTestApp], copy_root: Callable[[str], Path]
) -> None:
    assert_twins_match(
        make_app, copy_root, "basic", ["index.html", "rlhf.html", "other.html"]
    )


@pytest.mark.skipif(
    sphinx.version_info < (8, 1), reason="the no-search class came in Sphinx 8.1"
)
def test_what_a_card_repeats_of_other_terms_is_not_searched(app: SphinxTestApp) -> None:
    """Alignment lists RLHF as related, so its card repeats RLHF's short
    definition, in its related cards and its questions; the search index
    finds that definition on RLHF's page alone."""
    text = (app.outdir / "searchindex.js").read_text("utf8")
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    pages = index["docnames"]

    def pages_with(word: str) -> list[str]:
        found = index["terms"][word]
        return [pages[i] for i in ([found] if isinstance(found, int) else found)]

    assert pages_with("prefer") == ["rlhf"]
    # the card's own words are still searched
    assert "index" in pages_with("pursu")


# -- what the card generates, as a reader sees it (roots "reader") -------------

READER_ROOTS = ["reader", "reader-myst"]


@pytest.fixture(scope="module", params=READER_ROOTS)
def reader(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> SphinxTestApp:
    return build_once(tmp_path_factory, request.param)


def asked(app: SphinxTestApp, term: str) -> list[tuple[str, str]]:
    card = soup(app, "index.html").select_one(f"#mt-{term}")
    assert card is not None
    return [
        (dt.get_text(), dd.get_text().strip())
        for dt, dd in zip(
            card.select(".mt-faq-list > dt"),
            card.select(".mt-faq-list > dd"),
            strict=True,
        )
    ]


def test_one_question_of_each_kind(reader: SphinxTestApp) -> None:
    """Alignment lists three related terms: one question, about the first,
    whose answer is a sentence about the shared category, then RLHF's own
    short definition."""
    assert asked(reader, "alignment") == [
        (
            "What is Alignment?",
            "Making a model do what its \u201cdesigners\u201d intend, not what "
            "\u2018it\u2019 prefers. In this glossary, Alignment belongs to the "
            "Safety & Alignment category.",
        ),
        (
            "What is an example of Alignment?",
            "For instance: Refusing a harmful request.",
        ),
        (
            "How is Alignment related to RLHF?",
            "Alignment and RLHF are both Safety & Alignment concepts. RLHF "
            "fine-tunes a model on \u201chuman\u201d rankings with care and reward().",
        ),
        (
            "Is Alignment considered beginner?",
            "Yes. This glossary rates Alignment as beginner, on a scale of "
            "beginner, intermediate, advanced.",
        ),
        ("Is alignment solved?", "No."),
    ]
    answer = soup(reader, "index.html").select("#mt-alignment .mt-faq-list > dd")[2]
    assert answer.select_one("a.mt-ref")["data-mt-term"] == "rlhf"
    assert answer.select_one(".mt-definition em").get_text() == "care"
    assert answer.select_one(".mt-definition code").get_text() == "reward()"


def test_related_answers_name_the_relation(reader: SphinxTestApp) -> None:
    jailbreak = dict(asked(reader, "jailbreak"))
    assert jailbreak["How is Jailbreak related to Alignment?"] == (
        "Alignment, from the Safety & Alignment category, is closely tied to "
        "Jailbreak. Making a model do what its \u201cdesigners\u201d intend, not "
        "what \u2018it\u2019 prefers."
    )
    bare = dict(asked(reader, "bare"))
    assert bare["How is Bare related to Alignment?"].startswith(
        "Alignment, from the Safety & Alignment category, is closely tied to Bare."
    )
    page = soup(reader, "index.html").get_text()
    assert "is listed as a related term" not in page


def test_what_is_asked_only_with_more_than_the_definition(
    reader: SphinxTestApp,
) -> None:
    """The answer to "What is X?" never only repeats the short definition
    the card shows above it: with no category and no other name, the
    question is not asked."""
    assert [q for q, _a in asked(reader, "bare")] == [
        "How is Bare related to Alignment?",
        "Is Bare considered advanced?",
    ]
    assert asked(reader, "named") == [
        (
            "What is Named?",
            "A term with another name and no category. Named is also called "
            "Other name.",
        )
    ]
    page = soup(reader, "index.html")
    for card in page.select(".mt-card"):
        shown = {
            p.get_text().strip()
            for p in card.select(".mt-summary, .mt-example p, .mt-related-summary")
        }
        answers = {dd.get_text().strip() for dd in card.select(".mt-faq-list > dd")}
        assert not shown & answers, card["id"]


@pytest.mark.parametrize(("count", "expected"), [(0, []), (2, ["RLHF", "Jailbreak"])])
@pytest.mark.parametrize("root", READER_ROOTS)
def test_related_questions_setting(
    make_app: Callable[..., SphinxTestApp],
    copy_root: Callable[[str], Path],
    root: str,
    count: int,
    expected: list[str],
) -> None:
    # not Sphinx's app fixture: this module's app is the built project
    overrides = {"modelterms_related_questions": count}
    app = make_app("html", srcdir=copy_root(root), confoverrides=overrides)
    app.build()
    assert [w for w in warnings_of(app) if "modelterms" in w] == []
    questions = [q for q, _a in asked(app, "alignment")]
    assert [q for q in questions if "related to" in q] == [
        f"How is Alignment related to {other}?" for other in expected
    ]


def test_explanation_heading_only_over_an_explanation(reader: SphinxTestApp) -> None:
    page = soup(reader, "index.html")
    explanation = page.select_one("#mt-alignment .mt-explanation")
    heading = explanation.find(True)  # first, before the explanation
    assert heading.name == "h3"
    assert "mt-explanation-title" in heading["class"]
    assert heading.get_text() == "Explanation"
    assert "The explanation, with" in explanation.get_text()
    for term in ("rlhf", "jailbreak", "bare", "named"):
        card = page.select_one(f"#mt-{term}")
        assert card.select(".mt-explanation, .mt-explanation-title") == [], term


def test_fields_table_after_the_examples(reader: SphinxTestApp) -> None:
    card = soup(reader, "index.html").select_one("#mt-alignment")
    table = card.select_one("table.mt-fields")
    assert [
        [cell.name, cell.get_text().strip()]
        for row in table.select("tr")
        for cell in row.select("th, td")
    ] == [
        ["th", "Vendor"],
        ["td", "any \u201clab\u201d"],
        ["th", "Model's weights open"],  # as configured, as in tables
        ["td", "n/a"],
    ]
    # between the examples and the questions, as parts of the card
    parts = [
        child["class"] for child in card.find_all(recursive=False) if child.get("class")
    ]
    names = [next(c for c in cls if c.startswith("mt-")) for cls in parts]
    at = names.index("mt-fields")
    assert names[at - 1 : at + 2] == ["mt-examples", "mt-fields", "mt-faq"]
    assert card.select(".mt-fields dl, dl.mt-fields") == []


@pytest.mark.parametrize("root", READER_ROOTS)
def test_explanation_and_fields_in_text_and_latex(
    make_app: Callable[..., SphinxTestApp],
    copy_root: Callable[[str, str], Path],
    root: str,
) -> None:
    def build(builder: str) -> SphinxTestApp:
        app = make_app(builder, srcdir=copy_root(root, builder), freshenv=True)
        app.build()
        app.cleanup()
        return app

    text = (build("text").outdir / "index.txt").read_text("utf8")
    assert "-[ Explanation ]-" in text
    # Sphinx sets no smart quotes for the text builder
    assert '| Vendor               | any "lab" |\n+---' in text
    latex = build("latex")
    tex = next(latex.outdir.glob("*.tex")).read_text("utf8")
    assert "Explanation" in tex
    assert "weights open" in tex
