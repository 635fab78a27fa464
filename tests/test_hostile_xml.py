"""Input that used to stop the build or reach readers unchecked: characters
XML forbids (U+FFFF, U+FFFE, lone surrogates, control characters), short
definitions longer than Graphviz takes, and URLs that run code, from reST,
MyST, term files and imported term sets.

Each becomes a ``modelterms.*`` warning at the file and line that holds it,
and every output that is XML (the graphs' SVG, the xml builder, EPUB's
XHTML) still parses.  The project is written here, not kept as a root: the
characters at issue cannot be seen in a file.
"""

from __future__ import annotations

import json
import re
import shutil
from typing import TYPE_CHECKING

import pytest
from defusedxml import ElementTree
from sphinx.testing.util import SphinxTestApp

from sphinx_modelterms.diagnostics import WarningSubtype

from .conftest import ROOTS, soup, warnings_of

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
FFFF, FFFE, FFFD = "\uffff", "\ufffe", "\ufffd"
LONG_SUMMARY = "Long " + "word " * 4000  # over 16 KB: more than dot takes
CARDS_RST = f"""\
Cards
=====

.. term-card:: Odd
   :related: long, data-term
   :category: Weird
   :homepage: javascript:alert(5)

   Odd {FFFF} definition, with a `bad link <javascript:alert(1)>`_.

   .. term-example::

      An example.

.. term-card:: Title{FFFE}Odd
   :id: title-odd
   :related: odd

   A clean definition, a `data link <data:text/html,x>`_.

.. term-card:: Long
   :related: odd

   {LONG_SUMMARY}

.. term-graph:: All{FFFF} terms
"""
CARDS_MD = f"""\
# Cards in MyST

```{{term-card}} Odd in MyST
:id: odd-md
:related: odd

Odd {FFFF} in MyST, with a [bad link](javascript:alert(2)).
```

```{{term-card}} Long in MyST
:related: odd-md

{LONG_SUMMARY}
```

```{{term-graph}}
:around: odd-md
```
"""
TERM_FILE = {
    "terms": [
        {
            "title": "Data \ud800 term",
            "id": "data-term",
            "summary": f"Data {FFFF} summary, a `bad link <javascript:alert(3)>`_.",
            "related": ["odd"],
            "homepage": "data:text/html,<script>alert(6)</script>",
            "sources": [{"title": "Bad source", "url": "javascript:alert(4)"}],
        }
    ]
}
TERM_SET = {
    "format": "sphinx-modelterms/1",
    "terms": [
        {"id": "xss", "title": "XSS", "url": "javascript:alert(document.domain)"},
        {"id": "dat", "title": "Dat", "url": "data:text/html,<script>x</script>"},
        {"id": "ok", "title": f"Fine{FFFF}", "url": "page.html#mt-ok"},
    ],
}
LINKS = """\
Links
=====

Imported: :mt:`other:xss`, :mt:`other:dat`, :mt:`other:ok`.

Local: :mt:`odd`, :mt:`title-odd`, :mt:`data-term`, :mt:`odd-md`.
"""
CONF = """\
project, version, copyright = "Hostile", "1", "nobody"  # (EPUB asks for them)
extensions = ["myst_parser", "sphinx_modelterms"]
modelterms_card_graph = True
modelterms_fields = {"homepage": "Homepage"}
modelterms_term_files = ["data/*.json"]
modelterms_external = {"other": ("", "ext/modelterms.json")}
"""
INDEX = """\
Index
=====

.. toctree::

   cards
   cards-md
   links
   terms/index
"""


def write_project(srcdir: Path) -> None:
    srcdir.mkdir(parents=True)
    (srcdir / "conf.py").write_text(CONF, "utf8")
    (srcdir / "index.rst").write_text(INDEX, "utf8")
    (srcdir / "cards.rst").write_text(CARDS_RST, "utf8")
    (srcdir / "cards-md.md").write_text(CARDS_MD, "utf8")
    (srcdir / "links.rst").write_text(LINKS, "utf8")
    (srcdir / "data").mkdir()
    # ASCII escapes: JSON spells a lone surrogate that UTF-8 cannot
    (srcdir / "data" / "terms.json").write_text(json.dumps(TERM_FILE, indent=1))
    (srcdir / "ext").mkdir()
    (srcdir / "ext" / "modelterms.json").write_text(json.dumps(TERM_SET, indent=1))


@pytest.fixture(scope="module")
def built(
    tmp_path_factory: pytest.TempPathFactory,
) -> Callable[[str], SphinxTestApp]:
    """``built(builder)``: the project built once with that builder."""
    apps: dict[str, SphinxTestApp] = {}

    def get(builder: str) -> SphinxTestApp:
        if builder not in apps:
            srcdir = tmp_path_factory.mktemp(builder) / "src"
            write_project(srcdir)
            app = SphinxTestApp(builder, srcdir=srcdir, freshenv=True)
            try:
                app.build()
            finally:
                app.cleanup()
            apps[builder] = app
        return apps[builder]

    return get


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), 1) if needle in line)


def term_file_line(needle: str) -> int:
    return line_of(json.dumps(TERM_FILE, indent=1), needle)


def test_warnings_name_file_and_line(built: Callable[[str], SphinxTestApp]) -> None:
    app = built("html")
    xml = "which XML forbids; it is replaced"
    unsafe = "is refused (unsafe scheme)"
    conf_line = line_of(CONF, "modelterms_external")
    assert sorted(warnings_of(app)) == sorted(
        [
            f"cards.rst:{line_of(CARDS_RST, 'Odd ' + FFFF)}: WARNING: term-card "
            f"'Odd' holds the character U+FFFF, {xml} [modelterms.invalid]",
            f"cards.rst:{line_of(CARDS_RST, 'bad link')}: WARNING: term-card 'Odd': "
            f"link URL 'javascript:alert(1)' {unsafe}; its text is kept "
            "[modelterms.invalid]",
            f"cards.rst:{line_of(CARDS_RST, 'Title' + FFFE)}: WARNING: term-card "
            f"'Title{FFFD}Odd' holds the character U+FFFE, {xml} "
            "[modelterms.invalid]",
            f"cards.rst:{line_of(CARDS_RST, 'data link')}: WARNING: term-card "
            f"'Title{FFFD}Odd': link URL 'data:text/html,x' {unsafe}; its text is "
            "kept [modelterms.invalid]",
            f"cards.rst:{line_of(CARDS_RST, 'term-graph')}: WARNING: term-graph "
            f"holds the character U+FFFF, {xml} [modelterms.invalid]",
            f"cards-md.md:{line_of(CARDS_MD, 'Odd ' + FFFF)}: WARNING: term-card "
            f"'Odd in MyST' holds the character U+FFFF, {xml} [modelterms.invalid]",
            f"data/terms.json:{term_file_line('title')}: WARNING: 'title' of "
            "'Data \ufffd term' holds the lone surrogate U+D800 (half of a UTF-16 "
            f"pair, not a character), {xml} [modelterms.data]",
            f"data/terms.json:{term_file_line('summary')}: WARNING: 'summary' of "
            f"'Data \ufffd term' holds the character U+FFFF, {xml} [modelterms.data]",
            f"data/terms.json:{term_file_line('sources')}: WARNING: source URL "
            "'javascript:alert(4)' of 'Data \ufffd term' is refused (unsafe scheme); "
            "the title is kept [modelterms.data]",
            # on the generated page of the term file's term, moved to the
            # line of the term file the link is on
            f"data/terms.json:{term_file_line('bad link')}: WARNING: "
            "term-card 'Data \ufffd term': link URL "
            f"'javascript:alert(3)' {unsafe}; its text is kept [modelterms.invalid]",
            f"conf.py:{conf_line}: WARNING: term set 'other': the URL "
            "'javascript:alert(document.domain)' of its term 'xss' is refused "
            "(unsafe scheme); the term is left out [modelterms.external]",
            f"conf.py:{conf_line}: WARNING: term set 'other': the URL "
            "'data:text/html,<script>x</script>' of its term 'dat' is refused "
            "(unsafe scheme); the term is left out [modelterms.external]",
            f"links.rst:{line_of(LINKS, 'Imported')}: WARNING: unknown term "
            "'other:xss' [modelterms.unknown]",
            f"links.rst:{line_of(LINKS, 'Imported')}: WARNING: unknown term "
            "'other:dat' [modelterms.unknown]",
        ]
    )


def test_no_link_runs_code(built: Callable[[str], SphinxTestApp]) -> None:
    app = built("html")
    for page in ["cards.html", "cards-md.html", "links.html", "terms/data-term.html"]:
        hrefs = [str(a["href"]) for a in soup(app, page).select("[href]")]
        bad = [h for h in hrefs if re.match(r"\s*(javascript|data|vbscript):", h, re.I)]
        assert bad == [], (page, bad)
    # a field is text, never a link, whatever it holds
    for page, value in [
        ("cards.html", "javascript:alert(5)"),
        ("terms/data-term.html", "data:text/html,<script>alert(6)</script>"),
    ]:
        field = soup(app, page).select(".mt-field-homepage")
        assert value in " ".join(f.get_text() for f in field)
        assert [a for f in field for a in f.select("a")] == []
    # the refused links keep their text; the safe imported term is linked
    card = soup(app, "cards.html").select_one("#mt-odd .mt-summary")
    assert card is not None
    assert "with a bad link." in card.get_text()
    links = soup(app, "links.html")
    assert [a["data-mt-term"] for a in links.select("a.mt-external")] == ["other:ok"]
    assert [m.get_text() for m in links.select(".mt-missing")] == [
        "other:xss",
        "other:dat",
    ]
    data = json.loads((app.outdir / "modelterms.json").read_text("utf8"))
    for term in data["terms"]:
        assert "href" not in term["summary_html"], term["id"]
        assert [s for s in term["summary_spans"] if s[0] == "link"] == []


SVG = "{http://www.w3.org/2000/svg}"


def drawn_svgs(app: SphinxTestApp, page: str) -> list[str]:
    """The markup of each drawing on ``page``, as the page holds it."""
    text = (app.outdir / page).read_text("utf8")
    return re.findall(r'<div class="mt-graph"[^>]*>(<svg\b.*?</svg>)', text, re.DOTALL)


def test_every_graph_is_drawn_and_its_svg_parses(
    built: Callable[[str], SphinxTestApp],
) -> None:
    app = built("html")
    for page, count in [("cards.html", 4), ("cards-md.html", 3)]:
        svgs = drawn_svgs(app, page)
        # the whole-set graph and every card map with a relation
        assert len(svgs) == count, page
        for svg in svgs:
            assert not XML_FORBIDDEN.search(svg)
            root = ElementTree.fromstring(svg)
            titles = [t.text or "" for t in root.iter(f"{SVG}title")]
            # a long short definition is cut short in the hover text
            long_tips = [t for t in titles if t.startswith("Long")]
            assert all(len(t) < 500 for t in long_tips), long_tips
    # the hover text of the odd term keeps its text, the character replaced
    first = drawn_svgs(app, "cards.html")[0]
    assert f"Odd: Odd {FFFD} definition, with a bad link." in first


@pytest.mark.parametrize("builder", ["xml", "epub"])
def test_xml_outputs_parse(built: Callable[[str], SphinxTestApp], builder: str) -> None:
    app = built(builder)
    assert not [w for w in warnings_of(app) if "[modelterms." not in w]
    suffix = ".xml" if builder == "xml" else ".xhtml"
    files = sorted(app.outdir.rglob(f"*{suffix}"))
    assert len(files) >= 5
    for path in files:
        text = path.read_text("utf8")
        assert not XML_FORBIDDEN.search(text), path
        ElementTree.parse(path)


# -- Graphviz fails on a drawing --------------------------------------------------


HUGE_TITLE = "Huge" + "x" * 17000  # a box label Graphviz refuses


def graph_project(srcdir: Path, ext: str, beta: str, summary: str) -> str:
    """Two related terms and a graph of both; returns the page's text."""
    srcdir.mkdir(parents=True)
    (srcdir / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_modelterms"]\n', "utf8"
    )
    if ext == "rst":
        text = (
            "Index\n=====\n\n.. term-card:: Alpha\n   :related: beta\n\n   Alpha.\n\n"
            f".. term-card:: {beta}\n   :id: beta\n\n   {summary}\n\n"
            ".. term-graph:: All terms\n"
        )
    else:
        text = (
            "# Index\n\n```{term-card} Alpha\n:related: beta\n\nAlpha.\n```\n\n"
            f"```{{term-card}} {beta}\n:id: beta\n\n{summary}\n```\n\n"
            "```{term-graph} All terms\n```\n"
        )
    (srcdir / f"index.{ext}").write_text(text, "utf8")
    return text


def build_once(srcdir: Path, builder: str) -> SphinxTestApp:
    app = SphinxTestApp(builder, srcdir=srcdir, freshenv=True)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


@pytest.mark.parametrize("ext", ["rst", "md"])
def test_a_long_short_definition_is_drawn(tmp_path: Path, ext: str) -> None:
    graph_project(tmp_path / "src", ext, "Beta", LONG_SUMMARY)
    app = build_once(tmp_path / "src", "html")
    assert warnings_of(app) == []
    (markup,) = drawn_svgs(app, "index.html")
    svg = ElementTree.fromstring(markup)
    titles = [t.text or "" for t in svg.iter(f"{SVG}title")]
    (tip,) = [t for t in titles if t.startswith("Beta: Long word")]
    assert len(tip) < 500


@pytest.mark.parametrize("ext", ["rst", "md"])
@pytest.mark.parametrize("builder", ["html", "latex"])
def test_a_graph_dot_refuses_is_listed_with_a_warning(
    tmp_path: Path, ext: str, builder: str
) -> None:
    text = graph_project(tmp_path / "src", ext, HUGE_TITLE, "Beta.")
    app = build_once(tmp_path / "src", builder)
    line = line_of(text, "term-graph")
    assert warnings_of(app) == [
        f"index.{ext}:{line}: WARNING: term graph 'All terms' not drawn (Error: "
        "<stdin>: syntax error in line 6 scanning a quoted string (missing "
        "endquote? longer than 16384?)); its relations are listed instead "
        "[modelterms.graph]"
    ]
    if builder == "html":
        page = soup(app, "index.html")
        (listing,) = page.select(".mt-graph-failed ul.mt-graph-list")
        items = [li.get_text() for li in listing.select("li")]
        assert items == [
            f"Alpha: related to {HUGE_TITLE}",
            f"{HUGE_TITLE}: related to Alpha",
        ]
        hrefs = [a["href"] for a in listing.select("a")]
        # links within the page: the anchor alone
        assert hrefs == ["#mt-" + k for k in ("alpha", "beta", "beta", "alpha")]
    else:
        tex = next(app.outdir.glob("*.tex")).read_text("utf8")
        assert "\\begin{sphinxuseclass}{mt-graph-failed}" in tex
        assert f"Alpha: related to {HUGE_TITLE}" in tex


# -- every warning of ours has a subtype ------------------------------------------


SUBTYPES = "|".join(s.value for s in WarningSubtype)
OURS = re.compile(rf"^\S+:\d+: WARNING: .+ \[modelterms\.({SUBTYPES})\]$")


@pytest.mark.parametrize(
    "root",
    ["hostile", "hostile-myst", "hostile-data", "warnings", "warnings-myst"],
)
def test_every_warning_has_a_subtype_file_and_line(tmp_path: Path, root: str) -> None:
    shutil.copytree(ROOTS / f"test-{root}", tmp_path / "src")
    lines = warnings_of(build_once(tmp_path / "src", "html"))
    assert lines
    assert [w for w in lines if not OURS.match(w)] == []


def test_every_warning_of_the_hostile_project_has_a_subtype(
    built: Callable[[str], SphinxTestApp],
) -> None:
    assert [w for w in warnings_of(built("html")) if not OURS.match(w)] == []
