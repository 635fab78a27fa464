"""What one build keeps in one process and never saves.

The domain's data is saved with the environment; everything here is either
noted at the start of a build (the builder, whether the environment is new)
or worked out from that data and dropped when it changes (the relations
between terms, the index of imported terms, HTML rendered once and reused
on every page).

One :class:`BuildState` hangs on the domain object
(:attr:`.ModelTermsDomain.build`).  Sphinx saves the environment's
``domaindata``, never its domain objects (``BuildEnvironment.__getstate__``
drops them), and makes new ones for every build, so this starts empty each
time; a worker that ``-j N`` forks inherits its parent's.

No Sphinx or docutils imports.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.builders import Builder

    from .lookup import TermIndex
    from .model import ExternalTerm
    from .relations import TermRelations
    from .savedstate import SavedState
    from .sources.datafiles import DataTerm
    from .tipcache import TooltipCache

__all__ = ["BuildState"]


@dataclass
class BuildState:
    """Per-build, per-process state: never pickled."""

    #: this process's builder, noted at ``builder-inited``: post-transforms
    #: make final links for it (``SphinxPostTransform.app`` is deprecated)
    builder: Builder | None = None
    #: whether this build started from a new environment
    fresh: bool = False
    #: pages cleared (to be read again, or removed), or whose records
    #: changed without it (term-file additions), since the incremental
    #: rules last looked
    cleared: set[str] = field(default_factory=set)
    #: the tooltips the last build rendered, once an HTML page asks for them
    tooltips: TooltipCache | None = None
    #: the relations between the terms read, worked out when first asked for
    relations: TermRelations | None = None
    #: what writers render once per state of the records and reuse on every
    #: page (tooltips, captions), by a key of their choosing
    rendered: dict[tuple[str, ...], str] = field(default_factory=dict)
    #: imported terms by ``set:id``, and their lookup index
    external_terms: dict[str, ExternalTerm] | None = None
    external_index: TermIndex | None = None
    #: the state the last build kept for the incremental rules, decoded
    saved: SavedState | None = None
    #: id → the term-file entries without a title that add to the adopted
    #: glossary entry of that id, read at ``builder-inited`` (see enrich)
    additions: dict[str, list[DataTerm]] = field(default_factory=dict)
    #: the anchor of each term line of an adopted glossary entry → the ids
    #: of the entries with a line of that anchor (on any page)
    entry_anchors: dict[str, list[str]] | None = None
    #: pages generated from term files, by docname: the term file (relative
    #: to the source folder), the term's line, the file line of each line
    term_pages: dict[str, tuple[str, int, tuple[int, ...]]] = field(
        default_factory=dict
    )

    def records_changed(self) -> None:
        """Drop what was worked out from the domain's records."""
        self.relations = None
        self.entry_anchors = None
        if self.rendered:
            self.rendered.clear()

    def imports_changed(self) -> None:
        """Drop what was worked out from the imported term sets."""
        self.external_terms = None
        self.external_index = None
        self.rendered.clear()
