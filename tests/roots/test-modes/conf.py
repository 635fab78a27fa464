extensions = ["sphinx_modelterms"]
modelterms_fields = {"origin": "Origin"}
