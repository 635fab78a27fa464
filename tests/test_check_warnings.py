"""``modelterms_checks``: the termcheck findings as warnings of any build."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pytest

from sphinx_modelterms.diagnostics import Check

from .conftest import assert_fails_on_warnings, build_serial_and_parallel, warnings_of

if TYPE_CHECKING:
    from collections.abc import Callable, Collection
    from pathlib import Path

    from sphinx.testing.util import SphinxTestApp

ROOTS = {"checks": ".rst", "checks-myst": ".md"}
# each root, for Sphinx's app fixture
ROOT_APPS = [
    pytest.param(root, marks=pytest.mark.sphinx("html", testroot=root))
    for root in ROOTS
]


def checks(value: object) -> pytest.MarkDecorator:
    """The app's ``modelterms_checks`` set to ``value``."""
    return pytest.mark.sphinx(confoverrides={"modelterms_checks": value})


# (page, card title, check, message): one finding of each check, listed in the
# order the build gives them (file, then line)
FINDINGS = [
    (
        "gaps",
        "No category",
        Check.MISSING_CATEGORY,
        "term 'no-category' has no category",
    ),
    ("gaps", "No level", Check.MISSING_LEVEL, "term 'no-level' has no level"),
    (
        "links",
        "Pointer",
        Check.RELATED_NOWHERE,
        "term 'pointer': related entry 'gone-for-good' points to no other term",
    ),
    (
        "links",
        "Twin A",
        Check.SHARED_ALIAS,
        "term 'twin-a' shares the name 'twin' with another term",
    ),
    (
        "links",
        "Twin B",
        Check.SHARED_ALIAS,
        "term 'twin-b' shares the name 'twin' with another term",
    ),
    (
        "lonely",
        "Lonely",
        Check.UNREFERENCED,
        "term 'lonely' is not referenced from any other page",
    ),
    ("thin", "No example", Check.MISSING_EXAMPLE, "term 'no-example' has no example"),
    ("thin", "No source", Check.MISSING_SOURCE, "term 'no-source' has no source"),
]


def card_line(path: Path, title: str) -> int:
    """The line of the directive that opens the card titled ``title``."""
    for number, line in enumerate(path.read_text("utf8").splitlines(), 1):
        if "term-card" in line and line.rstrip().endswith(f" {title}"):
            return number
    raise AssertionError((path, title))


def expected(srcdir: Path, suffix: str, checks: Collection[str]) -> list[str]:
    """The warning lines of the findings of ``checks``, at their cards."""
    return [
        f"{page}{suffix}:{card_line(srcdir / (page + suffix), title)}: "
        f"WARNING: {message} [modelterms.check]"
        for page, title, check, message in FINDINGS
        if check in checks
    ]


def edit(path: Path, old: str, new: str) -> None:
    """Replace ``old`` in ``path`` and make sure Sphinx sees a newer file."""
    text = path.read_text("utf8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), "utf8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


def check_warnings(app: SphinxTestApp) -> list[str]:
    return [w for w in warnings_of(app) if "[modelterms.check]" in w]


@pytest.mark.parametrize("root", ROOT_APPS)
def test_off_by_default(app: SphinxTestApp, root: str) -> None:
    app.build()
    # only the related entry that points nowhere is warned, while writing
    assert [w.split("WARNING: ")[1] for w in warnings_of(app)] == [
        "related term 'gone-for-good' of 'pointer' does not exist [modelterms.related]"
    ]


@pytest.mark.parametrize("root", ROOT_APPS)
@pytest.mark.parametrize(
    "value",
    [
        pytest.param(value, marks=checks(value))
        for value in ["all", True, list(Check), ["all"], ", ".join(Check)]
    ],
)
def test_every_check(app: SphinxTestApp, root: str, value: object) -> None:
    app.build()
    assert check_warnings(app) == expected(app.srcdir, ROOTS[root], list(Check))
    # given before writing, so before the warnings of the write phase
    assert "[modelterms.related]" in warnings_of(app)[-1]


@pytest.mark.parametrize("root", ROOT_APPS)
# unlinked mentions are found in prose, not at cards: see test_linking.py
@pytest.mark.parametrize(
    "check",
    [
        pytest.param(c, marks=checks([c.value]))
        for c in Check
        if c != Check.UNLINKED_MENTION
    ],
)
def test_each_check_alone(app: SphinxTestApp, root: str, check: Check) -> None:
    app.build()
    found = check_warnings(app)
    assert found
    assert found == expected(app.srcdir, ROOTS[root], {check})


@pytest.mark.sphinx(
    "html",
    testroot="checks",
    confoverrides={"modelterms_checks": ["unreferenced", "x"]},
)
def test_bad_check_name_warns_and_checks_nothing(app: SphinxTestApp) -> None:
    app.build()
    assert check_warnings(app) == []
    config = [w for w in warnings_of(app) if "[modelterms.config]" in w]
    assert config == [
        'conf.py:1: WARNING: modelterms_checks must be True, "all" or a list of '
        "check names (unreferenced, missing-category, missing-level, "
        "missing-example, missing-source, related-nowhere, shared-alias, "
        "unlinked-mention); got "
        "['unreferenced', 'x'], using the default [modelterms.config]"
    ]


def test_warnings_as_errors_fail(
    make_app: Callable[..., SphinxTestApp], copy_root: Callable[[str], Path]
) -> None:
    srcdir = copy_root("checks")
    quiet = {"suppress_warnings": ["modelterms.related"]}
    app = make_app("html", srcdir=srcdir, warningiserror=True, confoverrides=quiet)
    app.build()  # without checks the project builds cleanly
    assert app.statuscode == 0
    app.cleanup()
    app = make_app(
        "html",
        srcdir=srcdir,
        freshenv=True,
        warningiserror=True,
        confoverrides={**quiet, "modelterms_checks": ["missing-level"]},
    )
    assert_fails_on_warnings(app)


@pytest.mark.sphinx(
    "html",
    testroot="checks-myst",
    confoverrides={
        "modelterms_checks": "all",
        "suppress_warnings": ["modelterms.check"],
    },
)
def test_suppress_warnings(app: SphinxTestApp) -> None:
    app.build()
    assert check_warnings(app) == []
    assert len(warnings_of(app)) == 1  # the related entry, which is not a check


@pytest.mark.parametrize("root", ROOTS)
def test_incremental_rebuild_warns_again(
    make_app: Callable[..., SphinxTestApp],
    copy_root: Callable[[str], Path],
    root: str,
) -> None:
    srcdir = copy_root(root)
    conf = {"modelterms_checks": "all"}
    every = expected(srcdir, ROOTS[root], list(Check))

    def rebuild() -> list[str]:
        app = make_app("html", srcdir=srcdir, confoverrides=conf)
        app.build()
        app.cleanup()
        return check_warnings(app)

    assert rebuild() == every
    # nothing changed: nothing is read, written or warned (as with Sphinx's
    # own consistency checks)
    assert rebuild() == []
    # a page with no card changes: every finding is given again, once
    edit(srcdir / f"other{ROOTS[root]}", " once more.", " once more, and again.")
    assert rebuild() == every
    # a fix shows at once
    indent = "   " if ROOTS[root] == ".rst" else ""
    edit(
        srcdir / f"thin{ROOTS[root]}",
        " No source\n",
        f" No source\n{indent}:sources: S\n",
    )
    assert rebuild() == [w for w in every if "'no-source'" not in w]


def test_parallel_build_gives_the_same_warnings(
    make_app: Callable[..., SphinxTestApp],
    copy_root: Callable[[str], Path],
    tmp_path: Path,
) -> None:
    srcdir = copy_root("checks")
    merged: list[int] = []
    apps = build_serial_and_parallel(
        make_app,
        srcdir,
        tmp_path,
        merged.append,
        confoverrides={"modelterms_checks": "all"},
    )
    found = [check_warnings(app) for app in apps]
    assert 2 in merged  # the second build really read in parallel
    assert found[0] == found[1] == expected(srcdir, ".rst", list(Check))


@pytest.mark.sphinx(
    "termcheck", testroot="checks", confoverrides={"modelterms_checks": "all"}
)
def test_termcheck_builder_gives_each_finding_once(app: SphinxTestApp) -> None:
    app.build()
    assert check_warnings(app) == expected(app.srcdir, ".rst", list(Check))
