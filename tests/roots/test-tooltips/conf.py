extensions = ["myst_parser", "sphinx_modelterms"]
project = "Tooltips"
html_theme = "alabaster"
