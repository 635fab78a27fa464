project = "Consumer"
extensions = ["sphinx_modelterms"]
# the tests point modelterms_external at the provider's freshly built HTML
