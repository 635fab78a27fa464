extensions = ["sphinx_modelterms"]
language = "fr_CA"
modelterms_autolink = "all"
