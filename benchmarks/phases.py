"""Where one Sphinx HTML build spends its time, phase by phase, and how much
of it goes to Python's garbage collector.

    python benchmarks/phases.py SRC OUT [-j N] [--gc-threshold N]

Prints, for each phase of the build, its wall and CPU seconds (with the CPU
of ``-j`` workers), the seconds the garbage collector ran in it and the
number of full (oldest-generation) collections, both in the main process
only, then the number of objects the collector tracked when reading ended
and the process's peak memory.
``--gc-threshold N`` first sets the collector's first threshold to ``N``
(Python's default is 700), as ``gc.set_threshold(N, 10, 10)`` in a
project's ``conf.py`` would.

The phases:

start-up
    configuration, extensions, loading the saved environment, the builder;
reading
    reading the changed documents (``env-updated`` ends it);
between
    ``env-updated`` handlers, pickling the environment, the consistency
    checks, preparing to write (``write-started`` ends it);
writing
    resolving, post-transforms and writing each page;
finishing
    the builder's indices, search index and static files, and every
    ``build-finished`` handler.
"""

from __future__ import annotations

import argparse
import gc
import resource
import time
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

#: the collector's oldest generation: collecting it walks every object
OLDEST = len(gc.get_threshold()) - 1
PHASES = ("start-up", "reading", "between", "writing", "finishing")


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (workers)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


class Clock:
    """Wall, CPU and collector time, read at each mark."""

    def __init__(self) -> None:
        self.marks: list[tuple[str, float, float, float, int]] = []
        self.gc_seconds = 0.0
        self.full = 0
        self.tracked = 0
        self._started = 0.0
        self._skipped = (0.0, 0.0)  # the clock's own work, left out

    def collector(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
            return
        self.gc_seconds += time.perf_counter() - self._started
        if info["generation"] == OLDEST:
            self.full += 1

    def mark(self, name: str) -> None:
        wall, cpu = self._skipped
        self.marks.append(
            (
                name,
                time.perf_counter() - wall,
                _cpu() - cpu,
                self.gc_seconds,
                self.full,
            )
        )

    def reach(self, phase: str) -> None:
        """End ``phase`` now, and any phase before it not ended yet (a
        build with nothing to read or write has no event for it)."""
        ended = {name for name, *_ in self.marks}
        for name in PHASES[: PHASES.index(phase) + 1]:
            if name not in ended:
                self.mark(name)

    def count_objects(self) -> None:
        """Count the objects the collector tracks, leaving the time that
        takes out of every phase."""
        wall, cpu = time.perf_counter(), _cpu()
        self.tracked = len(gc.get_objects())
        skipped_wall, skipped_cpu = self._skipped
        self._skipped = (
            skipped_wall + time.perf_counter() - wall,
            skipped_cpu + _cpu() - cpu,
        )

    def rows(self) -> list[tuple[str, float, float, float, int]]:
        """Each phase's wall, CPU and collector seconds and full collections,
        then the whole build's."""
        out = []
        for (_, *before), (name, *after) in zip(
            self.marks, self.marks[1:], strict=False
        ):
            wall, cpu, gcs, full = (a - b for a, b in zip(after, before, strict=True))
            out.append((name, wall, cpu, gcs, int(full)))
        _, *first = self.marks[0]
        _, *last = self.marks[-1]
        wall, cpu, gcs, full = (a - b for a, b in zip(last, first, strict=True))
        out.append(("whole build", wall, cpu, gcs, int(full)))
        return out

    def report(self) -> str:
        lines = [f"{'phase':14}{'wall s':>9}{'cpu s':>9}{'gc s':>8}{'full gcs':>10}"]
        for name, wall, cpu, gcs, full in self.rows():
            lines.append(f"{name:14}{wall:9.2f}{cpu:9.2f}{gcs:8.2f}{full:10d}")
        lines.append(f"objects tracked when reading ended: {self.tracked:,}")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        lines.append(f"peak memory of this process: {peak:.0f} MB")
        return "\n".join(lines)


def build(src: Path, out: Path, jobs: int = 1) -> Clock:
    """Build ``src`` into ``out`` as HTML and return the clock."""
    clock = Clock()
    gc.callbacks.append(clock.collector)
    try:
        clock.mark("")
        app = Sphinx(
            src, src, out, out / ".doctrees", "html", status=None, parallel=jobs
        )
        clock.reach("start-up")

        def read(*_args: Any) -> None:
            clock.reach("reading")
            clock.count_objects()

        app.connect("env-updated", read, priority=0)
        app.connect("write-started", lambda *_: clock.reach("between"), priority=0)
        finish = app.builder.finish

        def writing_done() -> None:
            clock.reach("writing")
            finish()

        # the builder's finish (indices, search index) comes before
        # build-finished: end the writing phase when it starts
        app.builder.finish = writing_done  # type: ignore[method-assign]
        app.connect("build-finished", lambda *_: clock.reach("finishing"), 900)
        app.build()
    finally:
        gc.callbacks.remove(clock.collector)
    return clock


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("src", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("-j", "--jobs", type=int, default=1)
    parser.add_argument("--gc-threshold", type=int)
    args = parser.parse_args()
    if args.gc_threshold:
        gc.set_threshold(args.gc_threshold, 10, 10)
    print(build(args.src, args.out, args.jobs).report())


if __name__ == "__main__":
    main()
