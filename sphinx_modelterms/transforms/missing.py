"""The last word on an ``:mt:`` reference nothing could resolve.

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
from ..render.spans import COPY

if TYPE_CHECKING:
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.domains import Domain

__all__ = ["MarkMissingPostTransform", "on_warn_missing_reference"]

TERM_CLASS = "mt-term"
"""The class the role gives the text of every ``:mt:`` reference."""

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
    warn(
        WarningSubtype.UNKNOWN,
        __("unknown term %r"),
        node.get("reftarget", ""),
        location=node,
    )
    return True


class MarkMissingPostTransform(SphinxPostTransform):
    """Mark the text of ``:mt:`` references left unlinked as ``mt-missing``."""

    default_priority = 20  # after ReferencesResolver (10)

    def run(self, **kwargs: Any) -> None:
        for node in self.document.findall(nodes.inline):
            classes = node["classes"]
            if (
                TERM_CLASS in classes
                and MISSING_CLASS not in classes
                and not isinstance(node.parent, nodes.reference)
            ):
                classes.append(MISSING_CLASS)
