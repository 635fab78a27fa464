"""Build the benchmark corpus in its flavors side by side and print
medians and ratios.

Each flavor (see ``corpus.py``) is built cold in its own process
(``measure.py``), interleaved with the others, ``--runs`` times.  A run of a
flavor is: a full build at ``-j 1``; three unchanged rebuilds; three one-page
edits (a sentence added to a prose page, a different page each time, so each
rebuild sees one page changed); a one-term edit (a new short definition
for a term that prose pages link); a full build at ``-j 2``.  The
sphinx-modelterms flavor freezes the garbage collector's objects before its
``-j 2`` workers fork (``modelterms_freeze_before_fork``); the other two are
built at ``-j 2`` once more doing the same (``measure.py
--freeze-before-fork``), which compares what the glossaries themselves cost.
The sphinx-modelterms flavor is also built with
``modelterms_autolink = "first"``.  The glossary-adopted flavor (the glossary
flavor with the extension added, which adopts Sphinx's glossary) gets a
column and a ratio of its own against the glossary flavor; ``--no-adopted``
leaves it out.
The full build at ``-j 1`` and the one-page edits also give their CPU time
(the build's process and its children), which a busy shared machine
disturbs less than wall time: the targets stay on wall time.  The median
full build at ``-j 1`` of each flavor is also split into the seconds
Python's garbage collector ran in it and the rest: the collector's full
collections walk every object the process holds, and how many fall in one
build moves it by seconds either way.

The one-term edit is checked, not only timed: after it, the pages whose
HTML holds the new definition are the pages that show the term, and no page
may still hold the old one.

    python benchmarks/run.py                  # small: under two minutes
    python benchmarks/run.py --size medium    # 800 terms, 120 pages, 7,200 refs
    python benchmarks/run.py --size large     # 2,000 terms, 400 pages, 50,000 refs
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

import docutils
import sphinx
from corpus import ADOPTED, FLAVORS, SIZES, Corpus, Size, write_corpus

if TYPE_CHECKING:
    from collections.abc import Callable

HERE = Path(__file__).resolve().parent
#: generated pages Sphinx writes at every build, whatever changed
ALWAYS_WRITTEN = {"genindex.html", "search.html", "py-modindex.html"}

Sample = dict[str, float]


def measure(
    src: Path, out: Path, *options: str, env: dict[str, str] | None = None
) -> dict[str, object]:
    """Build ``src`` into ``out`` in a fresh process; ``env``, if given, is
    that process's environment (the ledger points its ``PYTHONPATH`` at a
    copy of the package)."""
    proc = subprocess.run(
        [sys.executable, str(HERE / "measure.py"), str(src), str(out), *options],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    if proc.returncode != 0:
        raise SystemExit(f"build of {src} failed:\n{proc.stdout}\n{proc.stderr}")
    result: dict[str, object] = json.loads(proc.stdout.strip().splitlines()[-1])
    if result["status"] != 0:
        raise SystemExit(f"build of {src} failed:\n{proc.stderr}")
    return result


def pages_holding(out: Path, text: str) -> set[str]:
    return {
        str(p.relative_to(out))
        for p in out.rglob("*.html")
        if text in p.read_text("utf-8")
    }


def edit(path: Path, old: str, new: str) -> Callable[[], None]:
    """Replace ``old`` by ``new`` in ``path``; return the undo."""
    original = path.read_text("utf-8")
    if old not in original:
        raise SystemExit(f"{path} does not hold {old!r}")
    path.write_text(original.replace(old, new, 1), "utf-8")

    def undo() -> None:
        path.write_text(original, "utf-8")

    return undo


def term_source(corpus: Corpus, index: int) -> Path:
    if (corpus.root / "terms.json").exists():
        return corpus.root / "terms.json"
    return corpus.root / f"{corpus.glossary_page[index]}.rst"


#: unchanged rebuilds and one-page edits measured in each run
REBUILDS = 3

#: parts of the full build at -j 1, shown for its median build (below)
SPLIT = ("gc_j1", "outside_j1", "gc_full_j1")


def collector_split(result: dict[str, object]) -> dict[str, float]:
    """A measured build's seconds in the garbage collector, the rest, and
    its full collections (see ``measure.py``)."""
    seconds = float(result["seconds"])  # type: ignore[arg-type]
    collecting = float(result["gc_seconds"])  # type: ignore[arg-type]
    return {
        "gc_j1": collecting,
        "outside_j1": seconds - collecting,
        "gc_full_j1": float(result["gc_full"]),  # type: ignore[arg-type]
    }


def run_flavor(
    corpus: Corpus, work: Path, samples: dict[str, dict[str, list[float]]]
) -> None:
    name = corpus.flavor
    out = work / f"out-{name}"
    shutil.rmtree(out, ignore_errors=True)
    record = samples.setdefault(name, {})

    def add(key: str, value: float) -> None:
        record.setdefault(key, []).append(value)

    full = measure(corpus.root, out, "-j", "1")
    add("full_j1", float(full["seconds"]))  # type: ignore[arg-type]
    add("cpu_j1", float(full["cpu"]))  # type: ignore[arg-type]
    for key, value in collector_split(full).items():
        add(key, value)
    add("rss_mb", int(full["rss_kb"]) / 1024)  # type: ignore[call-overload]
    add("html_mb", int(full["html_bytes"]) / 1e6)  # type: ignore[call-overload]

    # rebuilds take about a second: a few of each per run, so that their
    # median is not one sample of the machine's noise
    for _ in range(REBUILDS):
        again = measure(corpus.root, out, "-j", "1")
        add("unchanged", float(again["seconds"]))  # type: ignore[arg-type]

    undo_pages = []
    for i in range(REBUILDS):
        # a different page each time: each build sees one page changed
        page = corpus.prose_page(i)
        sentence = f"\n\nSentence {i} added by the benchmark.\n\n"
        undo_pages.append(edit(page, "\n\n", sentence))
        one_page = measure(corpus.root, out, "-j", "1")
        add("page_edit", float(one_page["seconds"]))  # type: ignore[arg-type]
        add("page_edit_cpu", float(one_page["cpu"]))  # type: ignore[arg-type]

    # the most linked term: the edit that reaches the most pages
    index = max(corpus.referenced_on, key=lambda i: len(corpus.referenced_on[i]))
    term = corpus.terms[index]
    marker = "edited by the benchmark"
    new_summary = term.summary[:-1] + f", {marker}."
    undo_term = edit(term_source(corpus, index), term.summary, new_summary)
    one_term = measure(corpus.root, out, "-j", "1")
    undo_term()
    for undo in reversed(undo_pages):
        undo()
    written = {p for p in one_term["written"] if p not in ALWAYS_WRITTEN}  # type: ignore[attr-defined]
    shown = pages_holding(out, marker)
    stale = pages_holding(out, term.summary)
    if stale:
        raise SystemExit(f"{name}: pages still show the old definition: {stale}")
    add("term_edit", float(one_term["seconds"]))  # type: ignore[arg-type]
    add("term_written", len(written))
    add("term_shown", len(shown))
    add("term_extra", len(written - shown))
    if shown - written:
        raise SystemExit(
            f"{name}: not rewritten yet showing the term: {shown - written}"
        )

    shutil.rmtree(out)
    full2 = measure(corpus.root, out, "-j", "2")
    add("full_j2", float(full2["seconds"]))  # type: ignore[arg-type]
    shutil.rmtree(out)
    # the flavors with the extension freeze the collector's objects before
    # their workers fork (modelterms_freeze_before_fork); the others, built
    # so too, give the ratio of what the glossaries themselves cost at -j 2
    if name in {"modelterms", ADOPTED}:
        add("full_j2_frozen", float(full2["seconds"]))  # type: ignore[arg-type]
    else:
        frozen = measure(corpus.root, out, "--freeze-before-fork", "-j", "2")
        add("full_j2_frozen", float(frozen["seconds"]))  # type: ignore[arg-type]
        shutil.rmtree(out)


#: modelterms variants built at -j 1 beside the flavors: auto-linking, and
#: (with --breakdown) the default build with one feature switched off
AUTOLINK = "modelterms+autolink"
VARIANTS = {AUTOLINK: ("-D", "modelterms_autolink=first")}
BREAKDOWN = {
    "without generated questions": ("-D", "modelterms_generated_faq=0"),
    "without back-references": ("-D", "modelterms_backrefs=0"),
    "without tooltips": ("-D", "modelterms_tooltips=0"),
}


def run_variant(
    name: str,
    options: tuple[str, ...],
    corpus: Corpus,
    work: Path,
    samples: dict[str, dict[str, list[float]]],
) -> None:
    out = work / "out-variant"
    shutil.rmtree(out, ignore_errors=True)
    result = measure(corpus.root, out, "-j", "1", *options)
    record = samples.setdefault(name, {})
    record.setdefault("full_j1", []).append(float(result["seconds"]))  # type: ignore[arg-type]
    record.setdefault("html_mb", []).append(int(result["html_bytes"]) / 1e6)  # type: ignore[call-overload]
    shutil.rmtree(out)


ROWS = (
    # key, label, unit, target ratio against the glossary flavor
    ("full_j1", "full build, -j 1", "s", 1.10),
    # CPU time: what a build costs, less the time a busy machine lent to others
    ("cpu_j1", "  CPU time", "s", None),
    # the median build's time in the collector, whose full collections
    # fall differently from build to build, and the rest
    ("gc_j1", "  in the collector", "s", None),
    ("outside_j1", "  not in the collector", "s", None),
    ("full_j2", "full build, -j 2", "s", 1.10),
    # every flavor's workers spared the collection of what they inherit
    ("full_j2_frozen", "  all freezing at fork", "s", None),
    ("rss_mb", "peak memory, -j 1", "MB", 1.25),
    ("html_mb", "HTML written", "MB", 1.40),
    ("page_edit", "one-page edit", "s", 1.10),
    ("page_edit_cpu", "  CPU time", "s", None),
    ("term_edit", "one-term edit", "s", None),
    ("term_written", "  pages rewritten", "", None),
    ("term_shown", "  pages showing the term", "", None),
    ("unchanged", "unchanged rebuild", "s", None),
)


def _cell(value: float | None, unit: str, width: int) -> str:
    if value is None:
        return " " * width
    return f"{value:{width}.2f}" if unit else f"{value:{width}.0f}"


def medians(rows: dict[str, list[float]]) -> dict[str, float]:
    """Each measure's median; the parts of the full build at ``-j 1``
    (:data:`SPLIT`) are those of its median build, so that they compare
    builds with builds and, for an odd number of runs, add up to the
    full build's median (for an even number, the lower middle build's)."""
    med = {key: statistics.median(values) for key, values in rows.items()}
    full = rows.get("full_j1", [])
    middle = full.index(statistics.median_low(full)) if full else None
    for key in SPLIT:
        values = rows.get(key, [])
        if middle is not None and len(values) == len(full):
            med[key] = values[middle]
    return med


def _ratio(value: float | None, glossary: float | None) -> str:
    """``value`` over the glossary flavor's, or blank where one is missing."""
    return f"{value / glossary:.2f}" if glossary and value is not None else ""


def table(samples: dict[str, dict[str, list[float]]], size: Size, runs: int) -> str:
    med = {flavor: medians(rows) for flavor, rows in samples.items()}
    # the glossary-adopted flavor has columns of its own when it was built
    adopted = ADOPTED in med
    lines = [
        f"{size.terms} terms, {size.pages} pages, {size.refs} references; "
        f"median of {runs} interleaved runs "
        f"({REBUILDS} unchanged rebuilds and one-page edits in each)",
        f"Python {sys.version.split()[0]}, Sphinx {sphinx.__version__}, "
        f"docutils {docutils.__version__}, {os.cpu_count()} CPUs",
        "",
        f"{'':26}{'plain':>10}{'glossary':>10}{'modelterms':>12}"
        f"{'ratio':>8}{'target':>8}"
        + (f"{'adopted':>10}{'ratio':>8}" if adopted else ""),
    ]
    for key, label, unit, target in ROWS:
        cells = [med[f].get(key) for f in ("plain", "glossary", "modelterms")]
        glossary, ours = cells[1], cells[2]
        mark = f"<={target:.2f}" if target else ""
        # a measure some samples lack (older JSON) shows as a blank cell
        text = [_cell(v, unit, 10) for v in cells[:2]]
        ours_text = _cell(ours, unit, 12)
        row = (
            f"{label + (f' ({unit})' if unit else ''):26}{''.join(text)}{ours_text}"
            f"{_ratio(ours, glossary):>8}{mark:>8}"
        )
        if adopted:
            theirs = med[ADOPTED].get(key)
            row += f"{_cell(theirs, unit, 10)}{_ratio(theirs, glossary):>8}"
        lines.append(row)
    if adopted:
        lines += [
            "",
            "adopted: the glossary flavor with sphinx_modelterms added to"
            " extensions, which adopts Sphinx's glossary; its ratio is to the"
            " glossary flavor",
        ]
    # each run builds the flavors minutes apart: a run's own ratio shows
    # how far the machine's drift moves the median's
    by_run = []
    for flavor, which in (("modelterms", ""), (ADOPTED, ", adopted")):
        for key, label in (
            ("full_j1", "-j 1"),
            ("outside_j1", "-j 1, not in the collector"),
            ("full_j2", "-j 2"),
            ("full_j2_frozen", "-j 2, all freezing"),
        ):
            ours_runs = samples.get(flavor, {}).get(key, [])
            theirs = samples["glossary"].get(key, [])
            if ours_runs and len(ours_runs) == len(theirs):
                ratios = ", ".join(
                    f"{a / b:.2f}" for a, b in zip(ours_runs, theirs, strict=True)
                )
                by_run.append(f"full build, {label}{which}: ratio run by run {ratios}")
    if by_run:
        lines += ["", *by_run]
    off = med["modelterms"]["full_j1"]
    first = med[AUTOLINK]["full_j1"]
    lines += [
        "",
        f'auto-linking: off {off:.2f} s, "first" {first:.2f} s, '
        f"{(first / off - 1) * 100:+.1f}% (target <= +15%)",
        f"one-term edit: {med['modelterms']['term_extra']:.0f} page(s) rewritten"
        " beyond those showing the term (Sphinx rewrites the toctree parents"
        " of a re-read page)",
    ]
    if adopted and "term_extra" in med[ADOPTED]:
        lines.append(
            f"one-term edit, adopted: {med[ADOPTED]['term_extra']:.0f} page(s)"
            " rewritten beyond those showing the term"
        )
    if any(name in med for name in BREAKDOWN):
        glossary = med["glossary"]
        lines += ["", "what the features cost (modelterms flavor, -j 1):"]
        for name in ("modelterms", *BREAKDOWN):
            if name in med:
                row = med[name]
                label = "default (all on)" if name == "modelterms" else name
                lines.append(
                    f"  {label:30}{row['full_j1']:8.2f} s "
                    f"({row['full_j1'] / glossary['full_j1']:.2f}x)"
                    f"{row['html_mb']:8.2f} MB "
                    f"({row['html_mb'] / glossary['html_mb']:.2f}x)"
                )
    return "\n".join(lines)


def compile_extension(folder: Path | None = None) -> None:
    """Compile the extension's bytecode once, as ``pip install`` does.

    An editable install run with ``PYTHONDONTWRITEBYTECODE`` (or from a
    read-only checkout) would otherwise compile every module again in each
    measured build, about 0.06 s a build that Sphinx's own modules, compiled
    when they were installed, do not pay.
    """
    if folder is None:
        import sphinx_modelterms

        folder = Path(sphinx_modelterms.__file__).parent
    if not compileall.compile_dir(folder, quiet=1):
        print(f"could not compile {folder}: builds compile it", file=sys.stderr)


def arguments() -> argparse.ArgumentParser:
    """The runner's command line."""
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--size", choices=list(SIZES), default="small")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--term-files", action="store_true")
    parser.add_argument(
        "--breakdown",
        action="store_true",
        help="also build the modelterms flavor with each feature switched off",
    )
    parser.add_argument(
        "--no-adopted",
        dest="adopted",
        action="store_false",
        help="leave out the glossary-adopted flavor (Sphinx's glossary with"
        " the extension added)",
    )
    parser.add_argument("--json", type=Path, help="also write the raw samples here")
    parser.add_argument("--output", type=Path, help="also write the table here")
    return parser


def main() -> None:
    args = arguments().parse_args()
    size = SIZES[args.size]
    started = time.perf_counter()
    compile_extension()
    with tempfile.TemporaryDirectory(prefix="mt-bench-") as tmp:
        work = Path(tmp)
        flavors = [f for f in FLAVORS if f != ADOPTED or args.adopted]
        corpora = [
            write_corpus(work / f"src-{f}", f, size, term_files=args.term_files)
            for f in flavors
        ]
        modelterms = corpora[flavors.index("modelterms")]
        samples: dict[str, dict[str, list[float]]] = {}
        for run in range(args.runs):
            # rotate the order so no flavor always runs first
            turn = run % len(corpora)
            order = corpora[turn:] + corpora[:turn]
            for corpus in order:
                run_flavor(corpus, work, samples)
            variants = dict(VARIANTS)
            if args.breakdown:
                variants.update(BREAKDOWN)
            for name, options in variants.items():
                run_variant(name, options, modelterms, work, samples)
            print(f"run {run + 1}/{args.runs} done", file=sys.stderr)
    report = table(samples, size, args.runs)
    command = " ".join(["python benchmarks/run.py", *sys.argv[1:]])
    report += f"\n\n{command}: {time.perf_counter() - started:.0f} s in all\n"
    print(report)
    if args.output:
        args.output.write_text(report, "utf-8")
    if args.json:
        args.json.write_text(json.dumps(samples, indent=1, sort_keys=True), "utf-8")


if __name__ == "__main__":
    main()
