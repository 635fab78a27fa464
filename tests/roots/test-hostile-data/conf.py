extensions = ["sphinx_modelterms"]
modelterms_fields = {"vendor": "Vendor"}
modelterms_term_files = ["data/*.yaml"]
