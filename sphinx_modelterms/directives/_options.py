"""Parsing of option values shared by the directives; pure functions."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..model import Source
from ..naming import split_list

__all__ = ["UNSAFE_SCHEMES", "parse_sources", "safe_url", "split_list"]

_SOURCE = re.compile(r"^(?P<title>.*?)\s*<(?P<url>[^<>]*)>$", re.DOTALL)
_ITEM_BREAK = re.compile(r"\n|(?<=>)\s*,")

UNSAFE_SCHEMES = frozenset({"javascript", "vbscript", "data", "file"})


def parse_sources(value: str) -> list[Source]:
    """``Title <url>, Other <url2>`` or one source a line.

    Items are separated by newlines, or by commas that follow a ``<url>``;
    a value with neither ``<`` nor a newline is a comma list of titles.
    """
    if "<" not in value and "\n" not in value:
        items = split_list(value)
    else:
        items = [item.strip() for item in _ITEM_BREAK.split(value) if item.strip()]
    sources = []
    for item in items:
        match = _SOURCE.match(item)
        if match:
            url = match["url"].strip()
            sources.append(Source(match["title"].strip() or url, url))
        elif "://" in item and " " not in item:
            sources.append(Source(item, item))
        else:
            sources.append(Source(item))
    return sources


def safe_url(url: str) -> bool:
    """False for URLs that would run code or read local files in a browser."""
    cleaned = "".join(ch for ch in url if ch.isprintable() and not ch.isspace())
    return urlsplit(cleaned).scheme.lower() not in UNSAFE_SCHEMES
