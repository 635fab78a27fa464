project = "Links"
extensions = ["myst_parser", "sphinx_modelterms"]
modelterms_card_graph = True
# MyST-Parser 4 finds "page.md#name" only among heading anchors
myst_heading_anchors = 2
