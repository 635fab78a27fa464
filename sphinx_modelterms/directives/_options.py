"""Directive options read by the directives themselves.

docutils drops a whole directive when an option is given twice or when a
converter refuses a value; MyST keeps the last of two options silently and
warns about a refused value under its own type; neither tells a directive
the line of each option.  So the directives of this package declare no
options to the parsers (an empty ``option_spec``): the option block stays in
the directive's text, and ``OptionsDirective.read_options`` finds it there
(reST field lines; MyST ``:key: value`` lines or a ``---`` YAML block),
converts each value, and warns (``modelterms.invalid``, at the option's own
line) about an unknown name, a repeated one or a refused value.  The
directive and its other options are kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from textwrap import dedent
from typing import TYPE_CHECKING, Any, ClassVar

from docutils.parsers.rst.states import Body, RSTState
from myst_parser.parsers import options as myst_option_parser
from myst_parser.parsers.options import TokenizeError
from sphinx.util.docutils import SphinxDirective

from ..diagnostics import WarningSubtype, warn
from ..i18n import __
from ..naming import one_line, parse_sources, safe_url, split_list

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

__all__ = [
    "OptionsDirective",
    "RawOption",
    "myst_options",
    "parse_sources",
    "rst_options",
    "safe_url",
    "split_list",
]

_FIELD = re.compile(Body.patterns["field_marker"])


@dataclass(frozen=True, slots=True)
class RawOption:
    """One option as written: its name, its text (or the items of a YAML
    list) and its line in the source file."""

    name: str
    value: str | tuple[str, ...]
    line: int


class OptionBlockError(ValueError):
    """A MyST option block that cannot be read at all."""

    def __init__(self, problem: str, line: int) -> None:
        super().__init__(problem)
        self.problem = problem
        self.line = line


def rst_options(lines: Sequence[str], first_line: int) -> list[RawOption]:
    """The options of a reST field block: ``:name: value`` lines, each with
    the more deeply indented lines after it.  ``lines[0]`` is at
    ``first_line``.

    >>> [(o.name, o.value, o.line) for o in rst_options(
    ...     ["  :a: one", "     more", "  :b:"], 7)]
    [('a', 'one\\nmore', 7), ('b', '', 9)]
    """
    found: list[tuple[str, list[str], int]] = []
    base = len(lines[0]) - len(lines[0].lstrip()) if lines else 0
    for index, line in enumerate(lines):
        text = line.lstrip()
        match = _FIELD.match(text)
        if match and (not found or len(line) - len(text) <= base):
            name = match.group().strip()[1:-1]
            found.append((name, [text[match.end() :].strip()], first_line + index))
        elif found:
            found[-1][1].append(text.strip())
    return [
        RawOption(name, "\n".join(part for part in parts if part), line)
        for name, parts, line in found
    ]


def myst_block(lines: Sequence[str]) -> tuple[list[str], int, int, str]:
    """The option block at the start of a MyST directive's body: its lines
    (``:`` stripped), the index of its first line, the number of body lines
    it takes, and any text after a closing ``---``, which MyST reads as the
    first line of the body.

    >>> myst_block(["---", "a: 1", "--- Body", "more"])
    (['a: 1'], 1, 3, 'Body')
    >>> myst_block([":a: 1", ":b:", "", "Body"])
    (['a: 1', 'b:'], 0, 2, '')
    """
    if lines and lines[0].startswith("---"):
        for end in range(1, len(lines)):
            if lines[end].startswith("---"):
                block = dedent("\n".join(lines[1:end])).split("\n")
                rest = lines[end].lstrip("-").removeprefix(" ")
                return block, 1, end + 1, rest
        return dedent("\n".join(lines[1:])).split("\n"), 1, len(lines), ""
    count = 0
    while count < len(lines) and _is_myst_option(lines[count]):
        count += 1
    return [line.lstrip()[1:] for line in lines[:count]], 0, count, ""


def _is_myst_option(line: str) -> bool:
    text = line.lstrip()
    return text.startswith(":") and not text.startswith(":::")


def _option_tokens(text: str) -> list[tuple[Any, Any]]:
    """MyST's (key, value) token pairs of an option block, with positions.

    MyST-Parser 5 offers them as ``options_to_tokens``; 4.x has the same
    tokenizer only under its private name."""
    tokens = getattr(myst_option_parser, "options_to_tokens", None)
    if tokens is not None:
        return list(tokens(text)[0])
    state = myst_option_parser.State()
    return list(myst_option_parser._to_tokens(text, state))


def myst_options(block: Sequence[str], first_line: int) -> list[RawOption]:
    """The options of a MyST option block, read as MyST reads them, except
    that a repeated key is kept (for a warning) and a YAML list stays a
    list.  ``block[0]`` is at ``first_line``."""
    try:
        tokens = _option_tokens("\n".join(block))
    except TokenizeError as error:
        raise OptionBlockError(
            str(error.problem), first_line + error.problem_mark.line
        ) from None
    starts = [key.start.line for key, _value in tokens]
    out = []
    for index, (key, value) in enumerate(tokens):
        end = starts[index + 1] if index + 1 < len(starts) else len(block)
        items = _yaml_list("\n".join(block[key.start.line : end]))
        text = value.value if value is not None else ""
        out.append(
            RawOption(
                str(key.value),
                items if items is not None else text,
                first_line + key.start.line,
            )
        )
    return out


def _yaml_list(text: str) -> tuple[str, ...] | None:
    """The items of ``key: [a, b]`` (or a YAML block list), else None."""
    # only MyST pages get here, and MyST has imported PyYAML already: a
    # project of reST pages does not pay for it
    import yaml

    try:
        loaded = yaml.safe_load(text)
    except (yaml.YAMLError, ValueError, RecursionError):
        return None
    if not isinstance(loaded, dict) or len(loaded) != 1:
        return None
    (value,) = loaded.values()
    if not isinstance(value, list):
        return None
    return tuple(str(item) for item in value if item is not None)


class OptionsDirective(SphinxDirective):
    """A directive that reads its own options (see the module docstring).

    ``known_options`` maps each option to a converter, which raises
    ``ValueError`` or ``TypeError`` on a bad value, as docutils' converters
    do; ``list_options`` maps the options that take several values to the
    separator a YAML list's items are joined with (with ``", "`` the items
    are kept as a tuple instead, for ``option_items``).
    """

    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {}
    known_options: ClassVar[dict[str, Callable[[str], Any]]] = {}
    list_options: ClassVar[dict[str, str]] = {}

    option_lines: dict[str, int]
    """The line of each option read, in its source file."""
    _option_at: dict[str, str]

    def subject(self) -> str:
        """How option warnings name this directive."""
        return self.name

    def option_location(self, name: str) -> str:
        """Where option ``name`` was written (the directive, if it was not)."""
        return getattr(self, "_option_at", {}).get(name) or self.get_location()

    def line_location(self, line: int) -> str:
        """``source:line`` of line ``line``, numbered as the state machine
        numbers the directive's own line (an included file has its own
        source and lines)."""
        source, srcline = self.state_machine.get_source_and_line(line)
        return f"{source}:{srcline}" if source and srcline else self.get_location()

    def option_items(self, name: str) -> list[str]:
        """The values of a comma-separated option (or of a YAML list)."""
        value = self.options.get(name, "")
        return list(value) if isinstance(value, tuple) else split_list(value)

    def known_names(self) -> list[str]:
        return sorted(self.known_options)

    def read_options(self) -> None:
        """Take the option block out of the arguments or the content, and
        fill ``self.options`` with the values that convert."""
        self.options = {}
        self.option_lines = {}
        self._option_at = {}
        try:
            raw = self._option_block()
        except OptionBlockError as error:
            warn(
                WarningSubtype.INVALID,
                __("%s: its options cannot be read (%s); they are ignored"),
                self.subject(),
                error.problem,
                location=self.line_location(error.line),
            )
            return
        known = self.known_names()
        for option in raw:
            self._read_option(option, known)

    def _read_option(self, option: RawOption, known: list[str]) -> None:
        name = option.name.lower()
        where = self.line_location(option.line)
        if name in self.option_lines:
            warn(
                WarningSubtype.INVALID,
                __("%s: option %r is given twice (first at line %d); it is ignored"),
                self.subject(),
                name,
                self.option_lines[name],
                location=where,
            )
            return
        line = self.state_machine.get_source_and_line(option.line)[1]
        self.option_lines[name] = line or option.line
        self._option_at[name] = where
        converter = self.converter(name)
        if converter is None and not known:
            warn(
                WarningSubtype.INVALID,
                __("%s takes no options; %r is ignored"),
                self.subject(),
                name,
                location=where,
            )
            return
        if converter is None:
            warn(
                WarningSubtype.INVALID,
                __("%s: unknown option %r (known: %s); it is ignored"),
                self.subject(),
                name,
                ", ".join(known),
                location=where,
            )
            return
        value = option.value
        if isinstance(value, tuple):
            separator = self.list_options.get(name)
            if separator is None:
                warn(
                    WarningSubtype.INVALID,
                    __("%s: option %r takes one value, not a list; it is ignored"),
                    self.subject(),
                    name,
                    location=where,
                )
                return
            if separator == ", ":  # kept as items: one may hold a comma
                self.options[name] = tuple(i for i in map(one_line, value) if i)
                return
            value = separator.join(value)
        try:
            # docutils gives a converter None for an empty value
            self.options[name] = converter(value if value.strip() else None)  # type: ignore[arg-type]
        except (ValueError, TypeError) as error:
            if value.strip():
                warn(
                    WarningSubtype.INVALID,
                    __("%s: option %r has an invalid value %r (%s); it is ignored"),
                    self.subject(),
                    name,
                    value,
                    error,
                    location=where,
                )
            else:
                warn(
                    WarningSubtype.INVALID,
                    __("%s: option %r has no value; it is ignored"),
                    self.subject(),
                    name,
                    location=where,
                )

    def converter(self, name: str) -> Callable[[str], Any] | None:
        return self.known_options.get(name)

    # -- where the option block is ------------------------------------------

    def content_line(self, index: int) -> int:
        """The number of line ``index`` of the content, as ``lineno``."""
        if isinstance(self.state, RSTState):  # docutils counts from 0
            return self.content_offset + 1 + index
        # MyST counts from the line after the opening one
        return self.lineno + 1 + self.content_offset + index

    def _option_block(self) -> list[RawOption]:
        if not isinstance(self.state, RSTState):  # MyST
            lines = list(self.content)
            block, start, taken, rest = myst_block(lines)
            raw = myst_options(block, self.content_line(start)) if taken else []
            if rest.strip():  # the closing line stays, as its text after "---"
                taken -= 1
                self.content[taken] = rest
            self._drop_content(taken)
            return raw
        if self.required_arguments or self.optional_arguments:
            return self._rst_header()
        lines = list(self.content)
        taken = 0
        if lines and _FIELD.match(lines[0]):
            while taken < len(lines) and lines[taken].strip():
                taken += 1
        raw = rst_options(lines[:taken], self.content_line(0))
        self._drop_content(taken)
        return raw

    def _rst_header(self) -> list[RawOption]:
        """The options among the lines that hold the argument: docutils,
        told of no options, gave them to the last argument."""
        header = []
        for line in self.block_text.splitlines()[1:]:
            if not line.strip():
                break
            header.append(line)
        start = next(
            (i for i, line in enumerate(header) if _FIELD.match(line.lstrip())),
            None,
        )
        if start is None:
            return []
        if self.arguments:
            lines = self.arguments[-1].splitlines()
            kept = "\n".join(lines[: max(0, len(lines) - (len(header) - start))])
            self.arguments[-1:] = [kept.strip()] if kept.strip() else []
        return rst_options(header[start:], self.lineno + 1 + start)

    def _drop_content(self, count: int) -> None:
        """Take ``count`` lines (and the blank lines after them) off the
        start of the content."""
        if not count:
            return
        while count < len(self.content) and not self.content[count].strip():
            count += 1
        self.content = self.content[count:]
        self.content_offset += count
