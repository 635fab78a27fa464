"""The ``mt`` domain: terms are Sphinx objects of type ``term``.

The domain holds model records only (never docutils nodes):

``terms``
    id → every :class:`~.model.Term` declared with that id, sorted by
    ``(docname, lineno)``; the first is the one links go to, so the winner of
    a duplicate does not depend on reading order (``-j 1`` equals ``-j 2``).
``uses``
    docname → the targets its ``:mt:`` references and ``:related:`` options
    name, as written.
``shown``
    id → what other pages showed of the term at the end of the last read
    phase; :mod:`.incremental` compares it with the new state.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.domains import Domain, ObjType
from sphinx.util.nodes import make_refnode

from .diagnostics import WarningSubtype, warn
from .i18n import _, __
from .lookup import Ambiguous, Found, TermIndex
from .nodes import mt_reference
from .roles import TermRole

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Set

    from docutils.nodes import Element
    from sphinx.addnodes import pending_xref
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from .model import Term

__all__ = ["ModelTermsDomain"]

SEARCH_PRIORITY = 1  # "important": terms show in search results, unlike std's -1


class ModelTermsDomain(Domain):
    """Terms of a glossary, linked with ``:mt:`` or ``:mt:term:``."""

    name = "mt"
    label = "ModelTerms"
    object_types: ClassVar[dict[str, ObjType]] = {
        "term": ObjType(_("term"), "term"),
    }
    roles: ClassVar[dict[str, Any]] = {"term": TermRole()}
    initial_data: ClassVar[dict[str, Any]] = {"terms": {}, "uses": {}, "shown": {}}
    data_version = 1

    _index_cache: TermIndex | None = None
    _reverse_cache: dict[str, list[str]] | None = None

    # -- stored data --------------------------------------------------------

    @property
    def _terms(self) -> dict[str, list[Term]]:
        return self.data["terms"]  # type: ignore[no-any-return]

    @property
    def _uses(self) -> dict[str, tuple[str, ...]]:
        return self.data["uses"]  # type: ignore[no-any-return]

    @property
    def shown(self) -> dict[str, Any]:
        return self.data["shown"]  # type: ignore[no-any-return]

    def _changed(self) -> None:
        self._index_cache = None
        self._reverse_cache = None

    def note_term(self, term: Term) -> None:
        """Record a term read from ``term.docname``; warn about a duplicate id."""
        self._add(term)
        self._changed()

    def _add(self, term: Term) -> None:
        existing = self._terms.setdefault(term.id, [])
        if existing:
            other = existing[0]
            warn(
                WarningSubtype.DUPLICATE,
                __("duplicate term id %r: also declared at %s:%s"),
                term.id,
                self.env.doc2path(other.docname, False),
                other.lineno,
                location=(term.docname, term.lineno),
            )
        existing.append(term)
        existing.sort(key=lambda t: (t.docname, t.lineno))

    def note_use(self, docname: str, target: str) -> None:
        """Record that ``docname`` names ``target`` (resolved at write time)."""
        uses = self._uses.get(docname, ())
        if target not in uses:
            self._uses[docname] = (*uses, target)

    def clear_doc(self, docname: str) -> None:
        for term_id in list(self._terms):
            kept = [t for t in self._terms[term_id] if t.docname != docname]
            if kept:
                self._terms[term_id] = kept
            else:
                del self._terms[term_id]
        self._uses.pop(docname, None)
        self._changed()

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for records in otherdata["terms"].values():
            for term in records:
                if term.docname in docnames:
                    self._add(term)
        for docname, targets in otherdata["uses"].items():
            if docname in docnames:
                self._uses[docname] = targets
        self._changed()

    # -- queries --------------------------------------------------------------

    def terms(self) -> Iterator[Term]:
        """The term that wins each id, in id order."""
        for term_id in sorted(self._terms):
            yield self._terms[term_id][0]

    def get(self, term_id: str) -> Term | None:
        records = self._terms.get(term_id)
        return records[0] if records else None

    def declared(self, term_id: str, docname: str, lineno: int) -> Term | None:
        """The record of the card at ``docname:lineno`` (a duplicate too)."""
        for term in self._terms.get(term_id, ()):
            if term.docname == docname and term.lineno == lineno:
                return term
        return self.get(term_id)

    def uses(self) -> dict[str, tuple[str, ...]]:
        return self._uses

    @property
    def index(self) -> TermIndex:
        if self._index_cache is None:
            self._index_cache = TermIndex(self.terms())
        return self._index_cache

    def referrers(self, term_id: str) -> list[str]:
        """Ids of the terms whose ``:related:`` resolves to ``term_id``."""
        if self._reverse_cache is None:
            reverse: dict[str, list[str]] = defaultdict(list)
            for term in self.terms():
                for target in term.related:
                    found = self.index.resolve(target)
                    if isinstance(found, Found) and found.term_id != term.id:
                        reverse[found.term_id].append(term.id)
            self._reverse_cache = dict(reverse)
        return self._reverse_cache.get(term_id, [])

    def describe(self, term_ids: Iterable[str]) -> str:
        """``id (docname:line), ...`` for a warning naming candidates."""
        parts = []
        for term_id in term_ids:
            term = self.get(term_id)
            if term is not None:
                path = self.env.doc2path(term.docname, False)
                parts.append(f"{term_id} ({term.title!r}, {path}:{term.lineno})")
        return ", ".join(parts)

    # -- Sphinx cross-referencing API -----------------------------------------

    def resolve_xref(  # type: ignore[override]  # ambiguity gives an inline
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> Element | None:
        found = self.index.resolve(target)
        if isinstance(found, Found):
            return self.make_reference(builder, fromdocname, found.term_id, contnode)
        if isinstance(found, Ambiguous):
            warn(
                WarningSubtype.AMBIGUOUS,
                __("term reference %r is ambiguous; it matches %s"),
                target,
                self.describe(found.candidates),
                location=node,
            )
            return missing_node(contnode, target)
        return None  # intersphinx, then our missing-reference handler

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> list[tuple[str, nodes.reference]]:
        # ids only: titles and aliases would clash with std labels in :any:
        if self.get(target) is None:
            return []
        return [
            ("mt:term", self.make_reference(builder, fromdocname, target, contnode))
        ]

    def make_reference(
        self, builder: Builder, fromdocname: str, term_id: str, contnode: Element
    ) -> mt_reference:
        """A link to the card of ``term_id`` with the SPEC's HTML hooks."""
        term = self._terms[term_id][0]
        if isinstance(builder, SingleFileHTMLBuilder):
            # one page: a plain fragment (Sphinx 9.0 doubles the "#" otherwise)
            fromdocname = term.docname
        ref = make_refnode(builder, fromdocname, term.docname, term.anchor, contnode)
        link = mt_reference("", "", *ref.children, **ref.attributes)
        link["classes"].append("mt-ref")
        link["mt_term"] = term_id
        return link

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        for term in self.terms():
            yield (
                term.id,
                term.title,
                "term",
                term.docname,
                term.anchor,
                SEARCH_PRIORITY,
            )

    def get_full_qualified_name(self, node: Element) -> str | None:
        target = node.get("reftarget")
        return str(target) if target else None


def missing_node(contnode: Element, target: str) -> nodes.inline:
    """The text of a reference that could not be linked, marked ``mt-missing``."""
    text = contnode.astext() or target
    return nodes.inline(text, text, classes=["xref", "mt", "mt-term", "mt-missing"])
