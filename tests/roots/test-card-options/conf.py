extensions = ["myst_parser", "sphinx_modelterms"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
myst_enable_extensions = ["colon_fence"]
version = "2.0"
