"""The last word on an ``:mt:`` reference nothing could resolve, and on
directive options whose entries find nothing.

Sphinx runs every ``missing-reference`` listener before it picks a result,
so a "late" listener cannot know whether intersphinx succeeded.  Instead we
act where Sphinx itself reports a dangling reference, after every resolver
has had its turn: ``warn-missing-reference`` gives ``modelterms.unknown``
(and silences Sphinx's own warning), and a post-transform after the
resolver marks the text that stayed unlinked as ``mt-missing``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..diagnostics import WarningSubtype, warn
from ..i18n import __
from ..lookup import Ambiguous, Found
from ..render.spans import COPY
from ..selection import matches_page

if TYPE_CHECKING:
    from collections.abc import Collection, Iterable

    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.domains import Domain

    from ..domain import ModelTermsDomain
    from ..model import Term
    from ..selection import Filters

__all__ = [
    "MarkMissingPostTransform",
    "on_warn_missing_reference",
    "option_term",
    "warn_unmatched_filters",
]

TERM_CLASS = "mt-term"
"""The class the role gives the text of every ``:mt:`` reference."""

COMPARE_CLASS = "mt-compare"
"""The class of the text of every ``:mt:compare:`` reference."""

MISSING_CLASS = "mt-missing"


def on_warn_missing_reference(
    app: Sphinx, domain: Domain | None, node: pending_xref
) -> bool | None:
    """``warn-missing-reference``: our subtype and wording for ``mt`` targets,
    and nothing (not even Sphinx's generic warning) for a copy of a card's
    reference, which the card warns about (Sphinx asks about copies only
    in nitpicky mode: they do not ask for warnings)."""
    if node.get(COPY):
        return True
    if node.get("refdomain") != "mt":
        return None
    message = (
        __("unknown comparison %r")
        if node.get("reftype") == "compare"
        else __("unknown term %r")
    )
    warn(WarningSubtype.UNKNOWN, message, node.get("reftarget", ""), location=node)
    return True


class MarkMissingPostTransform(SphinxPostTransform):
    """Mark the text of ``:mt:`` and ``:mt:compare:`` references left
    unlinked as ``mt-missing``."""

    default_priority = 20  # after ReferencesResolver (10)

    def run(self, **kwargs: Any) -> None:
        for node in self.document.findall(nodes.inline):
            classes = node["classes"]
            if (
                (TERM_CLASS in classes or COMPARE_CLASS in classes)
                and MISSING_CLASS not in classes
                and not isinstance(node.parent, nodes.reference)
            ):
                classes.append(MISSING_CLASS)


def option_term(
    domain: ModelTermsDomain, target: str, directive: str, option: str, location: Any
) -> str | None:
    """The id a directive option's entry resolves to (as an ``:mt:`` target
    would); an entry that finds no term, or several, is warned about and
    gives ``None``."""
    found = domain.index.resolve(target)
    if isinstance(found, Found) and found.term_id in domain.store:
        return found.term_id
    if isinstance(found, Ambiguous):
        warn(
            WarningSubtype.AMBIGUOUS,
            __("%s: term %r in %s is ambiguous; it matches %s; it is left out"),
            directive,
            target,
            option,
            domain.describe(found.candidates),
            location=location,
        )
    else:
        warn(
            WarningSubtype.UNKNOWN,
            __("%s: unknown term %r in %s; it is left out"),
            directive,
            target,
            option,
            location=location,
        )
    return None


_DIRECTIVES = {"mt_index": "term-index", "mt_table": "term-table"}


def warn_unmatched_filters(
    node: nodes.Element,
    filters: Filters,
    terms: Iterable[Term],
    docnames: Collection[str],
    *,
    categories_checked: bool,
) -> None:
    """Warn about filter values that match nothing in the whole project: a
    category no term has (unless ``categories_checked``: the directive then
    warned about values outside ``modelterms_categories``) and a ``:pages:``
    pattern that names no page, and a ``:referenced-from:`` one (at its own
    line).  The listing then shows fewer terms, or none, as the filter
    says."""
    directive = _DIRECTIVES.get(node.tagname, "term-graph")
    if filters.categories and not categories_checked:
        present = {term.category for term in terms}
        for category in filters.categories:
            if category not in present:
                warn(
                    WarningSubtype.UNKNOWN,
                    __("%s: no term has the category %r; it matches nothing"),
                    directive,
                    category,
                    location=node,
                )
    for pattern in filters.pages:
        if not any(matches_page(docname, pattern) for docname in docnames):
            warn(
                WarningSubtype.UNKNOWN,
                __("%s: no page matches %r in :pages:; it matches nothing"),
                directive,
                pattern,
                location=node,
            )
    line = node.get("mt_referenced_from_line")
    for pattern in node.get("mt_referenced_from", ()):
        if not any(matches_page(docname, pattern) for docname in docnames):
            warn(
                WarningSubtype.UNKNOWN,
                __("%s: no page matches %r in :referenced-from:; it matches nothing"),
                directive,
                pattern,
                location=f"{node.source}:{line}" if line and node.source else node,
            )
