"""What each ``modelterms_*`` value may be, and how it is read.

:func:`setting` declares a field of :class:`~.config.MtConfig` with its
:class:`Setting`.  Validators take a value from ``conf.py`` and return
``None`` when it is fine, else what it must be (the words of the
``modelterms.config`` warning and of the guide's *Type* line).  Readers
turn a checked value into the field of :class:`~.config.MtConfig` that
holds it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from .diagnostics import Check
from .naming import one_line

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

__all__ = [
    "RESERVED_OPTIONS",
    "Setting",
    "autolink_mode",
    "boolean",
    "check_names",
    "count",
    "days",
    "delay",
    "field_labels",
    "filter_box",
    "filter_minimum",
    "folded",
    "folder",
    "folder_name",
    "frozen_mapping",
    "level_list",
    "pairs",
    "question_count",
    "selected_checks",
    "setting",
    "str_list",
    "term_sets",
    "text",
]

_FIELD_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


def str_list(value: Any) -> str | None:
    if not isinstance(value, list | tuple) or not all(
        isinstance(item, str) and item.strip() for item in value
    ):
        return "a list of non-empty strings"
    return None


def level_list(value: Any) -> str | None:
    problem = str_list(value)
    if problem is None and not value:
        return "a non-empty list of strings"
    return problem


def field_labels(value: Any) -> str | None:
    if not isinstance(value, dict) or not all(
        isinstance(k, str)
        and _FIELD_NAME.match(k)
        and isinstance(v, str)
        and k not in RESERVED_OPTIONS
        for k, v in value.items()
    ):
        return (
            "a dict mapping lower_snake field names (not an option of term-card) "
            "to labels"
        )
    return None


def boolean(value: Any) -> str | None:
    return None if isinstance(value, bool) else "True or False"


def _writable(value: str) -> bool:
    """No lone surrogate: the text can be written to a UTF-8 file."""
    return not any("\ud800" <= ch <= "\udfff" for ch in value)


def filter_box(value: Any) -> str | None:
    if isinstance(value, bool) or (isinstance(value, int) and value >= 1):
        return None
    return "True, False or a whole number of at least 1"


def filter_minimum(value: bool | int) -> int:
    """The fewest entries a listing has for its filter box; 0 is never."""
    if isinstance(value, bool):
        return int(value)
    return value


def text(value: Any) -> str | None:
    if isinstance(value, str) and value.strip() and _writable(value):
        return None
    return "a non-empty string"


def folder(value: Any) -> str | None:
    # every step of the path stays inside: no "..", ".", empty or absolute part
    if (
        not isinstance(value, str)
        or value.startswith("/")
        or "\\" in value
        or not _writable(value)
        or any(part.strip() in {"", ".", ".."} for part in value.strip("/").split("/"))
    ):
        return "a relative folder name inside the source folder"
    return None


def count(value: Any, least: int = 2) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int) or value < least:
        return f"a whole number of at least {least}"
    return None


def days(value: Any) -> str | None:
    return count(value, 0)


def question_count(value: Any) -> str | None:
    return count(value, 0)


def term_sets(value: Any) -> str | None:
    def location(item: Any) -> bool:
        if isinstance(item, str) and item.strip():
            return True
        return (
            isinstance(item, (tuple, list))
            and len(item) == 2
            and isinstance(item[0], str)
            and (item[1] is None or isinstance(item[1], str))
        )

    if not isinstance(value, dict) or not all(
        isinstance(k, str) and _FIELD_NAME.match(k) and location(v)
        for k, v in value.items()
    ):
        return "a dict mapping lower_snake names to a location or a (base, json) pair"
    return None


def autolink_mode(value: Any) -> str | None:
    if value in ("off", "first", "section", "all"):
        return None
    return '"off", "first", "section" or "all"'


def delay(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 5000:
        return "a whole number of milliseconds from 0 to 5000"
    return None


def _listed_checks(value: Any) -> list[Any]:
    """The items of ``modelterms_checks``; a string is a comma-separated list
    (``-D modelterms_checks=all`` arrives as one on Sphinx 9, split on 8)."""
    if isinstance(value, str):
        value = [item for item in value.split(",") if item.strip()]
    if not isinstance(value, list | tuple):
        return [None]
    return [item.strip() if isinstance(item, str) else item for item in value]


def check_names(value: Any) -> str | None:
    names = {"all", *(check.value for check in Check)}
    if isinstance(value, bool) or all(
        isinstance(item, str) and item in names for item in _listed_checks(value)
    ):
        return None
    return f'True, "all" or a list of check names ({", ".join(Check)})'


def selected_checks(value: Any) -> tuple[str, ...]:
    """The checks ``modelterms_checks`` names, in :class:`Check` order."""
    if isinstance(value, bool):
        names = ["all"] if value else []
    else:
        names = _listed_checks(value)
    return tuple(c.value for c in Check if "all" in names or c.value in names)


RESERVED_OPTIONS = frozenset(
    {"id", "aliases", "category", "level", "related", "sources", "class", "name"}
)


def folded(values: Any) -> tuple[str, ...]:
    """Levels and categories as a card's options are read: white space
    folded, so that ``"advanced "`` in ``conf.py`` matches ``:level: advanced``."""
    return tuple(one_line(value) for value in values)


def pairs(value: Any) -> tuple[tuple[str, str], ...]:
    return tuple(value.items())


def frozen_mapping(value: Any) -> Mapping[str, Any]:
    return MappingProxyType(dict(value))


def folder_name(value: Any) -> str:
    return str(value).strip("/")


@dataclass(frozen=True, slots=True)
class Setting:
    """How one configuration value is declared, checked and read."""

    default: Any
    """As ``conf.py`` writes it; plain and picklable, so that Sphinx does not
    see a changed configuration on every build."""
    rebuild: str
    """``"env"``, ``"html"`` or ``""``: what Sphinx redoes when it changes."""
    check: Callable[[Any], str | None]
    """``None`` when the value is fine, else what it must be."""
    help: str
    """One plain sentence, for the reference table."""
    types: frozenset[type]
    read: Callable[[Any], Any]
    """The checked value as the typed field holds it."""


def setting(
    default: Any,
    rebuild: str,
    check: Callable[[Any], str | None],
    help: str,
    *,
    read: Callable[[Any], Any],
    types: frozenset[type] | None = None,
) -> Any:
    """A field of :class:`~.config.MtConfig` declared with its
    :class:`Setting`."""
    declared = Setting(
        default, rebuild, check, help, types or frozenset({type(default)}), read
    )
    return field(metadata={"setting": declared})
