"""Markup errors in a term file's texts are reported at the term file's
line, not at the line of the page generated from it."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pytest

from .conftest import ROOTS, build_serial_and_parallel, warnings_of

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from sphinx.testing.util import SphinxTestApp

DATA = ROOTS / "test-datafiles-markup" / "data"


def line_of(name: str, needle: str) -> int:
    text = (DATA / name).read_text("utf8")
    return next(n for n, line in enumerate(text.split("\n"), 1) if needle in line)


def expected(shift: int = 0) -> list[str]:
    """The warnings of the root's term files (``rest.yaml``'s lines moved
    down by ``shift``)."""

    def at(name: str, needle: str) -> str:
        moved = shift if name == "rest.yaml" else 0
        return f"data/{name}:{line_of(name, needle) + moved}"

    literal = "WARNING: Inline literal start-string without end-string. [docutils]"
    emphasis = "WARNING: Inline emphasis start-string without end-string. [docutils]"

    def role(name: str) -> str:
        return f'ERROR: Unknown interpreted text role "{name}". [docutils]'

    return [
        # reST, a literal block: each paragraph at its own line
        f"{at('rest.yaml', 'An ``unclosed')}: {literal}",
        f"{at('rest.yaml', 'Here *emphasis')}: {emphasis}",
        f"{at('rest.yaml', ':nosuchrole:')}: {role('nosuchrole')}",
        # in the second example, and in a question's answer
        f"{at('rest.yaml', 'A second example')}: {role('otherrole')}",
        f"{at('rest.yaml', 'It is: *unclosed')}: {emphasis}",
        # MyST
        f"{at('myst.yaml', '{nosuchrole}')}: WARNING: Unknown interpreted text "
        'role "nosuchrole". [myst.role_unknown]',
        f"{at('myst.yaml', '{nosuchdirective}')}: WARNING: Unknown directive "
        "type: 'nosuchdirective' [myst.directive_unknown]",
        # JSON holds the explanation on one line, TOML line by line
        f"{at('terms.json', 'explanation')}: {literal}",
        f"{at('terms.json', 'explanation')}: {role('nosuchrole')}",
        f"{at('terms.toml', 'An ``unclosed')}: {literal}",
        f"{at('terms.toml', ':nosuchrole:')}: {role('nosuchrole')}",
        # given when the page is written
        f"{at('rest.yaml', 'no-such-term')}: WARNING: unknown term "
        "'no-such-term' [modelterms.unknown]",
        # warnings of a hand-written page that name a term file's term
        f"zz.rst:4: WARNING: duplicate term id 'unclosed': also declared at "
        f"{at('rest.yaml', 'title: Unclosed')} [modelterms.duplicate]",
        "zz.rst:14: WARNING: term reference 'Shared' is ambiguous; it matches "
        "shared-one ('Shared one', zz.rst:9), unknown-link ('Unknown link', "
        f"{at('rest.yaml', 'title: Unknown link')}) [modelterms.ambiguous]",
    ]


@pytest.mark.sphinx("html", testroot="datafiles-markup")
def test_markup_errors_name_the_term_file_line(app: SphinxTestApp) -> None:
    app.build()
    assert sorted(warnings_of(app)) == sorted(expected())


@pytest.mark.skipif(
    not hasattr(os, "register_at_fork"), reason="Sphinx forks workers on POSIX only"
)
def test_parallel_build_moves_the_same_warnings(
    make_app: Callable[..., SphinxTestApp],
    copy_root: Callable[[str], Path],
    tmp_path: Path,
) -> None:
    merged: list[int] = []
    serial, parallel = build_serial_and_parallel(
        make_app, copy_root("datafiles-markup"), tmp_path, merged.append
    )
    assert merged  # the pages were read by workers
    assert sorted(warnings_of(parallel)) == sorted(expected())
    assert sorted(warnings_of(serial)) == sorted(expected())


def test_shifted_lines_move_the_warnings_and_rewrite_no_other_page(
    make_app: Callable[..., SphinxTestApp],
    copy_root: Callable[[str], Path],
) -> None:
    srcdir = copy_root("datafiles-markup")
    first = make_app("html", srcdir=srcdir, freshenv=True)
    first.build()
    first.cleanup()
    pages = {p: p.stat().st_mtime_ns for p in (srcdir / "terms").iterdir()}
    data = srcdir / "data" / "rest.yaml"
    data.write_text("# two more\n# lines\n" + data.read_text("utf8"), "utf8")
    second = make_app("html", srcdir=srcdir, freshenv=True)
    second.build()
    second.cleanup()
    assert {p: p.stat().st_mtime_ns for p in (srcdir / "terms").iterdir()} == pages
    assert sorted(warnings_of(second)) == sorted(expected(shift=2))


@pytest.mark.sphinx("termcheck", testroot="datafiles-markup")
def test_glossary_report_names_the_term_files(app: SphinxTestApp) -> None:
    app.build()
    text = (app.outdir / "termcheck.txt").read_text("utf8")
    assert text.split("missing-category:")[0].splitlines() == [
        "unreferenced: 6",
        f"  data/terms.json:{line_of('terms.json', 'Broken JSON')}  broken-json",
        f"  data/terms.toml:{line_of('terms.toml', 'Broken TOML')}  broken-toml",
        "  zz.rst:9  shared-one",
        f"  data/rest.yaml:{line_of('rest.yaml', 'title: Unclosed')}  unclosed",
        f"  data/myst.yaml:{line_of('myst.yaml', 'title: Unclosed')}  unclosed-in-myst",
        f"  data/rest.yaml:{line_of('rest.yaml', 'title: Unknown')}  unknown-link",
    ]
