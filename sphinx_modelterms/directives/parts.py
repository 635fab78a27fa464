"""``term-example`` and ``term-faq``: parts of a card, valid only inside one.

Each returns a node that the enclosing ``term-card`` collects into its
"Examples" or "Frequently asked" block.  Outside a card they warn
(``modelterms.invalid``) and still render their content, so nothing is lost.
"""

from __future__ import annotations

from typing import ClassVar

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from ..diagnostics import WarningSubtype, warn
from ..i18n import __
from ..naming import one_line
from ..nodes import mt_example
from ..render.cards import faq_entry
from ._characters import clean_characters
from ._options import OptionsDirective
from .card import CARD_STACK

__all__ = ["TermExampleDirective", "TermFaqDirective"]


class _CardPart(SphinxDirective):
    has_content = True

    def in_card(self) -> bool:
        clean_characters(self, self.name)  # (a card has cleaned its own parts)
        if self.env.temp_data.get(CARD_STACK):
            return True
        warn(
            WarningSubtype.INVALID,
            __("%s is only valid inside a term-card; its content is shown as is"),
            self.name,
            location=self.get_location(),
        )
        return False


class TermExampleDirective(_CardPart):
    """``.. term-example::`` followed by the example."""

    option_spec: ClassVar[dict[str, object]] = {}  # type: ignore[assignment]

    def run(self) -> list[nodes.Node]:
        inside = self.in_card()
        example = mt_example(classes=["mt-example"])
        self.set_source_info(example)
        example += self.parse_content_to_nodes()
        return [example] if inside else [nodes.container("", *example.children)]


class TermFaqDirective(_CardPart, OptionsDirective):
    """``.. term-faq:: Question?`` followed by the answer.

    It takes no options; lines written as options are warned about and left
    out, rather than read as more words of the question (reST) or as the
    start of the answer (MyST)."""

    required_arguments = 1
    final_argument_whitespace = True

    def run(self) -> list[nodes.Node]:
        self.read_options()
        asked = self.arguments[0] if self.arguments else ""  # "" if only options
        inside = self.in_card()
        question, messages = self.parse_inline(one_line(asked))
        entry = faq_entry(question, self.parse_content_to_nodes())
        self.set_source_info(entry)
        self.set_source_info(entry[0])  # the question is the author's: translatable
        if inside:
            return [entry, *messages]
        return [nodes.definition_list("", entry), *messages]
