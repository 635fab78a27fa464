"""The user guide's reference lists, generated from the extension's registries.

``modelterms-config-reference`` writes a table of every option of
:data:`sphinx_modelterms.config.OPTIONS`; ``modelterms-setting:: name``
writes one option's entry, with the explanation written under it on the
configuration page; ``modelterms-warning-reference`` writes a table of every
:class:`sphinx_modelterms.diagnostics.WarningSubtype`. A new option or
warning appears in the tables by itself; an option without an entry, or an
entry for an option that does not exist, is a warning (so a ``-W`` build of
the guide fails until the page explains it).

Each option's entry is Sphinx's own ``confval`` (so ``:confval:`` links,
the index and the page's contents work as for a hand-written one): its
type line is the requirement the option's validator states, its default and
rebuild scope are the registry's, and its text is the directive's content.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any, ClassVar, cast

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx import addnodes
from sphinx.domains.std import ConfigurationValue
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from sphinx_modelterms.config import OPTIONS, PREFIX, Option
from sphinx_modelterms.diagnostics import WarningSubtype

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.domains.std import StandardDomain
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata, OptionSpec

logger = logging.getLogger(__name__)

BY_NAME = {option.name: option for option in OPTIONS}
CONFIG_PAGE = "guide/configuration"

# what a change of the option makes Sphinx do, by its rebuild scope
REBUILDS = {
    "env": "every page is read again",
    "html": "the HTML pages are written again",
    "": "nothing is read or written again: the output stays the same",
}

# names in the warnings' descriptions that read better as code
CODE = re.compile(
    r"(modelterms_(?:\w+|\*)|modelterms\.json|:\w+:"
    r"|\bterm-(?:card|example|faq|compare|index|table|graph)\b|\btermcheck\b)"
)


def python_literal(value: Any) -> str:
    """``value`` as it is written in ``conf.py`` (strings in double quotes)."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(python_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        items = (f"{python_literal(k)}: {python_literal(v)}" for k, v in value.items())
        return "{" + ", ".join(items) + "}"
    return repr(value)


def requirement(option: Option) -> str:
    """What the option's validator asks for, in its own words."""
    try:
        problem = option.check(object())  # a value no validator accepts
    except Exception:  # a validator that expects some type first
        problem = None
    if problem:
        return problem
    return " or ".join(sorted(t.__name__ for t in option.types))


def with_code(text: str) -> nodes.inline:
    """Plain text, with the names of settings, options and directives as code."""
    result = nodes.inline()
    for i, part in enumerate(CODE.split(text)):
        if i % 2:
            result += nodes.literal(part, part)
        elif part:
            result += nodes.Text(part)
    return result


def field(name: str, body: nodes.Node) -> nodes.field:
    paragraph = nodes.paragraph("", "", body)
    return nodes.field(
        "", nodes.field_name(name, name), nodes.field_body("", paragraph)
    )


def table(
    titles: tuple[str, ...], widths: tuple[int, ...], rows: list[list[nodes.Node]]
) -> nodes.table:
    """A table with a header row; each cell holds one paragraph."""
    group = nodes.tgroup(cols=len(titles))
    group += [nodes.colspec(colwidth=w) for w in widths]
    head = nodes.thead()
    head += nodes.row("", *(nodes.entry("", nodes.paragraph(t, t)) for t in titles))
    body = nodes.tbody()
    for cells in rows:
        body += nodes.row(
            "", *(nodes.entry("", nodes.paragraph("", "", cell)) for cell in cells)
        )
    group += [head, body]
    return nodes.table("", group)


class GeneratedConfval(ConfigurationValue):
    """Sphinx's ``confval``, fed from an :class:`Option` instead of source.

    The type line is plain text (a validator's words are not reST), and a
    third field says what a change rebuilds.
    """

    rebuild = ""

    def format_type(self, type_: str) -> tuple[nodes.field, list[nodes.system_message]]:
        return field("Type", with_code(type_)), []

    def format_default(
        self, default: str
    ) -> tuple[nodes.field, list[nodes.system_message]]:
        return field("Default", nodes.literal(default, default)), []

    def transform_content(self, content_node: addnodes.desc_content) -> None:
        super().transform_content(content_node)
        fields = content_node.next_node(nodes.field_list)
        if fields is not None and self.rebuild in REBUILDS:
            fields += field("When changed", nodes.Text(REBUILDS[self.rebuild]))


class ConfigReference(SphinxDirective):
    """Every ``modelterms_*`` setting in one table, linked to its entry."""

    # accepted for pages written when the table was one of two forms
    option_spec: ClassVar[OptionSpec] = {"summary": directives.flag}

    def run(self) -> list[nodes.Node]:
        return [self.summary()]

    def summary(self) -> nodes.table:
        rows: list[list[nodes.Node]] = []
        for option in OPTIONS:
            link = addnodes.pending_xref(
                "",
                nodes.literal(option.confname, option.confname),
                refdomain="std",
                reftype="confval",
                reftarget=option.confname,
                refexplicit=True,
                refwarn=True,
            )
            default = python_literal(option.default)
            rows.append([link, nodes.literal(default, default), with_code(option.help)])
        return table(("Setting", "Default", "What it does"), (3, 2, 5), rows)


class ConfigSetting(SphinxDirective):
    """``.. modelterms-setting:: name``: one setting's ``confval`` entry, its
    type, default and rebuild scope from the registry, its explanation from
    the directive's content (the one-line help where there is none)."""

    required_arguments = 1
    has_content = True

    def run(self) -> list[nodes.Node]:
        name = self.arguments[0].removeprefix(PREFIX)
        option = BY_NAME.get(name)
        if option is None:
            logger.warning(
                "modelterms-setting: no setting named %r", name, location=self
            )
            return []
        content = self.content or StringList(
            [option.help], source=f"<sphinx_modelterms.config: {name}>"
        )
        confval = GeneratedConfval(
            "std:confval",
            [option.confname],
            {"type": requirement(option), "default": python_literal(option.default)},
            content,
            self.lineno,
            self.content_offset,
            self.block_text,
            self.state,
            self.state_machine,
        )
        confval.rebuild = option.rebuild
        return confval.run()


def warn_undocumented_settings(app: Sphinx, env: BuildEnvironment) -> None:
    """Every setting needs an entry on the configuration page."""
    objects = cast("StandardDomain", env.get_domain("std")).objects
    documented = {name for (kind, name) in objects if kind == "confval"}
    for option in OPTIONS:
        if option.confname not in documented:
            logger.warning(
                "setting %s has no modelterms-setting entry in the guide",
                option.confname,
                location=(CONFIG_PAGE, 1),
            )


class WarningReference(SphinxDirective):
    """Every warning subtype: the name to silence it by, and its meaning.

    A subtype's name links to the section of the same page that is titled
    with it (``modelterms.unknown``), where there is one.
    """

    def run(self) -> list[nodes.Node]:
        rows: list[list[nodes.Node]] = []
        for subtype in WarningSubtype:
            name = f"modelterms.{subtype.value}"
            link = nodes.reference(
                "",
                "",
                nodes.literal(name, name),
                refid=nodes.make_id(name),
                classes=["showcase-warning-link"],
            )
            rows.append([link, with_code(subtype.description)])
        return [table(("Warning", "What it means"), (2, 7), rows)]


def unlink_missing_sections(app: Sphinx, doctree: nodes.document) -> None:
    """Leave a subtype unlinked where its page has no section for it."""
    for ref in list(doctree.findall(nodes.reference)):
        if (
            "showcase-warning-link" in ref["classes"]
            and ref["refid"] not in doctree.ids
        ):
            ref.replace_self(ref.children)


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_directive("modelterms-config-reference", ConfigReference)
    app.add_directive("modelterms-setting", ConfigSetting)
    app.connect("env-check-consistency", warn_undocumented_settings)
    app.add_directive("modelterms-warning-reference", WarningReference)
    app.connect("doctree-read", unlink_missing_sections)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
