"""Warnings located on a generated term page, moved to the term file.

A term's texts are parsed on the page generated from its term file, so a
markup error in them is reported by docutils, MyST or Sphinx at a line of
that page, which the author never wrote.  :class:`MovedLocations`, a filter
of the build's warning handler, moves such a location to the line of the
term file that the page's line comes from; the warning itself (its text,
type and subtype) is untouched.

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
from typing import TYPE_CHECKING

from docutils import nodes
from docutils.utils import get_source_line
from sphinx.util.logging import NAMESPACE, WarningStreamHandler

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from .pages import Origins

__all__ = ["MovedLocations", "move_locations"]


class MovedLocations(logging.Filter):
    """Moves locations on generated term pages to ``term file:line``."""

    def __init__(self) -> None:
        super().__init__()
        #: a page's absolute path and its docname: its term file, the term's
        #: line, and the term-file line of each of the page's lines
        self.pages: dict[str, tuple[str, int, tuple[int, ...]]] = {}

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
        source, first, lines = found
        try:
            number = int(line or 0)
        except (TypeError, ValueError):
            number = 0
        return f"{source}:{lines[number - 1] if 0 < number <= len(lines) else first}"


def _key(path: str) -> str:
    # as Sphinx names a node's file: absolute, links not followed
    return os.path.normpath(os.path.abspath(path))  # noqa: PTH100


def move_locations(srcdir: Path, origins: Origins, text: Callable[[Path], str]) -> None:
    """Move the warnings located on the pages of ``origins`` to their term
    files (named by ``text``), in this process's build."""
    pages = {}
    for path, (term, lines) in origins.items():
        found = (text(term.path), term.line, lines)
        pages[_key(str(path))] = found
        docname = PurePath(os.path.relpath(path, srcdir)).with_suffix("")
        pages[docname.as_posix()] = found
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
