extensions = ["sphinx_modelterms", "myst_parser"]
modelterms_fields = {"target": "Target"}
