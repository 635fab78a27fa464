extensions = ["myst_parser", "sphinx_modelterms"]
modelterms_term_files = ["data/*.yaml", "data/*.toml", "data/*.json"]
