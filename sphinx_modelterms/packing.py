"""How the saved environment keeps its many small values cheap to load.

Every rebuild starts by loading the saved environment, while the process
holds few objects yet.  Two habits keep that load quick and keep the
garbage collector out of it:

* records pickle as their class and their field values in order
  (:class:`Positional`), which loads several times faster than the state a
  frozen dataclass with slots pickles (set one field at a time);
* a record that is compared far more often than it is read is kept as JSON
  text (:func:`pack`, :func:`unpack`): one string, which the collector never
  tracks, which compares as it is, and which equal records give equally in
  every process (unlike a pickle).

No Sphinx or docutils imports.
"""

from __future__ import annotations

import json
from dataclasses import fields
from operator import attrgetter
from typing import Any

__all__ = ["Positional", "pack", "unpack"]


class Positional:
    """A frozen dataclass with slots that pickles as its class and its field
    values in order (every such record has two fields or more)."""

    __slots__ = ()

    def __reduce__(self) -> tuple[Any, ...]:
        cls = type(self)
        values = _VALUES.get(cls)
        if values is None:
            values = _VALUES[cls] = attrgetter(*(f.name for f in fields(cls)))  # type: ignore[arg-type]
        return (cls, values(self))


#: each record class's field getter, made when the class first pickles
_VALUES: dict[type, attrgetter[tuple[Any, ...]]] = {}


def pack(value: Any) -> str:
    """A record of strings, numbers and tuples as compact JSON text."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def unpack(text: str) -> Any:
    """The value :func:`pack` packed (tuples come back as lists)."""
    return json.loads(text)
