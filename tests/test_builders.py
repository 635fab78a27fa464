"""Every builder renders cards and links, from reST and MyST alike.

Each (root, builder) pair is built once per module and shared by the tests
that look at its output; the roots are small, so the whole file stays fast.
"""

from __future__ import annotations

import json
import pickle
import re
import shutil
from typing import TYPE_CHECKING

import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree
from sphinx.testing.util import SphinxTestApp

from .conftest import ROOTS, soup, warnings_of

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from bs4 import Tag

PROJECTS = ["builders", "builders-myst"]
BUILDERS = [
    "html",
    "dirhtml",
    "singlehtml",
    "epub",
    "latex",
    "text",
    "man",
    "texinfo",
    "gettext",
    "json",
    "xml",
    "pickle",
    "pseudoxml",
]
HTML_LIKE = ["html", "dirhtml", "singlehtml", "epub"]
NO_ASSETS = ["latex", "text", "man", "texinfo", "gettext", "xml", "pseudoxml"]

# term id -> the page that holds its card
CARDS = {"alignment": "glossary", "jailbreak": "glossary", "rlhf": "rlhf"}
SUMMARIES = {
    "alignment": "Making an AI system pursue the goals its designers intend.",
    "jailbreak": "A prompt crafted to make a model ignore its safety rules.",
    "rlhf": "Fine tuning a model against a reward learned from human preferences.",
}
RLHF = "Reinforcement Learning from Human Feedback"

# (page, link text, term id) of every :mt: written in the roots' prose; each
# links to a card on another page
PROSE_LINKS = [
    ("index", "alignment", "alignment"),
    ("index", "learning from feedback", "rlhf"),
    ("glossary", "rlhf", "rlhf"),
    ("rlhf", "alignment", "alignment"),
    ("rlhf", "jailbreaks", "jailbreak"),
]


@pytest.fixture(scope="module")
def built(
    tmp_path_factory: pytest.TempPathFactory,
) -> Callable[[str, str], SphinxTestApp]:
    """``built(project, builder)``: that root built once with that builder."""
    apps: dict[tuple[str, str], SphinxTestApp] = {}

    def get(project: str, builder: str) -> SphinxTestApp:
        if (project, builder) not in apps:
            srcdir = tmp_path_factory.mktemp(f"{project}-{builder}") / "src"
            shutil.copytree(ROOTS / f"test-{project}", srcdir)
            app = SphinxTestApp(builder, srcdir=srcdir, freshenv=True)
            try:
                app.build()
            finally:
                # restore docutils' global registries before the next app;
                # the output, status and warnings stay readable
                app.cleanup()
            apps[project, builder] = app
        return apps[project, builder]

    return get


def flat(text: str) -> str:
    """``text`` with every run of whitespace made one space (undo wrapping)."""
    return " ".join(text.split())


def mt_links(page: BeautifulSoup | Tag) -> list[tuple[str, str, str]]:
    """(text, term id, href) of every resolved :mt: link in ``page``."""
    return [
        (a.get_text(), str(a["data-mt-term"]), str(a["href"]))
        for a in page.select("a.mt-ref")
    ]


def prose_links(page: BeautifulSoup | Tag, doc: str) -> set[tuple[str, str, str]]:
    """The links of ``page`` that PROSE_LINKS expects on ``doc``."""
    wanted = {(text, term) for d, text, term in PROSE_LINKS if d == doc}
    return {link for link in mt_links(page) if link[:2] in wanted}


# -- every builder ------------------------------------------------------------


@pytest.mark.parametrize("builder", BUILDERS)
@pytest.mark.parametrize("project", PROJECTS)
def test_builds_without_warnings(
    built: Callable[[str, str], SphinxTestApp], project: str, builder: str
) -> None:
    app = built(project, builder)
    assert warnings_of(app) == []


# -- HTML family --------------------------------------------------------------


@pytest.mark.parametrize("project", PROJECTS)
def test_html(built: Callable[[str, str], SphinxTestApp], project: str) -> None:
    app = built(project, "html")
    for term, doc in CARDS.items():
        card = soup(app, f"{doc}.html").select_one(f"div.mt-card#mt-{term}")
        assert card is not None, term
        assert card.select_one("p.mt-summary").get_text() == SUMMARIES[term]
    card = soup(app, "glossary.html").select_one("#mt-alignment")
    assert card.select_one("table.mt-fields th").get_text(strip=True) == (
        "Needs a reward model"
    )
    assert [t.get_text() for t in card.select(".mt-section-title")] == [
        "Explanation",
        "Examples",
        "Frequently asked",
        "Related terms",
        "Sources",
        "Referenced from",
    ]
    for doc in ["index", "glossary", "rlhf"]:
        page = soup(app, f"{doc}.html")
        assert page.select(".mt-missing") == [], doc
        expected = {
            (text, term, f"{CARDS[term]}.html#mt-{term}")
            for d, text, term in PROSE_LINKS
            if d == doc
        }
        assert prose_links(page, doc) == expected


@pytest.mark.parametrize("project", PROJECTS)
def test_dirhtml_links_point_to_directories(
    built: Callable[[str, str], SphinxTestApp], project: str
) -> None:
    app = built(project, "dirhtml")
    for term, doc in CARDS.items():
        assert soup(app, f"{doc}/index.html").select_one(f".mt-card#mt-{term}")
    assert prose_links(soup(app, "index.html"), "index") == {
        ("alignment", "alignment", "glossary/#mt-alignment"),
        ("learning from feedback", "rlhf", "rlhf/#mt-rlhf"),
    }
    assert prose_links(soup(app, "rlhf/index.html"), "rlhf") == {
        ("alignment", "alignment", "../glossary/#mt-alignment"),
        ("jailbreaks", "jailbreak", "../glossary/#mt-jailbreak"),
    }
    assert prose_links(soup(app, "glossary/index.html"), "glossary") == {
        ("rlhf", "rlhf", "../rlhf/#mt-rlhf"),
    }


@pytest.mark.parametrize("project", PROJECTS)
def test_singlehtml_links_stay_on_the_page(
    built: Callable[[str, str], SphinxTestApp], project: str
) -> None:
    app = built(project, "singlehtml")
    page = soup(app, "index.html")
    for term in CARDS:
        assert page.select_one(f".mt-card#mt-{term}"), term
    links = mt_links(page)
    assert len(links) >= len(PROSE_LINKS)
    # Sphinx 8.2+ emits "#document-<doc>#mt-<id>" (two '#', a dead link;
    # sphinx-doc/sphinx#14221); the extension's links must still work
    bad = sorted({href for _, term, href in links if href != f"#mt-{term}"})
    assert bad == [], (
        f"singlehtml :mt: links are not same-page #mt-<id> (Sphinx 9 no "
        f"longer calls fix_refuris, sphinx-doc/sphinx#14221): {bad}"
    )


@pytest.mark.parametrize("project", PROJECTS)
def test_epub(built: Callable[[str, str], SphinxTestApp], project: str) -> None:
    app = built(project, "epub")
    for term, doc in CARDS.items():
        card = soup(app, f"{doc}.xhtml").select_one(f".mt-card#mt-{term}")
        assert card is not None, term
        assert card.select_one(".mt-summary").get_text() == SUMMARIES[term]
    assert prose_links(soup(app, "rlhf.xhtml"), "rlhf") == {
        ("alignment", "alignment", "glossary.xhtml#mt-alignment"),
        ("jailbreaks", "jailbreak", "glossary.xhtml#mt-jailbreak"),
    }
    assert (app.outdir / "Builders.epub").is_file()


def _pages(outdir: Path) -> list[Path]:
    pages = [*outdir.rglob("*.html"), *outdir.rglob("*.xhtml")]
    return [p for p in pages if "_static" not in p.parts and p.name != "nav.xhtml"]


@pytest.mark.parametrize("builder", HTML_LIKE)
@pytest.mark.parametrize("project", PROJECTS)
def test_stylesheet_shipped_and_linked(
    built: Callable[[str, str], SphinxTestApp], project: str, builder: str
) -> None:
    app = built(project, builder)
    css = app.outdir / "_static" / "modelterms.css"
    assert css.is_file()
    pages = _pages(app.outdir)
    assert pages
    for page in pages:
        parsed = BeautifulSoup(page.read_text("utf8"), "html.parser")
        hrefs = [
            str(link["href"]).split("?")[0]
            for link in parsed.select('link[rel="stylesheet"]')
        ]
        targets = [(page.parent / href).resolve() for href in hrefs]
        assert css.resolve() in targets, page.relative_to(app.outdir)


@pytest.mark.parametrize("builder", NO_ASSETS)
@pytest.mark.parametrize("project", PROJECTS)
def test_no_assets_for_other_builders(
    built: Callable[[str, str], SphinxTestApp], project: str, builder: str
) -> None:
    app = built(project, builder)
    assert list(app.outdir.rglob("modelterms.css")) == []
    assert not (app.outdir / "_static").exists()


# -- serializing HTML builders ------------------------------------------------


@pytest.mark.parametrize("project", PROJECTS)
def test_json(built: Callable[[str, str], SphinxTestApp], project: str) -> None:
    app = built(project, "json")
    for doc in ["glossary", "rlhf"]:
        data = json.loads((app.outdir / f"{doc}.fjson").read_text("utf8"))
        assert "mt-card" in data["body"]
        assert "data-mt-term" in data["body"]
        page = BeautifulSoup(data["body"], "html.parser")
        ids = {card["id"] for card in page.select(".mt-card")}
        assert ids == {f"mt-{t}" for t, d in CARDS.items() if d == doc}
        for _, term, href in prose_links(page, doc):
            assert href.endswith(f"{CARDS[term]}/#mt-{term}"), href
    data = json.loads((app.outdir / "rlhf.fjson").read_text("utf8"))
    assert data["title"] == RLHF


@pytest.mark.parametrize("project", PROJECTS)
def test_pickle(built: Callable[[str, str], SphinxTestApp], project: str) -> None:
    app = built(project, "pickle")
    with (app.outdir / "glossary.fpickle").open("rb") as stream:
        data = pickle.load(stream)
    page = BeautifulSoup(data["body"], "html.parser")
    assert {card["id"] for card in page.select(".mt-card")} == {
        "mt-alignment",
        "mt-jailbreak",
    }
    assert ("rlhf", "rlhf", "../rlhf/#mt-rlhf") in mt_links(page)


# -- docutils XML -------------------------------------------------------------


@pytest.mark.parametrize("project", PROJECTS)
def test_xml(built: Callable[[str, str], SphinxTestApp], project: str) -> None:
    app = built(project, "xml")
    for doc in ["glossary", "rlhf"]:
        text = (app.outdir / f"{doc}.xml").read_text("utf8")
        assert "<mt_card" in text
        assert "mt_term=" in text
        tree = ElementTree.fromstring(text.encode("utf8"))
        cards = {c.get("mt_term"): c.get("ids") for c in tree.iter("mt_card")}
        assert cards == {t: f"mt-{t}" for t, d in CARDS.items() if d == doc}
    tree = ElementTree.parse(app.outdir / "rlhf.xml")
    refs = [
        (r.get("mt_term"), r.get("refuri"), "".join(r.itertext()))
        for r in tree.iter("mt_reference")
    ]
    assert ("alignment", "glossary#mt-alignment", "alignment") in refs
    assert ("jailbreak", "glossary#mt-jailbreak", "jailbreaks") in refs


@pytest.mark.parametrize("project", PROJECTS)
def test_pseudoxml(built: Callable[[str, str], SphinxTestApp], project: str) -> None:
    app = built(project, "pseudoxml")
    text = (app.outdir / "glossary.pseudoxml").read_text("utf8")
    assert re.search(r'<mt_card [^>]*ids="mt-alignment"', text)
    assert re.search(r'<mt_card [^>]*ids="mt-jailbreak"', text)
    assert re.search(r'<mt_reference [^>]*mt_term="rlhf" refuri="rlhf#mt-rlhf"', text)


# -- text, LaTeX, man, texinfo, gettext ---------------------------------------


@pytest.mark.parametrize("project", PROJECTS)
def test_text(built: Callable[[str, str], SphinxTestApp], project: str) -> None:
    app = built(project, "text")
    glossary = flat((app.outdir / "glossary.txt").read_text("utf8"))
    for expected in [
        "-[ Alignment ]-",
        "Category: Safety Level: beginner",
        SUMMARIES["alignment"],
        "| Needs a reward model | sometimes |",
        "Alignment is often approached with *rlhf*.",
        "-[ Examples ]- Training a chat model to refuse harmful requests.",
        "-[ Frequently asked ]-",
        f"What is Alignment? {SUMMARIES['alignment']}",
        "What is an example of Alignment?",
        f"How is Alignment related to {RLHF}?",
        "Is alignment solved? No, it is an open research problem.",
        "-[ Related terms ]-",
        f"* *{RLHF}* Category: Training {SUMMARIES['rlhf']}",
        "-[ Sources ]- * Concrete Problems in AI Safety",
        "-[ Jailbreak ]-",
        SUMMARIES["jailbreak"],
    ]:
        assert expected in glossary, expected
    term_page = flat((app.outdir / "rlhf.txt").read_text("utf8"))
    assert term_page.startswith(f"{RLHF} ****")
    assert f"What is {RLHF}?" in term_page
    assert "It is one route to *alignment* and helps against *jailbreaks*." in (
        term_page
    )
    index = flat((app.outdir / "index.txt").read_text("utf8"))
    assert "Start with *alignment*, then read about *learning from feedback*." in (
        index
    )


def _tex(app: SphinxTestApp) -> str:
    (tex,) = app.outdir.glob("*.tex")
    return tex.read_text("utf8")


@pytest.mark.parametrize("project", PROJECTS)
def test_latex(built: Callable[[str, str], SphinxTestApp], project: str) -> None:
    tex = _tex(built(project, "latex"))
    for term, doc in CARDS.items():
        assert rf"\label{{\detokenize{{{doc}:mt-{term}}}}}" in tex, term
    assert tex.count(r"\begin{sphinxuseclass}{mt-card}") == len(CARDS)
    assert SUMMARIES["alignment"] in tex
    # :mt: links across pages
    for _, text, term in PROSE_LINKS:
        link = rf"\hyperref[\detokenize{{{CARDS[term]}:mt-{term}}}]"
        assert re.search(re.escape(link) + r"\{.*\{" + re.escape(text) + r"\}", tex), (
            text
        )
    assert "Frequently asked" in tex
    assert "What is Alignment?" in tex


@pytest.mark.parametrize("project", PROJECTS)
def test_latex_card_labels_are_link_anchors(
    built: Callable[[str, str], SphinxTestApp], project: str
) -> None:
    tex = _tex(built(project, "latex"))
    # A bare \label after running text is not a hyperref anchor: \hyperref
    # then jumps to the previous anchor (the chapter), not to the card.
    # Sphinx itself writes \phantomsection before such labels (targets,
    # glossary terms).
    label = r"\label{\detokenize{glossary:mt-jailbreak}}"
    assert r"\phantomsection" + label in tex, (
        "the second card's LaTeX label has no \\phantomsection, so PDF links "
        "to it land on the previous anchor (the chapter heading)"
    )


@pytest.mark.parametrize("project", PROJECTS)
def test_man(built: Callable[[str, str], SphinxTestApp], project: str) -> None:
    app = built(project, "man")
    (page,) = app.outdir.glob("*.1")
    text = page.read_text("utf8")
    for summary in SUMMARIES.values():
        assert summary in text
    assert ".B What is Alignment?" in text
    assert "Frequently asked" in text
    assert "Related terms" in text


@pytest.mark.parametrize("project", PROJECTS)
def test_texinfo(built: Callable[[str, str], SphinxTestApp], project: str) -> None:
    app = built(project, "texinfo")
    (texi,) = app.outdir.glob("*.texi")
    text = texi.read_text("utf8")
    for summary in SUMMARIES.values():
        assert summary in text
    assert "What is Alignment?" in text
    assert re.search(r"@ref\{\w+,,alignment\}", text)


@pytest.mark.parametrize("project", PROJECTS)
def test_texinfo_cards_are_link_anchors(
    built: Callable[[str, str], SphinxTestApp], project: str
) -> None:
    app = built(project, "texinfo")
    (texi,) = app.outdir.glob("*.texi")
    text = texi.read_text("utf8")
    # Sphinx writes "@anchor{<id>}@w{   }" at the very end of the manual
    # for link targets no node wrote: links would land on the last page.
    fallback = sorted(
        f"{doc} mt-{term}"
        for term, doc in CARDS.items()
        if f"@anchor{{{doc} mt-{term}}}@w{{" in text
    )
    assert fallback == [], (
        f"texinfo: cards write no anchor; links to them point at the end of "
        f"the manual: {fallback}"
    )


@pytest.mark.parametrize("project", PROJECTS)
def test_gettext(built: Callable[[str, str], SphinxTestApp], project: str) -> None:
    app = built(project, "gettext")
    for term, doc in CARDS.items():
        pot = (app.outdir / f"{doc}.pot").read_text("utf8")
        assert f'msgid "{SUMMARIES[term]}"' in pot, term
    pot = (app.outdir / "glossary.pot").read_text("utf8")
    assert 'msgid "Training a chat model to refuse harmful requests."' in pot
    assert 'msgid "No, it is an open research problem."' in pot


@pytest.mark.parametrize("project", PROJECTS)
def test_gettext_extracts_faq_questions(
    built: Callable[[str, str], SphinxTestApp], project: str
) -> None:
    app = built(project, "gettext")
    pot = (app.outdir / "glossary.pot").read_text("utf8")
    # the answer is extracted; the author's question must be too, or a
    # translated build shows it untranslated
    assert 'msgid "Is alignment solved?"' in pot, (
        "term-faq question is missing from the gettext catalog (its term "
        "node has no source/line, so Sphinx skips it)"
    )
