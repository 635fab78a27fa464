extensions = ["sphinx_modelterms"]
