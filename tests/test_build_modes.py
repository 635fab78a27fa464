"""Incremental builds of a multi-page project equal clean builds, for every
kind of change; unchanged projects write nothing and the environment does not
grow."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from .conftest import soup, warnings_of
from .test_incremental import Project, assert_same_as_clean

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from sphinx.testing.util import SphinxTestApp

PAGES = [
    "alpha",
    "compare",
    "delta",
    "gamma",
    "glossary",
    "index",
    "refs1",
    "refs2",
    "table",
]
ZETA = ".. term-card:: Zeta\n   :category: Greek\n\n   Zeta is the sixth letter.\n"


def _move_epsilon(project: Project) -> None:
    delta = (project.srcdir / "delta.rst").read_text("utf8")
    _head, sep, epsilon = delta.partition(".. term-card:: Epsilon")
    assert sep
    project.edit("delta.rst", sep + epsilon, "")
    project.edit(
        "gamma.rst", "See :mt:`Alpha`.\n", f"See :mt:`Alpha`.\n\n{sep}{epsilon}"
    )


def _delete_alpha(project: Project) -> None:
    alpha = (project.srcdir / "alpha.rst").read_text("utf8")
    start = alpha.index(".. term-card:: Alpha")
    end = alpha.index(".. term-card:: Beta")
    project.edit("alpha.rst", alpha[start:end], "")


# change kind -> how to apply it to a built project
CHANGES: dict[str, Callable[[Project], None]] = {
    "add-term": lambda p: p.edit("gamma.rst", "See :mt:`Alpha`.\n", f"\n{ZETA}\n"),
    "edit-summary": lambda p: p.edit(
        "alpha.rst", "Beta is the second letter.", "Beta is letter two, edited."
    ),
    "rename-title": lambda p: p.edit(
        "gamma.rst", ".. term-card:: Gamma\n", ".. term-card:: Gamma Ray\n"
    ),
    "change-id": lambda p: p.edit("delta.rst", ":id: delta\n", ":id: delta-new\n"),
    "move-card": _move_epsilon,
    "delete-term": _delete_alpha,
    "add-reference": lambda p: p.edit(
        "refs1.rst", "By plural: :mt:`betas`.", "By plural: :mt:`betas`, :mt:`epsilon`."
    ),
    "remove-reference": lambda p: p.edit("refs2.rst", ", by id :mt:`delta`,", ","),
}


@pytest.fixture
def project(
    make_app: Callable[..., SphinxTestApp],
    copy_root: Callable[[str], Path],
    tmp_path: Path,
) -> Project:
    built = Project(make_app, copy_root("modes"), tmp_path)
    _app, written = built.build(freshenv=True)
    assert written == PAGES
    return built


@pytest.mark.parametrize("change", CHANGES)
def test_incremental_build_equals_clean_build(project: Project, change: str) -> None:
    CHANGES[change](project)
    app, written = project.build()
    assert written, change
    assert_same_as_clean(project, app)


def test_changed_id_is_followed_by_references_by_title(project: Project) -> None:
    CHANGES["change-id"](project)
    app, written = project.build()
    assert "refs2" in written
    links = soup(app, "refs2.html").select("div.body p a.mt-ref")
    by_text = {a.get_text(): a["data-mt-term"] for a in links}
    # the title follows; so does the old id, which is now the slug of the title
    assert by_text == {"Delta": "delta-new", "delta": "delta-new", "short e": "epsilon"}
    assert soup(app, "delta.html").select_one("#mt-delta-new") is not None
    assert soup(app, "delta.html").select_one("#mt-delta") is None
    assert not [w for w in warnings_of(app) if "delta" in w]


def test_moved_card_moves_links(project: Project) -> None:
    CHANGES["move-card"](project)
    app, _written = project.build()
    link = soup(app, "refs2.html").select_one("a.mt-ref[data-mt-term=epsilon]")
    assert link["href"] == "gamma.html#mt-epsilon"


def test_unchanged_project_writes_nothing(project: Project) -> None:
    html = project.srcdir / "_build" / "html"
    before = {p: (html / f"{p}.html").stat().st_mtime_ns for p in PAGES}
    app, written = project.build()
    assert written == []
    status = app.status.getvalue()
    assert "no targets are out of date" in status
    # the extension's static folder is in the configuration before Sphinx
    # compares it with the saved one (sphinx.testing itself changes the
    # theme after that comparison)
    assert "html_static_path" not in status, status
    assert {p: (html / f"{p}.html").stat().st_mtime_ns for p in PAGES} == before


def pickle_size(project: Project) -> int:
    return (
        (project.srcdir / "_build" / "doctrees" / "environment.pickle").stat().st_size
    )


def test_environment_does_not_grow_without_changes(project: Project) -> None:
    sizes = [pickle_size(project)]
    for _ in range(5):
        _app, written = project.build()
        assert written == []
        sizes.append(pickle_size(project))
    assert max(sizes) - sizes[0] <= 8, sizes


def edit_and_revert(project: Project) -> None:
    old, new = "Beta is the second letter.", "Beta is letter two, edited a lot more."
    project.edit("alpha.rst", old, new)
    _app, written = project.build()
    assert "alpha" in written
    project.edit("alpha.rst", new, old)
    _app, written = project.build()
    assert "alpha" in written


def test_environment_returns_to_its_size_after_edit_and_revert(
    project: Project,
) -> None:
    """The first re-read moves the page to the end of Sphinx's dicts (titles,
    tocs, ...) and of ours, which changes the pickle by a few hundred bytes
    once; after that, every edit-and-revert cycle must end where it began."""
    fresh = pickle_size(project)
    edit_and_revert(project)
    settled = pickle_size(project)
    assert abs(settled - fresh) <= fresh // 50, (fresh, settled)
    sizes = []
    for _ in range(3):
        edit_and_revert(project)
        sizes.append(pickle_size(project))
    assert [abs(size - settled) <= 8 for size in sizes] == [True] * 3, (
        settled,
        sizes,
    )
