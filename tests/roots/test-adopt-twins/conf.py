# Glossary entries that Sphinx itself warns about (one term on two pages),
# and two titles of one slug on a page
project = "Twins"
extensions = ["sphinx_modelterms"]
