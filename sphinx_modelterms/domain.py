"""The ``mt`` domain: terms (and named comparisons) are Sphinx objects.

The domain holds model records only (never docutils nodes), each carrying
its docname, so ``clear_doc`` and ``merge_domaindata`` are filters:

``terms``, ``term_pages``, ``term_titles``
    id → every :class:`~.model.Term` declared with that id, sorted by
    ``(docname, lineno)`` and pickled into one ``bytes`` value; the first is
    the one links go to, so the winner of a duplicate does not depend on
    reading order (``-j 1`` equals ``-j 2``).  Beside them, the winner's page
    and title.  :class:`~.store.TermStore` reads and writes the three.
``comparisons``
    id → every named :class:`~.model.Comparison` with that id, sorted alike.
``uses``
    docname → the targets its ``:mt:`` references name, as written.
``listings``
    docname → the :class:`~.incremental.Listing` of each ``term-index`` or
    ``term-table`` on it (filters, and whether it shows back-references).
``graphs``
    docname → the line of each ``term-graph`` on it.
``declared``
    docname → ``(store, id)`` of each term or comparison declared on it, so
    that ``clear_doc`` touches that page's records only.
``shown``
    what pages showed at the end of the last read phase, for
    :mod:`.incremental`, pickled into one ``bytes`` value (see
    :attr:`ModelTermsDomain.shown`).
``digests``
    digests of that state that builds read without decoding it: the term
    set files' content (``exports``) and the imported terms (``external``).

Questions that need every document at once go to :attr:`graph`.
"""

from __future__ import annotations

import pickle
import posixpath
import sys
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from docutils import nodes
from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.domains import Domain, ObjType
from sphinx.util.nodes import make_refnode

from .diagnostics import WarningSubtype, warn
from .graph import TermGraph
from .i18n import _, __
from .lookup import Ambiguous, Found, NotFound, Owners, TermIndex
from .model import card_anchor, layout_version
from .naming import number_rules
from .nodes import mt_reference
from .render.spans import COPY
from .roles import CompareRole, TermRole
from .store import TermStore

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping, Set

    from docutils.nodes import Element
    from sphinx.addnodes import pending_xref
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from .incremental import Listing
    from .model import Comparison, Term
    from .sources.external import ExternalTerm
    from .tipcache import TooltipCache

__all__ = ["ModelTermsDomain", "missing_node"]

SEARCH_PRIORITY = 1  # "important": terms show in search results, unlike std's -1


class _Keyed(NamedTuple):
    """What :class:`TermIndex` reads of a term, for imported ones."""

    id: str
    title: str
    aliases: tuple[str, ...]


#: raised by hand when stored data other than the records changes shape,
#: or what is stored is worked out differently (the lookup keys: the kept
#: state's lookup index is the index of the next build whose keys are the
#: same)
#: (8: the incremental state's term keys became sorted tuples; 9: cards are
#: read without placeholders for their generated sections; 10: that state
#: is kept pickled, with its digests beside it, and its keys are strings;
#: 11: it keeps its records packed as strings, and the lookup index;
#: 12: term records are kept pickled, one value per id, beside their pages
#: and titles; 13: a level's badge class joins its words with dashes, and
#: badges are stored with the pages read; 14: the plural fold finds more
#: terms, so what pages' references resolved to is worked out anew)
DATA_REVISION = 14


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
        "terms": {},
        "term_pages": {},
        "term_titles": {},
        "comparisons": {},
        "uses": {},
        "listings": {},
        "graphs": {},
        "declared": {},
        "external": {},
        "shown": b"",
        "digests": {},
    }
    data_version = layout_version(DATA_REVISION)

    _graph_cache: TermGraph | None = None
    _store: TermStore | None = None
    #: this process's builder, noted at ``builder-inited``: post-transforms
    #: make final links for it (``SphinxPostTransform.app`` is deprecated)
    builder: Builder | None = None
    #: pages cleared since the last ``env-updated``: only their terms can
    #: differ from the records that build kept (see ``incremental``)
    _cleared: set[str] | None = None
    #: ``shown``, decoded in this process
    _shown: dict[str, Any] | None = None
    _external_index: TermIndex | None = None
    _external_terms: dict[str, ExternalTerm] | None = None
    #: the tooltips the last build rendered, once an HTML page asks for them
    tooltip_cache: TooltipCache | None = None
    #: whether this build started from a new environment (noted at
    #: ``builder-inited``)
    fresh = False

    # -- stored data ----------------------------------------------------------

    @property
    def store(self) -> TermStore:
        """The term records, decoded as a build asks for them."""
        if self._store is None:
            self._store = TermStore(self.data)
        return self._store

    @property
    def _comparisons(self) -> dict[str, list[Comparison]]:
        return self.data["comparisons"]  # type: ignore[no-any-return]

    @property
    def _uses(self) -> dict[str, tuple[str, ...]]:
        return self.data["uses"]  # type: ignore[no-any-return]

    @property
    def _listings(self) -> dict[str, tuple[Listing, ...]]:
        return self.data["listings"]  # type: ignore[no-any-return]

    @property
    def shown(self) -> dict[str, Any]:
        """What the last read phase showed, decoded the first time a build
        asks for it (one that read or removed no page never does).

        The environment keeps it as one ``bytes`` value.  As tuples, the
        thousands of records it holds would be objects the garbage collector
        tracks while the environment loads, when the process holds few
        objects yet: enough to start one more full collection at the start
        of every rebuild.
        """
        if self._shown is None:
            blob: bytes = self.data["shown"]
            self._shown = pickle.loads(blob) if blob else {}
        return self._shown

    @property
    def digests(self) -> dict[str, str]:
        """Digests of the kept state, readable without decoding it."""
        return self.data["digests"]  # type: ignore[no-any-return]

    def keep_shown(self, state: dict[str, Any], digests: dict[str, str]) -> None:
        """Keep ``state`` as what this read phase showed (pickled again only
        when it differs from the state kept: mostly not, after an edit of
        prose)."""
        if not (self.data["shown"] and state == self.shown):
            self.data["shown"] = pickle.dumps(state, pickle.HIGHEST_PROTOCOL)
        self._shown = state
        self.data["digests"] = digests

    @property
    def cleared(self) -> set[str]:
        """The pages cleared (to be read again, or removed) in this process
        since ``incremental`` last looked."""
        if self._cleared is None:
            self._cleared = set()
        return self._cleared

    def _changed(self) -> None:
        self._graph_cache = None

    # -- imported term sets (modelterms_external) -------------------------------

    @property
    def external_cache(self) -> dict[str, Any]:
        """name → the loaded term set (location, stamp, fetched, terms)."""
        return self.data["external"]  # type: ignore[no-any-return]

    def external_changed(self) -> None:
        self._external_index = None
        self._external_terms = None

    def external_terms(self) -> dict[str, ExternalTerm]:
        """``set:id`` → imported term, every set."""
        if self._external_terms is None:
            self._external_terms = {
                t.key: t
                for entry in self.external_cache.values()
                for t in entry["terms"]
            }
        return self._external_terms

    def external_index(self) -> TermIndex:
        """Imported terms by ``set:id``, id, title and alias."""
        if self._external_index is None:
            self._external_index = TermIndex(
                _Keyed(t.key, t.title, (*t.aliases, t.id))
                for t in self.external_terms().values()
            )
        return self._external_index

    def note_term(self, term: Term) -> None:
        """Record a term read from ``term.docname`` (a duplicate id is warned
        about once every page is read: see :mod:`.duplicates`)."""
        self.store.add(term)
        self._declare(term.docname, "terms", term.id)
        self._changed()

    def restate_term(self, old: Term, new: Term) -> None:
        """Replace the record of a card read earlier with ``new``, the same
        card's once read transforms have run (no new duplicate warning)."""
        self.store.replace(old, new)
        self._changed()

    def note_comparison(self, comparison: Comparison) -> None:
        """Record a named comparison (a duplicate id too, as terms)."""
        existing = self._comparisons.setdefault(comparison.id, [])
        existing.append(comparison)
        existing.sort(key=lambda r: (r.docname, r.lineno))
        self._declare(comparison.docname, "comparisons", comparison.id)
        self._changed()

    def _declare(self, docname: str, name: str, record_id: str) -> None:
        declared: dict[str, list[tuple[str, str]]] = self.data["declared"]
        declared.setdefault(docname, []).append((name, record_id))

    def note_use(self, docname: str, target: str) -> None:
        """Record that ``docname`` names ``target`` (resolved at write time)."""
        uses = self._uses.get(docname, ())
        # the same few thousand targets on every page: one string each, so
        # the pickled environment stores each once (str(): intern takes no
        # subclass, such as docutils' Text)
        target = sys.intern(str(target))
        if target not in uses:
            self._uses[docname] = (*uses, target)
            self._changed()

    def note_listing(self, docname: str, listing: Listing) -> None:
        """Record that ``docname`` lists the terms ``listing`` selects."""
        self._listings[docname] = (*self._listings.get(docname, ()), listing)

    def note_graph(self, docname: str, lineno: int) -> None:
        """Record a ``term-graph`` (to warn once when ``dot`` is missing)."""
        self.data["graphs"][docname] = (*self.data["graphs"].get(docname, ()), lineno)

    def graph_locations(self) -> list[tuple[str, int]]:
        """``(docname, line)`` of every ``term-graph``, in page order."""
        graphs: dict[str, tuple[int, ...]] = self.data["graphs"]
        return [(doc, line) for doc in sorted(graphs) for line in graphs[doc]]

    def clear_doc(self, docname: str) -> None:
        for name, record_id in self.data["declared"].pop(docname, ()):
            if name == "terms":
                self.store.discard(record_id, docname)
                continue
            store = self._comparisons
            kept = [r for r in store.get(record_id, ()) if r.docname != docname]
            if kept:
                store[record_id] = kept
            else:
                store.pop(record_id, None)
        self._uses.pop(docname, None)
        self._listings.pop(docname, None)
        self.data["graphs"].pop(docname, None)
        self.cleared.add(docname)
        self._changed()

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        # the other process's records of the pages it read, decoded alone
        theirs = TermStore(otherdata)
        read = {
            record_id
            for docname in docnames
            for name, record_id in otherdata["declared"].get(docname, ())
            if name == "terms"
        }
        for term_id in sorted(read):
            for term in theirs.records(term_id):
                if term.docname in docnames:
                    self.note_term(term)
        for records in otherdata["comparisons"].values():
            for comparison in records:
                if comparison.docname in docnames:
                    self.note_comparison(comparison)
        for docname, targets in otherdata["uses"].items():
            if docname in docnames:
                self._uses[docname] = tuple(map(sys.intern, targets))
        for key in ("listings", "graphs"):
            for docname, value in otherdata[key].items():
                if docname in docnames:
                    self.data[key][docname] = value
        self._changed()

    # -- queries --------------------------------------------------------------

    def terms(self) -> Iterator[Term]:
        """The term that wins each id, in id order (each decoded: a build
        that needs a few asks :meth:`get`, or :attr:`store` for pages and
        titles)."""
        return iter(self.store.winners().values())

    def comparisons(self) -> Iterator[Comparison]:
        """The comparison that wins each id, in id order."""
        for comparison_id in sorted(self._comparisons):
            yield self._comparisons[comparison_id][0]

    def get(self, term_id: str) -> Term | None:
        return self.store.get(term_id)

    def declared(self, term_id: str, docname: str, lineno: int) -> Term | None:
        """The record of the card at ``docname:lineno`` (a duplicate too)."""
        for term in self.store.records(term_id):
            if term.docname == docname and term.lineno == lineno:
                return term
        return self.get(term_id)

    def uses(self) -> dict[str, tuple[str, ...]]:
        return self._uses

    def listings(self) -> dict[str, tuple[Listing, ...]]:
        return self._listings

    @property
    def graph(self) -> TermGraph:
        return self.graph_with_index(None)

    def graph_with_index(self, owners: Mapping[str, Owners] | None) -> TermGraph:
        """:attr:`graph`, built (if it is not yet) with ``owners`` as its
        lookup index (see :attr:`.TermIndex.owners`) where it is given."""
        if self._graph_cache is None:
            self._graph_cache = TermGraph(
                self.store.winners(),
                self._uses,
                self.comparisons(),
                owners,
                pages=self.store.pages,
                rules=number_rules(self.env.config.language),
            )
        return self._graph_cache

    @property
    def index(self) -> TermIndex:
        return self.graph.index

    def describe(self, term_ids: Iterable[str]) -> str:
        """``id ('Title', path:line), ...`` for a warning naming candidates."""
        parts = []
        for term_id in term_ids:
            term = self.get(term_id)
            if term is not None:
                path = self.env.doc2path(term.docname, False)
                parts.append(f"{term_id} ({term.title!r}, {path}:{term.lineno})")
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
            records = self._comparisons.get(target)
            if not records:
                return None
            if not node.get("refexplicit"):  # the comparison's title, not its id
                title = records[0].title
                contnode = nodes.inline(title, title, classes=contnode["classes"])
            return make_refnode(
                builder, fromdocname, records[0].docname, target, contnode
            )
        found = self.index.resolve(target)
        if isinstance(found, Found):
            return self.make_reference(builder, fromdocname, found.term_id, contnode)
        if isinstance(found, NotFound) and self.external_cache:
            found = self.external_index().resolve(target)
            if isinstance(found, Found):
                return self.make_external_reference(
                    builder, fromdocname, found.term_id, contnode
                )
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
        """A link to the card of ``term_id`` with the SPEC's HTML hooks."""
        docname = self.store.pages[term_id]  # the record itself is not needed
        anchor = card_anchor(term_id)
        if isinstance(builder, SingleFileHTMLBuilder):
            # one page: a plain fragment (Sphinx 9.0 doubles the "#" otherwise)
            fromdocname = docname
        # what make_refnode does, straight into our node (a hot path)
        link = mt_reference("", "", contnode, internal=True, classes=["mt-ref"])
        if fromdocname == docname:
            link["refid"] = anchor
        else:
            uri = builder.get_relative_uri(fromdocname, docname)
            link["refuri"] = f"{uri}#{anchor}"
        link["mt_term"] = term_id
        return link

    def make_external_reference(
        self, builder: Builder, fromdocname: str, key: str, contnode: Element
    ) -> mt_reference:
        """A link to a term of another project's term set."""
        term = self.external_terms()[key]
        url = term.url
        if "://" not in url:  # relative to this site's root: make it relative here
            root = builder.get_relative_uri(fromdocname, self.env.config.root_doc)
            url = posixpath.join(posixpath.dirname(root), url)
        link = mt_reference("", "", contnode, refuri=url, internal=False)
        link["classes"] += ["mt-ref", "mt-external"]
        link["mt_term"] = key
        return link

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        # every build asks (search index, inventory): no record is decoded
        pages, titles = self.store.pages, self.store.titles
        for term_id in self.store.ids():
            yield (
                term_id,
                titles[term_id],
                "term",
                pages[term_id],
                card_anchor(term_id),
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


def missing_node(contnode: Element, target: str) -> nodes.inline:
    """The text of a reference that could not be linked, marked ``mt-missing``."""
    text = contnode.astext() or target
    return nodes.inline(text, text, classes=["xref", "mt", "mt-term", "mt-missing"])
