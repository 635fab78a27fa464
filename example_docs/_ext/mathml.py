"""Math written as MathML when the page is built, so it needs no script.

Sphinx's default HTML math renderer, MathJax, typesets formulas in the
browser with a script it loads from a CDN: a page read offline, or from a
``file://`` folder without network, shows the raw LaTeX. This renderer
converts the LaTeX to MathML at build time with docutils' own converter
(``docutils.utils.math.latex2mathml``, which docutils' HTML writer uses), and
browsers lay MathML out themselves: no script, no download, and the same
LaTeX source still serves the LaTeX builder.

Enable it with ``html_math_renderer = "mathml"`` after adding this module to
``extensions``. A formula the converter cannot read is a warning at its
line, and the page shows its LaTeX source as code instead.
"""

from __future__ import annotations

from inspect import signature
from typing import TYPE_CHECKING

from docutils import nodes
from docutils.utils.math.latex2mathml import tex2mathml
from sphinx.util import logging
from sphinx.util.math import get_node_equation_number

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata
    from sphinx.writers.html5 import HTML5Translator

logger = logging.getLogger(__name__)

# docutils 0.21 renamed the converter's switch (inline=True → as_block=False)
_AS_BLOCK = "as_block" in signature(tex2mathml).parameters


def _convert(latex: str, block: bool) -> str:
    if _AS_BLOCK:
        return str(tex2mathml(latex, as_block=block))
    return str(tex2mathml(latex, inline=not block))


def mathml(translator: HTML5Translator, node: nodes.Element, latex: str) -> str:
    """``latex`` as a ``<math>`` element (a block for display math)."""
    block = isinstance(node, nodes.math_block)
    try:
        return _convert(latex, block)
    except SyntaxError as error:
        logger.warning(
            "formula not converted to MathML (%s): %s",
            error,
            latex,
            location=node,
            type="mathml",
        )
        return f"<code>{translator.encode(latex)}</code>"


def visit_math(translator: HTML5Translator, node: nodes.math) -> None:
    translator.body.append(translator.starttag(node, "span", "", CLASS="math"))
    translator.body.append(mathml(translator, node, node.astext()))
    translator.body.append("</span>")
    raise nodes.SkipNode


def visit_math_block(translator: HTML5Translator, node: nodes.math_block) -> None:
    # a formula wider than a phone scrolls sideways: the keyboard can reach it
    div = translator.starttag(node, "div", CLASS="math", tabindex="0")
    translator.body.append(div)
    if node.get("number"):
        number = get_node_equation_number(translator, node)
        translator.body.append(f'<span class="eqno">({number})')
        translator.add_permalink_ref(node, "Link to this equation")
        translator.body.append("</span>")
    # formulas separated by a blank line are shown one under the other
    for part in node.astext().split("\n\n"):
        if part.strip():
            translator.body.append(mathml(translator, node, part))
    translator.body.append("</div>\n")
    raise nodes.SkipNode


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_html_math_renderer("mathml", (visit_math, None), (visit_math_block, None))
    return {"parallel_read_safe": True, "parallel_write_safe": True}
