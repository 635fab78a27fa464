"""The ``mt`` domain: terms (and named comparisons) are Sphinx objects.

The domain's data is the records the pages declared (never docutils nodes),
each carrying its docname, so ``clear_doc`` and ``merge_domaindata`` are filters:

:attr:`~ModelTermsDomain.store`
    id → every :class:`~.model.Term` declared with that id, sorted by
    ``(docname, lineno)``; the first is the one links go to, so the winner
    of a duplicate does not depend on reading order (``-j 1`` = ``-j 2``).
    :class:`~.store.TermStore` keeps them packed.
:attr:`~ModelTermsDomain.comparison_records`
    id → every named :class:`~.model.Comparison` with that id, sorted alike.
:attr:`~ModelTermsDomain.uses`
    docname → the targets its ``:mt:`` references name, as written.
:attr:`~ModelTermsDomain.listings`
    docname → the :class:`~.model.Listing` of each ``term-index`` or
    ``term-table`` on it.
:attr:`~ModelTermsDomain.graphs`
    docname → the line of each ``term-graph`` on it.

Beside them: ``declared`` (docname → the ids of its cards, for ``clear_doc``),
the imported term sets (:mod:`.sources.external`) and the state the
incremental rules compare the next build with (:mod:`.savedstate`).  What a
build notes or works out and never saves is in :attr:`~ModelTermsDomain.build`
(:mod:`.buildstate`); questions that need every document at once go to
:attr:`~ModelTermsDomain.relations`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.domains import Domain, ObjType
from sphinx.util.nodes import make_refnode

from .buildstate import BuildState
from .diagnostics import WarningSubtype, warn
from .i18n import _, __
from .lookup import Ambiguous, Found, NotFound, Owners, TermIndex, imported_index
from .model import layout_version
from .naming import number_rules
from .references import external_link, missing_node, term_link
from .relations import TermRelations
from .render.spans import COPY
from .roles import CompareRole, TermRole
from .sources.locations import place
from .store import TermStore

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping, Set

    from docutils.nodes import Element
    from sphinx.addnodes import pending_xref
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from .model import Comparison, ExternalTerm, Listing, Term
    from .nodes import mt_reference

__all__ = ["ModelTermsDomain"]

SEARCH_PRIORITY = 1  # "important": terms show in search results, unlike std's -1


#: raised by hand when what is stored, other than the records' fields,
#: changes shape or is worked out differently (the records' fields are
#: counted by :func:`.model.layout_version`)
DATA_REVISION = 19


class ModelTermsDomain(Domain):
    """Terms of a glossary, linked with ``:mt:`` or ``:mt:term:``."""

    name = "mt"
    label = "ModelTerms"
    object_types: ClassVar[dict[str, ObjType]] = {
        "term": ObjType(_("term"), "term"),
        "comparison": ObjType(_("comparison"), "compare"),
    }
    roles: ClassVar[dict[str, Any]] = {
        "term": TermRole(),
        "compare": CompareRole(),
    }
    initial_data: ClassVar[dict[str, Any]] = {
        **TermStore.initial_data,
        "comparisons": {},
        "uses": {},
        "listings": {},
        "graphs": {},
        "declared": {},
        "external": {},  # see sources.external
        "incremental": b"",  # see savedstate
        "digests": {},  # see savedstate
    }
    data_version = layout_version(DATA_REVISION)

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        self.build = BuildState()  #: what this build notes or works out, never saved
        self.store = TermStore(self.data)  #: the term records

    # -- the records ------------------------------------------------------------

    @property
    def comparison_records(self) -> dict[str, list[Comparison]]:
        """id → every named comparison with that id, the winner first."""
        return self.data["comparisons"]  # type: ignore[no-any-return]

    @property
    def uses(self) -> dict[str, tuple[str, ...]]:
        """docname → the targets its ``:mt:`` references name, as written."""
        return self.data["uses"]  # type: ignore[no-any-return]

    @property
    def listings(self) -> dict[str, tuple[Listing, ...]]:
        """docname → what each ``term-index`` or ``term-table`` on it lists."""
        return self.data["listings"]  # type: ignore[no-any-return]

    @property
    def graphs(self) -> dict[str, tuple[int, ...]]:
        """docname → the line of each ``term-graph`` on it."""
        return self.data["graphs"]  # type: ignore[no-any-return]

    @property
    def _declared(self) -> dict[str, list[str]]:
        """docname → the ids of the terms declared on it."""
        return self.data["declared"]  # type: ignore[no-any-return]

    @property
    def external_cache(self) -> dict[str, Any]:
        """name → the loaded term set (location, stamp, fetched, terms)."""
        return self.data["external"]  # type: ignore[no-any-return]

    def ids_declared_on(self, docnames: Iterable[str]) -> list[str]:
        """The ids of the terms declared on any of ``docnames``, sorted."""
        declared = self._declared
        return sorted({i for doc in docnames for i in declared.get(doc, ())})

    def note_term(self, term: Term) -> None:
        """Record a term read from ``term.docname`` (a duplicate id is warned
        about once every page is read: see :mod:`.duplicates`)."""
        self.store.add(term)
        self._declared.setdefault(term.docname, []).append(term.id)
        self.build.records_changed()

    def restate_term(self, old: Term, new: Term) -> None:
        """Replace the record of a card read earlier with ``new``, the same
        card's once read transforms have run (no new duplicate warning)."""
        self.store.replace(old, new)
        self.build.records_changed()

    def rename_term(self, term: Term, new_id: str) -> None:
        """Declare ``term``, a record read earlier, under ``new_id``."""
        self.store.remove(term)
        renamed = replace(term, id=new_id)
        self.store.add(renamed)
        ids = self._declared[term.docname]
        ids[ids.index(term.id)] = new_id
        self.build.records_changed()

    def note_comparison(self, comparison: Comparison) -> None:
        """Record a named comparison (a duplicate id too, as terms)."""
        existing = self.comparison_records.setdefault(comparison.id, [])
        existing.append(comparison)
        existing.sort(key=lambda r: (r.docname, r.lineno))
        self.build.records_changed()

    def note_use(self, docname: str, target: str) -> None:
        """Record that ``docname`` names ``target`` (resolved at write time)."""
        uses = self.uses.get(docname, ())
        target = str(target)  # a plain string, whatever the role passes
        if target not in uses:
            self.uses[docname] = (*uses, target)
            self.build.records_changed()

    def note_listing(self, docname: str, listing: Listing) -> None:
        """Record that ``docname`` lists the terms ``listing`` selects."""
        self.listings[docname] = (*self.listings.get(docname, ()), listing)

    def note_graph(self, docname: str, lineno: int) -> None:
        """Record a ``term-graph`` (to warn once when ``dot`` is missing)."""
        self.graphs[docname] = (*self.graphs.get(docname, ()), lineno)

    def graph_locations(self) -> list[tuple[str, int]]:
        """``(docname, line)`` of every ``term-graph``, in page order."""
        return [(doc, line) for doc in sorted(self.graphs) for line in self.graphs[doc]]

    def clear_doc(self, docname: str) -> None:
        for term_id in self._declared.pop(docname, ()):
            self.store.discard(term_id, docname)
        records = self.comparison_records
        for comparison_id, found in list(records.items()):
            kept = [r for r in found if r.docname != docname]
            if not kept:
                del records[comparison_id]
            elif len(kept) < len(found):
                records[comparison_id] = kept
        self.uses.pop(docname, None)
        self.listings.pop(docname, None)
        self.graphs.pop(docname, None)
        self.build.cleared.add(docname)
        self.build.records_changed()

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        # the other process's records of the pages it read, decoded alone
        theirs = TermStore(otherdata)
        read = {i for doc in docnames for i in otherdata["declared"].get(doc, ())}
        for term_id in sorted(read):
            for term in theirs.records(term_id):
                if term.docname in docnames:
                    self.note_term(term)
        for found in otherdata["comparisons"].values():
            for comparison in found:
                if comparison.docname in docnames:
                    self.note_comparison(comparison)
        for docname, targets in otherdata["uses"].items():
            if docname in docnames:
                self.uses[docname] = tuple(targets)
        for key in ("listings", "graphs"):
            for docname, value in otherdata[key].items():
                if docname in docnames:
                    self.data[key][docname] = value
        self.build.records_changed()

    # -- imported term sets (modelterms_external) -------------------------------

    def external_changed(self) -> None:
        self.build.imports_changed()

    def external_terms(self) -> dict[str, ExternalTerm]:
        """``set:id`` → imported term, every set."""
        if self.build.external_terms is None:
            self.build.external_terms = {
                t.key: t
                for entry in self.external_cache.values()
                for t in entry["terms"]
            }
        return self.build.external_terms

    def external_index(self) -> TermIndex:
        """Imported terms by ``set:id``, id, title and alias."""
        if self.build.external_index is None:
            self.build.external_index = imported_index(self.external_terms())
        return self.build.external_index

    # -- queries --------------------------------------------------------------

    def terms(self) -> Iterator[Term]:
        """The term that wins each id, in id order (each decoded: a build
        that needs a few asks :meth:`get`, or :attr:`store` for pages and
        titles)."""
        return iter(self.store.winners().values())

    def comparisons(self) -> Iterator[Comparison]:
        """The comparison that wins each id, in id order."""
        records = self.comparison_records
        for comparison_id in sorted(records):
            yield records[comparison_id][0]

    def get(self, term_id: str) -> Term | None:
        return self.store.get(term_id)

    def declared(self, term_id: str, docname: str, lineno: int) -> Term | None:
        """The record of the card at ``docname:lineno`` (a duplicate too)."""
        for term in self.store.records(term_id):
            if term.docname == docname and term.lineno == lineno:
                return term
        return self.get(term_id)

    @property
    def relations(self) -> TermRelations:
        """How the terms read relate, worked out when first asked for."""
        return self.relations_with_index(None)

    def relations_with_index(
        self, owners: Mapping[str, Owners] | None
    ) -> TermRelations:
        """:attr:`relations`, built (if they are not yet) with ``owners``
        (see :attr:`.TermIndex.owners`), where given, as their lookup index."""
        if self.build.relations is None:
            self.build.relations = TermRelations(
                self.store.winners(),
                self.uses,
                self.comparisons(),
                owners,
                pages=self.store.pages,
                rules=number_rules(self.env.config.language),
            )
        return self.build.relations

    @property
    def index(self) -> TermIndex:
        return self.relations.index

    def describe(self, term_ids: Iterable[str]) -> str:
        """``id ('Title', path:line), ...`` for a warning naming candidates."""
        parts = []
        for term_id in term_ids:
            if (term := self.get(term_id)) is not None:
                path, line = place(self.env, term.docname, term.lineno)
                parts.append(f"{term_id} ({term.title!r}, {path}:{line})")
        return ", ".join(parts)

    # -- Sphinx cross-referencing API -------------------------------------------

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
        if typ == "compare":
            records = self.comparison_records.get(target)
            if not records:
                return None
            if not node.get("refexplicit"):  # the comparison's title, not its id
                title = records[0].title
                contnode = nodes.inline(title, title, classes=contnode["classes"])
            docname = records[0].docname  # one page: a plain fragment, as for terms
            one_page = isinstance(builder, SingleFileHTMLBuilder)
            origin = docname if one_page else fromdocname
            return make_refnode(builder, origin, docname, target, contnode)
        found = self.index.resolve(target)
        if isinstance(found, Found):
            return self.make_reference(builder, fromdocname, found.term_id, contnode)
        if isinstance(found, NotFound) and self.external_cache:
            found = self.external_index().resolve(target)
            if isinstance(found, Found):
                term = self.external_terms()[found.term_id]
                return external_link(builder, fromdocname, term, contnode)
        if isinstance(found, Ambiguous):
            if node.get(COPY):  # a copy of a card's reference: the card warns
                return missing_node(contnode, target)
            warn(
                WarningSubtype.AMBIGUOUS,
                __("term reference %r is ambiguous; it matches %s"),
                target,
                self.describe(found.candidates),
                location=node,
            )
            return missing_node(contnode, target)
        return None  # intersphinx, then warn-missing-reference

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
        if target not in self.store:
            return []
        return [
            ("mt:term", self.make_reference(builder, fromdocname, target, contnode))
        ]

    def make_reference(
        self, builder: Builder, fromdocname: str, term_id: str, contnode: Element
    ) -> mt_reference:
        """A link to ``term_id``'s card or glossary entry (no record decoded)."""
        page, anchor = self.store.pages[term_id], self.store.anchor(term_id)
        return term_link(builder, fromdocname, term_id, page, contnode, anchor)

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        # every build asks (search index, inventory): no record is decoded
        pages, titles = self.store.pages, self.store.titles
        for term_id in self.store.ids():
            yield (
                term_id,
                titles[term_id],
                "term",
                pages[term_id],
                self.store.anchor(term_id),
                SEARCH_PRIORITY,
            )
        for comparison in self.comparisons():
            yield (
                comparison.id,
                comparison.title,
                "comparison",
                comparison.docname,
                comparison.id,
                SEARCH_PRIORITY,
            )

    def get_full_qualified_name(self, node: Element) -> str | None:
        target = node.get("reftarget")
        return str(target) if target else None
