"""What the build shares: modelterms.json, JSON-LD, SKOS, imported sets."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

import pytest

from .conftest import build_serial_and_parallel, soup, warnings_of

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from sphinx.testing.util import SphinxTestApp


def jsonld(app: SphinxTestApp, page: str) -> list[dict[str, Any]]:
    html = (app.outdir / page).read_text("utf8")
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', html, re.S
    )
    return [json.loads(block) for block in blocks]


@pytest.mark.sphinx("html", testroot="basic")
@pytest.mark.test_params(shared_result="test_exports-basic")
def test_json_export(app: SphinxTestApp) -> None:
    app.build()
    data = json.loads((app.outdir / "modelterms.json").read_text("utf8"))
    assert data["format"] == "sphinx-modelterms/1"
    ids = [t["id"] for t in data["terms"]]
    assert ids == sorted(ids) == ["alignment", "jailbreak", "rlhf"]
    alignment = data["terms"][0]
    assert alignment["url"] == "index.html#mt-alignment"
    assert alignment["summary_html"] == (
        "Making an AI system pursue the goals its <em>designers</em> intend."
    )
    assert alignment["related"] == ["rlhf"]
    assert alignment["referenced_from"] == ["other.html"]
    assert alignment["faq"] == [{"question": "Is alignment solved?", "answer": "No."}]
    assert data["terms"][2]["aliases"] == ["RLHF"]
    assert data["terms"][2]["fields"] == {"needs_reward_model": "yes"}


def test_json_export_is_the_same_for_parallel_builds(
    make_app: Callable[..., SphinxTestApp],
    copy_root: Callable[[str], Path],
    tmp_path: Path,
) -> None:
    apps = build_serial_and_parallel(make_app, copy_root("parallel"), tmp_path)
    outputs = [
        [
            (app.outdir / name).read_bytes()
            for name in ("modelterms.json", "modelterms.ttl")
        ]
        for app in apps
    ]
    assert outputs[0] == outputs[1]


@pytest.mark.sphinx(
    "html", testroot="basic", confoverrides={"modelterms_jsonld_faq": True}
)
def test_jsonld(app: SphinxTestApp) -> None:
    app.build()
    (graph,) = jsonld(app, "rlhf.html")
    assert graph["@context"] == "https://schema.org"
    term, faq = graph["@graph"]
    assert term["@type"] == "DefinedTerm"
    assert term["name"] == "Reinforcement Learning from Human Feedback"
    assert term["alternateName"] == ["RLHF"]
    assert term["description"].startswith("Fine-tuning a model")
    assert term["url"] == "#mt-rlhf"
    assert term["inDefinedTermSet"]["@type"] == "DefinedTermSet"
    assert faq["@type"] == "FAQPage"
    # the questions and answers the card shows, as text
    card = soup(app, "rlhf.html").select_one("#mt-rlhf")
    shown = [
        (dt.get_text(), " ".join(dd.get_text().split()))
        for dt, dd in zip(card.select("dt"), card.select("dd"), strict=True)
    ]
    assert [
        (q["name"], " ".join(q["acceptedAnswer"]["text"].split()))
        for q in faq["mainEntity"]
    ] == shown
    assert [name for name, _answer in shown] == [
        "What is Reinforcement Learning from Human Feedback?",
        "How is Reinforcement Learning from Human Feedback related to Alignment?",
        "Is Reinforcement Learning from Human Feedback considered intermediate?",
    ]
    assert shown[0][1] == (
        "Fine-tuning a model against a reward learned from human preferences. "
        "In this glossary, Reinforcement Learning from Human Feedback belongs to "
        "the Training category and is also called RLHF."
    )
    assert jsonld(app, "other.html") == []


@pytest.mark.sphinx("html", testroot="basic")
@pytest.mark.test_params(shared_result="test_exports-basic")
def test_jsonld_has_no_faq_page_unless_asked(app: SphinxTestApp) -> None:
    app.build()
    (graph,) = jsonld(app, "rlhf.html")
    assert [block["@type"] for block in graph["@graph"]] == ["DefinedTerm"]


def test_jsonld_addresses_are_absolute_under_html_baseurl(
    make_app: Callable[..., SphinxTestApp], copy_root: Callable[[str], Path]
) -> None:
    base = {"html_baseurl": "https://docs.example.org/en/"}
    app = make_app("html", srcdir=copy_root("basic"), confoverrides=base)
    app.build()
    app.cleanup()  # so that the second app starts clean
    (graph,) = jsonld(app, "rlhf.html")
    (term,) = graph["@graph"]
    assert term["url"] == term["@id"] == "https://docs.example.org/en/rlhf.html#mt-rlhf"
    assert term["inDefinedTermSet"]["url"] == "https://docs.example.org/en/index.html"
    # the terms a page's index or table lists
    app = make_app("html", srcdir=copy_root("listings"), confoverrides=base)
    app.build()
    listed = [
        block
        for page in app.outdir.glob("*.html")
        for graph in jsonld(app, page.name)
        for block in graph["@graph"]
        if "hasDefinedTerm" in block
    ]
    urls = [t["url"] for block in listed for t in block["hasDefinedTerm"]]
    assert urls and all(u.startswith("https://docs.example.org/en/") for u in urls)


@pytest.mark.sphinx("html", testroot="tooltips-hostile")
@pytest.mark.test_params(shared_result="test_exports-hostile")
def test_jsonld_is_inert_whatever_the_text(app: SphinxTestApp) -> None:
    app.build()
    html = (app.outdir / "index.html").read_text("utf8")
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert block is not None
    assert "<" not in block.group(1) and ">" not in block.group(1)
    (graph,) = jsonld(app, "index.html")
    # the title as the card shows it, smart quotes and all
    assert (
        graph["@graph"][0]["name"] == "<script>alert(1)</script> & \u201cquotes\u201d"
    )


@pytest.mark.sphinx("html", testroot="basic")
@pytest.mark.test_params(shared_result="test_exports-basic")
def test_skos_reads_back_as_rdf(app: SphinxTestApp) -> None:
    rdflib = pytest.importorskip("rdflib")
    from rdflib.namespace import RDF, SKOS

    app.build()
    path = app.outdir / "modelterms.ttl"
    graph = rdflib.Graph()
    graph.parse(path.as_uri(), format="turtle")
    concepts = set(graph.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) == 3
    rlhf = rdflib.URIRef((app.outdir / "rlhf.html").as_uri() + "#mt-rlhf")
    assert rlhf in concepts
    labels = {str(o) for o in graph.objects(rlhf, SKOS.prefLabel)}
    assert labels == {"Reinforcement Learning from Human Feedback"}
    assert {str(o) for o in graph.objects(rlhf, SKOS.altLabel)} == {"RLHF"}
    related = set(graph.objects(rlhf, SKOS.related))
    assert related == {
        rdflib.URIRef((app.outdir / "index.html").as_uri() + "#mt-alignment")
    }
    schemes = set(graph.subjects(RDF.type, SKOS.ConceptScheme))
    assert len(schemes) == 1
    assert all((c, SKOS.inScheme, next(iter(schemes))) in graph for c in concepts)
    collections = set(graph.subjects(RDF.type, SKOS.Collection))
    assert len(collections) == 2  # Safety, Training


@pytest.mark.sphinx("html", testroot="tooltips-hostile")
@pytest.mark.test_params(shared_result="test_exports-hostile")
def test_skos_escapes_hostile_text(app: SphinxTestApp) -> None:
    rdflib = pytest.importorskip("rdflib")
    from rdflib.namespace import SKOS

    app.build()
    graph = rdflib.Graph()
    graph.parse((app.outdir / "modelterms.ttl").as_uri(), format="turtle")
    labels = {str(o) for o in graph.objects(None, SKOS.prefLabel)}
    assert "<script>alert(1)</script> & \u201cquotes\u201d" in labels


def test_imported_term_set(
    make_app: Callable[..., SphinxTestApp],
    copy_root: Callable[[str], Path],
    tmp_path: Path,
) -> None:
    provider = make_app("html", srcdir=copy_root("basic"), freshenv=True)
    provider.build()
    provider.cleanup()
    consumer = make_app(
        "html",
        srcdir=copy_root("external-consumer"),
        freshenv=True,
        confoverrides={"modelterms_external": {"prov": str(provider.outdir)}},
    )
    consumer.build()
    consumer.cleanup()
    assert warnings_of(consumer) == [
        "index.rst:17: WARNING: unknown term 'nowhere-term' [modelterms.unknown]"
    ]
    page = soup(consumer, "index.html")
    imported = page.select("a.mt-external")
    assert [(a.get_text(), a["data-mt-term"]) for a in imported] == [
        ("rlhf", "prov:rlhf"),
        ("the feedback method", "prov:rlhf"),
    ]
    target = (consumer.outdir / imported[0]["href"].split("#")[0]).resolve()
    assert target == (provider.outdir / "rlhf.html").resolve()
    assert imported[0]["href"].endswith("#mt-rlhf")
    # the local term wins over the imported one of the same id
    local = page.select_one("a.mt-ref[data-mt-term=alignment]")
    assert local["href"] == "#mt-alignment"
    # the tooltip shows the imported definition
    tip = page.select_one(f"#{imported[0]['aria-describedby']}")
    assert tip["role"] == "tooltip"
    assert (
        tip.select_one(".mt-tip-summary").get_text().startswith("Fine-tuning a model")
    )
    assert (
        tip.select(".mt-category")[0].get_text(" ", strip=True) == "Category: Training"
    )
    # from a nested page the link climbs one more folder
    nested = soup(consumer, "sub/page.html").select_one("a.mt-external")
    target = (consumer.outdir / "sub" / nested["href"].split("#")[0]).resolve()
    assert target == (provider.outdir / "rlhf.html").resolve()


def test_unreadable_term_set_warns(
    make_app: Callable[..., SphinxTestApp],
    copy_root: Callable[[str], Path],
    tmp_path: Path,
) -> None:
    # the setting names a path in the test's folder, known only when it runs
    app = make_app(
        "html",
        srcdir=copy_root("external-consumer"),
        confoverrides={"modelterms_external": {"gone": str(tmp_path / "missing")}},
    )
    app.build()
    found = [w for w in warnings_of(app) if "[modelterms.external]" in w]
    assert len(found) == 1
    assert "term set 'gone' could not be loaded" in found[0]
    assert soup(app, "index.html").select("a.mt-external") == []


def test_changed_term_set_rewrites_the_pages_that_import_it(
    make_app: Callable[..., SphinxTestApp],
    copy_root: Callable[[str], Path],
) -> None:
    """A rebuild that reads no page of its own still sees that an imported
    term set changed, and rewrites the pages whose links and tooltips show
    it."""
    provider_src = copy_root("basic")
    provider = make_app("html", srcdir=provider_src, freshenv=True)
    provider.build()
    provider.cleanup()
    consumer_src = copy_root("external-consumer")
    overrides = {"modelterms_external": {"prov": str(provider.outdir)}}

    def build_consumer(**kwargs: Any) -> SphinxTestApp:
        app = make_app("html", srcdir=consumer_src, confoverrides=overrides, **kwargs)
        app.build()
        app.cleanup()
        return app

    build_consumer(freshenv=True)
    rlhf = provider_src / "rlhf.rst"
    rlhf.write_text(
        rlhf.read_text("utf8").replace("Fine-tuning a model", "Tuning a model"), "utf8"
    )
    provider = make_app("html", srcdir=provider_src)
    provider.build()
    provider.cleanup()
    consumer = build_consumer()
    tip = soup(consumer, "index.html").select_one("#mt-tip-prov--rlhf")
    assert tip is not None
    assert tip.select_one(".mt-tip-summary").get_text().startswith("Tuning a model")
