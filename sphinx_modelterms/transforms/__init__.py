"""Transforms: term pages at read time; filling and resolving at write time."""

from __future__ import annotations
