"""The showcase builds cleanly and keeps the promises of the foundation."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .conftest import EXAMPLE_DOCS, soup, warnings_of

if TYPE_CHECKING:
    import pytest
    from sphinx.testing.util import SphinxTestApp

    from sphinx_modelterms.model import Term


def test_builds_without_a_warning(showcase: SphinxTestApp) -> None:
    assert warnings_of(showcase) == []
    assert showcase.statuscode == 0


def test_glossary_size_and_spread(showcase: SphinxTestApp) -> None:
    domain = showcase.env.get_domain("mt")
    glossary = [
        t for t in domain.terms() if t.docname.startswith(("glossary/", "terms/"))
    ]
    assert len(glossary) >= 12
    assert len({t.category for t in glossary}) >= 4
    assert {t.level for t in glossary} == {"beginner", "intermediate", "advanced"}
    suffixes = {showcase.env.doc2path(t.docname).suffix for t in glossary}
    assert suffixes == {".rst", ".md"}
    for term in glossary:
        assert term.summary, term.id
        assert term.category and term.level, term.id
        assert term.example, term.id
        assert len(term.related) >= 2, term.id
        assert term.sources and all(s.url.startswith("https://") for s in term.sources)


def _missing_content(showcase: SphinxTestApp, term: Term) -> list[str]:
    """What a glossary term's card lacks, as readable phrases."""
    relations = showcase.env.get_domain("mt").relations
    missing = []
    if not term.summary_text.strip():
        missing.append("a short definition")
    card = soup(showcase, f"{term.docname}.html").select_one(f"#{term.anchor}")
    explanation = card.select_one(".mt-explanation") if card else None
    if explanation is None or not explanation.get_text(strip=True):
        missing.append("an explanation")
    if not any(example.strip() for example in term.examples):
        missing.append("an example")
    related = set(relations.resolve_all(term.related)) - {term.id}
    if len(related) < 2:
        missing.append(f"two related terms (has {len(related)})")
    if not any(s.url.startswith(("https://", "http://")) for s in term.sources):
        missing.append("a source with an http(s) URL")
    return missing


def test_glossary_is_a_complete_showcase(showcase: SphinxTestApp) -> None:
    """The numbers the showcase promises, and a full card for every term."""
    domain = showcase.env.get_domain("mt")
    glossary = [
        t for t in domain.terms() if t.docname.startswith(("glossary/", "terms/"))
    ]
    assert len(glossary) >= 80, f"only {len(glossary)} glossary terms"
    categories = sorted({t.category for t in glossary})
    assert len(categories) >= 8, f"only {len(categories)} categories: {categories}"
    levels = {t.level for t in glossary}
    assert levels == {"beginner", "intermediate", "advanced"}, sorted(levels)
    named = [c for c in domain.comparisons() if c.title]
    assert len(named) >= 12, f"only {len(named)} named comparisons"
    problems = {t.id: _missing_content(showcase, t) for t in glossary}
    incomplete = [f"{i} lacks {', '.join(m)}" for i, m in problems.items() if m]
    assert not incomplete, "incomplete glossary terms: " + "; ".join(incomplete)


def test_alignment_page_has_every_section(showcase: SphinxTestApp) -> None:
    page = soup(showcase, "glossary/alignment.html")
    assert page.select_one("h1").get_text(strip=True).rstrip("¶") == "Alignment"
    card = page.select_one(".mt-card#mt-alignment")
    assert card.select_one(".mt-category") and card.select_one(".mt-level")
    assert card.select_one(".mt-summary").get_text().startswith("Alignment is")
    assert card.select_one(".mt-explanation")
    assert len(card.select(".mt-example")) >= 2
    questions = [dt.get_text() for dt in card.select(".mt-faq-list > dt")]
    assert "What is Alignment?" in questions
    assert len(questions) >= 5
    related = card.select(".mt-related-card")
    assert len(related) >= 3
    for item in related:
        assert item.select_one(".mt-category")
        assert item.select_one(".mt-related-summary").get_text()
    assert len(card.select(".mt-sources a[href^='https://']")) >= 2


def test_no_reference_is_left_unresolved(showcase: SphinxTestApp) -> None:
    for page in sorted(showcase.outdir.rglob("*.html")):
        if "mt-missing" not in page.read_text("utf8"):
            continue  # (parsing only the pages that name the class is faster)
        name = str(page.relative_to(showcase.outdir))
        assert soup(showcase, name).select(".mt-missing") == [], name


def test_readme_build_command_is_the_documented_one() -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text("utf8")
    build = 'python -m pip install ".[docs]" && python -m sphinx -W --keep-going'
    assert f"{build} -b html example_docs" in readme
    assert 'python -m pip install -e ".[test]" && python -m pytest' in readme
    ci = (Path(__file__).parent.parent / ".ci" / "run").read_text("utf8")
    assert 'python -m pip install -e ".[test]" && python -m pytest' in ci
    assert build in ci


def test_theme_falls_back_to_alabaster_without_furo(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``pip install .`` without the docs extra still builds the site."""
    conf_py = EXAMPLE_DOCS / "conf.py"
    monkeypatch.setitem(sys.modules, "furo", None)  # as if not installed
    conf: dict[str, object] = {"__file__": str(conf_py)}
    exec(conf_py.read_text("utf8"), conf)
    assert conf["html_theme"] == "alabaster"
    assert "alabaster" in conf["THEME_OPTIONS"]  # type: ignore[operator]


def plain(text: str) -> str:
    """Text as written in the source: one space, straight quotes."""
    curly = {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'}
    text = text.translate(str.maketrans(curly)).replace("\u2026", "...")
    return " ".join(text.split())


def test_guide_lists_every_option(showcase: SphinxTestApp) -> None:
    """An entry each, with the registry's type, default and rebuild scope
    beside the guide's explanation, and a summary row with the one-line help."""
    from sphinx_modelterms.config import OPTIONS

    page = soup(showcase, "guide/configuration.html")
    for option in OPTIONS:
        entry = page.select_one(f"dt[id='confval-{option.confname}']")
        assert entry is not None, option.confname
        assert entry.get_text(strip=True).rstrip("¶") == option.confname
        text = plain(entry.find_next_sibling("dd").get_text())
        assert "When changed" in text and "Default" in text, option.confname
        assert len(text) > len(option.help), option.confname  # explained
        summary = page.select_one(f"td a[href='#confval-{option.confname}']")
        assert summary is not None, option.confname
        # code in the help is a separate element: compare without spaces
        row = "".join(plain(summary.find_parent("tr").get_text()).split())
        assert "".join(plain(option.help).split()) in row, option.confname
    assert len(page.select("dl.std.confval")) == len(OPTIONS)


def test_guide_lists_every_warning(showcase: SphinxTestApp) -> None:
    """Generated from WarningSubtype: a row each, linked to its example."""
    from sphinx_modelterms.diagnostics import WarningSubtype

    page = soup(showcase, "guide/warnings.html")
    rows = {
        row.select_one("td").get_text(strip=True): row
        for row in page.select("table tbody tr")
    }
    for subtype in WarningSubtype:
        name = f"modelterms.{subtype.value}"
        assert name in rows, name
        meaning = plain(rows[name].select("td")[1].get_text())
        assert meaning == subtype.description, name
        link = rows[name].select_one("a")
        if link is not None:  # to its section of examples, where there is one
            assert page.select_one(link["href"]) is not None, name


def test_guide_documents_every_card_option() -> None:
    guide = EXAMPLE_DOCS / "guide"
    card = (guide / "term-card.rst").read_text("utf8")
    for name in ("id", "aliases", "category", "level", "related", "sources", "class"):
        assert f":{name}:" in card, name
    for directive in ("term-example", "term-faq"):
        assert f".. {directive}::" in card, directive


def test_parallel_build_is_byte_identical(
    showcase: SphinxTestApp, tmp_path_factory: pytest.TempPathFactory
) -> None:
    from sphinx.testing.util import SphinxTestApp

    builddir = tmp_path_factory.mktemp("showcase-j2")
    overrides = {"html_theme": showcase.config.html_theme, "nitpicky": True}
    app = SphinxTestApp(
        "html",
        srcdir=showcase.srcdir,
        builddir=builddir,
        freshenv=True,
        confoverrides=overrides,
        parallel=2,
    )
    app.build()
    app.cleanup()
    assert warnings_of(app) == []
    serial = sorted(
        p.relative_to(showcase.outdir)
        for p in showcase.outdir.rglob("*")
        if p.suffix in {".html", ".json", ".ttl", ".svg"}
    )
    assert len(serial) > 100
    for path in serial:
        assert (showcase.outdir / path).read_bytes() == (
            app.outdir / path
        ).read_bytes(), path
