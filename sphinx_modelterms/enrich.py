"""Term-file entries that add to an adopted glossary entry.

An entry of a term file with an ``id`` and no ``title`` gets no page: it
adds its category, level, related terms, examples, questions, sources and
project fields to the glossary entry that has that id (see :mod:`.adopt`),
without a word changed in the glossary.  The entry's own text (title,
aliases, short definition, explanation) stays the glossary's.

The term files are read at every build (``builder-inited``), the glossary
pages only when they change, so the additions are applied at
``env-updated``, once every page is read and every worker's records are
merged, to the records of the domain: from there on an enriched entry is
a term like a card for every listing, export, check and incremental rule.
An adopted record as read holds none of these fields, so applying an
addition (or none, once it is gone) sets them all.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any, cast

from .config import get_config
from .diagnostics import WarningSubtype, warn
from .i18n import __
from .model import Span
from .naming import one_line

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .domain import ModelTermsDomain
    from .model import Term
    from .sources.datafiles import DataTerm

__all__ = ["ENRICHED", "apply_additions"]

ENRICHED = "enriched"
"""The domain's data key: the ids the last build added to, sorted."""


def _added(addition: DataTerm | None, order: Sequence[str]) -> dict[str, Any]:
    """The fields of a record that ``addition`` sets (all of them empty for
    none); project fields in ``order``, the configuration's."""
    if addition is None:
        return {
            "category": "",
            "level": "",
            "related": (),
            "examples": (),
            "example": (),
            "faq": (),
            "sources": (),
            "fields": (),
        }
    examples = tuple(one_line(text) for text in addition.examples)
    return {
        "category": addition.category,
        "level": addition.level,
        "related": tuple(addition.related),
        "examples": examples,
        "example": (Span("text", examples[0]),) if examples else (),
        "faq": tuple((one_line(q), one_line(a)) for q, a in addition.faq),
        "sources": tuple(addition.sources),
        "fields": tuple(
            (name, addition.fields[name]) for name in order if name in addition.fields
        ),
    }


def apply_additions(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-updated``, before the duplicate and incremental handlers: the
    additions of this build's term files set on the adopted records."""
    domain = cast("ModelTermsDomain", env.get_domain("mt"))
    additions = domain.build.additions
    order = [name for name, _label in get_config(env).fields]
    before: list[str] = domain.data.setdefault(ENRICHED, [])
    # the entries that may change: those with additions now or before, and
    # those whose glossary was read again (their record is bare)
    read = domain.ids_declared_on(domain.build.cleared)
    enriched = []
    for term_id in sorted({*additions, *before, *read}):
        found = additions.get(term_id, [])
        term = domain.get(term_id)
        if found and (term is None or not term.adopted):
            _warn_nowhere(domain, found[0], term)
            continue
        if term is None or not term.adopted:
            continue
        for other in found[1:]:
            warn(
                WarningSubtype.DUPLICATE,
                __("%r adds to the glossary entry %r again; %s:%s comes first"),
                other.id,
                term.title,
                found[0].path,
                found[0].line,
                location=f"{other.path}:{other.line}",
            )
        added = _added(found[0] if found else None, order)
        shown = replace(term, **added)
        if shown != term:
            domain.restate_term(term, shown)
            # the incremental rules look at its page as at one read again
            domain.build.cleared.add(term.docname)
        if found:
            enriched.append(term_id)
    domain.data[ENRICHED] = enriched


def _warn_nowhere(
    domain: ModelTermsDomain, addition: DataTerm, term: Term | None
) -> None:
    if term is None:
        message = __("%r names no glossary entry; what it adds is left out")
        warn(WarningSubtype.DATA, message, addition.id, location=_at(addition))
    else:
        message = __(
            "%r is the card at %s:%s, not a glossary entry; give it a title to "
            "make it a term of its own, or move what it adds to the card"
        )
        path = domain.env.doc2path(term.docname, False)
        warn(
            WarningSubtype.DATA,
            message,
            addition.id,
            path,
            term.lineno,
            location=_at(addition),
        )


def _at(addition: DataTerm) -> str:
    return f"{addition.path}:{addition.line}"
