extensions = ["sphinx_modelterms"]
project = "Referenced"
author = "Tests"
copyright = "2026, Tests"
version = release = "1.0"
