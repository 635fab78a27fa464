extensions = ["sphinx_modelterms"]
modelterms_categories = ["Training", "Safety", "Inference"]
