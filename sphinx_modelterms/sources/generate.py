"""``builder-inited``: turn ``modelterms_term_files`` into source pages.

Runs before Sphinx looks for source files, so the generated pages are read
like any other; a page whose term did not change keeps its bytes and its
modification time, so Sphinx does not read it again.  An entry without a
title adds to the adopted glossary entry of its id: it gets no page, and
:mod:`..enrich` applies it once every page is read.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, cast

from ..config import conf_location, get_config
from ..diagnostics import WarningSubtype, warn
from ..i18n import __
from .datafiles import DataTerm, load_term_file
from .locations import move_locations
from .pages import Origins, sync_pages

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from ..domain import ModelTermsDomain

__all__ = ["generate_term_pages"]


def _inside(path: PurePath, srcdir: Path) -> PurePath | None:
    """``path`` relative to ``srcdir`` once ``..`` steps are taken (not
    following links, so a linked data folder still counts); else None."""
    normal = PurePath(os.path.normpath(path))
    for base in (srcdir, srcdir.resolve()):
        if normal.is_relative_to(base):
            return normal.relative_to(base)
    return None


def _term_files(app: Sphinx, patterns: tuple[str, ...]) -> list[Path]:
    """The files the patterns match inside the source folder; a pattern that
    cannot be used or matches nothing there is a warning."""
    srcdir = Path(app.srcdir)
    found: set[Path] = set()
    for pattern in patterns:
        problem = ""
        relative = _inside(srcdir / pattern, srcdir)
        matches: list[Path] = []
        if relative is None:
            problem = "is outside the source folder; it is ignored"
        else:
            try:
                matches = [p for p in srcdir.glob(str(relative)) if p.is_file()]
            except (ValueError, NotImplementedError, OSError) as error:
                problem = f"cannot be used ({error}); it is ignored"
            outside = [p for p in matches if _inside(p, srcdir) is None]
            if outside and not problem:
                problem = f"matches files outside the source folder ({outside[0]})"
                problem += "; they are ignored"
            matches = [p for p in matches if p not in outside]
            if not matches and not problem:
                problem = "matches no file"
        if problem:
            warn(
                WarningSubtype.DATA,
                __("modelterms_term_files pattern %r %s"),
                pattern,
                problem,
                location=conf_location(app, "modelterms_term_files"),
            )
        found.update(matches)
    return sorted(found)


def _text(path: PurePath) -> str:
    """A path as text that can be written to a UTF-8 file (a file name that
    is not UTF-8 holds surrogate escapes)."""
    return os.fsencode(path).decode("utf-8", "replace")


def generate_term_pages(app: Sphinx) -> None:
    config = get_config(app.env)
    srcdir = Path(app.srcdir)
    folder = srcdir / config.generated_dir
    if not config.term_files and not folder.is_dir():
        return

    def report(message: str, path: Path, line: int) -> None:
        warn(WarningSubtype.DATA, "%s", message, location=f"{_text(path)}:{line}")

    def origin(term: DataTerm) -> str:
        return _text(term.path.relative_to(srcdir))

    # a parser for .md pages, not only the suffix (which can outlive the
    # extension that added it in a process that makes several apps)
    myst = app.config.source_suffix.get(".md") in app.registry.get_source_parsers()
    terms: list[DataTerm] = []
    seen: dict[str, DataTerm] = {}
    additions: dict[str, list[DataTerm]] = {}
    for path in _term_files(app, config.term_files):
        loaded = load_term_file(
            path,
            report,
            fields=[name for name, _label in config.fields],
            levels=config.levels,
            categories=config.categories,
        )
        if not myst and any(term.format == "myst" for term in loaded):
            names = ", ".join(repr(term.title) for term in loaded)
            report(
                f"format 'myst' needs the myst_parser extension, which this project "
                f"does not load; the terms of this file ({names}) are read as "
                "reStructuredText",
                path,
                loaded[0].format_line,
            )
            for term in loaded:
                term.format = "rst"
        for term in loaded:
            if term.adds:  # to a glossary entry: no page (see enrich)
                additions.setdefault(term.id, []).append(term)
                continue
            first = seen.get(term.id)
            if first is not None:
                report(
                    f"duplicate term id {term.id!r}: also defined at "
                    f"{origin(first)}:{first.line}; it is left out",
                    term.path,
                    term.line,
                )
                continue
            seen[term.id] = term
            terms.append(term)

    def refuse(path: Path) -> None:
        warn(
            WarningSubtype.DATA,
            __("%s exists and was not generated by sphinx-modelterms; not overwritten"),
            path.relative_to(srcdir),
            location=f"{path}:1",
        )

    def clash(message: str, term: DataTerm) -> None:
        location = f"{_text(term.path)}:{term.line}"
        warn(WarningSubtype.DUPLICATE, "%s", message, location=location)

    domain = cast("ModelTermsDomain", app.env.get_domain("mt"))
    domain.build.additions = additions
    origins: Origins = {}
    sync_pages(
        folder,
        terms,
        origin,
        config.generated_title,
        refuse,
        clash,
        docdir=config.generated_dir,
        origins=origins,
    )
    # warnings located on the pages (markup errors in a term's texts) name
    # the term file and line instead
    move_locations(app.env, origins, _text)
