"""Each line of a generated term page knows the term-file line it shows
(where warnings about it are moved), without a build."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from sphinx_modelterms.sources.datafiles import load_term_file
from sphinx_modelterms.sources.pages import page_lines

if TYPE_CHECKING:
    from pathlib import Path

YAML = """\
format: {format}
terms:
  - title: Alpha
    id: alpha
    summary: >
      Folded
      summary.
    explanation: |
      One.

      Three.
    examples: [First, Second]
    faq:
      - question: Why?
        answer: |
          Because
          so.
"""
TOML = '''\
[[terms]]
title = "Alpha"
summary = "Folded summary."
explanation = """
One.

Three."""
examples = ["First", "Second"]
faq = [{question = "Why?", answer = """Because
so."""}]
'''
JSON = json.dumps(
    {
        "terms": [
            {
                "title": "Alpha",
                "summary": "Folded summary.",
                "explanation": "One.\n\nThree.",
                "examples": ["First", "Second"],
                "faq": [{"question": "Why?", "answer": "Because\nso."}],
            }
        ]
    },
    indent=1,
)


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), 1) if needle in line)


def page_origins(tmp_path: Path, name: str, text: str) -> dict[str, int]:
    """The term-file line of the page line holding each of the texts."""
    path = tmp_path / name
    path.write_text(text, "utf8")
    (term,) = load_term_file(path, lambda *problem: pytest.fail(str(problem)))
    _suffix, page, origins = page_lines(term, name)
    assert len(origins) == page.count("\n")
    needles = ["Alpha", "Folded", "One.", "Three.", "First", "Second", "Why?"]
    return {
        needle: origins[line_of(page, needle) - 1]
        for needle in [*needles, "Because", "so."]
    }


@pytest.mark.parametrize("markup", ["rst", "myst"])
def test_yaml_blocks_map_line_by_line(tmp_path: Path, markup: str) -> None:
    text = YAML.format(format=markup)
    assert page_origins(tmp_path, "t.yaml", text) == {
        "Alpha": line_of(text, "Alpha"),
        "Folded": line_of(text, "summary:"),  # folded: the key's line
        "One.": line_of(text, "One."),
        "Three.": line_of(text, "Three."),
        "First": line_of(text, "First"),
        "Second": line_of(text, "Second"),
        "Why?": line_of(text, "Why?"),
        "Because": line_of(text, "Because"),
        "so.": line_of(text, "so."),
    }


def test_toml_multiline_strings_map_line_by_line(tmp_path: Path) -> None:
    assert page_origins(tmp_path, "t.toml", TOML) == {
        "Alpha": 2,
        "Folded": 3,
        "One.": 5,
        "Three.": 7,
        "First": 8,
        "Second": 8,
        "Why?": 9,
        "Because": 9,
        "so.": 10,
    }


def test_json_strings_map_to_their_line(tmp_path: Path) -> None:
    explanation = line_of(JSON, "explanation")
    assert page_origins(tmp_path, "t.json", JSON) == {
        "Alpha": line_of(JSON, "Alpha"),
        "Folded": line_of(JSON, "Folded"),
        "One.": explanation,
        "Three.": explanation,
        "First": line_of(JSON, "First"),
        "Second": line_of(JSON, "Second"),
        "Why?": line_of(JSON, "Why?"),
        "Because": line_of(JSON, "Because"),
        "so.": line_of(JSON, "Because"),
    }
