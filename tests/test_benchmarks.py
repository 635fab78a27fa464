"""The benchmark corpus: deterministic, and the same glossary in each flavor."""

from __future__ import annotations

import gc
import importlib
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from .conftest import warnings_of

if TYPE_CHECKING:
    from types import ModuleType

BENCHMARKS = Path(__file__).parent.parent / "benchmarks"
SIZE = (24, 6, 90)  # terms, prose pages, references


def benchmark(name: str) -> ModuleType:
    """The module ``benchmarks/<name>.py`` (they import one another by name,
    so their folder is on the path while one is imported)."""
    sys.path.insert(0, str(BENCHMARKS))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(str(BENCHMARKS))


@pytest.fixture(scope="module")
def corpus() -> ModuleType:
    return benchmark("corpus")


def files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*.*")}


def test_same_sizes_write_the_same_bytes(corpus: ModuleType, tmp_path: Path) -> None:
    size = corpus.Size(*SIZE)
    for flavor in corpus.FLAVORS:
        corpus.write_corpus(tmp_path / f"a-{flavor}", flavor, size)
        corpus.write_corpus(tmp_path / f"b-{flavor}", flavor, size)
        assert files(tmp_path / f"a-{flavor}") == files(tmp_path / f"b-{flavor}")


def test_medium_size_lies_between_small_and_large(
    corpus: ModuleType, tmp_path: Path
) -> None:
    """800 terms, 120 pages and 60 references a page: between the other two
    sizes in each, so the runner shows how the ratios move with the shape."""
    sizes = corpus.SIZES
    medium = sizes["medium"]
    assert medium == corpus.Size(terms=800, pages=120, refs=7200)
    assert medium.refs_per_page == 60
    small, large = sizes["small"], sizes["large"]
    assert (small.refs_per_page, large.refs_per_page) == (50, 125)
    for measure in ("terms", "pages", "refs", "refs_per_page"):
        assert getattr(small, measure) < getattr(medium, measure), measure
        assert getattr(medium, measure) < getattr(large, measure), measure
    # the runner builds it
    run = benchmark("run")
    assert run.arguments().parse_args(["--size", "medium"]).size == "medium"
    assert list(sizes) == ["small", "medium", "large"]
    # a tiny corpus of its shape: 60 references on each prose page in both
    # glossary flavors, and full glossary pages of distinct terms
    tiny = corpus.Size(terms=corpus.TERMS_PER_PAGE * 2, pages=3, refs=180)
    assert tiny.refs_per_page == medium.refs_per_page
    for flavor, link in (("modelterms", ":mt:`"), ("glossary", ":term:`")):
        written = corpus.write_corpus(tmp_path / flavor, flavor, tiny)
        assert len({t.title for t in written.terms}) == tiny.terms
        prose = sorted((tmp_path / flavor / "prose").glob("*.rst"))
        assert [page.read_text("utf8").count(link) for page in prose] == [60] * 3
    cards = sorted((tmp_path / "modelterms" / "glossary").glob("*.rst"))
    per_page = [page.read_text("utf8").count(".. term-card::") for page in cards]
    assert per_page == [corpus.TERMS_PER_PAGE] * 2


@pytest.mark.parametrize("term_files", [False, True])
def test_flavors_hold_the_same_glossary_and_links(
    corpus: ModuleType, tmp_path: Path, term_files: bool
) -> None:
    from sphinx.testing.util import SphinxTestApp

    size = corpus.Size(*SIZE)
    apps = {}
    for flavor in corpus.FLAVORS:
        written = corpus.write_corpus(
            tmp_path / flavor, flavor, size, term_files=term_files
        )
        assert len(written.terms) == size.terms
        app = SphinxTestApp("html", srcdir=tmp_path / flavor, freshenv=True)
        app.build()
        app.cleanup()
        assert warnings_of(app) == [], flavor
        apps[flavor] = app

    # every term is defined once, with its title, in each flavor
    assert {t.id for t in apps["modelterms"].env.get_domain("mt").terms()} == {
        t.id for t in written.terms
    }
    glossary_terms = apps["glossary"].env.get_domain("std").data["terms"]
    assert {t.title.lower() for t in written.terms} <= set(glossary_terms)

    # the prose pages link the same number of times, and plain links nothing
    def links(flavor: str, pattern: str) -> int:
        html = "".join(
            p.read_text("utf8") for p in (apps[flavor].outdir / "prose").glob("*.html")
        )
        return len(re.findall(pattern, html))

    assert links("modelterms", r'class="mt-ref reference') == size.refs
    assert links("glossary", r'<span class="xref std std-term">') == size.refs
    # (a link to an entry has a fragment; the theme's sidebar links pages)
    assert links("glossary", r'href="\.\./glossary/g\d+\.html#term-') == size.refs
    # adopted, Sphinx's glossary keeps each of its links
    for pattern in (r'<span class="xref std std-term">', r'href="\.\./glossary/'):
        assert links(corpus.ADOPTED, pattern) == links("glossary", pattern)
    assert links("plain", r'href="\.\./glossary/g\d+\.html#') == 0


@pytest.mark.parametrize("term_files", [False, True])
def test_adopted_flavor_is_the_glossary_flavor_with_the_extension(
    corpus: ModuleType, tmp_path: Path, term_files: bool
) -> None:
    """Byte for byte the glossary flavor's pages; only conf.py differs, by
    the extension in ``extensions`` (term files are the modelterms
    flavor's alone)."""
    size = corpus.Size(*SIZE)
    written = {
        flavor: corpus.write_corpus(
            tmp_path / flavor, flavor, size, term_files=term_files
        )
        for flavor in ("glossary", corpus.ADOPTED)
    }
    glossary, adopted = files(tmp_path / "glossary"), files(tmp_path / corpus.ADOPTED)
    conf = adopted.pop("conf.py")
    assert conf == glossary.pop("conf.py") + b"extensions = ['sphinx_modelterms']\n"
    assert adopted == glossary
    assert size.terms <= corpus.TERMS_PER_PAGE  # the index, one glossary page
    assert len(adopted) == 1 + 1 + size.pages
    namespace: dict[str, object] = {}
    exec(conf, namespace)
    assert namespace["extensions"] == ["sphinx_modelterms"]
    # the runner's edits find the same pages and terms
    ours, theirs = written[corpus.ADOPTED], written["glossary"]
    assert ours.flavor == corpus.ADOPTED
    assert ours.terms == theirs.terms
    assert ours.referenced_on == theirs.referenced_on
    assert ours.glossary_page == theirs.glossary_page


def test_table_gives_the_adopted_flavor_its_own_ratio(corpus: ModuleType) -> None:
    """The glossary-adopted flavor: a column and a ratio to the glossary
    flavor, run by run too; a run without it (``--no-adopted``, older JSON)
    shows neither."""
    run = benchmark("run")
    assert run.arguments().parse_args([]).adopted is True
    assert run.arguments().parse_args(["--no-adopted"]).adopted is False
    keys = [key for key, *_ in run.ROWS] + ["term_extra"]
    samples = {flavor: {key: [1.0] for key in keys} for flavor in corpus.FLAVORS}
    samples["glossary"]["full_j1"] = [80.0]
    samples["modelterms"]["full_j1"] = [100.0]
    samples[corpus.ADOPTED]["full_j1"] = [84.0]
    samples[corpus.ADOPTED]["html_mb"] = [3.0]
    samples[run.AUTOLINK] = {"full_j1": [1.0], "html_mb": [1.0]}
    report = run.table(samples, corpus.SIZES["small"], 1)
    header = next(line for line in report.splitlines() if "modelterms" in line)
    assert header.split() == [
        *("plain", "glossary", "modelterms", "ratio", "target", "adopted", "ratio")
    ]
    assert re.search(
        r"\nfull build, -j 1 \(s\) +1\.00 +80\.00 +100\.00 +1\.25 +<=1\.10"
        r" +84\.00 +1\.05\n",
        report,
    )
    assert re.search(r"\nHTML written \(MB\) .* +3\.00 +3\.00\n", report)
    assert "full build, -j 1: ratio run by run 1.25\n" in report
    assert "full build, -j 1, adopted: ratio run by run 1.05\n" in report
    assert "one-term edit, adopted: 1 page(s) rewritten" in report
    del samples[corpus.ADOPTED]
    report = run.table(samples, corpus.SIZES["small"], 1)
    assert "adopted" not in report
    assert re.search(r"\nfull build, -j 1 \(s\) .* +1\.25 +<=1\.10\n", report)


def test_table_gives_the_sign_of_the_auto_linking_cost(corpus: ModuleType) -> None:
    """A faster auto-linking build (run-to-run noise) reads "-4.2%"."""
    run = benchmark("run")
    keys = [key for key, *_ in run.ROWS] + ["term_extra"]
    samples = {flavor: {key: [1.0] for key in keys} for flavor in corpus.FLAVORS}
    samples["modelterms"]["full_j1"] = [100.0]
    samples["glossary"]["full_j1"] = [80.0]
    samples[run.AUTOLINK] = {"full_j1": [95.8], "html_mb": [1.0]}
    report = run.table(samples, corpus.SIZES["small"], 1)
    assert '"first" 95.80 s, -4.2% (target <= +15%)' in report
    assert "full build, -j 1: ratio run by run 1.25\n" in report
    assert "full build, -j 2: ratio run by run 1.00\n" in report
    assert "full build, -j 2, all freezing: ratio run by run 1.00\n" in report
    samples[run.AUTOLINK]["full_j1"] = [103.0]
    assert "+3.0% (target" in run.table(samples, corpus.SIZES["small"], 1)


def test_table_splits_the_median_build_at_the_collector(corpus: ModuleType) -> None:
    """The collector's seconds and the rest, each with its own ratio, are
    those of the flavor's median full build, and add up to it."""
    run = benchmark("run")
    keys = [key for key, *_ in run.ROWS] + ["term_extra"]
    # a run without the glossary-adopted flavor, whose columns would follow
    flavors = [f for f in corpus.FLAVORS if f != corpus.ADOPTED]
    samples = {flavor: {key: [1.0] * 3 for key in keys} for flavor in flavors}
    # the median build is the first in each flavor, and its parts are
    # not the medians of the parts
    samples["glossary"].update(
        full_j1=[80.0, 70.0, 90.0],
        gc_j1=[40.0, 20.0, 30.0],
        outside_j1=[40.0, 50.0, 60.0],
    )
    samples["modelterms"].update(
        full_j1=[100.0, 90.0, 110.0],
        gc_j1=[44.0, 20.0, 30.0],
        outside_j1=[56.0, 70.0, 80.0],
    )
    for flavor in flavors:
        samples[flavor]["gc_full_j1"] = [90.0, 80.0, 85.0]
    samples[run.AUTOLINK] = {"full_j1": [1.0], "html_mb": [1.0]}
    med = run.medians(samples["modelterms"])
    assert (med["gc_j1"], med["outside_j1"], med["gc_full_j1"]) == (44.0, 56.0, 90.0)
    assert med["gc_j1"] + med["outside_j1"] == med["full_j1"]
    report = run.table(samples, corpus.SIZES["small"], 3)
    assert re.search(
        r"\n  in the collector \(s\) +1\.00 +40\.00 +44\.00 +1\.10 *\n", report
    )
    assert re.search(
        r"\n  not in the collector \(s\) +1\.00 +40\.00 +56\.00 +1\.40 *\n", report
    )
    # run by run, the rest: 56/40, 70/50, 80/60
    assert (
        "full build, -j 1, not in the collector: ratio run by run 1.40, 1.40, 1.33\n"
        in report
    )
    # an even number of runs takes the lower middle build
    even = {"full_j1": [3.0, 1.0, 2.0, 4.0], "gc_j1": [30.0, 10.0, 20.0, 40.0]}
    assert run.medians(even)["gc_j1"] == 20.0
    # samples without the split (older JSON) keep plain medians
    assert run.medians({"full_j1": [1.0, 2.0], "gc_j1": [5.0]})["gc_j1"] == 5.0


def test_collector_counts_full_collections_and_their_time() -> None:
    measure = benchmark("measure")
    run = benchmark("run")
    collector = measure.Collector()
    gc.callbacks.append(collector)
    try:
        gc.collect(0)
        assert collector.full == 0
        young = collector.seconds
        assert young > 0
        gc.collect()
        assert collector.full == 1
        assert collector.seconds > young
    finally:
        gc.callbacks.remove(collector)
    split = run.collector_split({"seconds": 10.0, "gc_seconds": 4.0, "gc_full": 3})
    assert split == {"gc_j1": 4.0, "outside_j1": 6.0, "gc_full_j1": 3.0}


def test_measured_build_gives_the_collectors_share(
    corpus: ModuleType, tmp_path: Path
) -> None:
    """``measure.py`` times the collector within the build's seconds."""
    import json
    import subprocess

    src = tmp_path / "src"
    corpus.write_corpus(src, "glossary", corpus.Size(*SIZE))
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / "measure.py"), str(src), str(out)],
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(done.stdout.splitlines()[-1])
    assert result["status"] == 0
    assert (out / "index.html").is_file()
    # any build of a few hundred thousand objects runs the collector
    assert 0 < result["gc_seconds"] < result["seconds"]
    assert isinstance(result["gc_full"], int)


def test_runner_compiles_the_extension_before_measuring(
    corpus: ModuleType, tmp_path: Path
) -> None:
    """Builds then load bytecode, as after ``pip install``, and do not
    compile the extension again each time (PYTHONDONTWRITEBYTECODE)."""
    import importlib.util
    import shutil

    import sphinx_modelterms

    run = benchmark("run")
    package = tmp_path / "sphinx_modelterms"
    shutil.copytree(
        Path(sphinx_modelterms.__file__).parent,
        package,
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    sources = sorted(package.rglob("*.py"))
    assert len(sources) > 20

    def compiled() -> list[Path]:
        return [
            path
            for path in sources
            if Path(importlib.util.cache_from_source(str(path))).is_file()
        ]

    assert compiled() == []
    run.compile_extension(package)
    assert compiled() == sources


def test_phase_timer_reports_every_phase_of_a_build(
    corpus: ModuleType, tmp_path: Path
) -> None:
    """The timer behind the performance page's figures on where a build
    spends its time: each phase once, in order, adding up to the build."""
    phases = benchmark("phases")
    src = tmp_path / "src"
    corpus.write_corpus(src, "modelterms", corpus.Size(*SIZE))
    out = tmp_path / "out"
    reports = {}
    runs = {}
    clocks = {}
    for build in ("full", "unchanged"):
        clock = clocks[build] = phases.build(src, out, 1, sites=build == "full")
        assert [name for name, *_ in clock.marks] == ["", *phases.PHASES]
        rows = clock.rows()
        assert [name for name, *_ in rows] == [*phases.PHASES, "whole build"]
        for column in (1, 2, 3, 4, 5):  # wall, cpu, gc, gc runs, full collections
            parts = [row[column] for row in rows[:-1]]
            assert all(value >= 0 for value in parts)
            assert sum(parts) == pytest.approx(rows[-1][column])
        assert clock.tracked > 0
        reports[build] = {name: wall for name, wall, *_ in rows}
        runs[build] = {name: n for name, _w, _c, _g, n, _f in rows}
        lines = clock.report().splitlines()
        assert lines[-1].startswith("peak memory of this process: ")
        assert [line.split()[0] for line in lines[1:-2]] == [
            *phases.PHASES,
            "whole",
        ]
        if build == "full":
            # a sampled profile of where objects are made: one sample per run
            assert clock.sites is not None
            assert sum(clock.sites.values()) == runs[build]["whole build"]
            listed = clock.report(sites=3).splitlines()
            start = listed.index("where the collector ran from, by phase (runs):")
            places = [line.split()[-1] for line in listed[start + 1 :]]
            assert any(p.startswith("sphinx_modelterms.") for p in places), places
    # the extra objects are made when reading ends and kept to the end
    extra = phases.build(src, out, 1, extra=20_000)
    assert extra.extra_alive == 20_000
    assert clocks["unchanged"].extra_alive == 0
    extra_runs = {name: n for name, _w, _c, _g, n, _f in extra.rows()}
    assert extra_runs["between"] >= runs["unchanged"]["between"] + 20
    assert (out / "index.html").is_file()
    # the unchanged rebuild reads and writes nothing
    assert reports["unchanged"]["writing"] < reports["full"]["writing"]
    assert reports["unchanged"]["reading"] < reports["full"]["reading"]
    # the timer leaves the collector as it found it
    owners = [getattr(c, "__self__", None) for c in gc.callbacks]
    assert not any(isinstance(o, phases.Clock) for o in owners)


@pytest.fixture(scope="module")
def html_floor() -> ModuleType:
    return benchmark("html_floor")


def test_floor_keeps_what_the_contract_asks_of_a_tooltip(
    html_floor: ModuleType,
) -> None:
    tooltip = (
        '<div class="mt-tooltip" hidden="hidden" id="mt-tip-rlhf" role="tooltip">'
        '<p class="mt-tip-title"><strong>RLHF</strong></p>\n<p class="mt-badges">'
        '<span class="mt-badge mt-category"><span class="mt-badge-label">'
        "Category: </span>Training</span> "
        '<span class="mt-badge mt-level mt-level-advanced">'
        '<span class="mt-badge-label">'
        "Level: </span>advanced</span></p>\n"
        '<p class="mt-tip-summary">Tuning on <em>ranked</em> answers.</p>\n'
        "</div>\n"
    )
    page = (
        '<p><a aria-describedby="mt-tip-rlhf" class="mt-ref reference internal"'
        ' data-mt-term="rlhf" href="t.html#mt-rlhf">RLHF</a>'
        ' <a class="reference internal" href="other.html">other</a>'
        # an index entry: no tooltip, so no aria-describedby
        ' <a data-mt-term="dpo" class="mt-ref reference internal" href="#mt-dpo">'
        # not a term link, whatever its attributes say
        ' <a class="reference external" data-mt-term="x" href="x.html">x</a>'
        ' <a class="mt-ref reference internal" href="#mt-y">y</a></p>\n'
        f'<div class="mt-tooltips no-search docutils container">{tooltip}</div>\n'
    )
    smallest = (
        "<div id=mt-tip-rlhf role=tooltip hidden>RLHF Training advanced"
        " Tuning on <em>ranked</em> answers.</div>"
    )
    body = tooltip[tooltip.index(">") + 1 : -len("</div>\n")]
    assert html_floor.smallest_tooltip("mt-tip-rlhf", body) == smallest
    floor = html_floor.Floor(glossary_links=5)
    html_floor.page_floor(page, floor)
    assert (floor.tooltips, floor.tooltip_bytes) == (1, len(smallest))
    assert floor.tooltips_written == len(tooltip)
    hooks = [
        len(" aria-describedby=mt-tip-rlhf data-mt-term=rlhf mt-ref"),
        len(" data-mt-term=dpo mt-ref"),
    ]
    assert floor.hooks == hooks
    assert floor.hooks_written == sum(hooks) + 6  # three pairs of quotes
    assert (floor.links, floor.hook_bytes) == (2, sum(hooks))
    # with fewer links to terms in the glossary site, the smallest hooks count
    floor.glossary_links = 1
    assert (floor.links, floor.hook_bytes) == (1, min(hooks))
    # a tooltip written some other way is an error, not a smaller floor
    for changed in (
        tooltip.replace('hidden="hidden" ', ""),
        tooltip.replace("<strong>", "<b>"),
        tooltip.replace('class="mt-badge mt-level', 'class="mt-badge mt-grade'),
        tooltip.replace("</p>\n</div>", "</div>\n</p></div>"),
        tooltip.replace("<em>", '<div class="x">'),
    ):
        with pytest.raises(ValueError, match=r"^c\.html: "):
            html_floor.page_floor(
                page.replace(tooltip, changed), html_floor.Floor(), "c.html"
            )


def test_floor_report_adds_the_parts_to_the_glossary_site(
    html_floor: ModuleType,
) -> None:
    floor = html_floor.Floor(
        glossary=10_000_000,
        glossary_links=3,
        modelterms=30_000_000,
        tooltips=2,
        tooltip_bytes=3_000_000,
        tooltips_written=9_000_000,
        hooks=[600_000, 400_000, 500_000, 700_000],
        hooks_written=3_000_000,
    )
    assert floor.bound == 14_500_000
    assert floor.rest == 18_000_000
    lines = html_floor.report(floor).splitlines()
    assert lines[0].split() == ["glossary", "site", "10.00", "MB"]
    assert lines[1].split() == ["target", "(1.40x)", "14.00", "MB"]
    assert "3.00 MB   (2 tooltips, 1500000 B each)" in lines[2]
    assert "1.50 MB   (3 links, 500000 B each)" in lines[3]
    assert lines[4].split()[-3:] == ["14.50", "MB", "(1.45x)"]
    assert lines[5].split()[-3:] == ["30.00", "MB", "(3.00x)"]
    assert lines[6].split()[-3:] == ["18.00", "MB", "(1.80x)"]
    assert lines[7] == "the bound is 0.50 MB over the target"
    floor.tooltip_bytes = 2_000_000
    assert html_floor.report(floor).splitlines()[7] == (
        "the bound is 0.50 MB within the target"
    )


def test_floor_of_a_built_corpus_lies_between_the_two_sites(
    corpus: ModuleType, html_floor: ModuleType, tmp_path: Path
) -> None:
    from sphinx.testing.util import SphinxTestApp

    size = corpus.Size(*SIZE)
    outs = {}
    for flavor in ("modelterms", "glossary"):
        corpus.write_corpus(tmp_path / flavor, flavor, size)
        app = SphinxTestApp("html", srcdir=tmp_path / flavor, freshenv=True)
        app.build()
        app.cleanup()
        outs[flavor] = app.outdir
    floor = html_floor.measure(outs["modelterms"], outs["glossary"])
    pages = [p.read_text("utf8") for p in outs["modelterms"].rglob("*.html")]
    # every tooltip and every hooked link of the site is counted
    assert floor.tooltips == sum(p.count('role="tooltip"') for p in pages) > 0
    hooked = sum(len(re.findall(r"<a [^>]*data-mt-term=", p)) for p in pages)
    assert len(floor.hooks) == hooked
    # the glossary site links terms from its prose and its "see also"
    assert size.refs <= floor.glossary_links == floor.links < hooked
    assert floor.glossary == sum(
        p.stat().st_size for p in outs["glossary"].rglob("*.html")
    )
    assert floor.glossary < floor.bound < floor.modelterms
    assert floor.glossary < floor.rest < floor.modelterms
    # swapped, the two sites are an error and not a bound
    with pytest.raises(ValueError, match="no glossary site"):
        html_floor.measure(outs["glossary"], outs["modelterms"])


def test_ledger_has_one_patch_per_mechanism_without_a_setting() -> None:
    """Each mechanism the ledger switches off by a patch has its patch, and
    every patch belongs to a mechanism (a mechanism taken out of the
    package takes its patch along)."""
    ledger = benchmark("ledger")
    patched = {name for name, m in ledger.MECHANISMS.items() if not m.options}
    assert patched
    assert {p.stem for p in (BENCHMARKS / "ledger").glob("*.patch")} == patched


def test_ledger_reports_a_patch_that_no_longer_applies(tmp_path: Path) -> None:
    """A patch written against older code is a message, not a crash; one
    that applies changes the copy, never the checkout."""
    ledger = benchmark("ledger")
    stale = tmp_path / "stale.patch"
    stale.write_text(
        "--- a/sphinx_modelterms/model.py\n"
        "+++ b/sphinx_modelterms/model.py\n"
        "@@ -1,1 +1,1 @@\n"
        "-no such line in the module\n"
        "+another line\n",
        "utf-8",
    )
    why = ledger.copy_package(tmp_path / "stale", stale)
    assert why is not None
    assert "patch" in why
    applied = ledger.copy_package(
        tmp_path / "fresh", BENCHMARKS / "ledger" / "lazy-yaml.patch"
    )
    assert applied is None
    copy = tmp_path / "fresh" / "sphinx_modelterms" / "sources" / "_termtext.py"
    assert "import yaml  # imported with the extension" in copy.read_text("utf-8")
    checkout = ledger.PACKAGE / "sources" / "_termtext.py"
    assert "imported with the extension" not in checkout.read_text("utf-8")


def test_edit_timer_times_each_version_in_blocks(
    corpus: ModuleType, tmp_path: Path
) -> None:
    """Two versions (here a commit of the repository and the working
    package's folder) each build the corpus, then take turns: each edit is
    measured once and rebuilds only the edited page, and every edit is
    undone."""
    edits = benchmark("edits")
    written = corpus.write_corpus(tmp_path / "src", "modelterms", corpus.Size(*SIZE))
    before = files(written.root)
    packages = {
        "HEAD": edits.fetch("HEAD", tmp_path / "head"),
        "here": edits.fetch(str(BENCHMARKS.parent), tmp_path / "unused"),
    }
    assert (packages["HEAD"] / "sphinx_modelterms" / "domain.py").is_file()
    assert packages["here"] == BENCHMARKS.parent
    assert not (tmp_path / "unused").exists()
    # one block of two edits each: the second version's turn comes after
    # the first's edits, which its rebuilds before its own must catch up with
    results = edits.time_edits(written, SIZE[1], packages, tmp_path, 1, 2)
    assert files(written.root) == before
    for samples in results.values():
        assert len(samples) == 2
        for sample in samples:
            # the edited page and what Sphinx always writes, nothing more
            pages = set(sample["written"]) - benchmark("run").ALWAYS_WRITTEN
            assert len(pages - {"index.html"}) == 1, pages
    report = edits.table(results).splitlines()
    assert report[0].split() == [
        "version",
        "edits",
        "median",
        "lowest",
        "ratio",
        "full",
        "gc",
    ]
    assert [line.split()[0] for line in report[1:]] == ["HEAD", "here"]
    assert report[1].split()[4] == "1.00"


def test_edit_timer_refuses_an_unknown_commit(tmp_path: Path) -> None:
    edits = benchmark("edits")
    with pytest.raises(SystemExit, match="no-such-commit"):
        edits.fetch("no-such-commit", tmp_path / "x")
