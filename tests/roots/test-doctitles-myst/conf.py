project = "Titles"
extensions = ["myst_parser", "sphinx_modelterms"]
modelterms_jsonld_faq = True
myst_heading_anchors = 2
