extensions = ["myst_parser", "sphinx_modelterms"]
myst_enable_extensions = ["colon_fence"]
modelterms_autolink = "all"
modelterms_checks = ["unreferenced", "related-nowhere"]
