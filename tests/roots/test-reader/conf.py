extensions = ["sphinx_modelterms"]
modelterms_fields = {"vendor": "Vendor", "open_weights": "Model's weights open"}
