"""One Sphinx build in this process, measured: prints a JSON line with the
wall and CPU time of the build (not of the start-up before it), the peak
resident memory of this process and of its children (the workers of
``-j``), and the HTML files written.

The runner starts one of these per build, so every build starts cold and
the memory figure is that build's alone.

    python benchmarks/measure.py SRC OUT [sphinx-build options...]
"""

from __future__ import annotations

import json
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


def main() -> None:
    src, out, *options = sys.argv[1:]
    before = html_state(Path(out)) if Path(out).is_dir() else {}
    used = _cpu()  # start-up and imports: not the build's
    start = time.perf_counter()
    status = build_main(["-q", *options, "-b", "html", src, out])
    seconds = time.perf_counter() - start
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
                "rss_kb": me.ru_maxrss,
                "children_rss_kb": children.ru_maxrss,
                "written": written,
                "html_bytes": sum((Path(out) / name).stat().st_size for name in after),
            }
        )
    )


if __name__ == "__main__":
    main()
