"""The last word on an ``:mt:`` reference nothing could resolve."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..diagnostics import WarningSubtype, warn
from ..domain import missing_node
from ..i18n import __

if TYPE_CHECKING:
    from docutils.nodes import Element, inline
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

__all__ = ["PRIORITY", "on_missing_reference"]

PRIORITY = 900
"""After intersphinx (500) and any other resolver has had its turn."""


def on_missing_reference(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: Element
) -> inline | None:
    """``missing-reference``: warn ``modelterms.unknown``, show the text unlinked."""
    if node.get("refdomain") != "mt":
        return None
    target = node.get("reftarget", "")
    warn(WarningSubtype.UNKNOWN, __("unknown term %r"), target, location=node)
    return missing_node(contnode, target)
