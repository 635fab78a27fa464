"""Warnings located on a generated term page, moved to the term file.

A term's texts are parsed on the page generated from its term file, so a
markup error in them is reported by docutils, MyST or Sphinx at a line of
that page, which the author never wrote.  :class:`MovedLocations`, a filter
of the build's warning handler, moves such a location to the line of the
term file that the page's line comes from; the warning itself (its text,
type and subtype) is untouched.  Warnings whose text names a place on a
page (the first copy of a duplicate id, the candidates of an ambiguous
reference) ask :func:`place`, which knows the same map.

The map is made at every ``builder-inited`` and kept in memory, not in the
pages: lines shifting in a term file do not rewrite the pages of its other
terms, and a page read by an earlier build still has the warnings of its
writing moved to the lines of today's file.  Warnings of ``-j N`` workers
are handled by the main process, which has the map.
"""

from __future__ import annotations

import logging
import os
from pathlib import PurePath
from typing import TYPE_CHECKING, cast

from docutils import nodes
from docutils.utils import get_source_line
from sphinx.util.logging import NAMESPACE, WarningStreamHandler

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.environment import BuildEnvironment

    from ..domain import ModelTermsDomain
    from .pages import Origins

__all__ = ["MovedLocations", "PageLines", "move_locations", "place"]

PageLines = tuple[str, int, tuple[int, ...]]
"""A generated term page: its term file, the term's line, and the term-file
line of each of the page's lines."""


def _line(page: PageLines, line: int | None) -> int:
    _source, first, lines = page
    return lines[line - 1] if line and 0 < line <= len(lines) else first


class MovedLocations(logging.Filter):
    """Moves locations on generated term pages to ``term file:line``."""

    def __init__(self) -> None:
        super().__init__()
        #: a page's absolute path and its docname: its term file, the term's
        #: line, and the term-file line of each of the page's lines
        self.pages: dict[str, PageLines] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        location = getattr(record, "location", None)
        if self.pages and location is not None:
            moved = self.moved(location)
            if moved is not None:
                record.location = moved
        return True

    def moved(self, location: object) -> str | None:
        """Where a warning at ``location`` (as given to Sphinx's logger:
        ``(docname or path, line)``, a node, or ``path``, ``path:``,
        ``path:line`` or ``docname``) is in a term file; None if not on a
        generated term page."""
        if isinstance(location, tuple) and len(location) == 2:
            page, line = location
        elif isinstance(location, nodes.Node):
            page, line = get_source_line(location)
        elif isinstance(location, str):
            page, colon, line = location.rpartition(":")
            if not colon or not (line.isdigit() or not line):
                page, line = location, None
        else:
            return None
        if not isinstance(page, str):
            return None
        found = self.pages.get(page) or self.pages.get(_key(page))
        if found is None:
            return None
        try:
            number = int(line or 0)
        except (TypeError, ValueError):
            number = 0
        return f"{found[0]}:{_line(found, number)}"


def _key(path: str) -> str:
    # as Sphinx names a node's file: absolute, links not followed
    return os.path.normpath(os.path.abspath(path))  # noqa: PTH100


def move_locations(
    env: BuildEnvironment, origins: Origins, text: Callable[[PurePath], str]
) -> None:
    """Move the warnings located on the pages of ``origins`` to their term
    files (named by ``text``), in this process's build, and let the texts
    of warnings name them (:func:`place`)."""
    srcdir = env.srcdir
    pages: dict[str, PageLines] = {}
    named: dict[str, PageLines] = {}
    for path, (term, lines) in origins.items():
        pages[_key(str(path))] = (text(term.path), term.line, lines)
        docname = PurePath(os.path.relpath(path, srcdir)).with_suffix("").as_posix()
        pages[docname] = pages[_key(str(path))]
        relative = text(PurePath(os.path.relpath(term.path, srcdir)))
        named[docname] = (relative, term.line, lines)
    cast("ModelTermsDomain", env.get_domain("mt")).build.term_pages = named
    for handler in logging.getLogger(NAMESPACE).handlers:
        if not isinstance(handler, WarningStreamHandler):
            continue
        moved = next(
            (f for f in handler.filters if isinstance(f, MovedLocations)), None
        )
        if moved is None:
            # first: before Sphinx makes the location text (which is wrong
            # for MyST 4 on Sphinx 8.0, whose location gives a path where
            # Sphinx expects a docname) and before it raises for -W
            moved = MovedLocations()
            handler.filters.insert(0, moved)
        moved.pages = pages


def place(env: BuildEnvironment, docname: str, line: int) -> tuple[str, int]:
    """``(file, line)`` of a line of a page, for the text of a warning: the
    page's file relative to the source folder, or, for a page generated
    from a term file, that file and its line."""
    domain = cast("ModelTermsDomain", env.get_domain("mt"))
    found = domain.build.term_pages.get(docname)
    if found is None:
        return str(env.doc2path(docname, False)), line
    return found[0], _line(found, line)
