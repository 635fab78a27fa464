"""The filter box of HTML indexes and tables.

The fill step puts an :class:`~.nodes.mt_filterbox` first in an index or a
table it has filled (:func:`boxed`), in HTML only, when ``:filter:`` and
``modelterms_filter_box`` ask for one.  The node holds what the box
searches (each entry's title, aliases and short definition, in the order of
the entries) and the box's words, translated here from the message catalog.
It is written as an empty element with ``data-`` attributes: the script
(``static/modelterms-filter.js``, added to the pages that have a box) builds
the labelled search field and its live region from them, so a page read
without JavaScript shows every entry and no field that does nothing.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from docutils import nodes

from .i18n import _
from .nodes import mt_filterbox
from .render.spans import shown_text

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.writers.html5 import HTML5Translator

    from .model import Term

__all__ = [
    "FILTER_JS",
    "HAS_BOX",
    "add_filter_script",
    "boxed",
    "filter_box",
    "visit_filterbox_html",
    "wants_box",
]

FILTER_JS = "modelterms-filter.js"
HAS_BOX = "mt_has_filter_box"
"""The attribute the fill step sets on a document that holds a box."""


def wants_box(node: nodes.Element, entries: int, fewest: int) -> bool:
    """Whether a listing of ``entries`` entries gets a box: ``:filter: on``
    or ``off`` decide; without it, ``fewest`` (from
    ``modelterms_filter_box``; 0 is never) does."""
    chosen = node.get("mt_filter")
    if chosen is not None:
        return bool(chosen) and entries > 0
    return fewest > 0 and entries >= fewest


def boxed(
    block: list[nodes.Node],
    terms: Sequence[Term],
    node: nodes.Element,
    document: nodes.document,
    fewest: int | None,
) -> list[nodes.Node]:
    """``block``, the filled listing ``node`` that shows ``terms``, after its
    filter box when it has one; ``fewest`` is ``None`` outside HTML, where
    no listing has one."""
    if fewest is None or not wants_box(node, len(terms), fewest):
        return block
    document[HAS_BOX] = True  # the page gets the script
    return [filter_box(terms, document.settings.env), *block]


def filter_box(terms: Sequence[Term], env: BuildEnvironment) -> mt_filterbox:
    """The box of a listing whose entries show ``terms``, in that order
    (their short definitions searched as they show them)."""
    return mt_filterbox(
        mt_keys=[
            "\n".join((t.display_title, *t.aliases, shown_text(t.summary, env)))
            for t in terms
        ],
        mt_label=str(_("Filter terms")),
        # {shown} and {total} are numbers the script puts in
        mt_status=str(_("Terms shown: {shown} of {total}")),
        mt_none=str(_("No term matches the filter.")),
    )


def visit_filterbox_html(self: HTML5Translator, node: mt_filterbox) -> None:
    data = {
        "data-mt-filter-keys": json.dumps(node["mt_keys"], ensure_ascii=False),
        "data-mt-filter-label": node["mt_label"],
        "data-mt-filter-status": node["mt_status"],
        "data-mt-filter-none": node["mt_none"],
    }
    attributes = "".join(f' {k}="{self.attval(v)}"' for k, v in data.items())
    self.body.append(f'<div class="mt-filter"{attributes}></div>\n')
    raise nodes.SkipNode


def add_filter_script(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """``html-page-context``: the script, on the pages that have a box."""
    if doctree is not None and doctree.get(HAS_BOX):
        app.add_js_file(FILTER_JS)
