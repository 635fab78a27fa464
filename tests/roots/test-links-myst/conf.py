project = "Links"
extensions = ["myst_parser", "sphinx_modelterms"]
modelterms_card_graph = True
