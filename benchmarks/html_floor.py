"""The fewest bytes of HTML the tooltip contract allows, against the target.

The large corpus's HTML target is at most 1.4 times what the glossary
flavor writes. The extension's HTML contract (the hooks listed on the user
guide's theming and accessibility pages) asks every page for one tooltip
element per term it links, with the title, category, level and short
definition, and for two hooks on every link to a term (``data-mt-term`` and
``aria-describedby``, besides the ``mt-ref`` class). Sphinx's glossary has
neither.

Given the modelterms and the glossary flavor of one corpus, both built,
this prints a lower bound for the modelterms site. It assumes that the rest
of the site could be as small as the whole glossary site: cards, generated
questions, related terms, back-references and the A-Z index costing
nothing, each page no larger than its glossary counterpart. To that it adds

- each tooltip the site holds, at its fewest bytes: unquoted attributes,
  no classes, no markup around the title and no spoken "Category:" and
  "Level:" labels, only the definition as written,

      <div id=mt-tip-ID role=tooltip hidden>TITLE CATEGORY LEVEL DEFINITION</div>

- the hooks of as many links as the glossary site has links to terms (each
  has its counterpart here), taking the smallest hooks the site writes, also
  unquoted: `` data-mt-term=ID aria-describedby=mt-tip-ID`` and `` mt-ref``.

It also prints the rest of the modelterms site as written (everything but
its tooltips and hooks), which shows how the assumption holds. On the
corpus these sites are built from, a bound over the target means that no
markup meets the target and the contract together.

    python benchmarks/corpus.py /tmp/P/glossary --flavor glossary --terms 2000 \\
        --pages 400 --refs 50000      (and the same with --flavor modelterms)
    sphinx-build -q -b html /tmp/P/glossary /tmp/P/out-gl   (and out-mt)
    python benchmarks/html_floor.py /tmp/P/out-mt /tmp/P/out-gl
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass, field
from pathlib import Path

from run import ROWS

#: the target of the HTML row in the runner's table
TARGET = next(target for key, _, _, target in ROWS if key == "html_mb")

_TOOLTIP = re.compile(
    r'<div class="mt-tooltip" hidden="hidden" id="(?P<id>[^"]+)" role="tooltip">'
    r"(?P<body>.*?)</div>\n",
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
_HOOK = re.compile(r' (data-mt-term|aria-describedby)="([^"]*)"')
_CLASS = re.compile(r'class="(?:[^"]* )?mt-ref(?: [^"]*)?"')
_GLOSSARY_LINK = 'class="xref std std-term"'  # Sphinx's :term: link

#: what the class hook adds to a link's class attribute
_CLASS_HOOK = len(" mt-ref")


def smallest_tooltip(tip_id: str, body: str) -> str:
    """The tooltip ``<div>`` at its fewest bytes, holding what the contract
    asks of it: the title, the category and level, and the definition.
    ``ValueError`` where a part is not written as expected."""
    title = _TITLE.search(body)
    summary = _SUMMARY.search(body)
    badges = _BADGE.findall(body)
    if (
        "<div" in body
        or (title is None) != ("mt-tip-title" not in body)
        or (summary is None) != ("mt-tip-summary" not in body)
        or len(badges) != body.count("mt-badge-label")
    ):
        raise ValueError(f"{tip_id}: a part of it is not where expected")
    shown = [title[1]] if title else []
    shown += badges
    if summary:
        shown.append(summary[1])
    return f"<div id={tip_id} role=tooltip hidden>{' '.join(shown)}</div>"


@dataclass
class Floor:
    """The bytes of a built modelterms site and of its lower bound."""

    glossary: int = 0  # the glossary site, all of it
    glossary_links: int = 0  # its links to terms
    modelterms: int = 0  # the modelterms site as written
    tooltips: int = 0  # how many tooltips it holds
    tooltip_bytes: int = 0  # those tooltips at their fewest bytes
    tooltips_written: int = 0  # and as written
    hooks: list[int] = field(default_factory=list)  # each link's hooks, fewest
    hooks_written: int = 0  # all links' hooks as written

    @property
    def links(self) -> int:
        """The links whose hooks the bound counts."""
        return min(self.glossary_links, len(self.hooks))

    @property
    def hook_bytes(self) -> int:
        return sum(sorted(self.hooks)[: self.links])

    @property
    def bound(self) -> int:
        return self.glossary + self.tooltip_bytes + self.hook_bytes

    @property
    def target(self) -> float:
        return TARGET * self.glossary

    @property
    def rest(self) -> int:
        """The modelterms site without its tooltips and hooks."""
        return self.modelterms - self.tooltips_written - self.hooks_written


def page_floor(html: str, floor: Floor, page: str = "") -> None:
    """Add one modelterms page's tooltips and hooks to ``floor``."""
    found = 0
    for match in _TOOLTIP.finditer(html):
        found += 1
        try:
            small = smallest_tooltip(match["id"], match["body"])
        except ValueError as error:
            raise ValueError(f"{page}: {error}") from None
        floor.tooltip_bytes += len(small.encode("utf8"))
        floor.tooltips_written += len(match[0].encode("utf8"))
    if found != html.count('role="tooltip"'):
        raise ValueError(f"{page}: a tooltip is not written as this script expects")
    floor.tooltips += found
    for link in _LINK.findall(html):
        hooks = _HOOK.findall(link)
        if not hooks or not _CLASS.search(link):
            continue
        smallest = _CLASS_HOOK + sum(len(f" {name}={value}") for name, value in hooks)
        floor.hooks.append(smallest)
        floor.hooks_written += len(" mt-ref") + sum(
            len(f' {name}="{value}"') for name, value in hooks
        )


def measure(modelterms: Path, glossary: Path) -> Floor:
    """The floor of the modelterms site built in ``modelterms``, beside the
    glossary site built in ``glossary``."""
    floor = Floor()
    for path in sorted(glossary.rglob("*.html")):
        data = path.read_bytes()
        floor.glossary += len(data)
        floor.glossary_links += data.decode("utf8").count(_GLOSSARY_LINK)
    for path in sorted(modelterms.rglob("*.html")):
        data = path.read_bytes()
        floor.modelterms += len(data)
        page_floor(data.decode("utf8"), floor, str(path.relative_to(modelterms)))
    if not floor.glossary_links:
        raise ValueError(f"{glossary}: no glossary site with links to terms")
    if not floor.tooltips:
        raise ValueError(f"{modelterms}: no modelterms site with tooltips")
    return floor


def report(floor: Floor) -> str:
    def line(label: str, size: float, note: str = "") -> str:
        return f"{label:<36}{size / 1e6:>7.2f} MB{note}"

    def times(size: int) -> str:
        return f"   ({size / floor.glossary:.2f}x)"

    each_tip = floor.tooltip_bytes / floor.tooltips
    each_link = floor.hook_bytes / floor.links
    lines = [
        line("glossary site", floor.glossary),
        line(f"target ({TARGET:.2f}x)", floor.target),
        line(
            "tooltips at their fewest bytes",
            floor.tooltip_bytes,
            f"   ({floor.tooltips:,} tooltips, {each_tip:.0f} B each)",
        ),
        line(
            "hooks at their fewest bytes",
            floor.hook_bytes,
            f"   ({floor.links:,} links, {each_link:.0f} B each)",
        ),
        line("fewest bytes the contract allows", floor.bound, times(floor.bound)),
        line("modelterms site as written", floor.modelterms, times(floor.modelterms)),
        line("  without its tooltips and hooks", floor.rest, times(floor.rest)),
    ]
    margin = (floor.bound - floor.target) / 1e6
    if margin > 0:
        lines.append(f"the bound is {margin:.2f} MB over the target")
    else:
        lines.append(f"the bound is {-margin:.2f} MB within the target")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("modelterms", type=Path, help="the built modelterms site")
    parser.add_argument("glossary", type=Path, help="the built glossary site")
    args = parser.parse_args()
    try:
        floor = measure(args.modelterms, args.glossary)
    except ValueError as error:
        parser.exit(2, f"html_floor.py: {error}\n")
    print(report(floor))


if __name__ == "__main__":
    main()
