extensions = ["sphinx_modelterms"]
modelterms_categories = ["Safety", "Training"]
