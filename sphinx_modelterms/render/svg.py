"""Graphviz's SVG made fit to sit inside an HTML page.

A drawing is written into the page rather than linked as a separate file,
so that the page's stylesheet reaches it: its boxes, lines and labels take
the theme's colours (light or dark), its links are the page's own, and
nothing waits for a script or a second download to show it (on screen or
in print).  What that takes:

* plain element and attribute names (the HTML parser does not read XML
  namespace prefixes), with ``href`` for ``xlink:href``;
* ids made unique on the page with a prefix per drawing;
* each box's ``<title>`` (the hover text) set to the term's title and short
  definition, and ``data-mt-term`` naming the term (``data-mt-category``
  on a box that stands for another category's drawing);
* a smallest width at which the labels are still :data:`MIN_LABEL_PX`
  pixels high: the picture shrinks with a narrow page down to that width,
  and the page scrolls it sideways beyond.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from ..naming import xml_safe
from .graph import FONT_SIZE, tip

if TYPE_CHECKING:
    from .graph import Drawing

__all__ = ["MIN_LABEL_PX", "inline_svg"]

MIN_LABEL_PX = 12
"""The smallest height, in CSS pixels, a drawing's labels are shown at."""
SVG = "http://www.w3.org/2000/svg"
XLINK = "{http://www.w3.org/1999/xlink}"


def _local(name: str) -> str:
    return name.rpartition("}")[2]


def inline_svg(svg: str, drawing: Drawing, urls: dict[str, str], prefix: str) -> str:
    """``svg`` as markup for the page, its boxes linked to ``urls`` (by box
    key) and its ids starting with ``prefix``; empty when ``svg`` cannot be
    read as XML."""
    try:
        root = ET.fromstring(svg)
    except ET.ParseError:
        return ""
    boxes = {box.key: box for box in drawing.nodes}
    for element in root.iter():
        element.tag = _local(str(element.tag))
        attributes = dict(element.attrib)
        element.attrib.clear()
        for name, value in attributes.items():
            if name == f"{XLINK}href":
                element.set("href", value)
            elif not name.startswith("{"):  # xlink:title: the <title> says it
                element.set(name, f"{prefix}-{value}" if name == "id" else value)
    for group in root.iter("g"):
        title = group.find("title")
        classes = (group.get("class") or "").split()
        if title is None:
            continue
        if "graph" in classes:  # the picture's own name: no hover text
            group.remove(title)
            continue
        box = boxes.get(title.text or "") if "node" in classes else None
        if box is None:
            continue
        title.text = xml_safe(tip(box))
        if box.docname:
            group.set("data-mt-term", box.key)
        else:  # a box that stands for another category's drawing
            group.set("data-mt-category", box.category)
        for link in group.iter("a"):
            link.set("href", urls.get(box.key, ""))
            link.attrib.pop("target", None)
    root.set("xmlns", SVG)  # (what XHTML pages, such as EPUB's, need)
    root.set("class", "mt-graph-svg")
    root.set("style", f"min-width: {_least_width(root)}px")
    return ET.tostring(root, encoding="unicode", short_empty_elements=True)


def _least_width(root: ET.Element) -> int:
    """Pixels wide the picture must stay for its labels (``FONT_SIZE``
    units of its view box) to be ``MIN_LABEL_PX`` pixels high."""
    try:
        width = float((root.get("viewBox") or "").split()[2])
    except (IndexError, ValueError):
        return 0
    return math.ceil(width * MIN_LABEL_PX / FONT_SIZE)
