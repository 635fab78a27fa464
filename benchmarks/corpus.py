"""A deterministic benchmark corpus, written in four flavors.

The same glossary (N terms with an alias, a category, a level and a short
definition) and the same prose (P pages holding R references in all) are
written as:

``modelterms``
    one ``term-card`` per term on glossary pages, ``:mt:`` references, an
    A-Z ``term-index`` page; tooltips and back-references on (the
    defaults).  With ``term_files`` the terms live in a JSON term file and
    their pages are generated.
``glossary``
    Sphinx's own ``.. glossary::`` (the alias as a second term line) and
    ``:term:`` references.
``glossary-adopted``
    the ``glossary`` flavor byte for byte, with ``sphinx_modelterms`` added
    to ``extensions`` in ``conf.py``: what a project that has Sphinx's
    glossary pays for adopting it (``modelterms_adopt_glossary``, on by
    default).
``plain``
    the same words as definition lists and plain text: no glossary and no
    references, the floor.

Every prose paragraph also names one term in plain text, which is what
``modelterms_autolink`` finds.  Nothing depends on the clock or on hash
order: two calls with the same sizes write the same bytes.

    python benchmarks/corpus.py OUT --terms 2000 --pages 400 --refs 50000
    python benchmarks/corpus.py OUT --size medium

``SIZES`` names the three sizes the runner builds: small (150 terms, 30
pages, 50 references a page), medium (800 terms, 120 pages, 60 a page) and
large (2,000 terms, 400 pages, 125 a page).
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass
from pathlib import Path

__all__ = ["ADOPTED", "FLAVORS", "Corpus", "Size", "write_corpus"]

#: Sphinx's glossary, with the extension added to adopt it
ADOPTED = "glossary-adopted"
FLAVORS = ("plain", "glossary", "modelterms", ADOPTED)

CATEGORIES = (
    "Training",
    "Inference",
    "Safety",
    "Data",
    "Evaluation",
    "Architecture",
    "Prompting",
    "Retrieval",
)
LEVELS = ("beginner", "intermediate", "advanced")
TERMS_PER_PAGE = 50
REFS_PER_PARAGRAPH = 5

# Two word lists whose pairs name the terms (40 x 50 = 2,000 distinct pairs;
# beyond that a third word is added).
ADJECTIVES = [
    "sparse",
    "dense",
    "latent",
    "causal",
    "masked",
    "gated",
    "residual",
    "shared",
    "frozen",
    "adaptive",
    "robust",
    "greedy",
    "stochastic",
    "mixed",
    "quantized",
    "pruned",
    "distilled",
    "contrastive",
    "supervised",
    "grounded",
    "aligned",
    "hidden",
    "layered",
    "parallel",
    "cached",
    "streamed",
    "batched",
    "weighted",
    "scaled",
    "normalized",
    "rotary",
    "relative",
    "absolute",
    "lossy",
    "implicit",
    "explicit",
    "recursive",
    "iterative",
    "federated",
    "synthetic",
]
NOUNS = [
    "attention",
    "gradient",
    "decoder",
    "encoder",
    "tokenizer",
    "embedding",
    "sampler",
    "adapter",
    "router",
    "kernel",
    "optimizer",
    "scheduler",
    "critic",
    "policy",
    "reward",
    "verifier",
    "retriever",
    "reranker",
    "index",
    "prompt",
    "template",
    "filter",
    "detector",
    "classifier",
    "probe",
    "head",
    "layer",
    "block",
    "window",
    "buffer",
    "cache",
    "memory",
    "planner",
    "agent",
    "evaluator",
    "benchmark",
    "metric",
    "loss",
    "objective",
    "penalty",
    "regularizer",
    "dataset",
    "corpus",
    "shard",
    "checkpoint",
    "ensemble",
    "pipeline",
    "monitor",
    "guard",
]
FILLER = [
    "the",
    "model",
    "then",
    "uses",
    "this",
    "during",
    "training",
    "and",
    "at",
    "inference",
    "so",
    "that",
    "results",
    "stay",
    "stable",
    "across",
    "runs",
    "while",
    "the",
    "team",
    "measures",
    "what",
    "changes",
    "when",
    "data",
    "grows",
    "and",
    "budgets",
    "shrink",
    "over",
    "several",
    "weeks",
    "of",
    "careful",
    "work",
]


@dataclass(frozen=True, slots=True)
class Size:
    terms: int
    pages: int
    refs: int

    @property
    def refs_per_page(self) -> float:
        """References on a prose page, on average."""
        return self.refs / self.pages


#: small: fixed costs weigh most; large: the shape the targets are set for;
#: medium, between them, shows how the ratios move with the glossary's shape
SIZES = {
    "small": Size(terms=150, pages=30, refs=1500),
    "medium": Size(terms=800, pages=120, refs=7200),
    "large": Size(terms=2000, pages=400, refs=50000),
}


@dataclass(frozen=True, slots=True)
class Term:
    index: int
    id: str
    title: str
    alias: str
    category: str
    level: str
    summary: str
    related: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Corpus:
    """What was written: enough for the runner to make edits and to know
    which pages show a term."""

    root: Path
    flavor: str
    terms: tuple[Term, ...]
    #: the prose pages (docnames) that reference each term
    referenced_on: dict[int, tuple[str, ...]]
    #: the docname of each term's glossary page
    glossary_page: dict[int, str]

    def prose_page(self, number: int) -> Path:
        return self.root / f"prose/p{number:04d}.rst"


def _terms(count: int, rng: random.Random) -> list[Term]:
    terms = []
    pairs = [(a, n) for n in NOUNS for a in ADJECTIVES]
    for i in range(count):
        adjective, noun = pairs[i % len(pairs)]
        words = [adjective, noun]
        if i >= len(pairs):
            words.append(ADJECTIVES[(i // len(pairs)) % len(ADJECTIVES)] + "ness")
        title = " ".join(words).capitalize()
        alias = "".join(w[0] for w in words).upper() + str(i)
        summary = (
            f"A {words[0]} {words[1]} keeps "
            + " ".join(rng.choice(FILLER) for _ in range(14))
            + "."
        )
        related = tuple(sorted({(i + 1) % count, (i + 7) % count} - {i}))
        terms.append(
            Term(
                index=i,
                id=f"t{i:04d}-{words[0]}-{words[1]}",
                title=title,
                alias=alias,
                category=CATEGORIES[i % len(CATEGORIES)],
                level=LEVELS[i % len(LEVELS)],
                summary=summary,
                related=related,
            )
        )
    return terms


def _reference(flavor: str, term: Term, style: int) -> str:
    """One reference to ``term``: by title, by alias, or with own text."""
    text = (term.title, term.alias, f"this {term.title.lower()}")[style]
    if flavor == "plain":
        return text
    if flavor == "glossary":
        if style == 2:
            return f":term:`{text} <{term.title}>`"
        return f":term:`{text}`"
    if style == 2:
        return f":mt:`{text} <{term.id}>`"
    return f":mt:`{text}`"


def _glossary_page(
    flavor: str, number: int, terms: list[Term], everyone: list[Term]
) -> str:
    title = f"Glossary part {number}"
    out = [title, "=" * len(title), ""]
    if flavor == "modelterms":
        for term in terms:
            related = ", ".join(everyone[r].id for r in term.related)
            out += [
                f".. term-card:: {term.title}",
                f"   :id: {term.id}",
                f"   :aliases: {term.alias}",
                f"   :category: {term.category}",
                f"   :level: {term.level}",
                f"   :related: {related}",
                "",
                f"   {term.summary}",
                "",
            ]
        return "\n".join(out)
    if flavor == "glossary":
        out += [".. glossary::", ""]
        for term in terms:
            see = ", ".join(f":term:`{everyone[r].title}`" for r in term.related)
            out += [
                f"   {term.title}",
                f"   {term.alias}",
                f"      {term.summary}",
                "",
                f"      Category: {term.category}. Level: {term.level}."
                f" See also {see}.",
                "",
            ]
        return "\n".join(out)
    for term in terms:
        see = ", ".join(everyone[r].title for r in term.related)
        out += [
            f"{term.title} ({term.alias})",
            f"   {term.summary}",
            "",
            f"   Category: {term.category}. Level: {term.level}. See also {see}.",
            "",
        ]
    return "\n".join(out)


def _term_file(terms: list[Term]) -> str:
    """The terms as a JSON term file."""
    import json

    records = [
        {
            "title": t.title,
            "id": t.id,
            "aliases": [t.alias],
            "category": t.category,
            "level": t.level,
            "related": [terms[r].id for r in t.related],
            "summary": t.summary,
        }
        for t in terms
    ]
    return json.dumps({"terms": records}, indent=1) + "\n"


def _prose_page(
    flavor: str, number: int, refs: int, terms: list[Term], rng: random.Random
) -> tuple[str, set[int]]:
    title = f"Prose page {number}"
    out = [title, "=" * len(title), ""]
    used: set[int] = set()
    left = refs
    while left > 0:
        sentence = []
        for _ in range(min(REFS_PER_PARAGRAPH, left)):
            term = rng.choice(terms)
            used.add(term.index)
            words = " ".join(rng.choice(FILLER) for _ in range(8))
            sentence.append(f"{words} {_reference(flavor, term, rng.randrange(3))}")
        left -= REFS_PER_PARAGRAPH
        mention = rng.choice(terms).title.lower()
        out += [", ".join(sentence) + f"; compare the {mention} as well.", ""]
    return "\n".join(out), used


def write_corpus(
    root: Path, flavor: str, size: Size, term_files: bool = False, seed: int = 0
) -> Corpus:
    """Write one flavor of the corpus into ``root`` (which must not exist)."""
    if flavor not in FLAVORS:
        raise ValueError(f"unknown flavor {flavor!r}")
    # the adopted flavor writes the glossary flavor's pages, and only its
    # conf.py differs
    written, flavor = flavor, "glossary" if flavor == ADOPTED else flavor
    rng = random.Random(seed)
    terms = _terms(size.terms, rng)
    root.mkdir(parents=True)
    (root / "prose").mkdir()
    conf = ["project = 'Benchmark'", "exclude_patterns = ['_build']"]
    toc = []
    glossary_page: dict[int, str] = {}
    if flavor == "modelterms":
        conf.append("extensions = ['sphinx_modelterms']")
        conf.append(f"modelterms_categories = {list(CATEGORIES)!r}")
    if written == ADOPTED:
        conf.append("extensions = ['sphinx_modelterms']")
    if flavor == "modelterms" and term_files:
        conf.append("modelterms_term_files = ['terms.json']")
        conf.append("modelterms_generated_dir = 'generated'")
        (root / "terms.json").write_text(_term_file(terms), "utf-8")
        toc.append("generated/index")
        glossary_page = {t.index: f"generated/{t.id}" for t in terms}
    else:
        (root / "glossary").mkdir()
        for start in range(0, size.terms, TERMS_PER_PAGE):
            number = start // TERMS_PER_PAGE
            chunk = terms[start : start + TERMS_PER_PAGE]
            name = f"glossary/g{number:03d}"
            (root / f"{name}.rst").write_text(
                _glossary_page(flavor, number, chunk, terms), "utf-8"
            )
            toc.append(name)
            glossary_page.update((t.index, name) for t in chunk)
    if flavor == "modelterms":
        (root / "a-z.rst").write_text(
            "All terms, A to Z\n=================\n\n.. term-index::\n", "utf-8"
        )
        toc.append("a-z")
    referenced_on: dict[int, list[str]] = {}
    per_page, extra = divmod(size.refs, size.pages)
    for number in range(size.pages):
        refs = per_page + (1 if number < extra else 0)
        text, used = _prose_page(flavor, number, refs, terms, rng)
        name = f"prose/p{number:04d}"
        (root / f"{name}.rst").write_text(text, "utf-8")
        toc.append(name)
        for index in used:
            referenced_on.setdefault(index, []).append(name)
    (root / "conf.py").write_text("\n".join(conf) + "\n", "utf-8")
    entries = "\n".join(f"   {name}" for name in toc)
    (root / "index.rst").write_text(
        f"Benchmark\n=========\n\n.. toctree::\n   :maxdepth: 1\n\n{entries}\n",
        "utf-8",
    )
    return Corpus(
        root=root,
        flavor=written,
        terms=tuple(terms),
        referenced_on={k: tuple(v) for k, v in referenced_on.items()},
        glossary_page=glossary_page,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--flavor", choices=FLAVORS, default="modelterms")
    parser.add_argument(
        "--size",
        choices=list(SIZES),
        default="small",
        help="a named size; --terms, --pages and --refs change parts of it",
    )
    parser.add_argument("--terms", type=int)
    parser.add_argument("--pages", type=int)
    parser.add_argument("--refs", type=int)
    parser.add_argument("--term-files", action="store_true")
    args = parser.parse_args()
    named = SIZES[args.size]
    size = Size(
        named.terms if args.terms is None else args.terms,
        named.pages if args.pages is None else args.pages,
        named.refs if args.refs is None else args.refs,
    )
    write_corpus(args.out, args.flavor, size, term_files=args.term_files)


if __name__ == "__main__":
    main()
