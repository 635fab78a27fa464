project = "Provider"
version = release = "1.0"
extensions = ["sphinx_modelterms"]
