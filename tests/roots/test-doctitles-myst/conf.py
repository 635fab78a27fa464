project = "Titles"
extensions = ["myst_parser", "sphinx_modelterms"]
modelterms_jsonld_faq = True
