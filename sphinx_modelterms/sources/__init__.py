"""Terms defined as data: loading term files and generating their pages."""

from __future__ import annotations
