"""Duplicate ids: warned about once, after every page has been read.

A card or named comparison that shares its id with another is a fact about
two pages, which at ``-j N`` two workers may read: a worker sees its own
pages only, and the main process merges the workers' records in the order
they finish.  Warning while reading, or while merging, would warn twice or
name a copy that is not the first.  So the domain records every copy
silently, and ``env-updated`` (in the main process, every record merged)
warns once about each copy that does not win its id, naming the one that
does (the first by page name, then line: the winner of the domain), the
same at ``-j 1`` and ``-j N``.

As for any warning Sphinx gives while reading, a rebuild repeats it only
where it concerns a page read again: the copy's page, or the winner's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from .diagnostics import WarningSubtype, warn
from .i18n import __
from .sources.locations import place

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .domain import ModelTermsDomain
    from .model import Comparison, Term

__all__ = ["warn_duplicates"]

_MESSAGES = {
    "terms": __("duplicate term id %r: also declared at %s:%s"),
    "comparisons": __("duplicate comparison %r: also declared at %s:%s"),
}


def warn_duplicates(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-updated`` (before the incremental handler, which forgets which
    pages were read): warn about every copy of an id that a page read in
    this build declares or wins."""
    domain = cast("ModelTermsDomain", env.get_domain("mt"))
    read = domain.build.cleared  # the pages read again or removed
    candidates: list[tuple[str, Sequence[Term | Comparison]]] = [
        ("terms", domain.store.records(term_id))
        for term_id in domain.ids_declared_on(read)
    ]
    candidates += [("comparisons", c) for c in domain.comparison_records.values()]
    found: set[tuple[str, int, str, str, str, int]] = set()
    for kind, records in candidates:
        if len(records) < 2:
            continue
        winner = records[0]
        for record in records[1:]:
            if record.docname in read or winner.docname in read:
                found.add(
                    (
                        record.docname,
                        record.lineno,
                        kind,
                        record.id,
                        winner.docname,
                        winner.lineno,
                    )
                )
    for docname, lineno, kind, record_id, first, first_line in sorted(found):
        warn(
            WarningSubtype.DUPLICATE,
            _MESSAGES[kind],
            record_id,
            *place(env, first, first_line),
            location=(docname, lineno),
        )
