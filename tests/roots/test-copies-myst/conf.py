extensions = ["myst_parser", "sphinx_modelterms"]
myst_enable_extensions = ["colon_fence"]
locale_dirs = ["locale"]
