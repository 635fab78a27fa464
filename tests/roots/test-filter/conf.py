extensions = ["sphinx_modelterms"]
project = "Filter"
author = "Tests"
copyright = "2026, Tests"
version = release = "1.0"
