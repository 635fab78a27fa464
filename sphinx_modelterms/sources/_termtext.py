"""Reading a term file's text: its data, and where each term and key is.

The line map comes from PyYAML's event stream (YAML and JSON) or from the
``[[terms]]`` tables (TOML); events need no recursion, so deeply nested data
cannot break it.  Data nested too deeply for the parsers is a
:class:`ParseError` at the line where it is deepest.
"""

from __future__ import annotations

import json
import re
import tomllib
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["Lines", "ParseError", "locate", "parse"]

_TOML_LINE = re.compile(r"at line (\d+)")
_TOML_TERM = re.compile(r"^\s*\[\[\s*terms\s*\]\]")


@dataclass(slots=True)
class Lines:
    """Line numbers (1-based) of each term and of its keys, where known."""

    terms: list[int] = field(default_factory=list)
    keys: list[dict[str, int]] = field(default_factory=list)

    def term(self, index: int) -> int:
        return self.terms[index] if index < len(self.terms) else 1

    def key(self, index: int, name: str) -> int:
        if index < len(self.keys) and name in self.keys[index]:
            return self.keys[index][name]
        return self.term(index)

    def span(self, index: int, name: str) -> tuple[int, int]:
        """The lines the value of key ``name`` of term ``index`` can be on:
        from its key to the line before the next key or term (a huge end
        when nothing known follows)."""
        start = self.key(index, name)
        keys = self.keys[index].values() if index < len(self.keys) else ()
        later = [line for line in keys if line > start]
        after = bisect_right(self.terms, start)  # the terms are in file order
        if after < len(self.terms):
            later.append(self.terms[after])
        return start, min(later, default=1 << 30) - 1


def locate(
    source: list[str], span: tuple[int, int], texts: list[str]
) -> list[tuple[int, ...]]:
    """The file line of each line (``splitlines``) of each of ``texts``, the
    values one key holds, in file order, whose lines ``span`` bounds.

    A line of text is looked for, in order, in the lines of the file that
    follow the last one found; a line that is not there as written (a
    folded or escaped value, a blank line) takes the last line found, at
    first the key's own.  So a block written line by line maps line by
    line, and a value on one line (JSON) maps to that line.
    """
    start, end = span
    end = min(end, len(source))
    last = start
    following = start  # the first line still to search
    found: list[tuple[int, ...]] = []
    for text in texts:
        lines = []
        for piece in text.splitlines():
            needle = piece.strip()
            at = next(
                (
                    number
                    for number in range(following, end + 1)
                    if needle and needle in source[number - 1]
                ),
                None,
            )
            if at is not None:
                last, following = at, at + 1
            lines.append(last)
        found.append(tuple(lines))
    return found


@dataclass(slots=True)
class _Open:
    """A mapping or sequence the YAML parser is inside."""

    mapping: bool
    terms: bool = False  # the list of terms
    term: bool = False  # one term of that list
    expect_key: bool = True
    key: object = None


def _yaml_lines(text: str) -> Lines:
    """Positions from PyYAML's event stream (which also reads most JSON);
    events, unlike the node tree, need no recursion however deep the data."""
    import yaml  # imported when a project has term files (a few 10 ms)

    lines = Lines()
    stack: list[_Open] = []
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.CollectionEndEvent):
                stack.pop()
                continue
            if not isinstance(event, yaml.NodeEvent):
                continue
            line = _line(event)
            parent = stack[-1] if stack else None
            item = False
            if parent is not None and parent.mapping and parent.expect_key:
                parent.key = getattr(event, "value", None)
                parent.expect_key = False
                if parent.term and isinstance(parent.key, str):
                    lines.keys[-1].setdefault(parent.key, line)
            elif parent is not None:
                parent.expect_key = True
                item = parent.terms
                if item:
                    lines.terms.append(line)
                    lines.keys.append({})
            if isinstance(event, yaml.CollectionStartEvent):
                mapping = isinstance(event, yaml.MappingStartEvent)
                terms = not mapping and (
                    parent is None
                    or (len(stack) == 1 and parent.mapping and parent.key == "terms")
                )
                stack.append(_Open(mapping, terms=terms, term=mapping and item))
    except yaml.YAMLError:
        return lines
    return lines


def _line(event: Any) -> int:
    """The 1-based line where a YAML event starts (1 when unknown)."""
    mark = event.start_mark
    return mark.line + 1 if mark is not None else 1


def _deepest_line(text: str, suffix: str) -> int:
    """The line where the data is nested deepest (first such line)."""
    import yaml

    depth = deepest = 0
    where = 1
    if suffix in {".yaml", ".yml", ".json"}:
        try:
            for event in yaml.parse(text, Loader=yaml.SafeLoader):
                if isinstance(event, yaml.CollectionStartEvent):
                    depth += 1
                    if depth > deepest:
                        deepest, where = depth, _line(event)
                elif isinstance(event, yaml.CollectionEndEvent):
                    depth -= 1
        except yaml.YAMLError:
            pass
        if deepest:
            return where
    # TOML (or JSON that is not YAML): count brackets outside strings
    quote = ""
    for number, line in enumerate(text.splitlines(), 1):
        escaped = False
        for char in line:
            if quote:
                if escaped:
                    escaped = False
                elif char == "\\" and quote == '"':
                    escaped = True
                elif char == quote:
                    quote = ""
            elif char in "\"'":
                quote = char
            elif char == "#":
                break
            elif char in "[{":
                depth += 1
                if depth > deepest:
                    deepest, where = depth, number
            elif char in "]}":
                depth -= 1
    return where


def _toml_lines(text: str) -> Lines:
    """Positions of ``[[terms]]`` tables and their ``key =`` lines."""
    lines = Lines()
    for number, line in enumerate(text.splitlines(), 1):
        if _TOML_TERM.match(line):
            lines.terms.append(number)
            lines.keys.append({})
        elif lines.keys and (m := re.match(r"^\s*([A-Za-z0-9_-]+)\s*=", line)):
            lines.keys[-1].setdefault(m[1], number)
    return lines


class ParseError(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


def parse(path: Path, text: str) -> tuple[Any, Lines]:
    """The file's data and line map; :class:`ParseError` if unreadable."""
    suffix = path.suffix.lower()
    try:
        return _parse_as(suffix, text)
    except RecursionError:
        raise ParseError(
            _deepest_line(text, suffix), "its values are nested too deeply to read"
        ) from None


def _parse_as(suffix: str, text: str) -> tuple[Any, Lines]:
    import yaml

    try:
        if suffix in {".yaml", ".yml"}:
            return yaml.safe_load(text), _yaml_lines(text)
        if suffix == ".toml":
            return tomllib.loads(text), _toml_lines(text)
        if suffix == ".json":
            return json.loads(text), _yaml_lines(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        raise ParseError(line, str(error.problem or error)) from error
    except yaml.YAMLError as error:
        raise ParseError(1, str(error)) from error
    except json.JSONDecodeError as error:
        raise ParseError(error.lineno, error.msg) from error
    except tomllib.TOMLDecodeError as error:
        found = _TOML_LINE.search(str(error))
        raise ParseError(int(found[1]) if found else 1, str(error)) from error
    raise ParseError(
        1, f"unsupported file type {suffix!r} (use .yaml, .yml, .toml or .json)"
    )
