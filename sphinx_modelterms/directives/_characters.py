"""Characters XML forbids, replaced in a directive's input before it is read.

A card's text reaches outputs that are XML (the SVG of a term graph, the
xml builder, XHTML pages): one U+FFFF in a short definition would make them
unreadable, or stop the build.  Every directive of ours cleans its title,
options and content first, and says so once, at the line that held one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..diagnostics import WarningSubtype, warn
from ..i18n import __
from ..naming import XML_FORBIDDEN, xml_safe

if TYPE_CHECKING:
    from sphinx.util.docutils import SphinxDirective

__all__ = ["clean_characters"]


def clean_characters(directive: SphinxDirective, what: str) -> None:
    """Replace what XML forbids in ``directive``'s arguments, options and
    content; warn about the first such character, naming ``what``.

    Control characters in the title and options are not warned about:
    they fold to spaces, as in every one-line value.
    """
    lines = directive.content.data if directive.content else []
    values = [
        text
        for value in directive.options.values()
        for text in (value if isinstance(value, tuple) else (value,))
        if isinstance(text, str)
    ]
    if not XML_FORBIDDEN.search("\n".join([*directive.arguments, *values, *lines])):
        return  # the usual case: one search, nothing to clean
    found: list[tuple[str, str]] = []
    location = directive.get_location()

    def clean(text: str, where: str, quiet_controls: bool) -> str:
        bad = [c for c in XML_FORBIDDEN.findall(text) if c >= " " or not quiet_controls]
        if bad and not found:
            found.append((bad[0], where))
        return xml_safe(text)

    directive.arguments = [clean(a, location, True) for a in directive.arguments]
    for name, value in directive.options.items():
        if isinstance(value, str) and XML_FORBIDDEN.search(value):
            # (the value's own type is kept: it may be a marker subclass)
            directive.options[name] = type(value)(clean(value, location, True))
        elif isinstance(value, tuple):  # the items of a MyST YAML list
            directive.options[name] = tuple(
                clean(v, location, True) if isinstance(v, str) else v for v in value
            )
    source = directive.env.doc2path(directive.env.docname)
    # docutils counts the content's lines from the top of the file (from 0),
    # MyST from the directive's first line
    first = directive.content_offset + 1
    if type(directive.state).__module__.startswith("myst_parser"):
        first += directive.lineno
    for index, line in enumerate(lines):
        if XML_FORBIDDEN.search(line):
            lines[index] = clean(line, f"{source}:{first + index}", False)
    if found:
        char, where = found[0]
        warn(
            WarningSubtype.INVALID,
            __("%s holds the character U+%04X, which XML forbids; it is replaced"),
            what,
            ord(char),
            location=where,
        )
