extensions = ["sphinx_modelterms", "myst_parser"]
