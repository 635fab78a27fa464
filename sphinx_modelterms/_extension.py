"""All of the extension's wiring, in build-phase order.

=========================  ================================================
Phase / event              What we do
=========================  ================================================
setup                      Config values, domain, directives, role, nodes,
                           transforms.
``config-inited``          Validate ``modelterms_*``; the static folder.
``builder-inited``         Message catalog; pages generated from term files
                           (written only when changed); the stylesheet for
                           HTML; the tooltip script and post-transform where
                           tooltips show.
``env-before-read-docs``   At ``-j N``, from here to ``build-finished``,
                           freeze the collector's objects before each fork.
read (directives, roles)   Record terms and used targets in the domain.
read transform (200)       A one-card page takes the card's title.
read transform (790)       After translation and smart quotes, the card's
                           text as shown becomes the term's record.
read transform (791)       Glossary entries adopted as terms; ``:term:``
                           links noted as uses.
``env-purge-doc``, merge   The domain's ``clear_doc``, ``merge_domaindata``
                           (which record, and warn about nothing).
``env-updated``            Term-file additions set on adopted glossary
                           entries; warn once about duplicate ids; return
                           the pages whose cards or links show a changed
                           term.
``env-check-consistency``  The checks ``modelterms_checks`` names, as
                           ``modelterms.check`` warnings; auto-linking
                           exclusions that name no term.
post-transform (4)         Auto-linking of mentions (off by default).
post-transform (5)         Fill cards (related terms, questions,
                           comparisons, back-references) and build the
                           compare, index and table placeholders (in HTML,
                           with their filter boxes); adopted glossary
                           entries' badges and back-references, where
                           asked for.
post-transform (6)         Term graphs: drawings for HTML and LaTeX, lists
                           elsewhere or without Graphviz.
post-transform (9)         Nitpicky builds: copies of a card's references
                           resolved quietly (the card warns, once).
``warn-missing-reference`` After every resolver, intersphinx included:
                           warn ``unknown`` (not for copies of a card's
                           references).
post-transform (11)        HTML: ``:term:`` links to adopted entries become
                           term links (tooltips, hooks), as Sphinx made them.
post-transform (20)        Mark the text left unlinked ``mt-missing``;
                           singlehtml: links Sphinx resolved in cards and
                           tables keep one ``#``.
``html-page-context``      schema.org JSON-LD for the page's cards; the
                           filter script where a listing has a box.
``build-finished``         HTML: ``modelterms.json`` and ``modelterms.ttl``,
                           unless what they hold is unchanged; the
                           tooltips rendered, for the next build; first of
                           all, forks freeze nothing more for this build.
post-transform (30)        HTML pages: one tooltip per linked term, and
                           ``aria-describedby`` on its links.
=========================  ================================================
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from ._version import __version__
from .adopt import (
    AdoptGlossaryTransform,
    AdoptTermLinksPostTransform,
    GlossaryDetailsPostTransform,
)
from .checks import TermCheckBuilder, warn_selected_checks
from .config import register as register_config
from .config import validate as validate_config
from .directives import (
    TermCardDirective,
    TermCompareDirective,
    TermExampleDirective,
    TermFaqDirective,
    TermGraphDirective,
    TermIndexDirective,
    TermTableDirective,
)
from .domain import ModelTermsDomain
from .drawings import visit_graph_html, visit_graph_latex
from .duplicates import separate_namesakes, warn_duplicates
from .enrich import apply_additions
from .exports.files import write_exports
from .exports.jsonld import add_jsonld
from .filterbox import add_filter_script, visit_filterbox_html
from .forking import end_build, start_build
from .html import (
    add_static_path,
    depart_card_latex,
    depart_card_texinfo,
    depart_reference_html,
    depart_tooltip_html,
    register_assets,
    skip_node,
    tooltips_shown,
    visit_card_latex,
    visit_card_texinfo,
    visit_cell_label_html,
    visit_fragment_html,
    visit_pagelist_html,
    visit_reference_html,
    visit_tooltip_html,
    visit_tooltips_html,
)
from .i18n import register_catalog
from .incremental import on_env_updated
from .nodes import (
    PLACEHOLDERS,
    mt_backrefs,
    mt_card,
    mt_cell_label,
    mt_comparisons,
    mt_example,
    mt_faq,
    mt_faq_entry,
    mt_filterbox,
    mt_fragment,
    mt_graph,
    mt_pagelist,
    mt_reference,
    mt_related,
    mt_tooltip,
    mt_tooltips,
)
from .roles import TermRole
from .sources.external import load_external
from .sources.generate import generate_term_pages
from .tipcache import save_tooltips
from .transforms.autolink import AutolinkPostTransform, warn_unknown_exclusions
from .transforms.cardtext import CardTextTransform
from .transforms.copies import QuietCopiesPostTransform
from .transforms.fill import FillPostTransform
from .transforms.graphs import GraphsPostTransform, warn_if_no_dot
from .transforms.missing import MarkMissingPostTransform, on_warn_missing_reference
from .transforms.onepage import OnePageAnchorsPostTransform
from .transforms.page import TermPageTransform
from .transforms.tooltips import TooltipsPostTransform

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.util.typing import ExtensionMetadata

__all__ = ["ENV_VERSION", "setup_extension"]

ENV_VERSION = ModelTermsDomain.data_version
"""The domain's: it changes whenever a stored record changes shape."""


def _on_config_inited(app: Sphinx, config: Config) -> None:
    validate_config(app, config)
    add_static_path(app, config)


def _on_builder_inited(app: Sphinx) -> None:
    domain = cast("ModelTermsDomain", app.env.get_domain("mt"))
    domain.build.builder = app.builder
    domain.build.fresh = bool(app.fresh_env_used)
    register_catalog(app)
    generate_term_pages(app)  # before Sphinx looks for source files
    load_external(app)  # other projects' term sets, cached in the domain
    register_assets(app)
    if tooltips_shown(app):
        # only now is the builder known; transforms are looked up at write time
        app.add_post_transform(TooltipsPostTransform)


def setup_extension(app: Sphinx) -> ExtensionMetadata:
    # -- config; Sphinx's graphviz extension draws the term graphs
    app.setup_extension("sphinx.ext.graphviz")
    register_config(app)
    app.connect("config-inited", _on_config_inited)  # validate, static files

    # -- read: the domain stores terms; directives and the role feed it
    app.add_domain(ModelTermsDomain)
    app.add_directive("term-card", TermCardDirective)
    app.add_directive("term-example", TermExampleDirective)
    app.add_directive("term-faq", TermFaqDirective)
    app.add_directive("term-compare", TermCompareDirective)
    app.add_directive("term-index", TermIndexDirective)
    app.add_directive("term-table", TermTableDirective)
    app.add_directive("term-graph", TermGraphDirective)
    app.add_role("mt", TermRole())  # bare :mt: = :mt:term:
    app.add_transform(TermPageTransform)  # before Sphinx collects titles
    app.add_transform(CardTextTransform)  # every copy shows the card's text
    app.add_transform(AdoptGlossaryTransform)  # Sphinx's glossary entries

    # -- nodes: registered so docutils' generic visitors know them; Sphinx's
    #    translators use the base class's visitor, except for two hooks
    for node in (
        mt_example,
        mt_faq,
        mt_faq_entry,
        mt_related,
        mt_comparisons,
        mt_backrefs,
        *PLACEHOLDERS,
    ):
        app.add_node(node)
    app.add_node(mt_reference, html=(visit_reference_html, depart_reference_html))
    app.add_node(mt_tooltip, html=(visit_tooltip_html, depart_tooltip_html))
    app.add_node(mt_tooltips, html=(visit_tooltips_html, skip_node))
    app.add_node(mt_pagelist, html=(visit_pagelist_html, skip_node))
    app.add_node(mt_cell_label, html=(visit_cell_label_html, skip_node))
    app.add_node(mt_fragment, html=(visit_fragment_html, skip_node))
    app.add_node(  # only HTML pages get one; no other format shows it
        mt_filterbox,
        html=(visit_filterbox_html, None),
        latex=(skip_node, None),
        text=(skip_node, None),
        man=(skip_node, None),
        texinfo=(skip_node, None),
    )
    app.add_node(
        mt_graph,
        html=(visit_graph_html, None),
        latex=(visit_graph_latex, None),
        text=(skip_node, None),
        man=(skip_node, None),
        texinfo=(skip_node, None),
    )
    app.add_node(
        mt_card,
        latex=(visit_card_latex, depart_card_latex),
        texinfo=(visit_card_texinfo, depart_card_texinfo),
    )

    # -- finish: the term set for other projects and tools (HTML builds)
    app.connect("build-finished", write_exports)
    app.connect("build-finished", save_tooltips)  # for the next build
    # -j N: forks freeze no more, even when a later handler fails
    app.connect("build-finished", end_build, priority=0)

    # -- the glossary health report: sphinx-build -b termcheck
    app.add_builder(TermCheckBuilder)

    # -- builder setup: catalog and (HTML only) assets
    app.connect("builder-inited", _on_builder_inited)

    # -- reading starts: at -j N, workers' collectors skip what they inherit
    app.connect("env-before-read-docs", start_build)

    # -- after reading, every worker's records merged: duplicate ids warned
    #    about once (before the next handler forgets which pages were read),
    #    then the pages whose cards or links show a changed term
    app.connect("env-updated", separate_namesakes)  # glossary entries' ids
    app.connect("env-updated", apply_additions)  # term files to glossary entries
    app.connect("env-updated", warn_duplicates)
    app.connect("env-updated", on_env_updated)
    app.connect("env-updated", warn_if_no_dot)  # once per build

    # -- global checks: in the main process, every worker's records merged,
    #    once per build that read anything (Sphinx's toctree checks run there
    #    too), before writing; an unchanged rebuild reads, writes and warns
    #    nothing
    app.connect("env-check-consistency", warn_selected_checks)
    app.connect("env-check-consistency", warn_unknown_exclusions)

    # -- write: fill placeholders, Sphinx (and intersphinx) resolve, and what
    #    stayed unresolved is warned about and marked
    app.add_post_transform(AutolinkPostTransform)  # author text only: before fill
    app.add_post_transform(FillPostTransform)
    app.add_post_transform(GlossaryDetailsPostTransform)  # off by default
    app.add_post_transform(GraphsPostTransform)
    app.connect("warn-missing-reference", on_warn_missing_reference)
    app.add_post_transform(AdoptTermLinksPostTransform)  # :term: links, HTML
    app.add_post_transform(QuietCopiesPostTransform)  # nitpicky: copies warn not
    app.add_post_transform(MarkMissingPostTransform)
    app.add_post_transform(OnePageAnchorsPostTransform)  # singlehtml's "#a#b"
    app.connect("html-page-context", add_jsonld)  # schema.org JSON-LD
    app.connect("html-page-context", add_filter_script)  # pages with a box
    # (TooltipsPostTransform is added at builder-inited, for HTML pages only)

    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
