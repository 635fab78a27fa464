"""Sphinx's own glossary with the extension on: the test material, and what
must not change.

The roots ``test-adopt`` (reST) and ``test-adopt-myst`` (the same pages in
MyST) hold a bicycle workshop's vocabulary in two ``glossary`` directives
and prose pages that link it with ``:term:``. Each is built twice, with and
without ``sphinx_modelterms`` in ``extensions``: every ``:term:`` link keeps
its target and its text, every entry its anchor, and no warning appears.
The helpers here (:func:`term_links`, :func:`glossary_ids`,
:func:`glossary_entries`) are meant for other tests of the same roots too.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pytest
import yaml
from docutils import nodes
from sphinx import addnodes
from sphinx.testing.util import SphinxTestApp

from sphinx_modelterms.naming import slugify

from .conftest import (
    ROOTS,
    build_once,
    build_serial_and_parallel,
    soup,
    warnings_of,
)

if TYPE_CHECKING:
    from pathlib import Path

ROOTS_UNDER_TEST = ("adopt", "adopt-myst")
#: what ``extensions`` holds in the build without the extension
BASELINE = {"adopt": [], "adopt-myst": ["myst_parser"]}
#: how a term link is written in each root's sources
TERM_ROLE = {"adopt": re.compile(r":term:`"), "adopt-myst": re.compile(r"\{term\}`")}
SOURCE_SUFFIX = {"adopt": ".rst", "adopt-myst": ".md"}

Built = Callable[[str, bool], SphinxTestApp]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """``built(root, extension)``: the root built once in HTML, with or
    without ``sphinx_modelterms`` in ``extensions``."""
    apps: dict[tuple[str, bool], SphinxTestApp] = {}

    def get(root: str, extension: bool) -> SphinxTestApp:
        if (root, extension) not in apps:
            name = f"{root}-{'with' if extension else 'without'}"
            srcdir = tmp_path_factory.mktemp(name) / "src"
            shutil.copytree(ROOTS / f"test-{root}", srcdir)
            extensions = BASELINE[root] + (["sphinx_modelterms"] if extension else [])
            app = SphinxTestApp(
                "html",
                srcdir=srcdir,
                freshenv=True,
                confoverrides={"extensions": extensions},
            )
            try:
                app.build()
            finally:
                app.cleanup()
            apps[root, extension] = app
        return apps[root, extension]

    return get


def source_pages(app: SphinxTestApp) -> list[str]:
    """The root's own documents (no page the extension generates), sorted."""
    return sorted(
        str(path.relative_to(app.srcdir).with_suffix(""))
        for path in app.srcdir.rglob("*")
        if path.suffix in {".rst", ".md"} and "_build" not in path.parts
    )


def term_links(app: SphinxTestApp) -> list[tuple[str, str, str]]:
    """Every link Sphinx wrote for a ``:term:`` reference on the root's own
    pages, in page order: ``(page, href, text)``, as written in the HTML.

    Sphinx marks them with ``<span class="xref std std-term">`` inside the
    ``a.reference``."""
    found = []
    for page in source_pages(app):
        html = f"{page}.html"
        found += [
            (html, str(link["href"]), link.get_text())
            for link in soup(app, html).select("a.reference")
            if link.select_one("span.xref.std.std-term") is not None
        ]
    return found


def glossary_ids(app: SphinxTestApp) -> list[tuple[str, list[str]]]:
    """Each term line of each glossary in the HTML: ``(page, its anchors)``,
    the ``dt``'s id and any id inside it (docutils writes a node's further
    ids as empty ``span`` elements)."""
    found = []
    for page in source_pages(app):
        html = f"{page}.html"
        for term in soup(app, html).select("dl.glossary > dt"):
            ids = [str(term["id"])] if term.get("id") else []
            ids += [str(inner["id"]) for inner in term.select("[id]")]
            found.append((html, ids))
    return found


@dataclass(frozen=True)
class Entry:
    """One glossary entry as the doctree holds it."""

    page: str
    #: its term lines, as shown (without an index key)
    lines: tuple[str, ...]
    #: the anchor of each term line
    anchors: tuple[str, ...]
    #: the index key given after `` : ``, if any
    index_key: str | None
    #: the node types the definition starts with, and how many paragraphs
    #: it holds at its top level
    first_child: str
    paragraphs: int

    @property
    def id(self) -> str:
        """The id the entry's term gets: the slug of its first term line."""
        return slugify(self.lines[0])


@dataclass(frozen=True)
class Glossary:
    page: str
    sorted: bool
    entries: tuple[Entry, ...]


def glossaries(app: SphinxTestApp) -> list[Glossary]:
    """Every ``glossary`` directive of the root, page by page, from the
    doctrees Sphinx read."""
    found = []
    for page in source_pages(app):
        doctree = app.env.get_doctree(page)
        for glossary in doctree.findall(addnodes.glossary):
            entries = []
            for item in glossary.findall(nodes.definition_list_item):
                terms = [t for t in item.children if isinstance(t, nodes.term)]
                keys = {
                    entry[4]
                    for t in terms
                    for index in t.findall(addnodes.index)
                    for entry in index["entries"]
                } - {None}
                definition = item.next_node(nodes.definition)
                assert definition is not None
                entries.append(
                    Entry(
                        page=page,
                        lines=tuple(t.astext() for t in terms),
                        anchors=tuple(i for t in terms for i in t["ids"]),
                        index_key=keys.pop() if keys else None,
                        first_child=type(definition.children[0]).__name__,
                        paragraphs=sum(
                            isinstance(c, nodes.paragraph) for c in definition.children
                        ),
                    )
                )
            found.append(Glossary(page, bool(glossary["sorted"]), tuple(entries)))
    return found


def glossary_entries(app: SphinxTestApp) -> list[Entry]:
    return [entry for glossary in glossaries(app) for entry in glossary.entries]


@pytest.mark.parametrize("root", ROOTS_UNDER_TEST)
def test_term_links_keep_their_target_and_text(built: Built, root: str) -> None:
    without, with_ = built(root, False), built(root, True)
    links = term_links(without)
    # every :term: in the sources made one link: none is lost or unresolved
    written = sum(
        len(TERM_ROLE[root].findall(path.read_text("utf8")))
        for path in without.srcdir.glob(f"*{SOURCE_SUFFIX[root]}")
    )
    assert len(links) == written > 70
    assert term_links(with_) == links


@pytest.mark.parametrize("root", ROOTS_UNDER_TEST)
def test_glossary_anchors_stay_those_sphinx_gave(built: Built, root: str) -> None:
    without, with_ = built(root, False), built(root, True)
    anchors = glossary_ids(without)
    assert len(anchors) >= 60
    assert all(len(ids) == 1 for _page, ids in anchors), anchors
    assert glossary_ids(with_) == anchors
    # every link lands on one of them
    targets = {f"{page}#{ids[0]}" for page, ids in anchors}
    hrefs = {
        page + href if href[0] == "#" else href for page, href, _ in term_links(without)
    }
    assert hrefs <= targets


@pytest.mark.parametrize("root", ROOTS_UNDER_TEST)
def test_no_warning_with_or_without_the_extension(built: Built, root: str) -> None:
    assert warnings_of(built(root, False)) == []
    assert warnings_of(built(root, True)) == []


@pytest.mark.parametrize("root", ROOTS_UNDER_TEST)
def test_material_keeps_its_size_and_shape(built: Built, root: str) -> None:
    """The roots must not silently shrink to a toy glossary."""
    app = built(root, False)
    found = glossaries(app)
    assert {g.page: g.sorted for g in found} == {"parts": True, "workshop": False}
    entries = glossary_entries(app)
    assert len(entries) >= 40
    assert all(len(g.entries) >= 15 for g in found)
    # aliases: several entries of two term lines, some of three
    assert sum(len(e.lines) >= 2 for e in entries) >= 15
    assert sum(len(e.lines) == 3 for e in entries) >= 1
    assert sum(e.index_key is not None for e in entries) >= 3
    # definitions that open with a directive, and longer ones
    assert sum(e.first_child in {"note", "warning", "caution"} for e in entries) >= 3
    assert sum(e.paragraphs >= 2 for e in entries) >= 4
    # the ids adopted terms will take are distinct
    ids = [e.id for e in entries]
    assert len(set(ids)) == len(ids)
    # and the prose links from other pages, to aliases, in other case,
    # with own titles, and between the two glossaries
    links = term_links(app)
    pages = {page for page, _href, _text in links}
    assert {"servicing.html", "buying.html", "index.html"} <= pages
    cross = {
        (page, href.split(".html")[0])
        for page, href, _text in links
        if page in {"parts.html", "workshop.html"}
    }
    assert ("parts.html", "workshop") in cross
    assert ("workshop.html", "parts") in cross
    aliases = {a for e in entries for a in e.anchors[1:]}
    assert sum(href.split("#")[1] in aliases for _p, href, _t in links) >= 5
    titles = {line for e in entries for line in e.lines}
    texts = [text for _p, _h, text in links]
    assert any(
        t not in titles and t.lower() in {x.lower() for x in titles} for t in texts
    )
    assert any(t.lower() not in {x.lower() for x in titles} for t in texts)


def test_rest_and_myst_roots_hold_the_same_glossary(built: Built) -> None:
    rest, myst = built("adopt", False), built("adopt-myst", False)
    assert glossaries(rest) == glossaries(myst)
    # the same links; a link text that breaks across lines keeps its line
    # break in reST and becomes a space in MyST
    spaced = [(p, h, " ".join(t.split())) for p, h, t in term_links(rest)]
    assert spaced == term_links(myst)


def test_enrich_root_names_glossary_entries_by_id() -> None:
    """The term file of ``test-adopt-enrich`` adds to glossary entries by
    their id, and its card shares its title with one entry."""
    root = ROOTS / "test-adopt-enrich"
    source = (root / "index.rst").read_text("utf8")
    block = source.split(".. glossary::\n", 1)[1].split("\nLinks:", 1)[0]
    firsts = re.findall(r"\n\n   (\S[^\n]*)", "\n" + block)
    titles = [line.split(" : ")[0] for line in firsts]
    assert titles == ["Chain", "Cassette", "Chain wear", "Spoke", "Truing"]
    data = yaml.safe_load((root / "enrich.yaml").read_text("utf8"))
    named = [entry["id"] for entry in data["terms"]]
    assert set(named) < {slugify(title) for title in titles}
    assert all("title" not in entry for entry in data["terms"])
    for entry in data["terms"]:
        assert set(entry.get("related", [])) <= {slugify(t) for t in titles}
    cards = re.findall(
        r"^\.\. term-card:: (.+)$", (root / "cards.rst").read_text(), re.M
    )
    assert cards == ["Spoke"]


# -- what adoption adds ---------------------------------------------------------


def _text(element: Any) -> str:
    return " ".join(element.get_text().split())


def _entry_summaries(app: SphinxTestApp) -> dict[str, str]:
    """``page.html#anchor`` of every term line → the text of its entry's
    first paragraph (the first ``p`` at the top of its ``dd``), as the
    glossary page shows it."""
    found = {}
    for page in source_pages(app):
        html = f"{page}.html"
        for dl in soup(app, html).select("dl.glossary"):
            anchors: list[str] = []
            for child in dl.find_all(["dt", "dd"], recursive=False):
                if child.name == "dt":
                    anchors.append(str(child["id"]))
                    continue
                first = child.find("p", recursive=False)
                for anchor in anchors:
                    found[f"{html}#{anchor}"] = _text(first)
                anchors = []
    return found


@pytest.mark.parametrize("root", ROOTS_UNDER_TEST)
def test_every_term_link_gets_the_tooltip_of_its_entry(built: Built, root: str) -> None:
    app = built(root, True)
    summaries = _entry_summaries(app)
    checked = 0
    for page in source_pages(app):
        html = f"{page}.html"
        page_soup = soup(app, html)
        for link in page_soup.select("a.reference"):
            if link.select_one("span.std-term") is None:
                continue
            href = str(link["href"])
            target = html + href if href.startswith("#") else href
            term_id = str(link["data-mt-term"])
            assert link["aria-describedby"] == f"mt-tip-{term_id}"
            assert "mt-ref" in link["class"]
            tip = page_soup.select_one(f"#mt-tip-{term_id}")
            assert tip is not None and tip["role"] == "tooltip"
            assert _text(tip.select_one(".mt-tip-summary")) == summaries[target]
            checked += 1
    assert checked == len(term_links(app)) > 70


@pytest.mark.parametrize("root", ROOTS_UNDER_TEST)
def test_adopted_entries_are_terms_of_the_exported_set(built: Built, root: str) -> None:
    app = built(root, True)
    exported = {
        t["id"]: t
        for t in json.loads((app.outdir / "modelterms.json").read_text("utf8"))["terms"]
    }
    entries = glossary_entries(app)
    assert sorted(exported) == sorted(e.id for e in entries)
    linked_from = {page for page, _href, _text in term_links(app)}
    for entry in entries:
        term = exported[entry.id]
        assert term["title"] == entry.lines[0]
        assert term["aliases"] == list(entry.lines[1:])
        assert term["url"] == f"{entry.page}.html#{entry.anchors[0]}"
        assert set(term["referenced_from"]) <= linked_from
    # back-references: a term linked from the prose pages lists them
    assert "servicing.html" in exported["chain"]["referenced_from"] or any(
        "servicing.html" in t["referenced_from"] for t in exported.values()
    )


@pytest.mark.sphinx(
    "html", testroot="adopt-clash", confoverrides={"modelterms_adopt_glossary": False}
)
def test_adoption_can_be_turned_off(app: SphinxTestApp) -> None:
    app.build()
    page = soup(app, "index.html")
    term_roles = [a for a in page.select("a.reference") if a.select_one(".std-term")]
    assert len(term_roles) == 3
    assert all(not a.has_attr("data-mt-term") for a in term_roles)
    # the cards are found; the entry "Hub" is no term
    assert warnings_of(app) == [
        "index.rst:23: WARNING: unknown term 'hub' [modelterms.unknown]"
    ]
    exported = (app.outdir / "modelterms.json").read_text("utf8")
    assert "term-" not in exported


@pytest.fixture(scope="module")
def clash(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    return build_once(tmp_path_factory, "adopt-clash")


def test_an_entry_and_a_card_with_one_id_or_title_are_warned_about(
    clash: SphinxTestApp,
) -> None:
    assert warnings_of(clash) == [
        "index.rst:10: WARNING: duplicate term id 'spoke': also declared at "
        "cards.rst:4 [modelterms.duplicate]",
        "index.rst:13: WARNING: glossary entry 'Rim' has the title of term "
        "'wheel-rim' (cards.rst:8); link either by its id [modelterms.duplicate]",
    ]


def test_in_a_clash_the_card_wins_its_id_and_nothing_is_lost(
    clash: SphinxTestApp,
) -> None:
    page = soup(clash, "index.html")
    links = {
        (a.get_text(), str(a["href"]), a.get("data-mt-term"))
        for a in page.select("a.reference")
        if a.select_one(".xref")
    }
    assert links == {
        # Sphinx's links keep their targets; the entry that lost its id to
        # a card has no tooltip of its own, and is not given the card's
        ("spoke", "#term-Spoke", None),
        ("rim", "#term-Rim", "rim"),
        ("wheel centre", "#term-Wheel-centre", "hub"),
        # the card wins the id "spoke"; "Rim" is the slug of the entry's id
        ("Spoke", "cards.html#mt-spoke", "spoke"),
        ("Rim", "#term-Rim", "rim"),
        ("hub", "#term-Hub", "hub"),
    }
    table = soup(clash, "table.html")
    rows = sorted(
        (a.get_text(), str(a["href"])) for a in table.select("table a[data-mt-term]")
    )
    assert rows == [
        ("Hub", "index.html#term-Hub"),
        ("Rim", "cards.html#mt-wheel-rim"),
        ("Rim", "index.html#term-Rim"),
        ("Spoke", "cards.html#mt-spoke"),
    ]


def test_editing_a_definition_updates_the_tooltips_that_show_it(
    make_app: Callable[..., SphinxTestApp], copy_root: Callable[[str], Path]
) -> None:
    srcdir = copy_root("adopt")
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    before = soup(app, "index.html").select_one("#mt-tip-chain .mt-tip-summary")
    assert (
        before is not None
        and "rider\N{RIGHT SINGLE QUOTATION MARK}s effort" in before.get_text()
    )
    parts = srcdir / "parts.rst"
    parts.write_text(
        parts.read_text("utf8").replace("rider's effort", "rider's push"), "utf8"
    )
    app.cleanup()
    app = make_app("html", srcdir=srcdir)
    app.build()
    after = soup(app, "index.html").select_one("#mt-tip-chain .mt-tip-summary")
    assert (
        after is not None
        and "rider\N{RIGHT SINGLE QUOTATION MARK}s push" in after.get_text()
    )
    app.cleanup()


def test_a_parallel_build_equals_a_serial_one(
    make_app: Callable[..., SphinxTestApp],
    copy_root: Callable[[str], Path],
    tmp_path: Path,
) -> None:
    serial, parallel = build_serial_and_parallel(make_app, copy_root("adopt"), tmp_path)
    assert warnings_of(parallel) == warnings_of(serial) == []
    pages = sorted(p.relative_to(serial.outdir) for p in serial.outdir.rglob("*.html"))
    assert pages == sorted(
        p.relative_to(parallel.outdir) for p in parallel.outdir.rglob("*.html")
    )
    for page in pages:
        assert (parallel.outdir / page).read_bytes() == (
            serial.outdir / page
        ).read_bytes(), page


@pytest.mark.parametrize("builder", ["text", "latex", "man"])
def test_other_builders_write_what_they_wrote_without_the_extension(
    tmp_path_factory: pytest.TempPathFactory, builder: str
) -> None:
    outputs = []
    for extensions in ([], ["sphinx_modelterms"]):
        srcdir = tmp_path_factory.mktemp(builder) / "src"
        shutil.copytree(ROOTS / "test-adopt", srcdir)
        app = SphinxTestApp(
            builder,
            srcdir=srcdir,
            freshenv=True,
            confoverrides={"extensions": extensions},
        )
        try:
            app.build()
        finally:
            app.cleanup()
        assert warnings_of(app) == []
        outputs.append(
            {
                str(path.relative_to(app.outdir)): path.read_bytes()
                for path in sorted(app.outdir.rglob("*"))
                if path.is_file() and path.suffix in {".txt", ".tex", ".1"}
            }
        )
    assert len(outputs[0]) >= 1
    assert outputs[1] == outputs[0]


# -- additions from a term file -------------------------------------------------


def _exported(app: SphinxTestApp) -> dict[str, dict[str, Any]]:
    data = json.loads((app.outdir / "modelterms.json").read_text("utf8"))
    return {t["id"]: t for t in data["terms"]}


@pytest.fixture(scope="module")
def enriched(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    return build_once(
        tmp_path_factory,
        "adopt-enrich",
        confoverrides={"modelterms_glossary_details": True},
    )


def test_a_term_file_adds_to_glossary_entries_by_id(enriched: SphinxTestApp) -> None:
    terms = _exported(enriched)
    chain = terms["chain"]
    assert (chain["category"], chain["level"]) == ("Drivetrain", "beginner")
    assert chain["related"] == ["cassette", "chain-wear"]
    assert chain["examples"] == ["A 12-speed chain is narrower than a 9-speed one."]
    # the glossary's own text and address stay
    assert chain["title"] == "Chain" and chain["url"] == "index.html#term-Chain"
    assert chain["summary"].startswith("The loop of pins, rollers and plates")
    assert terms["cassette"]["aliases"] == ["Rear cluster"]
    # the entry that lost its id to a card gets nothing
    assert terms["spoke"]["url"] == "cards.html#mt-spoke"
    # no page is generated for an addition
    assert not (enriched.srcdir / "terms").exists()
    assert warnings_of(enriched) == [
        "index.rst:21: WARNING: duplicate term id 'spoke': also declared at "
        "cards.rst:4 [modelterms.duplicate]"
    ]


@pytest.mark.sphinx("html", testroot="adopt-enrich")
def test_the_glossary_shows_badges_and_referrers_only_when_asked(
    enriched: SphinxTestApp, app: SphinxTestApp
) -> None:
    shown = soup(enriched, "index.html")
    entries = {
        str(dt["id"]): dt.find_next_sibling("dd") for dt in shown.select("dl > dt")
    }
    chain = entries["term-Chain"]
    assert [_text(b) for b in chain.select(".mt-badges .mt-badge")] == [
        "Category: Drivetrain",
        "Level: beginner",
    ]
    referrers = chain.select_one(".mt-backrefs-line")
    assert referrers is not None
    assert [a["href"] for a in referrers.select("a")] == ["cards.html"]
    assert entries["term-Truing"].select_one(".mt-backrefs-line") is None
    # the entry that lost its id shows nothing of the card's
    assert entries["term-Spoke"].select_one(".mt-badges") is None
    app.build()
    plain = soup(app, "index.html")
    assert plain.select("dl.glossary .mt-badges, .mt-backrefs-line") == []
    assert shown.select("dl.glossary .mt-badges")


def test_additions_that_reach_no_entry_are_warned_about(
    make_app: Callable[..., SphinxTestApp], copy_root: Callable[[str], Path]
) -> None:
    srcdir = copy_root("adopt-enrich")
    data = srcdir / "enrich.yaml"
    data.write_text(
        data.read_text("utf8")
        + "  - id: spoke\n    level: beginner\n"
        + "  - id: brake\n    level: beginner\n"
        + "  - id: truing\n    summary: Another text.\n    level: beginner\n",
        "utf8",
    )
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    app.cleanup()
    found = [w for w in warnings_of(app) if "enrich.yaml" in w]
    print(found)
    assert found == [
        "enrich.yaml:29: WARNING: 'summary' of 'truing' is ignored: an entry "
        "without a title adds to the glossary entry of its id, whose own summary "
        "stays [modelterms.data]",
        "enrich.yaml:26: WARNING: 'brake' names no glossary entry; what it adds "
        "is left out [modelterms.data]",
        "enrich.yaml:24: WARNING: 'spoke' is the card at cards.rst:4, not a "
        "glossary entry; give it a title to make it a term of its own, or move "
        "what it adds to the card [modelterms.data]",
        "enrich.yaml:28: WARNING: 'truing' adds to the glossary entry 'Truing' "
        "again; enrich.yaml:20 comes first [modelterms.duplicate]",
    ]
    # the first addition to an entry is the one kept
    assert _exported(app)["truing"]["level"] == "advanced"


def test_an_edited_addition_reaches_the_tooltips_on_a_rebuild(
    make_app: Callable[..., SphinxTestApp], copy_root: Callable[[str], Path]
) -> None:
    srcdir = copy_root("adopt-enrich")
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    tip = soup(app, "cards.html").select_one("#mt-tip-chain")
    assert tip is not None and "beginner" in tip.get_text()
    data = srcdir / "enrich.yaml"
    text = data.read_text("utf8").replace("level: beginner", "level: advanced", 1)
    data.write_text(text, "utf8")
    app.cleanup()
    app = make_app("html", srcdir=srcdir)
    app.build()
    tip = soup(app, "cards.html").select_one("#mt-tip-chain")
    assert tip is not None and "advanced" in tip.get_text()
    assert _exported(app)["chain"]["level"] == "advanced"
    app.cleanup()


def test_sphinx_glossary_warnings_are_not_repeated(
    make_app: Callable[..., SphinxTestApp], copy_root: Callable[[str], Path]
) -> None:
    found = {}
    for extensions in ([], ["sphinx_modelterms"]):
        app = make_app(
            "html",
            srcdir=copy_root("adopt-twins", "-".join(extensions) or "plain"),
            freshenv=True,
            confoverrides={"extensions": extensions},
        )
        app.build()
        app.cleanup()
        found[bool(extensions)] = app
    without, with_ = found[False], found[True]
    assert warnings_of(with_) == warnings_of(without)
    assert any("duplicate term description" in w for w in warnings_of(without))
    # two titles of one slug on a page: each entry keeps a term of its own
    page = soup(with_, "index.html")
    tips = {
        a.get_text(): _text(
            page.select_one(f"#{a['aria-describedby']} .mt-tip-summary")
        )
        for a in page.select("a.mt-ref")
    }
    assert tips["C++"] == "A language that grew out of C with classes."
    assert tips["C#"] == "A language of the .NET runtime."
    assert sorted(_exported(with_)) == ["c", "c-2", "gear"]


def test_other_projects_link_adopted_terms_through_intersphinx(
    built: Built, tmp_path_factory: pytest.TempPathFactory
) -> None:
    provider = built("adopt", True)
    outdir = provider.outdir
    apps = {}
    for extensions in (["sphinx.ext.intersphinx"], None):
        srcdir = tmp_path_factory.mktemp("adopt-consumer") / "src"
        shutil.copytree(ROOTS / "test-adopt-consumer", srcdir)
        # a new mapping each time: Sphinx rewrites the one it is given
        mapping = {"bikes": (str(outdir), str(outdir / "objects.inv"))}
        overrides: dict[str, Any] = {"intersphinx_mapping": mapping}
        if extensions is not None:
            overrides["extensions"] = extensions
        app = SphinxTestApp(
            "html", srcdir=srcdir, freshenv=True, confoverrides=overrides
        )
        try:
            app.build()
        finally:
            app.cleanup()
        apps[extensions is None] = app
    plain, with_ = apps[False], apps[True]
    assert warnings_of(with_) == []

    def links(app: SphinxTestApp, kind: str) -> list[tuple[str, str]]:
        return [
            (str(a["href"]), a.get_text())
            for a in soup(app, "index.html").select("a.reference")
            if a.select_one(f".{kind}") is not None
        ]

    # Sphinx's :term: links to the other project stay as Sphinx makes them
    terms = links(with_, "std-term")
    assert terms == links(plain, "std-term")
    assert [href.rsplit("/", 1)[-1] for href, _ in terms] == [
        "parts.html#term-Chain",
        "parts.html#term-Rear-cluster",
    ]
    # and :mt: finds the adopted terms in its inventory, at the same anchors
    assert [href.rsplit("/", 1)[-1] for href, _ in links(with_, "mt")] == [
        "parts.html#term-Chain",
        "parts.html#term-Cassette",
    ]


@pytest.mark.parametrize("root", ["adopt-namesakes", "adopt-namesakes-myst"])
def test_entries_whose_titles_slug_alike_on_two_pages_stay_apart(
    make_app: Callable[..., SphinxTestApp], copy_root: Callable[[str], Path], root: str
) -> None:
    """ "C++" and "C#" on two pages are two terms to Sphinx, which warns about
    neither: no warning is added, and neither entry shows the other's
    text or referrers."""
    base = ["myst_parser"] if root.endswith("-myst") else []
    found = {}
    for extension in (False, True):
        overrides: dict[str, Any] = {
            "extensions": base + (["sphinx_modelterms"] if extension else [])
        }
        if extension:
            overrides["modelterms_glossary_details"] = True
        app = make_app(
            "html",
            srcdir=copy_root(root, f"{root}-{extension}"),
            freshenv=True,
            confoverrides=overrides,
        )
        app.build()
        app.cleanup()
        found[extension] = app
    without, with_ = found[False], found[True]
    assert warnings_of(with_) == warnings_of(without) == []
    assert term_links(with_) == term_links(without)
    summaries = _entry_summaries(with_)
    for page in source_pages(with_):
        html = f"{page}.html"
        page_soup = soup(with_, html)
        for link in page_soup.select("a.mt-ref"):
            href = str(link["href"])
            target = html + href if href.startswith("#") else href
            tip = page_soup.select_one(f"#{link['aria-describedby']} .mt-tip-summary")
            assert tip is not None and _text(tip) == summaries[target], target
    # the glossary of the second page lists its own referrers, not those
    # of its namesakes (the first page links only "C++" and "file object")
    for dd in soup(with_, "files.html").select("dl.glossary > dd"):
        assert "Namesakes" not in _text(dd)
    # and the first page's entries, which took the next free ids, list theirs
    shown = [_text(dd) for dd in soup(with_, "langs.html").select("dl.glossary > dd")]
    assert shown == [
        "Systems language with templates and destructors. Referenced from: Namesakes",
        "Anything with read and write methods. Referenced from: Namesakes",
    ]


def test_a_translated_glossary_keeps_the_names_the_prose_links_by(
    make_app: Callable[..., SphinxTestApp], copy_root: Callable[[str], Path]
) -> None:
    """An entry translated by a catalog shows its translated name, and its
    name in the source language, by which the untranslated ``:term:`` links
    find it (Sphinx registers both), stays one of its names."""
    app = make_app("html", srcdir=copy_root("adopt-i18n"), freshenv=True)
    app.build()
    app.cleanup()
    assert warnings_of(app) == []
    exported = _exported(app)
    assert exported["hebel"]["title"] == "Hebel"
    assert exported["hebel"]["aliases"] == ["lever"]
    assert exported["drehpunkt"]["aliases"] == ["fulcrum"]
    domain = app.env.get_domain("mt")
    assert domain.relations.pages("hebel") == domain.relations.pages("drehpunkt")
    assert domain.relations.pages("hebel") == ["index"]
    tip = soup(app, "index.html").select_one("#mt-tip-hebel .mt-tip-summary")
    assert tip is not None and _text(tip) == (
        "Eine starre Stange, die sich um einen Punkt dreht."
    )


def test_namesake_ids_follow_the_entries_on_a_rebuild(
    make_app: Callable[..., SphinxTestApp], copy_root: Callable[[str], Path]
) -> None:
    """The entry that took the next free id gets its own back on a rebuild
    once the entry that held it is gone, as a build from scratch gives it;
    one term twice (which Sphinx warns about) keeps one id."""
    srcdir = copy_root("adopt-namesakes")

    def built(source: Path, **kwargs: Any) -> SphinxTestApp:
        app = make_app("html", srcdir=source, **kwargs)
        app.build()
        app.cleanup()
        return app

    def ids(app: SphinxTestApp) -> dict[str, str]:
        page = soup(app, "index.html")
        return {a.get_text(): str(a["data-mt-term"]) for a in page.select("a.mt-ref")}

    app = built(srcdir, freshenv=True)
    assert ids(app) == {"C++": "c-2", "file object": "file-object-2"}
    # the entry that held "c" is gone; the other page is not read again
    files = srcdir / "files.rst"
    files.write_text(files.read_text("utf8").replace("   C#\n", "   C sharp\n"), "utf8")
    app = built(srcdir)
    assert ids(app) == {"C++": "c", "file object": "file-object-2"}
    # and the same term on a third page is the same term, under the same id
    (srcdir / "again.rst").write_text(
        "Again\n=====\n\n.. glossary::\n\n   file object\n      Once more.\n",
        "utf8",
    )
    index = srcdir / "index.rst"
    index.write_text(
        index.read_text("utf8").replace("   files\n", "   files\n   again\n"), "utf8"
    )
    app = built(srcdir)
    assert [w for w in warnings_of(app) if "modelterms" in w] == []
    fresh = built(copy_root_again(srcdir), freshenv=True)
    assert (
        records_of(app)
        == records_of(fresh)
        == [
            ("again", "file object", "file-object"),
            ("files", "C sharp", "c-sharp"),
            ("files", "file-object", "file-object-2"),
            ("langs", "C++", "c"),
            ("langs", "file object", "file-object"),
        ]
    )


def copy_root_again(srcdir: Path) -> Path:
    """A copy of ``srcdir``'s sources beside it, without its build."""
    copy = srcdir.with_name(srcdir.name + "-fresh")
    shutil.copytree(srcdir, copy, ignore=shutil.ignore_patterns("_build"))
    return copy


def records_of(app: SphinxTestApp) -> list[tuple[str, str, str]]:
    """Every term record: ``(page, title, id)``, sorted."""
    store = app.env.get_domain("mt").store
    return sorted(
        (t.docname, t.title, t.id) for i in store.ids() for t in store.records(i)
    )
