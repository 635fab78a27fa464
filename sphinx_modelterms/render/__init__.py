"""Node construction from model records: format-neutral, deterministic."""

from __future__ import annotations
