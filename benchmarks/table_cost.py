"""What a term-table of every term costs: a project of N terms built with and
without one table listing all of them (and an A-Z term-index), interleaved,
median of R runs, at -j 1.

    python benchmarks/table_cost.py [--terms 2000] [--runs 3]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from sphinx.cmd.build import build_main

CATEGORIES = ["Training", "Inference", "Safety", "Data", "Evaluation"]
LEVELS = ["beginner", "intermediate", "advanced"]
PER_PAGE = 50

LISTING = """
All terms
=========

.. term-table::
   :columns: term, aliases, category, level, summary, related, referenced-from

.. term-index::
"""


def write_project(root: Path, terms: int, listing: bool) -> None:
    root.mkdir(parents=True)
    (root / "conf.py").write_text('extensions = ["sphinx_modelterms"]\n', "utf8")
    pages = []
    for start in range(0, terms, PER_PAGE):
        name = f"page{start // PER_PAGE:03d}"
        pages.append(name)
        cards = [f"Page {name}\n{'=' * (5 + len(name))}\n"]
        cards.extend(
            f".. term-card:: Generated term {i}\n"
            f"   :id: term-{i}\n"
            f"   :aliases: gt{i}\n"
            f"   :category: {CATEGORIES[i % len(CATEGORIES)]}\n"
            f"   :level: {LEVELS[i % len(LEVELS)]}\n"
            f"   :related: term-{(i + 1) % terms}\n\n"
            f"   Term {i} is a generated entry with a short definition of a"
            f" realistic length, linking :mt:`term-{(i + 7) % terms}`.\n"
            for i in range(start, min(start + PER_PAGE, terms))
        )
        (root / f"{name}.rst").write_text("\n".join(cards), "utf8")
    toc = "\n".join(f"   {p}" for p in pages)
    extra = "   all\n" if listing else ""
    (root / "index.rst").write_text(
        f"Benchmark\n=========\n\n.. toctree::\n\n{extra}{toc}\n", "utf8"
    )
    if listing:
        (root / "all.rst").write_text(LISTING, "utf8")


def timed_build(src: Path, out: Path) -> float:
    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    status = build_main(["-q", "-E", "-j", "1", "-b", "html", str(src), str(out)])
    elapsed = time.perf_counter() - start
    assert status == 0
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--terms", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        projects = {}
        for listing in (False, True):
            src = Path(tmp) / f"src-{listing}"
            write_project(src, args.terms, listing)
            projects[listing] = src
        times: dict[bool, list[float]] = {False: [], True: []}
        for _ in range(args.runs):
            for listing in (False, True):
                out = Path(tmp) / f"out-{listing}"
                times[listing].append(timed_build(projects[listing], out))
        without, with_table = (statistics.median(times[k]) for k in (False, True))
    print(f"{args.terms} terms, median of {args.runs} interleaved full builds, -j 1")
    print(f"  without the table page: {without:6.1f} s  {times[False]}")
    print(f"  with term-table + A-Z index of all terms: {with_table:6.1f} s")
    print(f"  ratio: {with_table / without:.3f}")


if __name__ == "__main__":
    main()
