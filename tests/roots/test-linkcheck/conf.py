extensions = ["sphinx_modelterms"]
modelterms_term_files = ["data/*.yaml"]
# the tests point the sources at a server on this machine
linkcheck_timeout = 5
linkcheck_retries = 1
