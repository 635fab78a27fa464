"""Where one Sphinx HTML build spends its time, phase by phase, and how much
of it goes to Python's garbage collector.

    python benchmarks/phases.py SRC OUT [-j N] [--gc-threshold N]
                                        [--sites N] [--extra-objects N]

Prints, for each phase of the build, its wall and CPU seconds (with the CPU
of ``-j`` workers), the seconds the garbage collector ran in it, the number
of times it ran and of full (oldest-generation) collections, all in the
main process only, then the number of objects the collector tracked when
reading ended and the process's peak memory.

The collector runs each time about 700 more objects it tracks have been
made than freed, so the number of runs measures how many such objects a
phase makes; and it starts a full collection once enough of them have
lived through younger ones.

``--gc-threshold N`` first sets the collector's first threshold to ``N``
(Python's default is 700), as ``gc.set_threshold(N, 10, 10)`` in a
project's ``conf.py`` would.
``--sites N`` lists, per phase, the N places the collector most often ran
from: the innermost function of the extension on the stack, or else the
innermost function: a sampled profile of where objects are made.
``--extra-objects N`` makes N more objects the collector tracks when
reading ends, and keeps them to the end: how many more it takes to set off
one more full collection tells how close a build is to it.

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
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from measure import OLDEST
from sphinx.application import Sphinx

PHASES = ("start-up", "reading", "between", "writing", "finishing")


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (workers)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


class Clock:
    """Wall, CPU and collector time, read at each mark."""

    def __init__(self, sites: bool = False) -> None:
        self.marks: list[tuple[str, float, float, float, int, int]] = []
        self.gc_seconds = 0.0
        self.runs = 0
        self.full = 0
        self.tracked = 0
        #: the ``--extra-objects`` still kept when the build finished
        self.extra_alive = 0
        #: (phase, place) -> collector runs started there, when sampled
        self.sites: Counter[tuple[str, str]] | None = Counter() if sites else None
        self._started = 0.0
        self._skipped = (0.0, 0.0)  # the clock's own work, left out

    def collector(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            now = self.phase()
            if self.sites is not None and now is not None:
                wall, cpu = time.perf_counter(), _cpu()
                self.sites[now, _place(sys._getframe(1))] += 1
                self._skip(wall, cpu)
            self._started = time.perf_counter()
            return
        self.gc_seconds += time.perf_counter() - self._started
        self.runs += 1
        if info["generation"] == OLDEST:
            self.full += 1

    def phase(self) -> str | None:
        """The phase running now (``None`` before the build or after it)."""
        if not self.marks or len(self.marks) > len(PHASES):
            return None
        return PHASES[len(self.marks) - 1]

    def _skip(self, wall: float, cpu: float) -> None:
        """Leave the clock's own work since ``wall`` and ``cpu`` out of
        every phase."""
        skipped_wall, skipped_cpu = self._skipped
        self._skipped = (
            skipped_wall + time.perf_counter() - wall,
            skipped_cpu + _cpu() - cpu,
        )

    def mark(self, name: str) -> None:
        wall, cpu = self._skipped
        self.marks.append(
            (
                name,
                time.perf_counter() - wall,
                _cpu() - cpu,
                self.gc_seconds,
                self.runs,
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
        self._skip(wall, cpu)

    def rows(self) -> list[tuple[str, float, float, float, int, int]]:
        """Each phase's wall, CPU and collector seconds, collector runs and
        full collections, then the whole build's."""
        out = []
        for (_, *before), (name, *after) in zip(
            self.marks, self.marks[1:], strict=False
        ):
            wall, cpu, gcs, runs, full = (
                a - b for a, b in zip(after, before, strict=True)
            )
            out.append((name, wall, cpu, gcs, int(runs), int(full)))
        _, *first = self.marks[0]
        _, *last = self.marks[-1]
        wall, cpu, gcs, runs, full = (a - b for a, b in zip(last, first, strict=True))
        out.append(("whole build", wall, cpu, gcs, int(runs), int(full)))
        return out

    def report(self, sites: int = 0) -> str:
        lines = [
            f"{'phase':14}{'wall s':>9}{'cpu s':>9}{'gc s':>8}{'gc runs':>9}"
            f"{'full gcs':>10}"
        ]
        for name, wall, cpu, gcs, runs, full in self.rows():
            lines.append(f"{name:14}{wall:9.2f}{cpu:9.2f}{gcs:8.2f}{runs:9d}{full:10d}")
        lines.append(f"objects tracked when reading ended: {self.tracked:,}")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        lines.append(f"peak memory of this process: {peak:.0f} MB")
        if sites and self.sites is not None:
            lines.append("where the collector ran from, by phase (runs):")
            for phase in PHASES:
                top = sorted(
                    ((n, place) for (p, place), n in self.sites.items() if p == phase),
                    key=lambda item: (-item[0], item[1]),
                )[:sites]
                lines.extend(f"  {phase:12}{n:6d}  {place}" for n, place in top)
        return "\n".join(lines)


def _place(frame: Any) -> str:
    """``module:function`` of the innermost frame of the extension on the
    stack from ``frame``, or else of ``frame``'s."""
    innermost = frame
    while frame is not None:
        if "sphinx_modelterms" in frame.f_globals.get("__name__", ""):
            innermost = frame
            break
        frame = frame.f_back
    name = innermost.f_globals.get("__name__", "?")
    return f"{name}:{innermost.f_code.co_name}"


def build(
    src: Path, out: Path, jobs: int = 1, *, sites: bool = False, extra: int = 0
) -> Clock:
    """Build ``src`` into ``out`` as HTML and return the clock; ``sites``
    and ``extra`` as ``--sites`` and ``--extra-objects``."""
    clock = Clock(sites)
    kept: list[list[int]] = []
    gc.callbacks.append(clock.collector)
    try:
        clock.mark("")
        app = Sphinx(
            src, src, out, out / ".doctrees", "html", status=None, parallel=jobs
        )
        clock.reach("start-up")

        def read(*_args: Any) -> None:
            clock.reach("reading")
            kept.extend([i] for i in range(extra))
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

        def finished(*_args: Any) -> None:
            clock.reach("finishing")
            clock.extra_alive = len(kept)  # kept to the end of the build

        app.connect("build-finished", finished, 900)
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
    parser.add_argument("--sites", type=int, default=0)
    parser.add_argument("--extra-objects", type=int, default=0)
    args = parser.parse_args()
    if args.gc_threshold:
        gc.set_threshold(args.gc_threshold, 10, 10)
    clock = build(
        args.src, args.out, args.jobs, sites=args.sites > 0, extra=args.extra_objects
    )
    print(clock.report(args.sites))


if __name__ == "__main__":
    main()
