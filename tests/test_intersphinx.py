"""Terms are Sphinx objects: objects.inv, search, genindex and intersphinx.

The provider project is built once; the consumer links to it through
``sphinx.ext.intersphinx`` with the provider's output folder as its
inventory location.
"""

from __future__ import annotations

import json
import re
import shutil
import zlib
from typing import TYPE_CHECKING, Any, NamedTuple

import pytest
from sphinx.testing.util import SphinxTestApp

from .conftest import ROOTS, soup, warnings_of

if TYPE_CHECKING:
    from pathlib import Path

    from bs4 import Tag

# id -> (page, title, aliases) of every provider term
PROVIDER_TERMS = {
    "rlhf": (
        "training",
        "Reinforcement Learning from Human Feedback",
        ["RLHF", "learning from human preferences"],
    ),
    "reward-model": ("training", "Reward Model", ["RM"]),
    "alignment": ("safety", "Alignment", []),
}
UNKNOWN = "index.rst:15: WARNING: unknown term 'nowhere-term' [modelterms.unknown]"


def _build(
    tmp_path_factory: pytest.TempPathFactory, name: str, **kwargs: Any
) -> SphinxTestApp:
    srcdir = tmp_path_factory.mktemp(name) / "src"
    shutil.copytree(ROOTS / f"test-{name}", srcdir)
    app = SphinxTestApp("html", srcdir=srcdir, freshenv=True, **kwargs)
    try:
        app.build()
    finally:
        app.cleanup()  # docutils' registries are global; outputs stay
    return app


@pytest.fixture(scope="module")
def provider(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    app = _build(tmp_path_factory, "intersphinx-provider")
    assert warnings_of(app) == []
    return app


@pytest.fixture(scope="module")
def consumer(
    tmp_path_factory: pytest.TempPathFactory, provider: SphinxTestApp
) -> SphinxTestApp:
    outdir = provider.outdir
    mapping = {"provider": (str(outdir), str(outdir / "objects.inv"))}
    return _build(
        tmp_path_factory,
        "intersphinx-consumer",
        confoverrides={"intersphinx_mapping": mapping},
    )


def _paragraph(app: SphinxTestApp, label: str) -> Tag:
    """The consumer's paragraph that starts with ``label``."""
    for para in soup(app, "index.html").select("div.body p"):
        if para.get_text().startswith(label):
            return para
    raise AssertionError(label)


class _Item(NamedTuple):
    project_name: str
    project_version: str
    uri: str
    display_name: str


def _load_inventory(path: Path) -> dict[str, dict[str, _Item]]:
    """Read an objects.inv (version 2) by its documented format.

    Sphinx's own loader changed shape between 8.0 and 9.0, so the test reads
    the file the way any consumer would: four header lines, then zlib.
    """
    raw = path.read_bytes()
    header = raw.split(b"\n", 4)
    assert header[0] == b"# Sphinx inventory version 2"
    project = header[1].decode().removeprefix("# Project: ")
    version = header[2].decode().removeprefix("# Version: ")
    data: dict[str, dict[str, _Item]] = {}
    for line in zlib.decompress(header[4]).decode("utf8").splitlines():
        match = re.match(r"(.+?)\s+(\S+:\S+)\s+(-?\d+)\s+(\S+)\s+(.*)", line)
        assert match, line
        name, objtype, _prio, uri, dispname = match.groups()
        uri = uri.removesuffix("$") + name if uri.endswith("$") else uri
        display = name if dispname == "-" else dispname
        data.setdefault(objtype, {})[name] = _Item(project, version, uri, display)
    return data


# -- the provider's objects ---------------------------------------------------


def test_objects_inv_lists_every_term(provider: SphinxTestApp) -> None:
    data = _load_inventory(provider.outdir / "objects.inv")
    terms = data["mt:term"]
    assert sorted(terms) == sorted(PROVIDER_TERMS)
    for term_id, (doc, title, _) in PROVIDER_TERMS.items():
        item = terms[term_id]
        assert item.uri == f"{doc}.html#mt-{term_id}"
        assert item.display_name == title
        assert item.project_name == "Provider"
        assert item.project_version == "1.0"


def test_search_index_lists_terms_as_objects(provider: SphinxTestApp) -> None:
    text = (provider.outdir / "searchindex.js").read_text("utf8")
    prefix, suffix = "Search.setIndex(", ")"
    assert text.startswith(prefix)
    assert text.endswith(suffix)
    index = json.loads(text[len(prefix) : -len(suffix)])
    objects = {
        (index["docnames"][doc], index["objtypes"][str(typ)], prio, anchor, name)
        for doc, typ, prio, anchor, name in index["objects"][""]
    }
    assert objects == {
        (doc, "mt:term", 1, f"mt-{term_id}", title)
        for term_id, (doc, title, _) in PROVIDER_TERMS.items()
    }
    assert index["objnames"][str(next(iter(index["objtypes"])))][:2] == [
        "mt",
        "term",
    ]


def test_genindex_lists_titles_and_aliases(provider: SphinxTestApp) -> None:
    links = {
        (a.get_text(" ", strip=True), str(a["href"]))
        for a in soup(provider, "genindex.html").select("table.indextable a")
    }
    for term_id, (doc, title, aliases) in PROVIDER_TERMS.items():
        for name in [title, *aliases]:
            assert (name, f"{doc}.html#mt-{term_id}") in links, name
    # the title is the main entry
    strong = [
        s.get_text()
        for s in soup(provider, "genindex.html").select("table.indextable a > strong")
    ]
    assert sorted(strong) == sorted(t for _, t, _ in PROVIDER_TERMS.values())


# -- the consumer ---------------------------------------------------------------


def _points_to_provider(href: str, provider: SphinxTestApp, page: str) -> bool:
    return href == f"{provider.outdir.as_posix()}/{page}"


def test_external_role_links_to_provider(
    consumer: SphinxTestApp, provider: SphinxTestApp
) -> None:
    (link,) = _paragraph(consumer, "External:").select("a")
    assert _points_to_provider(str(link["href"]), provider, "training.html#mt-rlhf")
    assert "external" in link["class"]


def test_plain_role_falls_back_to_intersphinx(
    consumer: SphinxTestApp, provider: SphinxTestApp
) -> None:
    para = _paragraph(consumer, "Fallback:")
    assert para.select(".mt-missing") == []
    (link,) = para.select("a")
    assert _points_to_provider(str(link["href"]), provider, "training.html#mt-rlhf")


def test_plain_role_fallback_gives_no_warning(consumer: SphinxTestApp) -> None:
    spurious = [line for line in warnings_of(consumer) if "'rlhf'" in line]
    assert spurious == [], (
        "the :mt: reference that intersphinx resolved still got a "
        "modelterms.unknown warning (the late missing-reference handler runs "
        "even when intersphinx returned a node)"
    )


def test_plain_role_fallback_keeps_its_text(consumer: SphinxTestApp) -> None:
    (link,) = _paragraph(consumer, "Fallback:").select("a")
    assert link.get_text() == "rlhf", (
        "SPEC: the text of :mt:`rlhf` stays as written; resolved through "
        f"intersphinx it shows {link.get_text()!r}"
    )


def test_unknown_everywhere_warns_once_and_renders_missing(
    consumer: SphinxTestApp,
) -> None:
    about = [line for line in warnings_of(consumer) if "nowhere-term" in line]
    assert about == [UNKNOWN]
    para = _paragraph(consumer, "Missing:")
    assert para.select("a") == []
    (missing,) = para.select(".mt-missing")
    assert missing.name == "span"
    assert missing.get_text() == "nowhere-term"


def test_consumer_warnings_are_exactly_the_unknown_term(
    consumer: SphinxTestApp,
) -> None:
    assert warnings_of(consumer) == [UNKNOWN], (
        "only the target neither project has may warn"
    )


def test_local_term_wins_over_provider(consumer: SphinxTestApp) -> None:
    page = soup(consumer, "index.html")
    assert page.select_one("div.mt-card#mt-alignment") is not None
    (link,) = _paragraph(consumer, "Local:").select("a")
    assert link["href"] == "#mt-alignment"
    assert link["data-mt-term"] == "alignment"
    assert {"mt-ref", "reference", "internal"} <= set(link["class"])
    hrefs = [str(a["href"]) for a in page.select("a[href]")]
    assert not [h for h in hrefs if "safety.html" in h]
