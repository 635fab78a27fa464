extensions = ["sphinx_modelterms"]
locale_dirs = ["locale"]
