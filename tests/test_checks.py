"""The termcheck builder: report files, warnings, and -W."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from .conftest import assert_fails_on_warnings, warnings_of

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from sphinx.testing.util import SphinxTestApp


@pytest.mark.sphinx("termcheck", testroot="basic")
def test_report_of_the_basic_project(app: SphinxTestApp) -> None:
    app.build()
    data = json.loads((app.outdir / "termcheck.json").read_text("utf8"))
    assert [f["term"] for f in data["unreferenced"]] == ["jailbreak"]
    assert [f["term"] for f in data["missing-example"]] == ["jailbreak", "rlhf"]
    assert [f["term"] for f in data["missing-source"]] == ["jailbreak", "rlhf"]
    assert data["missing-category"] == data["missing-level"] == []
    assert data["failed-reference"] == [
        {"docname": "index", "line": 33, "text": "nothing-here"}
    ]
    text = (app.outdir / "termcheck.txt").read_text("utf8")
    assert "unreferenced: 1\n  index.rst:27  jailbreak\n" in text
    # in file and line order, as builds with modelterms_checks give them
    assert warnings_of(app) == [
        "index.rst:33: WARNING: unknown term 'nothing-here' [modelterms.unknown]",
        "index.rst:27: WARNING: term 'jailbreak' is not referenced from any other page "
        "[modelterms.check]",
        "index.rst:27: WARNING: term 'jailbreak' has no example [modelterms.check]",
        "index.rst:27: WARNING: term 'jailbreak' has no source [modelterms.check]",
        "rlhf.rst:1: WARNING: term 'rlhf' has no example [modelterms.check]",
        "rlhf.rst:1: WARNING: term 'rlhf' has no source [modelterms.check]",
    ]


@pytest.mark.sphinx("termcheck", testroot="warnings")
def test_shared_names_and_related_entries(app: SphinxTestApp) -> None:
    app.build()
    data = json.loads((app.outdir / "termcheck.json").read_text("utf8"))
    shared = [(f["term"], f["alias"]) for f in data["shared-alias"]]
    assert ("beta", "shared") in shared and ("gamma", "shared") in shared
    nowhere = [(f["term"], f["target"]) for f in data["related-nowhere"]]
    assert nowhere == [("alpha", "alpha"), ("alpha", "missing-term")]
    assert {f["term"] for f in data["missing-level"]} >= {"alpha", "beta", "gamma"}


def test_warnings_as_errors_fail(
    make_app: Callable[..., SphinxTestApp], copy_root: Callable[[str], Path]
) -> None:
    app = make_app("termcheck", srcdir=copy_root("basic"), warningiserror=True)
    assert_fails_on_warnings(app)
