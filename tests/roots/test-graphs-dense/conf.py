extensions = ["myst_parser", "sphinx_modelterms"]
modelterms_categories = ["Trunk", "Branches", "Leaves"]
