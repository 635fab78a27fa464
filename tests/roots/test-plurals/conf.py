extensions = ["sphinx_modelterms"]
modelterms_autolink = "all"
modelterms_checks = ["unreferenced", "related-nowhere"]
