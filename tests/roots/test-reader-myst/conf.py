extensions = ["myst_parser", "sphinx_modelterms"]
myst_enable_extensions = ["colon_fence"]
modelterms_fields = {"vendor": "Vendor", "open_weights": "Model's weights open"}
