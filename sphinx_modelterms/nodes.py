"""The extension's node classes.

Each subclasses a docutils node of the same meaning, so every Sphinx
translator renders it through its base class's visitor (Sphinx dispatches
along the class's MRO).  Only HTML (the ``data-mt-term`` hook) and LaTeX (a
label for the card's anchor), and both for graph pictures, have visitors of
their own, all in :mod:`.html` (but the filter box's, in :mod:`.filterbox`).
"""

from __future__ import annotations

from docutils import nodes

__all__ = [
    "FILLED",
    "PLACEHOLDERS",
    "TERM_LINKS",
    "mt_backrefs",
    "mt_card",
    "mt_cell_label",
    "mt_compare",
    "mt_comparisons",
    "mt_example",
    "mt_faq",
    "mt_faq_entry",
    "mt_filterbox",
    "mt_fragment",
    "mt_graph",
    "mt_graph_request",
    "mt_index",
    "mt_pagelist",
    "mt_reference",
    "mt_related",
    "mt_table",
    "mt_tooltip",
    "mt_tooltips",
]


class mt_card(nodes.container):
    """A term card; ``mt_term`` holds the term id, ``ids`` its anchor."""


class mt_example(nodes.container):
    """The body of one ``term-example``."""


class mt_faq(nodes.container):
    """A card's "Frequently asked" block; generated questions are added at
    write time before the card's own ``term-faq`` entries."""


class mt_faq_entry(nodes.definition_list_item):
    """One question (the term) and its answer (the definition)."""


class mt_related(nodes.container):
    """A card's related-term cards, made by the write-time fill."""


class mt_reference(nodes.reference):
    """A resolved ``:mt:`` reference; ``mt_term`` holds the term id."""


class mt_tooltip(nodes.container):
    """The tooltip of one term on one HTML page (``id="mt-tip-<id>"``)."""


class mt_tooltips(nodes.container):
    """The tooltips of an HTML page: ``mt_keys`` names their terms; the
    writer renders each term's tooltip once per build and reuses it."""


class mt_comparisons(nodes.container):
    """The named comparisons that hold a card's term, made by the fill."""


class mt_backrefs(nodes.container):
    """A card's "Referenced from" list, made by the fill."""


class mt_pagelist(nodes.General, nodes.Element):
    """HTML only: the pages that link a term (``mt_pages``), which the writer
    renders as a list of links without a node tree per link."""


class mt_cell_label(nodes.Inline, nodes.Element):
    """HTML only: the column name (``mt_label``) a cell of a term table
    shows where its rows are laid out as blocks; written as an attribute,
    so the cell's text stays its value."""


class mt_filterbox(nodes.General, nodes.Element):
    """HTML only: where the script puts the filter box of an index or table
    (``mt_keys``: each entry's title, aliases and short definition, in the
    order of the entries; ``mt_label``, ``mt_status``, ``mt_none``: its
    translated words)."""


class mt_compare(nodes.container):
    """Placeholder for a ``term-compare`` table: the request only
    (``mt_terms``, ``mt_rows``, ``mt_title``)."""


class mt_index(nodes.container):
    """Placeholder for a ``term-index``: ``mt_group_by`` and filters."""


class mt_table(nodes.container):
    """Placeholder for a ``term-table``: ``mt_columns``, filters, ``mt_sort``."""


class mt_graph_request(nodes.container):
    """Placeholder for a ``term-graph`` (or a card's map): the request only
    (``mt_around``, ``mt_depth``, filters, ``mt_max_nodes``)."""


class mt_graph(nodes.General, nodes.Element):
    """One drawing (``mt_drawing``), rendered by the HTML and LaTeX visitors
    through ``sphinx.ext.graphviz``."""


class mt_fragment(nodes.General, nodes.Element):
    """HTML only: what a card repeats of another term (``mt_term``), its
    related-term card (``mt_kind="related-card"``); the HTML visitor renders
    each once per build and folder and reuses it."""


PLACEHOLDERS = (
    mt_compare,
    mt_index,
    mt_table,
    mt_graph_request,
)
"""Nodes that the write-time fill replaces or fills; never rendered empty."""

FILLED = (mt_card, mt_compare, mt_index, mt_table)
"""The nodes the write-time fill completes: cards, comparison tables,
indexes, tables."""

TERM_LINKS = (mt_reference, mt_fragment)
"""The nodes that link a term in HTML: references and a card's fragments."""
