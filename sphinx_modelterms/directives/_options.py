"""Parsing of option values shared by the directives (pure functions)."""

from __future__ import annotations

from ..naming import parse_sources, safe_url, split_list

__all__ = ["parse_sources", "safe_url", "split_list"]
