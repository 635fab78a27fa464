"""Property tests: the pure layers with many random inputs, then real builds
of small random term sets.

The pure tests run the Hypothesis profile's example count (tests/conftest.py:
50 by default, 500 with HYPOTHESIS_PROFILE=ci), in milliseconds each; the
build tests run a share of it, as each example is one or two Sphinx builds.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import string
from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING

import pytest
import yaml
from defusedxml import ElementTree
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from sphinx.testing.util import SphinxTestApp

from sphinx_modelterms.lookup import Ambiguous, Found, NotFound, TermIndex
from sphinx_modelterms.model import Term
from sphinx_modelterms.naming import key, slugify
from sphinx_modelterms.sources.datafiles import DataTerm, load_term_file
from sphinx_modelterms.sources.generate import _inside
from sphinx_modelterms.sources.pages import page_source

from .conftest import soup, warnings_of

if TYPE_CHECKING:
    from pathlib import Path

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
PURE = settings()  # the profile's count


def builds(per_thousand: int) -> settings:
    """Settings for tests whose examples are builds: ``per_thousand`` of the
    profile's count (at least two examples)."""
    count = settings().max_examples * per_thousand // 1000
    return settings(
        max_examples=max(2, count),
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )


# 10 random projects by default, 100 in CI, 1,000 with the long profile
BUILDS = builds(200)

# -- naming -----------------------------------------------------------------------


@PURE
@given(st.text())
def test_slugify_gives_a_slug_or_nothing(text: str) -> None:
    slug = slugify(text)
    assert slug == "" or SLUG.fullmatch(slug), slug


@PURE
@given(st.text())
def test_slugify_is_idempotent(text: str) -> None:
    assert slugify(slugify(text)) == slugify(text)


@PURE
@given(st.text(alphabet=string.ascii_letters + string.digits + " -_.,!?"))
def test_slugify_keeps_ascii_letters_and_digits(text: str) -> None:
    kept = "".join(ch for ch in text.lower() if ch.isalnum())
    assert slugify(text).replace("-", "") == kept


@PURE
@given(st.text())
def test_key_is_idempotent_and_trimmed(text: str) -> None:
    k = key(text)
    assert key(k) == k
    assert k == k.strip()
    assert "  " not in k
    assert key(f"  {text}\t\n") == k


@PURE
@given(st.text(alphabet=string.ascii_letters + " "))
def test_key_ignores_case_and_spacing_of_ascii(text: str) -> None:
    assert key(text.upper()) == key(text.lower()) == key(" ".join(text.split()))


# -- lookup -----------------------------------------------------------------------

# titles and aliases hold no digits, ids do: a title never collides with an id
NAME_CHARS = st.sampled_from([*string.ascii_letters, " ", "-", "é", "ß", "中", "🙂"])
NAMES = st.text(NAME_CHARS, min_size=1, max_size=12).map(lambda s: " ".join(s.split()))
ALIAS_POOL = ["shared name", "Other Name", "ünïcode ālias", "别名", "Shared  NAME"]


@dataclass(frozen=True)
class Spec:
    """A term to generate: its id, title and aliases."""

    id: str
    title: str
    aliases: tuple[str, ...]
    explicit_id: bool

    def term(self, docname: str = "doc", lineno: int = 1) -> Term:
        return Term(
            id=self.id,
            title=self.title,
            docname=docname,
            lineno=lineno,
            aliases=self.aliases,
        )


@st.composite
def term_sets(draw: st.DrawFn, min_size: int = 1, max_size: int = 8) -> list[Spec]:
    """Terms with distinct ids whose titles only clash through shared aliases."""
    titles = draw(
        st.lists(
            NAMES.filter(lambda t: t.strip() != ""),
            min_size=min_size,
            max_size=max_size,
            unique_by=key,
        )
    )
    specs = []
    for number, title in enumerate(titles):
        explicit = not slugify(title) or draw(st.booleans())
        aliases = draw(st.lists(st.sampled_from(ALIAS_POOL), max_size=2, unique=True))
        term_id = f"id-{number}" if explicit else slugify(title)
        specs.append(Spec(term_id, title, tuple(aliases), explicit))
    ids = [s.id for s in specs]
    title_keys = {key(s.title) for s in specs}
    slugs = [slugify(s.title) for s in specs if slugify(s.title)]
    assume(len(set(ids)) == len(ids))
    assume(len(set(slugs)) == len(slugs))  # so slug step 2 finds the own term
    assume(not title_keys & {key(a) for a in ALIAS_POOL})
    assume(not set(ids) & {slugify(a) for a in ALIAS_POOL})
    return specs


def sharers(specs: list[Spec], target: str) -> list[str]:
    """The ids of the terms whose title or an alias has the key of ``target``."""
    return sorted(
        s.id
        for s in specs
        if key(target) in {key(s.title), *(key(a) for a in s.aliases)}
    )


@PURE
@given(term_sets())
def test_every_id_resolves_to_itself(specs: list[Spec]) -> None:
    index = TermIndex(s.term() for s in specs)
    for spec in specs:
        assert index.resolve(spec.id) == Found(spec.id)


@PURE
@given(term_sets())
def test_titles_and_aliases_resolve_or_name_exactly_the_sharers(
    specs: list[Spec],
) -> None:
    index = TermIndex(s.term() for s in specs)
    for spec in specs:
        assert index.resolve(spec.title) == Found(spec.id), spec
        assert index.resolve(f"  {spec.title.upper()} ") in (
            Found(spec.id),
            # upper case can make the title another term's (folded) name
            *(Found(i) for i in sharers(specs, spec.title.upper())),
            Ambiguous(tuple(sharers(specs, spec.title.upper()))),
        )
    for alias in ALIAS_POOL:
        owners = sharers(specs, alias)
        found = index.resolve(alias)
        if len(owners) == 1:
            assert found == Found(owners[0])
        elif owners:
            assert found == Ambiguous(tuple(owners))
        else:
            assert isinstance(found, NotFound | Found | Ambiguous)


@PURE
@given(term_sets(), st.text(max_size=20))
def test_any_target_gives_a_well_formed_result(specs: list[Spec], target: str) -> None:
    index = TermIndex(s.term() for s in specs)
    ids = {s.id for s in specs}
    found = index.resolve(target)
    if isinstance(found, Found):
        assert found.term_id in ids
    elif isinstance(found, Ambiguous):
        assert len(found.candidates) >= 2
        assert list(found.candidates) == sorted(set(found.candidates))
        assert set(found.candidates) <= ids
    else:
        assert isinstance(found, NotFound)


# -- term files -------------------------------------------------------------------

KEYS = [
    "title", "id", "aliases", "category", "level", "related", "summary",
    "explanation", "examples", "faq", "sources", "vendor", "format", "terms",
    "question", "answer", "url", "",
]  # fmt: skip
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=15)
    | st.sampled_from(["javascript:alert(1)", "T <javascript:x>", "<a>", "a, b"])
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(KEYS) | st.text(max_size=5), inner, max_size=5
        )
    ),
    max_leaves=20,
)


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("termfiles")


def load(path: Path) -> tuple[list[DataTerm], list[tuple[str, Path, int]]]:
    reports: list[tuple[str, Path, int]] = []
    terms = load_term_file(
        path,
        lambda message, where, line: reports.append((message, where, line)),
        fields=["vendor"],
        levels=["beginner", "advanced"],
        categories=[],
    )
    return terms, reports


def check_loaded(terms: list[DataTerm], reports: list[tuple[str, Path, int]]) -> None:
    for message, _where, line in reports:
        assert isinstance(message, str)
        assert message
        assert isinstance(line, int)
        assert line >= 1
    for term in terms:
        assert isinstance(term, DataTerm)
        # an entry with an id and no title adds to the glossary entry of
        # that id (a slug, as every id)
        assert term.title.strip() or term.adds
        assert SLUG.fullmatch(term.id), term.id
        for source in term.sources:
            assert not source.url.strip().lower().startswith("javascript:")


@PURE
@given(VALUES, st.sampled_from(["yaml", "json"]))
@example([{"id": "a"}], "yaml")  # no title: an addition to a glossary entry
def test_term_files_of_any_shape_never_raise(
    data_dir: Path, value: object, ext: str
) -> None:
    path = data_dir / f"shape.{ext}"
    if ext == "yaml":
        text = yaml.safe_dump(value, allow_unicode=True)
    else:
        text = json.dumps(value)
    path.write_text(text, "utf8")
    check_loaded(*load(path))


YAMLISH = st.lists(
    st.sampled_from([*"abc:- \n\t'\"[]{}#&*!|>%@`,?=", "terms", "title", "\u0007"]),
    max_size=40,
).map("".join)


@PURE
@given(YAMLISH, st.sampled_from(["yaml", "yml", "json", "toml", "txt"]))
def test_broken_term_files_are_reported_not_raised(
    data_dir: Path, text: str, ext: str
) -> None:
    path = data_dir / f"broken.{ext}"
    path.write_text(text, "utf8")
    check_loaded(*load(path))


@PURE
@given(st.binary(max_size=40))
def test_undecodable_term_files_are_reported(data_dir: Path, raw: bytes) -> None:
    path = data_dir / "bytes.yaml"
    path.write_bytes(raw)
    check_loaded(*load(path))


# lone surrogates (JSON's \ud800 escapes; YAML's too), data nested deeper than
# the parsers recurse, and patterns that point inside or outside the source
# folder; 3 examples by default, 30 in CI
EDGE = builds(60)
SURROGATES = st.characters(
    min_codepoint=0xD800, max_codepoint=0xDFFF, categories=["Cs"]
)
SURROGATE_TEXT = st.lists(
    st.sampled_from(["a", " ", ",", "`", ":"]) | SURROGATES, min_size=1, max_size=6
).map("".join)
SURROGATE_VALUES = st.recursive(
    SURROGATE_TEXT,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(KEYS) | SURROGATE_TEXT, inner, max_size=4)
    ),
    max_leaves=10,
)


def writable(text: str) -> bool:
    return not any("\ud800" <= ch <= "\udfff" for ch in text)


@EDGE
@given(
    st.lists(
        st.dictionaries(st.sampled_from(KEYS) | SURROGATE_TEXT, SURROGATE_VALUES),
        max_size=3,
    ),
    SURROGATE_TEXT,
    st.sampled_from(["yaml", "json"]),
    st.sampled_from(["rst", "myst"]),
)
def test_lone_surrogates_never_reach_a_page(
    data_dir: Path, terms: list[dict[str, object]], title: str, ext: str, fmt: str
) -> None:
    for term in terms:
        term.setdefault("title", title)
    path = data_dir / f"surrogates.{ext}"
    # JSON with ASCII escapes is YAML too: both formats read the \ud800 escape
    path.write_text(json.dumps({"format": fmt, "terms": terms}), "utf8")
    loaded, reports = load(path)
    check_loaded(loaded, reports)
    for term in loaded:
        assert writable(page_source(term, "data/surrogates")[1])
    for message, _where, _line in reports:
        assert writable(message)


NESTERS = {
    "json": ("[", "]", '{"a": ', "}"),
    "yaml": ("[", "]", "{a: ", "}"),
    "toml": ("[", "]", "{a = ", "}"),
}


@EDGE
@given(
    st.sampled_from(sorted(NESTERS)),
    st.integers(min_value=1, max_value=1500),
    st.booleans(),
    st.sampled_from(["summary", "aliases", "faq", "sources", "vendor", "zz"]),
)
def test_deeply_nested_term_files_are_reported_not_raised(
    data_dir: Path, ext: str, depth: int, lists: bool, key: str
) -> None:
    opening, closing, map_open, map_close = NESTERS[ext]
    if not lists:
        opening, closing = map_open, map_close
    value = opening * depth + "1" + closing * depth
    if ext == "json":
        text = f'[\n{{"title": "A",\n "{key}": {value}}}\n]\n'
    elif ext == "yaml":
        text = f"- title: A\n  {key}: {value}\n"
    else:
        text = f'[[terms]]\ntitle = "A"\n{key} = {value}\n'
    path = data_dir / f"deep.{ext}"
    path.write_text(text, "utf8")
    loaded, reports = load(path)
    check_loaded(loaded, reports)
    assert loaded or reports
    for message, _where, line in reports:
        assert line <= text.count("\n") + 1, (message, line)


PATH_PARTS = st.lists(
    st.sampled_from(["data", "..", ".", "other", "*.yaml", "**", "src"]), max_size=5
)


@EDGE
@given(PATH_PARTS, st.booleans())
def test_patterns_are_inside_the_source_folder_or_refused(
    data_dir: Path, parts: list[str], absolute: bool
) -> None:
    srcdir = data_dir / "src"
    base = srcdir if absolute else PurePath()
    pattern = base.joinpath(*parts) if parts else base
    inside = _inside(srcdir / pattern, srcdir)
    normal = os.path.normpath(srcdir / pattern)
    if inside is None:
        assert not PurePath(normal).is_relative_to(srcdir)
    else:
        assert ".." not in inside.parts
        assert PurePath(normal) == srcdir / inside


# -- real builds --------------------------------------------------------------------

MISSING = ["missing 1", "nothing-2", "Missing 3"]


@dataclass(frozen=True)
class Ref:
    target: str
    intended: str | None  # None: a warning is expected instead of a link


@st.composite
def projects(draw: st.DrawFn) -> tuple[list[Spec], list[list[str]], list[Ref]]:
    specs = draw(term_sets(min_size=2, max_size=6))
    ids = [s.id for s in specs]
    related = [
        draw(st.lists(st.sampled_from([*ids, "no-such-term"]), max_size=3, unique=True))
        for _ in specs
    ]
    choices: list[Ref] = []
    for spec in specs:
        choices.append(Ref(spec.id, spec.id))
        choices.append(Ref(spec.title, spec.id))
    for alias in ALIAS_POOL:
        owners = sharers(specs, alias)
        if owners:
            choices.append(Ref(alias, owners[0] if len(owners) == 1 else None))
    choices += [Ref(m, None) for m in MISSING]
    refs = draw(st.lists(st.sampled_from(choices), min_size=1, max_size=8))
    return specs, related, refs


def write_project(
    srcdir: Path, specs: list[Spec], related: list[list[str]], refs: list[Ref]
) -> dict[int, int]:
    """The sources; returns ref number -> its line in refs.rst."""
    srcdir.mkdir(parents=True)
    (srcdir / "conf.py").write_text('extensions = ["sphinx_modelterms"]\n', "utf8")
    (srcdir / "index.rst").write_text(
        "Index\n=====\n\n.. toctree::\n\n   a\n   b\n   refs\n", "utf8"
    )
    pages: dict[str, list[str]] = {"a": ["Page A", "======", ""], "b": []}
    pages["b"] = ["Page B", "======", ""]
    for number, (spec, rel) in enumerate(zip(specs, related, strict=True)):
        lines = pages["a" if number % 2 == 0 else "b"]
        lines.append(f".. term-card:: {spec.title}")
        if spec.explicit_id:
            lines.append(f"   :id: {spec.id}")
        if spec.aliases:
            lines.append(f"   :aliases: {', '.join(spec.aliases)}")
        if rel:
            lines.append(f"   :related: {', '.join(rel)}")
        lines += ["", f"   Definition number {number}.", ""]
    for name, lines in pages.items():
        (srcdir / f"{name}.rst").write_text("\n".join(lines) + "\n", "utf8")
    out = ["References", "==========", ""]
    where = {}
    for number, ref in enumerate(refs):
        where[number] = len(out) + 1
        out += [f"Ref {number}: :mt:`{ref.target}`.", ""]
    (srcdir / "refs.rst").write_text("\n".join(out), "utf8")
    return where


def build(srcdir: Path, outdir: str) -> SphinxTestApp:
    app = SphinxTestApp("html", srcdir=srcdir, builddir=srcdir / outdir, freshenv=True)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


@pytest.fixture(scope="module")
def build_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("projects")


_COUNTER = iter(range(10**9))


@BUILDS
@given(projects())
def test_random_projects_build_resolve_and_are_deterministic(
    build_root: Path, project: tuple[list[Spec], list[list[str]], list[Ref]]
) -> None:
    specs, related, refs = project
    srcdir = build_root / f"p{next(_COUNTER)}"
    lines = write_project(srcdir, specs, related, refs)
    try:
        first = build(srcdir, "one")
        second = build(srcdir, "two")
        warnings = warnings_of(first)
        assert "Traceback" not in first.status.getvalue() + first.warning.getvalue()
        assert not [w for w in warnings if "[modelterms." not in w], warnings
        paragraphs = [
            p
            for p in soup(first, "refs.html").select("div.body p")
            if p.get_text().startswith("Ref ")
        ]
        assert len(paragraphs) == len(refs)
        for number, (ref, para) in enumerate(zip(refs, paragraphs, strict=True)):
            link = para.select_one("a.mt-ref")
            location = f"refs.rst:{lines[number]}: WARNING: "
            warned = [
                w
                for w in warnings
                if w.startswith(location)
                and w.endswith(("[modelterms.unknown]", "[modelterms.ambiguous]"))
                and repr(ref.target) in w
            ]
            if link is not None:
                assert link["data-mt-term"] == ref.intended, (ref, str(para))
                assert not warned
            else:
                assert ref.intended is None, (ref, str(para), warnings)
                assert warned, (ref, warnings)
                assert para.select_one(".mt-missing") is not None
        for page in ["a", "b", "refs", "index"]:
            one = (first.outdir / f"{page}.html").read_bytes()
            two = (second.outdir / f"{page}.html").read_bytes()
            assert one == two, page
    finally:
        shutil.rmtree(srcdir, ignore_errors=True)


PATTERN_BUILDS = builds(12)  # 2 by default, 6 in CI


@PATTERN_BUILDS
@given(PATH_PARTS, st.booleans())
def test_builds_with_any_term_file_pattern_finish(
    build_root: Path, parts: list[str], absolute: bool
) -> None:
    """An absolute or relative pattern, inside the source folder or not: the
    build finishes, reads the files the pattern finds inside, and warns about
    the rest."""
    srcdir = build_root / f"p{next(_COUNTER)}"
    (srcdir / "data").mkdir(parents=True)
    (srcdir / "data" / "t.yaml").write_text("- title: Alpha\n  summary: A.\n")
    (srcdir.parent / "outside.yaml").write_text("- title: Beta\n  summary: B.\n")
    base = srcdir if absolute else PurePath()
    pattern = str(base.joinpath(*parts, "*.yaml"))
    (srcdir / "conf.py").write_text(
        f'extensions = ["sphinx_modelterms"]\nmodelterms_term_files = [{pattern!r}]\n'
    )
    (srcdir / "index.rst").write_text("Index\n=====\n")
    try:
        app = build(srcdir, "out")
        warnings = warnings_of(app)
        assert not [
            w for w in warnings if "[modelterms." not in w and "toctree" not in w
        ]
        inside = _inside(srcdir / pattern, srcdir)
        found = set(srcdir.glob(str(inside))) if inside is not None else set()
        generated = (srcdir / "terms" / "alpha.rst").exists()
        assert generated == (srcdir / "data" / "t.yaml" in found)
        assert not (srcdir / "terms" / "beta.rst").exists()
        if inside is None:
            assert any("is outside the source folder" in w for w in warnings)
    finally:
        shutil.rmtree(srcdir, ignore_errors=True)


# -- characters XML forbids ------------------------------------------------------

# each example is an HTML and an xml build: 2 by default, 4 in CI
XML_BUILDS = builds(8)
FORBIDDEN = ["\ufffe", "\uffff", "\x00", "\x01", "\x07", "\x0b", "\x0c", "\x1b", "\x1f"]
SURROGATE_CHARS = ["\ud800", "\udbff", "\udc00", "\udfff"]  # only JSON spells them
# vertical tab and form feed end a line for docutils, as for str.splitlines: in
# a card's title or first line they change the page's structure, as any line
# break there does, and docutils says so in its own words
LINE_BREAKS = frozenset({"\x0b", "\x0c"})
XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def hostile_text(
    extra: list[str], skip: frozenset[str] = frozenset()
) -> st.SearchStrategy[str]:
    """Words with characters XML forbids in among them."""
    forbidden = [c for c in FORBIDDEN if c not in skip]
    chars = st.sampled_from([*string.ascii_letters, " ", "é", "中", *forbidden, *extra])
    return st.text(chars, min_size=1, max_size=14).filter(lambda t: t.strip() != "")


CARD_TEXTS = st.lists(
    st.tuples(hostile_text([], LINE_BREAKS), hostile_text([], LINE_BREAKS)),
    min_size=1,
    max_size=3,
)
FILE_TEXTS = st.tuples(hostile_text(SURROGATE_CHARS), hostile_text(SURROGATE_CHARS))
WARNING_LINE = re.compile(r"^\S+:\d+: WARNING: .+ \[modelterms\.[a-z_]+\]$")


def write_xml_project(
    srcdir: Path, cards: list[tuple[str, str]], data: tuple[str, str]
) -> None:
    srcdir.mkdir(parents=True)
    (srcdir / "conf.py").write_text(
        'extensions = ["sphinx_modelterms"]\n'
        "modelterms_card_graph = True\n"
        'modelterms_term_files = ["data/*.json"]\n',
        "utf8",
    )
    (srcdir / "index.rst").write_text(
        "Index\n=====\n\n.. toctree::\n\n   cards\n   terms/index\n", "utf8"
    )
    lines = ["Cards", "=====", ""]
    for number, (title, summary) in enumerate(cards):
        lines += [f".. term-card:: {title}", f"   :id: card-{number}"]
        lines += ["   :related: data-term", "", f"   {summary}", ""]
    lines += [".. term-graph:: Every term", ""]
    (srcdir / "cards.rst").write_text("\n".join(lines), "utf8")
    (srcdir / "data").mkdir()
    term = {"title": data[0], "id": "data-term", "summary": data[1]}
    # ASCII escapes, so lone surrogates survive the file
    (srcdir / "data" / "terms.json").write_text(json.dumps({"terms": [term]}))


@XML_BUILDS
@given(CARD_TEXTS, FILE_TEXTS)
def test_characters_xml_forbids_never_break_a_build(
    build_root: Path, cards: list[tuple[str, str]], data: tuple[str, str]
) -> None:
    srcdir = build_root / f"x{next(_COUNTER)}"
    write_xml_project(srcdir, cards, data)
    try:
        html = build(srcdir, "html")
        for warning in warnings_of(html):
            assert WARNING_LINE.match(warning), warning
        page = (html.outdir / "cards.html").read_text("utf8")
        svgs = re.findall(r"<svg\b.*?</svg>", page, re.DOTALL)
        assert svgs  # the drawings, written into the page
        for svg in svgs:
            assert not XML_BAD.search(svg), svg
            ElementTree.fromstring(svg)
        xml = SphinxTestApp(
            "xml", srcdir=srcdir, builddir=srcdir / "xml", freshenv=True
        )
        try:
            xml.build()
        finally:
            xml.cleanup()
        for path in xml.outdir.rglob("*.xml"):
            assert not XML_BAD.search(path.read_text("utf8")), path
            ElementTree.parse(path)
    finally:
        shutil.rmtree(srcdir, ignore_errors=True)
