"""The :mt: role against a real build: resolution order, explicit titles,
the domain role, :any:, and the objects Sphinx indexes."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from sphinx_modelterms import __version__
from sphinx_modelterms.domain import DATA_REVISION, ModelTermsDomain
from sphinx_modelterms.model import layout_version

from .conftest import soup, warnings_of

if TYPE_CHECKING:
    from sphinx.testing.util import SphinxTestApp


@pytest.fixture(
    params=[
        pytest.param(root, marks=pytest.mark.sphinx("html", testroot=root))
        for root in ["resolution", "resolution-myst"]
    ]
)
def app(app: SphinxTestApp) -> SphinxTestApp:
    """Sphinx's app for each root, built."""
    app.build()
    return app


def links(app: SphinxTestApp) -> list[tuple[str, str | None]]:
    """(text, term id or "missing") of every reference in the "refs" list."""
    items = soup(app, "index.html").select("#refs li")
    out = []
    for item in items:
        link = item.select_one("a.mt-ref, a.reference, .mt-missing")
        assert link is not None, item
        term = link.get("data-mt-term") or (
            "missing" if "mt-missing" in link["class"] else None
        )
        out.append((link.get_text(), term))
    return out


def test_resolution_order(app: SphinxTestApp) -> None:
    assert links(app) == [
        ("rlhf", "rlhf"),  # id
        ("Reward Model", "reward-model"),  # slug of the text
        ("reinforcement learning from human feedback", "rlhf"),  # title, case
        ("RLHF", "rlhf"),  # alias
        ("jailbreaks", "jailbreak"),  # plural fold
        ("reward models", "reward-model"),  # plural fold of a title
        ("the feedback loop", "rlhf"),  # explicit title
        ("domain role", "jailbreak"),  # :mt:term:
        ("RM", "missing"),  # shared alias: ambiguous
        ("unheard-of", "missing"),
    ]


def test_any_role_matches_ids(app: SphinxTestApp) -> None:
    link = soup(app, "index.html").select_one("#any a")
    assert link["href"] == "#mt-dpo"
    assert link["data-mt-term"] == "dpo"


def test_warnings_name_both_candidates(app: SphinxTestApp) -> None:
    ext = "md" if (app.srcdir / "index.md").exists() else "rst"
    found = [w.split(": ", 1)[1] for w in warnings_of(app)]
    assert found == [
        f"WARNING: term reference 'RM' is ambiguous; it matches reward-model "
        f"('Reward model', index.{ext}:{19 if ext == 'rst' else 20}), "
        f"risk-matrix ('Risk matrix', index.{ext}:{24 if ext == 'rst' else 26}) "
        "[modelterms.ambiguous]",
        "WARNING: unknown term 'unheard-of' [modelterms.unknown]",
    ]


def test_general_index_lists_titles_and_aliases(app: SphinxTestApp) -> None:
    entries = {
        a.get_text(): a["href"] for a in soup(app, "genindex.html").select("table a")
    }
    assert entries["Reinforcement Learning from Human Feedback"] == "index.html#mt-rlhf"
    assert entries["RLHF"] == "index.html#mt-rlhf"
    assert entries["Jailbreak"] == "index.html#mt-jailbreak"


def test_objects_and_search_index(app: SphinxTestApp) -> None:
    domain = app.env.get_domain("mt")
    objects = sorted(domain.get_objects())
    assert objects[0] == (
        "dpo",
        "Direct Preference Optimization",
        "term",
        "index",
        "mt-dpo",
        1,
    )
    assert [o[0] for o in objects] == [
        "dpo",
        "jailbreak",
        "reward-model",
        "risk-matrix",
        "rlhf",
    ]
    text = (app.outdir / "searchindex.js").read_text("utf8")
    search = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    term_type = next(k for k, v in search["objtypes"].items() if v == "mt:term")
    found = {
        (anchor, name)
        for entries in search["objects"].values()
        for _doc, objtype, priority, anchor, name in entries
        if str(objtype) == term_type and priority == 1
    }
    assert ("mt-rlhf", "Reinforcement Learning from Human Feedback") in found
    assert len(found) == 5


def test_extension_metadata(app: SphinxTestApp) -> None:
    ext = app.extensions["sphinx_modelterms"]
    assert ext.version == __version__
    assert ext.parallel_read_safe is True
    assert ext.parallel_write_safe is True
    # the stored data's version: a saved environment of another shape is
    # dropped rather than loaded
    version = app.registry.get_envversion(app)["sphinx_modelterms"]
    assert version == ModelTermsDomain.data_version == layout_version(DATA_REVISION)
