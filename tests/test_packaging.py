"""What the package promises to the tools around it: the ``termcheck``
builder found by name through its entry point, the typing marker, the files
an installed copy needs."""

from __future__ import annotations

import json
from importlib.metadata import entry_points
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

import sphinx_modelterms

from .conftest import warnings_of

if TYPE_CHECKING:
    from sphinx.testing.util import SphinxTestApp

PACKAGE = Path(sphinx_modelterms.__file__).parent


def test_the_builder_entry_point_names_the_extension() -> None:
    found = entry_points(group="sphinx.builders", name="termcheck")
    assert [ep.value for ep in found] == ["sphinx_modelterms"]


@pytest.mark.sphinx("termcheck", testroot="entrypoint")
def test_termcheck_runs_in_a_project_that_does_not_list_the_extension(
    app: SphinxTestApp,
) -> None:
    assert app.config.extensions == []
    assert "sphinx_modelterms" in app.extensions
    app.build()
    data = json.loads((app.outdir / "termcheck.json").read_text("utf8"))
    assert data["failed-reference"] == [
        {"docname": "index", "line": 23, "text": "nonexistent-thing"}
    ]
    assert [f["term"] for f in data["missing-example"]] == ["jailbreak"]
    assert warnings_of(app)[0] == (
        "index.rst:23: WARNING: unknown term 'nonexistent-thing' [modelterms.unknown]"
    )


@pytest.mark.parametrize(
    "path",
    [
        "py.typed",
        "static/modelterms.css",
        "static/modelterms.js",
        "static/modelterms-filter.js",
        "locale/sphinx_modelterms.pot",
        "locale/fr/LC_MESSAGES/sphinx_modelterms.po",
        "locale/fr/LC_MESSAGES/sphinx_modelterms.mo",
    ],
)
def test_the_package_holds_its_data_files(path: str) -> None:
    assert (PACKAGE / path).is_file()


@pytest.mark.sphinx(
    "html", testroot="entrypoint", confoverrides={"extensions": ["sphinx_modelterms"]}
)
def test_static_files_registered_as_the_sphinx_release_allows(
    app: SphinxTestApp,
) -> None:
    app.build()
    assert (app.outdir / "_static" / "modelterms.js").is_file()
    assert (app.outdir / "_static" / "modelterms.css").is_file()
    # Sphinx 9.1 copies an extension's folder itself; before, html_static_path
    in_static_path = str(PACKAGE / "static") in app.config.html_static_path
    assert in_static_path is not hasattr(app, "add_static_dir")
