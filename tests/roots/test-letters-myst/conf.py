extensions = ["myst_parser", "sphinx_modelterms"]
modelterms_fields = {"origin": "Origin"}
project = "Letters"
author = "Tests"
copyright = "2026, Tests"
version = release = "1.0"
