"""The fewest bytes of HTML the tooltip contract allows, against the target.

The large corpus's HTML target is at most 1.4 times what the glossary
flavor writes. The extension's HTML contract (the hooks listed on the user
guide's theming and accessibility pages) asks every page for one tooltip
element per term it links, with the title, category, level and short
definition, and for two hooks on every link to a term (``data-mt-term`` and
``aria-describedby``, besides the ``mt-ref`` class).
None of that has a counterpart in Sphinx's glossary.

Given a built modelterms site and a built glossary site of the same corpus,
this prints a lower bound for the modelterms site: the whole glossary site,
as if every modelterms page could be as small as its glossary counterpart
(cards, generated questions, related terms and back-references costing
nothing), plus each tooltip the site holds rewritten at its fewest bytes,

    <div id="mt-tip-ID" role="tooltip" hidden><b>TITLE</b> CATEGORY LEVEL
    <p>DEFINITION</p></div>      (without the line break)

(no classes, no spoken "Category:" and "Level:" labels), plus the hooks on
each link, counted as written. When that bound is well over the target, no
markup meets the target and the contract together.

    python benchmarks/corpus.py /tmp/P/glossary --flavor glossary --terms 2000 \\
        --pages 400 --refs 50000      (and the same with --flavor modelterms)
    sphinx-build -q -b html /tmp/P/glossary /tmp/P/out-gl   (and out-mt)
    python benchmarks/html_floor.py /tmp/P/out-mt /tmp/P/out-gl
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass
from pathlib import Path

#: the target of the HTML row in run.py's table
TARGET = 1.40

_TOOLTIP = re.compile(
    r'<div class="mt-tooltip" hidden="hidden" id="(?P<id>[^"]+)" role="tooltip">'
    r"(?P<body>.*?)</div>",
    re.S,
)
_TITLE = re.compile(r'<p class="mt-tip-title"><strong>(.*?)</strong></p>', re.S)
_BADGE = re.compile(
    r'<span class="mt-badge mt-(?:category|level)[^"]*">'
    r'<span class="mt-badge-label">[^<]*</span>(.*?)</span>',
    re.S,
)
_SUMMARY = re.compile(r'<p class="mt-tip-summary">(.*?)</p>', re.S)
_LINK = re.compile(r"<a [^>]*>")
_HOOKS = re.compile(r' (?:data-mt-term|aria-describedby)="[^"]*"')
_CLASS = re.compile(r'class="(?:[^"]* )?mt-ref(?: [^"]*)?"')


def smallest_tooltip(tip_id: str, body: str) -> str:
    """The tooltip ``<div>`` at its fewest bytes, holding what the contract
    asks of it: the title, the category and level, and the definition."""
    title = _TITLE.search(body)
    summary = _SUMMARY.search(body)
    if summary is None and "mt-tip-summary" in body:
        raise ValueError(f"{tip_id}: its definition is not where expected")
    badges = _BADGE.findall(body)
    head = f"<b>{title.group(1)}</b>" if title else ""
    shown = "".join(f" {badge}" for badge in badges)
    text = f"<p>{summary.group(1)}</p>" if summary else ""
    return f'<div id="{tip_id}" role="tooltip" hidden>{head}{shown}{text}</div>'


@dataclass
class Floor:
    """The bytes of a built modelterms site and of its lower bound."""

    glossary: int = 0  # the glossary site, all of it
    modelterms: int = 0  # the modelterms site as written
    tooltips: int = 0  # how many tooltips it holds
    tooltip_bytes: int = 0  # those tooltips at their fewest bytes
    links: int = 0  # links carrying the hooks
    hook_bytes: int = 0  # the hooks on those links

    @property
    def bound(self) -> int:
        return self.glossary + self.tooltip_bytes + self.hook_bytes

    @property
    def target(self) -> float:
        return TARGET * self.glossary


def page_floor(html: str, floor: Floor) -> None:
    """Add one modelterms page's tooltips and hooks to ``floor``."""
    found = 0
    for match in _TOOLTIP.finditer(html):
        found += 1
        small = smallest_tooltip(match["id"], match["body"])
        floor.tooltip_bytes += len(small.encode("utf8"))
    if found != html.count('role="tooltip"'):
        raise ValueError("a tooltip is not written as this script expects")
    floor.tooltips += found
    for link in _LINK.findall(html):
        if not _CLASS.search(link):
            continue
        hooks = _HOOKS.findall(link)
        if hooks:
            floor.links += 1
            floor.hook_bytes += len("mt-ref ") + sum(len(h.encode()) for h in hooks)


def measure(modelterms: Path, glossary: Path) -> Floor:
    """The floor of the modelterms site built in ``modelterms``, beside the
    glossary site built in ``glossary``."""
    floor = Floor()
    for page in sorted(glossary.rglob("*.html")):
        floor.glossary += page.stat().st_size
    for page in sorted(modelterms.rglob("*.html")):
        data = page.read_bytes()
        floor.modelterms += len(data)
        page_floor(data.decode("utf8"), floor)
    return floor


def report(floor: Floor) -> str:
    def line(label: str, size: float, note: str = "") -> str:
        return f"{label:<34}{size / 1e6:>8.2f} MB{note}"

    ratio = floor.bound / floor.glossary
    each_tip = floor.tooltip_bytes / floor.tooltips if floor.tooltips else 0
    each_link = floor.hook_bytes / floor.links if floor.links else 0
    lines = [
        line("glossary site", floor.glossary),
        line(f"target ({TARGET:.2f}x)", floor.target),
        line(
            "tooltips at their fewest bytes",
            floor.tooltip_bytes,
            f"   ({floor.tooltips:,} tooltips, {each_tip:.0f} B each)",
        ),
        line(
            "hooks on links",
            floor.hook_bytes,
            f"   ({floor.links:,} links, {each_link:.0f} B each)",
        ),
        line("fewest bytes the contract allows", floor.bound, f"   ({ratio:.2f}x)"),
        line(
            "modelterms site as written",
            floor.modelterms,
            f"   ({floor.modelterms / floor.glossary:.2f}x)",
        ),
    ]
    verdict = "over" if floor.bound > floor.target else "within"
    lines.append(f"the bound is {verdict} the target")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("modelterms", type=Path, help="the built modelterms site")
    parser.add_argument("glossary", type=Path, help="the built glossary site")
    args = parser.parse_args()
    print(report(measure(args.modelterms, args.glossary)))


if __name__ == "__main__":
    main()
