"""Rebuilds: nothing when nothing changed, exactly the affected pages when a
term changes, and the same HTML as a clean build; -j 2 equals -j 1."""

from __future__ import annotations

import gc
import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import pytest
from bs4 import BeautifulSoup

from sphinx_modelterms.savedstate import kept_state, unpack

from .conftest import body, build_serial_and_parallel, soup, warnings_of

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.testing.util import SphinxTestApp

    from sphinx_modelterms.domain import ModelTermsDomain

PAGES = ["a", "b", "c", "d", "e", "index"]
TOC = "index"  # Sphinx itself rewrites the toctree parent of a re-read page


class Project:
    """A copied test root that is built, edited and built again."""

    def __init__(
        self, make_app: Callable[..., SphinxTestApp], srcdir: Path, tmp_path: Path
    ) -> None:
        self.make_app = make_app
        self.srcdir = srcdir
        self.tmp_path = tmp_path
        self.clean_builds = 0

    def build(self, **kwargs: object) -> tuple[SphinxTestApp, list[str]]:
        """Build incrementally; return the app and the docnames written."""
        app = self.make_app("html", srcdir=self.srcdir, **kwargs)
        written: list[str] = []
        app.connect("doctree-resolved", lambda _app, _tree, name: written.append(name))
        app.build()
        app.cleanup()
        domain = cast("ModelTermsDomain", app.env.get_domain("mt"))
        # the term records the build asked for (the checks below ask for all)
        self.records = domain.store.decoded()
        # whether the build decoded the kept state (one that read nothing
        # has no use for it)
        self.decoded = domain.build.saved is not None
        # the back-references kept for the next build (worked out from the
        # pages read again) are those of every page
        relations = domain.relations
        assert {k: json.loads(v) for k, v in kept_state(domain).refs.items()} == {
            term.id: relations.pages(term.id) for term in domain.terms()
        }
        return app, sorted(written)

    def edit(self, name: str, old: str, new: str) -> None:
        path = self.srcdir / name
        text = path.read_text("utf8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new), "utf8")
        stat = path.stat()  # make sure Sphinx sees a newer file
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))

    def page(self, name: str) -> BeautifulSoup:
        """The HTML of the last incremental build."""
        path = self.srcdir / "_build" / "html" / name
        return BeautifulSoup(path.read_text("utf8"), "html.parser")

    def clean_build(self) -> SphinxTestApp:
        """A fresh build of a copy of the current sources (without the build
        output and the pages generated from term files) in another folder."""
        self.clean_builds += 1
        srcdir = self.tmp_path / f"clean{self.clean_builds}"
        shutil.copytree(self.srcdir, srcdir, ignore=_not_sources)
        app = self.make_app("html", srcdir=srcdir, freshenv=True)
        app.build()
        app.cleanup()
        return app


def built_project(
    make_app: Callable[..., SphinxTestApp],
    srcdir: Path,
    tmp_path: Path,
    pages: list[str],
) -> Project:
    """A project after its first, full build (which writes every page)."""
    project = Project(make_app, srcdir, tmp_path)
    _app, written = project.build(freshenv=True)
    assert written == pages
    return project


@pytest.fixture
def project(
    make_app: Callable[..., SphinxTestApp],
    copy_root: Callable[[str], Path],
    tmp_path: Path,
) -> Project:
    return built_project(make_app, copy_root("incremental"), tmp_path, PAGES)


def _not_sources(folder: str, names: list[str]) -> set[str]:
    """What a copy of a project's sources leaves out: its build output, and
    the folder of pages generated from term files (default name)."""
    if not (Path(folder) / "conf.py").is_file():
        return set()  # a folder inside the project
    return {"_build", "terms"} & set(names)


SEARCH_INDEX = "searchindex.js"
#: nor does it write a page again when the title of the page before or
#: after it changes: its links to its neighbours (head, bars and sidebar),
#: and (Sphinx 8) the sidebar's table of contents, which shows the titles
#: of other pages; the extension writes nothing there
NEIGHBOURS = (
    'link[rel="prev"], link[rel="next"], div.related, p.topless, div.sphinxsidebar'
)


def _without_neighbours(html: bytes) -> str:
    page = BeautifulSoup(html, "html.parser")
    for element in page.select(NEIGHBOURS):
        heading = element.find_previous_sibling()
        if element.name == "p" and heading is not None and heading.name == "h4":
            heading.decompose()  # "Previous topic", "Next topic"
        element.decompose()
    return str(page)


def _files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _search_index(data: bytes) -> dict[str, Any]:
    """The search index but what Sphinx itself does not keep as a clean
    build writes it in an incremental build (9.0): it drops the index
    entries of the pages it does not write again, and keeps words that are
    on no page any more, with an empty list."""
    text = data.decode("utf8").removeprefix("Search.setIndex(").removesuffix(")")
    index: dict[str, Any] = json.loads(text)
    del index["indexentries"]
    for part in ("terms", "titleterms"):
        index[part] = {word: on for word, on in index[part].items() if on != []}
    return index


def _docname(name: str) -> str:
    """The page an output file belongs to (its HTML or its source copy)."""
    name = name.removeprefix("_sources/")
    return name.split(".", 1)[0]


def _jsonld(html: bytes) -> list[Any]:
    page = BeautifulSoup(html, "html.parser")
    return [
        json.loads(script.string or "")
        for script in page.select('script[type="application/ld+json"]')
    ]


def assert_same_as_clean(project: Project, app: SphinxTestApp) -> SphinxTestApp:
    """Every file the incremental build left in its output equals what a
    clean build of a copy of the current sources writes: whole HTML pages
    (their JSON-LD compared first, for a readable failure), the term set
    files, and the pages generated from term files."""
    clean = project.clean_build()
    ours, theirs = _files(app.outdir), _files(clean.outdir)
    # Sphinx leaves the output of a removed page where it was
    assert {_docname(name) for name in ours.keys() - theirs.keys()}.isdisjoint(
        clean.env.found_docs
    )
    assert sorted(theirs.keys() - ours.keys()) == []
    assert "modelterms.json" in theirs
    assert "modelterms.ttl" in theirs
    pages = [name for name in theirs if name.endswith(".html")]
    assert pages
    for name in pages:
        assert _jsonld(ours[name]) == _jsonld(theirs[name]), name
    for name in pages:
        assert body(app, name) == body(clean, name), name
    for name, data in theirs.items():
        if name.endswith(".html"):
            assert _without_neighbours(ours[name]) == _without_neighbours(data), name
        elif name == SEARCH_INDEX:
            assert _search_index(ours[name]) == _search_index(data)
        else:
            assert ours[name] == data, name
    generated = project.srcdir / "terms"
    if generated.is_dir():
        assert _files(generated) == _files(clean.srcdir / "terms")
    return clean


def test_unchanged_project_writes_nothing(project: Project) -> None:
    html = project.srcdir / "_build" / "html"
    before = {p: (html / f"{p}.html").stat().st_mtime_ns for p in PAGES}
    app, written = project.build()
    assert written == []
    assert "no targets are out of date" in app.status.getvalue()
    assert not project.decoded
    assert project.records == set()
    after = {p: (app.outdir / f"{p}.html").stat().st_mtime_ns for p in PAGES}
    assert after == before


def test_prose_edit_decodes_only_the_terms_its_page_shows(project: Project) -> None:
    """The saved environment keeps each term's records packed: a rebuild
    that rewrites one page of prose decodes the record of the term that
    page links (for its tooltip), not those of every term."""
    project.edit("c.rst", "Plural fold:", "The plural fold, edited:")
    app, written = project.build()
    assert written == ["c", TOC]
    assert project.records == {"beta"}
    assert soup(app, "c.html").select_one("#mt-tip-beta") is not None
    assert_same_as_clean(project, app)


def test_edited_summary_rewrites_exactly_the_pages_that_show_it(
    project: Project,
) -> None:
    project.edit("b.rst", "Beta is the second letter.", "Beta is letter two, edited.")
    app, written = project.build()
    assert project.decoded  # to compare with
    # b: its own card; a: alpha's related card and question show beta;
    # c: links beta (through the plural fold)
    assert written == ["a", "b", "c", TOC]
    alpha = soup(app, "a.html").select_one("#mt-alpha")
    assert (
        alpha.select_one(".mt-related-summary").get_text()
        == "Beta is letter two, edited."
    )
    assert "Beta is the second letter." not in alpha.get_text()
    # the tooltip on the page that links beta shows the new text too
    tip = soup(app, "c.html").select_one("#mt-tip-beta .mt-tip-summary")
    assert tip.get_text() == "Beta is letter two, edited."
    assert_same_as_clean(project, app)


def test_new_relation_reaches_the_other_card(project: Project) -> None:
    project.edit("d.rst", ":category: Greek", ":category: Greek\n   :related: alpha")
    app, written = project.build()
    assert written == ["a", "d", TOC]  # alpha's card now lists delta (symmetric)
    related = soup(app, "a.html").select("#mt-alpha .mt-related-card a.mt-ref")
    assert [a["data-mt-term"] for a in related] == ["beta", "delta"]
    assert_same_as_clean(project, app)


def test_new_term_resolves_an_old_unknown_reference(project: Project) -> None:
    missing = project.page("e.html").select(".mt-missing")
    assert [m.get_text() for m in missing] == ["zeta"]
    zeta = "\n\n.. term-card:: Zeta\n\n   Zeta is the sixth letter.\n"
    project.edit("c.rst", ":mt:`betas`.\n", ":mt:`betas`.\n" + zeta)
    app, written = project.build()
    assert written == ["c", "e", TOC]
    assert soup(app, "e.html").select(".mt-missing") == []
    assert warnings_of(app) == []
    # the new card lists the page that was not read again among its
    # back-references: that page's links are resolved anew
    refs = soup(app, "c.html").select("#mt-zeta .mt-backrefs a")
    assert [a["href"] for a in refs] == ["e.html"]
    assert_same_as_clean(project, app)


def test_removed_term_unlinks_its_references(project: Project) -> None:
    (project.srcdir / "b.rst").write_text("Beta is gone\n============\n", "utf8")
    app, written = project.build()
    assert written == ["a", "b", "c", TOC]
    assert [m.get_text() for m in soup(app, "c.html").select(".mt-missing")] == [
        "betas"
    ]
    assert soup(app, "a.html").select(".mt-related-card") == []
    assert sorted(warnings_of(app)) == [
        "a.rst:3: WARNING: related term 'beta' of 'alpha' does not exist "
        "[modelterms.related]",
        "c.rst:4: WARNING: unknown term 'betas' [modelterms.unknown]",
    ]
    assert_same_as_clean(project, app)


def test_moved_term_moves_its_links(project: Project) -> None:
    beta = (project.srcdir / "b.rst").read_text("utf8")
    (project.srcdir / "b.rst").write_text("Beta moved\n==========\n", "utf8")
    with (project.srcdir / "d.rst").open("a", encoding="utf8") as f:
        f.write("\n" + beta)
    app, written = project.build()
    assert written == ["a", "b", "c", "d", TOC]
    link = soup(app, "c.html").select_one("a.mt-ref")
    assert link["href"] == "d.html#mt-beta"
    assert_same_as_clean(project, app)


def test_duplicate_left_on_another_page_takes_over(project: Project) -> None:
    beta = (project.srcdir / "b.rst").read_text("utf8")
    with (project.srcdir / "d.rst").open("a", encoding="utf8") as f:
        f.write("\n" + beta.replace("Beta is the second", "Beta, again, is the second"))
    app, _written = project.build()
    assert [w for w in warnings_of(app) if "duplicate" in w] == [
        "d.rst:6: WARNING: duplicate term id 'beta': also declared at b.rst:1 "
        "[modelterms.duplicate]"
    ]
    assert soup(app, "c.html").select_one("a.mt-ref")["href"] == "b.html#mt-beta"
    # clearing b removes b's record only: d's copy and d's own card remain
    (project.srcdir / "b.rst").write_text("Beta moved\n==========\n", "utf8")
    app, written = project.build()
    assert [w for w in warnings_of(app) if "modelterms" in w] == []
    # d: its copy of the card now wins the id (and shows in its JSON-LD)
    assert written == ["a", "b", "c", "d", TOC]
    assert soup(app, "c.html").select_one("a.mt-ref")["href"] == "d.html#mt-beta"
    assert soup(app, "d.html").select_one("#mt-delta") is not None
    assert_same_as_clean(project, app)


def test_retitled_page_updates_the_back_references_that_name_it(
    project: Project,
) -> None:
    project.edit("c.rst", "Links to beta\n=============", "Beta in use\n===========")
    app, written = project.build()
    assert written == ["b", "c", TOC]  # b: beta's card lists c by its title
    refs = soup(app, "b.html").select("#mt-beta .mt-backrefs a")
    assert [(a["href"], a.get_text()) for a in refs] == [("c.html", "Beta in use")]
    assert_same_as_clean(project, app)


def test_card_page_linking_its_own_term_is_no_back_reference_of_it(
    project: Project,
) -> None:
    project.edit(
        "b.rst",
        "Beta is the second letter.",
        "Beta is the second letter.\n\nThis page links :mt:`beta` and :mt:`delta`.",
    )
    app, written = project.build()
    assert written == ["b", "d", TOC]  # d: delta's card now lists b
    refs = soup(app, "b.html").select("#mt-beta .mt-backrefs a")
    assert [a["href"] for a in refs] == ["c.html"]
    refs = soup(app, "d.html").select("#mt-delta .mt-backrefs a")
    assert [a["href"] for a in refs] == ["b.html", "e.html"]
    assert_same_as_clean(project, app)


def test_duplicate_card_that_wins_without_its_rival_page_read(
    project: Project,
) -> None:
    """A copy of a card on a page whose name sorts first wins the id while
    the first copy's page is not read again: the page the term was on
    becomes one of its back-references."""
    project.edit(
        "b.rst",
        "Beta is the second letter.",
        "Beta is the second letter.\n\nThis page links :mt:`beta` and :mt:`delta`.",
    )
    project.build()
    # edit() dates a file ahead, so that Sphinx sees it changed: b.rst must
    # look unchanged from now on
    os.utime(project.srcdir / "b.rst", ns=(0, 0))
    project.edit(
        "a.rst",
        "Alpha is the first letter.",
        "Alpha is the first letter.\n\n"
        ".. term-card:: Beta\n   :category: Greek\n\n   Beta, once more.",
    )
    app, written = project.build()
    assert [w for w in warnings_of(app) if "modelterms" in w]  # the duplicate
    assert "b" in written  # only to show its card as the losing copy
    refs = soup(app, "a.html").select("#mt-beta .mt-backrefs a")
    assert [a["href"] for a in refs] == ["b.html", "c.html"]
    # b lists itself on its own (losing) card; d lists b as a page beside it
    refs = soup(app, "d.html").select("#mt-delta .mt-backrefs a")
    assert [a["href"] for a in refs] == ["b.html", "e.html"]
    assert_same_as_clean(project, app)


def _plain(value: object) -> bool:
    """Strings, and exact tuples of plain values: what Python's collector
    stops tracking (a frozenset or a record class it tracks for good)."""
    if isinstance(value, str):
        return True
    return type(value) is tuple and all(_plain(item) for item in value)


@pytest.mark.sphinx("html", testroot="basic")
def test_kept_state_costs_the_collector_nothing(app: SphinxTestApp) -> None:
    """The state kept for the next build is bytes, and decoded it is mostly
    strings: a large glossary's saved environment loads without setting off
    a full collection, and a rebuild decodes its state without adding to the
    collector's work."""
    app.build()
    domain = cast("ModelTermsDomain", app.env.get_domain("mt"))
    # the saved environment holds the state as bytes beside strings: its
    # loading makes no object the collector tracks
    saved = pickle.loads((app.doctreedir / "environment.pickle").read_bytes())
    data = saved.domaindata["mt"]
    assert type(data["incremental"]) is bytes
    assert data["digests"].keys() == {"exports", "external"}
    assert not gc.is_tracked(data["digests"])
    # the term records too: bytes per id, beside their pages and titles
    assert set(data["terms"]) == {t.id for t in domain.terms()}
    assert all(type(v) is bytes for v in data["terms"].values())
    assert data["term_pages"] == {t.id: t.docname for t in domain.terms()}
    assert data["term_titles"]["rlhf"] == domain.get("rlhf").title
    for part in ("terms", "term_pages", "term_titles"):
        assert not gc.is_tracked(data[part]), part
    decoded = pickle.loads(data["incremental"])
    assert decoded == kept_state(domain)
    # the records of each term (and the lookup index, which is strings but
    # where a key is shared) decode into mappings of strings, which the
    # collector does not track
    for part in ("terms", "where", "content", "refs", "titles"):
        assert getattr(decoded, part), part
        assert not gc.is_tracked(getattr(decoded, part)), part
        assert all(type(v) is str for v in getattr(decoded, part).values()), part
    assert decoded.lookup
    assert [v for v in decoded.lookup.values() if not _plain(v)] == []
    assert [v for v in decoded.pages.values() if not _plain(v)] == []
    assert {unpack(r).docname for r in decoded.terms.values()} == {"index", "rlhf"}
    # a target handed over as docutils text (a str subclass) is kept as a
    # plain string
    from docutils import nodes

    domain.note_use("extra", nodes.Text("alignment"))
    (kept_target,) = domain.uses["extra"]
    assert type(kept_target) is str
    assert kept_target == "alignment"


def test_parallel_build_equals_serial(
    make_app: Callable[..., SphinxTestApp],
    copy_root: Callable[..., Path],
    tmp_path: Path,
) -> None:
    merges: list[int] = []
    serial, parallel = build_serial_and_parallel(
        make_app, copy_root("parallel"), tmp_path, merges.append
    )
    assert merges and set(merges) == {2}
    pages = sorted(p.name for p in serial.outdir.glob("*.html"))
    assert len(pages) >= 12
    for page in pages:
        assert (serial.outdir / page).read_bytes() == (
            parallel.outdir / page
        ).read_bytes(), page
    # each duplicate id is reported once either way (test_parallel checks
    # their text), and the winner is stable
    assert sorted(warnings_of(parallel)) == sorted(warnings_of(serial))
    assert len([w for w in warnings_of(serial) if "[modelterms.duplicate]" in w]) == 5
    shared = soup(serial, "index.html").select_one("a.mt-ref[data-mt-term=shared]")
    assert shared["href"] == "delta.html#mt-shared"


LISTING_PAGES = ["compare", "glossary", "index", "links", "table", "terms"]


@pytest.fixture
def listings(
    make_app: Callable[..., SphinxTestApp],
    copy_root: Callable[[str], Path],
    tmp_path: Path,
) -> Project:
    return built_project(make_app, copy_root("listings"), tmp_path, LISTING_PAGES)


def test_new_reference_updates_back_references_and_tables(listings: Project) -> None:
    listings.edit("links.rst", "here.", "here, and :mt:`temperature`.")
    app, written = listings.build()
    # links: re-read; terms: temperature's "Referenced from"; table: its
    # referenced-from column (the glossary index shows no back-references);
    # index: Sphinx's toctree parent
    assert written == ["index", "links", "table", "terms"]
    refs = soup(app, "terms.html").select("#mt-temperature .mt-backrefs a")
    assert [a.get_text() for a in refs] == ["Comparisons", "Links"]
    assert_same_as_clean(listings, app)


def test_edited_field_updates_comparisons_and_tables(listings: Project) -> None:
    listings.edit("terms.rst", ":needs_reward_model: no", ":needs_reward_model: never")
    app, written = listings.build()
    assert written == LISTING_PAGES
    rows = soup(app, "compare.html").select("#mt-compare-rlhf-vs-dpo tbody tr")
    assert rows[-1].get_text(" ", strip=True) == "Needs a reward model yes never"
    assert_same_as_clean(listings, app)


def test_new_comparison_reaches_the_cards_it_holds(listings: Project) -> None:
    listings.edit(
        "compare.rst",
        ":terms: jailbreak, guardrails, temperature",
        ":terms: jailbreak, guardrails, temperature\n\n"
        ".. term-compare:: Attacks and defences\n   :terms: jailbreak, guardrails",
    )
    app, written = listings.build()
    assert written == ["compare", "index", "terms"]
    found = soup(app, "terms.html").select("#mt-jailbreak .mt-comparisons a")
    assert [a.get_text() for a in found] == ["Attacks and defences"]
    assert_same_as_clean(listings, app)


FILTERED = """\
Safety terms
============

.. term-index::
   :category: Safety
"""


@pytest.fixture
def filtered(
    make_app: Callable[..., SphinxTestApp],
    copy_root: Callable[[str], Path],
    tmp_path: Path,
) -> Project:
    """The listings project with a page whose only index is filtered."""
    srcdir = copy_root("listings")
    (srcdir / "safety.rst").write_text(FILTERED, "utf8")
    index = srcdir / "index.rst"
    index.write_text(index.read_text("utf8") + "   safety\n", "utf8")
    return built_project(make_app, srcdir, tmp_path, sorted([*LISTING_PAGES, "safety"]))


def test_term_outside_a_filtered_index_leaves_its_page_alone(
    filtered: Project,
) -> None:
    """A page's JSON-LD lists the terms its index lists: a term added
    outside the filter changes nothing on it, and it is not written again."""
    terms = filtered.page("safety.html").select_one(
        'script[type="application/ld+json"]'
    )
    listed = json.loads(terms.string)["@graph"][0]["hasDefinedTerm"]
    assert [t["name"] for t in listed] == ["Guardrails", "Jailbreak"]
    filtered.edit(
        "links.rst",
        "Links\n=====\n",
        "Links\n=====\n\n.. term-card:: Beam search\n   :category: Inference\n\n"
        "   Keeping the best few partial answers.\n",
    )
    app, written = filtered.build()
    assert "safety" not in written
    assert_same_as_clean(filtered, app)


def test_alias_made_ambiguous_outside_a_filtered_table(
    make_app: Callable[..., SphinxTestApp],
    copy_root: Callable[[str], Path],
    tmp_path: Path,
) -> None:
    """A filtered table's related column shows what a listed term's related
    entry finds: an alias added to a term the filter leaves out can make it
    ambiguous, and the table's page is written again."""
    srcdir = copy_root("listings")
    (srcdir / "safety.rst").write_text(
        FILTERED
        + "\n.. term-table::\n   :columns: term, related\n   :category: Safety\n",
        "utf8",
    )
    index = srcdir / "index.rst"
    index.write_text(index.read_text("utf8") + "   safety\n", "utf8")
    terms = srcdir / "terms.rst"
    text = terms.read_text("utf8")
    text = text.replace(
        ".. term-card:: Jailbreak\n", ".. term-card:: Jailbreak\n   :related: filter\n"
    )
    text = text.replace(
        ".. term-card:: Guardrails\n",
        ".. term-card:: Guardrails\n   :aliases: filter\n",
    )
    terms.write_text(text, "utf8")
    project = built_project(
        make_app, srcdir, tmp_path, sorted([*LISTING_PAGES, "safety"])
    )
    project.edit(
        "links.rst",
        "Links\n=====\n",
        "Links\n=====\n\n.. term-card:: Top-p filter\n   :aliases: filter\n"
        "   :category: Inference\n\n   Sampling from the likeliest tokens only.\n",
    )
    app, written = project.build()
    assert "safety" in written
    assert_same_as_clean(project, app)


def test_new_term_reaches_every_listing(listings: Project) -> None:
    listings.edit(
        "links.rst",
        "Links\n=====\n",
        "Links\n=====\n\n.. term-card:: Beam search\n   :category: Inference\n"
        "   :level: intermediate\n\n   Keeping the best few partial answers.\n",
    )
    app, written = listings.build()
    # "links" now holds a card: the cards it links list it apart from the
    # other pages ("terms")
    assert written == ["glossary", "index", "links", "table", "terms"]
    index = soup(app, "glossary.html").select(".mt-index")[0]
    assert "Beam search" in [a.get_text() for a in index.select(".mt-index-head a")]
    assert_same_as_clean(listings, app)


def test_term_set_files_are_made_only_when_they_can_change(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """modelterms.json and .ttl describe every term, so they are not made
    again by a build that changes nothing they hold."""
    from sphinx_modelterms.exports import files

    made: list[str] = []
    real = files.write_json
    monkeypatch.setattr(
        files, "write_json", lambda app, exc: (made.append("json"), real(app, exc))
    )
    html = project.srcdir / "_build" / "html"
    exports = [html / "modelterms.json", html / "modelterms.ttl"]

    project.build()  # nothing changed
    project.edit(
        "e.rst", "does not exist yet.", "does not exist yet. This links nothing."
    )
    project.build()  # a page changed, but nothing the files hold
    assert made == []
    project.edit("a.rst", "Alpha is the first letter.", "Alpha comes first.")
    app, _written = project.build()
    assert made == ["json"]
    data = json.loads(exports[0].read_text("utf8"))
    alpha = next(t for t in data["terms"] if t["id"] == "alpha")
    assert alpha["summary"] == "Alpha comes first."
    assert "Alpha comes first." in exports[1].read_text("utf8")
    # the same files as a clean build of the edited project writes
    assert_same_as_clean(project, app)


def test_term_set_files_follow_what_only_the_card_shows(project: Project) -> None:
    """An example or a source is in modelterms.json and .ttl though no other
    page shows it: editing one makes the files again."""
    project.edit(
        "b.rst",
        "Beta is the second letter.",
        "Beta is the second letter.\n\n   .. term-example::\n\n      Beta decay.",
    )
    project.build()
    data = json.loads((project.srcdir / "_build/html/modelterms.json").read_text())
    beta = next(t for t in data["terms"] if t["id"] == "beta")
    assert beta["examples"] == ["Beta decay."]


def test_term_set_files_are_kept_by_a_new_process(tmp_path: Path) -> None:
    """The digest that keeps the files is the same in every process, whatever
    order its sets iterate in (each process salts string hashes anew): a
    rebuild in a new process does not make them again."""
    from sphinx_modelterms.exports.files import DIGEST_FILENAME

    srcdir = tmp_path / "src"
    shutil.copytree(Path(__file__).parent / "roots" / "test-incremental", srcdir)
    out = tmp_path / "html"
    record = out / DIGEST_FILENAME

    def build(seed: str) -> None:
        subprocess.run(
            [sys.executable, "-m", "sphinx", "-q", "-b", "html", srcdir, out],
            env={**os.environ, "PYTHONHASHSEED": seed},
            check=True,
            capture_output=True,
        )

    build("1")
    digest = record.read_text("utf8")
    old = record.stat().st_mtime_ns - 10**9
    os.utime(record, ns=(old, old))  # a file made again would be newer
    for seed in ("2", "3", "4", "5"):
        build(seed)
        assert (record.read_text("utf8"), record.stat().st_mtime_ns) == (digest, old)


DATA_PAGES = [
    "handwritten",
    "index",
    "terms/category-inference",
    "terms/category-safety",
    "terms/category-training",
    "terms/dpo",
    "terms/index",
    "terms/jailbreak",
    "terms/rlhf",
    "terms/temperature",
]
SHARED_ALIAS = """\
  - title: Reward hacking
    aliases: [Jailbreak, gaming the reward]
    category: Safety
    summary: A policy that scores well on the reward without doing the task.
"""


def test_term_file_edits_equal_a_clean_build(
    make_app: Callable[..., SphinxTestApp],
    copy_root: Callable[[str], Path],
    tmp_path: Path,
) -> None:
    """A term added to a term file, with an alias that makes a link
    ambiguous, and a term removed: the generated pages, every page and the
    term set files are those of a clean build."""
    data = built_project(make_app, copy_root("datafiles"), tmp_path, DATA_PAGES)
    data.edit("data/training.yaml", "terms:\n", "terms:\n" + SHARED_ALIAS)
    app, written = data.build()
    assert "terms/reward-hacking" in written
    assert any("ambiguous" in w for w in warnings_of(app))
    assert_same_as_clean(data, app)
    (data.srcdir / "data" / "inference.json").unlink()
    app, _written = data.build()
    assert not (data.srcdir / "terms" / "temperature.rst").exists()
    assert_same_as_clean(data, app)


# -- tooltips kept for the next build ------------------------------------------


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the tooltips the HTML writer renders (rather than reuses)."""
    from sphinx_modelterms import html

    made: list[str] = []
    original = html.tooltip

    def counting(term: Any, *args: Any) -> Any:
        made.append(term.id)
        return original(term, *args)

    monkeypatch.setattr(html, "tooltip", counting)
    return made


def tooltip_html(project: Project, page: str, term_id: str) -> str:
    tip = project.page(page).select_one(f"#mt-tip-{term_id}")
    assert tip is not None, (page, term_id)
    return str(tip)


def test_rebuild_reuses_the_tooltips_of_unchanged_terms(
    project: Project, renders: list[str]
) -> None:
    """A page written again takes its tooltips from the last build's, and
    a term whose shown text changed gets its tooltip rendered again, on
    every page that shows it."""
    kept = project.srcdir / "_build" / "doctrees" / "modelterms-tooltips.pickle"
    assert kept.is_file()
    before = tooltip_html(project, "c.html", "beta")
    project.edit("c.rst", "Plural fold", "Plural folding")
    _app, written = project.build()
    assert "c" in written
    assert renders == []  # beta's tooltip came from the last build
    assert tooltip_html(project, "c.html", "beta") == before

    project.edit("b.rst", "Beta is the second letter.", "Beta is letter two.")
    _app, written = project.build()
    assert "c" in written
    assert renders == ["beta"]  # once, though two pages show it
    assert "Beta is letter two." in tooltip_html(project, "c.html", "beta")
    assert "Beta is letter two." in tooltip_html(project, "a.html", "beta")
    renders.clear()
    project.edit("b.rst", ":category: Greek", ":category: Latin")
    app, _written = project.build()
    assert renders == ["beta"]
    assert "Latin" in tooltip_html(project, "c.html", "beta")
    # the pages are those of a clean build
    assert_same_as_clean(project, app)


def test_kept_tooltips_follow_the_language(
    project: Project, renders: list[str]
) -> None:
    """What renders a tooltip is part of what is kept: labels never stay in
    the language of the build before."""
    _app, _written = project.build(confoverrides={"language": "fr"})
    assert "beta" in renders  # rendered again, in French
    tip = project.page("c.html").select_one("#mt-tip-beta")
    assert tip is not None
    assert "Catégorie" in tip.get_text()


def test_fresh_environment_renders_every_tooltip(
    project: Project, renders: list[str]
) -> None:
    """``-E`` builds from scratch: it does not take the kept tooltips."""
    project.build(freshenv=True)
    assert sorted(set(renders)) == ["alpha", "beta", "delta"]


def test_damaged_kept_tooltips_are_rendered_again(
    project: Project, renders: list[str]
) -> None:
    kept = project.srcdir / "_build" / "doctrees" / "modelterms-tooltips.pickle"
    kept.write_bytes(b"not a pickle")
    before = tooltip_html(project, "c.html", "beta")
    project.edit("c.rst", "Plural fold", "Plural folding")
    project.build()
    assert renders == ["beta"]
    assert tooltip_html(project, "c.html", "beta") == before
    assert pickle.loads(kept.read_bytes())["html"].keys() >= {"beta"}


# -- titles shown by references written without a text -------------------------


@pytest.mark.parametrize(
    ("root", "pages"),
    [
        (
            "doctitles",
            [
                "about",
                "glossary",
                "index",
                "servicing",
                "terms/category-care",
                "terms/index",
                "terms/oil-change",
                "uses",
            ],
        ),
        ("doctitles-myst", ["about", "glossary", "index", "servicing", "uses"]),
    ],
)
def test_retitled_page_updates_the_short_definitions_that_show_its_title(
    make_app: Callable[..., SphinxTestApp],
    copy_root: Callable[[str], Path],
    tmp_path: Path,
    renders: list[str],
    root: str,
    pages: list[str],
) -> None:
    """A card's short definition shows the title of a page its ``:doc:``
    names without a text, and of the section its ``:ref:`` names: when they
    change, so do the card, the tooltip on a third page (not kept from the
    last build), the table there, and the term set files."""
    project = built_project(make_app, copy_root(root), tmp_path, pages)
    suffix = ".md" if root.endswith("myst") else ".rst"
    renders.clear()
    # an edit of the page that changes no title rewrites nothing else
    project.edit(f"servicing{suffix}", "book a car in.", "book a car in early.")
    _app, written = project.build()
    assert written == ["index", "servicing"]
    assert renders == []
    project.edit(f"servicing{suffix}", "Booking a service", "Taking the car in")
    project.edit(f"servicing{suffix}", "Steps of a service", "At the garage")
    app, written = project.build()
    # every page but the one that shows neither term: the card pages, the
    # page with the tooltips and the table, and the term file's listings
    assert written == [p for p in pages if p != "about"]
    assert "service-interval" in renders
    tip = project.page("uses.html").select_one("#mt-tip-service-interval")
    assert tip is not None
    text = " ".join(tip.get_text().split())
    assert "see Taking the car in, " in text
    assert "At the garage" in text
    assert "Booking" not in text
    assert "Steps" not in text
    data = json.loads((app.outdir / "modelterms.json").read_text("utf8"))
    shown = {t["id"]: t["summary"] for t in data["terms"]}
    assert "Taking the car in" in shown["service-interval"]
    assert_same_as_clean(project, app)
