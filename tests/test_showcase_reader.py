"""What a reader of the showcase gets: one glossary, whatever a term was
written in; the guide's demonstration cards kept out of it; titles in title
case; pages that load nothing from the network; a clean glossary check."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

import pytest

from .conftest import EXAMPLE_DOCS, copy_showcase, soup, warnings_of

if TYPE_CHECKING:
    from sphinx.testing.util import SphinxTestApp

    from sphinx_modelterms.model import Term

GLOSSARY = ("glossary/", "terms/")  # the AI glossary: written as cards or as data


def glossary_terms(app: SphinxTestApp) -> list[Term]:
    domain = app.env.get_domain("mt")
    return [t for t in domain.terms() if t.docname.startswith(GLOSSARY)]


def demo_terms(app: SphinxTestApp) -> list[Term]:
    domain = app.env.get_domain("mt")
    return [t for t in domain.terms() if t.docname.startswith("guide/")]


def listed(app: SphinxTestApp, page: str) -> list[str]:
    """The ids a generated index on ``page`` lists, in order."""
    entries = soup(app, page).select(".mt-index-head > a.mt-ref")
    return [str(a["data-mt-term"]) for a in entries]


def test_data_terms_are_listed_with_the_others(showcase: SphinxTestApp) -> None:
    """The glossary, the A-Z and the category pages list the terms of the
    term files beside the cards; no second index or category page."""
    data = {t.id for t in glossary_terms(showcase) if t.docname.startswith("terms/")}
    assert data >= {"beam-search", "in-context-learning", "quantization"}
    every = {t.id for t in glossary_terms(showcase)}
    for page in ("glossary/index.html", "reference/a-z.html"):
        ids = listed(showcase, page)
        assert sorted(ids) == sorted(every), page
    inference = listed(showcase, "reference/categories/inference.html")
    assert {"beam-search", "quantization", "temperature"} <= set(inference)
    for gone in ("terms/index", "terms/category-inference", "reference/by-category"):
        assert not (showcase.outdir / f"{gone}.html").exists(), gone


def test_navigation_lists_every_term_page_by_title(showcase: SphinxTestApp) -> None:
    """Under "Glossary": the category pages, then every term page in the order
    of its title, wherever the term was written; nothing else lists them."""
    includes = showcase.env.toctree_includes
    children = includes["glossary/index"]
    categories = [d for d in children if d.startswith("reference/categories/")]
    assert len(categories) == 8
    titles = {t.docname: t.title for t in glossary_terms(showcase)}
    pages = [d for d in children if d in titles]
    assert set(pages) == set(titles)
    assert pages == sorted(pages, key=lambda d: titles[d].casefold())
    assert set(children) == set(categories) | set(pages)
    for parent, docs in includes.items():
        if parent != "glossary/index":
            assert not set(docs) & set(titles), parent
    root = includes["index"]
    assert "glossary/index" in root
    assert not any(d.startswith("terms/") or "by-category" in d for d in root)


def test_demo_terms_are_a_set_of_their_own(showcase: SphinxTestApp) -> None:
    """The guide's cards relate only to each other, and no glossary, listing
    or browsing page shows one: not as an entry, a related card or JSON-LD."""
    graph = showcase.env.get_domain("mt").relations
    demos = {t.id for t in demo_terms(showcase)}
    assert len(demos) >= 12
    for term in demo_terms(showcase):
        assert set(graph.resolve_all(term.related)) <= demos, term.id
    for term in glossary_terms(showcase):
        assert not set(graph.resolve_all(term.related)) & demos, term.id
    pages = [
        p.relative_to(showcase.outdir).as_posix()
        for folder in ("glossary", "terms", "reference")
        for p in sorted((showcase.outdir / folder).rglob("*.html"))
    ]
    assert len(pages) > 90
    for page in pages:
        html = soup(showcase, page)
        shown = {e["data-mt-term"] for e in html.select("[data-mt-term]")}
        assert not shown & demos, (page, shown & demos)
        for script in html.select("script[type='application/ld+json']"):
            assert "#mt-demo-" not in script.get_text(), page


# words a title leaves in lower case, except as its first word
SMALL_WORDS = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "of"}
SMALL_WORDS |= {"on", "or", "the", "to", "vs", "with"}


def title_case_problems(title: str) -> list[str]:
    """The words of ``title`` that title case would capitalize."""
    words = [w for w in re.split(r"[\s\-]+", title) if w]
    return [
        word
        for n, word in enumerate(words)
        if not (word[0].isupper() or word[0].isdigit())
        and not (n and word in SMALL_WORDS)
        and not (n and len(word) == 1)  # a variable, as in Top-k or Best-of-n
    ]


def test_title_case_rule() -> None:
    assert title_case_problems("Retrieval-Augmented Generation") == []
    assert title_case_problems("LLM-as-a-Judge") == []
    assert title_case_problems("Top-k Sampling") == []
    assert title_case_problems("Data filtering") == ["filtering"]
    assert title_case_problems("In-context Learning") == ["context"]
    assert title_case_problems("pass@k") == ["pass@k"]


def test_every_title_is_in_title_case(showcase: SphinxTestApp) -> None:
    terms = glossary_terms(showcase) + demo_terms(showcase)
    wrong = {t.title: title_case_problems(t.title) for t in terms}
    assert {title: words for title, words in wrong.items() if words} == {}


def test_alignment_terms_as_on_the_reference_site(showcase: SphinxTestApp) -> None:
    """The reference glossary files both under Safety & Alignment, Alignment
    as intermediate and Constitutional AI as advanced."""
    terms = {t.id: t for t in glossary_terms(showcase)}
    for term_id, level in (
        ("alignment", "intermediate"),
        ("constitutional-ai", "advanced"),
    ):
        term = terms[term_id]
        assert (term.category, term.level) == ("Safety & Alignment", level)
    safety = listed(showcase, "reference/categories/safety-alignment.html")
    assert {"alignment", "constitutional-ai"} <= set(safety)


# attributes through which a page asks for another file
FETCHING = {
    "script": "src",
    "link": "href",
    "img": "src",
    "iframe": "src",
    "object": "data",
    "source": "src",
    "embed": "src",
}


def test_pages_ask_for_nothing_on_the_network(showcase: SphinxTestApp) -> None:
    """Every file a page loads is in the output; formulas are MathML, which
    the browser lays out itself, with no script."""
    pages = sorted(showcase.outdir.rglob("*.html"))
    assert len(pages) > 120
    for path in pages:
        page = path.relative_to(showcase.outdir).as_posix()
        html = soup(showcase, page)
        for tag, attribute in FETCHING.items():
            for element in html.select(f"{tag}[{attribute}]"):
                if tag == "link" and "stylesheet" not in str(element.get("rel")):
                    continue  # a link to another page, not a file it loads
                address = str(element[attribute])
                assert not re.match(r"[a-z]+:|//", address), (page, address)
        # no MathJax configuration or loader (the guide may name it in prose)
        scripts = " ".join(str(s) for s in html.select("script")).lower()
        assert "mathjax" not in scripts, page
    for name in ("bm25", "cosine-similarity", "elo-rating", "logits", "pass-at-k"):
        formulas = soup(showcase, f"glossary/{name}.html").select("div.math")
        assert formulas, name
        for formula in formulas:
            math = formula.select("math[display=block]")
            assert len(math) == 1 and math[0].select("mfrac"), name
            assert "\\" not in formula.get_text(), name


def test_graphviz_is_a_stated_requirement_and_its_warning_shown() -> None:
    """The maps need dot: the README and the install page say so and what
    happens without it, and the showcase does not hide that warning."""
    readme = (EXAMPLE_DOCS.parent / "README.md").read_text("utf8")
    install = (EXAMPLE_DOCS / "guide" / "install.rst").read_text("utf8")
    for text in (readme, install):
        flat = " ".join(text.split())
        assert "Graphviz" in flat and "dot" in flat
        assert "lists of relations" in flat or "list of its relations" in flat
        assert "modelterms.graph" in flat
    conf: dict[str, Any] = {"__file__": str(EXAMPLE_DOCS / "conf.py")}
    exec((EXAMPLE_DOCS / "conf.py").read_text("utf8"), conf)
    assert "modelterms.graph" not in conf.get("suppress_warnings", [])


@pytest.fixture(scope="module")
def termcheck(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The showcase's glossary report, from one ``termcheck`` build."""
    from sphinx.testing.util import SphinxTestApp

    srcdir = tmp_path_factory.mktemp("showcase-termcheck") / "src"
    copy_showcase(srcdir)
    app = SphinxTestApp("termcheck", srcdir=srcdir, freshenv=True)
    app.build()
    app.cleanup()
    assert warnings_of(app) == []
    report: dict[str, Any] = json.loads(
        (app.outdir / "termcheck.json").read_text("utf8")
    )
    return report


def test_glossary_check_is_clean(termcheck: dict[str, Any]) -> None:
    """No AI-glossary term that no other page links, no card without an
    example; and nothing else in the report either."""
    for check in ("unreferenced", "missing-example"):
        found = [f for f in termcheck[check] if f["docname"].startswith(GLOSSARY)]
        assert found == [], check
    assert {check: found for check, found in termcheck.items() if found} == {}
