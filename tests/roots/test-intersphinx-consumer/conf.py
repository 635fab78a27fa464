project = "Consumer"
extensions = ["sphinx.ext.intersphinx", "sphinx_modelterms"]
# the tests point this at the provider's freshly built HTML
intersphinx_mapping = {}
