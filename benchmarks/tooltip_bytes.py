"""What tooltips cost a page: bytes added to a page that links N distinct terms.

Builds one generated project twice (modelterms_tooltips on and off) and
prints the size of the linking page, raw and gzip-compressed, and the sizes
of the shipped script and stylesheet.

    python benchmarks/tooltip_bytes.py [--terms 100]
"""

from __future__ import annotations

import argparse
import gzip
import tempfile
from pathlib import Path

from sphinx.cmd.build import build_main

import sphinx_modelterms

CATEGORIES = ["Training", "Inference", "Safety", "Data"]
LEVELS = ["beginner", "intermediate", "advanced"]


def write_project(root: Path, terms: int) -> None:
    root.mkdir(parents=True)
    (root / "conf.py").write_text('extensions = ["sphinx_modelterms"]\n', "utf8")
    cards = [
        f".. term-card:: Generated term {i}\n"
        f"   :id: term-{i}\n"
        f"   :category: {CATEGORIES[i % len(CATEGORIES)]}\n"
        f"   :level: {LEVELS[i % len(LEVELS)]}\n\n"
        f"   Term {i} is a generated entry whose short definition has about"
        f" the length of a real one, *with some emphasis* and ``code``.\n"
        for i in range(terms)
    ]
    (root / "terms.rst").write_text("Terms\n=====\n\n" + "\n".join(cards), "utf8")
    links = " ".join(f":mt:`term-{i}`" for i in range(terms))
    (root / "index.rst").write_text(
        "Links\n=====\n\n.. toctree::\n\n   terms\n\n" + links + "\n", "utf8"
    )


def build(src: Path, out: Path, tooltips: bool) -> Path:
    flag = "1" if tooltips else "0"
    status = build_main(
        [
            "-q",
            "-E",
            "-b",
            "html",
            "-D",
            f"modelterms_tooltips={flag}",
            str(src),
            str(out),
        ]
    )
    assert status == 0
    return out / "index.html"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--terms", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "src"
        write_project(src, args.terms)
        sizes = {}
        for tooltips in (False, True):
            page = build(src, Path(tmp) / f"out-{tooltips}", tooltips).read_bytes()
            sizes[tooltips] = (len(page), len(gzip.compress(page, 9)))
    raw = sizes[True][0] - sizes[False][0]
    packed = sizes[True][1] - sizes[False][1]
    print(f"page linking {args.terms} distinct terms (index.html)")
    print(f"  tooltips off: {sizes[False][0]:>8,} B   gzip {sizes[False][1]:>7,} B")
    print(f"  tooltips on:  {sizes[True][0]:>8,} B   gzip {sizes[True][1]:>7,} B")
    print(
        f"  added:        {raw:>8,} B   gzip {packed:>7,} B"
        f"   ({raw / args.terms:,.0f} B per term)"
    )
    static = Path(sphinx_modelterms.__file__).parent / "static"
    for name in ("modelterms.js", "modelterms.css"):
        data = (static / name).read_bytes()
        print(
            f"  {name:<15} {len(data):>7,} B   gzip {len(gzip.compress(data, 9)):>7,} B"
        )


if __name__ == "__main__":
    main()
