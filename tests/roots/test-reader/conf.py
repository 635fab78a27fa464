extensions = ["sphinx_modelterms"]
modelterms_fields = {"vendor": "Vendor", "open_weights": "Open weights"}
