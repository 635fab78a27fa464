"""Time a one-page edit with two or more versions of the extension: the
tool to find which commit made a rebuild slower.

Each version is a commit of this repository (its package taken with ``git
archive``) or a folder that holds a ``sphinx_modelterms`` package.  The
corpus (``corpus.py``) is written once; each version builds it in an output
folder of its own, then the versions take turns in blocks: two rebuilds,
then a number of edits (a sentence added to a prose page, the build
measured, the sentence taken out and the page built again).  Blocks, not
single builds, because a version's first build after another's re-reads
the pages the other edited and restored (their files are newer than its
environment), and runs slower even with nothing to read.  The table gives
each version's median and lowest CPU seconds of an edit and the median
number of the collector's full collections, the step an edit's time most
often moves by (``benchmarks/README.md``, the collector's schedule).

    python benchmarks/edits.py 76812ba HEAD
    python benchmarks/edits.py --size medium --blocks 6 main ../other-checkout
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from corpus import SIZES, Corpus, write_corpus
from run import compile_extension, edit, measure

HERE = Path(__file__).resolve().parent
REPOSITORY = HERE.parent


def fetch(version: str, folder: Path) -> Path:
    """A folder whose ``sphinx_modelterms`` is ``version``'s package: the
    folder given, or the package of that commit, archived into ``folder``."""
    given = Path(version)
    if (given / "sphinx_modelterms").is_dir():
        return given.resolve()
    folder.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "-C", str(REPOSITORY), "archive", version, "sphinx_modelterms"],
        capture_output=True,
        check=False,
    )
    if archive.returncode != 0:
        raise SystemExit(f"{version}: {archive.stderr.decode().strip()}")
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    compile_extension(folder / "sphinx_modelterms")
    return folder


def time_edits(
    corpus: Corpus,
    pages: int,
    packages: dict[str, Path],
    work: Path,
    blocks: int,
    edits: int,
) -> dict[str, list[dict[str, object]]]:
    """Each version's edits of ``corpus`` (with ``pages`` prose pages),
    measured in alternating blocks."""
    envs = {v: {**os.environ, "PYTHONPATH": str(p)} for v, p in packages.items()}
    for version in packages:
        measure(corpus.root, work / f"out-{version}", "-j", "1", env=envs[version])
    results: dict[str, list[dict[str, object]]] = {v: [] for v in packages}
    order = list(packages)
    for block in range(blocks):
        for version in order if block % 2 == 0 else order[::-1]:
            out = work / f"out-{version}"
            for _ in range(2):  # catch up with the other versions' edits
                measure(corpus.root, out, "-j", "1", env=envs[version])
            for i in range(edits):
                page = corpus.prose_page(i % pages)
                undo = edit(page, "\n\n", f"\n\nSentence {block} {i} added.\n\n")
                try:
                    result = measure(corpus.root, out, "-j", "1", env=envs[version])
                finally:
                    undo()
                results[version].append(result)
                measure(corpus.root, out, "-j", "1", env=envs[version])
    return results


def table(results: dict[str, list[dict[str, object]]]) -> str:
    first = next(iter(results))
    base = statistics.median(float(r["cpu"]) for r in results[first])  # type: ignore[arg-type]
    heading = ("edits", 6), ("median", 9), ("lowest", 9), ("ratio", 7), ("full gc", 9)
    lines = [f"{'version':24}" + "".join(f"{name:>{width}}" for name, width in heading)]
    for version, samples in results.items():
        cpu = [float(r["cpu"]) for r in samples]  # type: ignore[arg-type]
        full = statistics.median(int(r["gc_full"]) for r in samples)  # type: ignore[call-overload]
        median = statistics.median(cpu)
        lines.append(
            f"{version:24}{len(cpu):6}{median:9.3f}{min(cpu):9.3f}"
            f"{median / base:7.2f}{full:9g}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("versions", nargs="+", help="commits or package folders")
    parser.add_argument("--size", choices=list(SIZES), default="large")
    parser.add_argument("--blocks", type=int, default=4)
    parser.add_argument("--edits", type=int, default=4, help="edits a block")
    args = parser.parse_args(argv)
    if len(set(args.versions)) < len(args.versions):
        parser.error("each version once")
    size = SIZES[args.size]
    with tempfile.TemporaryDirectory(prefix="mt-edits-") as tmp:
        work = Path(tmp)
        corpus = write_corpus(work / "src", "modelterms", size)
        packages = {
            v: fetch(v, work / f"package-{n}") for n, v in enumerate(args.versions)
        }
        results = time_edits(
            corpus, size.pages, packages, work, args.blocks, args.edits
        )
        shutil.rmtree(work / "src")
    report = table(results)
    print(f"{args.size} size, {args.blocks} blocks of {args.edits} edits, CPU seconds")
    print(report)


if __name__ == "__main__":
    main(sys.argv[1:])
