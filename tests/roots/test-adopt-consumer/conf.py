# Links to the adopted glossary of another project (tests/roots/test-adopt),
# through intersphinx; the tests point the mapping at its built HTML
project = "Consumer of a bicycle glossary"
extensions = ["sphinx.ext.intersphinx", "sphinx_modelterms"]
intersphinx_mapping = {}
