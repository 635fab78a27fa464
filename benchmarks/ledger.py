"""Measure each speed mechanism of the extension on and off: the figures of
the ledger on the user guide's performance page.

A mechanism is switched off by a patch, ``ledger/<name>.patch``, applied to
a copy of the package in a temporary folder (never to the checkout), or by
a setting where the package has one (:data:`MECHANISMS`).  The corpus
(``corpus.py``) is written once; each build runs in a fresh process
(``measure.py``) that imports the package as is (on) or the patched copy
(off), on and off alternating, in an order that swaps from run to run.  A
run of a mechanism is, on and off: a full build at ``-j 1``, then the
median of three one-page edits and the full collections they ran (CPU
seconds, which a machine shared with other work disturbs less than wall
time), and for the mechanisms that concern ``-j N`` a full build at ``-j 2``
(wall seconds: the workers' time is the point).

    python benchmarks/ledger.py                      # small, 5 runs
    python benchmarks/ledger.py --size large --runs 1
    python benchmarks/ledger.py --only trie-pattern,lazy-yaml
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from corpus import ADOPTED, SIZES, Corpus, write_corpus
from run import compile_extension, edit, measure

HERE = Path(__file__).resolve().parent
PACKAGE = HERE.parent / "sphinx_modelterms"
PATCHES = HERE / "ledger"


@dataclass(frozen=True)
class Mechanism:
    """How one mechanism is switched off, and what it is measured on."""

    #: ``-D`` options that switch it off, where the package has a setting;
    #: otherwise ``ledger/<name>.patch`` does
    options: tuple[str, ...] = ()
    #: it concerns -j N: also a full build at -j 2
    parallel: bool = False
    flavor: str = "modelterms"
    #: ``-D`` options of both builds, on and off (what the mechanism serves)
    both: tuple[str, ...] = ()


MECHANISMS = {
    "packed-records": Mechanism(),
    "positional-pickling": Mechanism(),
    "freeze-before-fork": Mechanism(
        options=("-D", "modelterms_freeze_before_fork=0"), parallel=True
    ),
    "no-placeholders": Mechanism(),
    "lookup-tuples": Mechanism(),
    "rendered-caches": Mechanism(),
    "direct-links": Mechanism(),
    "reused-links": Mechanism(),
    "cached-keys": Mechanism(),
    "trie-pattern": Mechanism(both=("-D", "modelterms_autolink=first")),
    "lazy-yaml": Mechanism(),
    "adopted-in-place": Mechanism(flavor=ADOPTED),
    "kept-state": Mechanism(),
}

#: one-page edits per run, each measured after a rebuild of the same
#: package: one edit is one sample of the machine's noise, and the first
#: build after another package's may re-read pages the other one edited
EDITS = 3

#: the rows: key, label, unit
ROWS = (
    ("full_j1", "full build -j 1", "CPU s"),
    ("page_edit", "one-page edit", "CPU s"),
    ("edit_gc_full", "  full collections", ""),
    ("full_j2", "full build -j 2", "wall s"),
)


def copy_package(folder: Path, patch: Path | None) -> str | None:
    """Copy the package into ``folder`` and apply ``patch`` there; return
    why the patch does not apply, or None."""
    shutil.copytree(
        PACKAGE, folder / PACKAGE.name, ignore=shutil.ignore_patterns("__pycache__")
    )
    if patch is not None:
        proc = subprocess.run(
            ["git", "apply", str(patch)],
            cwd=folder,
            capture_output=True,
            text=True,
            check=False,
        )
        if proc.returncode != 0:
            return proc.stderr.strip().splitlines()[0]
    compile_extension(folder / PACKAGE.name)
    return None


def build_once(
    mechanism: Mechanism, on: bool, package: Path, corpus: Corpus, out: Path, run: int
) -> dict[str, float]:
    """One run of ``mechanism``, on or off: its rows' seconds."""
    env = {**os.environ, "PYTHONPATH": str(package)}
    options = (*mechanism.both, *(() if on else mechanism.options))
    shutil.rmtree(out, ignore_errors=True)
    result = measure(corpus.root, out, "-j", "1", *options, env=env)
    sample = {"full_j1": float(result["cpu"])}  # type: ignore[arg-type]
    edits: list[dict[str, object]] = []
    for i in range(EDITS):
        page = corpus.prose_page(run * EDITS + i)
        undo = edit(page, "\n\n", f"\n\nSentence {run} {i} added.\n\n")
        try:
            edits.append(measure(corpus.root, out, "-j", "1", *options, env=env))
        finally:
            undo()
        measure(corpus.root, out, "-j", "1", *options, env=env)
    sample["page_edit"] = statistics.median(float(e["cpu"]) for e in edits)  # type: ignore[arg-type]
    sample["edit_gc_full"] = statistics.median(int(e["gc_full"]) for e in edits)  # type: ignore[call-overload]
    if mechanism.parallel:
        shutil.rmtree(out)
        result = measure(corpus.root, out, "-j", "2", *options, env=env)
        sample["full_j2"] = float(result["seconds"])  # type: ignore[arg-type]
    shutil.rmtree(out)
    return sample


def table(results: dict[str, dict[bool, list[dict[str, float]]] | str]) -> str:
    lines = [
        f"{'mechanism':24}{'row':18}{'unit':>7}{'on':>8}{'off':>8}{'off/on':>8}"
        f"{'on vs off':>10}"
    ]
    for name, result in results.items():
        if isinstance(result, str):
            lines.append(f"{name:24}{result}")
            continue
        for key, label, unit in ROWS:
            if key not in result[True][0]:
                continue
            on = statistics.median(s[key] for s in result[True])
            off = statistics.median(s[key] for s in result[False])
            lines.append(
                f"{name:24}{label:18}{unit:>7}{on:8.3f}{off:8.3f}{off / on:8.3f}"
                f"{(on / off - 1) * 100:+9.1f}%"
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=list(SIZES), default="small")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", help="comma-separated mechanisms")
    args = parser.parse_args()
    names = args.only.split(",") if args.only else list(MECHANISMS)
    unknown = set(names) - set(MECHANISMS)
    if unknown:
        parser.error(f"unknown mechanisms: {', '.join(sorted(unknown))}")
    started = time.perf_counter()
    results: dict[str, dict[bool, list[dict[str, float]]] | str] = {}
    with tempfile.TemporaryDirectory(prefix="mt-ledger-") as tmp:
        work = Path(tmp)
        copy_package(work / "on", None)
        corpora: dict[str, Corpus] = {}
        for name in names:
            mechanism = MECHANISMS[name]
            off = work / "on"
            if not mechanism.options:  # a patch switches it off
                off = work / name
                failed = copy_package(off, PATCHES / f"{name}.patch")
                if failed:
                    results[name] = f"patch does not apply: {failed}"
                    continue
            flavor = mechanism.flavor
            if flavor not in corpora:
                corpora[flavor] = write_corpus(
                    work / f"src-{flavor}", flavor, SIZES[args.size]
                )
            samples: dict[bool, list[dict[str, float]]] = {True: [], False: []}
            for run in range(args.runs):
                # alternate on and off, the first of each run swapping
                for on in (run % 2 == 0, run % 2 != 0):
                    package = work / "on" if on else off
                    samples[on].append(
                        build_once(
                            mechanism, on, package, corpora[flavor], work / "out", run
                        )
                    )
            results[name] = samples
            print(f"{name} done", file=sys.stderr)
    print(f"{args.size} size, median of {args.runs} runs, on and off alternating")
    print(table(results))
    command = " ".join(["python benchmarks/ledger.py", *sys.argv[1:]])
    print(f"\n{command}: {time.perf_counter() - started:.0f} s in all")


if __name__ == "__main__":
    main()
