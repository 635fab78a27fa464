"""``sphinx-build -b termcheck``: a report on the health of the glossary.

It resolves every page (so references that fail are reported as usual, as
``modelterms.unknown`` or ``modelterms.ambiguous``) and then lists terms no
page references, the failed references, cards missing a category, a level,
an example or a source, aliases shared by two terms and related entries that
point nowhere.  Each finding is also a ``modelterms.check`` warning at the
card, so ``-W`` fails the build; ``termcheck.txt`` and ``termcheck.json`` in
the output folder hold the report.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import TYPE_CHECKING, Any, cast

from docutils import nodes
from sphinx.builders import Builder

from .diagnostics import WarningSubtype, warn
from .i18n import __
from .naming import key

if TYPE_CHECKING:
    from collections.abc import Iterator, Set

    from .domain import ModelTermsDomain
    from .model import Term

__all__ = ["TermCheckBuilder", "findings"]


def findings(domain: ModelTermsDomain) -> dict[str, list[dict[str, Any]]]:
    """Everything the report lists except failed references (found while
    writing), keyed by check, each finding with its term and location."""
    graph = domain.graph
    terms = list(domain.terms())
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)

    def add(check: str, term: Term, **extra: Any) -> None:
        out[check].append(
            {"term": term.id, "docname": term.docname, "line": term.lineno, **extra}
        )

    for term in terms:
        if not graph.pages(term.id):
            add("unreferenced", term)
        for field in ("category", "level"):
            if not getattr(term, field):
                add(f"missing-{field}", term)
        if not term.examples:
            add("missing-example", term)
        if not term.sources:
            add("missing-source", term)
        for target in term.related:
            if graph.resolve(target) in (None, term.id):
                add("related-nowhere", term, target=target)
    owners: dict[str, set[str]] = defaultdict(set)
    for term in terms:
        for name in (term.title, *term.aliases):
            owners[key(name)].add(term.id)
    for name, ids in sorted(owners.items()):
        if len(ids) > 1:
            for term_id in sorted(ids):
                add("shared-alias", cast("Term", domain.get(term_id)), alias=name)
    return dict(out)


MESSAGES = {
    "unreferenced": "term %r is not referenced from any other page",
    "missing-category": "term %r has no category",
    "missing-level": "term %r has no level",
    "missing-example": "term %r has no example",
    "missing-source": "term %r has no source",
    "related-nowhere": "term %r: related entry %r points to no other term",
    "shared-alias": "term %r shares the name %r with another term",
}


class TermCheckBuilder(Builder):
    """Reads and resolves every page, writes the glossary report."""

    name = "termcheck"
    epilog = __("The term check report is in %(outdir)s/termcheck.txt.")
    allow_parallel = True

    def init(self) -> None:
        self.failed: list[dict[str, Any]] = []

    def get_outdated_docs(self) -> Iterator[str]:
        yield from sorted(self.env.found_docs)

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        return ""

    def prepare_writing(self, docnames: Set[str]) -> None:
        pass

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        for node in doctree.findall(nodes.inline):
            if "mt-missing" in node["classes"]:
                line, parent = node.line, node.parent
                while not line and parent is not None:  # the copied text has none
                    line, parent = parent.line, parent.parent
                self.failed.append(
                    {"docname": docname, "line": line or 0, "text": node.astext()}
                )

    def finish(self) -> None:
        domain = cast("ModelTermsDomain", self.env.get_domain("mt"))
        report = findings(domain)
        for check, items in report.items():
            for item in items:
                extra = [item[k] for k in ("target", "alias") if k in item]
                warn(
                    WarningSubtype.CHECK,
                    MESSAGES[check],
                    item["term"],
                    *extra,
                    location=(item["docname"], item["line"]),
                )
        report["failed-reference"] = sorted(
            self.failed, key=lambda f: (f["docname"], f["line"], f["text"])
        )
        data = {
            check: report.get(check, []) for check in [*MESSAGES, "failed-reference"]
        }
        self.outdir.mkdir(parents=True, exist_ok=True)
        (self.outdir / "termcheck.json").write_text(
            json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n",
            "utf-8",
        )
        lines = []
        for check, items in data.items():
            lines.append(f"{check}: {len(items)}")
            for item in items:
                where = f"{self.env.doc2path(item['docname'], False)}:{item['line']}"
                what = item.get("term") or item.get("text")
                detail = item.get("target") or item.get("alias") or ""
                lines.append(f"  {where}  {what}" + (f"  ({detail})" if detail else ""))
        (self.outdir / "termcheck.txt").write_text("\n".join(lines) + "\n", "utf-8")
