"""Follow the links the extension writes into a built HTML site.

:func:`broken_links` opens every page of an output folder (``html``,
``dirhtml`` or ``singlehtml``), takes the links that are the extension's
own (term links, and links and pictures inside an ``mt-`` element: cards,
related cards, questions, comparisons, back-references, tables, indexes), the
links inside the SVG of every term graph, the URLs of the pages' JSON-LD
and those of ``modelterms.json`` and ``modelterms.ttl``, and follows each
one as a browser would from where it is written: the target file must
exist (a folder only with a trailing slash, which a browser opens as its
``index.html``), and so must the element its fragment names, only once
(else the link may land on another).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from bs4 import Tag

__all__ = ["broken_links", "follow"]

_HOST = "http://site.invalid/"
_CONCEPT = re.compile(
    r"^(?:<([^<>\s]*)> a skos:Concept ;"
    r"|    skos:(?:hasTopConcept|related|member) <([^<>\s]*)> [;.])$",
    re.MULTILINE,
)


class _Site:
    def __init__(self, outdir: Path) -> None:
        self.outdir = outdir
        self.ids: dict[Path, Counter[str]] = {}
        self.soups: dict[Path, BeautifulSoup] = {}

    def soup(self, path: Path) -> BeautifulSoup:
        if path not in self.soups:
            self.soups[path] = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        return self.soups[path]

    def anchors(self, path: Path) -> Counter[str]:
        """How many elements of the file at ``path`` have each id."""
        if path not in self.ids:
            if path.suffix == ".svg":
                root = ET.parse(path).getroot()
                found = Counter(e.get("id", "") for e in root.iter())
            else:
                found: Counter[str] = Counter()
                places: dict[str, Tag] = {}
                for element in self.soup(path).select("[id], a[name]"):
                    name = str(element.get("id") or element["name"])
                    # an element that holds another of the same id (a theme's
                    # wrapper around a table) is the same place
                    if name in places and places[name] in element.parents:
                        continue
                    places[name] = element
                    found[name] += 1
            self.ids[path] = found
        return self.ids[path]

    def problem(self, base: str, href: str) -> str | None:
        """Why ``href``, written in the file ``base`` (relative to the
        output folder), leads nowhere; ``None`` when it works."""
        url = urlsplit(urljoin(_HOST + base, href))
        if f"{url.scheme}://{url.netloc}/" != _HOST:
            return "leaves the site"
        path = unquote(url.path).removeprefix("/")
        target = self.outdir / path
        if path == "" or path.endswith("/"):
            target = target / "index.html"
        elif target.is_dir():
            return f"names the folder {path!r} without a trailing slash"
        if not target.is_file():
            return f"no file {target.relative_to(self.outdir).as_posix()!r}"
        fragment = unquote(url.fragment)
        if "#" in fragment:
            return "has two '#'"
        if not fragment or target.suffix not in {".html", ".svg"}:
            return None
        name = target.relative_to(self.outdir).as_posix()
        count = self.anchors(target)[fragment]
        if count != 1:
            return f"{count or 'no'} elements #{fragment} in {name!r}"
        return None


def _is_ours(link: Tag) -> bool:
    if link.select_one(":scope > .std-term") is not None:
        # a :term: link of an adopted glossary: its address is Sphinx's, kept
        # byte for byte (singlehtml's two '#' included)
        return False
    if link.has_attr("data-mt-term"):
        return True
    return any(
        any(str(c).startswith("mt-") for c in parent.get("class") or [])
        for parent in link.parents
        if parent.name
    )


def _json_urls(data: Any) -> Iterator[str]:
    if isinstance(data, dict):
        for key, value in data.items():
            if key in {"url", "@id"} and isinstance(value, str):
                yield value
            else:
                yield from _json_urls(value)
    elif isinstance(data, list):
        for item in data:
            yield from _json_urls(item)


def _links(site: _Site) -> Iterator[tuple[str, str, str]]:
    outdir = site.outdir
    for path in sorted(outdir.rglob("*.html")):
        if "_static" in path.parts:
            continue
        base = path.relative_to(outdir).as_posix()
        page = site.soup(path)
        for link in page.select("a[href]"):
            if _is_ours(link) and not urlsplit(str(link["href"])).scheme:
                # a box of a drawing (written into the page) links like text
                what = "graph box" if link.find_parent(class_="mt-graph") else "link"
                yield base, what, str(link["href"])
        for picture in page.select("img[src]"):
            if _is_ours(picture) and not urlsplit(str(picture["src"])).scheme:
                yield base, "picture", str(picture["src"])
        for script in page.select('script[type="application/ld+json"]'):
            for url in _json_urls(json.loads(script.get_text())):
                yield base, "JSON-LD", url
        for tip in page.select("[aria-describedby]"):
            for tip_id in str(tip["aria-describedby"]).split():
                yield base, "tooltip", f"#{tip_id}"
    exported = outdir / "modelterms.json"
    if exported.is_file():
        for term in json.loads(exported.read_text("utf-8"))["terms"]:
            yield "modelterms.json", "JSON url", term["url"]
            for page_url in term["referenced_from"]:
                yield "modelterms.json", "JSON referenced_from", page_url
    skos = outdir / "modelterms.ttl"
    if skos.is_file():
        # the concepts' IRIs are their cards' URLs; the scheme's and the
        # collections' only name them
        for match in _CONCEPT.finditer(skos.read_text("utf-8")):
            iri = match.group(1) or match.group(2)
            if "://" not in iri:
                yield "modelterms.ttl", "SKOS", iri


def follow(outdir: Path) -> tuple[list[tuple[str, str, str]], list[str]]:
    """``(file, what, href)`` of every link of the extension's in
    ``outdir`` (``file`` relative to it), and each of them that leads
    nowhere, described: each page is parsed once for both."""
    site = _Site(outdir)
    followed = list(_links(site))
    broken = []
    seen = set()
    for base, what, href in followed:
        if (base, href) in seen:
            continue
        seen.add((base, href))
        problem = site.problem(base, href)
        if problem is not None:
            broken.append(f"{base}: {what} {href!r} {problem}")
    return followed, broken


def broken_links(outdir: Path) -> list[str]:
    """Each link of :func:`follow` that leads nowhere, described."""
    return follow(outdir)[1]
