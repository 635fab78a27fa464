extensions = ["sphinx_modelterms", "myst_parser"]
language = "de"
modelterms_autolink = "all"
