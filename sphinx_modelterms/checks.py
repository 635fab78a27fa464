"""The glossary checks, and the two ways a project sees their findings.

:func:`findings` runs the checks of :class:`~.diagnostics.Check` over the
whole domain: terms no page references, cards missing a category, a level,
an example or a source (adopted glossary entries too, once a term file adds
any), aliases shared by two terms and related entries that point nowhere.
:func:`warn_findings` gives each finding as a ``modelterms.check`` warning
at its card, in file and line order.  Unlinked
mentions are found in the pages' text as they are written, by the matcher of
auto-linking, and given to :func:`report_unlinked`.

* ``sphinx-build -b termcheck`` resolves every page (so references that fail
  are reported as usual, as ``modelterms.unknown`` or
  ``modelterms.ambiguous``), warns every finding and writes
  ``termcheck.txt`` and ``termcheck.json``, with the failed references too.
* Any other build warns the findings of the checks ``modelterms_checks``
  names, at ``env-check-consistency`` (:func:`warn_selected_checks`).
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import TYPE_CHECKING, Any, cast

from docutils import nodes
from sphinx.builders import Builder

from .config import get_config
from .diagnostics import Check, WarningSubtype, warn
from .i18n import __
from .naming import key
from .sources.locations import place

if TYPE_CHECKING:
    from collections.abc import Collection, Iterator, Mapping, Sequence, Set

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .domain import ModelTermsDomain
    from .model import Term
    from .transforms.autolink import Mention

__all__ = [
    "TermCheckBuilder",
    "described",
    "findings",
    "report_unlinked",
    "wants_unlinked",
    "warn_findings",
    "warn_selected_checks",
]


def findings(domain: ModelTermsDomain) -> dict[str, list[dict[str, Any]]]:
    """Everything the report lists except failed references (found while
    writing), keyed by check, each finding with its term and location."""
    relations = domain.relations
    terms = list(domain.terms())
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)

    def add(check: Check, term: Term, **extra: Any) -> None:
        out[check.value].append(
            {"term": term.id, "docname": term.docname, "line": term.lineno, **extra}
        )

    for term in terms:
        if not relations.pages(term.id):
            add(Check.UNREFERENCED, term)
        if term.adopted and not described(term):
            continue  # a glossary entry has nowhere to say more of itself
        if not term.category:
            add(Check.MISSING_CATEGORY, term)
        if not term.level:
            add(Check.MISSING_LEVEL, term)
        if not term.examples:
            add(Check.MISSING_EXAMPLE, term)
        if not term.sources:
            add(Check.MISSING_SOURCE, term)
        for target in term.related:
            if relations.resolve(target) in (None, term.id):
                add(Check.RELATED_NOWHERE, term, target=target)
    owners: dict[str, set[str]] = defaultdict(set)
    for term in terms:
        for name in (term.title, *term.aliases):
            owners[key(name)].add(term.id)
    for name, ids in sorted(owners.items()):
        if len(ids) > 1:
            for term_id in sorted(ids):
                add(Check.SHARED_ALIAS, cast("Term", domain.get(term_id)), alias=name)
    return dict(out)


def described(term: Term) -> bool:
    """Whether ``term`` has a category, a level, relations, examples,
    sources or fields: a card always may; an adopted glossary entry once a
    term file adds them."""
    return bool(
        term.category
        or term.level
        or term.related
        or term.examples
        or term.sources
        or term.fields
    )


MESSAGES = {
    Check.UNREFERENCED: __("term %r is not referenced from any other page"),
    Check.MISSING_CATEGORY: __("term %r has no category"),
    Check.MISSING_LEVEL: __("term %r has no level"),
    Check.MISSING_EXAMPLE: __("term %r has no example"),
    Check.MISSING_SOURCE: __("term %r has no source"),
    Check.RELATED_NOWHERE: __("term %r: related entry %r points to no other term"),
    Check.SHARED_ALIAS: __("term %r shares the name %r with another term"),
    Check.UNLINKED_MENTION: __("term %r is mentioned as %r without a link"),
}


def warn_findings(
    report: Mapping[str, list[dict[str, Any]]], checks: Collection[str]
) -> None:
    """A ``modelterms.check`` warning for each finding of ``checks``, in file
    and line order (then check order), so that every build lists them alike."""
    order = {check.value: n for n, check in enumerate(Check)}
    selected = [
        (item["docname"], item["line"], order[check], item["term"], check, item)
        for check, items in report.items()
        if check in checks
        for item in items
    ]
    for *_, check, item in sorted(selected, key=lambda found: found[:4]):
        extra = [item[k] for k in ("target", "alias", "mention") if k in item]
        warn(
            WarningSubtype.CHECK,
            MESSAGES[Check(check)],
            item["term"],
            *extra,
            location=(item["docname"], item["line"]),
        )


def warn_selected_checks(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-check-consistency``: warn the findings of the checks that
    ``modelterms_checks`` names (the termcheck builder warns them all itself)."""
    checks = get_config(env).checks
    if checks and not isinstance(app.builder, TermCheckBuilder):
        domain = cast("ModelTermsDomain", env.get_domain("mt"))
        warn_findings(findings(domain), checks)


def wants_unlinked(env: BuildEnvironment, builder: Builder | None) -> bool:
    """Whether pages report their unlinked mentions as they are written."""
    checks = get_config(env).checks
    return Check.UNLINKED_MENTION in checks or isinstance(builder, TermCheckBuilder)


def report_unlinked(
    builder: Builder | None, docname: str, mentions: Sequence[Mention]
) -> None:
    """The ``unlinked-mention`` findings of one page being written: kept for
    the termcheck report, or warned at once by any other builder."""
    found = [
        {
            "term": m.term.id,
            "docname": docname,
            "line": _line(m.text, m.start),
            "mention": " ".join(m.text[m.start : m.end].split()),
        }
        for m in mentions
    ]
    if isinstance(builder, TermCheckBuilder):
        builder.mentions.extend(found)
    else:
        warn_findings({Check.UNLINKED_MENTION.value: found}, [Check.UNLINKED_MENTION])


def _line(text: nodes.Text, offset: int) -> int:
    """The source line of ``text[offset]``: its block's line and the line
    breaks of the block's text before it."""
    block: nodes.Element | None = text.parent
    # MyST gives inline nodes the line of their block, not their own
    while block is not None and (isinstance(block, nodes.Inline) or not block.line):
        block = block.parent
    if block is None:
        return 0
    breaks = str(text)[:offset].count("\n")
    for before in block.findall(nodes.Text):
        if before is text:
            break
        breaks += before.count("\n")
    return cast("int", block.line) + breaks


class TermCheckBuilder(Builder):
    """Reads and resolves every page, writes the glossary report."""

    name = "termcheck"
    epilog = __("The term check report is in %(outdir)s/termcheck.txt.")
    allow_parallel = True

    def init(self) -> None:
        self.failed: list[dict[str, Any]] = []
        self.mentions: list[dict[str, Any]] = []

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
        if self.mentions:
            report[Check.UNLINKED_MENTION.value] = sorted(
                self.mentions, key=lambda m: (m["docname"], m["line"], m["term"])
            )
        warn_findings(report, list(report))
        report["failed-reference"] = sorted(
            self.failed, key=lambda f: (f["docname"], f["line"], f["text"])
        )
        data = {
            check: report.get(check, [])
            for check in [*(c.value for c in Check), "failed-reference"]
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
                path, line = place(self.env, item["docname"], item["line"])
                where = f"{path}:{line}"
                what = item.get("term") or item.get("text")
                detail = item.get("target") or item.get("alias") or ""
                detail = detail or item.get("mention", "")
                lines.append(f"  {where}  {what}" + (f"  ({detail})" if detail else ""))
        (self.outdir / "termcheck.txt").write_text("\n".join(lines) + "\n", "utf-8")
