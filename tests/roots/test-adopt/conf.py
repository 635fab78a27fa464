# A bicycle workshop's vocabulary in two of Sphinx's own glossaries; tests
# build it with and without the extension (confoverrides on extensions)
project = "Spoke and Sprocket"
extensions = ["sphinx_modelterms"]
