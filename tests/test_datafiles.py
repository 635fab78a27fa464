"""Terms from YAML, TOML and JSON files: generated pages, errors, rebuilds."""

from __future__ import annotations

import os
import shutil
from typing import TYPE_CHECKING

import pytest

from .conftest import ROOTS, body, soup, warnings_of

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from sphinx.testing.util import SphinxTestApp

GENERATED = [
    "category-inference",
    "category-safety",
    "category-training",
    "dpo",
    "index",
    "jailbreak",
    "rlhf",
    "temperature",
]


def build_in(
    make_app: Callable[..., SphinxTestApp], srcdir: Path, **kwargs: object
) -> tuple[SphinxTestApp, list[str]]:
    app = make_app("html", srcdir=srcdir, **kwargs)
    written: list[str] = []
    app.connect("doctree-resolved", lambda _a, _t, name: written.append(name))
    app.build()
    app.cleanup()
    return app, sorted(written)


def touch(path: Path, text: str) -> None:
    path.write_text(text, "utf8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


@pytest.mark.sphinx("html", testroot="datafiles")
def test_generated_pages(app: SphinxTestApp) -> None:
    app.build()
    assert warnings_of(app) == []
    folder = app.srcdir / "terms"
    assert sorted(p.stem for p in folder.iterdir()) == GENERATED
    rlhf = soup(app, "terms/rlhf.html")
    assert rlhf.title.get_text().startswith(
        "Reinforcement Learning from Human Feedback"
    )
    card = rlhf.select_one(".mt-card#mt-rlhf")
    assert card.select_one(".mt-summary em").get_text() == "human"
    assert [li.get_text() for li in card.select(".mt-explanation li")] == [
        "step one",
        "step two",
    ]
    assert card.select_one(".mt-fields td").get_text(strip=True) == "yes"
    assert [a["href"] for a in card.select(".mt-sources a")] == [
        "https://arxiv.org/abs/2203.02155",
        "https://arxiv.org/abs/1706.03741",
    ]
    questions = [dt.get_text() for dt in card.select(".mt-faq-list > dt")]
    assert questions[-1] == "Does RLHF need a reward model?"
    assert (
        card.select_one(".mt-faq-list > dd:last-child a.mt-ref")["data-mt-term"]
        == "dpo"
    )
    related = [a["data-mt-term"] for a in card.select(".mt-related-card a.mt-ref")]
    assert related == ["reward-model", "dpo", "jailbreak"]
    # the MyST-format JSON term, with its code block
    temperature = soup(app, "terms/temperature.html").select_one("#mt-temperature")
    assert temperature.select_one(".mt-summary code").get_text() == "code"
    assert "sample(logits / temperature)" in temperature.select_one("pre").get_text()
    # links into the data from a hand-written page; the hand-written card's
    # related term lives in a term file
    links = soup(app, "index.html").select("div.body > section a.mt-ref")
    assert [(a["data-mt-term"], a["href"]) for a in links] == [
        ("rlhf", "terms/rlhf.html#mt-rlhf"),
        ("jailbreak", "terms/jailbreak.html#mt-jailbreak"),
        ("temperature", "terms/temperature.html#mt-temperature"),
    ]
    # the index and a category page
    index = soup(app, "terms/index.html")
    # one term a letter: two shared headings
    assert [a.get_text() for a in index.select(".mt-index-jump a")] == [
        "D\u2013J",
        "R\u2013T",
    ]
    safety = soup(app, "terms/category-safety.html")
    assert [a.get_text() for a in safety.select(".mt-index-head a")] == ["Jailbreak"]
    # the page's category is its title: no entry repeats it as a badge
    assert safety.select(".mt-index .mt-category") == []
    assert safety.select(".mt-index .mt-level")


def test_unchanged_term_files_rebuild_nothing(
    make_app: Callable[..., SphinxTestApp], copy_root: Callable[[str], Path]
) -> None:
    srcdir = copy_root("datafiles")
    build_in(make_app, srcdir, freshenv=True)
    stamps = {p: p.stat().st_mtime_ns for p in (srcdir / "terms").iterdir()}
    _app, written = build_in(make_app, srcdir)
    assert written == []
    assert {p: p.stat().st_mtime_ns for p in (srcdir / "terms").iterdir()} == stamps


def test_edited_term_rebuilds_what_shows_it(
    make_app: Callable[..., SphinxTestApp],
    copy_root: Callable[[str], Path],
    tmp_path: Path,
) -> None:
    srcdir = copy_root("datafiles")
    build_in(make_app, srcdir, freshenv=True)
    data = srcdir / "data" / "training.yaml"
    touch(
        data,
        data.read_text("utf8").replace(
            "Tuning on preference pairs directly", "Tuning on ranked pairs directly"
        ),
    )
    app, written = build_in(make_app, srcdir)
    # dpo: its page; rlhf: its related card; terms/index and the training
    # category list it; index: Sphinx rewrites the toctree ancestors of dpo
    assert written == [
        "index",
        "terms/category-training",
        "terms/dpo",
        "terms/index",
        "terms/rlhf",
    ]
    clean = make_app("html", srcdir=srcdir, builddir=tmp_path / "clean", freshenv=True)
    clean.build()
    clean.cleanup()
    for page in [f"terms/{name}.html" for name in GENERATED] + ["index.html"]:
        assert body(app, page) == body(clean, page), page


def test_removed_term_removes_its_page(
    make_app: Callable[..., SphinxTestApp], copy_root: Callable[[str], Path]
) -> None:
    srcdir = copy_root("datafiles")
    build_in(make_app, srcdir, freshenv=True)
    (srcdir / "data" / "safety.toml").unlink()
    app, written = build_in(make_app, srcdir)
    assert not (srcdir / "terms" / "jailbreak.rst").exists()
    assert not (srcdir / "terms" / "category-safety.rst").exists()
    assert "index" in written
    assert warnings_of(app) == [
        "conf.py:2: WARNING: modelterms_term_files pattern 'data/*.toml' matches "
        "no file [modelterms.data]",
        "index.rst:9: WARNING: unknown term 'jailbreaks' [modelterms.unknown]",
    ]


BAD_YAML = """\
- title: Broken term
  summary: fine
  colour: red
- title: Second DPO
  id: dpo
  summary: clashes with training.yaml
- title: Unsafe
  summary: has a bad source
  sources: ["Click <javascript:alert(1)>"]
"""


def test_term_file_errors_are_located_warnings(
    make_app: Callable[..., SphinxTestApp], copy_root: Callable[[str], Path]
) -> None:
    srcdir = copy_root("datafiles")
    (srcdir / "data" / "zz-bad.yaml").write_text(BAD_YAML, "utf8")
    (srcdir / "data" / "broken.json").write_text(
        '{"terms": [\n  {"title": }\n]}', "utf8"
    )
    (srcdir / "terms").mkdir()
    (srcdir / "terms" / "unsafe.rst").write_text(
        "Mine\n====\n\nHand-written.\n", "utf8"
    )
    app, _written = build_in(make_app, srcdir, freshenv=True)
    data = [w for w in warnings_of(app) if "[modelterms.data]" in w]
    assert data == [
        "data/broken.json:2: WARNING: syntax error in term file: Expecting value "
        "[modelterms.data]",
        "data/zz-bad.yaml:3: WARNING: unknown key 'colour' in term 'Broken term' "
        "(known: title, id, category, level, summary, explanation, aliases, "
        "related, examples, faq, sources, needs_reward_model); it is ignored "
        "[modelterms.data]",
        "data/zz-bad.yaml:9: WARNING: source URL 'javascript:alert(1)' of 'Unsafe' "
        "is refused (unsafe scheme); the title is kept [modelterms.data]",
        "data/zz-bad.yaml:4: WARNING: duplicate term id 'dpo': also defined at "
        "data/training.yaml:26; it is left out [modelterms.data]",
    ]
    # a hand-written page in the way: the term's page takes another name
    assert [w for w in warnings_of(app) if "[modelterms.duplicate]" in w] == [
        "data/zz-bad.yaml:7: WARNING: terms/unsafe would be the page of term "
        "'unsafe' and of terms/unsafe.rst, which sphinx-modelterms did not "
        "generate; the page of term 'unsafe' is terms/unsafe-2 [modelterms.duplicate]"
    ]
    unsafe = soup(app, "terms/unsafe-2.html").select_one("#mt-unsafe .mt-summary")
    assert unsafe.get_text() == "has a bad source"
    # the other terms are all there, and the hand-written file is untouched
    assert (srcdir / "terms" / "unsafe.rst").read_text("utf8").startswith("Mine")
    broken = soup(app, "terms/broken-term.html").select_one("#mt-broken-term")
    assert broken.select_one(".mt-summary").get_text() == "fine"
    dpo = soup(app, "terms/dpo.html").select_one("#mt-dpo .mt-summary")
    assert dpo.get_text().startswith("Tuning on preference pairs")


# -- term files that break naive generation ---------------------------------------

EDGE_WARNINGS = [
    "conf.py:4: WARNING: modelterms_term_files pattern '/nowhere/*.yaml' is outside "
    "the source folder; it is ignored [modelterms.data]",
    "conf.py:4: WARNING: modelterms_term_files pattern 'data/../../*.yaml' is "
    "outside the source folder; it is ignored [modelterms.data]",
    "data/deep.json:4: WARNING: 'explanation' of 'Deep JSON' must be text; it is "
    "ignored [modelterms.data]",
    "data/deep.toml:4: WARNING: syntax error in term file: its values are nested "
    "too deeply to read [modelterms.data]",
    "data/deep.yaml:3: WARNING: syntax error in term file: its values are nested "
    "too deeply to read [modelterms.data]",
    *(
        f"data/myst.json:{line}: WARNING: '{key}' of 'Alpha\ufffd' holds the lone "
        f"surrogate U+{code} (half of a UTF-16 pair, not a character), which XML "
        "forbids; it is replaced [modelterms.data]"
        for line, key, code in [
            (14, "title", "D800"),
            (15, "summary", "DC00"),
            (16, "examples", "D800"),
        ]
    ),
    "data/names.yaml:9: WARNING: 'aliases' entry 'x, y' of ':memory: usage' holds "
    "a comma, which separates entries; it is read as ['x', 'y'] [modelterms.data]",
    "data/names.yaml:10: WARNING: 'related' entry 'index, category-training' of "
    "':memory: usage' holds a comma, which separates entries; it is read as "
    "['index', 'category-training'] [modelterms.data]",
    "data/names.yaml:11: WARNING: terms/category-training would be the page of "
    "category 'training' and of category 'Training' (data/names.yaml:6); the page "
    "of category 'training' is terms/category-training-2 [modelterms.duplicate]",
    "data/names.yaml:2: WARNING: terms/index would be the page of term 'index' and "
    "of the generated index; the page of term 'index' is terms/index-2 "
    "[modelterms.duplicate]",
    "data/names.yaml:4: WARNING: terms/category-training would be the page of term "
    "'category-training' and of category 'Training' (data/names.yaml:6); the page "
    "of term 'category-training' is terms/category-training-3 [modelterms.duplicate]",
]


@pytest.fixture(scope="module")
def edge(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    """``test-datafiles-edge``, built once: term files found by an absolute
    pattern, ids that are the names of generated pages, titles that need
    quoting, lone surrogates and deeply nested values."""
    from sphinx.testing.util import SphinxTestApp

    srcdir = tmp_path_factory.mktemp("edge") / "src"
    shutil.copytree(ROOTS / "test-datafiles-edge", srcdir)
    app = SphinxTestApp("html", srcdir=srcdir, freshenv=True)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def test_edge_term_files_give_located_warnings_only(edge: SphinxTestApp) -> None:
    assert warnings_of(edge) == EDGE_WARNINGS
    assert "Traceback" not in edge.status.getvalue()


def test_absolute_pattern_inside_the_source_folder_is_read(
    edge: SphinxTestApp,
) -> None:
    # names.yaml and deep.yaml are found through the absolute pattern only
    assert (edge.srcdir / "terms" / "memory-usage.rst").is_file()
    assert soup(edge, "terms/memory-usage.html").select_one("#mt-memory-usage")


def test_generated_pages_never_overwrite_one_another(edge: SphinxTestApp) -> None:
    folder = edge.srcdir / "terms"
    assert sorted(p.name for p in folder.iterdir()) == [
        "alpha.md",
        "category-training-2.rst",
        "category-training-3.rst",
        "category-training.rst",
        "colon-in-myst.md",
        "deep-json.rst",
        "index-2.rst",
        "index.rst",
        "kept-backslash.rst",
        "memory-usage.rst",
        "overlap.rst",
        "triple-tick.md",
    ]
    index = soup(edge, "terms/index.html")
    assert index.select_one("h1").get_text() == "Glossary¶"
    assert index.select_one(".mt-index") is not None
    for page, term_id in [
        ("index-2", "index"),
        ("category-training-3", "category-training"),
    ]:
        assert soup(edge, f"terms/{page}.html").select_one(f".mt-card#mt-{term_id}")
    for page, name in [
        ("category-training", "Training"),
        ("category-training-2", "training"),
    ]:
        assert soup(edge, f"terms/{page}.html").select_one("h1").get_text() == (
            f"{name}¶"
        )
    # links by id reach the renamed pages
    links = soup(edge, "index.html").select("div.body > section a.mt-ref")
    assert [(a["data-mt-term"], a["href"]) for a in links][:2] == [
        ("index", "terms/index-2.html#mt-index"),
        ("category-training", "terms/category-training-3.html#mt-category-training"),
    ]


def test_generated_pages_quote_titles(edge: SphinxTestApp) -> None:
    rst = soup(edge, "terms/memory-usage.html")
    assert rst.title.get_text().startswith(":memory: usage")
    aliases = rst.select_one("#mt-memory-usage .mt-aliases").get_text()
    assert aliases == "Also called: x, y"
    for page, title in [
        ("kept-backslash", "\\:kept backslash"),
        ("colon-in-myst", ":colon: in MyST"),
    ]:
        assert soup(edge, f"terms/{page}.html").title.get_text().startswith(title)
    myst = soup(edge, "terms/triple-tick.html")
    assert myst.title.get_text().startswith("Triple ``` tick")
    card = myst.select_one("#mt-triple-tick")
    assert card.select_one(".mt-summary").get_text() == "A title holding a fence."
    questions = [dt.get_text() for dt in card.select(".mt-faq-list > dt")]
    assert questions[-1] == "Why ``` here?"


def test_lone_surrogates_and_deep_values_keep_the_term(edge: SphinxTestApp) -> None:
    alpha = soup(edge, "terms/alpha.html")
    assert alpha.title.get_text().startswith("Alpha\ufffd")
    card = alpha.select_one("#mt-alpha")
    assert card.select_one(".mt-summary").get_text() == "Beta \ufffd gamma."
    deep = soup(edge, "terms/deep-json.html").select_one("#mt-deep-json")
    assert deep.select_one(".mt-summary").get_text() == "Kept."


MYST_FILE = """\
{
  "terms": [{"title": "Plain", "summary": "Read as reST."}],
  "format": "myst"
}
"""


def test_myst_format_without_myst_parser_keeps_the_terms(
    make_app: Callable[..., SphinxTestApp], copy_root: Callable[[str], Path]
) -> None:
    srcdir = copy_root("datafiles")
    (srcdir / "data" / "inference.json").write_text(MYST_FILE, "utf8")
    app, _written = build_in(
        make_app,
        srcdir,
        freshenv=True,
        confoverrides={"extensions": ["sphinx_modelterms"]},
    )
    assert [w for w in warnings_of(app) if "[modelterms.data]" in w] == [
        "data/inference.json:3: WARNING: format 'myst' needs the myst_parser "
        "extension, which this project does not load; the terms of this file "
        "('Plain') are read as reStructuredText [modelterms.data]"
    ]
    assert not (srcdir / "terms" / "plain.md").exists()
    card = soup(app, "terms/plain.html").select_one("#mt-plain")
    assert card.select_one(".mt-summary").get_text() == "Read as reST."


def test_generated_dir_outside_the_source_folder_is_refused(
    make_app: Callable[..., SphinxTestApp], copy_root: Callable[[str], Path]
) -> None:
    srcdir = copy_root("datafiles")
    app, _written = build_in(
        make_app,
        srcdir,
        freshenv=True,
        confoverrides={"modelterms_generated_dir": "x/../../escaped"},
    )
    assert [w for w in warnings_of(app) if "[modelterms.config]" in w] == [
        "conf.py:1: WARNING: modelterms_generated_dir must be a relative folder "
        "name inside the source folder; got 'x/../../escaped', using the default "
        "[modelterms.config]"
    ]
    assert not (srcdir.parent / "escaped").exists()
    assert (srcdir / "terms" / "rlhf.rst").is_file()


def test_term_file_whose_name_is_not_utf8(
    make_app: Callable[..., SphinxTestApp], copy_root: Callable[[str], Path]
) -> None:
    """Such a name reaches Python with surrogate escapes; the generated page
    names its file with a replacement character instead of failing."""
    srcdir = copy_root("datafiles")
    name = os.fsdecode(b"\xff-odd.yaml")
    (srcdir / "data" / name).write_text(
        "- title: Oddname\n  summary: From an odd file.\n  colour: x\n", "utf8"
    )
    app, _written = build_in(make_app, srcdir, freshenv=True)
    assert [w for w in warnings_of(app) if "[modelterms.data]" in w] == [
        "data/\ufffd-odd.yaml:3: WARNING: unknown key 'colour' in term 'Oddname' "
        "(known: title, id, category, level, summary, explanation, aliases, "
        "related, examples, faq, sources, needs_reward_model); it is ignored "
        "[modelterms.data]"
    ]
    page = (srcdir / "terms" / "oddname.rst").read_text("utf8")
    assert page.startswith(".. generated by sphinx-modelterms from data/\ufffd-odd")
    card = soup(app, "terms/oddname.html").select_one("#mt-oddname .mt-summary")
    assert card.get_text() == "From an odd file."
