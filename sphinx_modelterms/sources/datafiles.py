"""Load term files (YAML, TOML, JSON) into checked :class:`DataTerm` records.

A file holds a list of terms, or a mapping with a ``terms`` list (and
optionally ``format: myst``).  Every problem is reported as a
``modelterms.data`` warning at ``file:line`` through ``report``, and the
term or key at fault is left out, so the other terms still build.  Pure
Python (PyYAML and tomllib), no Sphinx: the rules are tested without builds.
"""

from __future__ import annotations

import re
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
from ._termtext import Lines, ParseError, locate, parse

__all__ = ["TEXT_KEYS", "DataTerm", "Report", "load_term_file"]

Report = Callable[[str, Path, int], None]
"""``report(message, path, line)``."""

TEXT_KEYS = ("title", "id", "category", "level", "summary", "explanation")
LIST_KEYS = ("aliases", "related", "examples")
KEYS = (*TEXT_KEYS, *LIST_KEYS, "faq", "sources")
FORMATS = ("rst", "myst")
#: what an entry that adds to a glossary entry cannot change
ADDITION_IGNORES = frozenset({"summary", "explanation", "aliases"})
_FORMAT_KEY = re.compile(r"^\s*[\"']?format[\"']?\s*[:=]", re.MULTILINE)
# keys whose text may span lines: a control character there is worth a word
_BLOCK_KEYS = frozenset({"summary", "explanation", "examples", "faq", "sources"})


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
    format_line: int = 1  # where the file says its format
    #: no title: what the entry adds to the glossary entry of its id
    adds: bool = False

    @property
    def name(self) -> str:
        """The title, or the id of an entry that adds to a glossary entry."""
        return self.title or self.id

    #: the file line of each line of a key's value ("title", an option's
    #: name, "summary", "explanation", "example 0", "question 0", "answer 0")
    origins: dict[str, tuple[int, ...]] = field(default_factory=dict)


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
        data, lines = parse(path, text)
    except ParseError as problem:
        report(f"syntax error in term file: {problem}", path, problem.line)
        return []
    file_format = "rst"
    format_line = 1
    if isinstance(data, Mapping):
        file_format = str(data.get("format", "rst"))
        found = _FORMAT_KEY.search(text)
        if found:
            format_line = text.count("\n", 0, found.start()) + 1
        if file_format not in FORMATS:
            report(
                f"format {file_format!r} is not one of rst, myst; using rst",
                path,
                format_line,
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
    checker = _Checker(
        path, lines, text.split("\n"), report, fields, levels, categories
    )
    terms = []
    for index, raw in enumerate(data):
        term = checker.term(index, raw, file_format)
        if term is not None:
            term.format_line = format_line
            terms.append(term)
    return terms


@dataclass(slots=True)
class _Checker:
    path: Path
    lines: Lines
    source: list[str]
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
        given, bad = _scrub(raw.get("title"), quiet=True)
        # control characters fold to spaces: a title of nothing else is none
        title = one_line(given) if isinstance(given, str) else ""
        # no title but an id: what the entry adds to the glossary entry of
        # that id (see enrich)
        given_id, _bad = _scrub(raw.get("id"), quiet=True) if not title else ("", "")
        adds = slugify(given_id) if isinstance(given_id, str) else ""
        if not title and not adds:
            self.warn(f"term #{index + 1} has no 'title' text; it is left out", index)
            return None
        term = DataTerm(
            title=title,
            id=adds,
            path=self.path,
            line=self.lines.term(index),
            format=file_format,
            adds=bool(adds),
        )
        if bad:
            self.forbidden(title, index, "title", bad)
        for raw_key, raw_value in raw.items():
            key, bad_key = _scrub(str(raw_key), quiet=True)
            if key == "title" or (adds and key == "id"):
                continue
            if adds and key in ADDITION_IGNORES:
                self.warn(
                    f"{key!r} of {adds!r} is ignored: an entry without a title "
                    f"adds to the glossary entry of its id, whose own {key} stays",
                    index,
                    key,
                )
                continue
            value, bad = _scrub(raw_value, quiet=key not in _BLOCK_KEYS)
            if bad or bad_key:
                self.forbidden(term.name, index, str(raw_key), bad or bad_key)
            self.key(term, index, key, value)
        if adds:
            return term
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
        self.origins(term, index, raw)
        return term

    def origins(self, term: DataTerm, index: int, raw: Mapping[Any, Any]) -> None:
        """Where each line of the term's texts is in the file (for the
        warnings given on its generated page)."""
        for key in raw:
            term.origins[str(key)] = (self.lines.key(index, str(key)),)
        for key in ("title", "summary", "explanation"):
            if getattr(term, key):
                term.origins[key] = self.find(index, key, [getattr(term, key)])[0]
        found = self.find(index, "examples", term.examples)
        for number, lines in enumerate(found):
            term.origins[f"example {number}"] = lines
        asked = [text for entry in term.faq for text in entry]
        found = self.find(index, "faq", asked)
        for number in range(len(found) // 2):
            term.origins[f"question {number}"] = found[2 * number]
            term.origins[f"answer {number}"] = found[2 * number + 1]

    def find(self, index: int, key: str, texts: list[str]) -> list[tuple[int, ...]]:
        return locate(self.source, self.lines.span(index, key), texts)

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
                    f"level {value!r} of {term.name!r} is not one of "
                    f"{', '.join(self.levels)}; it is left out",
                    index,
                    key,
                )
                return
            if key == "category" and self.categories and value not in self.categories:
                self.warn(
                    f"category {value!r} of {term.name!r} is not one of "
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
            if key != "examples":
                cleaned = self.commas(term, index, key, cleaned)
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
                f"unknown key {key!r} in term {term.name!r} (known: {known}); "
                "it is ignored",
                index,
                key,
            )

    def forbidden(self, title: str, index: int, key: str, char: str) -> None:
        """A character XML forbids: a lone surrogate (JSON can spell one; a
        page holding it cannot be written), U+FFFE, U+FFFF or a control."""
        what = (
            f"the lone surrogate U+{ord(char):04X} (half of a UTF-16 pair, not a "
            "character)"
            if "\ud800" <= char <= "\udfff"
            else f"the character U+{ord(char):04X}"
        )
        self.warn(
            f"{key!r} of {title!r} holds {what}, which XML forbids; it is replaced",
            index,
            key,
        )

    def wrong(self, term: DataTerm, index: int, key: str, expected: str) -> None:
        self.warn(
            f"{key!r} of {term.name!r} must be {expected}; it is ignored", index, key
        )

    def commas(
        self, term: DataTerm, index: int, key: str, values: list[str]
    ) -> list[str]:
        """Split entries at commas, as the card's option is read, and say so."""
        split = []
        for value in values:
            parts = [one_line(part) for part in value.split(",") if one_line(part)]
            if "," in value:
                self.warn(
                    f"{key!r} entry {value!r} of {term.name!r} holds a comma, which "
                    f"separates entries; it is read as {parts!r}",
                    index,
                    key,
                )
            split += parts
        return split

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
                term.faq.append((one_line(entry["question"]), entry["answer"].strip()))
            else:
                self.wrong(term, index, "faq", "a list of question and answer mappings")

    def sources(self, term: DataTerm, index: int, value: Any) -> None:
        if not isinstance(value, list):
            self.wrong(term, index, "sources", "a list")
            return
        for entry in value:
            if isinstance(entry, str) and entry.strip():
                found = parse_sources(one_line(entry).replace(">,", ">;"))
                source = found[0] if len(found) == 1 else Source(one_line(entry))
            elif (
                isinstance(entry, Mapping)
                and isinstance(entry.get("title"), str)
                and isinstance(entry.get("url") or "", str)
            ):
                url = entry.get("url") or ""
                source = Source(one_line(entry["title"]), url.strip())
            else:
                self.wrong(
                    term, index, "sources", "'Title <url>' texts or title/url mappings"
                )
                continue
            if source.url and not safe_url(source.url):
                self.warn(
                    f"source URL {source.url!r} of {term.name!r} is refused (unsafe "
                    "scheme); the title is kept",
                    index,
                    "sources",
                )
                source = Source(source.title if source.title != source.url else "")
                if not source.title:
                    continue
            term.sources.append(source)


def _scrub(value: Any, *, quiet: bool, depth: int = 3) -> tuple[Any, str]:
    """``value`` with every character XML forbids in its texts replaced
    (:func:`~..naming.xml_safe`), and the first one found, or ``""``;
    ``quiet`` leaves control characters unreported (one-line values fold
    them to spaces, as a card's title and options do).  Only as deep as a
    term's values are read: deeper ones are refused as the wrong type, and
    are never written."""
    if isinstance(value, str):
        found = (c for c in XML_FORBIDDEN.findall(value) if c >= " " or not quiet)
        return xml_safe(value), next(found, "")
    if depth and isinstance(value, list):
        items = [_scrub(item, quiet=quiet, depth=depth - 1) for item in value]
        return [v for v, _bad in items], next((bad for _v, bad in items if bad), "")
    if depth and isinstance(value, Mapping):
        first = ""
        clean_map = {}
        for key, item in value.items():
            clean_key, bad_key = _scrub(key, quiet=True, depth=0)
            clean_map[clean_key], bad = _scrub(item, quiet=quiet, depth=depth - 1)
            first = first or bad_key or bad
        return clean_map, first
    return value, ""
