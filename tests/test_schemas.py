"""The JSON Schemas shipped for term files and ``modelterms.json`` accept
what the showcase writes and reject what the build warns about."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml
from jsonschema import Draft202012Validator, ValidationError

import sphinx_modelterms

from .conftest import EXAMPLE_DOCS

if TYPE_CHECKING:
    from sphinx.testing.util import SphinxTestApp

SCHEMAS = Path(sphinx_modelterms.__file__).parent / "schemas"


def validator(name: str) -> Draft202012Validator:
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text("utf8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def load(path: Path) -> Any:
    text = path.read_text("utf8")
    if path.suffix == ".toml":
        return tomllib.loads(text)
    if path.suffix == ".json":
        return json.loads(text)
    return yaml.safe_load(text)


def messages(error: ValidationError) -> list[str]:
    """An error's message and those of the branches ``oneOf`` tried."""
    return [error.message, *(m for c in error.context or [] for m in messages(c))]


TERM_FILES = sorted((EXAMPLE_DOCS / "data").iterdir())


def test_the_showcase_has_term_files_in_every_format() -> None:
    assert {p.suffix for p in TERM_FILES} == {".yaml", ".toml", ".json"}


@pytest.mark.parametrize("path", TERM_FILES, ids=lambda p: p.name)
def test_showcase_term_files_are_valid(path: Path) -> None:
    errors = [e.message for e in validator("term-file").iter_errors(load(path))]
    assert errors == []


@pytest.mark.parametrize(
    ("data", "why"),
    [
        ([{"summary": "No title."}], "'title' is a required property"),
        # no title: it adds to a glossary entry, whose own text stays
        ([{"id": "x", "summary": "Another text."}], "should not be valid"),
        ([{"title": "   "}], "does not match"),
        ({"format": "asciidoc", "terms": []}, "is not one of"),
        ([{"title": "A", "aliases": "one, two"}], "is not of type 'array'"),
        ([{"title": "A", "faq": [{"question": "Why?"}]}], "'answer'"),
        (
            [{"title": "A", "sources": [{"title": "x", "url": "javascript:go()"}]}],
            "should not be valid",
        ),
        ([{"title": "A", "notes": ["a", "list"]}], "is not of type"),
    ],
)
def test_term_file_schema_rejects_what_the_build_warns_about(
    data: Any, why: str
) -> None:
    errors = list(validator("term-file").iter_errors(data))
    assert errors, data
    details = [m for e in errors for m in messages(e)]
    assert any(why in m for m in details), details


def test_additions_to_glossary_entries_are_valid() -> None:
    path = Path(__file__).parent / "roots" / "test-adopt-enrich" / "enrich.yaml"
    data = yaml.safe_load(path.read_text("utf8"))
    assert list(validator("term-file").iter_errors(data)) == []


def test_the_showcase_export_is_valid(showcase: SphinxTestApp) -> None:
    export = json.loads((showcase.outdir / "modelterms.json").read_text("utf8"))
    assert len(export["terms"]) > 50
    errors = [
        f"{list(e.absolute_path)}: {e.message}"
        for e in validator("modelterms").iter_errors(export)
    ]
    assert errors == []


def test_export_schema_rejects_a_record_without_its_url() -> None:
    record = {
        "id": "x", "title": "X", "aliases": [], "category": "", "level": "",
        "summary": "", "summary_html": "", "summary_spans": [], "related": [],
        "examples": [], "faq": [], "sources": [], "fields": {},
        "referenced_from": [],
    }  # fmt: skip
    export = {
        "format": "sphinx-modelterms/1",
        "generator": "sphinx-modelterms 0",
        "project": "p",
        "version": "",
        "terms": [record],
    }
    found = [e.message for e in validator("modelterms").iter_errors(export)]
    assert found == ["'url' is a required property"]
