"""The ``:mt:`` role (and the domain's ``:mt:term:``), and ``:mt:compare:``.

Both warn when nothing resolves them (``modelterms.unknown``, from
:mod:`.transforms.missing`), and their text is then marked ``mt-missing``.
A target written with Sphinx's ``!`` prefix (``:mt:`!alignment```) is no
reference: its text is shown as written, marked ``mt-unlinked``, and
auto-linking leaves it alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from docutils import nodes
from sphinx.roles import XRefRole

if TYPE_CHECKING:
    from docutils.nodes import Element, Node, system_message
    from sphinx.environment import BuildEnvironment

    from .domain import ModelTermsDomain

__all__ = ["UNLINKED_CLASS", "CompareRole", "TermRole"]

UNLINKED_CLASS = "mt-unlinked"
"""The class of a mention opted out of linking with ``!``."""


class TermRole(XRefRole):
    """A cross-reference to a term, in the ``mt`` domain whatever its name.

    ``:mt:`text``` and ``:mt:`text <target>``` both make a ``pending_xref``
    that the domain resolves at write time; the target is recorded as used
    by the current document, so that the incremental build knows which
    pages to rewrite when a term changes.
    """

    def __init__(self) -> None:
        super().__init__(innernodeclass=nodes.inline, warn_dangling=True)

    def run(self) -> tuple[list[Node], list[system_message]]:
        self.refdomain, self.reftype = "mt", "term"
        self.classes = ["xref", "mt", "mt-term"]
        if self.disabled:
            # only the text, without the "!" and the target of "text <target>"
            text = self.title.removeprefix("!")
            node = nodes.inline(self.rawtext, text, classes=[UNLINKED_CLASS])
            return [node], []
        return self.create_xref_node()

    def process_link(
        self,
        env: BuildEnvironment,
        refnode: Element,
        has_explicit_title: bool,
        title: str,
        target: str,
    ) -> tuple[str, str]:
        # the text stays as written, even when intersphinx resolves it
        refnode["refexplicit"] = True
        domain = cast("ModelTermsDomain", env.get_domain("mt"))
        domain.note_use(env.docname, target)
        return title, target


class CompareRole(XRefRole):
    """``:mt:compare:`id``` links to a named comparison; its text is the
    comparison's title unless one is given."""

    def __init__(self) -> None:
        super().__init__(innernodeclass=nodes.inline, warn_dangling=True)
