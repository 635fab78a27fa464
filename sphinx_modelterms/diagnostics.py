"""The registry of warning subtypes and the one helper that emits warnings.

Every warning the extension gives has ``type="modelterms"``, a subtype from
:class:`WarningSubtype` and a source location, so that
``suppress_warnings = ["modelterms.<subtype>"]`` and ``-W`` work as users
expect.  The user guide's list of warnings is generated from this registry.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

if TYPE_CHECKING:
    from docutils.nodes import Node

__all__ = ["WARNING_TYPE", "Check", "WarningSubtype", "warn"]

WARNING_TYPE = "modelterms"

logger = logging.getLogger(__name__)


class WarningSubtype(StrEnum):
    """What went wrong; the value is the ``suppress_warnings`` subtype."""

    UNKNOWN = "unknown"
    AMBIGUOUS = "ambiguous"
    DUPLICATE = "duplicate"
    INVALID = "invalid"
    RELATED = "related"
    DATA = "data"
    GRAPH = "graph"
    EXTERNAL = "external"
    CHECK = "check"
    CONFIG = "config"

    @property
    def description(self) -> str:
        """One sentence for the user guide's warnings list."""
        return _DESCRIPTIONS[self]


_DESCRIPTIONS = {
    WarningSubtype.UNKNOWN: (
        "An :mt: reference matches no term of this project, of an imported "
        "term set or of an intersphinx inventory, an :mt:compare: reference "
        "no comparison; the text is shown unlinked. A term-compare :terms: "
        "or term-graph :around: entry that matches no term is left out; a "
        "listing filter that matches no category or page, and a "
        "modelterms_autolink_exclude entry that names no term, are named."
    ),
    WarningSubtype.AMBIGUOUS: (
        "An :mt: reference, or a term-compare :terms: or term-graph :around: "
        "entry, matches two or more terms (a shared alias, or a singular/plural "
        "fold that fits several); every candidate is named and the text is "
        "shown unlinked (the entry is left out)."
    ),
    WarningSubtype.DUPLICATE: (
        "Two term cards declare the same id; the one in the first document (in "
        "name order) wins and both locations are named. Also two pages generated "
        "from term files that want one name: the later gets the next free name."
    ),
    WarningSubtype.INVALID: (
        "A directive or option is used wrongly: an unknown or repeated option "
        "or a value it cannot take, a level outside "
        "modelterms_levels, a category outside modelterms_categories, an empty "
        "id, a card without a short definition, a nested card, term-example "
        "and term-faq outside a card, a term named twice in term-compare, a "
        "character XML forbids (replaced), or a link in a card to an unsafe URL "
        "(shown as text)."
    ),
    WarningSubtype.RELATED: (
        "A :related: entry names no existing term, names the card itself, or "
        "names a term an earlier entry names (it is listed once)."
    ),
    WarningSubtype.DATA: (
        "A term file cannot be read or parsed, or one of its terms has an "
        "unknown key, a value of the wrong type, a duplicate id, an unsafe "
        "source URL, a lone surrogate or another character XML forbids; the term "
        "or key is left out (a character is replaced) and the rest still builds."
    ),
    WarningSubtype.GRAPH: (
        "Graphviz's dot program cannot be found, so term graphs are shown as "
        "lists of relations (given once per build), or dot refuses one drawing, "
        "which is shown as a list."
    ),
    WarningSubtype.EXTERNAL: (
        "A term set named in modelterms_external cannot be read or is not a "
        "modelterms.json; its terms are not linked (a cached copy is kept). A "
        "term of it whose URL has an unsafe scheme is left out."
    ),
    WarningSubtype.CHECK: (
        "A finding of the glossary checks: a term no page references, a card "
        "missing a category, level, example or source, a name two terms share, "
        "a related entry that points nowhere, or a page's first plain-text "
        "mention of a term that is not linked; given by the termcheck builder, "
        "and by any build for the checks modelterms_checks names."
    ),
    WarningSubtype.CONFIG: (
        "A modelterms_* configuration value has the wrong type or shape; its "
        "default is used instead."
    ),
}


class Check(StrEnum):
    """One of the glossary checks: its name in the ``termcheck`` report and in
    ``modelterms_checks``.  Each finding is a ``modelterms.check`` warning."""

    UNREFERENCED = "unreferenced"
    MISSING_CATEGORY = "missing-category"
    MISSING_LEVEL = "missing-level"
    MISSING_EXAMPLE = "missing-example"
    MISSING_SOURCE = "missing-source"
    RELATED_NOWHERE = "related-nowhere"
    SHARED_ALIAS = "shared-alias"
    UNLINKED_MENTION = "unlinked-mention"


def warn(
    subtype: WarningSubtype,
    message: str,
    *args: Any,
    location: Node | tuple[str | None, int | None] | str | None,
) -> None:
    """Log a ``modelterms.<subtype>`` warning at ``location``.

    ``message`` is a console string (already passed through ``__``) with
    ``%``-style placeholders for ``args``.
    """
    logger.warning(
        message, *args, type=WARNING_TYPE, subtype=subtype.value, location=location
    )
