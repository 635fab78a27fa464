"""``term-graph``: a map of terms and their relations."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from docutils.parsers.rst import directives

from ..diagnostics import WarningSubtype, warn
from ..i18n import __
from ..naming import one_line
from ..nodes import mt_graph_request
from .listing import _FILTERS, _ListingDirective

if TYPE_CHECKING:
    from docutils import nodes

__all__ = ["TermGraphDirective", "graph_request"]


def graph_request(
    around: str = "", depth: int = 1, title: str = ""
) -> mt_graph_request:
    node = mt_graph_request(classes=["mt-graph-block"])
    node["mt_around"] = around
    node["mt_depth"] = depth
    node["mt_title"] = title
    node["mt_max_nodes"] = 0
    node["mt_categories"] = []
    node["mt_levels"] = []
    node["mt_pages"] = []
    return node


class TermGraphDirective(_ListingDirective):
    """``.. term-graph:: Optional title``: the whole term set, a filtered
    one, or the neighbourhood of ``:around:`` to ``:depth:`` steps."""

    optional_arguments = 1
    final_argument_whitespace = True
    known_options: ClassVar[dict[str, Any]] = {
        "around": directives.unchanged,
        "depth": directives.nonnegative_int,
        "max-nodes": directives.positive_int,
        **_FILTERS,
    }

    def run(self) -> list[nodes.Node]:
        self.read_options()
        title = one_line(self.arguments[0]) if self.arguments else ""
        around = self.options.get("around", "").strip()
        node = graph_request(around, self.options.get("depth", 1), title)
        node["classes"] += self.options.get("class", [])
        node["mt_max_nodes"] = self.options.get("max-nodes", 0)
        self.set_source_info(node)
        self.filters(node)
        if around:
            self.domain.note_use(self.env.docname, around)
        elif "depth" in self.options:
            warn(
                WarningSubtype.INVALID,
                __("term-graph: :depth: needs :around:; it is ignored"),
                location=self.option_location("depth"),
            )
        self.note(node, backrefs=False)
        self.domain.note_graph(self.env.docname, self.lineno)
        return [node]
