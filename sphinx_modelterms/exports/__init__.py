"""What the build shares with other projects and tools: modelterms.json,
schema.org JSON-LD and a W3C SKOS term set."""

from __future__ import annotations
