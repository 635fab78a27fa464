extensions = ["sphinx_modelterms"]
modelterms_fields = {"vendor": "Vendor"}
