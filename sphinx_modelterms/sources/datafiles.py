"""Load term files (YAML, TOML, JSON) into checked :class:`DataTerm` records.

A file holds a list of terms, or a mapping with a ``terms`` list (and
optionally ``format: myst``).  Every problem is reported as a
``modelterms.data`` warning at ``file:line`` through ``report``, and the
term or key at fault is left out, so the other terms still build.  Pure
Python (PyYAML and tomllib), no Sphinx: the rules are tested without builds.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model import Source
from ..naming import (
    XML_FORBIDDEN,
    fallback_id,
    one_line,
    parse_sources,
    safe_url,
    slugify,
    xml_safe,
)

__all__ = ["TEXT_KEYS", "DataTerm", "Report", "load_term_file"]

Report = Callable[[str, Path, int], None]
"""``report(message, path, line)``."""

TEXT_KEYS = ("title", "id", "category", "level", "summary", "explanation")
LIST_KEYS = ("aliases", "related", "examples")
KEYS = (*TEXT_KEYS, *LIST_KEYS, "faq", "sources")
FORMATS = ("rst", "myst")
_BLOCK_KEYS = frozenset({"summary", "explanation", "examples", "faq", "sources"})
_TOML_LINE = re.compile(r"at line (\d+)")
_TOML_TERM = re.compile(r"^\s*\[\[\s*terms\s*\]\]")


@dataclass(slots=True)
class DataTerm:
    """One term from a term file, checked, with where it came from."""

    title: str
    id: str
    path: Path
    line: int
    format: str = "rst"
    aliases: list[str] = field(default_factory=list)
    category: str = ""
    level: str = ""
    related: list[str] = field(default_factory=list)
    summary: str = ""
    explanation: str = ""
    examples: list[str] = field(default_factory=list)
    faq: list[tuple[str, str]] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class _Lines:
    """Line numbers (1-based) of each term and of its keys, where known."""

    terms: list[int] = field(default_factory=list)
    keys: list[dict[str, int]] = field(default_factory=list)

    def term(self, index: int) -> int:
        return self.terms[index] if index < len(self.terms) else 1

    def key(self, index: int, name: str) -> int:
        if index < len(self.keys) and name in self.keys[index]:
            return self.keys[index][name]
        return self.term(index)


def _yaml_lines(text: str) -> _Lines:
    """Positions from PyYAML's node tree (also reads most JSON)."""
    import yaml  # imported when a project has term files (a few 10 ms)

    lines = _Lines()
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return lines
    if isinstance(root, yaml.MappingNode):
        root = next(
            (v for k, v in root.value if getattr(k, "value", None) == "terms"), None
        )
    if not isinstance(root, yaml.SequenceNode):
        return lines
    for item in root.value:
        lines.terms.append(item.start_mark.line + 1)
        keys = {}
        if isinstance(item, yaml.MappingNode):
            keys = {str(k.value): k.start_mark.line + 1 for k, _v in item.value}
        lines.keys.append(keys)
    return lines


def _toml_lines(text: str) -> _Lines:
    """Positions of ``[[terms]]`` tables and their ``key =`` lines."""
    lines = _Lines()
    for number, line in enumerate(text.splitlines(), 1):
        if _TOML_TERM.match(line):
            lines.terms.append(number)
            lines.keys.append({})
        elif lines.keys and (m := re.match(r"^\s*([A-Za-z0-9_-]+)\s*=", line)):
            lines.keys[-1].setdefault(m[1], number)
    return lines


class _SyntaxError(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


def _parse(path: Path, text: str) -> tuple[Any, _Lines]:
    """The file's data and line map; :class:`_SyntaxError` if unreadable."""
    import yaml

    suffix = path.suffix.lower()
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
        raise _SyntaxError(line, str(error.problem or error)) from error
    except yaml.YAMLError as error:
        raise _SyntaxError(1, str(error)) from error
    except json.JSONDecodeError as error:
        raise _SyntaxError(error.lineno, error.msg) from error
    except tomllib.TOMLDecodeError as error:
        found = _TOML_LINE.search(str(error))
        raise _SyntaxError(int(found[1]) if found else 1, str(error)) from error
    raise _SyntaxError(
        1, f"unsupported file type {suffix!r} (use .yaml, .yml, .toml or .json)"
    )


def load_term_file(
    path: Path,
    report: Report,
    *,
    fields: Sequence[str] = (),
    levels: Sequence[str] = (),
    categories: Sequence[str] = (),
) -> list[DataTerm]:
    """The checked terms of one file; problems go to ``report``."""
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        report(f"cannot read term file: {error}", path, 1)
        return []
    try:
        data, lines = _parse(path, text)
    except _SyntaxError as problem:
        report(f"syntax error in term file: {problem}", path, problem.line)
        return []
    file_format = "rst"
    if isinstance(data, Mapping):
        file_format = str(data.get("format", "rst"))
        if file_format not in FORMATS:
            report(
                f"format {file_format!r} is not one of rst, myst; using rst", path, 1
            )
            file_format = "rst"
        data = data.get("terms")
    if not isinstance(data, list):
        report(
            "a term file holds a list of terms, or a mapping with a 'terms' list",
            path,
            1,
        )
        return []
    checker = _Checker(path, lines, report, fields, levels, categories)
    terms = []
    for index, raw in enumerate(data):
        term = checker.term(index, raw, file_format)
        if term is not None:
            terms.append(term)
    return terms


@dataclass(slots=True)
class _Checker:
    path: Path
    lines: _Lines
    report: Report
    fields: Sequence[str]
    levels: Sequence[str]
    categories: Sequence[str]

    def warn(self, message: str, index: int, key: str | None = None) -> None:
        line = self.lines.key(index, key) if key else self.lines.term(index)
        self.report(message, self.path, line)

    def term(self, index: int, raw: Any, file_format: str) -> DataTerm | None:
        if not isinstance(raw, Mapping):
            self.warn(
                f"term #{index + 1} is not a mapping of keys; it is left out", index
            )
            return None
        raw = {k: self.clean(index, str(k), v) for k, v in raw.items()}
        given = raw.get("title")
        # control characters fold to spaces: a title of nothing else is none
        title = one_line(given) if isinstance(given, str) else ""
        if not title:
            self.warn(f"term #{index + 1} has no 'title' text; it is left out", index)
            return None
        term = DataTerm(
            title=title,
            id="",
            path=self.path,
            line=self.lines.term(index),
            format=file_format,
        )
        for key, value in raw.items():
            self.key(term, index, str(key), value)
        given = term.id
        term.id = slugify(given or title)
        if given and given != term.id:
            self.warn(
                f"term id {given!r} is not a slug; using {term.id!r}", index, "id"
            )
        if not term.id:
            term.id = fallback_id(title)
            self.warn(
                f"term {title!r} has no usable id (its slug is empty); "
                f"using {term.id!r}",
                index,
            )
        if not term.summary:
            self.warn(f"term {title!r} has no 'summary' (its short definition)", index)
        return term

    def clean(self, index: int, key: str, value: Any) -> Any:
        """``value`` with the characters XML forbids replaced (JSON and TOML
        can spell any of them), and a warning for the first one found.
        Control characters in one-line values fold to spaces without a
        word, as in a card's title and options."""
        found: list[str] = []
        quiet = key not in _BLOCK_KEYS

        def walk(value: Any) -> Any:
            if isinstance(value, str):
                found.extend(
                    c for c in XML_FORBIDDEN.findall(value) if c >= " " or not quiet
                )
                return xml_safe(value)
            if isinstance(value, list):
                return [walk(v) for v in value]
            if isinstance(value, Mapping):
                return {k: walk(v) for k, v in value.items()}
            return value

        cleaned = walk(value)
        if found:
            self.warn(
                f"{key!r} of term #{index + 1} holds the character "
                f"U+{ord(found[0]):04X}, which XML forbids; it is replaced",
                index,
                key,
            )
        return cleaned

    def key(self, term: DataTerm, index: int, key: str, value: Any) -> None:
        if key == "title":
            return
        if key in TEXT_KEYS:
            if not isinstance(value, str):
                self.wrong(term, index, key, "text")
                return
            value = value.strip()
            if key in {"title", "id", "category", "level"}:
                value = one_line(value)
            if key == "level" and self.levels and value not in self.levels:
                self.warn(
                    f"level {value!r} of {term.title!r} is not one of "
                    f"{', '.join(self.levels)}; it is left out",
                    index,
                    key,
                )
                return
            if key == "category" and self.categories and value not in self.categories:
                self.warn(
                    f"category {value!r} of {term.title!r} is not one of "
                    f"{', '.join(self.categories)}; it is left out",
                    index,
                    key,
                )
                return
            setattr(term, key, value)
        elif key in LIST_KEYS:
            if not isinstance(value, list) or not all(
                isinstance(v, str) for v in value
            ):
                self.wrong(term, index, key, "a list of texts")
                return
            cleaned = [one_line(v) if key != "examples" else v.strip() for v in value]
            setattr(term, key, [v for v in cleaned if v])
        elif key == "faq":
            self.faq(term, index, value)
        elif key == "sources":
            self.sources(term, index, value)
        elif key in self.fields:
            if isinstance(value, str | int | float | bool):
                term.fields[key] = one_line(str(value))
            else:
                self.wrong(term, index, key, "text")
        else:
            known = ", ".join([*KEYS, *self.fields])
            self.warn(
                f"unknown key {key!r} in term {term.title!r} (known: {known}); "
                "it is ignored",
                index,
                key,
            )

    def wrong(self, term: DataTerm, index: int, key: str, expected: str) -> None:
        self.warn(
            f"{key!r} of {term.title!r} must be {expected}; it is ignored", index, key
        )

    def faq(self, term: DataTerm, index: int, value: Any) -> None:
        if not isinstance(value, list):
            self.wrong(term, index, "faq", "a list of question and answer mappings")
            return
        for entry in value:
            if (
                isinstance(entry, Mapping)
                and isinstance(entry.get("question"), str)
                and isinstance(entry.get("answer"), str)
            ):
                term.faq.append(
                    (" ".join(entry["question"].split()), entry["answer"].strip())
                )
            else:
                self.wrong(term, index, "faq", "a list of question and answer mappings")

    def sources(self, term: DataTerm, index: int, value: Any) -> None:
        if not isinstance(value, list):
            self.wrong(term, index, "sources", "a list")
            return
        for entry in value:
            if isinstance(entry, str) and entry.strip():
                found = parse_sources(" ".join(entry.split()).replace(">,", ">;"))
                source = (
                    found[0] if len(found) == 1 else Source(" ".join(entry.split()))
                )
            elif isinstance(entry, Mapping) and isinstance(entry.get("title"), str):
                url = entry.get("url", "")
                source = Source(
                    " ".join(entry["title"].split()), str(url or "").strip()
                )
            else:
                self.wrong(
                    term, index, "sources", "'Title <url>' texts or title/url mappings"
                )
                continue
            if source.url and not safe_url(source.url):
                self.warn(
                    f"source URL {source.url!r} of {term.title!r} is refused (unsafe "
                    "scheme); the title is kept",
                    index,
                    "sources",
                )
                source = Source(source.title if source.title != source.url else "")
                if not source.title:
                    continue
            term.sources.append(source)
