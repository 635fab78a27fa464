extensions = ["sphinx_modelterms"]
modelterms_fields = {"target": "Target"}
