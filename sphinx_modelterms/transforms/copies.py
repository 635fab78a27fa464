"""Copies of a card's references, resolved quietly in nitpicky mode.

A short definition is shown on other pages too (tooltips, related cards,
questions, tables), and each copy of a reference in it asks for no warning:
the card's own reference warns once, at its line.  In nitpicky mode Sphinx
warns about every reference it cannot resolve all the same, so there the
copies are resolved here, before Sphinx's resolver, as it would resolve
them (the domain, then ``missing-reference`` for intersphinx), and one that
nothing resolves is left as its text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from sphinx import addnodes
from sphinx.errors import NoUri
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..render.spans import COPY

if TYPE_CHECKING:
    from docutils import nodes

    from ..domain import ModelTermsDomain

__all__ = ["QuietCopiesPostTransform"]


class QuietCopiesPostTransform(SphinxPostTransform):
    default_priority = 9  # just before ReferencesResolver (10)

    def run(self, **kwargs: Any) -> None:
        if not self.config.nitpicky:
            return  # the copies ask for no warning, and get none
        builder = cast("ModelTermsDomain", self.env.get_domain("mt")).build.builder
        if builder is None:
            return
        for node in list(self.document.findall(addnodes.pending_xref)):
            if node.get(COPY):
                node.replace_self(self._resolved(node, builder))

    def _resolved(self, node: addnodes.pending_xref, builder: Any) -> nodes.Node:
        contnode = cast("nodes.Element", node[0].deepcopy())
        refdomain = node.get("refdomain", "")
        found: nodes.Node | None = None
        try:
            if refdomain:
                found = self.env.get_domain(refdomain).resolve_xref(
                    self.env,
                    node.get("refdoc", self.env.docname),
                    builder,
                    node["reftype"],
                    node["reftarget"],
                    node,
                    contnode,
                )
            if found is None:
                found = self.env.events.emit_firstresult(
                    "missing-reference",
                    self.env,
                    node,
                    contnode,
                    allowed_exceptions=(NoUri,),
                )
        except NoUri:
            found = None
        return found if found is not None else contnode
