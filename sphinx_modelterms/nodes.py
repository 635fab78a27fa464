"""The extension's node classes.

Each subclasses a docutils node of the same meaning, so every Sphinx
translator renders it through its base class's visitor (Sphinx dispatches
along the class's MRO).  Only HTML (the ``data-mt-term`` hook) and LaTeX (a
label for the card's anchor) have visitors of their own, in :mod:`.html` and
:mod:`.latex`.
"""

from __future__ import annotations

from docutils import nodes

__all__ = [
    "mt_card",
    "mt_example",
    "mt_faq",
    "mt_faq_entry",
    "mt_reference",
    "mt_related",
    "mt_tooltip",
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
    """Placeholder for a card's related-term cards, filled at write time."""


class mt_reference(nodes.reference):
    """A resolved ``:mt:`` reference; ``mt_term`` holds the term id."""


class mt_tooltip(nodes.container):
    """The tooltip of one term on one HTML page (``id="mt-tip-<id>"``)."""
