"""Every link the extension writes works, in html, dirhtml and singlehtml.

Each (project, builder) pair is built once for the module, the showcase
included (its html build is the session's); :mod:`.linkfollower` then
follows every link of the extension's in the output.
"""

from __future__ import annotations

import json
import shutil
from typing import TYPE_CHECKING, cast

import pytest
from sphinx.testing.util import SphinxTestApp

from .conftest import EXAMPLE_DOCS, ROOTS, soup, warnings_of
from .linkfollower import broken_links, follow

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

BUILDERS = ["html", "dirhtml", "singlehtml"]
PROJECTS = [
    "builders",
    "builders-myst",
    "graphs",
    "fragments",
    "listings",
    "links",
    "links-myst",
    "doctitles",
    "doctitles-myst",
]


@pytest.fixture(scope="module")
def built(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Callable[[str, str], SphinxTestApp]:
    """``built(project, builder)``: a test root (or ``"example_docs"``)
    built once with that builder (the showcase's html build is the
    session's)."""
    apps: dict[tuple[str, str], SphinxTestApp] = {}

    def get(project: str, builder: str) -> SphinxTestApp:
        if (project, builder) == ("example_docs", "html"):
            return cast("SphinxTestApp", request.getfixturevalue("showcase"))
        if (project, builder) not in apps:
            source = (
                EXAMPLE_DOCS if project == "example_docs" else ROOTS / f"test-{project}"
            )
            srcdir = tmp_path_factory.mktemp(f"{project}-{builder}") / "src"
            shutil.copytree(source, srcdir, ignore=shutil.ignore_patterns("_build"))
            app = SphinxTestApp(builder, srcdir=srcdir, freshenv=True)
            try:
                app.build()
            finally:
                app.cleanup()
            apps[project, builder] = app
        return apps[project, builder]

    return get


@pytest.mark.parametrize("builder", BUILDERS)
@pytest.mark.parametrize("project", [*PROJECTS, "example_docs"])
def test_every_link_leads_somewhere(
    built: Callable[[str, str], SphinxTestApp], project: str, builder: str
) -> None:
    app = built(project, builder)
    followed, broken = follow(app.outdir)
    kinds = {what for _, what, _ in followed}
    assert {"link", "JSON-LD", "JSON url", "SKOS"} <= kinds, kinds
    if project in {"graphs", "links", "links-myst", "example_docs"}:
        assert "graph box" in kinds
    assert broken == []


# -- the follower itself ------------------------------------------------------


def _site(tmp_path: Path, card_link: str) -> Path:
    (tmp_path / "sub").mkdir()
    (tmp_path / "index.html").write_text(
        '<div class="mt-card" id="mt-a">'
        f'<a class="mt-ref" data-mt-term="b" href="{card_link}">b</a></div>'
    )
    (tmp_path / "sub" / "index.html").write_text(
        '<div id="mt-b"></div><p id="twice"></p><p id="twice"></p>'
    )
    return tmp_path


@pytest.mark.parametrize(
    ("href", "problem"),
    [
        ("sub/#mt-b", None),
        ("sub/index.html#mt-b", None),
        ("sub#mt-b", "names the folder 'sub' without a trailing slash"),
        ("sub/#mt-c", "no elements #mt-c in 'sub/index.html'"),
        ("sub/#twice", "2 elements #twice in 'sub/index.html'"),
        ("other/#mt-b", "no file 'other/index.html'"),
        ("#document-sub#mt-b", "has two '#'"),
    ],
)
def test_the_follower_finds_broken_links(
    tmp_path: Path, href: str, problem: str | None
) -> None:
    found = broken_links(_site(tmp_path, href))
    assert found == (
        [] if problem is None else [f"index.html: link {href!r} {problem}"]
    )


# -- relative targets in short definitions --------------------------------------

# page that shows Alpha's short definition -> (its link to the glossary's
# intro, the start of its link to a download)
SHOWN_ON = {
    "index": ("glossary/intro.html", "_downloads/"),
    "glossary/a": ("intro.html", "../_downloads/"),
    "other/b": ("../glossary/intro.html", "../_downloads/"),
}


@pytest.mark.parametrize("project", ["links", "links-myst"])
def test_relative_targets_resolve_where_they_were_written(
    built: Callable[[str, str], SphinxTestApp], project: str
) -> None:
    """Alpha's short definition, written in glossary/a, names the glossary's
    intro and files beside it: its links and picture lead there wherever the
    definition shows (the card itself, the term table on the root page, Beta's related
    card and answer), not to the root's intro."""
    app = built(project, "html")
    assert warnings_of(app) == []
    for page, (intro, downloads) in SHOWN_ON.items():
        places = soup(app, f"{page}.html").select(
            ".mt-summary, .mt-table td, .mt-comparison td, .mt-index-summary,"
            " .mt-related-summary, .mt-faq-list dd"
        )
        shown = [p for p in places if "first letter" in p.get_text()]
        # the root: table, index, comparison; Beta's page: related card,
        # answer, index; Alpha's: card and answer
        assert len(shown) == {"index": 3, "other/b": 3}.get(page, 2), page
        for place in shown:
            hrefs = [str(a["href"]) for a in place.select("a[href]")]
            pages = {h.split("#")[0] for h in hrefs if "intro" in h}
            assert pages == {intro}, (page, hrefs)
            assert [h for h in hrefs if "intro.html#" in h] == [
                f"{intro}#reading-a-card"
            ]
            files = [h for h in hrefs if h.endswith("/data.txt")]
            assert len(files) == 1, (page, hrefs)
            assert files[0].startswith(downloads), (page, hrefs)
            if project == "links-myst":  # an inline picture (reST has none)
                pictures = [str(img["src"]) for img in place.select("img")]
                images = downloads.replace("_downloads", "_images")
                assert pictures == [f"{images}mark.svg"], (page, pictures)


@pytest.mark.parametrize("project", ["links", "links-myst"])
def test_singlehtml_jsonld_describes_every_card_on_the_page(
    built: Callable[[str, str], SphinxTestApp], project: str
) -> None:
    """The one page of singlehtml holds every page's cards: its JSON-LD
    names them all, each at its anchor there."""
    page = soup(built(project, "singlehtml"), "index.html")
    found = {}
    for script in page.select('script[type="application/ld+json"]'):
        for block in json.loads(script.get_text())["@graph"]:
            if block["@type"] == "DefinedTerm":
                found[block["termCode"]] = block["url"]
    assert found == {"alpha": "#mt-alpha", "beta": "#mt-beta"}


@pytest.mark.sphinx(
    "dirhtml",
    testroot="links",
    confoverrides={"html_baseurl": "https://example.org/d/"},
)
def test_skos_addresses_with_a_base_url(app: SphinxTestApp) -> None:
    """With ``html_baseurl``, dirhtml's addresses are absolute and plain: the
    root page is the base itself, not ``base/./``."""
    app.build()
    text = (app.outdir / "modelterms.ttl").read_text("utf-8")
    assert "<https://example.org/d/#mt-terms> a skos:ConceptScheme ;" in text
    assert "<https://example.org/d/glossary/a/#mt-alpha> a skos:Concept ;" in text
    assert "./" not in text
