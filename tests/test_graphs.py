"""term-graph and card maps: SVG drawn by Graphviz, lists without it."""

from __future__ import annotations

import os
import shutil
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

import pytest

from .conftest import soup, warnings_of

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from sphinx.testing.util import SphinxTestApp

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"

needs_dot = pytest.mark.skipif(
    not shutil.which("dot") and not os.environ.get("CI"),
    reason="Graphviz's dot is missing (CI installs it)",
)


def drawings(app: SphinxTestApp, page: str) -> list[ET.Element]:
    """The SVG root of every drawing on ``page``, in page order."""
    out = []
    for obj in soup(app, page).select(".mt-graph object"):
        path = (app.outdir / page).parent / obj["data"]
        out.append(ET.parse(path).getroot())
    return out


def boxes(svg: ET.Element) -> dict[str, tuple[str, str, str]]:
    """key -> (classes, link, hover text) of every box."""
    found = {}
    for group in svg.iter(f"{SVG}g"):
        classes = group.get("class", "")
        if "node" not in classes.split():
            continue
        link = group.find(f".//{SVG}a")
        href = link.get(f"{XLINK}href", "") if link is not None else ""
        title = group.find(f"{SVG}title")
        key = group.get("id", "").removeprefix("mt-graph-")
        found[key] = (classes, href, title.text if title is not None else "")
    return found


def edges(svg: ET.Element) -> set[tuple[str, str]]:
    found = set()
    for group in svg.iter(f"{SVG}g"):
        if "edge" in group.get("class", "").split():
            title = group.find(f"{SVG}title").text  # type: ignore[union-attr]
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
    # links are relative to the SVG (in _images/) and reach the card
    assert href == "../terms.html#mt-rlhf"
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
        "category-training",
        "guardrails",
        "jailbreak",
    ]
    link = boxes(safety_part)["category-training"][1]
    assert link.startswith("../maps.html#mt-graph-") and link.endswith("-training")
    assert ("jailbreak--category:Training", "mt-edge-cross") in edges(safety_part)
    assert sorted(boxes(training_part)) == [
        "category-safety",
        "dpo",
        "reward-model",
        "rlhf",
    ]
    assert sorted(boxes(safety_only)) == ["guardrails", "jailbreak"]
    titles = [r.get_text() for r in soup(app, "maps.html").select(".mt-graph-title")]
    assert titles == ["Training", "Safety"]


@needs_dot
def test_card_maps(build: Callable[..., SphinxTestApp]) -> None:
    app = build("graphs", confoverrides={"modelterms_card_graph": True})
    page = soup(app, "terms.html")
    assert (
        page.select_one("#mt-rlhf .mt-map-title").get_text() == "Map of related terms"
    )
    svg = drawings(app, "terms.html")[0]
    assert sorted(boxes(svg)) == ["dpo", "reward-model", "rlhf"]
    # a term without relations gets no map
    assert soup(app, "index.html").select("#mt-home-term .mt-graph") == []


@needs_dot
def test_card_maps_in_a_project_without_term_graphs(
    build: Callable[..., SphinxTestApp],
) -> None:
    app = build("basic", confoverrides={"modelterms_card_graph": True})
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


def test_missing_dot_warns_once_and_lists(build: Callable[..., SphinxTestApp]) -> None:
    app = build("graphs", confoverrides={"graphviz_dot": "/nonexistent/dot"})
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
@pytest.mark.parametrize("buildername", ["latex", "text"])
def test_other_builders(build: Callable[..., SphinxTestApp], buildername: str) -> None:
    app = build("graphs", buildername)
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
