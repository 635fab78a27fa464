"""One Sphinx build in this process, measured: prints a JSON line with the
wall and CPU time of the build (not of the start-up before it), the peak
resident memory of this process and of its children (the workers of
``-j``), and the HTML files written.

The runner starts one of these per build, so every build starts cold and
the memory figure is that build's alone.  It also gives the seconds Python's
garbage collector ran in this process during the build, and how many of
its runs were full collections, which walk every object the process holds:
in a large build they are more than half of it, and how many fall in one
build is much of why builds of the same project differ (``-j`` workers'
collections are theirs, not counted).  A collection's seconds run from
the collector's start to its end, so they include freeing what it found
and any finalizers that ran meanwhile.

    python benchmarks/measure.py SRC OUT [--freeze-before-fork] [sphinx-build opts]

``--freeze-before-fork`` freezes the garbage collector's objects before
every fork of the build and unfreezes them in the main process after it, in
any flavor: what ``modelterms_freeze_before_fork`` does for the
sphinx-modelterms flavor, given to the others so that ``-j N`` builds can be
compared on an equal footing.
"""

from __future__ import annotations

import gc
import json
import os
import resource
import sys
import time
from pathlib import Path

from sphinx.cmd.build import build_main


def html_state(out: Path) -> dict[str, int]:
    """Each HTML file's modification time, to tell which were written."""
    return {str(p.relative_to(out)): p.stat().st_mtime_ns for p in out.rglob("*.html")}


def _cpu() -> float:
    """CPU seconds used so far by this process and its finished children."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


#: the collector's oldest generation: collecting it walks every object
OLDEST = len(gc.get_threshold()) - 1


class Collector:
    """The seconds the garbage collector ran and its full collections, while
    registered in ``gc.callbacks``."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.full = 0
        self._started = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
            return
        self.seconds += time.perf_counter() - self._started
        if info["generation"] == OLDEST:
            self.full += 1


def main() -> None:
    src, out, *options = sys.argv[1:]
    if options[:1] == ["--freeze-before-fork"]:
        options = options[1:]
        os.register_at_fork(before=gc.freeze, after_in_parent=gc.unfreeze)
    before = html_state(Path(out)) if Path(out).is_dir() else {}
    used = _cpu()  # start-up and imports: not the build's
    collector = Collector()
    gc.callbacks.append(collector)
    start = time.perf_counter()
    try:
        status = build_main(["-q", *options, "-b", "html", src, out])
    finally:
        seconds = time.perf_counter() - start
        gc.callbacks.remove(collector)
    cpu = _cpu() - used
    after = html_state(Path(out))
    written = sorted(name for name, mtime in after.items() if before.get(name) != mtime)
    me = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(
        json.dumps(
            {
                "status": status,
                "seconds": seconds,
                # CPU time (less disturbed than wall time on a busy machine)
                "cpu": cpu,
                # within ``seconds``: this process's garbage collector
                "gc_seconds": collector.seconds,
                "gc_full": collector.full,
                "rss_kb": me.ru_maxrss,
                "children_rss_kb": children.ru_maxrss,
                "written": written,
                "html_bytes": sum((Path(out) / name).stat().st_size for name in after),
            }
        )
    )


if __name__ == "__main__":
    main()
