"""Term files: parsing, checking and locating problems, without a build."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from sphinx_modelterms.model import Source
from sphinx_modelterms.sources.datafiles import load_term_file
from sphinx_modelterms.sources.pages import MARKER, page_source, sync_pages

if TYPE_CHECKING:
    from pathlib import Path


def load(tmp_path: Path, name: str, text: str, **kwargs: object) -> tuple[list, list]:
    path = tmp_path / name
    path.write_text(text, "utf8")
    problems: list[tuple[str, int]] = []
    terms = load_term_file(
        path, lambda message, _path, line: problems.append((message, line)), **kwargs
    )
    return terms, problems


YAML = """\
terms:
  - title: Alpha
    aliases: [A]
    summary: First.
    sources:
      - Paper, with a comma <https://example.org/a>
      - title: Second
        url: https://example.org/b
      - Book without a link
  - title: Beta
    colour: blue
    aliases: not-a-list
    level: expert
    summary: Second.
  - just text
  - summary: no title here
  - title: Gamma
    sources: ["Bad <javascript:alert(1)>"]
    summary: Third.
"""


def test_title_of_only_control_characters_is_no_title(tmp_path: Path) -> None:
    """Control characters fold to spaces in a title, so one made of nothing
    else leaves the term out, as a missing title does (not a term with an
    empty title)."""
    text = 'terms:\n  - title: "\\e\\t\\x07"\n  - title: Kept\n    summary: S.\n'
    terms, problems = load(tmp_path, "c.yaml", text)
    assert [t.title for t in terms] == ["Kept"]
    assert problems == [("term #1 has no 'title' text; it is left out", 2)]


def test_yaml_terms_and_located_problems(tmp_path: Path) -> None:
    terms, problems = load(tmp_path, "t.yaml", YAML, levels=["beginner"])
    assert [t.id for t in terms] == ["alpha", "beta", "gamma"]
    alpha = terms[0]
    assert (alpha.line, alpha.aliases, alpha.summary) == (2, ["A"], "First.")
    assert alpha.sources == [
        Source("Paper, with a comma", "https://example.org/a"),
        Source("Second", "https://example.org/b"),
        Source("Book without a link"),
    ]
    assert terms[1].aliases == [] and terms[1].level == ""
    assert terms[2].sources == [Source("Bad")]
    assert problems == [
        (
            "unknown key 'colour' in term 'Beta' (known: title, id, category, level, "
            "summary, explanation, aliases, related, examples, faq, sources); it is "
            "ignored",
            11,
        ),
        ("'aliases' of 'Beta' must be a list of texts; it is ignored", 12),
        ("level 'expert' of 'Beta' is not one of beginner; it is left out", 13),
        ("term #3 is not a mapping of keys; it is left out", 15),
        ("term #4 has no 'title' text; it is left out", 16),
        (
            "source URL 'javascript:alert(1)' of 'Gamma' is refused (unsafe scheme); "
            "the title is kept",
            18,
        ),
    ]


@pytest.mark.parametrize(
    ("name", "text", "line", "start"),
    [
        (
            "bad.yaml",
            "terms:\n  - title: A\n   summary: [unclosed\n",
            3,
            "syntax error",
        ),
        ("bad.toml", '[[terms]]\ntitle = "A"\nsummary = \n', 3, "syntax error"),
        ("bad.json", '{"terms": [\n  {"title": "A",}\n]}', 2, "syntax error"),
        ("bad.txt", "whatever", 1, "syntax error in term file: unsupported file type"),
        ("shape.yaml", "title: not a list\n", 1, "a term file holds a list"),
    ],
)
def test_syntax_errors_have_a_line(
    tmp_path: Path, name: str, text: str, line: int, start: str
) -> None:
    terms, problems = load(tmp_path, name, text)
    assert terms == []
    assert len(problems) == 1
    assert problems[0][0].startswith(start)
    assert problems[0][1] == line


def test_toml_and_json_lines(tmp_path: Path) -> None:
    toml = '[[terms]]\ntitle = "A"\nsummary = "x"\n\n[[terms]]\ntitle = "B"\nsize = 3\n'
    terms, problems = load(tmp_path, "t.toml", toml)
    assert [(t.id, t.line) for t in terms] == [("a", 1), ("b", 5)]
    assert problems[0][1] == 7  # the unknown key
    json_text = (
        '[\n  {"title": "A", "summary": "x"},\n  {"title": "B",\n   "level": 3}\n]'
    )
    terms, problems = load(tmp_path, "t.json", json_text)
    assert [(t.id, t.line) for t in terms] == [("a", 2), ("b", 3)]
    assert problems[0] == ("'level' of 'B' must be text; it is ignored", 4)


def test_fields_and_faq(tmp_path: Path) -> None:
    text = (
        "- title: A\n  summary: x\n  needs: true\n"
        "  faq:\n    - question: Why?\n      answer: Because.\n    - nope\n"
    )
    terms, problems = load(tmp_path, "t.yaml", text, fields=["needs"])
    assert terms[0].fields == {"needs": "True"}
    assert terms[0].faq == [("Why?", "Because.")]
    assert problems == [
        (
            "'faq' of 'A' must be a list of question and answer mappings; it is "
            "ignored",
            4,
        )
    ]


def test_pages_write_only_what_changed(tmp_path: Path) -> None:
    terms, _ = load(tmp_path, "t.yaml", YAML)
    folder = tmp_path / "out"
    refused: list[Path] = []
    written = sync_pages(folder, terms, lambda t: "t.yaml", "Glossary", refused.append)
    assert sorted(p.name for p in written) == [
        "alpha.rst",
        "beta.rst",
        "gamma.rst",
        "index.rst",
    ]
    assert (
        sync_pages(folder, terms, lambda t: "t.yaml", "Glossary", refused.append) == []
    )
    # a page of someone else's is never overwritten; ours are removed when stale
    (folder / "alpha.rst").write_text("mine\n", "utf8")
    written = sync_pages(
        folder, terms[1:], lambda t: "t.yaml", "Glossary", refused.append
    )
    assert refused == []
    assert (folder / "alpha.rst").read_text("utf8") == "mine\n"
    written = sync_pages(folder, terms, lambda t: "t.yaml", "Glossary", refused.append)
    assert refused == [folder / "alpha.rst"]
    (folder / "alpha.rst").unlink()
    sync_pages(folder, terms[2:], lambda t: "t.yaml", "Glossary", refused.append)
    assert not (folder / "beta.rst").exists()


def test_generated_sources_hold_the_term(tmp_path: Path) -> None:
    terms, _ = load(tmp_path, "t.yaml", YAML)
    suffix, text = page_source(terms[0], "data/t.yaml")
    assert suffix == ".rst"
    assert text.startswith(f".. {MARKER} from data/t.yaml")
    assert "   :sources: Paper, with a comma <https://example.org/a>\n" in text
    myst = terms[0]
    myst.format = "myst"
    myst.explanation = "Code:\n\n````text\nfenced\n````"
    suffix, text = page_source(myst, "data/t.yaml")
    assert suffix == ".md"
    assert text.startswith(f"% {MARKER}")
    assert "``````{term-card} Alpha" in text  # longer than the content's fence


def test_yaml_is_imported_only_for_term_files(tmp_path: Path) -> None:
    """A project without term files does not pay for importing PyYAML."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "import sphinx_modelterms._extension\n"
        "assert 'yaml' not in sys.modules, 'imported with the extension'\n"
        "from pathlib import Path\n"
        "from sphinx_modelterms.sources.datafiles import load_term_file\n"
        f"path = Path({str(tmp_path / 'terms.yaml')!r})\n"
        "path.write_text('- title: Alpha\\n  definition: The first.\\n')\n"
        "terms = load_term_file(path, print)\n"
        "assert [t.title for t in terms] == ['Alpha'], terms\n"
        "assert 'yaml' in sys.modules\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
