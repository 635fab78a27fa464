# The reST root test-adopt in MyST markdown: the same glossaries, entries,
# ids and links; tests build it with and without the extension
project = "Spoke and Sprocket"
extensions = ["myst_parser", "sphinx_modelterms"]
