extensions = ["myst_parser", "sphinx_modelterms"]
modelterms_categories = ["Safety", "Training"]
