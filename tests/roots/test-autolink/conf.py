extensions = ["sphinx_modelterms"]
modelterms_autolink = "all"
