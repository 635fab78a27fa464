extensions = ["myst_parser", "sphinx_modelterms"]
