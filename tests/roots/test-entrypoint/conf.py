# No extensions: ``sphinx-build -b termcheck`` must find the builder through
# the package's ``sphinx.builders`` entry point, which loads the extension.
project = "Entry point"
