# A glossary translated through a catalog; the prose links the entries by
# their names in the source language, as translated prose usually does
project = "Translated"
extensions = ["sphinx_modelterms"]
language = "de"
locale_dirs = ["locale"]
