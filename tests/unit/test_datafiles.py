"""Term files: parsing, checking and locating problems, without a build."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from sphinx_modelterms.config import OPTIONS
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
    # nor is a term lost to it: its page takes the next free name
    clashes: list[str] = []
    written = sync_pages(
        folder,
        terms,
        lambda t: "t.yaml",
        "Glossary",
        refused.append,
        lambda message, _term: clashes.append(message),
    )
    assert refused == []
    assert [p.name for p in written] == ["alpha-2.rst", "index.rst"]
    assert clashes == [
        "out/alpha would be the page of term 'alpha' and of out/alpha.rst, which "
        "sphinx-modelterms did not generate; the page of term 'alpha' is out/alpha-2"
    ]
    assert "   alpha-2\n" in (folder / "index.rst").read_text("utf8")
    (folder / "alpha.rst").unlink()
    sync_pages(folder, terms[2:], lambda t: "t.yaml", "Glossary", refused.append)
    assert not (folder / "beta.rst").exists()
    assert not (folder / "alpha-2.rst").exists()
    # someone else's index page is kept, and the index is not written
    (folder / "index.rst").write_text("mine\n", "utf8")
    sync_pages(folder, terms, lambda t: "t.yaml", "Glossary", refused.append)
    assert refused == [folder / "index.rst"]
    assert (folder / "index.rst").read_text("utf8") == "mine\n"


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


DEEP = "[" * 500 + "]" * 500


@pytest.mark.parametrize(
    ("name", "text", "kept", "problem"),
    [
        (
            "deep.json",
            '[\n  {"title": "A", "summary": "x"},\n  {"title": "B",\n'
            f'   "summary": "y", "explanation": {DEEP}}}\n]',
            ["a", "b"],
            ("'explanation' of 'B' must be text; it is ignored", 4),
        ),
        (
            "deep.yaml",
            "- title: A\n  summary: x\n- title: B\n  summary: y\n"
            f"  explanation: {DEEP}\n",
            [],
            ("syntax error in term file: its values are nested too deeply to read", 5),
        ),
        (
            "deep.toml",
            f'[[terms]]\ntitle = "A"\n\n[[terms]]\ntitle = "B"\nexplanation = {DEEP}\n',
            [],
            ("syntax error in term file: its values are nested too deeply to read", 6),
        ),
    ],
)
def test_deeply_nested_values_are_located_warnings(
    tmp_path: Path, name: str, text: str, kept: list[str], problem: tuple[str, int]
) -> None:
    terms, problems = load(tmp_path, name, text)
    assert [t.id for t in terms] == kept
    assert problem in problems


def test_deep_block_yaml_is_located(tmp_path: Path) -> None:
    """Nesting by indentation, not brackets: the deepest line is named."""
    text = "- title: A\n  summary:\n" + "".join(
        "  " * (depth + 2) + "-\n" for depth in range(500)
    )
    terms, problems = load(tmp_path, "block.yaml", text)
    assert terms == []
    assert problems == [
        ("syntax error in term file: its values are nested too deeply to read", 502)
    ]


SURROGATES = (
    '[{"title": "T\\ud800",\n'
    ' "id": "t\\udfff",\n'
    ' "aliases": ["a\\ud800"],\n'
    ' "category": "c\\ud800",\n'
    ' "level": "l\\ud800",\n'
    ' "related": ["r\\ud800"],\n'
    ' "summary": "s\\ud800",\n'
    ' "explanation": "e\\ud800",\n'
    ' "examples": ["x\\ud800"],\n'
    ' "faq": [{"question": "q\\ud800", "answer": "a\\ud800"}],\n'
    ' "sources": ["S\\ud800 <https://example.org/\\ud800>"],\n'
    ' "vendor": "v\\ud800",\n'
    ' "k\\ud800": 1}]'
)


@pytest.mark.parametrize("ext", ["json", "yaml"])
def test_lone_surrogates_in_any_field_are_replaced(tmp_path: Path, ext: str) -> None:
    terms, problems = load(tmp_path, f"s.{ext}", SURROGATES, fields=["vendor"])
    (term,) = terms
    texts = [
        term.title,
        term.id,
        term.category,
        term.level,
        term.summary,
        term.explanation,
        *term.aliases,
        *term.related,
        *term.examples,
        *(text for pair in term.faq for text in pair),
        *(text for source in term.sources for text in (source.title, source.url)),
        *term.fields.values(),
    ]
    assert not [t for t in texts if any("\ud800" <= c <= "\udfff" for c in t)]
    assert term.title == "T\ufffd"
    assert term.summary == "s\ufffd"
    replaced = [
        (message.split("'")[1], line)
        for message, line in problems
        if "lone surrogate" in message
    ]
    keys = ["title", "id", "aliases", "category", "level", "related", "summary"]
    keys += ["explanation", "examples", "faq", "sources", "vendor", "k\\ud800"]
    assert replaced == [(key, line) for line, key in enumerate(keys, 1)]
    # the page of the term can be written
    for fmt in ("rst", "myst"):
        term.format = fmt
        page_source(term, "s.json")[1].encode("utf-8")


def test_commas_in_aliases_and_related_are_said(tmp_path: Path) -> None:
    text = '- title: A\n  summary: x\n  aliases: ["x, y", z]\n  related: ["b, c"]\n'
    terms, problems = load(tmp_path, "c.yaml", text)
    assert (terms[0].aliases, terms[0].related) == (["x", "y", "z"], ["b", "c"])
    assert problems == [
        (
            "'aliases' entry 'x, y' of 'A' holds a comma, which separates entries; "
            "it is read as ['x', 'y']",
            3,
        ),
        (
            "'related' entry 'b, c' of 'A' holds a comma, which separates entries; "
            "it is read as ['b', 'c']",
            4,
        ),
    ]


def test_source_url_that_is_not_text_is_refused(tmp_path: Path) -> None:
    text = "- title: A\n  summary: x\n  sources:\n    - title: T\n"
    text += f"      url: {DEEP[:400]}{DEEP[-400:]}\n"
    terms, problems = load(tmp_path, "u.yaml", text)
    assert terms[0].sources == []
    assert problems == [
        (
            "'sources' of 'A' must be 'Title <url>' texts or title/url mappings; "
            "it is ignored",
            3,
        )
    ]


NAMES = """\
- {title: Index, summary: x}
- {title: Category B, summary: x}
- {title: Category B 2, summary: x}
- {title: Other, category: B, summary: x}
- {title: Other 2, category: b, summary: x}
"""


def test_generated_pages_clash_is_told_and_nothing_is_lost(tmp_path: Path) -> None:
    terms, _ = load(tmp_path, "n.yaml", NAMES)
    clashes: list[tuple[str, str]] = []
    folder = tmp_path / "out"
    sync_pages(
        folder,
        terms,
        lambda t: "n.yaml",
        "Glossary",
        lambda path: None,
        lambda message, term: clashes.append((message, term.id)),
        docdir="terms",
    )
    assert sorted(p.stem for p in folder.iterdir()) == [
        "category-b",
        "category-b-2",
        "category-b-3",
        "category-b-4",
        "index",
        "index-2",
        "other",
        "other-2",
    ]
    assert clashes == [
        (
            "terms/category-b would be the page of category 'b' and of category "
            "'B' (n.yaml:4); the page of category 'b' is terms/category-b-3",
            "other-2",
        ),
        (
            "terms/index would be the page of term 'index' and of the generated "
            "index; the page of term 'index' is terms/index-2",
            "index",
        ),
        (
            "terms/category-b would be the page of term 'category-b' and of "
            "category 'B' (n.yaml:4); the page of term 'category-b' is "
            "terms/category-b-4",
            "category-b",
        ),
    ]


def test_titles_are_quoted_in_generated_pages(tmp_path: Path) -> None:
    terms, _ = load(
        tmp_path,
        "q.yaml",
        "- title: ':memory: usage'\n  summary: x\n"
        "- title: 'a ``` b'\n  summary: '~~~~~'\n"
        "  faq: [{question: 'Why `x`?', answer: y}]\n",
    )
    assert ".. term-card:: \\:memory: usage\n" in page_source(terms[0], "q")[1]
    terms[1].format = "myst"
    text = page_source(terms[1], "q")[1]
    assert "~~~~~~~{term-card} a ``` b\n" in text
    assert "~~~~~~{term-faq} Why `x`?\ny\n~~~~~~\n" in text
    assert text.endswith("\n~~~~~~~\n")


@pytest.mark.parametrize(
    ("name", "value", "ok"),
    [
        ("generated_dir", "terms", True),
        ("generated_dir", "docs/terms/", True),
        ("generated_dir", "x/../../escaped", False),
        ("generated_dir", "..", False),
        ("generated_dir", ".", False),
        ("generated_dir", "a//b", False),
        ("generated_dir", "/abs", False),
        ("generated_dir", "t\ud800", False),
        ("generated_title", "G\ud800", False),
        ("external_cache_days", 0, True),
        ("external_cache_days", 1, True),
        ("external_cache_days", -1, False),
    ],
)
def test_config_values_of_term_files(name: str, value: object, ok: bool) -> None:
    option = next(o for o in OPTIONS if o.name == name)
    assert (option.check(value) is None) is ok
