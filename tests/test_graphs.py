"""term-graph and card maps: SVG drawn by Graphviz, lists without it."""

from __future__ import annotations

import math
import os
import re
import shutil
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

import pytest
from sphinx.testing.util import SphinxTestApp

from .conftest import ROOTS, builders, soup, warnings_of

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

SVG_NS = "{http://www.w3.org/2000/svg}"
needs_dot = pytest.mark.skipif(
    not shutil.which("dot") and not os.environ.get("CI"),
    reason="Graphviz's dot is missing (CI installs it)",
)


def drawings(app: SphinxTestApp, page: str) -> list[ET.Element]:
    """The SVG of every drawing on ``page`` (written into the page), in
    page order, its tags without their namespace."""
    found = []
    for markup in soup(app, page).select(".mt-graph > svg"):
        svg = ET.fromstring(str(markup))
        for element in svg.iter():
            element.tag = str(element.tag).removeprefix(SVG_NS)
        found.append(svg)
    return found


def boxes(svg: ET.Element) -> dict[str, tuple[str, str, str]]:
    """term id (or ``category:<name>``) -> (classes, link, hover text) of
    every box."""
    found = {}
    for group in svg.iter("g"):
        classes = group.get("class", "")
        if "node" not in classes.split():
            continue
        link = group.find(".//a")
        href = link.get("href", "") if link is not None else ""
        title = group.find("title")
        key = group.get("data-mt-term") or "category:" + group.get(
            "data-mt-category", ""
        )
        found[key] = (classes, href, title.text if title is not None else "")
    return found


def edges(svg: ET.Element) -> set[tuple[str, str]]:
    found = set()
    for group in svg.iter("g"):
        if "edge" in group.get("class", "").split():
            title = group.find("title").text  # type: ignore[union-attr]
            kind = group.get("class", "").split()[-1]
            found.add((title, kind))
    return found


@needs_dot
@pytest.mark.sphinx("html", testroot="graphs")
@pytest.mark.test_params(shared_result="test_graphs-graphs")
def test_whole_set_graph(app: SphinxTestApp) -> None:
    app.build()
    assert warnings_of(app) == []
    svg = drawings(app, "maps.html")[0]
    found = boxes(svg)
    assert sorted(found) == ["dpo", "guardrails", "jailbreak", "reward-model", "rlhf"]
    classes, href, hover = found["rlhf"]
    assert "mt-cat-training" in classes.split()
    assert "mt-cat-safety" in found["jailbreak"][0].split()
    # the picture is part of the page: links are relative to it
    assert href == "terms.html#mt-rlhf"
    assert hover == (
        "Reinforcement Learning from Human Feedback: Tuning a model against a "
        "reward learned from human preferences."
    )
    assert edges(svg) == {
        ("dpo--rlhf", "mt-edge-compared"),
        ("reward-model--rlhf", "mt-edge-related"),
        ("jailbreak--reward-model", "mt-edge-related"),
        ("guardrails--jailbreak", "mt-edge-related"),
    }


@needs_dot
@pytest.mark.sphinx("html", testroot="graphs")
@pytest.mark.test_params(shared_result="test_graphs-graphs")
def test_neighbourhood_split_and_filtered_graphs(app: SphinxTestApp) -> None:
    app.build()
    # parts follow modelterms_categories: Training, then Safety
    around, training_part, safety_part, safety_only = drawings(app, "maps.html")[1:]
    assert sorted(boxes(around)) == ["dpo", "reward-model", "rlhf"]
    # more terms than :max-nodes: one drawing per category, with a box for
    # the other category that links to its drawing
    assert sorted(boxes(safety_part)) == [
        "category:Training",
        "guardrails",
        "jailbreak",
    ]
    link = boxes(safety_part)["category:Training"][1]
    assert link.startswith("#mt-graph-") and link.endswith("-training")
    assert ("jailbreak--category:Training", "mt-edge-cross") in edges(safety_part)
    assert sorted(boxes(training_part)) == [
        "category:Safety",
        "dpo",
        "reward-model",
        "rlhf",
    ]
    assert sorted(boxes(safety_only)) == ["guardrails", "jailbreak"]
    titles = [r.get_text() for r in soup(app, "maps.html").select(".mt-graph-title")]
    assert titles == ["Training", "Safety"]


@needs_dot
@pytest.mark.sphinx(
    "html", testroot="graphs", confoverrides={"modelterms_card_graph": True}
)
def test_card_maps(app: SphinxTestApp) -> None:
    app.build()
    page = soup(app, "terms.html")
    assert (
        page.select_one("#mt-rlhf .mt-map-title").get_text() == "Map of related terms"
    )
    svg = drawings(app, "terms.html")[0]
    assert sorted(boxes(svg)) == ["dpo", "reward-model", "rlhf"]
    # a term without relations gets no map
    assert soup(app, "index.html").select("#mt-home-term .mt-graph") == []


@needs_dot
@pytest.mark.sphinx(
    "html", testroot="basic", confoverrides={"modelterms_card_graph": True}
)
def test_card_maps_in_a_project_without_term_graphs(app: SphinxTestApp) -> None:
    app.build()
    page = soup(app, "index.html")
    assert page.select_one("#mt-alignment .mt-map-title") is not None
    # the sections the build generates go around the map: questions and
    # related terms before it, "Referenced from" after the sources
    titles = page.select("#mt-alignment .mt-section-title, #mt-alignment .mt-map-title")
    assert [t.get_text() for t in titles] == [
        "Explanation",
        "Examples",
        "Frequently asked",
        "Related terms",
        "Map of related terms",
        "Sources",
        "Referenced from",
    ]
    assert [b for b in page.select(".mt-graph-block") if not b.contents] == []


@pytest.mark.sphinx(
    "html", testroot="graphs", confoverrides={"graphviz_dot": "/nonexistent/dot"}
)
def test_missing_dot_warns_once_and_lists(app: SphinxTestApp) -> None:
    app.build()
    assert warnings_of(app) == [
        "maps.rst:7: WARNING: Graphviz's dot program '/nonexistent/dot' was not "
        "found; term graphs are shown as lists of relations (install Graphviz or "
        "set graphviz_dot) [modelterms.graph]"
    ]
    page = soup(app, "maps.html")
    assert page.select(".mt-graph") == []
    first = page.select(".mt-graph-list")[0]
    rows = [" ".join(li.get_text().split()) for li in first.select("li")]
    assert rows[0] == (
        "Direct Preference Optimization: related to Reinforcement Learning from "
        "Human Feedback"
    )
    assert all(a["data-mt-term"] for a in first.select("a.mt-ref"))


@needs_dot
@pytest.mark.parametrize("buildername", builders("graphs", "latex", "text"))
def test_other_builders(app: SphinxTestApp, buildername: str) -> None:
    app.build()
    assert warnings_of(app) == []
    if buildername == "latex":
        tex = next(app.outdir.glob("*.tex")).read_text("utf8")
        assert tex.count(r"\sphinxincludegraphics[]{mt-graph-") == 5
        assert list(app.outdir.glob("mt-graph-*.pdf"))
    else:
        text = (app.outdir / "maps.txt").read_text("utf8").replace("*", "")
        assert "Reward model: related to Jailbreak, Reinforcement Learning" in text


@needs_dot
def test_graph_follows_a_changed_relation(
    make_app: Callable[..., SphinxTestApp], copy_root: Callable[[str], Path]
) -> None:
    srcdir = copy_root("graphs")
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    app.cleanup()
    path = srcdir / "terms.rst"
    path.write_text(
        path.read_text("utf8").replace(":related: guardrails", ":related: dpo"), "utf8"
    )
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))
    app = make_app("html", srcdir=srcdir)
    app.build()
    app.cleanup()
    found = edges(drawings(app, "maps.html")[0])
    assert ("dpo--jailbreak", "mt-edge-related") in found
    assert ("guardrails--jailbreak", "mt-edge-related") not in found


@needs_dot
@pytest.mark.sphinx("html", testroot="graphs")
@pytest.mark.test_params(shared_result="test_graphs-graphs")
def test_drawings_are_part_of_the_page(app: SphinxTestApp) -> None:
    """Written into the page (where its stylesheet colours them), with ids
    unique on the page, and labels never shown below 12 px."""
    app.build()
    page = (app.outdir / "maps.html").read_text("utf8")
    assert "<object" not in page
    assert "xlink:" not in page
    assert "ns0:" not in page
    assert not list(app.outdir.glob("_images/mt-graph-*"))  # no second copy
    ids = [tag["id"] for tag in soup(app, "maps.html").select("[id]")]
    assert len(ids) == len(set(ids))
    for svg in drawings(app, "maps.html"):
        assert svg.get("class") == "mt-graph-svg"
        width = float(svg.get("viewbox", "").split()[2])  # (HTML: lower case)
        # at its least width a unit of the view box is a pixel: 12 px labels
        assert svg.get("style") == f"min-width: {math.ceil(width)}px"
        sizes = {t.get("font-size") for t in svg.iter("text")}
        assert sizes == {"12.00"}
        for group in svg.iter("g"):
            if "mt-graph-node" in group.get("class", "").split():
                assert re.search(r"\bmt-colour-\d\b", group.get("class", ""))
    rlhf = boxes(drawings(app, "maps.html")[0])["rlhf"]
    label = [t.text for t in drawings(app, "maps.html")[0].iter("text")]
    # a long title is set on two lines, so its box stays narrow
    assert "Reinforcement Learning" in label and "from Human Feedback" in label
    assert rlhf[1] == "terms.html#mt-rlhf"


@pytest.fixture(scope="module")
def dense(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SphinxTestApp]:
    """The dense root (49 terms within two steps of one), built once."""
    srcdir = tmp_path_factory.mktemp("dense") / "src"
    shutil.copytree(ROOTS / "test-graphs-dense", srcdir)
    app = SphinxTestApp("html", srcdir=srcdir, freshenv=True)
    try:
        app.build()
        yield app
    finally:
        app.cleanup()


@needs_dot
def test_dense_neighbourhood_names_the_terms_it_leaves_out(
    dense: SphinxTestApp,
) -> None:
    assert warnings_of(dense) == []
    page = soup(dense, "around.html")
    two_steps, one_step = drawings(dense, "around.html")
    drawn = boxes(two_steps)
    # modelterms_graph_max_nodes (40) terms, the nearest first
    assert len(drawn) == 40
    assert {"core", *(f"branch-{b}" for b in "abcdefgh")} <= set(drawn)
    (more,) = page.select(".mt-graph-more")
    assert " ".join(more.get_text().split()) == (
        "9 more terms within 2 steps of Core are not drawn: Leaf G2, Leaf G3, "
        "Leaf G4, Leaf G5, Leaf H1, Leaf H2, Leaf H3, Leaf H4, Leaf H5."
    )
    links = more.select("a.mt-ref")
    assert [a["data-mt-term"] for a in links][:2] == ["core", "leaf-g2"]
    assert links[1]["href"] == "terms.html#mt-leaf-g2"
    assert not set(drawn) & {a["data-mt-term"] for a in links[1:]}
    # the sentence sits under its drawing, inside the graph's block
    assert more.find_parent(class_="mt-graph-block") is not None
    assert len(boxes(one_step)) == 9  # within the limit: nothing left out
    # the term the neighbourhood is drawn around stands out
    centres = [
        k for k, (classes, *_rest) in drawn.items() if "mt-graph-centre" in classes
    ]
    assert centres == ["core"]


@needs_dot
def test_dense_neighbourhood_in_myst(dense: SphinxTestApp) -> None:
    (svg,) = drawings(dense, "around-myst.html")
    assert sorted(boxes(svg)) == ["branch-a", "core", "leaf-a1", "leaf-a2"]
    (more,) = soup(dense, "around-myst.html").select(".mt-graph-more")
    assert " ".join(more.get_text().split()) == (
        "11 more terms within 2 steps of Branch A are not drawn: Branch B, "
        "Branch C, Branch D, Branch E, Branch F, Branch G, Branch H, Leaf A3, "
        "Leaf A4, Leaf A5, Twig."
    )


@needs_dot
@pytest.mark.sphinx(
    "text", testroot="graphs-dense", confoverrides={"modelterms_graph_max_nodes": 48}
)
def test_dense_neighbourhood_text_builder(app: SphinxTestApp) -> None:
    app.build()
    text = (app.outdir / "around.txt").read_text("utf8").replace("*", "")
    assert "1 more term within 2 steps of Core is not drawn: Leaf H5." in text


@needs_dot
@pytest.mark.sphinx("epub", testroot="graphs")
def test_epub_pages_hold_the_drawing_as_svg(app: SphinxTestApp) -> None:
    """EPUB pages are XHTML: the drawing must be in SVG's namespace there."""
    app.build()
    assert [w for w in warnings_of(app) if "modelterms" in w] == []
    page = ET.parse(app.outdir / "maps.xhtml").getroot()
    found = [
        svg for svg in page.iter(f"{SVG_NS}svg") if svg.get("class") == "mt-graph-svg"
    ]
    assert len(found) == 5
    texts = [t.text for t in found[0].iter(f"{SVG_NS}text")]
    assert "Guardrails" in texts
